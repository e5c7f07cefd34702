// npm run bench:site — Lighthouse 12.2.3 (mobile profile: simulated slow 4G and a 4× slower CPU) in
// Debian's Chromium (CHROME_PATH, default /usr/bin/chromium) on the overview, progress, deprivation, a
// commune page and the explorer, served gzip-compressed with the headers of _headers. Prints each page's
// scores and the bytes it transferred by kind (HTML, CSS, JS, data, engine), and its longest main-thread
// tasks. Goals for content pages: performance ≥ 95, accessibility 100; for the explorer: performance ≥ 95
// and total blocking time ≤ 200 ms; printed, not gated (the byte budgets are: npm run check:budgets).
// Each page is loaded --runs times (default 3; the pages in turn, run after run, so a noisy minute falls on all
// of them): scores and metrics are the medians, with each run's figures beside them, and the goals are judged on
// the medians (on a shared two-core machine the explorer's TBT ranged 120–780 ms over eight loads of one build).
// Writes bench-output/site.json and, per page, the whole report of its median-TBT run
// (bench-output/lighthouse-<page>.json). BENCH_PAGES=path,path overrides the pages.
//   npm run bench:site [-- --runs 5]
import { mkdirSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import lighthouse, { type RunnerResult } from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { DIST, ROOT, ensureSite } from '../../support/browser/site';
import { startGzipServer } from '../../support/browser/gzip-server';
import { isEngineUrl } from '../../support/browser/engine';
import { median } from './stats';

const PAGES = [...new Set((process.env.BENCH_PAGES ?? ',progress/,deprivation/,communes/11470/,explore/').split(','))];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const GOALS: Record<string, number> = { performance: 95, accessibility: 100 };
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const RUNS = Number(values.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`--runs must be a whole number, at least 1: ${values.runs}`);

type Kind = 'html' | 'css' | 'js' | 'data' | 'engine' | 'other';
function kindOf(url: string, resourceType: string): Kind {
  const path = new URL(url).pathname;
  if (isEngineUrl(path)) return 'engine';
  if (/\.(?:parquet|csv|json)$/.test(path)) return 'data';
  if (resourceType === 'Document') return 'html';
  if (resourceType === 'Stylesheet' || path.endsWith('.css')) return 'css';
  if (resourceType === 'Script' || /\.m?js$/.test(path)) return 'js';
  return 'other';
}

const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
if (!existsSync(chromePath)) {
  process.stderr.write(`chromium not found at ${chromePath}: install Debian's chromium or set CHROME_PATH\n`);
  process.exit(2);
}

await ensureSite();
const server = await startGzipServer(DIST);
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
});
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const results: unknown[] = [];
const runsOf = new Map<string, RunnerResult['lhr'][]>(PAGES.map((p) => [p, []]));
const scoresOf = (lhr: RunnerResult['lhr']) => Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
const tbtOf = (lhr: RunnerResult['lhr']) => lhr.audits['total-blocking-time']?.numericValue ?? NaN;
try {
  for (let r = 0; r < RUNS; r++) {
    for (const path of PAGES) {
      const url = server.url + path;
      const run = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
      if (!run) throw new Error(`lighthouse gave no result for ${url}`);
      if (run.lhr.runtimeError) process.stderr.write(`/${path}: lighthouse ${run.lhr.runtimeError.code}: ${run.lhr.runtimeError.message}\n`);
      runsOf.get(path)!.push(run.lhr);
    }
  }
  for (const path of PAGES) {
    const all = runsOf.get(path)!;
    // the details (bytes, long tasks, failing audits, the report file) from the run whose TBT is the median's
    const tbt = median(all.map(tbtOf));
    const lhr = all.reduce((best, x) => (Math.abs(tbtOf(x) - tbt) < Math.abs(tbtOf(best) - tbt) ? x : best));
    // the whole report too, for a closer look (Lighthouse viewer, or jq): bench-output/lighthouse-<page>.json
    mkdirSync(join(ROOT, 'bench-output'), { recursive: true });
    writeFileSync(join(ROOT, 'bench-output', `lighthouse-${path.replace(/\/+$/, '').replace(/\//g, '-') || 'overview'}.json`), JSON.stringify(lhr));
    const each = all.map(scoresOf);
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, median(each.map((x) => x[c]))]));
    const perRun = (c: string) => (RUNS > 1 ? ` [${each.map((x) => x[c]).join(' ')}]` : '');
    const items = ((lhr.audits['network-requests']?.details as { items?: { url: string; resourceType: string; transferSize: number }[] })?.items ?? []);
    const bytes: Record<Kind, number> = { html: 0, css: 0, js: 0, data: 0, engine: 0, other: 0 };
    const foreign = items.filter((i) => !i.url.startsWith(server.origin) && !i.url.startsWith('data:'));
    for (const i of items) if (!i.url.startsWith('data:')) bytes[kindOf(i.url, i.resourceType)] += i.transferSize ?? 0;
    const total = Object.values(bytes).reduce((a, b) => a + b, 0);
    // a metric's median over the runs, with each run's value (ms, or CLS unitless)
    const metric = (id: string) => {
      const xs = all.map((x) => x.audits[id]?.numericValue ?? NaN);
      const f = (v: number) => (!Number.isFinite(v) ? '–' : id === 'cumulative-layout-shift' ? v.toFixed(3) : `${Math.round(v)}`);
      return `${f(median(xs))}${id === 'cumulative-layout-shift' ? '' : ' ms'}${RUNS > 1 ? ` [${xs.map(f).join(' ')}]` : ''}`;
    };
    const failing = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1 && lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id && r.weight > 0)).map((a) => a.id);
    const content = !path.startsWith('explore');
    // the explorer (issue 14): performance ≥ 95 with total blocking time (the median's) ≤ 200 ms while its engine loads
    const missed = content
      ? Object.entries(GOALS).filter(([c, g]) => scores[c] < g).map(([c, g]) => `${c} ${scores[c]} < ${g}`)
      : [...(scores.performance < 95 ? [`performance ${scores.performance} < 95`] : []), ...(!(tbt <= 200) ? [`total blocking time ${Math.round(tbt)} ms > 200 ms`] : [])];
    process.stdout.write(`/${path}${RUNS > 1 ? ` (medians of ${RUNS} runs [each run])` : ''}\n  scores: ${CATEGORIES.map((c) => `${c} ${scores[c]}${perRun(c)}`).join(', ')}${missed.length ? `  (below goal: ${missed.join('; ')})` : ''}\n`);
    process.stdout.write(`  metrics: FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')}\n`);
    process.stdout.write(`  from the median-TBT run — transferred: ${(Object.keys(bytes) as Kind[]).map((k) => `${k} ${kb(bytes[k])}`).join(', ')}; total ${kb(total)} in ${items.length} requests${foreign.length ? `; FOREIGN: ${foreign.map((f) => f.url).join(' ')}` : ''}\n`);
    // what blocks the main thread: the longest tasks, by the script they are attributed to
    const longTasks = ((lhr.audits['long-tasks']?.details as { items?: { url: string; duration: number; startTime: number }[] })?.items ?? [])
      .slice().sort((a, b) => b.duration - a.duration).slice(0, 5);
    if (longTasks.length) process.stdout.write(`  longest main-thread tasks: ${longTasks.map((t) => `${Math.round(t.duration)} ms at ${Math.round(t.startTime)} ms (${t.url.replace(server.origin, '') || 'page'})`).join('; ')}\n`);
    if (failing.length) process.stdout.write(`  accessibility audits failing: ${failing.join(', ')}\n`);
    const others = ['best-practices', 'seo'].flatMap((c) => lhr.categories[c].auditRefs.filter((r) => r.weight > 0 && (lhr.audits[r.id]?.score ?? 1) < 1).map((r) => `${c}/${r.id}`));
    if (others.length) process.stdout.write(`  other audits failing: ${others.join(', ')}\n`);
    const metricIds = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];
    results.push({ path: `/${path}`, runs: RUNS, scores, scoresEach: each, bytes, total, requests: items.length, foreign: foreign.map((f) => f.url), failing, longTasks,
      metrics: Object.fromEntries(metricIds.map((id) => [id, median(all.map((x) => x.audits[id]?.numericValue ?? NaN))])),
      metricsEach: Object.fromEntries(metricIds.map((id) => [id, all.map((x) => x.audits[id]?.numericValue ?? null)])) });
  }
} finally {
  chrome.kill();
  await server.close();
}
mkdirSync(join(ROOT, 'bench-output'), { recursive: true });
writeFileSync(join(ROOT, 'bench-output', 'site.json'), JSON.stringify({ lighthouse: '12.2.3', profile: 'mobile (default)', results }, null, 2) + '\n');
process.stdout.write('written: bench-output/site.json\n');
