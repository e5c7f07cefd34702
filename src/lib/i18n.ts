// UI strings and locale-aware paths. Vietnamese is the default locale at the site root; English lives
// under /en/ with the same slugs, so a page's twin is always one prefix away.
import type { Locale } from './format';
export type { Locale } from './format';

export const LOCALES: Locale[] = ['vi', 'en'];

/** "/progress/" → "/en/progress/" under the configured base; `base` defaults to Astro's BASE_URL. */
export function localeHref(locale: Locale, path: string, base: string = baseUrl()): string {
  const clean = path.replace(/^\/+/, '');
  const prefix = locale === 'en' ? 'en/' : '';
  return joinBase(base, prefix + clean);
}

/** A path under the base for a locale-independent asset: "data/poverty.csv". */
export function assetHref(path: string, base: string = baseUrl()): string {
  return joinBase(base, path.replace(/^\/+/, ''));
}

function joinBase(base: string, rest: string): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return b + rest;
}

function baseUrl(): string {
  // import.meta.env exists under Vite (Astro, vitest); plain tsx falls back to the root.
  const env = (import.meta as unknown as { env?: { BASE_URL?: string } }).env;
  return env?.BASE_URL ?? '/';
}

/**
 * Review year t decides who is poor in year t+1 (Decision 24/2021/QĐ-TTg): label both, always.
 */
export function reviewYearLabel(reviewYear: number, locale: Locale, short = false): string {
  if (short) return locale === 'vi' ? `RS ${reviewYear} (nghèo ${reviewYear + 1})` : `Rev. ${reviewYear} (poor in ${reviewYear + 1})`;
  return locale === 'vi'
    ? `rà soát cuối năm ${reviewYear} — hộ nghèo năm ${reviewYear + 1}`
    : `review of end-${reviewYear} — poor households in ${reviewYear + 1}`;
}

/** Remove Vietnamese diacritics (incl. đ) so "nui deo" finds "Núi Đèo". */
export function foldDiacritics(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

export interface NavItem { slug: string; label: string }

const strings = {
  vi: {
    siteName: 'Minh bạch giảm nghèo — Thủy Nguyên',
    siteShort: 'Minh bạch giảm nghèo',
    district: 'huyện Thủy Nguyên',
    skip: 'Bỏ qua, đến nội dung chính',
    navLabel: 'Điều hướng chính',
    langSwitch: 'English',
    langSwitchLabel: 'Xem trang này bằng tiếng Anh',
    demoNotice: 'Dữ liệu minh họa: các con số trên trang này được tạo ra để thử nghiệm, không phải kết quả rà soát thật.',
    demoShort: 'Dữ liệu minh họa',
    demoBody: 'Các con số trên trang này được tạo ra để thử nghiệm, không phải kết quả rà soát thật.',
    footerSource: 'Nguồn: kết quả rà soát hộ nghèo, hộ cận nghèo định kỳ của UBND các xã, thị trấn, huyện Thủy Nguyên; chỉ công bố số liệu tổng hợp đã được bảo vệ.',
    licence: 'Giấy phép dữ liệu: CC BY 4.0',
    release: 'Phiên bản dữ liệu',
    poor: 'Hộ nghèo', nearPoor: 'Hộ cận nghèo', households: 'hộ',
    poorRate: 'Tỷ lệ hộ nghèo', nearPoorRate: 'Tỷ lệ hộ cận nghèo',
    totalHouseholds: 'Tổng số hộ',
    suppressed: 'ẩn để bảo vệ hộ gia đình',
    suppressedLegend: 'Ô gạch chéo: ẩn để bảo vệ hộ gia đình (không phải số 0).',
    tableView: 'Xem dạng bảng',
    download: 'Tải về',
    source: 'Nguồn',
    district311: 'Toàn huyện',
    target: 'Mục tiêu',
    commune: 'Xã/thị trấn',
    nav: [
      { slug: '', label: 'Tổng quan' }, { slug: 'progress/', label: 'Tiến độ' },
      { slug: 'deprivation/', label: 'Thiếu hụt' }, { slug: 'communes/', label: 'Xã/thị trấn' },
      { slug: 'agencies/', label: 'Cơ quan' }, { slug: 'explore/', label: 'Khám phá' },
      { slug: 'data/', label: 'Dữ liệu' }, { slug: 'methodology/', label: 'Phương pháp' },
    ] as NavItem[],
  },
  en: {
    siteName: 'Poverty review transparency — Thủy Nguyên',
    siteShort: 'Poverty review transparency',
    district: 'Thủy Nguyên district',
    skip: 'Skip to main content',
    navLabel: 'Main navigation',
    langSwitch: 'Tiếng Việt',
    langSwitchLabel: 'View this page in Vietnamese',
    demoNotice: 'Demo data: the figures on this page were generated for testing; they are not real review results.',
    demoShort: 'Demo data',
    demoBody: 'The figures on this page were generated for testing; they are not real review results.',
    footerSource: 'Source: periodic poor and near-poor household reviews of the communes and towns of Thủy Nguyên district; only protected aggregates are published.',
    licence: 'Data licence: CC BY 4.0',
    release: 'Data release',
    poor: 'Poor households', nearPoor: 'Near-poor households', households: 'households',
    poorRate: 'Poor household rate', nearPoorRate: 'Near-poor household rate',
    totalHouseholds: 'Total households',
    suppressed: 'hidden to protect households',
    suppressedLegend: 'Hatched cell: hidden to protect households (not a zero).',
    tableView: 'Show as table',
    download: 'Download',
    source: 'Source',
    district311: 'Whole district',
    target: 'Target',
    commune: 'Commune/town',
    nav: [
      { slug: '', label: 'Overview' }, { slug: 'progress/', label: 'Progress' },
      { slug: 'deprivation/', label: 'Deprivation' }, { slug: 'communes/', label: 'Communes' },
      { slug: 'agencies/', label: 'Agencies' }, { slug: 'explore/', label: 'Explore' },
      { slug: 'data/', label: 'Data' }, { slug: 'methodology/', label: 'Methodology' },
    ] as NavItem[],
  },
} as const;

export type Strings = (typeof strings)['vi'];
export function t(locale: Locale): Strings {
  return strings[locale] as Strings;
}

/** Pick the string for a locale from a {vi, en} pair. */
export function pick<T>(locale: Locale, vi: T, en: T): T {
  return locale === 'vi' ? vi : en;
}
