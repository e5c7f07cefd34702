#!/usr/bin/env python3
"""Compare the visible text (whitespace removed) and the text attributes of two built sites, page by page:
   python3 scripts/dev/visible-text-diff.py /work/baseline/dist dist [-v]"""
import sys, os, re, difflib
from html.parser import HTMLParser

ATTRS = ('aria-label', 'title', 'alt', 'content', 'placeholder')

class Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0; self.text = []; self.attrs = []
    def handle_starttag(self, tag, attrs):
        if tag in ('script', 'style'): self.skip += 1
        for k, v in attrs:
            if k in ATTRS and v: self.attrs.append(f'{tag}@{k}={v}')
    def handle_endtag(self, tag):
        if tag in ('script', 'style'): self.skip -= 1
    def handle_data(self, d):
        if not self.skip: self.text.append(d)

def extract(path):
    p = Text(); p.feed(open(path, encoding='utf-8').read())
    text = re.sub(r'\s+', '', ''.join(p.text))
    return text, [re.sub(r'\s+', ' ', a) for a in p.attrs]

def pages(root):
    out = {}
    for d, _, fs in os.walk(root):
        for f in fs:
            if f.endswith('.html'): out[os.path.relpath(os.path.join(d, f), root)] = os.path.join(d, f)
    return out

base, new = pages(sys.argv[1]), pages(sys.argv[2])
only = sorted(set(base) ^ set(new))
common = sorted(set(base) & set(new))
textdiff, attrdiff = [], []
for rel in common:
    bt, ba = extract(base[rel]); nt, na = extract(new[rel])
    if bt != nt: textdiff.append((rel, bt, nt))
    if ba != na: attrdiff.append((rel, ba, na))
print(f'pages compared: {len(common)}; only in one build: {len(only)} {only[:5]}')
print(f'visible text differs: {len(textdiff)}; text attributes differ: {len(attrdiff)}')
verbose = len(sys.argv) > 3
for rel, bt, nt in textdiff[: (1000 if verbose else 8)]:
    sm = difflib.SequenceMatcher(None, bt, nt, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != 'equal':
            print(f'  {rel}: {op} [{bt[max(0,i1-40):i2+20]}] -> [{nt[max(0,j1-40):j2+20]}]')
for rel, ba, na in attrdiff[:8]:
    for l in difflib.unified_diff(ba, na, lineterm='', n=0):
        if not l.startswith(('---', '+++', '@@')): print(f'  {rel}: {l[:200]}')
