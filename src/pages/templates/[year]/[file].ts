// The input template of the next review, built with the site (scripts/template-workbook.ts) and linked from /data/.
import type { APIRoute, GetStaticPaths } from 'astro';
import { nextReviewYear, templateFiles } from '../../../lib/input-template';
import { reviewYears } from '../../../lib/site-data';
import { communesTemplate, householdsTemplate } from '../../../../scripts/template-workbook';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const getStaticPaths = (async () => {
  const year = nextReviewYear(await reviewYears());
  const files = templateFiles(year);
  const name = (path: string) => path.split('/').pop()!;
  return [
    { params: { year: String(year), file: name(files.households) }, props: { kind: 'households' as const, year } },
    { params: { year: String(year), file: name(files.communes) }, props: { kind: 'communes' as const, year } },
  ];
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const { kind, year } = props as { kind: 'households' | 'communes'; year: number };
  const body = kind === 'households' ? await householdsTemplate(year) : await communesTemplate(year);
  return new Response(new Uint8Array(body), { headers: { 'Content-Type': XLSX } });
};
