// public/_headers (Netlify / Cloudflare Pages syntax): what it should say, and what a host applying it
// sends for a given path. Those hosts join the values of a header set by several matching rules with a
// comma, which for Content-Security-Policy means several policies all enforced; so the rules never overlap:
// one rule per section, each carrying the whole policy with that section's frame-ancestors.
import { cspHeader } from '../../src/lib/csp';

/** Top-level sections of the site (both locales); a page outside all of them has no CSP header. */
export const SECTIONS = [
  'progress', 'deprivation', 'communes', 'agencies', 'explore', 'data', 'methodology', 'embed',
  'directive', 'monitoring', 'newly-escaped', 'lasting-exits', 'recorded-vs-rule', 'what-if',
];

export const COMMON_HEADERS: [string, string][] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
];

/** The text public/_headers must hold. */
export function expectedHeadersFile(): string {
  const lines = [
    '# Response headers for static hosts that read a _headers file (Netlify, Cloudflare Pages).',
    '# Generated from src/lib/csp.ts by support/browser/headers.ts; tests/site/quality-csp.test.ts checks they agree.',
    '# Paths assume the site at the host\'s root (no BASE_PATH). Rules never overlap: a host joins the values',
    '# of a header set twice with a comma, which would enforce two policies.',
    '/*',
    ...COMMON_HEADERS.map(([k, v]) => `  ${k}: ${v}`),
  ];
  for (const prefix of ['/', '/en/']) {
    lines.push(prefix, `  Content-Security-Policy: ${cspHeader(prefix)}`);
    for (const s of SECTIONS) {
      const path = `${prefix}${s}/`;
      lines.push(`${path}*`, `  Content-Security-Policy: ${cspHeader(path)}`);
    }
  }
  return lines.join('\n') + '\n';
}

export interface HeaderRule { pattern: string; headers: [string, string][] }

export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) { rules.push({ pattern: line.trim(), headers: [] }); continue; }
    const m = /^\s+([^:]+):\s*(.*)$/.exec(line);
    if (!m || !rules.length) throw new Error(`unreadable _headers line: ${line}`);
    rules.at(-1)!.headers.push([m[1].trim(), m[2].trim()]);
  }
  return rules;
}

/** Netlify semantics: '*' matches any rest of the path; values of a header set by several rules are joined. */
export function headersFor(rules: HeaderRule[], path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rules) {
    const re = new RegExp('^' + r.pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
    if (!re.test(path)) continue;
    for (const [k, v] of r.headers) out[k] = k in out ? `${out[k]}, ${v}` : v;
  }
  return out;
}
