// scripts/check-budgets.ts: what it counts (the page, its stylesheets, scripts, module preloads and their
// static imports, gzip-compressed), what it leaves out (the explorer, dynamic imports), its exit statuses;
// and the built site within budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { BUDGETS, check, elementCount, measure, referencedAssets } from '../../scripts/check-budgets';
import { DIST, ROOT, ensureSite } from '../../support/browser/site';

let dir: string;
const noise = (n: number) => randomBytes(n).toString('base64'); // incompressible
const page = (head: string) => `<!doctype html><html><head>${head}</head><body><p>x</p></body></html>`;

function run(args: string[]): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync('npx', ['tsx', 'scripts/check-budgets.ts', ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, stdout, stderr: '' };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { status: err.status, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgets-'));
  mkdirSync(join(dir, '_astro'));
  mkdirSync(join(dir, 'heavy'));
  mkdirSync(join(dir, 'explore'));
  writeFileSync(join(dir, '_astro', 'a.js'), `import{x}from"./shared.js";import("./lazy.js");console.log(x)`);
  writeFileSync(join(dir, '_astro', 'shared.js'), `export const x="${noise(3000)}"`);
  writeFileSync(join(dir, '_astro', 'lazy.js'), `export const y="${noise(200_000)}"`);
  writeFileSync(join(dir, '_astro', 'big.js'), `export const z="${noise(90_000)}"`);
  writeFileSync(join(dir, '_astro', 's.css'), `body{color:#123}`);
  writeFileSync(join(dir, 'index.html'), page('<link rel="stylesheet" href="/_astro/s.css"><script type="module" src="/_astro/a.js"></script>'));
  writeFileSync(join(dir, 'heavy', 'index.html'), page('<link rel=modulepreload href="/_astro/big.js"><script type="module" src="/_astro/a.js"></script>'));
  writeFileSync(join(dir, 'explore', 'index.html'), page('<script type="module" src="/_astro/big.js"></script><script type="module" src="/_astro/lazy.js"></script>'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('check-budgets', () => {
  it('finds scripts, stylesheets and module preloads in any attribute quoting', () => {
    expect(referencedAssets(`<script src=/a.js></script><script type="module" src='/b.js'></script><script type="application/ld+json">{}</script>
      <link href="/c.css" rel="stylesheet"><link rel="modulepreload" href="/d.js"><link rel="icon" href="/f.svg">`))
      .toEqual({ js: ['/a.js', '/b.js', '/d.js'], css: ['/c.css'] });
  });

  it('counts gzip bytes of the page, its assets and their static imports, never dynamic imports', () => {
    const { pages } = measure(dir);
    const home = pages.find((p) => p.page === '/')!;
    const gz = (s: string) => gzipSync(s, { level: 9 }).length;
    expect(home.files.sort()).toEqual(['_astro/a.js', '_astro/s.css', '_astro/shared.js']);
    expect(home.css).toBe(gz('body{color:#123}'));
    expect(home.js).toBeGreaterThan(3000); // shared.js: 3 KB of entropy
    expect(home.js).toBeLessThan(6000); // and not lazy.js's 200 KB
    expect(home.total).toBe(home.html + home.css + home.js);
  });

  it('flags a content page over budget and leaves the explorer out', () => {
    const over = check(measure(dir).pages);
    expect(over).toHaveLength(1);
    expect(over[0]).toMatch(/^\/heavy\/: JavaScript .* > 60\.0 KB/);
  });

  it('counts a page\'s elements, not what comments, scripts and styles hold, and flags over 10,000', () => {
    // html, head, body, p, a, 2 × svg path, script, style: 9
    const html = `<!doctype html><html><head><style>a<b{}</style></head><body><!-- <div><div> --><p>1 < 2 <a href="x">x</a></p>
      <svg viewBox="0 0 1 1"><path d="M0 0"/></svg><script>if (a<b) document.write('<p>')</script></body></html>`;
    expect(elementCount(html)).toBe(9);
    const rows = (n: number) => `<table><caption>c</caption>${'<tr><td>1</td></tr>'.repeat(n)}</table>`;
    const at = (n: number) => ({ page: '/x/', html: 1, css: 0, js: 0, total: 1, files: [], elements: elementCount(page(rows(n))) });
    // html, head, body, p (the page's own), table, caption + 2 per row
    expect(at(4_997).elements).toBe(10_000);
    expect(check([at(4_997)])).toEqual([]);
    expect(check([at(4_998)])).toEqual(['/x/: 10,002 elements > 10,000']);
  });

  it('exits 1 over budget, 2 without a built site', () => {
    const r = run(['--dist', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/over budget: \/heavy\//);
    expect(run(['--dist', join(dir, 'nothing')]).status).toBe(2);
  });

  it('the built site: every content page within JavaScript ≤ 60 KB and total ≤ 300 KB (gzip), ≤ 10,000 elements', async () => {
    await ensureSite();
    const { pages, missing, foreign } = measure(DIST, process.env.BASE_PATH ?? '/');
    expect(pages.length).toBeGreaterThan(300);
    expect({ over: check(pages), missing, foreign }).toEqual({ over: [], missing: [], foreign: [] });
    expect(BUDGETS).toEqual({ js: 61_440, total: 307_200, elements: 10_000 });
  });
});
