// DEMO.md: tells a reader (and the pipeline, by its presence) that the folder is synthetic.
import type { NewUnit } from './geography.ts';
import type { DemoYearSummary } from './index.ts';
import type { MismatchKind } from './records.ts';
import type { UnitLinkage } from './reorganisation.ts';

const KIND_TEXT: Record<MismatchKind, string> = {
  recorded_not_poor_rule_near_poor: 'recorded not poor, although income is at or under the line with 0–2 deprivations (the rule says near-poor)',
  recorded_not_poor_rule_poor: 'recorded not poor, although income is at or under the line with 3 or more deprivations (the rule says poor)',
  recorded_near_poor_rule_not_poor: 'recorded near-poor, although income is above the line (the rule says not poor)',
  recorded_near_poor_rule_poor: 'recorded near-poor, although income is at or under the line with 3 or more deprivations (the rule says poor)',
  recorded_poor_rule_near_poor: 'recorded poor with only 2 deprivations (the rule says near-poor)',
  recorded_poor_rule_not_poor: 'recorded poor, although income is above the line (the rule says not poor)',
};

const pct = (n: number, of: number) => (of === 0 ? '–' : `${((100 * n) / of).toFixed(1)}%`);

export function demoNote(
  seed: number, years: DemoYearSummary[], mismatches: { review_year: number; kind: MismatchKind }[], units: NewUnit[], linkage: UnitLinkage[],
): string {
  const rows = years.map((y) => `| ${y.review_year} | ${y.total_households} | ${y.assessed} | ${y.poor} | ${y.near_poor} | ${y.poor_no_labour} | ${y.status_mismatches} |`);
  const kinds = [...new Set(mismatches.map((m) => m.kind))].sort().map((k) => {
    const perYear = years.map((y) => `${y.review_year}: ${mismatches.filter((m) => m.kind === k && m.review_year === y.review_year).length}`).join(', ');
    return `- ${KIND_TEXT[k]} — ${perYear}`;
  });
  const link = linkage.map((l) => {
    const u = units.find((x) => x.code === l.commune_code)!;
    const carried = l.carried_over;
    return `| ${u.code} ${u.name} | ${u.sources.length} | ${l.carries_references ? 'yes' : 'no'} | ${l.id_scheme === 'kept' ? 'kept (duplicates re-coded)' : 'new register'} | ${l.households} | ${carried} | ${l.recoded} | ${pct(l.crosswalk_linked, carried)} | ${pct(l.crosswalk_ambiguous, carried)} | ${pct(l.crosswalk_not_found, carried)} |`;
  });
  const total = (k: keyof UnitLinkage) => linkage.reduce((s, l) => s + (l[k] as number), 0);
  return `# Demo data — synthetic, not real households

Dữ liệu minh họa: toàn bộ hộ gia đình, họ tên, số CCCD, số điện thoại và địa chỉ trong thư mục này là giả.

This folder was written by \`npm run demo-data -- --out DIR --seed ${seed}\`. Every household, name, citizen ID,
phone number and address in it is invented. It has the layout of a real input folder (\`communes.csv\` +
\`households/\`) so the pipeline and the site can be tried end to end; the pipeline marks anything built
from it as demo data.

- Review year 2022 reproduces the district figures of the 2023 directive exactly (1,118 poor = 1.01%,
  2,359 near-poor = 2.14%, 706 poor with no labour capacity, and the six published deprivation counts).
  The split across communes, and every other review year, is illustrative.
- Households keep their code across the years of one set of units, so movements (escaped, newly poor, fell
  back, exited) are real within the demo; across the 2025 reorganisation they are re-coded (below).
- Files mix the layouts the communes send: canonical English CSV, Vietnamese headers, semicolon CSV with
  grouped digits (Excel on Windows: BOM, CRLF), and .xlsx workbooks; some per review year, some per commune
  (2025 and 2026: one file per unit and year, the two years' forms differ).
- Review years 2021–2024 use the 37 communes and towns of 2019–2024; review years 2025 and 2026 use the 8
  wards and communes in force from 2025-07-01 (data/reference/geography.json). Several codes live on with
  another territory (11473 is Minh Đức to 2024, Bạch Đằng from 2025): a file name carries the unit's name.
- Review 2024 nearly meets the directive's target (no poor households by the end of 2024) but not quite. In
  2025 more poor households escape, some that escaped fall back — more often where their support ended — and
  a few are newly poor. Review 2026 is classified under the 2027–2030 standard (income lines 2,200,000 rural
  / 2,800,000 urban; waste treatment asked, information access no longer): more households fall under the
  line. Wards are urban, so from 2025 most households are judged against the urban line.
- Households that escaped poverty keep support for the programmes' 36 months (three reviews) — about half
  of them (health insurance, credit, vocational training most often); for the others it ends. Some escaped
  households fall back, are near-poor or leave the lists one to three reviews later.
- Every household of review 2024 lives on in one successor of its commune (a split commune's households go
  mostly to the nearer successor — an assumption of the demo: the sources do not say how residents divided),
  except those that leave; new households appear. Review 2026 follows 2025 on the same units and codes.

| review year | households | assessed | poor | near-poor | poor, no labour capacity | status mismatches |
|---|---|---|---|---|---|---|
${rows.join('\n')}

## Linking review 2025 to review 2024

The new units re-coded their households: some kept the old commune's codes (re-coding a code that two of
their predecessors both used), some opened a new register. Household codes repeat from commune to commune,
as real ones do. Four units' 2025 files carry the previous reference (\`previous_commune_code\` / \`Mã xã
cũ\` on every row of a household reviewed in 2024, \`previous_household_id\` / \`Mã hộ cũ\` where its code
changed); the other four carry none, so they can only be linked through the crosswalk: a code found in
exactly one predecessor's 2024 list links, a code found in two or more is ambiguous and must stay unlinked.
The shares below are of the households also reviewed in 2024, linked by the crosswalk alone (as if no file
carried references):

| unit of 2025-07 | predecessors | references | household codes | rows 2025 | reviewed in 2024 | re-coded | one match | ambiguous | not found |
|---|---|---|---|---|---|---|---|---|---|
${link.join('\n')}
| all | | | | ${total('households')} | ${total('carried_over')} | ${total('recoded')} | ${pct(total('crosswalk_linked'), total('carried_over'))} | ${pct(total('crosswalk_ambiguous'), total('carried_over'))} | ${pct(total('crosswalk_not_found'), total('carried_over'))} |

Status mismatches are planted on purpose (the recognised status is what is published; the disagreement is
a data-quality figure). In 2022 they are all recorded not poor with the rule saying near-poor, so every
directive figure stays exact; from 2023 every one of the six cells of recorded × rule has at least 5
households in the district (planted last, from a stream of their own, changing only incomes or deprivation
flags):

${kinds.join('\n')}
`;
}
