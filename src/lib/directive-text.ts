// The district's 2023 letter as published (data/reference/directive-2023-thuy-nguyen-vi.md, a verbatim
// transcription) turned into blocks a page renders as elements. The transcription uses a small part of
// Markdown: "#" headings (its numbered sections, at two levels by accident of typing, so the page puts them
// all at one), "- " list items, **bold** and ***bold italic***, and a line ending in two spaces for a line
// break. Nothing else is needed, so no Markdown library: text never becomes HTML.

export interface Inline { text: string; strong?: boolean; em?: boolean; br?: boolean }
export type Block =
  | { kind: 'heading'; text: string; section: number | null }
  | { kind: 'paragraph'; inline: Inline[] }
  | { kind: 'list'; items: Inline[][] };

/** Emphasis markers and hard line breaks of one block's text (its lines joined by "\n" where broken). */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let strong = false;
  let em = false;
  for (const token of text.split(/(\*\*\*|\*\*|\n)/)) {
    if (token === '***') { strong = !strong; em = !em; continue; }
    if (token === '**') { strong = !strong; continue; }
    if (token === '\n') { out.push({ text: '', br: true }); continue; }
    if (token === '') continue;
    out.push({ text: token, ...(strong ? { strong } : {}), ...(em ? { em } : {}) });
  }
  return out;
}

/** The block's lines as one text: a line ending in two spaces breaks, other lines join with a space. */
function joinLines(lines: string[]): string {
  return lines.map((l, i) => (i < lines.length - 1 ? (/ {2,}$/.test(l) ? `${l.trimEnd()}\n` : `${l.trimEnd()} `) : l.trim())).join('');
}

export function parseDirective(markdown: string): Block[] {
  const blocks: Block[] = [];
  const chunks = markdown.replace(/\r\n?/g, '\n').split(/\n\s*\n/).map((c) => c.split('\n').filter((l) => l.trim() !== '')).filter((c) => c.length > 0);
  for (const lines of chunks) {
    const first = lines[0]!;
    const heading = /^#{1,6}\s+(.*)$/.exec(first);
    if (heading) {
      const text = heading[1]!.replace(/\*+/g, '').trim();
      const n = /^(\d+)\./.exec(text);
      blocks.push({ kind: 'heading', text, section: n ? Number(n[1]) : null });
      continue;
    }
    if (lines.every((l) => /^\s*- /.test(l))) {
      const items = lines.map((l) => parseInline(l.replace(/^\s*- /, '').trim()));
      const last = blocks[blocks.length - 1];
      // a list the transcription broke with blank lines is still one list
      if (last?.kind === 'list') last.items.push(...items);
      else blocks.push({ kind: 'list', items });
      continue;
    }
    blocks.push({ kind: 'paragraph', inline: parseInline(joinLines(lines)) });
  }
  return blocks;
}

/** The plain text of some inlines (tests, search). */
export function plainText(inline: Inline[]): string {
  return inline.map((i) => (i.br ? '\n' : i.text)).join('');
}
