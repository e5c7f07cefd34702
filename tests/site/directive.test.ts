// The page of the district's 2023 letter (/directive/, /en/directive/) and the footer, from the built site:
// what the page must say, checked against the reference data read here as plain JSON (not through the
// site's code), and the footer's source, publisher and links on every content page.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { ensureSite, DIST, DATA, ROOT } from '../../support/browser/site';
import { listRoutes, isContent } from '../lib/routes';

const json = (file: string) => JSON.parse(readFileSync(join(ROOT, 'data/reference', file), 'utf8'));
const page = (path: string): Document => new JSDOM(readFileSync(join(DIST, path, 'index.html'), 'utf8')).window.document;
const PREFIX = { vi: '', en: 'en/' } as const;

beforeAll(async () => { await ensureSite(); }, 900_000);

describe.each(['vi', 'en'] as const)('/%sdirective/', (locale) => {
  const doc = () => page(`${PREFIX[locale]}directive/`);

  it('is in its language, with its twin and a heading', () => {
    const d = doc();
    expect(d.documentElement.lang).toBe(locale);
    expect(d.querySelector('a.lang')?.getAttribute('href')).toBe(locale === 'vi' ? '/en/directive/' : '/directive/');
    expect(d.querySelector('h1')?.textContent).toBe(locale === 'vi' ? 'Văn bản chỉ đạo: công văn năm 2023 của UBND huyện Thủy Nguyên' : "The district's official letter of 2023");
  });
  it('says it is an official letter carrying out the city\'s letter 2065/UBND-VX', () => {
    const d = doc();
    expect(d.querySelector('[data-kind]')?.textContent).toContain(locale === 'vi' ? 'Công văn' : 'Official letter');
    expect(d.querySelector('[data-implements]')?.textContent).toContain('2065/UBND-VX');
  });
  it('marks section 11 as a request and sections 1–10 as assignments', () => {
    const rows = Array.from(doc().querySelectorAll('tr[data-section]'));
    expect(rows.map((r) => [r.getAttribute('data-section'), r.getAttribute('data-mode')])).toEqual(
      Array.from({ length: 11 }, (_, i) => [String(i + 1), i === 10 ? 'request' : 'assign']));
    expect(doc().querySelector('[data-request-section="11"]')?.textContent).toContain('Đề nghị');
  });
  it('lists every instrument the letter cites, each with its number and printed date', () => {
    const letter = json('directive-2023-thuy-nguyen.json');
    const cited = json('policies.json').policies.filter((p: { code: string }) => p.code !== letter.implements);
    const rows = Array.from(doc().querySelectorAll('tr[data-policy]'));
    expect(rows.map((r) => r.getAttribute('data-policy'))).toEqual(cited.map((p: { code: string }) => p.code));
    for (const p of cited.filter((x: { number: string | null }) => x.number)) {
      const text = doc().querySelector(`tr[data-policy="${p.code}"] th`)?.textContent ?? '';
      expect(text, p.code).toContain(p.number);
      if (locale === 'vi') expect(text, p.code).toContain(`ngày ${p.date_printed}`);
      else expect(text, p.code).not.toMatch(/Nghị quyết|Quyết định/);
    }
  });
  it('defines each of the 12 indicators in the page\'s language', () => {
    const std = json('standards.json').standards[0];
    const rows = Array.from(doc().querySelectorAll('table[data-definitions] tr[data-indicator]'));
    expect(rows.length).toBe(12);
    for (const i of std.indicators) {
      const text = doc().querySelector(`tr[data-indicator="${i.code}"]`)?.textContent ?? '';
      expect(text, i.code).toContain(locale === 'vi' ? i.deprived_when_vi : i.deprived_when_en);
    }
  });
  it('shows 63.14 % as printed, with the note that 706 / 1,118 is 63.15 %', () => {
    const row = doc().querySelector('tr[data-figure="poor_no_labour"]')!;
    expect(row.querySelector('[data-printed]')?.textContent).toBe(locale === 'vi' ? '63,14%' : '63.14%');
    expect(row.querySelector('[data-recomputed]')?.textContent).toBe(locale === 'vi' ? '63,15%' : '63.15%');
    expect(doc().querySelector('[data-share-note="poor_no_labour"]')?.textContent).toContain(locale === 'vi' ? '706 / 1.118' : '706 / 1,118');
  });
  it('names the tasks the data cannot measure and what the letter does not set', () => {
    const unmeasured = Array.from(doc().querySelectorAll('[data-unmeasured-item]')).map((li) => li.getAttribute('data-unmeasured-item'));
    expect(unmeasured).toEqual(expect.arrayContaining(['nutrition_mothers_children', 'tuition', 'legal_aid']));
    expect(Array.from(doc().querySelectorAll('[data-not-set-item]')).map((li) => li.getAttribute('data-not-set-item'))).toEqual(['per_commune', 'interim', 'near_poor']);
  });
  it('carries the full text as published, in Vietnamese', () => {
    const text = doc().querySelector('[data-directive-text]')!;
    expect(text.getAttribute('lang')).toBe('vi');
    expect(text.querySelectorAll('h3').length).toBe(11);
    expect(text.querySelector('#section-11')?.textContent).toMatch(/^11\. Đề nghị Ủy ban Mặt trận Tổ quốc/);
    expect(text.textContent).toContain('Thực hiện Công văn số 2065/UBND-VX ngày 28/8/2023');
  });
});

describe('the footer and the citation', () => {
  const meta = JSON.parse(readFileSync(join(DATA, 'datapackage.json'), 'utf8'));
  it('links the letter and the methodology from every content page, and names demo data as the source of a demo', () => {
    const routes = listRoutes(DIST).filter(isContent).filter((r) => r.kind !== 'embed' && r.kind !== 'commune');
    expect(routes.length).toBeGreaterThan(10);
    for (const r of routes) {
      const footer = page(r.path).querySelector('footer')!;
      const hrefs = Array.from(footer.querySelectorAll('a')).map((a) => a.getAttribute('href'));
      expect(hrefs, r.path).toEqual(expect.arrayContaining([`/${PREFIX[r.locale]}directive/`, `/${PREFIX[r.locale]}methodology/`]));
      const source = footer.querySelector('[data-footer-source]')?.textContent ?? '';
      if (meta.demo) expect(source, r.path).toContain(r.locale === 'vi' ? 'dữ liệu minh họa' : 'demo data');
      expect(source, r.path).not.toMatch(/^Nguồn: kết quả rà soát/);
    }
  });
  it('cites the publisher, not the former district, as the author', () => {
    for (const locale of ['vi', 'en'] as const) {
      const citation = page(`${PREFIX[locale]}data/`).querySelector('[data-citation]')?.textContent ?? '';
      expect(citation.startsWith(locale === 'vi' ? 'Minh bạch giảm nghèo (' : 'Poverty review transparency (')).toBe(true);
      expect(citation).not.toMatch(/^(UBND huyện|Thủy Nguyên District)/);
    }
  });
});
