// The legal bases of the support programmes, named as the district's 2023 letter prints them, in the
// reader's language: "Nghị quyết 52/2019/NQ-HĐND ngày 09/12/2019 của Hội đồng nhân dân thành phố Hải Phòng".
import type { Locale } from './format';
import { localized } from './i18n';
import { policy, type Policy, type Program } from './reference';
import { strings } from '../i18n';

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2019-12-09" → "9 December 2019". */
export function englishDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS_EN[m! - 1]} ${y}`;
}

/** The instrument's name with number, date and issuer; an unnumbered one by its title. */
export function policyTitle(p: Policy, locale: Locale): string {
  const s = strings(locale).pages.content.policy;
  if (p.number == null) return (locale === 'vi' ? p.title_vi : p.title_en) ?? p.code;
  const date = p.date == null ? null : locale === 'vi' ? p.date_printed! : englishDate(p.date);
  return s.title(s.kinds[p.kind], p.number, date, localized(p, 'issuer', locale));
}

/** A programme's legal bases, in the reader's language. */
export function programBasis(program: Program, locale: Locale): string {
  return program.policies.map((code) => policyTitle(policy(code), locale)).join('; ');
}
