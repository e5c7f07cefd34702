// Releases with history end to end: two consecutive releases of the demo input, the second with a corrected
// household file (the change list names exactly the cells that differ, worked out here from the two releases'
// CSV files with a reader of this test's own); the first release still downloadable from the built site, whose
// feed is valid Atom and whose pages mark the revised figures. Then, with the real disclosure control on the
// small hand-worked input: a cell hidden once stays hidden, and --reset-suppression shows it again and says so.
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, type PipelineOptions, type Stages } from '../scripts/pipeline/run.ts';
import { passThroughStages } from '../scripts/pipeline/pass-through.ts';
import { protect as realProtect } from '../scripts/pipeline/protect.ts';
import { audit as realAudit } from '../scripts/pipeline/audit.ts';
import { writeDemoData } from '../scripts/demo/index.ts';
import { snapshot } from './lib/snapshot.ts';
import { buildSite, siteWorkDir } from './lib/site-build.ts';
import { parseAtom } from './lib/atom.ts';
import { canaries, canaryNeedles, plantCanaries } from './lib/canary.ts';
import { describeHits, scanAll } from './lib/scan.ts';
import { HtmlValidate, StaticConfigLoader, type ConfigData } from 'html-validate';

const quiet = () => {
  const lines: string[] = [];
  return { io: { stderr: { write: (t: string) => lines.push(t) }, clock: () => 0 }, lines };
};

let work: string;
beforeAll(async () => { work = await mkdtemp(join(tmpdir(), 'releases-e2e-')); });
afterAll(async () => { await rm(work, { recursive: true, force: true }); });

function options(input: string, out: string, releases: string, extra: Partial<PipelineOptions> = {}): PipelineOptions {
  return { input, out, releases, report: join(work, `report-${randomBytes(4).toString('hex')}.json`), dropInvalid: false, k: 3, previous: null, linkKey: randomBytes(32), ...extra };
}

async function publish(opts: PipelineOptions, stages: Partial<Stages>): Promise<string> {
  const q = quiet();
  const result = await runPipeline(opts, q.io, stages);
  expect(result.exitCode, q.lines.join('')).toBe(0);
  return q.lines.join('');
}

// ---- this test's own reading of a published folder ----

/** One CSV line into cells (quotes double their quotes; no newline inside a published cell). */
function cells(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)) out.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]);
  return out;
}

interface Table { name: string; key: string[]; rows: Map<string, Record<string, string>> }

/** Every table of a release, keyed as its datapackage.json says (primaryKey of each CSV resource). */
async function readRelease(dir: string): Promise<Map<string, Table>> {
  const pkg = JSON.parse(await readFile(join(dir, 'datapackage.json'), 'utf8'));
  const tables = new Map<string, Table>();
  for (const res of pkg.resources.filter((x: { format: string; schema?: unknown }) => x.format === 'csv' && x.schema)) {
    const [head, ...lines] = (await readFile(join(dir, res.path), 'utf8')).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    const columns = cells(head);
    const rows = new Map<string, Record<string, string>>();
    for (const line of lines) {
      const row = Object.fromEntries(cells(line).map((v, i) => [columns[i], v]));
      rows.set(res.schema.primaryKey.map((c: string) => `${c}=${row[c]}`).join(';'), row);
    }
    tables.set(res.name, { name: res.name, key: res.schema.primaryKey, rows });
  }
  return tables;
}

/** The cells that differ between two releases, as `change|table|key|column|old|new` lines. */
function differences(before: Map<string, Table>, after: Map<string, Table>): string[] {
  const found: string[] = [];
  for (const [name, now] of after) {
    const was = before.get(name)!;
    for (const [key, row] of now.rows) {
      const old = was.rows.get(key);
      if (!old) { found.push(`added|${name}|${key}|||`); continue; }
      const flip = 'status' in row && row.status !== old.status;
      if (flip) found.push(`${row.status === 'suppressed' ? 'hidden' : 'shown'}|${name}|${key}|households|${old.households}|${row.households}`);
      for (const column of Object.keys(row)) {
        if (now.key.includes(column) || row[column] === old[column]) continue;
        if (flip && ['households', 'share', 'status', 'households_min', 'households_max'].includes(column)) continue;
        found.push(`corrected|${name}|${key}|${column}|${old[column]}|${row[column]}`);
      }
    }
    for (const key of was.rows.keys()) if (!now.rows.has(key)) found.push(`removed|${name}|${key}|||`);
  }
  return found.sort();
}

async function changeLines(dir: string): Promise<string[]> {
  const [, ...lines] = (await readFile(join(dir, 'changes.csv'), 'utf8')).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  return lines.map((l) => cells(l).join('|')).sort();
}

const sha = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

describe('two releases of the demo input, the second corrected', () => {
  let input: string;
  let out: string;
  let releases: string;
  let first: string;
  let firstId: string;
  let secondId: string;
  /** the households corrected: poor → near_poor in 11470's 2024 file */
  const CORRECTED = 3;

  beforeAll(async () => {
    input = join(work, 'demo');
    out = join(work, 'demo-out');
    releases = join(work, 'demo-releases');
    await writeDemoData({ out: input });
    // personal values that must never reach a change list, the release index or a kept release (tests/leak.test.ts)
    expect(await plantCanaries(input)).not.toEqual([]);
    await publish(options(input, out, releases, { demo: true, k: 5 }), passThroughStages);
    first = join(work, 'demo-first');
    await cp(out, first, { recursive: true });
    firstId = JSON.parse(await readFile(join(first, 'datapackage.json'), 'utf8')).id;
    const file = join(input, 'households', (await readdir(join(input, 'households'))).find((f) => /^11470-.*-2024\.csv$/.test(f))!);
    let left = CORRECTED;
    const lines = (await readFile(file, 'utf8')).split('\n').map((line) => {
      // recorded_status is followed by the six support flags
      if (left > 0 && /,poor(,[01]){6}\r?$/.test(line)) { left--; return line.replace(/,poor((,[01]){6}\r?)$/, ',near_poor$1'); }
      return line;
    });
    expect(left).toBe(0);
    await writeFile(file, lines.join('\n'));
    await publish(options(input, out, releases, { demo: true, k: 5 }), passThroughStages);
    secondId = JSON.parse(await readFile(join(out, 'datapackage.json'), 'utf8')).id;
  });

  it('lists exactly the changed cells, the recognised counts among them', async () => {
    const expected = differences(await readRelease(first), await readRelease(out));
    const listed = await changeLines(out);
    expect(listed).toEqual(expected);
    // worked out from the correction itself: three poor households of Núi Đèo recognised near-poor instead
    const povertyLine = (await readFile(join(first, 'poverty.csv'), 'utf8')).split('\r\n').find((l) => l.startsWith('2024,commune,11470,'))!;
    const [, , , , poor, nearPoor] = povertyLine.split(',').map(Number);
    const key = 'review_year=2024;area_level=commune;area_code=11470';
    expect(listed).toContain(`corrected|poverty|${key}|poor|${poor}|${poor - CORRECTED}`);
    expect(listed).toContain(`corrected|poverty|${key}|near_poor|${nearPoor}|${nearPoor + CORRECTED}`);
    expect(listed.filter((l) => !l.startsWith('corrected|'))).toEqual([]);
    const json = JSON.parse(await readFile(join(out, 'changes.json'), 'utf8'));
    expect(json).toMatchObject({ release: secondId, previous: firstId, reset_suppression: false });
    expect(json.changes).toHaveLength(listed.length);
    expect(json.summary.counts).toEqual({ corrected: listed.length, hidden: 0, shown: 0, added: 0, removed: 0 });
  });

  it('keeps both releases, carries the first in the published folder and lists the change list in datapackage.json', async () => {
    expect((await readdir(releases)).sort()).toEqual([firstId, secondId].sort());
    const pkg = JSON.parse(await readFile(join(out, 'datapackage.json'), 'utf8'));
    expect(pkg.release).toEqual({ sequence: 2, previous: firstId, reset_suppression: false });
    for (const path of ['changes.json', 'changes.csv']) {
      expect(pkg.resources.find((x: { path: string }) => x.path === path).hash).toBe(`sha256:${await sha(join(out, path))}`);
    }
    // the release as published, without the history it carried (releases.json)
    const { 'releases.json': index1, ...firstFiles } = await snapshot(first);
    expect(index1).toBeDefined();
    expect(await snapshot(join(out, 'releases', firstId))).toEqual(firstFiles);
    const index = JSON.parse(await readFile(join(out, 'releases.json'), 'utf8'));
    expect(index.releases.map((x: { id: string; path: string; sequence: number }) => [x.id, x.path, x.sequence])).toEqual([[secondId, '', 2], [firstId, `releases/${firstId}/`, 1]]);
  });

  describe('the site built from the second', () => {
    let dist: string;
    let siteWork: string;
    beforeAll(async () => {
      siteWork = await siteWorkDir();
      const site = await buildSite(out, siteWork);
      expect(site.code, site.stderr.slice(-2000)).toBe(0);
      dist = site.outDir;
    });
    afterAll(async () => { if (siteWork) await rm(siteWork, { recursive: true, force: true }); });

    it('still serves every file of the first release, byte for byte, and the current one only once', async () => {
      const files = Object.keys(await snapshot(first)).filter((name) => name !== 'releases.json');
      expect(files).toContain('poverty.csv');
      for (const name of files) expect(await sha(join(dist, 'data', 'releases', firstId, name)), name).toBe(await sha(join(first, name)));
      await expect(readdir(join(dist, 'data', 'releases', secondId))).rejects.toThrow();
    });

    it.each([['data/releases.atom', 'data/index.html'], ['en/data/releases.atom', 'en/data/index.html']])('has a valid Atom feed %s, announced and listed on %s', async (feedPath, page) => {
      const feed = parseAtom(await readFile(join(dist, feedPath), 'utf8'));
      expect(feed.problems).toEqual([]);
      expect(feed.entries.map((e) => e.id.split('#')[1])).toEqual([`release-${secondId}`, `release-${firstId}`]);
      expect(feed.entries[1].links.find((l) => l.rel === 'related')!.href).toMatch(new RegExp(`/data/releases/${firstId}/datapackage\\.json$`));
      const html = await readFile(join(dist, page), 'utf8');
      const head = html.slice(0, html.indexOf('</head>'));
      expect(head).toMatch(new RegExp(`<link rel="alternate" type="application/atom\\+xml"[^>]*href="/${feedPath.replace('.', '\\.')}"`));
      expect(html).toContain(`id="release-${firstId}"`);
      expect(html).toContain(`href="/data/releases/${firstId}/poverty.csv"`);
      expect(html).toContain('href="/data/changes.csv"');
    });

    it('publishes no personal value in the change lists, the history, the kept releases, the feeds or the pages', async () => {
      const pages = ['data/index.html', 'en/data/index.html', 'communes/11470/index.html', 'index.html', 'data/releases.atom', 'en/data/releases.atom'];
      const scan = await scanAll({ needles: canaryNeedles(canaries.valid) }, {
        dirs: [{ root: out, label: 'published' }, { root: releases, label: 'kept' }],
        texts: await Promise.all(pages.map(async (page) => ({ source: `site/${page}`, text: await readFile(join(dist, page), 'utf8') }))),
      });
      expect(scan.sources).toEqual(expect.arrayContaining(['published/changes.csv', 'published/changes.json', 'published/releases.json',
        `published/releases/${firstId}/poverty.csv`, `kept/${secondId}/changes.csv`, 'site/data/releases.atom']));
      expect(scan.hits, describeHits(scan.hits)).toEqual([]);
    });

    it('renders the release list and the revised marks as valid, accessible HTML (.htmlvalidate.json)', async () => {
      const config = JSON.parse(await readFile('.htmlvalidate.json', 'utf8')) as ConfigData;
      const validator = new HtmlValidate(new StaticConfigLoader(config));
      for (const page of ['data/index.html', 'en/data/index.html', 'communes/11470/index.html', 'index.html']) {
        const report = await validator.validateString(await readFile(join(dist, page), 'utf8'), page);
        const errors = report.results.flatMap((r) => r.messages).filter((m) => m.severity === 2).map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`);
        expect(errors, page).toEqual([]);
      }
    });

    it('marks the revised figures on the commune page and the overview, and nowhere else', async () => {
      const communePage = await readFile(join(dist, 'communes', '11470', 'index.html'), 'utf8');
      expect(communePage).toMatch(new RegExp(`data-revised="poor" data-revised-release="${secondId}"`));
      expect(communePage).toContain('đã sửa ở bản phát hành 2');
      expect(communePage).toContain(`data-revised-note="${secondId}"`);
      const overview = await readFile(join(dist, 'en', 'index.html'), 'utf8');
      expect(overview).toMatch(new RegExp(`data-revised="poor" data-revised-release="${secondId}"`));
      expect(overview).toContain('revised in release 2');
      // a commune the correction did not touch says nothing of the kind
      expect(await readFile(join(dist, 'communes', '11476', 'index.html'), 'utf8')).not.toContain('data-revised');
    });
  });
});

describe('history on the small hand-worked input', () => {
  const FIXTURE = 'tests/fixtures/e2e';
  let input: string;
  let corrected: string;
  beforeAll(async () => {
    input = join(work, 'e2e');
    corrected = join(work, 'e2e-corrected');
    await cp(FIXTURE, input, { recursive: true });
    await cp(FIXTURE, corrected, { recursive: true });
    // LX-001 recognised near-poor, not poor, at the 2022 review
    const file = join(corrected, 'households', '2022.csv');
    const text = await readFile(file, 'utf8');
    const fixed = text.split('\n').map((l) => (l.includes(',LX-001,') ? l.replace(/,poor((,[01]){6}\r?)$/, ',near_poor$1') : l)).join('\n');
    expect(fixed).not.toBe(text);
    await writeFile(file, fixed);
  });

  it('gives byte-identical output for the same input, options and releases folder, and the same release again on a re-run', async () => {
    const releases = join(work, 'same-releases');
    await publish(options(input, join(work, 'same-first'), releases), passThroughStages);
    const copy = join(work, 'same-releases-copy');
    await cp(releases, copy, { recursive: true });
    const out = join(work, 'same-a');
    await publish(options(corrected, out, releases), passThroughStages);
    await publish(options(corrected, join(work, 'same-b'), copy), passThroughStages);
    const published = await snapshot(out);
    expect(await snapshot(join(work, 'same-b'))).toEqual(published);
    // once more on the same input: the same release, byte for byte, and nothing new kept
    const kept = await snapshot(releases);
    const stderr = await publish(options(corrected, out, releases), passThroughStages);
    expect(stderr).toContain('the same tables as the latest kept release; nothing new kept');
    expect(await snapshot(out)).toEqual(published);
    expect(await snapshot(releases)).toEqual(kept);
    // a history reads in order: a release dated before the latest kept one is refused before any work
    const q = quiet();
    const result = await runPipeline(options(corrected, join(work, 'same-early'), releases, { releaseDate: '2023-12-30' }), q.io, passThroughStages);
    expect(result.exitCode).toBe(2);
    expect(q.lines.join('')).toContain('--release-date 2023-12-30 is before the latest kept release');
    await expect(readdir(join(work, 'same-early'))).rejects.toThrow();
  });

  describe('with the real disclosure control (k = 3)', () => {
    const real: Partial<Stages> = { protect: realProtect, audit: realAudit };
    /** `table|key` of every suppressed row of a release (this test's own reading) */
    const hidden = async (dir: string) => [...(await readRelease(dir))].flatMap(([name, t]) =>
      [...t.rows].filter(([, row]) => row.status === 'suppressed').map(([key]) => `${name}|${key}`));
    let firstOut: string;
    let keptAfterFirst: string;

    beforeAll(async () => {
      const releases = join(work, 'real-releases');
      firstOut = join(work, 'real-first');
      await publish(options(input, firstOut, releases), real);
      keptAfterFirst = join(work, 'real-releases-after-first');
      await cp(releases, keptAfterFirst, { recursive: true });
    });

    it('keeps every cell hidden in the first release hidden in the corrected one', async () => {
      const out = join(work, 'real-second');
      const releases = join(work, 'real-keep');
      await cp(keptAfterFirst, releases, { recursive: true });
      await publish(options(corrected, out, releases), real);
      const before = await hidden(firstOut);
      const after = new Set(await hidden(out));
      expect(before.length).toBeGreaterThan(0);
      expect(before.filter((cell) => !after.has(cell))).toEqual([]);
      expect(await changeLines(out)).toEqual(differences(await readRelease(firstOut), await readRelease(out)));
      expect((await changeLines(out)).filter((l) => l.startsWith('shown|'))).toEqual([]);
    });

    it('with --reset-suppression shows again cells the corrected data alone would not hide, and the notes say so', async () => {
      const out = join(work, 'real-reset');
      const releases = join(work, 'real-reset-releases');
      await cp(keptAfterFirst, releases, { recursive: true });
      await publish(options(corrected, out, releases, { resetSuppression: true }), real);
      const after = new Set(await hidden(out));
      const shownAgain = (await hidden(firstOut)).filter((cell) => !after.has(cell));
      // the correction frees cells that only the history kept hidden: this is what the first test proves kept
      expect(shownAgain.length).toBeGreaterThan(0);
      const listed = await changeLines(out);
      expect(listed.filter((l) => l.startsWith('shown|')).map((l) => l.split('|').slice(1, 3).join('|')).sort()).toEqual(shownAgain.sort());
      expect(listed).toEqual(differences(await readRelease(firstOut), await readRelease(out)));
      const pkg = JSON.parse(await readFile(join(out, 'datapackage.json'), 'utf8'));
      expect(pkg.release).toMatchObject({ sequence: 2, reset_suppression: true });
      const index = JSON.parse(await readFile(join(out, 'releases.json'), 'utf8'));
      expect(index.releases[0]).toMatchObject({ id: pkg.id, reset_suppression: true });
    });
  });
});
