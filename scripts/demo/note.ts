// DEMO.md: tells a reader (and the pipeline, by its presence) that the folder is synthetic.
import type { DemoYearSummary } from './index.ts';
import type { MismatchKind } from './records.ts';

const KIND_TEXT: Record<MismatchKind, string> = {
  recorded_not_poor_rule_near_poor: 'recorded not poor, although income is at or under the line with 0–2 deprivations (the rule says near-poor)',
  recorded_near_poor_rule_not_poor: 'recorded near-poor, although income is above the line (the rule says not poor)',
  recorded_poor_rule_near_poor: 'recorded poor with only 2 deprivations (the rule says near-poor)',
};

export function demoNote(seed: number, years: DemoYearSummary[], mismatches: { review_year: number; kind: MismatchKind }[]): string {
  const rows = years.map((y) => `| ${y.review_year} | ${y.total_households} | ${y.assessed} | ${y.poor} | ${y.near_poor} | ${y.poor_no_labour} | ${y.status_mismatches} |`);
  const kinds = [...new Set(mismatches.map((m) => m.kind))].sort().map((k) => {
    const perYear = years.map((y) => `${y.review_year}: ${mismatches.filter((m) => m.kind === k && m.review_year === y.review_year).length}`).join(', ');
    return `- ${KIND_TEXT[k]} — ${perYear}`;
  });
  return `# Demo data — synthetic, not real households

Dữ liệu minh họa: toàn bộ hộ gia đình, họ tên, số CCCD, số điện thoại và địa chỉ trong thư mục này là giả.

This folder was written by \`npm run demo-data -- --out DIR --seed ${seed}\`. Every household, name, citizen ID,
phone number and address in it is invented. It has the layout of a real input folder (\`communes.csv\` +
\`households/\`) so the pipeline and the site can be tried end to end; the pipeline marks anything built
from it as demo data.

- Review year 2022 reproduces the district figures of the 2023 directive exactly (1,118 poor = 1.01%,
  2,359 near-poor = 2.14%, 706 poor with no labour capacity, and the six published deprivation counts).
  The split across communes, and every other review year, is illustrative.
- Households keep their code across years, so movements (escaped, newly poor, fell back, exited) are real
  within the demo.
- Files mix the layouts the communes send: canonical English CSV, Vietnamese headers, semicolon CSV with
  grouped digits (Excel on Windows: BOM, CRLF), and .xlsx workbooks; some per review year, some per commune.

| review year | households | assessed | poor | near-poor | poor, no labour capacity | status mismatches |
|---|---|---|---|---|---|---|
${rows.join('\n')}

Status mismatches are planted on purpose (the recognised status is what is published; the disagreement is
a data-quality figure). In 2022 they are all of the first kind, so every directive figure stays exact:

${kinds.join('\n')}
`;
}
