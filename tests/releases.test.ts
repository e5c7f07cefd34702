// Releases with history, the pure parts: the change list between two releases (worked by hand on tiny tables),
// the history the site reads (which figures were revised, by which release), the release notes, the Atom feed,
// and the command-line options.
import { mkdtemp, mkdir, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMAS } from '../scripts/pipeline/schema.ts';
import { compareReleases, parseCsv, summarise, writeChanges } from '../scripts/pipeline/releases-changes.ts';
import { releaseDateAfter, type KeptRelease } from '../scripts/pipeline/releases.ts';
import { parseArgs, releasesFolder } from '../scripts/pipeline/cli-args.ts';
import { areaRevisions, atomFeed, headlineRevisions, historyFrom, releaseNotes, yearsText, type Change, type Release } from '../src/lib/releases.ts';
import { parseAtom } from './lib/atom.ts';

const schema = (name: string) => SCHEMAS.find((s) => s.name === name)!;
const BOM = '\uFEFF';
const csv = (lines: string[]) => `${BOM}${lines.join('\r\n')}\r\n`;

let work: string;
beforeAll(async () => { work = await mkdtemp(join(tmpdir(), 'releases-unit-')); });
afterAll(async () => { await rm(work, { recursive: true, force: true }); });

async function release(name: string, files: Record<string, string[]>): Promise<string> {
  const dir = join(work, name);
  await mkdir(dir, { recursive: true });
  for (const [table, lines] of Object.entries(files)) await writeFile(join(dir, `${table}.csv`), csv(lines));
  return dir;
}

const POVERTY_HEAD = 'review_year,area_level,area_code,total_households,poor,near_poor,poor_rate,near_poor_rate';
const DEPRIVATION_HEAD = 'review_year,area_level,area_code,population,indicator_code,households,share,status,households_min,households_max';

describe('the change list', () => {
  it('names each corrected value, each cell hidden or shown again, each row added or removed', async () => {
    const before = await release('before', {
      poverty: [POVERTY_HEAD, '2024,district,311,800,5,2,0.63,0.25', '2024,commune,11470,40,2,1,5,2.5'],
      deprivation: [DEPRIVATION_HEAD,
        '2024,district,311,poor,employment,3,60,ok,,',
        '2024,district,311,poor,telecom,,,suppressed,1,4',
        '2024,district,311,poor,housing_area,2,40,ok,,',
        '2024,district,311,near_poor,employment,1,50,ok,,'],
    });
    const after = await release('after', {
      poverty: [POVERTY_HEAD, '2024,district,311,800,6,2,0.75,0.25', '2024,commune,11470,40,3,1,7.5,2.5', '2025,district,311,790,6,2,0.76,0.25'],
      deprivation: [DEPRIVATION_HEAD,
        '2024,district,311,poor,employment,,,suppressed,2,5',
        '2024,district,311,poor,telecom,2,33.33,ok,,',
        '2024,district,311,poor,housing_area,2,33.33,ok,,'],
    });
    const changes = await compareReleases(before, after, [schema('poverty'), schema('deprivation')]);
    const geo = (year: number, level: string, code: string) => ({ review_year: year, area_level: level, area_code: code });
    const dep = (population: string, indicator: string) => ({ ...geo(2024, 'district', '311'), population, indicator_code: indicator });
    expect(changes).toEqual([
      { change: 'corrected', table: 'poverty', key: geo(2024, 'district', '311'), column: 'poor', old: 5, new: 6 },
      { change: 'corrected', table: 'poverty', key: geo(2024, 'district', '311'), column: 'poor_rate', old: 0.63, new: 0.75 },
      { change: 'corrected', table: 'poverty', key: geo(2024, 'commune', '11470'), column: 'poor', old: 2, new: 3 },
      { change: 'corrected', table: 'poverty', key: geo(2024, 'commune', '11470'), column: 'poor_rate', old: 5, new: 7.5 },
      { change: 'added', table: 'poverty', key: geo(2025, 'district', '311'), column: null, old: null, new: null },
      { change: 'hidden', table: 'deprivation', key: dep('poor', 'employment'), column: 'households', old: 3, new: null },
      { change: 'shown', table: 'deprivation', key: dep('poor', 'telecom'), column: 'households', old: null, new: 2 },
      { change: 'corrected', table: 'deprivation', key: dep('poor', 'housing_area'), column: 'share', old: 40, new: 33.33 },
      { change: 'removed', table: 'deprivation', key: dep('near_poor', 'employment'), column: null, old: null, new: null },
    ] satisfies Change[]);
    const summary = summarise(changes);
    expect(summary.counts).toEqual({ corrected: 5, hidden: 1, shown: 1, added: 1, removed: 1 });
    expect(summary.tables).toEqual({ poverty: { corrected: 4, added: 1 }, deprivation: { hidden: 1, shown: 1, corrected: 1, removed: 1 } });
    expect(summary.review_years).toEqual([2024, 2025]);

    await writeChanges(after, { release: 'r2', previous: 'r1', reset_suppression: true, summary, changes });
    const json = JSON.parse(await readFile(join(after, 'changes.json'), 'utf8'));
    expect(json).toEqual({ release: 'r2', previous: 'r1', reset_suppression: true, summary, changes });
    const lines = parseCsv(await readFile(join(after, 'changes.csv'), 'utf8'));
    expect(lines[0]).toEqual(['change', 'table', 'key', 'column', 'old', 'new']);
    expect(lines[1]).toEqual(['corrected', 'poverty', 'review_year=2024;area_level=district;area_code=311', 'poor', '5', '6']);
    expect(lines[6]).toEqual(['hidden', 'deprivation', 'review_year=2024;area_level=district;area_code=311;population=poor;indicator_code=employment', 'households', '3', '']);
    expect(lines).toHaveLength(1 + changes.length);
  });

  it('reads quoted CSV cells back', () => {
    expect(parseCsv(`${BOM}a,b\r\n"x, ""y""",2\r\n`)).toEqual([['a', 'b'], ['x, "y"', '2']]);
  });
});

const r = (sequence: number, extra: Partial<Release> = {}): Release => ({
  id: `2024-12-31-r${sequence}`, sequence, date: '2024-12-31', previous: sequence > 1 ? `2024-12-31-r${sequence - 1}` : null, reset_suppression: false,
  review_years: [2021, 2022, 2023, 2024], path: sequence === 3 ? '' : `releases/2024-12-31-r${sequence}/`, summary: null, ...extra,
});
const corrected = (year: number, code: string, column: string, old: number, now: number): Change => ({
  change: 'corrected', table: 'poverty', key: { review_year: year, area_level: code === '311' ? 'district' : 'commune', area_code: code }, column, old, new: now,
});

describe('the history the site reads', () => {
  const changes: Record<string, Change[]> = {
    '2024-12-31-r2': [corrected(2024, '11470', 'poor', 10, 12), corrected(2024, '311', 'poor', 100, 102), corrected(2023, '11470', 'near_poor', 7, 8)],
    '2024-12-31-r3': [corrected(2024, '11470', 'poor', 12, 11),
      { change: 'hidden', table: 'deprivation', key: { review_year: 2024, area_level: 'commune', area_code: '11470', population: 'poor', indicator_code: 'telecom' }, column: 'households', old: 3, new: null }],
  };
  const history = historyFrom([r(1), r(3, { date: '2025-03-01' }), r(2, { date: '2025-01-15' })], (release) => changes[release.id] ?? null);

  it('lists the releases newest first and keeps the latest revision of a figure', () => {
    expect(history.releases.map((x) => x.sequence)).toEqual([3, 2, 1]);
    expect(headlineRevisions(history, 2024, 'commune', '11470')).toEqual({ poor: { release: '2024-12-31-r3', sequence: 3, date: '2025-03-01', old: 12, new: 11 } });
    expect(headlineRevisions(history, 2024, 'district', '311').poor).toMatchObject({ release: '2024-12-31-r2', old: 100, new: 102 });
    expect(headlineRevisions(history, 2022, 'commune', '11470')).toEqual({});
  });

  it('counts per release the corrected values of a unit and year (a cell hidden is not a revision)', () => {
    expect(areaRevisions(history, 2024, '11470').map(({ release, values }) => [release.sequence, values])).toEqual([[3, 1]]);
    expect(areaRevisions(history, 2023, '11470').map(({ release, values }) => [release.sequence, values])).toEqual([[2, 1]]);
    expect(areaRevisions(history, 2024, '11473')).toEqual([]);
  });

  it('notes what changed, and says so when a release reset the hidden cells', () => {
    const summary = { counts: { corrected: 1234, hidden: 2, shown: 0, added: 0, removed: 0 }, tables: {}, review_years: [2023, 2024] };
    expect(releaseNotes(r(1), 'vi')).toEqual(['Bản phát hành đầu tiên.']);
    expect(releaseNotes(r(2, { summary }), 'vi')).toEqual(['So với bản trước: sửa 1.234 giá trị, ẩn thêm 2 ô (năm rà soát 2023, 2024).']);
    expect(releaseNotes(r(2, { summary, reset_suppression: true }), 'en')).toEqual([
      'Since the release before: 1,234 values corrected, 2 more cells hidden (review years 2023, 2024).',
      'This release starts the hiding of cells afresh (--reset-suppression, used when the protection method changes): cells hidden in the release before were not kept hidden.',
    ]);
    expect(yearsText([2023, 2021, 2022])).toBe('2021–2023');
  });

  it('gives a valid Atom feed, one entry per release, text escaped', () => {
    const xml = atomFeed(history, {
      title: 'Releases & notes', subtitle: 's', author: 'Minh bạch <giảm nghèo>',
      entryTitle: (x) => `Release ${x.sequence}`, entrySummary: (x) => releaseNotes(x, 'en').join(' '),
    }, { self: 'https://example.org/data/releases.atom', page: 'https://example.org/data/', datapackage: (x) => `https://example.org/data/${x.path}datapackage.json`, lang: 'en' });
    const { problems, entries, feed } = parseAtom(xml);
    expect(problems).toEqual([]);
    expect(feed!.getElementsByTagName('title')[0].textContent).toBe('Releases & notes');
    expect(entries.map((e) => [e.id, e.updated])).toEqual([
      ['https://example.org/data/#release-2024-12-31-r3', '2025-03-01T00:00:00Z'],
      ['https://example.org/data/#release-2024-12-31-r2', '2025-01-15T00:00:00Z'],
      ['https://example.org/data/#release-2024-12-31-r1', '2024-12-31T00:00:00Z'],
    ]);
    expect(entries[0].links).toContainEqual({ rel: 'related', href: 'https://example.org/data/datapackage.json', type: 'application/json' });
    expect(entries[2].links).toContainEqual({ rel: 'related', href: 'https://example.org/data/releases/2024-12-31-r1/datapackage.json', type: 'application/json' });
    // the check itself fails a feed without an entry id
    expect(parseAtom(xml.replace(/<id>[^<]*#release-2024-12-31-r2<\/id>/, '')).problems).toEqual(['entry 2: 0 atom:id (exactly one required)', 'entry 2: atom:id is not an IRI: ']);
  });
});

describe('options', () => {
  it('reads --releases, --no-releases, --reset-suppression and --release-date', () => {
    expect(parseArgs(['--releases', 'kept', '--reset-suppression', '--release-date', '2025-02-28'])).toMatchObject({ kind: 'run', options: { releases: 'kept', resetSuppression: true, releaseDate: '2025-02-28' } });
    expect(parseArgs(['--no-releases'])).toMatchObject({ kind: 'run', options: { releases: false } });
    expect(parseArgs(['--release-date', '2025-02-30'])).toEqual({ kind: 'usage-error', message: '--release-date needs a date YYYY-MM-DD: "2025-02-30"' });
  });

  it('keeps a history in releases/ by default, none for the demo input unless asked', () => {
    expect(releasesFolder({ releases: null }, false)).toBe('releases');
    expect(releasesFolder({ releases: null }, true)).toBeNull();
    expect(releasesFolder({ releases: 'kept' }, true)).toBe('kept');
    expect(releasesFolder({ releases: false }, false)).toBeNull();
  });

  it('dates a release in order after the latest kept one', () => {
    const latest = { id: 'x', date: '2025-03-01' } as KeptRelease;
    expect(releaseDateAfter(null, '2024-12-31', latest)).toEqual({ date: '2025-03-01' });
    expect(releaseDateAfter('2025-04-02', '2024-12-31', latest)).toEqual({ date: '2025-04-02' });
    expect(releaseDateAfter(null, '2025-12-31', undefined)).toEqual({ date: '2025-12-31' });
    expect(releaseDateAfter('2025-01-01', '2024-12-31', latest)).toEqual({ error: '--release-date 2025-01-01 is before the latest kept release (x, 2025-03-01)' });
  });
});
