// The district's letter as content and the domain wording (issue 13, items 7 and 8): reference data checked
// against the letter's own text, the letter's shares recomputed by hand, the transcription parsed without loss,
// unit names inside sentences, the publisher, and the words that must not come back.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { agencies, directive, officialFigures, policies, policy, programs, reviewOf, reviews, standards } from '../src/lib/reference';
import { policyTitle, programBasis, englishDate } from '../src/lib/policies';
import { decimalsOf, percentAt, printedShares } from '../src/lib/official';
import { parseDirective, parseInline, plainText } from '../src/lib/directive-text';
import { nameInSentence } from '../src/lib/names';
import { publisher } from '../src/lib/site-config';
import { strings } from '../src/i18n';

const ROOT = resolve(import.meta.dirname, '..');
const letter = readFileSync(join(ROOT, 'data/reference', directive.text_file), 'utf8');
const VI_LETTER = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

describe('standards: what "deprived" means, in both languages', () => {
  it.each(standards.flatMap((s) => s.indicators.map((i) => [s.code, i.code, i] as const)))('%s %s has a Vietnamese and an English definition', (_, __, i) => {
    expect(i.deprived_when_vi.length).toBeGreaterThan(10);
    expect(i.deprived_when_vi).toMatch(VI_LETTER);
    expect(i.deprived_when_en.length).toBeGreaterThan(10);
    expect(i.deprived_when_en).not.toMatch(VI_LETTER);
  });
  it('names the areas in each standard\'s own words: "đô thị" from 2027', () => {
    expect(standards.map((s) => [s.code, s.area_names_vi.urban, s.area_names_vi.rural])).toEqual([
      ['2022-2025', 'thành thị', 'nông thôn'],
      ['2027-2030', 'đô thị', 'nông thôn'],
    ]);
    const lines = strings('vi').pages.methodology.lines('2.200.000', '2.800.000', 3, standards[1]!.area_names_vi);
    expect(lines).toContain('đô thị 2.800.000 đồng');
    expect(lines).not.toContain('thành thị');
  });
  it('gives the legal basis in the reader\'s language', () => {
    for (const s of standards) {
      expect(s.legal_basis_vi).toMatch(/^Nghị định /);
      expect(s.legal_basis_en).toMatch(/^Decree /);
    }
  });
});

describe('policies: every instrument the letter cites, as printed', () => {
  // "số <number> ngày <d/m/yyyy>" wherever the letter cites an instrument with its date
  const cited = [...letter.matchAll(/số (\S+) ngày (\d{1,2}\/\d{1,2}\/\d{4})/g)].map((m) => [m[1]!, m[2]!] as const);

  it('holds every numbered instrument of the letter, with the date as printed', () => {
    expect(cited.length).toBeGreaterThanOrEqual(8);
    for (const [number, date] of cited) {
      const p = policies.find((x) => x.number === number);
      expect(p, number).toBeDefined();
      expect(p!.date_printed, number).toBe(date);
    }
    expect(new Set(cited.map(([n]) => n))).toEqual(new Set(policies.filter((p) => p.number != null).map((p) => p.number)));
  });
  it('keeps the ISO date equal to the printed one', () => {
    for (const p of policies.filter((x) => x.date != null)) {
      const [d, m, y] = p.date_printed!.split('/').map(Number);
      expect(p.date, p.code).toBe(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    }
  });
  it('names the five People\'s Council resolutions and decision 2269 the issue lists', () => {
    for (const n of ['04/2022/NQ-HĐND', '08/2022/NQ-HĐND', '11/2022/NQ-HĐND', '12/2022/NQ-HĐND', '52/2019/NQ-HĐND', '2269/QĐ-TTg']) expect(policies.some((p) => p.number === n), n).toBe(true);
  });
  it('points every programme at known policies', () => {
    for (const p of programs) {
      expect(p.policies.length, p.code).toBeGreaterThan(0);
      for (const code of p.policies) expect(() => policy(code)).not.toThrow();
    }
    expect(() => policy('nq-99-2099')).toThrow('unknown policy code: nq-99-2099');
  });
  it('words a legal basis in Vietnamese on Vietnamese pages and in English on English ones', () => {
    expect(policyTitle(policy('nq-52-2019'), 'vi')).toBe('Nghị quyết 52/2019/NQ-HĐND ngày 09/12/2019 của Hội đồng nhân dân thành phố Hải Phòng');
    expect(policyTitle(policy('nq-52-2019'), 'en')).toBe("Resolution 52/2019/NQ-HĐND of 9 December 2019, Hải Phòng City People's Council");
    expect(policyTitle(policy('luat-tro-giup-phap-ly'), 'vi')).toBe('Luật Trợ giúp pháp lý');
    expect(englishDate('2021-12-31')).toBe('31 December 2021');
    const housing = programs.find((p) => p.code === 'housing')!;
    expect(programBasis(housing, 'vi')).toBe('Nghị quyết 52/2019/NQ-HĐND ngày 09/12/2019 của Hội đồng nhân dân thành phố Hải Phòng; Nghị quyết 08/2022/NQ-HĐND ngày 20/7/2022 của Hội đồng nhân dân thành phố Hải Phòng');
    for (const p of programs) expect(programBasis(p, 'vi'), p.code).not.toMatch(/Resolution|Decision|Decree|People's/);
  });
  it('gives a Vietnamese note with every "check" mark', () => {
    for (const p of policies.filter((x) => x.check)) {
      expect(p.check_note_vi, p.code).toMatch(VI_LETTER);
      expect(p.check_note_en, p.code).toBeTruthy();
    }
  });
});

describe('the letter: what it is and what it asks', () => {
  it('carries out the city\'s letter 2065/UBND-VX of 28/8/2023, as its opening says', () => {
    const city = policy(directive.implements);
    expect(letter).toContain(`Thực hiện Công văn số ${city.number} ngày ${city.date_printed} của Ủy ban nhân dân thành phố`);
  });
  it('assigns sections 1–10 and requests ("Đề nghị") in section 11', () => {
    const headings = parseDirective(letter).filter((b) => b.kind === 'heading');
    expect(headings.map((h) => h.kind === 'heading' && h.section)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const requests = directive.sections.filter((s) => s.mode === 'request');
    expect(requests.map((s) => s.section)).toEqual([11]);
    for (const h of headings) {
      if (h.kind !== 'heading') continue;
      const opensWithRequest = /^\d+\. Đề nghị /.test(h.text);
      expect(opensWithRequest, h.text).toBe(h.section === 11);
    }
    expect(directive.sections.map((s) => s.section)).toEqual(agencies.map((a) => a.section).sort((a, b) => a - b));
  });
  it('prints its number and date blank, as the copy does', () => {
    expect(letter).toContain(directive.number_printed);
    expect(letter).toContain(directive.date_printed);
  });
  it('lists the tasks the data cannot measure, nutrition, tuition and legal aid among them', () => {
    expect(directive.unmeasured.map((u) => u.code)).toEqual(expect.arrayContaining(['nutrition_mothers_children', 'tuition', 'legal_aid']));
    expect(directive.not_set.map((u) => u.code)).toEqual(['per_commune', 'interim', 'near_poor']);
  });
});

describe('the letter\'s shares, recomputed from its counts', () => {
  it('rounds half away from zero in exact arithmetic', () => {
    expect(percentAt(1, 8, 1)).toBe(12.5);
    expect(percentAt(1, 8, 0)).toBe(13);
    expect(percentAt(1, 3, 2)).toBe(33.33);
    expect(percentAt(2, 3, 2)).toBe(66.67);
    expect(decimalsOf(63.14)).toBe(2);
    expect(decimalsOf(43.6)).toBe(1);
    expect(decimalsOf(28)).toBe(0);
  });
  it('finds 706 / 1,118 = 63.15 % where the letter prints 63.14 %, and 36.85 % for its 36.86 %', () => {
    // by hand: 706 × 10,000 / 1,118 = 6,314.847… → 63.15; 412 × 10,000 / 1,118 = 3,685.152… → 36.85;
    // 488 / 1,118 = 43.649…% → 43.6 (printed 43.6); 279 / 1,118 = 24.955…% → 25 (printed 25)
    const byFigure = Object.fromEntries(printedShares().map((x) => [x.figure, x]));
    expect(byFigure.poor_no_labour).toMatchObject({ households: 706, poor: 1118, printed: 63.14, recomputed: 63.15, differs: true });
    expect(byFigure.poor_with_labour).toMatchObject({ printed: 36.86, recomputed: 36.85, differs: true });
    expect(byFigure.poor_deprived_employment).toMatchObject({ printed: 43.6, recomputed: 43.6, differs: false });
    expect(byFigure.poor_deprived_housing_quality).toMatchObject({ printed: 25, recomputed: 25, differs: false });
    expect(printedShares().filter((x) => x.differs).map((x) => x.figure)).toEqual(['poor_no_labour', 'poor_with_labour']);
    expect(officialFigures.shares_printed.poor_no_labour).toBe(63.14);
  });
});

describe('the transcription, parsed', () => {
  it('reads headings, lists, bold across a line break and bold italic', () => {
    const md = '\n**ỦY BAN  \nHUYỆN**\n\n### **1. Phòng A**\n\nMột *câu* thường\ntiếp theo.\n\n- một;\n- hai.\n\n- ba.\n\n***Nơi nhận:***\n';
    expect(parseDirective(md)).toEqual([
      { kind: 'paragraph', inline: [{ text: 'ỦY BAN', strong: true }, { text: '', br: true }, { text: 'HUYỆN', strong: true }] },
      { kind: 'heading', text: '1. Phòng A', section: 1 },
      { kind: 'paragraph', inline: [{ text: 'Một *câu* thường tiếp theo.' }] },
      { kind: 'list', items: [[{ text: 'một;' }], [{ text: 'hai.' }], [{ text: 'ba.' }]] },
      { kind: 'paragraph', inline: [{ text: 'Nơi nhận:', strong: true, em: true }] },
    ]);
    expect(parseInline('a **b** c')).toEqual([{ text: 'a ' }, { text: 'b', strong: true }, { text: ' c' }]);
  });
  it('loses no word of the letter', () => {
    const words = (s: string) => s.replace(/\*+/g, ' ').replace(/^#+\s*/gm, ' ').replace(/^\s*- /gm, ' ').split(/\s+/).filter(Boolean);
    const rendered = parseDirective(letter).map((b) => (b.kind === 'heading' ? b.text : b.kind === 'paragraph' ? plainText(b.inline) : b.items.map(plainText).join(' '))).join(' ');
    expect(words(rendered)).toEqual(words(letter));
  });
});

describe('reviews: the standard and the kind of each review year', () => {
  it('says the 2021 figures are the baseline review under the 2022–2025 standard', () => {
    const r = reviewOf(2021)!;
    expect([r.kind, r.standard?.code]).toEqual(['baseline', '2022-2025']);
    expect(r.note_vi).toContain('2016–2020');
    expect(r.note_en).toContain('2016–2020');
    expect(reviewOf(2026)!.standard?.code).toBe('2027-2030');
  });
  it('has a baseline exactly where a standard begins', () => {
    for (const r of reviews) {
      const begins = standards.some((s) => s.first_review_year === r.review_year);
      expect(r.kind === 'baseline', String(r.review_year)).toBe(begins);
    }
    for (const y of [2021, 2022, 2023, 2024, 2025, 2026]) expect(reviewOf(y), String(y)).toBeDefined();
  });
});

describe('unit names inside a sentence', () => {
  it.each([
    ['Xã Lại Xuân', 'vi', 'xã Lại Xuân'], ['Huyện Thủy Nguyên', 'vi', 'huyện Thủy Nguyên'], ['Thị trấn Núi Đèo', 'vi', 'thị trấn Núi Đèo'],
    ['Thành phố Thủy Nguyên', 'vi', 'thành phố Thủy Nguyên'], ['Phường Bạch Đằng', 'vi', 'phường Bạch Đằng'],
    ['Tám phường, xã của Thủy Nguyên cũ', 'vi', 'tám phường, xã của Thủy Nguyên cũ'], ['Xuân Hòa', 'vi', 'Xuân Hòa'], ['X', 'vi', 'X'],
    ['The eight wards and communes of former Thuy Nguyen', 'en', 'the eight wards and communes of former Thuy Nguyen'], ['Lai Xuan commune', 'en', 'Lai Xuan commune'],
  ] as const)('%s (%s) → %s', (name, locale, expected) => {
    expect(nameInSentence(name, locale)).toBe(expected);
  });
  it('is applied by the string tables mid-sentence', () => {
    expect(strings('vi').charts.series.titleCount('Xã Lại Xuân')).toBe('Số hộ nghèo theo năm rà soát, xã Lại Xuân');
    expect(strings('vi').charts.deprivationShares.noData('Xã Lại Xuân')).toBe('Không có số liệu thiếu hụt công bố được cho hộ nghèo của xã Lại Xuân.');
  });
  it('spells Hòa and Thủy one way in the geography', () => {
    const geography = readFileSync(join(ROOT, 'data/reference/geography.json'), 'utf8');
    expect(geography).not.toMatch(/Hoà(?!\p{L})|Thuỷ/u);
    expect(geography).toContain('Phường Hòa Bình');
  });
});

describe('the publisher and the citation', () => {
  it('is the configured publisher, the project by default, never the former district', () => {
    expect(publisher('vi', {})).toBe('Minh bạch giảm nghèo');
    expect(publisher('en', {})).toBe('Poverty review transparency');
    expect(publisher('vi', { SITE_PUBLISHER: 'Nhóm A' })).toBe('Nhóm A');
    expect(publisher('en', { SITE_PUBLISHER: 'Nhóm A', SITE_PUBLISHER_EN: 'Group A' })).toBe('Group A');
    const citation = strings('vi').pages.content.citation.text({ publisher: publisher('vi', {}), year: 2026, release: 'r1', demo: true });
    expect(citation.startsWith('Minh bạch giảm nghèo (2026).')).toBe(true);
    expect(citation).toContain('dữ liệu minh họa');
    expect(citation).not.toMatch(/^UBND huyện/);
  });
});

describe('wording', () => {
  const files = (dir: string, out: string[] = []): string[] => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) files(p, out);
      else if (/\.(ts|astro|json|md)$/.test(e)) out.push(p);
    }
    return out;
  };
  const texts = [...files(join(ROOT, 'src')), ...files(join(ROOT, 'data/reference')).filter((p) => p.endsWith('.json')), join(ROOT, 'scripts/pipeline/schema.ts')]
    .map((p) => [p.slice(ROOT.length + 1), readFileSync(p, 'utf8')] as const);

  // "nghèo mới" as the newly poor; "chuẩn nghèo mới" (a new poverty standard) is another phrase
  it.each([/giả danh/i, /chưa từng nghèo/i, /cần trợ cấp/i, /(?<!chuẩn )nghèo mới/i, /không rà soát lại/i, /Left the list \(not re-assessed\)/])('%s is gone from src and the reference data', (phrase) => {
    expect(texts.filter(([, t]) => phrase.test(t)).map(([p]) => p)).toEqual([]);
  });
  it('calls the document an official letter in English', () => {
    // every text of the English table (values only: keys and code identifiers may say "directive")
    const leaves = (o: unknown): string[] => (typeof o === 'string' ? [o] : typeof o === 'function' ? [String(o)] : o && typeof o === 'object' ? Object.values(o).flatMap(leaves) : []);
    const en = leaves(strings('en').pages).join('\n');
    expect(en.match(/\bdirective\b/gi) ?? []).toEqual(['directive']);
    expect(en).toContain('not a directive (chỉ thị)');
  });
  it('names the new strings in both languages', () => {
    expect(strings('vi').pages.content.directive.title).toBe('Văn bản chỉ đạo');
    expect(strings('en').pages.content.directive.title).toBe("The district's official letter");
    expect(strings('vi').charts.movements.measures.exited_other).toContain('chuyển đi');
    expect(strings('vi').pages.overview.noLabour('706', '1.118').after).toContain('cần hỗ trợ thu nhập hằng tháng');
    expect(strings('vi').pages.overview.noLabour('706', '1.118').after).toContain('Theo công văn');
  });
});
