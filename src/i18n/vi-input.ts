// Vietnamese strings of the input template block on /data/ (issue 15 item 1). English in en-input.ts, same shape.
export const viInput = {
  heading: 'Mẫu nhập liệu cho cán bộ rà soát',
  lead: (year: number) => `Mẫu Excel cho kỳ rà soát ${year}: đúng các cột của chuẩn nghèo áp dụng năm đó, danh sách chọn cho mã xã, khu vực, có/không và kết quả phân loại, ghi chú giải thích ở mỗi tiêu đề cột.`,
  households: (year: number) => `Danh sách hộ rà soát ${year} (.xlsx)`,
  communes: 'Tổng số hộ của từng đơn vị: communes.xlsx',
  howTo: 'Đặt tệp danh sách hộ vào thư mục households/ và communes.xlsx ở thư mục gốc (giữ nguyên tên tệp này). Trước khi công bố, kiểm tra bằng',
  otherYears: 'Mẫu của năm khác:',
  /** placeholders in the commands shown */
  placeholder: { folder: 'THU_MUC', report: 'bao-cao.html', year: 'NAM' },
};
