// A structural check of an Atom feed (RFC 4287), parsed with jsdom's XML parser: the problems found, none when valid.
import { JSDOM } from 'jsdom';

export const ATOM_NS = 'http://www.w3.org/2005/Atom';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function isIri(text: string): boolean {
  try {
    return Boolean(new URL(text).protocol);
  } catch {
    return false;
  }
}

export interface AtomEntry { id: string; title: string; updated: string; links: { rel: string; href: string; type: string | null }[]; summary: string }

export function parseAtom(xml: string): { problems: string[]; entries: AtomEntry[]; feed: Element | null } {
  const problems: string[] = [];
  const doc = new JSDOM(xml, { contentType: 'application/xml' }).window.document;
  if (doc.getElementsByTagName('parsererror').length) return { problems: ['not well-formed XML'], entries: [], feed: null };
  const feed = doc.documentElement;
  if (feed.localName !== 'feed' || feed.namespaceURI !== ATOM_NS) problems.push(`root is not atom:feed: ${feed.namespaceURI} ${feed.localName}`);
  const children = (parent: Element, name: string) => [...parent.children].filter((c) => c.namespaceURI === ATOM_NS && c.localName === name);
  const one = (parent: Element, name: string, where: string): Element | null => {
    const found = children(parent, name);
    if (found.length !== 1) problems.push(`${where}: ${found.length} atom:${name} (exactly one required)`);
    return found[0] ?? null;
  };
  const checkCommon = (el: Element, where: string) => {
    const id = one(el, 'id', where)?.textContent ?? '';
    if (!isIri(id)) problems.push(`${where}: atom:id is not an IRI: ${id}`);
    if (!(one(el, 'title', where)?.textContent ?? '').trim()) problems.push(`${where}: empty atom:title`);
    const updated = one(el, 'updated', where)?.textContent ?? '';
    if (!RFC3339.test(updated)) problems.push(`${where}: atom:updated is not an RFC 3339 date-time: ${updated}`);
    for (const link of children(el, 'link')) if (!link.getAttribute('href')) problems.push(`${where}: atom:link without href`);
    const alternates = children(el, 'link').filter((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate');
    const pairs = alternates.map((l) => `${l.getAttribute('type')}|${l.getAttribute('hreflang')}`);
    if (new Set(pairs).size !== pairs.length) problems.push(`${where}: two alternate links of the same type and hreflang`);
    return id;
  };
  checkCommon(feed, 'feed');
  const feedAuthor = children(feed, 'author');
  for (const a of feedAuthor) if (!(children(a, 'name')[0]?.textContent ?? '').trim()) problems.push('feed: atom:author without a name');
  const entries: AtomEntry[] = [];
  const ids = new Set<string>();
  children(feed, 'entry').forEach((entry, i) => {
    const where = `entry ${i + 1}`;
    const id = checkCommon(entry, where);
    if (ids.has(id)) problems.push(`${where}: duplicate atom:id ${id}`);
    ids.add(id);
    if (!feedAuthor.length && !children(entry, 'author').length) problems.push(`${where}: no atom:author in the entry or the feed`);
    const links = children(entry, 'link').map((l) => ({ rel: l.getAttribute('rel') ?? 'alternate', href: l.getAttribute('href') ?? '', type: l.getAttribute('type') }));
    if (!children(entry, 'content').length && !links.some((l) => l.rel === 'alternate')) problems.push(`${where}: neither atom:content nor an alternate link`);
    const summary = children(entry, 'summary')[0]?.textContent ?? '';
    if (!summary.trim()) problems.push(`${where}: no atom:summary`);
    entries.push({ id, title: children(entry, 'title')[0]?.textContent ?? '', updated: children(entry, 'updated')[0]?.textContent ?? '', links, summary });
  });
  return { problems, entries, feed };
}
