// Every Vietnamese string of the site, in one file a translator can read top to bottom. English is in
// en.ts with the same shape (the type checker refuses a missing or extra key). Strings that embed figures
// are functions of already-formatted values: the wording, including word order, belongs to the language.
import { viSql } from './vi-sql';
// A unit's name inside a sentence goes through `mid` (src/lib/names.ts): "của xã Lại Xuân", not "của Xã Lại Xuân".
import { viContent } from './vi-content';
import { nameInSentence } from '../lib/names';

const mid = (name: string) => nameInSentence(name, 'vi');

import { viEscaped } from './vi-escaped';

import { viChecks } from './vi-checks';
import { viInput } from './vi-input';

import { viReleases } from './vi-releases';
import { viHost } from './vi-host';

export const vi = {
  /** release history: /data/ list, Atom feed, revised marks (vi-releases.ts) */
  releases: viReleases,
  /** the charts' SQL: table-view headings, the explorer link (vi-sql.ts / en-sql.ts) */
  chartSql: viSql,
  /** monitoring hub, hộ mới thoát nghèo, lasting exits (vi-escaped.ts) */
  escaped: viEscaped,
  /** the monitoring checks: recorded vs rule, dimensions, what-if (vi-checks.ts) */
  checks: viChecks,
  /** the input template block on /data/ (vi-input.ts) */
  input: viInput,
  /** link previews and the 404 page (vi-host.ts) */
  host: viHost,
  /** chart titles, summaries, axis labels and table headings (src/lib/charts) */
  charts: {
    /** a suppressed cell: drawn as a small hatched marker labelled with this, never as a length; `range`
     *  (e.g. "2–9") once the disclosure stage publishes one */
    hidden: (range?: string) => (range ? `ẩn (${range} hộ)` : 'ẩn'),
    hiddenLegend: 'ẩn để bảo vệ hộ gia đình',
    hiddenCells: (n: string, hatched: boolean) => ` ${n} ô bị ẩn để bảo vệ hộ gia đình${hatched ? ' (gạch chéo)' : ''}.`,
    population: { poor: 'Hộ nghèo', near_poor: 'Hộ cận nghèo' },
    /** the population inside a sentence */
    populationInText: { poor: 'hộ nghèo', near_poor: 'hộ cận nghèo' },
    titleWithYear: (title: string, year: number) => `${title} — rà soát ${year}`,
    dimension: 'Chiều',
    indicator: 'Chỉ số',
    reviewYear: 'Năm rà soát',
    households: 'Số hộ',

    /** the figure around every chart (src/components/charts/Chart.astro) */
    figure: {
      legend: 'Chú giải',
      permalink: 'Liên kết',
      embed: 'Nhúng',
      source: 'kết quả rà soát hộ nghèo, hộ cận nghèo, Thủy Nguyên (huyện đến 2024; 8 phường, xã từ 2025)',
      /** a demo release never names the communes' reviews as its source */
      sourceDemo: 'dữ liệu minh họa, không phải kết quả rà soát thật',
    },

    series: {
      titleCount: (area: string) => `Số hộ nghèo theo năm rà soát, ${mid(area)}`,
      titleRate: (area: string) => `Tỷ lệ hộ nghèo: ${mid(area)} và toàn địa bàn`,
      target: 'Mục tiêu: 0',
      one: (area: string, poor: string, rate: string, review: string) => `${area} có ${poor} hộ nghèo (${rate}) theo ${review}.`,
      change: (v: { area: string; direction: 'down' | 'up' | 'same'; first: string; firstRate: string; firstYear: number; last: string; lastRate: string; lastYear: number }) =>
        `Số hộ nghèo của ${mid(v.area)} ${{ down: 'giảm', up: 'tăng', same: 'giữ nguyên' }[v.direction]} từ ${v.first} (${v.firstRate}, rà soát ${v.firstYear}) ${v.direction === 'up' ? 'lên' : 'xuống còn'} ${v.last} (${v.lastRate}, rà soát ${v.lastYear})`,
      districtRate: (rate: string) => `; toàn địa bàn ${rate}`,
      titleRateTerritory: (area: string) => `Tỷ lệ hộ nghèo: ${mid(area)} và toàn địa bàn Thủy Nguyên cũ`,
      territoryRate: (rate: string) => `; toàn địa bàn Thủy Nguyên cũ ${rate}`,
      targetGap: (gap: string, year: number) => `; còn ${gap} hộ so với mục tiêu không còn hộ nghèo (rà soát ${year}).`,
      xLabel: 'Năm rà soát (hộ nghèo của năm sau)',
      yRate: 'Tỷ lệ hộ nghèo (%)',
      yCount: 'Số hộ nghèo',
      total: 'Tổng số hộ',
      poor: 'Hộ nghèo',
      rate: 'Tỷ lệ',
      districtRateColumn: 'Tỷ lệ toàn địa bàn',
      district: 'Toàn huyện',
      pathToTarget: 'Đường tới mục tiêu',
      breakUnits: 'Đơn vị mới',
      breakStandard: 'Chuẩn mới',
      noteUnits: (before: number, after: number) =>
        `Giữa rà soát ${before} và ${after}: sắp xếp lại đơn vị hành chính (từ 01/07/2025 là 8 phường, xã); số liệu trước ${after} là của cùng địa bàn, cộng theo các đơn vị cũ.`,
      noteStandard: (before: number, after: number, standard: string) =>
        `Giữa rà soát ${before} và ${after}: đổi chuẩn nghèo (rà soát ${after} theo chuẩn ${standard}, với chuẩn thu nhập và chỉ số thiếu hụt khác), nên đường không nối qua mốc này.`,
      newStandard: (standard: string, poor: string, rate: string, year: number) => `; theo chuẩn ${standard}, rà soát ${year}: ${poor} hộ nghèo (${rate})`,
      areaColumn: 'Địa bàn',
      standardColumn: 'Chuẩn nghèo',
    },

    movements: {
      measures: { escaped: 'Thoát nghèo', exited_other: 'Ra khỏi danh sách (chuyển đi, tách, nhập hộ, giải thể hoặc không còn hồ sơ)', newly_poor: 'Nghèo phát sinh', fell_back: 'Tái nghèo' },
      title: (area: string) => `Biến động hộ nghèo theo năm rà soát, ${mid(area)}`,
      /** figures already formatted; a hidden one is "(ẩn)" */
      summary: (v: { year: number; escaped: string; exitedOther: string; newlyPoor: string; fellBack: string; net: string | null }) =>
        `Trong rà soát ${v.year}: thoát nghèo ${v.escaped} hộ, ra khỏi danh sách ${v.exitedOther} (chuyển đi, tách, nhập hộ, giải thể hoặc không còn hồ sơ), nghèo phát sinh ${v.newlyPoor}, tái nghèo ${v.fellBack}${v.net == null ? '' : `: thay đổi ròng ${v.net} hộ`}.`,
      none: 'Chưa có biến động: cần ít nhất hai năm rà soát.',
      someHidden: ' Một số ô bị ẩn để bảo vệ hộ gia đình.',
      /** một số bị ẩn trong câu tóm tắt, kèm khoảng mà các bảng công bố cho phép */
      hiddenFigure: (range?: string) => (range ? `(ẩn: ${range})` : '(ẩn)'),
      yLabel: '← ra khỏi nghèo · vào nghèo →',
      partialLinkage: (years: string) => `Rà soát ${years}: một số hộ không nối được với kỳ rà soát trước, nên số liệu biến động chưa đầy đủ.`,
      noteStandard: (before: number, after: number, standard: string) =>
        `Rà soát ${after} theo chuẩn ${standard}, rà soát ${before} theo chuẩn trước đó: biến động giữa hai kỳ gồm cả những hộ đổi nhóm chỉ vì đổi chuẩn nghèo (chuẩn thu nhập và chỉ số thiếu hụt khác), không chỉ vì hoàn cảnh của hộ thay đổi.`,
    },

    deprivationShares: {
      title: (area: string) => `Tỷ lệ hộ thiếu hụt theo từng chỉ số, ${mid(area)}`,
      top: (area: string, top: { name: string; share: string }, next?: { name: string; share: string }) =>
        `Thiếu hụt phổ biến nhất ở hộ nghèo của ${mid(area)} là “${top.name}” (${top.share} số hộ nghèo)${next ? `, tiếp theo là “${next.name}” (${next.share})` : ''}.`,
      noneDeprived: (indicators: string, area: string) => `Ở ${indicators} chỉ số công bố được, không hộ nghèo nào của ${mid(area)} bị thiếu hụt.`,
      noData: (area: string) => `Không có số liệu thiếu hụt công bố được cho hộ nghèo của ${mid(area)}.`,
      householdsColumn: (population: string) => `${population} (hộ)`,
      shareColumn: (population: string) => `${population} (%)`,
    },

    contribution: {
      title: (population: 'poor' | 'near_poor', area: string) => `Đóng góp của từng chỉ số vào tổng thiếu hụt của ${population === 'poor' ? 'hộ nghèo' : 'hộ cận nghèo'}, ${mid(area)}`,
      uncomputable: (hidden: string, indicators: string, population: 'poor' | 'near_poor') =>
        `Không tính được đóng góp: ${hidden} trong ${indicators} chỉ số của ${population === 'poor' ? 'hộ nghèo' : 'hộ cận nghèo'} bị ẩn để bảo vệ hộ gia đình. Xem số hộ thiếu hụt theo từng chỉ số ở biểu đồ tỷ lệ thiếu hụt.`,
      summary: (v: { population: 'poor' | 'near_poor'; dimension: string; dimensionShare: string; top: string; topShare: string }) =>
        `Chiều “${v.dimension}” chiếm ${v.dimensionShare} tổng số thiếu hụt của ${v.population === 'poor' ? 'hộ nghèo' : 'hộ cận nghèo'}; chỉ số đóng góp nhiều nhất là “${v.top}” (${v.topShare}).`,
      column: 'Đóng góp (%)',
    },

    depth: {
      title: (area: string) => `Số chỉ số thiếu hụt của mỗi hộ, ${mid(area)}`,
      mode: (deprivations: string, households: string, hidden: string) =>
        `Nhóm hộ nghèo đông nhất là nhóm thiếu hụt ${deprivations} chỉ số (${households} hộ); ${hidden} ô bị ẩn để bảo vệ hộ gia đình, nên không tính được số thiếu hụt bình quân.`,
      allHidden: (hidden: string) => `Cả ${hidden} ô của hộ nghèo bị ẩn để bảo vệ hộ gia đình.`,
      average: (average: string) => `Mỗi hộ nghèo thiếu hụt bình quân ${average} trong 12 chỉ số (cường độ nghèo); hộ cận nghèo thiếu hụt từ 0 đến 2 chỉ số theo định nghĩa.`,
      xLabel: 'Số chỉ số thiếu hụt',
      column: 'Số thiếu hụt',
    },

    heatmap: {
      title: (population: 'poor' | 'near_poor') => `Tỷ lệ ${population === 'poor' ? 'hộ nghèo' : 'hộ cận nghèo'} thiếu hụt theo xã, phường, thị trấn và chỉ số`,
      summary: (v: { areas: string; indicators: string; indicator: string; area: string; share: string; population: 'poor' | 'near_poor' }) =>
        `Bảng nhiệt ${v.areas} xã, phường, thị trấn × ${v.indicators} chỉ số; ô cao nhất là “${v.indicator}” ở ${mid(v.area)} (${v.share} ${v.population === 'poor' ? 'hộ nghèo' : 'hộ cận nghèo'}).`,
      noCell: 'Không có ô nào công bố được.',
      commune: 'Xã, phường, thị trấn',
      communeHouseholds: 'Xã, phường, thị trấn (số hộ)',
    },

    support: {
      measures: { in_need: 'Cần hỗ trợ', supported: 'Đã được hỗ trợ', in_need_supported: 'Cần và đã được hỗ trợ' },
      title: (area: string, year: number) => `Nhu cầu và hỗ trợ đã nhận theo chương trình, ${mid(area)} (rà soát ${year})`,
      summary: (lowest: { name: string; coverage: string }, highest: { name: string; coverage: string }) =>
        `Chương trình đáp ứng nhu cầu thấp nhất là “${lowest.name}”: ${lowest.coverage} số hộ cần hỗ trợ đã được hỗ trợ; cao nhất là “${highest.name}” (${highest.coverage}).`,
      none: 'Không tính được mức đáp ứng nhu cầu.',
      program: 'Chương trình',
      coverage: 'Đáp ứng nhu cầu',
    },
  },

  /** pages, layouts and components (src/components, src/layouts) */
  pages: {
    /** the official letter's page, legal bases, kinds of review, footer sources, methodology additions (vi-content.ts) */
    content: viContent,
    /** shared by every page and the layouts (`t(locale)` in src/lib/i18n.ts returns this object) */
    common: {
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
      licence: 'Giấy phép dữ liệu: CC BY 4.0',
      release: 'Phiên bản dữ liệu',
      poor: 'Hộ nghèo',
      nearPoor: 'Hộ cận nghèo',
      households: 'hộ',
      poorRate: 'Tỷ lệ hộ nghèo',
      nearPoorRate: 'Tỷ lệ hộ cận nghèo',
      totalHouseholds: 'Tổng số hộ',
      suppressed: 'ẩn để bảo vệ hộ gia đình',
      suppressedLegend: 'Ô gạch chéo: ẩn để bảo vệ hộ gia đình (không phải số 0).',
      tableView: 'Xem dạng bảng',
      download: 'Tải về',
      source: 'Nguồn',
      district311: 'Toàn huyện',
      /** the territory of the former district, in every period (area 311) */
      territory: 'địa bàn Thủy Nguyên (huyện đến 2024)',
      territoryShort: 'Toàn địa bàn',
      target: 'Mục tiêu',
      commune: 'Xã, phường, thị trấn',
      nav: [
        { slug: '', label: 'Tổng quan' }, { slug: 'progress/', label: 'Tiến độ' }, { slug: 'monitoring/', label: 'Theo dõi' },
        { slug: 'deprivation/', label: 'Thiếu hụt' }, { slug: 'communes/', label: 'Xã, phường' },
        { slug: 'agencies/', label: 'Cơ quan' }, { slug: 'explore/', label: 'Khám phá' },
        { slug: 'data/', label: 'Dữ liệu' }, { slug: 'methodology/', label: 'Phương pháp' },
      ],
      /** a suppressed count in running text and tables (DataTable hatches a cell holding exactly this) */
      hidden: 'ẩn',
      reviewYear: 'Năm rà soát',
      /** review year t decides who is poor in year t+1 (Decision 24/2021/QĐ-TTg): label both, always */
      reviewYearLabel: (year: number) => `rà soát cuối năm ${year} — hộ nghèo năm ${year + 1}`,
      reviewYearShort: (year: number) => `RS ${year} (nghèo ${year + 1})`,
      resultsOf: (label: string) => `Kết quả ${label}`,
      headlineFigures: 'Số liệu chính',
      latestData: 'Số liệu mới nhất',
      poorLower: 'hộ nghèo',
      pointsUnit: 'điểm %',
      /** the track statuses of src/lib/progress.ts */
      track: { reached: 'Đạt mục tiêu', on_track: 'Đúng tiến độ', off_track: 'Chậm tiến độ', missed: 'Chưa đạt mục tiêu', unknown: 'Chưa đủ số liệu' },
      /** the ratio bands of src/lib/findings.ts `ratioBand`, followed by the reference ("… tỷ lệ toàn địa bàn") */
      ratio: {
        same: 'bằng', above_zero: 'cao hơn', zero: 'bằng 0, so với', well_below: 'thấp hơn nhiều so với', half: 'khoảng một nửa',
        below: 'thấp hơn', about_same: 'xấp xỉ', somewhat_above: 'cao hơn', one_and_half: 'khoảng gấp rưỡi', twice: 'khoảng gấp đôi',
        three_times: 'khoảng gấp ba', times: (n: string) => `khoảng gấp ${n} lần`,
      },
    },

    overview: {
      title: 'Tổng quan',
      description: 'Kết quả rà soát hộ nghèo, hộ cận nghèo huyện Thủy Nguyên',
      heading: 'Hộ nghèo và hộ cận nghèo huyện Thủy Nguyên',
      lead: (label: string) => `Số liệu mới nhất: ${label}. Chọn năm rà soát để xem các kỳ trước.`,
      officialHeading: 'Số liệu chính thức đã công bố',
      officialNote: (poor: string, rate: string) => ({
        before: `Theo công văn năm 2023 của UBND huyện, kết quả rà soát năm 2022 (hộ nghèo năm 2023): ${poor} hộ nghèo, tỷ lệ ${rate}. Các con số khác trên trang này được tính từ dữ liệu đã công bố của trang; xem `,
        link: 'phương pháp',
        after: ' về số liệu nào là chính thức.',
      }),
      changeSince: (year: number) => `Thay đổi so với rà soát ${year}`,
      changeRate: 'hộ nghèo; tỷ lệ',
      changeFrom: (rate: string) => `(từ ${rate})`,
      targetMissed: 'Chưa đạt: rà soát này còn',
      targetReached: 'Đã đạt:',
      targetGap: 'Còn cách mục tiêu:',
      keyFindings: 'Điểm chính',
      noLabour: (households: string, poor: string) => ({
        before: `${households} trong ${poor} hộ nghèo (`,
        after: ') không còn khả năng lao động. Theo công văn năm 2023 của UBND huyện, các hộ này không thể thoát nghèo nếu chỉ dựa vào các chính sách giảm nghèo hiện hành, mà cần hỗ trợ thu nhập hằng tháng theo chính sách đặc thù của thành phố (Nghị quyết 04/2022/NQ-HĐND).',
      }),
      noLabourHidden: 'Số hộ nghèo không còn khả năng lao động: ẩn để bảo vệ hộ gia đình.',
      /** the share as the 2023 letter prints it (63,14%), beside the computed one of the review it reports */
      noLabourPrinted: (printed: string) => `Công văn in tỷ lệ này là ${printed} (xem ghi chú).`,
      topDeprivation: (name: string, households: string, share: string) =>
        `Thiếu hụt phổ biến nhất của hộ nghèo là “${name}”: ${households} hộ, ${share} số hộ nghèo.`,
      topDeprivationAmongPublished: (name: string, households: string, share: string, hidden: string) =>
        `Trong các ô đã công bố, thiếu hụt phổ biến nhất của hộ nghèo là “${name}”: ${households} hộ, ${share} số hộ nghèo; ${hidden} ô bị ẩn để bảo vệ hộ gia đình có thể lớn hơn.`,
      allIndicators: 'Xem 12 chỉ số',
      highestCommune: (rate: string, comparison: string) => ({
        before: 'Tỷ lệ hộ nghèo cao nhất ở ',
        after: `: ${rate}, ${comparison} tỷ lệ toàn địa bàn.`,
      }),
      highestUnit: (rate: string, comparison: string) => ({
        before: 'Tỷ lệ hộ nghèo cao nhất ở ',
        after: `: ${rate}, ${comparison} tỷ lệ toàn địa bàn.`,
      }),
      unitsWithoutPoor: (count: string, units: string) => `${count} trong ${units} phường, xã không còn hộ nghèo.`,
      newStandardHeading: 'Chuẩn nghèo mới',
      newStandard: (standard: string, year: number) => `Rà soát ${year} theo chuẩn ${standard}: số hộ nghèo không so sánh trực tiếp được với rà soát trước, vì cách xác định hộ nghèo đã thay đổi.`,
      communesWithoutPoor: (count: string, communes: string) => `${count} trong ${communes} xã, thị trấn không còn hộ nghèo.`,
      eachCommuneProgress: 'Xem tiến độ từng xã',
    },

    commune: {
      description: (name: string) => `Hộ nghèo, cận nghèo và thiếu hụt của ${mid(name)}`,
      allCommunes: '← Tất cả xã, phường, thị trấn',
      lead: (label: string, code: string) => `Số liệu mới nhất: ${label} · mã ${code}`,
      overTheYears: 'Qua các năm',
      progress: 'Tiến độ tới mục tiêu',
      change: (households: string, year: number, points: string) => `${households} hộ so với rà soát ${year} (${points})`,
      noPrevious: 'Chưa có năm trước để so sánh.',
      comparedWithDistrict: 'So với toàn địa bàn',
      comparedWithTerritory: 'So với toàn địa bàn Thủy Nguyên cũ',
      changeHeading: 'Thay đổi so với năm trước',
      poorRateTerritory: (rate: string, comparison: string, territory: string) => `Tỷ lệ hộ nghèo ${rate} — ${comparison} tỷ lệ của toàn địa bàn Thủy Nguyên cũ (${territory}).`,
      nearPoorRateTerritory: (rate: string, comparison: string, territory: string) => `Tỷ lệ hộ cận nghèo ${rate} — ${comparison} tỷ lệ của toàn địa bàn Thủy Nguyên cũ (${territory}).`,
      poorRate: (rate: string, comparison: string, district: string) => `Tỷ lệ hộ nghèo ${rate} — ${comparison} tỷ lệ toàn địa bàn (${district}).`,
      nearPoorRate: (rate: string, comparison: string, district: string) => `Tỷ lệ hộ cận nghèo ${rate} — ${comparison} tỷ lệ toàn địa bàn (${district}).`,
      noLabour: (households: string, poor: string, share: string) => `${households} trong ${poor} hộ nghèo (${share}) không còn khả năng lao động.`,
      noLabourHidden: 'Số hộ nghèo không còn khả năng lao động: ẩn để bảo vệ hộ gia đình.',
      topDeprivation: (name: string, share: string, district: string | null) =>
        `Thiếu hụt phổ biến nhất của hộ nghèo: “${name}”, ${share} số hộ nghèo${district == null ? '' : ` (toàn địa bàn ${district})`}.`,
      topDeprivationAmongPublished: (name: string, share: string, district: string | null, hidden: string) =>
        `Trong các ô đã công bố, thiếu hụt phổ biến nhất của hộ nghèo là “${name}”, ${share} số hộ nghèo${district == null ? '' : ` (toàn địa bàn ${district})`}; ${hidden} ô bị ẩn để bảo vệ hộ gia đình có thể lớn hơn.`,
    },

    communes: {
      title: 'Xã, thị trấn',
      description: (count: string) => `Trang riêng của ${count} xã, thị trấn huyện Thủy Nguyên`,
      heading: (count: string) => `${count} xã, thị trấn`,
      lead: (label: string) => `Mỗi xã, thị trấn có một trang riêng, in được thành một trang A4. Số liệu: ${label}.`,
      searchLabel: 'Tìm xã, thị trấn (gõ có dấu hoặc không dấu)',
    },

    /** the units across the 2025 reorganisation: communes index per period, unit pages, the schematic map, the target */
    units: {
      periodHeading: {
        '2025-07': 'Từ 01/07/2025: 8 phường, xã',
        '2025-01': 'Từ 01/01/2025 đến 30/06/2025: 21 phường, xã của thành phố Thủy Nguyên',
        '2019-2024': '2019–2024: 37 xã, thị trấn của huyện Thủy Nguyên',
      } as Record<string, string>,
      periodName: {
        '2025-07': 'từ 01/07/2025',
        '2025-01': '01/01–30/06/2025',
        '2019-2024': '2019–2024',
      } as Record<string, string>,
      indexHeading: 'Xã, phường, thị trấn qua các giai đoạn',
      latestFirst: 'Mới nhất trước. Mã GSO được dùng lại cho địa bàn khác: một mã chỉ xác định một đơn vị khi đi kèm giai đoạn.',
      periodFigures: (label: string) => `Số liệu: ${label}.`,
      bridge: 'Không có kỳ rà soát định kỳ nào trong nửa năm này: 21 đơn vị này là cầu nối giữa hai giai đoạn và không có số liệu rà soát riêng.',
      mapHeading: 'Sơ đồ sắp xếp lại đơn vị hành chính',
      mapTitle: 'Sơ đồ minh họa: các xã, thị trấn giai đoạn 2019–2024 và phường, xã mà mỗi đơn vị trở thành từ 01/07/2025',
      mapCaption: 'Sơ đồ minh họa, không phải ranh giới. Mỗi ô là vùng quanh điểm đại diện của một xã, thị trấn giai đoạn 2019–2024, tô màu theo phường, xã mà đơn vị đó trở thành từ 01/07/2025; ô kẻ sọc là đơn vị bị chia cho nhiều phường, xã.',
      mapDesc: (cells: string) => `${cells} ô, mỗi ô một xã, thị trấn giai đoạn 2019–2024, tô màu theo phường, xã từ 01/07/2025. Danh sách đầy đủ ở dưới sơ đồ.`,
      mapHighlight: (names: string) => `Làm nổi: ${names}.`,
      mapList: 'Danh sách thay cho sơ đồ',
      mapLegend: 'Phường, xã từ 01/07/2025',
      becameInto: (old: string, news: string) => `${old} → ${news}`,
      kind: { full: 'toàn bộ', partial: 'một phần', renamed: 'giữ nguyên địa bàn' } as Record<string, string>,
      evidence: { stated: 'theo nghị quyết', inferred: 'suy luận: nghị quyết không nêu rõ' } as Record<string, string>,
      formedFrom: 'Hình thành từ',
      becamePartOf: 'Trở thành',
      fromOld: 'Xã, thị trấn giai đoạn 2019–2024',
      fromBridge: 'Phường, xã của thành phố Thủy Nguyên (01/01–30/06/2025)',
      toNew: 'Phường, xã từ 01/07/2025',
      toBridge: 'Từ 01/01/2025',
      allUnits: '← Tất cả xã, phường',
      newLead: (from: string) => `Phường, xã trực thuộc thành phố Hải Phòng từ ${from}.`,
      bridgeLead: 'Đơn vị của thành phố Thủy Nguyên từ 01/01/2025 đến 30/06/2025. Không có kỳ rà soát định kỳ nào trong thời gian này, nên trang này không có số liệu rà soát.',
      earlierMeaning: (code: string, list: string) => `Mã ${code} trước đây là mã của địa bàn khác: ${list}. Số liệu của các đơn vị đó không phải của phường, xã này.`,
      oldUnitNote: (code: string) => `Trang này là của đơn vị giai đoạn 2019–2024. Từ 2025, mã ${code} có thể được dùng cho đơn vị khác.`,
      caseHeading: 'So sánh với trước năm 2025',
      caseWhole: (count: string) => `Đơn vị này gồm trọn ${count} xã, thị trấn cũ, nên chuỗi số liệu từ rà soát 2021 là tổng số liệu đã công bố của các đơn vị đó: chính xác với số hộ nghèo, cận nghèo; với các bảng được bảo vệ, chỉ cộng khi mọi phần đều được công bố.`,
      caseWholeInferred: ' Một số đơn vị trong đó được xác định bằng suy luận, vì nghị quyết không nêu rõ.',
      caseSplit: (units: string) => `Đơn vị này nhận một phần của xã, thị trấn cũ bị chia, nên không có chuỗi số liệu so sánh được trước năm 2025: số liệu riêng bắt đầu từ rà soát 2025; dưới đây là số liệu riêng của các đơn vị cũ mà nó hình thành từ đó. Chỉ tổng của ${units} mới so sánh chính xác được với tổng các đơn vị cũ tương ứng.`,
      oldFigures: (label: string) => `Số liệu riêng của các đơn vị cũ, ${label}`,
      part: 'Phần',
      methodHeading: 'Sắp xếp đơn vị hành chính năm 2025',
      method: [
        'Từ 01/01/2025 huyện Thủy Nguyên trở thành thành phố Thủy Nguyên với 21 phường, xã; từ 01/07/2025 các đơn vị này thành 8 phường, xã trực thuộc thành phố Hải Phòng và cấp huyện không còn. Mỗi kỳ rà soát dùng các đơn vị có hiệu lực vào ngày rà soát: 37 xã, thị trấn đến rà soát 2024, 8 phường, xã từ rà soát 2025. Không có kỳ rà soát nào trong nửa đầu năm 2025.',
        'Mã GSO được dùng lại cho địa bàn khác (mã 11473 là thị trấn Minh Đức đến 2024, phường Bạch Đằng từ 01/07/2025), nên trên trang này một mã chỉ xác định một đơn vị khi đi kèm giai đoạn: trang /communes/<mã>/ là của đơn vị giai đoạn 2019–2024, trang /communes/2025/<mã>/ là của đơn vị từ 01/07/2025; không chuỗi số liệu nào nối hai địa bàn khác nhau dưới cùng một mã.',
        'Toàn địa bàn Thủy Nguyên cũ (mã 311) được theo dõi liên tục qua mọi năm, gọi tên theo từng giai đoạn. Trên biểu đồ số hộ nghèo và tỷ lệ hộ nghèo theo năm, lần sắp xếp đơn vị (giữa rà soát 2024 và 2025) và lần đổi chuẩn nghèo (giữa 2025 và 2026) được đánh dấu; đường không nối qua lần đổi chuẩn.',
        'Phường, xã mới gồm trọn các xã, thị trấn cũ (Bạch Đằng, Nam Triệu) có chuỗi số liệu từ 2021 bằng tổng số liệu đã công bố của các đơn vị cũ đó; với bảng được bảo vệ, chỉ cộng khi mọi phần đều được công bố. Các phường, xã khác nhận một phần của đơn vị bị chia: số liệu riêng bắt đầu từ 2025, kèm số liệu của các đơn vị cũ hình thành nên chúng. Quan hệ giữa các đơn vị ghi rõ “theo nghị quyết” hay “suy luận” khi nghị quyết không nêu rõ.',
        'Mục tiêu không còn hộ nghèo cuối năm 2024 được đánh giá tại kỳ rà soát 2024, cho toàn địa bàn và từng xã, thị trấn; sau đó là số hộ nghèo của toàn địa bàn và của phường, xã mới mà mỗi đơn vị cũ trở thành (số liệu của phường, xã mới có thể gồm cả đơn vị cũ khác).',
        'Sơ đồ sắp xếp đơn vị là sơ đồ minh họa, không phải ranh giới: mỗi ô là vùng quanh điểm đại diện của một xã, thị trấn cũ.',
      ],
      summed: 'tổng các đơn vị cũ',
      own: 'số liệu riêng',
      howColumn: 'Cách có số liệu',
      noLabourColumn: 'Hộ nghèo không còn khả năng lao động',
      wholeCaption: (name: string) => `Chuỗi số liệu so sánh được của ${mid(name)}`,
      linkNote: (kind: string, evidence: string) => `${kind}; ${evidence}`,
      noPreviousUnit: 'Rà soát đầu tiên của đơn vị mới: chưa có năm trước để so sánh.',
      target: {
        heading: 'Mục tiêu không còn hộ nghèo cuối năm 2024',
        reached: 'Đạt tại kỳ rà soát 2024',
        notReached: (poor: string) => `Chưa đạt: còn ${poor} hộ nghèo tại kỳ rà soát 2024`,
        unknown: 'Không có số liệu rà soát 2024',
        afterTerritory: 'Sau đó, toàn địa bàn:',
        afterUnit: 'Sau đó, qua phường, xã mới:',
        poorAt: (poor: string, year: number) => `${poor} hộ nghèo (rà soát ${year})`,
        successor: (name: string, kind: string) => `${name} (${kind})`,
        alsoCovers: (count: string) => `số liệu này gồm cả ${count} xã, thị trấn cũ khác`,
        split: 'Đơn vị này bị chia: số liệu của mỗi phường, xã mới chỉ gồm một phần của nó.',
        noLater: 'Chưa có kỳ rà soát sau 2024.',
        column: 'Mục tiêu tại rà soát 2024',
        afterColumn: 'Sau đó (phường, xã mới)',
      },
    },

    progress: {
      title: 'Tiến độ giảm nghèo',
      description: 'Tiến độ tới mục tiêu không còn hộ nghèo, toàn huyện và từng xã',
      heading: 'Tiến độ tới mục tiêu không còn hộ nghèo',
      latest: (label: string) => `Số liệu mới nhất: ${label}.`,
      movementsNote: 'Thoát nghèo: hộ nghèo năm trước, được rà soát năm nay và không còn nghèo. Ra khỏi danh sách: hộ nghèo năm trước không còn trong kết quả rà soát năm nay, vì hộ chuyển đi, tách hộ, nhập vào hộ khác, giải thể hoặc không còn hồ sơ (không phải vì xã bỏ sót việc rà soát). Nghèo phát sinh: nghèo năm nay, không nghèo trong các năm có dữ liệu trước đó. Tái nghèo: nghèo năm nay, không nghèo năm trước nhưng đã từng nghèo trong một năm trước đó.',
      communeByCommune: 'Từng xã, thị trấn',
      missed: (count: string, communes: string, year: number) => `${count} trong ${communes} xã, thị trấn chưa đạt mục tiêu: vẫn còn hộ nghèo trong rà soát ${year}.`,
      offTrack: (count: string, communes: string, targetYear: number) => `${count} trong ${communes} xã, thị trấn đang chậm tiến độ: nếu giữ mức giảm của năm gần nhất, sẽ không đạt mục tiêu vào rà soát ${targetYear}.`,
      legendCommune: 'Tỷ lệ hộ nghèo của xã',
      legendDistrict: 'Toàn huyện (nét đứt)',
      legendScale: (max: string) => `Cùng thang đo, 0–${max}`,
      sparkline: (name: string, rates: string) => `${name}: tỷ lệ hộ nghèo ${rates}`,
      tableHeading: 'Bảng tiến độ (bấm tiêu đề cột để sắp xếp)',
      tableCaption: (label: string) => `Tiến độ từng xã, ${label}`,
      columns: { name: 'Xã/thị trấn', poor: 'Hộ nghèo', rate: 'Tỷ lệ (hộ nghèo / tổng số hộ)', change: 'Thay đổi so với năm trước', needed: 'Cần giảm mỗi năm', status: 'Tiến độ' },
      method: (targetYear: number) => `Cách tính: “cần giảm mỗi năm” = số hộ nghèo hiện tại chia cho số năm rà soát còn lại đến ${targetYear}; “đúng tiến độ” khi mức giảm của năm gần nhất đạt mức đó.`,
    },

    deprivation: {
      title: 'Thiếu hụt dịch vụ xã hội cơ bản',
      description: '12 chỉ số thiếu hụt trong 6 chiều, theo hộ nghèo, cận nghèo và từng xã',
      heading: 'Thiếu hụt các dịch vụ xã hội cơ bản',
      lead: 'Chuẩn nghèo đa chiều đo 12 chỉ số trong 6 chiều. Hộ nghèo: thu nhập không vượt chuẩn và thiếu hụt từ 3 chỉ số trở lên; hộ cận nghèo: thu nhập không vượt chuẩn và thiếu hụt dưới 3 chỉ số.',
      dimensions: (label: string) => `6 chiều, 12 chỉ số — ${label}`,
      standard: (name: string) => `Chuẩn áp dụng: ${name}.`,
      headcount: 'Tỷ lệ thiếu hụt',
      intensityHeading: 'Cường độ và đóng góp',
      intensity: (average: string) => `Cường độ nghèo: mỗi hộ nghèo thiếu hụt bình quân ${average} chỉ số.`,
      households: 'Nhóm hộ',
      byCommune: 'Theo xã, thị trấn',
      whatIsHidden: 'Ô “ẩn” là gì?',
      hiddenHeading: 'Ô bị ẩn',
      hiddenExplained: (k: string) => `Ô gạch chéo ghi “ẩn” là ô bị ẩn để bảo vệ hộ gia đình: khi một ô đếm quá ít hộ (dưới ${k}), hoặc khi có thể suy ra nó từ các ô khác, số liệu không được công bố để không ai nhận ra một hộ cụ thể. Ô ẩn không phải số 0, và cách hiển thị không cho biết số bị ẩn lớn hay nhỏ. Ghi chú “ẩn (2–9 hộ)” cho biết số hộ ít nhất và nhiều nhất mà các bảng đã công bố cho phép: số thật nằm trong khoảng đó, và không số liệu công bố nào thu hẹp được hơn.`,
    },

    agencies: {
      title: 'Cơ quan, đơn vị',
      description: 'Nhiệm vụ của các cơ quan theo công văn của UBND huyện, nhu cầu và hỗ trợ đã thực hiện',
      heading: 'Cơ quan, đơn vị và nhiệm vụ',
      lead: (label: string) => `Công văn năm 2023 của UBND huyện giao nhiệm vụ cho từng cơ quan, đơn vị. Dưới đây là nhu cầu (số hộ thiếu hụt ở các chỉ số mỗi cơ quan phụ trách) và hỗ trợ đã thực hiện, ${label}.`,
      agencyByAgency: 'Từng cơ quan',
      section: (section: number) => `(mục ${section})`,
      deprived: 'Hộ nghèo thiếu hụt ở các chỉ số phụ trách',
      groups: 'Nhóm hộ',
      supported: 'Hỗ trợ đã nhận / cần hỗ trợ',
      /** "name: count (share)" in the lists above; the colon keeps a label from running into its number */
      figure: (name: string, count: string, share: string | null) => `${name}: ${count}${share == null ? '' : ` (${share})`}`,
      supportFigure: (supported: string, inNeed: string, coverage: string | null) => `${supported} / ${inNeed}${coverage == null ? '' : ` (${coverage})`}`,
      unmeasured: 'Nhiệm vụ không gắn với một chỉ số đo được trong dữ liệu rà soát.',
      groupNames: {
        poor_no_labour: 'Hộ nghèo không còn khả năng lao động',
        poor_with_labour: 'Hộ nghèo có khả năng lao động',
        near_poor_no_labour: 'Hộ cận nghèo không còn khả năng lao động',
        near_poor_with_labour: 'Hộ cận nghèo có khả năng lao động',
      },
      perCommune: 'Hỗ trợ theo xã, thị trấn',
      perCommuneNote: 'Mỗi ô: số hộ cần và đã được hỗ trợ / số hộ cần hỗ trợ (tỷ lệ đáp ứng). “ẩn”: ẩn để bảo vệ hộ gia đình.',
      perCommuneCaption: 'Hỗ trợ theo xã và chương trình',
    },

    data: {
      title: 'Dữ liệu',
      description: 'Tải về các bảng dữ liệu (parquet, CSV), từ điển dữ liệu, giấy phép và trích dẫn',
      heading: 'Dữ liệu mở',
      lead: 'Mọi bảng công bố, ở dạng parquet (cho DuckDB, Python, R) và CSV UTF-8 (mở được bằng Excel). Chỉ có số liệu tổng hợp đã được bảo vệ; không có dữ liệu của từng hộ.',
      release: 'Phiên bản',
      date: 'ngày',
      demo: 'dữ liệu minh họa',
      querySql: 'Truy vấn SQL trong trình duyệt',
      tables: 'Các bảng',
      tablesLabel: 'Các bảng dữ liệu và tệp tải về',
      table: 'Bảng',
      rows: 'Số dòng',
      download: 'Tải về',
      licence: 'Giấy phép',
      licenceText: {
        before: 'Dữ liệu được phát hành theo giấy phép ',
        href: 'https://creativecommons.org/licenses/by/4.0/deed.vi',
        link: 'Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)',
        after: ': được tự do sao chép, phân phối và sử dụng lại, kể cả cho mục đích thương mại, với điều kiện ghi rõ nguồn.',
      },
      citationHeading: 'Trích dẫn',
      dictionary: 'Từ điển dữ liệu',
      dictionaryNote: 'Ô bị ẩn để bảo vệ hộ gia đình có giá trị rỗng và status = suppressed; đó không phải số 0.',
      dictionaryLabel: (table: string) => `${table}: từ điển dữ liệu`,
      column: 'Cột',
      type: 'Kiểu',
      descriptionColumn: 'Mô tả',
      checksums: 'Mã kiểm tra (SHA-256)',
      checksumsLabel: 'Mã kiểm tra SHA-256 của các tệp',
      verifyWith: 'Kiểm tra bằng lệnh',
    },

    methodology: {
      title: 'Phương pháp',
      description: 'Chuẩn nghèo, quy trình rà soát, định nghĩa, kiểm soát công bố, hạn chế',
      heading: 'Phương pháp và nguồn',
      standardHeading: 'Chuẩn nghèo đa chiều',
      legalBasis: (basis: string, first: number, last: number) => `Căn cứ: ${basis}. Áp dụng cho các năm rà soát ${first}–${last}.`,
      /** `areas`: the standard's own words for its two areas (standards.json area_names_vi) */
      lines: (rural: string, urban: string, min: number, areas: { rural: string; urban: string }) =>
        `Chuẩn thu nhập: ${areas.rural} ${rural} đồng, ${areas.urban} ${urban} đồng/người/tháng. Hộ nghèo: thu nhập không vượt chuẩn VÀ thiếu hụt từ ${min} chỉ số trở lên; hộ cận nghèo: thu nhập không vượt chuẩn và thiếu hụt dưới ${min} chỉ số.`,
      notComparable: 'Không so sánh trực tiếp kết quả rà soát theo hai chuẩn khác nhau: chuẩn thu nhập và bộ chỉ số đã thay đổi. Biểu đồ số hộ nghèo và tỷ lệ hộ nghèo theo năm đánh dấu lần đổi chuẩn (giữa rà soát 2025 và 2026) và không nối đường qua mốc đó. Biểu đồ biến động (thoát nghèo, nghèo phát sinh, tái nghèo) ghi chú lần đổi chuẩn bên dưới: biến động của rà soát 2026 so hộ được xác định theo chuẩn mới với hộ nghèo năm trước theo chuẩn cũ, nên cần đọc riêng.',
      reviewHeading: 'Quy trình rà soát',
      review: (example: string) => `Rà soát định kỳ từ 1/9 đến 14/12 hằng năm (Quyết định 24/2021/QĐ-TTg): lập danh sách hộ, thu thập thông tin và chấm điểm, họp thôn/tổ dân phố (Mặt trận Tổ quốc giám sát), niêm yết công khai, Chủ tịch UBND xã công nhận hộ nghèo, cận nghèo, thoát nghèo. Kết quả rà soát cuối năm t xác định hộ nghèo của năm t+1; trang này luôn ghi cả hai, ví dụ “${example}”.`,
      years: (years: string) => `Các năm rà soát trong dữ liệu: ${years}.`,
      definitionsHeading: 'Định nghĩa',
      definitions: [
        ['Tỷ lệ hộ nghèo', 'Số hộ nghèo được công nhận chia cho tổng số hộ dân cư của địa bàn (mẫu số luôn được ghi kèm).'],
        ['Tỷ lệ thiếu hụt (headcount)', 'Phần trăm hộ nghèo (hoặc cận nghèo) thiếu hụt một chỉ số.'],
        ['Cường độ nghèo', 'Số chỉ số thiếu hụt bình quân của một hộ nghèo.'],
        ['Đóng góp của chỉ số', 'Số lượt thiếu hụt ở một chỉ số chia cho tổng số lượt thiếu hụt của hộ nghèo (12 chỉ số có trọng số bằng nhau, 10 điểm mỗi chỉ số).'],
        ['Biến động', 'Thoát nghèo; ra khỏi danh sách (hộ nghèo năm trước không còn trong kết quả rà soát năm nay vì chuyển đi, tách hộ, nhập vào hộ khác, giải thể hoặc không còn hồ sơ); nghèo phát sinh (nghèo năm nay, không nghèo trong các năm có dữ liệu trước đó); tái nghèo — tính bằng cách liên kết hộ qua các năm bằng mã ẩn danh, không bao giờ công bố. Số hộ nghèo năm nay = năm trước − thoát nghèo − ra khỏi danh sách + nghèo phát sinh + tái nghèo.'],
      ] as [string, string][],
      need: (programs: string) => ['Nhu cầu hỗ trợ', `Hộ nghèo, cận nghèo thuộc đối tượng của chương trình theo cách đọc của dự án: ${programs}.`] as [string, string],
      track: ['Đúng / chậm tiến độ', 'Đúng tiến độ khi mức giảm số hộ nghèo của năm gần nhất, nếu giữ nguyên, đưa số hộ nghèo về 0 vào năm rà soát mục tiêu.'] as [string, string],
      disclosureHeading: 'Bảo vệ hộ gia đình (kiểm soát công bố)',
      disclosurePoverty: 'Bảng “poverty” (số hộ nghèo, cận nghèo được công nhận) được công bố đầy đủ: đây là kết quả đã niêm yết công khai.',
      disclosureK: (k: string, below: string) => `Mọi bảng khác được bảo vệ với ngưỡng k = ${k}: ô đếm từ 1 đến ${below} hộ, hoặc phần bù của nó so với tổng nhỏ hơn ${k}, bị ẩn; thêm các ô khác bị ẩn để không thể suy ngược bằng phép trừ — chọn sao cho ẩn ít hộ nhất, ưu tiên ô cấp xã thay vì ô của toàn huyện. Ô bằng 0 của toàn huyện được công bố, cùng các ô bằng 0 của các xã bên dưới (vì ô của huyện đã cho biết điều đó).`,
      disclosureAudit: 'Một kiểm tra bằng quy hoạch tuyến tính chứng minh mỗi ô bị ẩn không thể bị thu hẹp về khoảng hẹp hơn k từ mọi quan hệ giữa các bảng đã công bố.',
      disclosureShown: 'Ô bị ẩn hiển thị bằng gạch chéo và chữ “ẩn để bảo vệ hộ gia đình”, kèm khoảng giá trị mà các bảng đã công bố cho phép suy ra (ví dụ 2–9 hộ), không bao giờ là số 0; không cho biết ô bị ẩn vì nhỏ hay để bảo vệ ô khác.',
      disclosureNever: 'Không công bố tên, số CCCD, điện thoại, địa chỉ, thôn hay mã hộ.',
      officialHeading: 'Số liệu chính thức và số liệu minh họa',
      demoRelease: 'Bản phát hành này dùng DỮ LIỆU MINH HỌA do máy tạo ra, được hiệu chỉnh để khớp các số liệu chính thức của công văn năm 2023; mọi con số khác không phải kết quả rà soát thật.',
      realRelease: 'Bản phát hành này dùng dữ liệu rà soát thật của các xã, thị trấn.',
      officialIntro: 'Số liệu chính thức (công văn năm 2023 của UBND huyện, rà soát 2022):',
      figure: 'Chỉ tiêu',
      official: 'Chính thức',
      computed: 'Tính từ dữ liệu',
      limitationsHeading: 'Hạn chế đã biết',
      limitations: [
        'Kết quả là số hộ được xã công nhận, có thể khác với phân loại theo quy tắc của chuẩn; số hộ chênh lệch được công bố như một chỉ số chất lượng dữ liệu (status_mismatch).',
        'Chỉ gồm rà soát định kỳ, không gồm rà soát thường xuyên trong năm.',
        'Một số chỉ số (bảo hiểm y tế, viễn thông, tiếp cận thông tin) và toàn bộ chuẩn 2027–2030 được mô tả theo nguồn thứ cấp và cần đối chiếu văn bản gốc (đánh dấu “cần đối chiếu văn bản gốc” trong bảng chỉ số).',
        'Các ô bị ẩn làm một số tỷ lệ, đóng góp và so sánh ở cấp xã không tính được.',
        'Cách xác định nhu cầu của từng chương trình là cách đọc của dự án, không phải quy định.',
      ],
      dataLink: 'Tải dữ liệu và trích dẫn',
    },
  },
};

export type Strings = typeof vi;
