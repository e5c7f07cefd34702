// Every Vietnamese string of the site, in one file a translator can read top to bottom. English is in
// en.ts with the same shape (the type checker refuses a missing or extra key). Strings that embed figures
// are functions of already-formatted values: the wording, including word order, belongs to the language.

export const vi = {
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
      source: 'kết quả rà soát hộ nghèo, hộ cận nghèo, huyện Thủy Nguyên',
    },

    series: {
      titleCount: (area: string) => `Số hộ nghèo theo năm rà soát, ${area}`,
      titleRate: (area: string) => `Tỷ lệ hộ nghèo: ${area} và toàn huyện`,
      target: 'Mục tiêu: 0',
      one: (area: string, poor: string, rate: string, review: string) => `${area} có ${poor} hộ nghèo (${rate}) theo ${review}.`,
      change: (v: { area: string; direction: 'down' | 'up' | 'same'; first: string; firstRate: string; firstYear: number; last: string; lastRate: string; lastYear: number }) =>
        `Số hộ nghèo của ${v.area} ${{ down: 'giảm', up: 'tăng', same: 'giữ nguyên' }[v.direction]} từ ${v.first} (${v.firstRate}, rà soát ${v.firstYear}) ${v.direction === 'up' ? 'lên' : 'xuống còn'} ${v.last} (${v.lastRate}, rà soát ${v.lastYear})`,
      districtRate: (rate: string) => `; toàn huyện ${rate}`,
      targetGap: (gap: string, year: number) => `; còn ${gap} hộ so với mục tiêu không còn hộ nghèo (rà soát ${year}).`,
      xLabel: 'Năm rà soát (hộ nghèo của năm sau)',
      yRate: 'Tỷ lệ hộ nghèo (%)',
      yCount: 'Số hộ nghèo',
      total: 'Tổng số hộ',
      poor: 'Hộ nghèo',
      rate: 'Tỷ lệ',
      districtRateColumn: 'Tỷ lệ toàn huyện',
      district: 'Toàn huyện',
      pathToTarget: 'Đường tới mục tiêu',
    },

    movements: {
      measures: { escaped: 'Thoát nghèo', exited_other: 'Ra khỏi danh sách (không rà soát lại)', newly_poor: 'Nghèo phát sinh', fell_back: 'Tái nghèo' },
      title: (area: string) => `Biến động hộ nghèo theo năm rà soát, ${area}`,
      /** figures already formatted; a hidden one is "(ẩn)" */
      summary: (v: { year: number; escaped: string; exitedOther: string; newlyPoor: string; fellBack: string; net: string | null }) =>
        `Trong rà soát ${v.year}: thoát nghèo ${v.escaped} hộ, ra khỏi danh sách vì lý do khác ${v.exitedOther}, nghèo phát sinh ${v.newlyPoor}, tái nghèo ${v.fellBack}${v.net == null ? '' : `: thay đổi ròng ${v.net} hộ`}.`,
      none: 'Chưa có biến động: cần ít nhất hai năm rà soát.',
      someHidden: ' Một số ô bị ẩn để bảo vệ hộ gia đình.',
      yLabel: '← ra khỏi nghèo · vào nghèo →',
    },

    deprivationShares: {
      title: (area: string) => `Tỷ lệ hộ thiếu hụt theo từng chỉ số, ${area}`,
      top: (area: string, top: { name: string; share: string }, next?: { name: string; share: string }) =>
        `Thiếu hụt phổ biến nhất ở hộ nghèo của ${area} là “${top.name}” (${top.share} số hộ nghèo)${next ? `, tiếp theo là “${next.name}” (${next.share})` : ''}.`,
      noneDeprived: (indicators: string, area: string) => `Ở ${indicators} chỉ số công bố được, không hộ nghèo nào của ${area} bị thiếu hụt.`,
      noData: (area: string) => `Không có số liệu thiếu hụt công bố được cho hộ nghèo của ${area}.`,
      householdsColumn: (population: string) => `${population} (hộ)`,
      shareColumn: (population: string) => `${population} (%)`,
    },

    contribution: {
      title: (population: 'poor' | 'near_poor', area: string) => `Đóng góp của từng chỉ số vào tổng thiếu hụt của ${population === 'poor' ? 'hộ nghèo' : 'hộ cận nghèo'}, ${area}`,
      uncomputable: (hidden: string, indicators: string, population: 'poor' | 'near_poor') =>
        `Không tính được đóng góp: ${hidden} trong ${indicators} chỉ số của ${population === 'poor' ? 'hộ nghèo' : 'hộ cận nghèo'} bị ẩn để bảo vệ hộ gia đình. Xem số hộ thiếu hụt theo từng chỉ số ở biểu đồ tỷ lệ thiếu hụt.`,
      summary: (v: { population: 'poor' | 'near_poor'; dimension: string; dimensionShare: string; top: string; topShare: string }) =>
        `Chiều “${v.dimension}” chiếm ${v.dimensionShare} tổng số thiếu hụt của ${v.population === 'poor' ? 'hộ nghèo' : 'hộ cận nghèo'}; chỉ số đóng góp nhiều nhất là “${v.top}” (${v.topShare}).`,
      column: 'Đóng góp (%)',
    },

    depth: {
      title: (area: string) => `Số chỉ số thiếu hụt của mỗi hộ, ${area}`,
      mode: (deprivations: string, households: string, hidden: string) =>
        `Nhóm hộ nghèo đông nhất là nhóm thiếu hụt ${deprivations} chỉ số (${households} hộ); ${hidden} ô bị ẩn để bảo vệ hộ gia đình, nên không tính được số thiếu hụt bình quân.`,
      allHidden: (hidden: string) => `Cả ${hidden} ô của hộ nghèo bị ẩn để bảo vệ hộ gia đình.`,
      average: (average: string) => `Mỗi hộ nghèo thiếu hụt bình quân ${average} trong 12 chỉ số (cường độ nghèo); hộ cận nghèo thiếu hụt từ 0 đến 2 chỉ số theo định nghĩa.`,
      xLabel: 'Số chỉ số thiếu hụt',
      column: 'Số thiếu hụt',
    },

    heatmap: {
      title: (population: 'poor' | 'near_poor') => `Tỷ lệ ${population === 'poor' ? 'hộ nghèo' : 'hộ cận nghèo'} thiếu hụt theo xã/thị trấn và chỉ số`,
      summary: (v: { areas: string; indicators: string; indicator: string; area: string; share: string; population: 'poor' | 'near_poor' }) =>
        `Bảng nhiệt ${v.areas} xã/thị trấn × ${v.indicators} chỉ số; ô cao nhất là “${v.indicator}” ở ${v.area} (${v.share} ${v.population === 'poor' ? 'hộ nghèo' : 'hộ cận nghèo'}).`,
      noCell: 'Không có ô nào công bố được.',
      commune: 'Xã/thị trấn',
      communeHouseholds: 'Xã/thị trấn (số hộ)',
    },

    support: {
      measures: { in_need: 'Cần hỗ trợ', supported: 'Đã được hỗ trợ', in_need_supported: 'Cần và đã được hỗ trợ' },
      title: (area: string, year: number) => `Nhu cầu và hỗ trợ đã nhận theo chương trình, ${area} (rà soát ${year})`,
      summary: (lowest: { name: string; coverage: string }, highest: { name: string; coverage: string }) =>
        `Chương trình đáp ứng nhu cầu thấp nhất là “${lowest.name}”: ${lowest.coverage} số hộ cần hỗ trợ đã được hỗ trợ; cao nhất là “${highest.name}” (${highest.coverage}).`,
      none: 'Không tính được mức đáp ứng nhu cầu.',
      program: 'Chương trình',
      coverage: 'Đáp ứng nhu cầu',
    },
  },

  /** pages, layouts and components (src/components, src/layouts) */
  pages: {
  },
};

export type Strings = typeof vi;
