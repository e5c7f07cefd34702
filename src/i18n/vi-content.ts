// Vietnamese strings of the page about the district's 2023 letter (/directive/), the legal bases, the kinds of
// review, the footer's sources and the methodology's additions (issue 13, items 7 and 8). Wired into vi.ts as
// `pages.content`; en-content.ts has the same shape.

export const viContent = {
  /** the page /directive/ */
  directive: {
    title: 'Văn bản chỉ đạo',
    description: 'Công văn năm 2023 của UBND huyện Thủy Nguyên về các giải pháp giảm nghèo: toàn văn, căn cứ pháp lý của từng chính sách, thế nào là thiếu hụt, những việc dữ liệu rà soát không đo được',
    heading: 'Văn bản chỉ đạo: công văn năm 2023 của UBND huyện Thủy Nguyên',
    lead: 'Mục tiêu, số liệu chính thức và nhiệm vụ của từng cơ quan trên trang này đều lấy từ công văn này. Dưới đây là những điều cần biết khi đối chiếu công văn với số liệu, rồi toàn văn như đã ban hành.',
    identityLabel: 'Thông tin văn bản',
    kind: 'Loại văn bản',
    kindValue: 'Công văn (không phải chỉ thị)',
    issuer: 'Cơ quan ban hành',
    number: 'Số',
    numberValue: (printed: string) => `${printed} (số văn bản để trống trong bản chép)`,
    date: 'Ngày',
    dateValue: (printed: string) => `${printed} (ngày, tháng để trống trong bản chép)`,
    subject: 'Trích yếu',
    signed: 'Ký',
    provenance: 'Nguồn',
    provenanceValue: (file: string) => `Bản chép nguyên văn, lưu cùng mã nguồn của trang (data/reference/${file}); chỉ trình bày lại định dạng.`,
    implementsHeading: 'Thực hiện chỉ đạo của thành phố',
    implements: (title: string, subject: string) => `Công văn không tự đặt ra chủ trương: mở đầu công văn ghi rõ là thực hiện ${title} về việc ${subject}.`,
    modesHeading: 'Giao nhiệm vụ và đề nghị',
    assigned: (first: number, last: number) => `Mục ${first} đến ${last}: UBND huyện “yêu cầu” các phòng, đơn vị và UBND các xã, thị trấn thực hiện, tức là giao nhiệm vụ.`,
    requested: (section: number, word: string) => `Mục ${section} mở đầu bằng “${word}”: đó là lời đề nghị gửi Ủy ban Mặt trận Tổ quốc Việt Nam huyện và các tổ chức chính trị - xã hội, không phải giao nhiệm vụ. Mặt trận được đề nghị tăng cường kiểm tra, giám sát việc thực hiện các chính sách giảm nghèo; số liệu trên trang này có thể phục vụ việc giám sát đó.`,
    sectionsCaption: 'Các mục của công văn và người nhận',
    sectionColumn: 'Mục',
    addresseeColumn: 'Gửi',
    modeColumn: 'Hình thức',
    modes: { assign: 'Giao nhiệm vụ', request: 'Đề nghị' } as Record<'assign' | 'request', string>,
    agenciesLink: 'Nhiệm vụ, nhu cầu và hỗ trợ của từng cơ quan',
    targetHeading: 'Mục tiêu, và những gì công văn không đặt ra',
    target: (text: string, review: string) => `Mục tiêu duy nhất có con số: ${text.charAt(0).toLowerCase()}${text.slice(1)}. Trang này đánh giá mục tiêu tại ${review}.`,
    policiesHeading: 'Chính sách hỗ trợ và căn cứ pháp lý',
    policiesLead: 'Mọi văn bản công văn dẫn, với số, ngày và cơ quan ban hành như in trong công văn. “Cần đối chiếu” đánh dấu điều công văn không tự xác nhận được.',
    policiesCaption: 'Các văn bản công văn dẫn',
    policyColumn: 'Văn bản',
    subjectColumn: 'Nội dung (theo công văn)',
    sectionsColumn: 'Mục của công văn',
    programColumn: 'Chương trình hỗ trợ trong dữ liệu',
    opening: 'phần mở đầu',
    check: 'cần đối chiếu',
    definitionsHeading: 'Thế nào là thiếu hụt',
    definitionsLead: (standard: string) => `Công văn đếm hộ nghèo thiếu hụt theo ${standard}. Một hộ thiếu hụt một chỉ số khi:`,
    figuresHeading: 'Số liệu công văn nêu',
    figuresLead: (review: string) => `Kết quả ${review}, toàn huyện, như in trong công văn.`,
    figuresCaption: 'Số liệu in trong công văn',
    figureColumn: 'Chỉ tiêu',
    valueColumn: 'Số in trong công văn',
    printedColumn: 'Tỷ lệ in trong công văn',
    recomputedColumn: 'Tính lại từ số hộ',
    shareNote: (printed: string, households: string, poor: string, recomputed: string) =>
      `Công văn in ${printed}; ${households} / ${poor} hộ làm tròn là ${recomputed}. Trang giữ con số in trong công văn.`,
    truncationNote: 'Chênh lệch ở chữ số cuối có lẽ do công văn cắt bớt chữ số thay vì làm tròn (36,86% = 100% − 63,14%); số hộ vẫn khớp.',
    unmeasuredHeading: 'Những việc dữ liệu rà soát không đo được',
    unmeasuredLead: 'Công văn giao cả những việc mà kết quả rà soát hộ nghèo không ghi lại. Trang này không có số liệu về các việc dưới đây, và sẽ không có, vì dữ liệu không chứa chúng:',
    sectionRef: (sections: string) => `(mục ${sections})`,
    textHeading: 'Toàn văn',
    textNote: 'Nguyên văn như đã ban hành.',
    textLabel: 'Toàn văn công văn',
  },

  /** a legal instrument, named as the letter prints it (src/lib/policies.ts) */
  policy: {
    kinds: { official_letter: 'Công văn', resolution: 'Nghị quyết', decision: 'Quyết định', law: 'Luật', programme: 'Chương trình' } as Record<string, string>,
    title: (kind: string, number: string, date: string | null, issuer: string) => `${kind} ${number}${date ? ` ngày ${date}` : ''} của ${issuer}`,
  },

  /** what each review year's figures are (data/reference/reviews.json) */
  review: {
    kinds: { baseline: 'rà soát đầu kỳ theo chuẩn mới', periodic: 'rà soát định kỳ hằng năm' } as Record<string, string>,
    heading: 'Các kỳ rà soát trong dữ liệu',
    caption: 'Chuẩn nghèo và loại rà soát của từng năm',
    yearColumn: 'Năm rà soát',
    poorYearColumn: 'Hộ nghèo của năm',
    standardColumn: 'Chuẩn nghèo',
    kindColumn: 'Loại rà soát',
    noteColumn: 'Ghi chú',
    check: 'cần đối chiếu',
  },

  /** the footer of every page (src/layouts/Base.astro) */
  footer: {
    sourceDemo: 'Nguồn: dữ liệu minh họa do máy tạo ra theo cấu trúc kết quả rà soát hộ nghèo, hộ cận nghèo, không phải kết quả rà soát thật. Số liệu chính thức để đối chiếu: công văn năm 2023 của UBND huyện Thủy Nguyên.',
    sourceReal: 'Nguồn: kết quả rà soát hộ nghèo, hộ cận nghèo định kỳ của UBND các xã, thị trấn huyện Thủy Nguyên (đến 2024) và của các phường, xã (từ 2025); chỉ công bố số liệu tổng hợp đã được bảo vệ.',
    publishedBy: (publisher: string) => `Trang do ${publisher} công bố.`,
    directive: 'Văn bản chỉ đạo',
    methodology: 'Phương pháp',
  },

  /** the citation on /data/ */
  citation: {
    text: (v: { publisher: string; year: number; release: string; demo: boolean }) =>
      `${v.publisher} (${v.year}). Kết quả rà soát hộ nghèo, hộ cận nghèo trên địa bàn Thủy Nguyên (huyện Thủy Nguyên đến 2024; 8 phường, xã từ 2025), phiên bản ${v.release}${v.demo ? ' (dữ liệu minh họa)' : ''}. Nguồn: ${v.demo
        ? 'dữ liệu minh họa; số liệu chính thức đối chiếu: công văn năm 2023 của UBND huyện Thủy Nguyên'
        : 'kết quả rà soát của UBND các xã, thị trấn huyện Thủy Nguyên (đến 2024) và của các phường, xã (từ 2025); công văn năm 2023 của UBND huyện Thủy Nguyên'}. Giấy phép CC BY 4.0.`,
  },

  /** additions to /methodology/ */
  methodology: {
    indicatorsHeading: (standard: string) => `Thế nào là thiếu hụt: các chỉ số của ${standard}`,
    indicatorsCaption: (standard: string) => `Các chỉ số thiếu hụt và điều kiện thiếu hụt, ${standard}`,
    dimensionColumn: 'Chiều',
    indicatorColumn: 'Chỉ số',
    deprivedWhenColumn: 'Thiếu hụt khi',
    check: 'cần đối chiếu văn bản gốc',
    standardCheck: (note: string) => `Cần đối chiếu văn bản gốc: ${note}.`,
    programsHeading: 'Chương trình hỗ trợ và căn cứ pháp lý',
    programsLead: 'Các chương trình có trong hồ sơ hộ; căn cứ như công văn năm 2023 của UBND huyện dẫn.',
    directiveLink: 'Công văn năm 2023 của UBND huyện: toàn văn và căn cứ',
    printedColumn: 'Tỷ lệ in trong công văn',
  },
};
