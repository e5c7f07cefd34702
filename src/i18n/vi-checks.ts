import { nameInSentence } from '../lib/names';
// Vietnamese strings of the monitoring checks (issue 13, items 3, 4, 6): recorded result vs the standard's rule
// (/recorded-vs-rule/), deprivation by dimension on the commune pages, what-if under the 2027–2030 standard
// (/what-if/). English in en-checks.ts, same shape. Figures arrive formatted.
type Measure =
  | 'recorded_poor_rule_near_poor' | 'recorded_poor_rule_not_poor'
  | 'recorded_near_poor_rule_poor' | 'recorded_near_poor_rule_not_poor'
  | 'recorded_not_poor_rule_poor' | 'recorded_not_poor_rule_near_poor';
type Condition = 'income_at_or_under' | 'income_above' | 'deprivations_at_least' | 'deprivations_fewer';

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** a unit's name mid-sentence: "xã Lại Xuân" (src/lib/names.ts) */
const mid = (name: string) => nameInSentence(name, 'vi');

export const viChecks = {
  /** the conditions of the standard's rule, with the standard's own thresholds */
  rule: {
    /** the urban income line's area word: "đô thị" in the 2027–2030 standard, "thành thị" before */
    urban: (standard: string): string => (standard === '2027-2030' ? 'đô thị' : 'thành thị'),
    condition: (c: Condition, v: { min: string; rural: string; urban: string; urbanWord: string }) => ({
      income_at_or_under: `thu nhập bình quân bằng hoặc dưới chuẩn (${v.rural} đồng/người/tháng ở nông thôn, ${v.urban} đồng ở ${v.urbanWord})`,
      income_above: `thu nhập bình quân trên chuẩn (${v.rural} đồng/người/tháng ở nông thôn, ${v.urban} đồng ở ${v.urbanWord})`,
      deprivations_at_least: `thiếu hụt từ ${v.min} chỉ số trở lên`,
      deprivations_fewer: `thiếu hụt dưới ${v.min} chỉ số`,
    })[c],
    reason: (standard: string, conditions: string[]) => `Theo quy tắc của chuẩn ${standard}: ${conditions.join(' và ')}.`,
  },

  mismatch: {
    title: 'Kết quả công nhận và quy tắc của chuẩn nghèo',
    description: 'Số hộ có kết quả công nhận (nghèo, cận nghèo, không) khác với phân loại theo quy tắc của chuẩn nghèo, theo cả hai chiều, từng năm rà soát và từng xã, phường',
    heading: 'Kết quả công nhận so với quy tắc của chuẩn nghèo',
    lead: 'Mỗi kỳ rà soát, xã, phường công nhận hộ nghèo, hộ cận nghèo. Trang này đặt kết quả công nhận cạnh phân loại theo quy tắc của chuẩn nghèo — thu nhập bình quân và số chỉ số thiếu hụt — của cùng các hộ được rà soát, theo cả hai chiều: hộ được công nhận mà theo quy tắc không thuộc diện, và hộ thuộc diện theo quy tắc mà không được công nhận.',
    lawfulHeading: 'Chênh lệch không có nghĩa là sai',
    lawful: 'Quy trình rà soát có những bước hợp pháp có thể dẫn tới kết quả khác với phép tính theo chuẩn: đánh giá của ban rà soát của xã và hội nghị ở thôn, tổ dân phố; ý kiến, tự đánh giá và giấy tờ của chính hộ gia đình; phúc tra; khiếu nại và giải quyết khiếu nại. Dữ liệu rà soát không ghi lại các bước đó.',
    supervision: 'Vì vậy các con số này là tín hiệu để kiểm tra, giám sát, không phải bằng chứng sai sót: công văn của UBND huyện đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện và các tổ chức chính trị - xã hội “tăng cường công tác kiểm tra, giám sát việc thực hiện các chính sách giảm nghèo” (mục 11).',
    /** what the households of each cell are, without their number */
    cell: {
      recorded_poor_rule_near_poor: 'hộ được công nhận là hộ nghèo nhưng không đủ điều kiện hộ nghèo theo chuẩn (theo chuẩn là hộ cận nghèo)',
      recorded_poor_rule_not_poor: 'hộ được công nhận là hộ nghèo nhưng theo chuẩn không phải hộ nghèo hay hộ cận nghèo',
      recorded_near_poor_rule_poor: 'hộ được công nhận là hộ cận nghèo nhưng theo chuẩn đủ điều kiện hộ nghèo',
      recorded_near_poor_rule_not_poor: 'hộ được công nhận là hộ cận nghèo nhưng theo chuẩn không phải hộ nghèo hay hộ cận nghèo',
      recorded_not_poor_rule_poor: 'hộ được rà soát, không được công nhận là hộ nghèo hay hộ cận nghèo, nhưng theo chuẩn đủ điều kiện hộ nghèo',
      recorded_not_poor_rule_near_poor: 'hộ được rà soát, không được công nhận là hộ nghèo hay hộ cận nghèo, nhưng theo chuẩn là hộ cận nghèo',
    } as Record<Measure, string>,
    /** short labels (chart, table headings) */
    short: {
      recorded_poor_rule_near_poor: 'Công nhận: nghèo · chuẩn: cận nghèo',
      recorded_poor_rule_not_poor: 'Công nhận: nghèo · chuẩn: không',
      recorded_near_poor_rule_poor: 'Công nhận: cận nghèo · chuẩn: nghèo',
      recorded_near_poor_rule_not_poor: 'Công nhận: cận nghèo · chuẩn: không',
      recorded_not_poor_rule_poor: 'Công nhận: không · chuẩn: nghèo',
      recorded_not_poor_rule_near_poor: 'Công nhận: không · chuẩn: cận nghèo',
    } as Record<Measure, string>,
    legendLower: 'Theo chuẩn thấp hơn kết quả công nhận',
    legendHigher: 'Theo chuẩn cao hơn kết quả công nhận',
    shortNote: '“Không”: không phải hộ nghèo hay hộ cận nghèo.',
    /** a cell in running text: its number first, or "hidden" after it */
    cellSentence: (desc: string, n: string | null, hidden: string) => (n == null ? `${cap(desc)}: ${hidden}` : `${n} ${desc}`),
    /** the share of the recognised group a cell belongs to */
    ofBase: (share: string, n: string, base: string, group: 'poor' | 'near_poor' | 'not_poor') =>
      `${share} (${n} / ${base} ${{ poor: 'hộ nghèo được công nhận', near_poor: 'hộ cận nghèo được công nhận', not_poor: 'hộ còn lại của địa bàn' }[group]})`,
    summary: (v: { year: number; area: string; total: string; rate: string; totalHouseholds: string; largest: string | null }) =>
      `Rà soát ${v.year}: ${v.total} hộ ở ${mid(v.area)} có kết quả công nhận khác với phân loại theo quy tắc của chuẩn (${v.rate} trên tổng ${v.totalHouseholds} hộ)${v.largest ? `; nhiều nhất là ${v.largest}` : ''}.`,
    summaryHidden: (year: number, area: string, hidden: string) => `Rà soát ${year}: số hộ ở ${mid(area)} có kết quả công nhận khác với quy tắc của chuẩn: ${hidden}.`,
    summaryNone: (year: number, area: string) => `Rà soát ${year}: kết quả công nhận của mọi hộ được rà soát ở ${mid(area)} khớp với phân loại theo quy tắc của chuẩn.`,
    summaryNoSplit: ' Bản dữ liệu này chưa chia số hộ chênh lệch theo hai chiều.',
    denominator: 'Tỷ lệ tính trên tổng số hộ dân cư của địa bàn (cột total_households của bảng poverty), vì số hộ được rà soát không được công bố. Số hộ của từng ô được so với nhóm hộ chứa nó: hộ nghèo, hộ cận nghèo được công nhận, hoặc các hộ còn lại.',
    sumCheck: (sum: string, total: string) => `Sáu ô cộng lại bằng ${sum} hộ, đúng bằng tổng số hộ chênh lệch (${total}).`,
    districtHeading: 'Toàn địa bàn qua các năm',
    chartTitle: (area: string) => `Kết quả công nhận khác với quy tắc của chuẩn, theo hai chiều, ${area}`,
    chartSummary: (year: number, total: string, rate: string, totalHouseholds: string) =>
      `Rà soát ${year}: ${total} hộ có kết quả công nhận khác với quy tắc của chuẩn (${rate} trên ${totalHouseholds} hộ).`,
    chartSummaryHidden: (year: number) => `Rà soát ${year}: tổng số hộ chênh lệch bị ẩn để bảo vệ hộ gia đình.`,
    chartEmpty: 'Chưa có số liệu chênh lệch được công bố.',
    cellColumn: 'Kết quả công nhận · theo chuẩn',
    yearHeading: (label: string) => `Chi tiết ${label}`,
    reasonsHeading: 'Từng chiều và lý do theo chuẩn (toàn địa bàn)',
    reasonColumn: 'Theo quy tắc của chuẩn, các hộ này có',
    countColumn: 'Số hộ',
    shareColumn: 'Trong nhóm hộ (%)',
    groupColumn: 'Nhóm hộ chứa ô (số hộ)',
    totalLine: (total: string, rate: string, totalHouseholds: string) => `Tổng cộng ${total} hộ chênh lệch (${rate} trên ${totalHouseholds} hộ dân cư).`,
    totalHidden: (hidden: string) => `Tổng số hộ chênh lệch: ${hidden}.`,
    communesHeading: (unitsLabel: string) => `Theo ${unitsLabel}`,
    totalColumn: 'Tổng chênh lệch',
    rateColumn: 'Tỷ lệ trên tổng số hộ',
    byAreaHeading: 'Từng xã, phường qua các năm',
    byAreaLead: 'Mỗi đơn vị một bảng, theo đơn vị hành chính của thời kỳ đó (37 xã, thị trấn đến 2024; 8 phường, xã từ 01/07/2025).',
    unitPage: 'Trang của đơn vị',
    noRows: 'Chưa có số liệu.',
    /** the commune page's line */
    communeLine: (year: number, total: string, rate: string, totalHouseholds: string) =>
      `Rà soát ${year}: ${total} hộ có kết quả công nhận khác với phân loại theo quy tắc của chuẩn (${rate} trên ${totalHouseholds} hộ).`,
    communeLineHidden: (year: number, hidden: string) => `Rà soát ${year}: số hộ có kết quả công nhận khác với quy tắc của chuẩn: ${hidden}.`,
    communeLineNone: (year: number) => `Rà soát ${year}: kết quả công nhận của mọi hộ được rà soát khớp với quy tắc của chuẩn.`,
    communeLink: 'Chi tiết theo hai chiều, và vì sao chênh lệch không có nghĩa là sai',
  },

  /** the commune page: dimensions first, indicators on request, links to the monitoring views */
  dimensions: {
    heading: 'Thiếu hụt theo chiều',
    lead: 'Một hộ thiếu hụt một chiều khi thiếu hụt ít nhất một chỉ số của chiều đó. Công văn yêu cầu mỗi xã làm rõ nguyên nhân nghèo “đối với từng chiều thiếu hụt”.',
    chartTitle: (area: string) => `Tỷ lệ hộ thiếu hụt theo chiều, ${area}`,
    summary: (v: { area: string; dimension: string; households: string; base: string; share: string }) =>
      `Chiều thiếu hụt phổ biến nhất ở hộ nghèo của ${mid(v.area)} là “${v.dimension}”: ${v.households} / ${v.base} hộ nghèo (${v.share}).`,
    summaryUncertain: (v: { area: string; dimension: string; households: string; base: string; share: string; hidden: string }) =>
      `Trong các ô đã công bố, chiều thiếu hụt phổ biến nhất ở hộ nghèo của ${mid(v.area)} là “${v.dimension}”: ${v.households} / ${v.base} hộ nghèo (${v.share}); ${v.hidden} ô bị ẩn để bảo vệ hộ gia đình có thể lớn hơn.`,
    summaryNone: (area: string, base: string) => `Không công bố được số liệu thiếu hụt theo chiều của ${base} hộ nghèo ở ${mid(area)}: các ô bị ẩn để bảo vệ hộ gia đình.`,
    nearPoor: (v: { dimension: string; households: string; base: string; share: string }) =>
      ` Ở hộ cận nghèo, chiều phổ biến nhất là “${v.dimension}”: ${v.households} / ${v.base} hộ (${v.share}).`,
    noPoor: (area: string) => `${cap(area)} không có hộ nghèo trong kỳ rà soát này.`,
    householdsColumn: (population: string) => `${population}: số hộ / tổng`,
    shareColumn: (population: string) => `${population} (%)`,
    populationColumn: 'Số hộ của nhóm',
    indicatorsOnRequest: 'Xem theo từng chỉ số',
    visibility: (dimension: string, indicator: string) =>
      `Ở cấp xã, phường, bảng theo chiều công bố được ${dimension} số ô (hộ nghèo và cận nghèo, mọi năm), so với ${indicator} của bảng theo chỉ số: ô nhỏ bị ẩn để bảo vệ hộ gia đình, và gộp theo chiều thì ít ô nhỏ hơn.`,
    monitoringHeading: 'Theo dõi, giám sát',
    newlyEscaped: 'Hộ mới thoát nghèo của đơn vị này',
    lastingExits: 'Hộ thoát nghèo sau 1, 2, 3 năm',
  },

  whatIf: {
    title: (to: string) => `Nếu áp dụng chuẩn nghèo ${to}`,
    description: 'Các hộ được rà soát ở kỳ cuối theo chuẩn 2022–2025, phân loại lại theo quy tắc của chuẩn nghèo 2027–2030, cạnh kết quả đã công nhận',
    lead: (v: { year: number; from: string; to: string; rural: string; urban: string; urbanWord: string; min: string }) =>
      `Các hộ được rà soát năm ${v.year} (theo chuẩn ${v.from}) được phân loại lại theo quy tắc của chuẩn ${v.to}: hộ nghèo khi thu nhập bình quân bằng hoặc dưới ${v.rural} đồng/người/tháng ở nông thôn, ${v.urban} đồng ở ${v.urbanWord}, và thiếu hụt từ ${v.min} chỉ số trở lên; hộ cận nghèo khi thu nhập bằng hoặc dưới chuẩn và thiếu hụt ít hơn.`,
    scope: 'Đây là ước tính trên các hộ đã được rà soát năm đó, không phải toàn bộ dân cư: hộ không được rà soát không có trong ước tính, dù với chuẩn thu nhập cao hơn một số hộ trong đó có thể thuộc diện. Thu nhập là thu nhập ghi nhận trong kỳ rà soát đó, không được đánh giá lại.',
    whyRange: (v: { indicators: string; from: number }) =>
      `Vì sao là một khoảng: ${v.indicators} của chuẩn mới chưa được thu thập trước kỳ rà soát ${v.from}. Mỗi hộ được tính hai lần: coi như thiếu hụt chỉ số đó (số hộ nghèo lớn nhất, số hộ cận nghèo nhỏ nhất) và coi như không thiếu hụt (ngược lại).`,
    dropped: (indicators: string) => `Chỉ số ${indicators} không còn được tính theo chuẩn mới.`,
    sameRule: (from: string) => `Cột “theo quy tắc chuẩn ${from}” phân loại chính các hộ đó theo chuẩn cũ, để so sánh cùng một cách tính; cột “đã công nhận” là kết quả rà soát được công nhận.`,
    laterNote: (year: number) => `Rà soát ${year} đã được tiến hành theo chuẩn mới: số hộ được công nhận của kỳ đó được đặt bên cạnh.`,
    noLater: (year: number) => `Khi có kết quả rà soát ${year} theo chuẩn mới, số hộ được công nhận sẽ được đặt bên cạnh.`,
    summary: (v: { area: string; year: number; to: string; from: string; poor: string; near: string; oldPoor: string; oldNear: string; recPoor: string; recNear: string }) =>
      `Nếu áp dụng chuẩn ${v.to}, các hộ được rà soát năm ${v.year} ở ${mid(v.area)} có ${v.poor} hộ nghèo và ${v.near} hộ cận nghèo, so với ${v.oldPoor} hộ nghèo và ${v.oldNear} hộ cận nghèo theo quy tắc của chuẩn ${v.from} (đã công nhận: ${v.recPoor} hộ nghèo, ${v.recNear} hộ cận nghèo).`,
    summaryLater: (year: number, poor: string, near: string) => ` Rà soát ${year} theo chuẩn mới đã công nhận ${poor} hộ nghèo và ${near} hộ cận nghèo.`,
    none: 'Chưa có số liệu ước tính theo chuẩn mới trong bản dữ liệu này.',
    chartTitle: (area: string, to: string) => `Hộ nghèo, cận nghèo nếu áp dụng chuẩn ${to}, ${area}`,
    recognised: (year: number) => `Đã công nhận (rà soát ${year})`,
    oldRule: (from: string) => `Theo quy tắc chuẩn ${from}`,
    newRule: (to: string) => `Theo chuẩn ${to} (khoảng)`,
    laterRecognised: (year: number) => `Đã công nhận theo chuẩn mới (rà soát ${year})`,
    rangeLegend: 'Phần nhạt của thanh theo chuẩn mới là khoảng mà chỉ số chưa được thu thập để ngỏ: giữa số hộ khi coi mọi hộ thiếu hụt chỉ số đó và khi coi không hộ nào thiếu hụt.',
    groupColumn: 'Cách tính',
    lowColumn: 'Số hộ (ít nhất)',
    highColumn: 'Số hộ (nhiều nhất)',
    valueColumn: 'Số hộ',
    communesHeading: 'Theo từng phường, xã',
    poorRecognised: (year: number) => `Hộ nghèo đã công nhận ${year}`,
    poorOld: (from: string) => `Hộ nghèo theo quy tắc chuẩn ${from}`,
    poorNew: (to: string) => `Hộ nghèo theo chuẩn ${to}`,
    nearRecognised: (year: number) => `Hộ cận nghèo đã công nhận ${year}`,
    nearOld: (from: string) => `Hộ cận nghèo theo quy tắc chuẩn ${from}`,
    nearNew: (to: string) => `Hộ cận nghèo theo chuẩn ${to}`,
    laterPoor: (year: number) => `Hộ nghèo công nhận ${year}`,
    laterNear: (year: number) => `Hộ cận nghèo công nhận ${year}`,
  },
};

export type ChecksStrings = typeof viChecks;
