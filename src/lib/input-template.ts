// Which input template the site offers for download (/data/), and where: pure, so the page, the build-time
// endpoint and the tests agree. The workbook itself is made by scripts/template-workbook.ts (`npm run template`).
import { standards } from './reference';

/** The review years some poverty standard governs: the years a template exists for. */
export function templateYears(): number[] {
  return standards.flatMap((s) => Array.from({ length: s.last_review_year - s.first_review_year + 1 }, (_, i) => s.first_review_year + i))
    .sort((a, b) => a - b);
}

/** The review the data officers fill next: the one after the latest published (the last year with a standard when
 *  none comes after). A function of the published data, so the same data build the same site. */
export function nextReviewYear(publishedYears: number[]): number {
  const years = templateYears();
  const latest = Math.max(...publishedYears);
  return years.find((y) => y > latest) ?? years[years.length - 1]!;
}

/** The files of a year's template, relative to the site root: the households workbook, and communes.xlsx, whose
 *  name the pipeline requires (docs/input-format.md). */
export function templateFiles(year: number): { households: string; communes: string } {
  return { households: `templates/${year}/ho-gia-dinh-${year}.xlsx`, communes: `templates/${year}/communes.xlsx` };
}
