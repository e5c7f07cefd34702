// Vietnamese strings of the release history (issue 15 item 3): the list of releases on /data/, the Atom feed of
// releases, and the "revised" marks on pages whose figures a release corrected. English: en-releases.ts.

export interface ReleaseCounts { corrected: string; added: string; hidden: string; shown: string; removed: string; years: string }

export const viReleases = {
  heading: 'Các bản phát hành',
  lead: 'Mỗi lần công bố lại số liệu (sửa sai sót, thêm một năm rà soát) là một bản phát hành mới. Các bản trước vẫn tải được, kèm danh sách những giá trị đã thay đổi. Ô đã ẩn để bảo vệ hộ gia đình ở một bản thì vẫn ẩn ở các bản sau, để không ai so hai bản mà suy ra được.',
  feed: 'Nhận tin khi có bản phát hành mới (Atom)',
  feedLinkTitle: 'Các bản phát hành dữ liệu (Atom)',
  feedTitle: 'Minh bạch giảm nghèo — các bản phát hành dữ liệu',
  feedSubtitle: 'Số liệu rà soát hộ nghèo, hộ cận nghèo: mỗi bản phát hành và những gì thay đổi so với bản trước.',
  release: (n: number) => `Bản phát hành ${n}`,
  current: 'đang dùng trên trang',
  date: (date: string) => `ngày ${date}`,
  reviewYears: (years: string) => `năm rà soát ${years}`,
  first: 'Bản phát hành đầu tiên.',
  noChangeList: 'Không có danh sách thay đổi cho bản này.',
  nothingChanged: 'Không có giá trị nào thay đổi so với bản trước.',
  /** what changed since the release before: only the kinds that occur (the counts are formatted) */
  changed: {
    corrected: (n: string) => `sửa ${n} giá trị`,
    added: (n: string) => `thêm ${n} dòng`,
    hidden: (n: string) => `ẩn thêm ${n} ô`,
    shown: (n: string) => `công bố lại ${n} ô trước đây bị ẩn`,
    removed: (n: string) => `bỏ ${n} dòng`,
  },
  changedSentence: (parts: string[], years: string | null) => `So với bản trước: ${parts.join(', ')}${years ? ` (năm rà soát ${years})` : ''}.`,
  reset: 'Bản này bắt đầu lại việc ẩn ô (--reset-suppression, khi phương pháp bảo vệ thay đổi): các ô ẩn ở bản trước không còn được giữ ẩn.',
  changesCsv: 'danh sách thay đổi (CSV)',
  changesJson: 'JSON',
  files: 'Tệp của bản này',
  /** a figure a release corrected: the mark beside it */
  revisedMark: (n: number) => `đã sửa ở bản phát hành ${n}`,
  revisedTitle: (n: number, date: string, old: string) => `Số liệu này được sửa ở bản phát hành ${n} (${date}); trước đó là ${old}.`,
  /** the line under a page's headline figures: per release, how many published values of the unit and year it corrected */
  revisedArea: (v: { release: number; date: string; values: string; area: string; year: number }) =>
    `Bản phát hành ${v.release} (${v.date}) đã sửa ${v.values} giá trị của ${v.area} năm rà soát ${v.year}.`,
  revisedLink: 'Xem những gì đã thay đổi',
};
