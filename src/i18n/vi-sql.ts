// Strings of the charts' SQL (src/lib/charts/sql.ts): the table-view column headings, the link to the
// explorer and the comment a comparable series' SQL carries. English in en-sql.ts, same shape.
export const viSql = {
  /** the link beside CSV/SVG/PNG: the chart's table view as a query in the explorer */
  explore: 'Mở bằng SQL',
  exploreTitle: 'Mở truy vấn của bảng số liệu trong trình khám phá dữ liệu',
  columns: {
    area: 'Xã, phường, thị trấn',
    territory: 'Địa bàn',
    measure: 'Nhóm',
    population: 'Nhóm hộ',
    deprivations: 'Số chỉ số thiếu hụt',
    households: 'Số hộ',
    share: 'Tỷ lệ (%)',
    contribution: 'Đóng góp (%)',
    program: 'Chương trình',
    coverage: 'Đáp ứng nhu cầu (%)',
  },
  /** a SQL comment: a new unit's earlier reviews are the sums of the 2019–2024 units it was formed from */
  summedComment: (unit: string, codes: string) =>
    `${unit}: các năm rà soát trước 2025 là tổng số liệu đã công bố của các đơn vị 2019–2024 hợp thành (mã ${codes}), chỉ khi có đủ số liệu của tất cả`,
};
