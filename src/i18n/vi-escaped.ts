import { nameInSentence } from '../lib/names';
// Vietnamese strings of the monitoring hub, hộ mới thoát nghèo and lasting exits (issue 13, items 1–2):
// pages /theo-doi/ (path monitoring/), newly-escaped/, lasting-exits/ and their charts. English: en-escaped.ts.

/** a unit's name mid-sentence: "xã Lại Xuân" (src/lib/names.ts) */
const mid = (name: string) => nameInSentence(name, 'vi');

export const viEscaped = {
  /** the population, as a chart label and inside a sentence */
  population: 'Hộ mới thoát nghèo',
  populationInText: 'hộ mới thoát nghèo',
  poorInText: 'hộ nghèo',
  overlapNote: 'Hộ mới thoát nghèo có thể đồng thời là hộ cận nghèo: các nhóm chồng lên nhau, không cộng số hộ của các nhóm với nhau.',
  outcomes: { poor: 'Nghèo trở lại', near_poor: 'Cận nghèo', not_poor: 'Được rà soát, không nghèo', not_assessed: 'Không được rà soát' },
  afterLabel: (n: number) => `Sau ${n} kỳ`,
  partialMark: 'chưa đầy đủ',

  charts: {
    newlyEscapedTitle: (area: string) => `Hộ mới thoát nghèo theo năm rà soát, ${area}`,
    newlyEscapedSummary: (v: { area: string; count: string; year: number; previous: string | null; previousYear: number | null; change: string | null }) =>
      `Rà soát ${v.year}: ${v.count} hộ mới thoát nghèo trên ${mid(v.area)}` +
      (v.previous == null ? '.' : `; rà soát ${v.previousYear}: ${v.previous}${v.change == null ? '' : ` (thay đổi ${v.change})`}.`),
    newlyEscapedNone: (area: string) => `Chưa có số liệu hộ mới thoát nghèo của ${mid(area)}.`,
    partialYears: (years: string) => `Rà soát ${years}: số liệu chưa đầy đủ — dữ liệu bắt đầu từ rà soát 2021 nên chưa thấy các hộ thoát nghèo trước đó (hoặc một số hộ không nối được với kỳ trước); không so sánh với các năm đầy đủ.`,
    complete: 'Đầy đủ',
    partial: 'Chưa đầy đủ',
    households: 'Số hộ',
    linkage: 'Mức đầy đủ',

    outcomesTitle: (area: string) => `Hộ đã thoát nghèo: tình trạng ở các kỳ rà soát sau, ${area}`,
    outcomesSummary: (v: { area: string; exitYear: number; escaped: string; after: number; poor: string; share: string | null }) =>
      `Trong ${v.escaped} hộ của ${mid(v.area)} thoát nghèo ở rà soát ${v.exitYear}, ${v.poor} hộ${v.share == null ? '' : ` (${v.share})`} là hộ nghèo trở lại ${v.after} kỳ rà soát sau.`,
    outcomesNone: (area: string) => `Chưa có kỳ rà soát nào sau khi các hộ của ${mid(area)} thoát nghèo.`,
    cohort: (year: number) => `Thoát nghèo ở rà soát ${year}`,
    cohortShort: (year: number) => `Thoát nghèo ${year}`,
    cohortWithSize: (year: number, size: string) => `Thoát nghèo ở rà soát ${year} (${size} hộ)`,
    exitYear: 'Năm thoát nghèo (rà soát)',
    cohortSize: 'Số hộ thoát nghèo',
    after: 'Số kỳ sau',
    lookedAt: 'Rà soát',
    shareAxis: '% số hộ đã thoát nghèo',
    partialSteps: (list: string) => `Chưa đầy đủ (${list}): một số hộ không nối được sang kỳ rà soát sau (chẳng hạn qua đợt sắp xếp đơn vị hành chính năm 2025), nên số hộ ở từng nhóm có thể chưa chính xác.`,
    hiddenInStack: 'có ô ẩn',

    supportTitle: (area: string, year: number) => `Hộ được hỗ trợ theo chương trình, theo nhóm hộ, ${area} — rà soát ${year}`,
    supportSummary: (v: { program: string; share: string; count: string; population: string }) =>
      `Trong số ${v.population}, chương trình được nhận nhiều nhất là “${v.program}”: ${v.count} hộ (${v.share}).`,
    supportNone: 'Chưa có số liệu hỗ trợ đã nhận của hộ mới thoát nghèo.',
    program: 'Chương trình',
    shareOf: (population: string) => `% ${population}`,
    countOf: (population: string) => `Số hộ (${population})`,

    dimensionsTitle: (area: string) => `Hộ mới thoát nghèo còn thiếu hụt theo từng chiều, ${area}`,
    dimensionsSummary: (v: { dimension: string; share: string; count: string }) =>
      `Chiều thiếu hụt phổ biến nhất của hộ mới thoát nghèo là “${v.dimension}”: ${v.count} hộ (${v.share}).`,
    dimensionsNone: 'Chưa có số liệu thiếu hụt của hộ mới thoát nghèo.',
    indicatorsTitle: (area: string) => `Hộ mới thoát nghèo còn thiếu hụt theo từng chỉ số, ${area}`,
    indicatorsSummary: (v: { indicator: string; share: string; count: string }) =>
      `Chỉ số thiếu hụt phổ biến nhất của hộ mới thoát nghèo là “${v.indicator}”: ${v.count} hộ (${v.share}).`,
    dimension: 'Chiều thiếu hụt',
  },

  hub: {
    title: 'Theo dõi',
    description: 'Những điều công văn đề nghị theo dõi qua các năm: hộ mới thoát nghèo, thoát nghèo bền vững, kết quả công nhận so với chuẩn, chuẩn nghèo mới',
    heading: 'Theo dõi thực hiện công văn',
    lead: 'Công văn năm 2023 của UBND huyện không chỉ đặt mục tiêu về số hộ nghèo mà còn yêu cầu theo dõi những hộ vừa thoát nghèo, hạn chế tái nghèo và kiểm tra, giám sát việc thực hiện chính sách. Mỗi thẻ dưới đây dẫn tới một trang, kèm một con số chính của rà soát gần nhất.',
    open: 'Xem',
    cards: {
      escaped: 'Hộ mới thoát nghèo',
      lasting: 'Thoát nghèo bền vững',
      mismatch: 'Kết quả công nhận và chuẩn',
      whatIf: 'Theo chuẩn nghèo 2027–2030',
      directive: 'Công văn nói gì',
      progress: 'Tiến độ tới mục tiêu',
    },
    escaped: (count: string, year: number, partial: boolean) => `${count} hộ mới thoát nghèo (rà soát ${year}${partial ? ', số liệu chưa đầy đủ' : ''}) — nhóm hộ mà công văn yêu cầu tiếp tục hỗ trợ.`,
    lasting: (poor: string, share: string | null, escaped: string, exitYear: number, after: number) =>
      `${poor}${share == null ? '' : ` (${share})`} trong ${escaped} hộ thoát nghèo ở rà soát ${exitYear} là hộ nghèo trở lại ${after} kỳ sau.`,
    mismatch: (count: string, year: number) => `${count} hộ có kết quả công nhận khác với quy tắc của chuẩn nghèo (rà soát ${year}); chênh lệch có thể có lý do hợp pháp.`,
    whatIf: (range: string, year: number) => `${range} hộ nghèo nếu các hộ được rà soát năm ${year} được xếp theo chuẩn 2027–2030 (chỉ gồm các hộ được rà soát).`,
    directive: (promises: string, measured: string) => `Công văn nêu ${promises} chính sách cho hộ mới thoát nghèo; dữ liệu rà soát đo được ${measured}.`,
    progress: (poor: string, year: number, targetYear: number) => `${poor} hộ nghèo theo rà soát ${year}; mục tiêu của công văn là không còn hộ nghèo ở rà soát ${targetYear}.`,
    noData: 'Chưa có số liệu.',
    hidden: 'ẩn để bảo vệ hộ gia đình',
  },

  escapedPage: {
    title: 'Hộ mới thoát nghèo',
    description: 'Số hộ mới thoát nghèo theo địa bàn và năm, thiếu hụt của họ và hỗ trợ họ đã nhận, bên cạnh những gì công văn yêu cầu',
    heading: 'Hộ mới thoát nghèo',
    lead: (window: string) => `Những hộ vừa thoát nghèo trong ${window} kỳ rà soát gần nhất. Công văn yêu cầu tiếp tục hỗ trợ họ (tín dụng, đào tạo nghề, hỗ trợ sản xuất, trợ giúp pháp lý, bảo hiểm y tế và bảo hiểm xã hội) để họ không nghèo trở lại.`,
    definitionHeading: 'Ai là hộ mới thoát nghèo',
    definitionFallback: (window: string) => `Hộ được rà soát, không còn là hộ nghèo, và đã thoát nghèo trong ${window} kỳ rà soát gần nhất (kỳ này hoặc ${Number(window) - 1} kỳ trước) — tương ứng 36 tháng theo quy định của Chương trình mục tiêu quốc gia giảm nghèo bền vững. Thoát nghèo ở một kỳ rà soát: là hộ nghèo ở kỳ trước, được rà soát và không còn nghèo ở kỳ này.`,
    legalBasis: 'Căn cứ',
    unverified: 'chưa đối chiếu văn bản gốc',
    windowNote: 'Các kỳ rà soát đầu tiên của dữ liệu (từ 2021) chưa thấy các hộ thoát nghèo trước đó, nên số hộ mới thoát nghèo của các kỳ này được đánh dấu “chưa đầy đủ” và thấp hơn thực tế. Dấu này cũng dùng cho các kỳ có hộ không nối được với kỳ trước (chẳng hạn qua đợt sắp xếp đơn vị hành chính năm 2025).',
    byCommune: 'Theo xã, phường, thị trấn',
    byCommuneNote: 'Chọn năm rà soát để xem các kỳ trước. Ô bị ẩn để bảo vệ hộ gia đình ghi khoảng giá trị mà các bảng đã công bố cho phép.',
    columns: { name: 'Xã, phường, thị trấn', count: 'Hộ mới thoát nghèo', linkage: 'Mức đầy đủ', lasting: 'Thoát nghèo bền vững' },
    deprivationHeading: 'Họ còn thiếu hụt gì',
    deprivationNote: 'Một hộ thiếu hụt một chiều khi thiếu hụt ít nhất một chỉ số của chiều đó. Hộ mới thoát nghèo không còn là hộ nghèo nhưng có thể vẫn thiếu hụt một số chỉ số.',
    indicatorsHeading: 'Theo từng chỉ số',
    supportHeading: 'Họ đã nhận hỗ trợ gì, so với công văn',
    supportLead: 'Công văn yêu cầu tiếp tục hỗ trợ hộ mới thoát nghèo. Bảng dưới đặt từng chính sách công văn nêu cạnh số hộ mới thoát nghèo đã nhận hỗ trợ đó theo dữ liệu rà soát — hoặc nói rõ dữ liệu không đo chính sách đó.',
    promiseColumns: { promise: 'Chính sách công văn nêu', section: 'Mục', measured: 'Dữ liệu rà soát đo được' },
    section: (n: number) => `Mục ${n}`,
    notMeasured: 'Dữ liệu rà soát không đo: không có cột này trong phiếu rà soát hộ.',
    received: (count: string, share: string | null, of: string) => `${count} hộ${share == null ? '' : ` (${share} của ${of} hộ mới thoát nghèo)`}`,
    lastingLink: 'Sau khi thoát nghèo, bao nhiêu hộ nghèo trở lại? Xem trang thoát nghèo bền vững',
    seeCommune: 'Trang của xã',
  },

  lastingPage: {
    title: 'Thoát nghèo bền vững',
    description: 'Các hộ đã thoát nghèo ở một kỳ rà soát: bao nhiêu hộ nghèo trở lại, cận nghèo, không nghèo hoặc không được rà soát ở 1, 2, 3 kỳ sau',
    heading: 'Thoát nghèo bền vững, hạn chế tái nghèo',
    lead: 'Theo dõi từng nhóm hộ thoát nghèo cùng một kỳ rà soát: ở mỗi kỳ sau đó, bao nhiêu hộ là hộ nghèo trở lại, hộ cận nghèo, được rà soát và không nghèo, hoặc không được rà soát. Tỷ lệ tính trên số hộ thoát nghèo của kỳ đó, nên bốn nhóm luôn cộng đủ 100%.',
    notAssessedNote: '“Không được rà soát” nghĩa là không có hộ đó trong kỳ rà soát sau: hộ chuyển đi, tách, nhập, giải thể hoặc không có hồ sơ — không có nghĩa là xã bỏ sót.',
    byCommune: 'Theo xã, phường, thị trấn',
    byCommuneNote: 'Mỗi dòng là một nhóm hộ thoát nghèo của một xã, phường, thị trấn (nơi hộ ở khi thoát nghèo) ở một kỳ rà soát; các cột là tình trạng 1, 2, 3 kỳ sau. Chọn năm thoát nghèo để xem các nhóm khác.',
    columns: { name: 'Xã, phường, thị trấn', escaped: 'Số hộ thoát nghèo', after: (n: number) => `Nghèo trở lại sau ${n} kỳ` },
    partialNote: '“Chưa đầy đủ”: một số hộ không nối được sang kỳ rà soát sau (chẳng hạn qua đợt sắp xếp đơn vị hành chính năm 2025), nên số hộ ở từng nhóm có thể chưa chính xác.',
    notYet: 'chưa đến kỳ',
    cohortNote: 'Các hộ được theo dõi theo đơn vị hành chính nơi hộ ở khi thoát nghèo, kể cả khi đơn vị đó đã được sắp xếp lại.',
  },
};
