// The site across the 2025 reorganisation, on the built pages: a page per unit per period (a GSO code names a
// territory only with its period), the schematic map, the breaks of the continuous series, the end-2024 target
// and review 2026 under the 2027–2030 standard. Expected values are written by hand from the reference
// (../shared/reference/README.md) or read from the published CSVs, never from the site's code.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import Papa from 'papaparse';
import { ensureSite, DIST, DATA } from '../../support/browser/site';
import { MOVEMENT_MEASURES } from '../../src/lib/contract';

function csv(name: string): Record<string, string>[] {
  const text = readFileSync(join(DATA, `${name}.csv`), 'utf8').replace(/^\ufeff/, '');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}
function page(path: string): Document {
  return new JSDOM(readFileSync(join(DIST, path, 'index.html'), 'utf8')).window.document;
}
const text = (doc: Document, sel: string) => doc.querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

// Bạch Đằng (11473 from 2025-07) = Minh Đức 11473, Ngũ Lão 11494, Minh Tân 11497, Gia Minh 11500, Gia Đức 11539
const BACH_DANG_FROM = ['11473', '11494', '11497', '11500', '11539'];
// Nam Triệu (11542 from 2025-07) = Phục Lễ 11542, Phả Lễ 11548, Tam Hưng 11545, Lập Lễ 11551
const NAM_TRIEU_FROM = ['11542', '11545', '11548', '11551'];
const NEW_UNITS = ['11473', '11488', '11503', '11506', '11533', '11542', '11557', '11560'];

beforeAll(async () => { await ensureSite(); }, 900_000);

describe.each([['vi', ''], ['en', 'en/']] as const)('unit pages per period (%s)', (locale, prefix) => {
  const BACH_DANG = locale === 'vi' ? /Bạch Đằng/ : /Bach Dang/;
  const MINH_DUC = locale === 'vi' ? /Minh Đức/ : /Minh Duc/;
  it('a 2025 unit page names Bạch Đằng, its five predecessors, and the code\'s earlier meaning', () => {
    const doc = page(`${prefix}communes/2025/11473/`);
    expect(text(doc, 'h1')).toMatch(BACH_DANG);
    const from = Array.from(doc.querySelectorAll('[data-links="formed-from"] li')).map((li) => li.getAttribute('data-code')).sort();
    expect(from).toEqual(BACH_DANG_FROM);
    expect(text(doc, '[data-links="formed-from"]')).toMatch(MINH_DUC);
    // three of the five are inferred, and the page says so
    expect(doc.querySelectorAll('[data-links="formed-from"] li[data-evidence="inferred"]')).toHaveLength(3);
    expect(text(doc, '[data-links="formed-from"] li[data-code="11500"]')).toMatch(locale === 'vi' ? /suy luận/ : /inferred/);
    expect(text(doc, '[data-earlier-meaning]')).toMatch(MINH_DUC);
    expect(doc.querySelector('[data-case]')?.getAttribute('data-case')).toBe('whole_union');
    const links = Array.from(doc.querySelectorAll('[data-links="formed-from"] a')).map((a) => a.getAttribute('href'));
    expect(links).toContain(`/${prefix}communes/11473/`);
  });
  it('a unit that shares split units says so and lists its predecessors', () => {
    const doc = page(`${prefix}communes/2025/11560/`);
    expect(doc.querySelector('[data-case]')?.getAttribute('data-case')).toBe('formed_from');
    // Núi Đèo (11470) became part of phường Thủy Nguyên
    expect(doc.querySelector('[data-links="formed-from"] li[data-code="11470"]')).not.toBeNull();
  });
  it('/communes/11473/ is still thị trấn Minh Đức, with only its own reviews', () => {
    const doc = page(`${prefix}communes/11473/`);
    expect(text(doc, 'h1')).toMatch(MINH_DUC);
    expect(text(doc, 'h1')).not.toMatch(BACH_DANG);
    const years = csv('poverty').filter((p) => p.area_code === '11473' && Number(p.review_year) <= 2024).map((p) => p.review_year).sort();
    const views = Array.from(doc.querySelectorAll('view-switch[data-param="year"] section.view')).map((s) => s.getAttribute('data-value')).sort();
    expect(views).toEqual(years);
    expect(doc.querySelector('[data-links="became"] li[data-code="11473"]')).not.toBeNull();
  });
  it('has a page for each of the 8 units of 2025-07 and the 21 of 2025-01', () => {
    for (const code of NEW_UNITS) expect(existsSync(join(DIST, `${prefix}communes/2025/${code}/index.html`)), code).toBe(true);
    const bridge = csv('areas').filter((a) => a.area_level === 'commune' && a.valid_from === '2025-01-01').map((a) => a.area_code);
    expect(bridge).toHaveLength(21);
    for (const code of bridge) expect(existsSync(join(DIST, `${prefix}communes/2025-01/${code}/index.html`)), code).toBe(true);
  });
});

describe('the communes index and the schematic map', () => {
  it('lists the periods latest first: 8, then 21, then 37', () => {
    const doc = page('communes/');
    const sections = Array.from(doc.querySelectorAll('#commune-list section[data-period]'));
    expect(sections.map((s) => s.getAttribute('data-period'))).toEqual(['2025-07', '2025-01', '2019-2024']);
    expect(sections.map((s) => s.querySelectorAll('li').length)).toEqual([8, 21, 37]);
    expect(sections[0]!.querySelector('a[href="/communes/2025/11473/"]')).not.toBeNull();
    expect(sections[2]!.querySelector('a[href="/communes/11473/"]')).not.toBeNull();
  });
  it('draws 37 cells, labelled schematic, with a text alternative', () => {
    for (const [path, label] of [['communes/', /không phải ranh giới/], ['en/communes/', /not boundaries/]] as const) {
      const doc = page(path);
      const svg = doc.querySelector('figure.schematic svg.schematic-map');
      expect(svg?.querySelectorAll('path[data-cell]')).toHaveLength(37);
      expect(svg?.getAttribute('role')).toBe('img');
      expect(svg?.querySelector('title')?.textContent).toBeTruthy();
      expect(text(doc, 'figure.schematic figcaption')).toMatch(label);
      expect(doc.querySelectorAll('figure.schematic details li[data-map-item]')).toHaveLength(37);
    }
  });
  it('highlights where a unit lies: Bạch Đằng\'s five former units', () => {
    const svg = page('communes/2025/11473/').querySelector('svg.schematic-map')!;
    const bright = Array.from(svg.querySelectorAll('path[data-cell]:not([fill-opacity])')).map((p) => p.getAttribute('data-cell')).sort();
    expect(bright).toEqual(BACH_DANG_FROM);
    const kb = new TextEncoder().encode(svg.outerHTML).length / 1024;
    expect(kb).toBeLessThan(10);
  });
});

describe('one continuous top line', () => {
  it.each(['', 'progress/', 'en/'])('/%s: the series of area 311 from 2021 to 2026 with both breaks marked', (path) => {
    const doc = page(path || '.');
    const fig = doc.querySelector('figure#poor-series')!;
    const years = csv('poverty').filter((p) => p.area_code === '311').map((p) => Number(p.review_year)).sort((a, b) => a - b);
    expect(years[0]).toBe(2021);
    expect(years[years.length - 1]).toBe(2026);
    const svg = fig.querySelector('.svg-wide svg')!;
    expect(svg.querySelectorAll('g.break-units line')).toHaveLength(1);
    expect(svg.querySelectorAll('g.break-standard line')).toHaveLength(1);
    // the line is broken at the change of standard: two paths for the poor line
    expect(svg.querySelectorAll('g[stroke="#c0470a"] path')).toHaveLength(2);
    expect(fig.querySelectorAll('.chart-note[data-break="units"]')).toHaveLength(1);
    expect(fig.querySelectorAll('.chart-note[data-break="standard"]')).toHaveLength(1);
    // its table names the territory for each period (district to 2024, then the eight units)
    const areaCells = Array.from(fig.querySelectorAll('details tbody tr')).map((tr) => tr.textContent ?? '');
    expect(areaCells[0]).toMatch(path.startsWith('en') ? /Thuy Nguyen district/ : /Huyện Thủy Nguyên/);
    expect(areaCells[areaCells.length - 1]).toMatch(path.startsWith('en') ? /eight wards and communes/ : /Tám phường, xã/);
  });
  it('the overview leads with the latest review and judges the target at 2024', () => {
    const doc = page('.');
    const latest = Math.max(...csv('poverty').map((p) => Number(p.review_year)));
    expect(doc.querySelector('view-switch[data-param="year"]')?.getAttribute('data-default')).toBe(String(latest));
    const at2024 = csv('poverty').find((p) => p.area_code === '311' && p.review_year === '2024')!;
    const card = doc.querySelector(`#year-${latest} .target-after`)!;
    expect(card.querySelector('[data-figure="target_2024"]')?.getAttribute('data-value')).toBe(at2024.poor);
    const after = csv('poverty').filter((p) => p.area_code === '311' && Number(p.review_year) > 2024);
    for (const p of after) expect(card.textContent).toContain(`rà soát ${p.review_year}`);
    // review 2026 is under another standard: no change is stated against 2025
    expect(doc.querySelector('#year-2026 [data-figure="poor_change"]')).toBeNull();
    expect(doc.querySelector('#year-2026 [data-standard-changed]')).not.toBeNull();
  });
  it('the progress page judges every 2019–2024 unit at 2024 and says what followed', () => {
    const doc = page('progress/');
    const rows = Array.from(doc.querySelectorAll('sortable-table tbody tr, table tbody tr')).filter((tr) => tr.closest('section[aria-labelledby="communes-progress"]'));
    expect(rows).toHaveLength(37);
    const nuiDeo = csv('poverty').find((p) => p.area_code === '11470' && p.review_year === '2024')!;
    const row = rows.find((tr) => tr.textContent?.includes('Núi Đèo'))!;
    expect(row.textContent).toContain(Number(nuiDeo.poor) === 0 ? 'Đạt tại kỳ rà soát 2024' : `còn ${nuiDeo.poor} hộ nghèo tại kỳ rà soát 2024`);
    // Núi Đèo became part of phường Thủy Nguyên
    expect(row.textContent).toContain('Thủy Nguyên:');
  });
  it('movement figures of a partially linked year carry the note', () => {
    // the movements' own linkage (newly_escaped carries linkage too, with its own meaning: its window)
    const movements = new Set<string>(MOVEMENT_MEASURES);
    const partial = [...new Set(csv('poverty_groups').filter((g) => g.area_code === '311' && movements.has(g.measure) && g.linkage === 'partial').map((g) => g.review_year))];
    expect(partial.length).toBeGreaterThan(0);
    const note = text(page('progress/'), 'figure#movements .chart-note[data-break="linkage"]');
    for (const y of partial) expect(note).toContain(y);
    expect(note).toMatch(/không nối được/);
  });
});

describe('review 2026 under the 2027–2030 standard', () => {
  it('the deprivation page shows the waste indicator and not information access for 2026', () => {
    const names = csv('indicators');
    const waste = names.find((i) => i.standard === '2027-2030' && i.indicator_code === 'waste_treatment')!.indicator_name_vi;
    const info = names.find((i) => i.standard === '2022-2025' && i.indicator_code === 'information_access')!.indicator_name_vi;
    const doc = page('deprivation/2026/');
    expect(text(doc, '#year-2026')).toContain(waste);
    expect(text(doc, '#year-2026 ul.grid-2')).not.toContain(info);
    expect(text(page('deprivation/2025/'), '#year-2025 ul.grid-2')).toContain(info);
  });
});

describe('the exact series of a new unit made of whole old units', () => {
  it.each([['11473', BACH_DANG_FROM], ['11542', NAM_TRIEU_FROM]] as const)('%s: each review 2021–2024 is the sum of its predecessors\' published poverty rows', (code, from) => {
    const poverty = csv('poverty');
    const doc = page(`communes/2025/${code}/`);
    const table = Array.from(doc.querySelectorAll('table')).find((t) => /cuối năm 2021/.test(t.textContent ?? ''));
    expect(table).toBeDefined();
    const rows = Array.from(table!.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => c.textContent!.replace(/\s+/g, ' ').trim()));
    const count = (s: string) => Number(s.replace(/\./g, ''));
    for (const year of [2021, 2022, 2023, 2024]) {
      const parts = poverty.filter((r) => Number(r.review_year) === year && (from as readonly string[]).includes(r.area_code));
      expect(parts).toHaveLength(from.length);
      const row = rows.find((r) => r[0]!.includes(`cuối năm ${year}`));
      expect(row, `review ${year}`).toBeDefined();
      // columns: review, standard, total households, poor, rate, territory's rate
      expect(count(row![2]!)).toBe(parts.reduce((a, r) => a + Number(r.total_households), 0));
      expect(count(row![3]!)).toBe(parts.reduce((a, r) => a + Number(r.poor), 0));
    }
    // and from 2025 its own published row
    const own = poverty.find((r) => Number(r.review_year) === 2025 && r.area_code === code)!;
    expect(count(rows.find((r) => r[0]!.includes('cuối năm 2025'))![3]!)).toBe(Number(own.poor));
  });
});
