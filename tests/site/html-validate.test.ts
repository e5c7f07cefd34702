// HTML conformance of the built site: every page of dist/ passes html-validate with the presets
// html-validate:standard and html-validate:a11y (.htmlvalidate.json) with no error. No rule is switched off:
// nothing the site does on purpose conflicts with them (Observable Plot's SVG passes as it is). If one ever
// must be, .htmlvalidate.json switches it off and the commit says why.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { HtmlValidate, StaticConfigLoader, type ConfigData, type Message } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { DIST, ROOT } from '../../support/browser/site';

// the config file itself, not one found by walking up from each page (E2E_DIST may lie outside the checkout)
const config = JSON.parse(readFileSync(join(ROOT, '.htmlvalidate.json'), 'utf8')) as ConfigData;
const validator = new HtmlValidate(new StaticConfigLoader(config));
const ERROR = 2;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

interface Found { page: string; message: Message }

/** Counts by rule and by page, then the first errors in full: enough to act on, short enough to read. */
function summary(found: Found[]): string {
  const count = (key: (f: Found) => string) => {
    const by = new Map<string, number>();
    for (const f of found) by.set(key(f), (by.get(key(f)) ?? 0) + 1);
    return [...by].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  };
  const pages = count((f) => f.page);
  return [
    `${found.length} html-validate errors in ${pages.length} pages`,
    'by rule:',
    ...count((f) => f.message.ruleId).map(([rule, n]) => `  ${rule}: ${n}`),
    'by page (first 20):',
    ...pages.slice(0, 20).map(([page, n]) => `  ${page}: ${n}`),
    'first 40 errors:',
    ...found.slice(0, 40).map(({ page, message: m }) => `  ${page}:${m.line}:${m.column} ${m.ruleId} ${m.message} (${m.selector ?? ''})`),
  ].join('\n');
}

describe('html-validate (standard + a11y presets)', () => {
  it('the presets are in force: a known-bad page gives the errors the site once had', async () => {
    const report = await validator.validateString(
      '<!doctype html><html lang="en"><head><title>t</title></head><body>' +
        '<main><figure><svg role="img" aria-label="a chart"></svg><figcaption>caption</figcaption><ul><li>note</li></ul></figure>' +
        '<section aria-label="same"><h2>a</h2></section><section aria-label="same"><h2>b</h2></section></main></body></html>',
    );
    const rules = report.results.flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(rules).toContain('element-permitted-order');
    expect(rules).toContain('unique-landmark');
  });

  it('every built page passes with no error', async () => {
    const files = htmlFiles(DIST);
    const pages = files.map((f) => relative(DIST, f));
    // the build is there: both locales' home pages and the explorer (validating an empty folder proves nothing)
    expect(pages).toEqual(expect.arrayContaining(['index.html', 'en/index.html', 'explore/index.html', 'en/explore/index.html']));
    const found: Found[] = [];
    for (const file of files) {
      const report = await validator.validateFile(file);
      for (const result of report.results) {
        for (const message of result.messages) {
          if (message.severity === ERROR) found.push({ page: relative(DIST, file), message });
        }
      }
    }
    expect(found.length, summary(found)).toBe(0);
  }, 600_000);
});
