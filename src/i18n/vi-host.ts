// Vietnamese strings of sharing and hosting (issue 15, items 4–6): the link preview (Open Graph / Twitter
// card) and its generic site card, and the 404 page. English in en-host.ts, same shape.
export const viHost = {
  share: {
    /** og:locale and og:locale:alternate (Facebook's language_TERRITORY codes) */
    ogLocale: 'vi_VN',
    /** the generic card of a page without a chart */
    cardTitle: 'Minh bạch giảm nghèo',
    cardLines: ['Kết quả rà soát hộ nghèo, hộ cận nghèo', 'của huyện Thủy Nguyên (Hải Phòng), từng xã, từng năm'],
    cardAlt: 'Minh bạch giảm nghèo — kết quả rà soát hộ nghèo, hộ cận nghèo của huyện Thủy Nguyên, từng xã, từng năm',
    /** the description of a page that has none of its own (embeds) */
    defaultDescription: 'Kết quả rà soát hộ nghèo, hộ cận nghèo của huyện Thủy Nguyên (Hải Phòng), từng xã, từng năm.',
  },
  notFound: {
    title: 'Không tìm thấy trang',
    body: 'Địa chỉ này không có trên trang. Có thể đường dẫn đã cũ hoặc gõ nhầm.',
    home: 'Về trang chủ',
  },
};
