// The explorer's UI strings, Vietnamese and English.
import type { Locale } from '../format';
import type { RefusalKind } from './guard';
import type { MonitoredPopulation } from '../contract';
import { groupedDigits } from '../digits';

export interface ExplorerStrings {
  title: string; description: string; intro: string; noscript: string;
  loadingEngine: string; loadingData: string; ready: string; unsupported: string; engineFailed: string;
  editorLabel: string; run: string; runHint: string; cancel: string; cancelled: string; restarting: string;
  examples: string; history: string; historyEmpty: string;
  builder: string; builderIntro: string; table: string; measure: string; breakdown: string; filters: string;
  year: string; latest: string; area: string; district: string; since: string; population: string; indicator: string; program: string;
  writeSql: string; dims: Record<string, string>; populations: Record<MonitoredPopulation, string>;
  result: string; rows: (n: number, ms: number) => string; truncated: (n: number) => string; noRows: string;
  prev: string; next: string; page: (p: number, of: number) => string; suppressed: string; suppressedRange: (min: number, max: number) => string; suppressedNote: string;
  chart: string; csv: string; copyLink: string; copied: string; error: string; errorAt: (line: number, col: number) => string;
  refused: Record<RefusalKind, string>; tablesLabel: string;
}

const vi: ExplorerStrings = {
  title: 'Khám phá dữ liệu',
  description: 'Truy vấn SQL trực tiếp trên các bảng số liệu đã công bố, ngay trong trình duyệt.',
  intro: 'Đặt câu hỏi cho các bảng số liệu đã công bố bằng SQL, hoặc dùng công cụ tạo bảng bên dưới. Mọi phép tính chạy trong trình duyệt của bạn; không có dữ liệu nào được gửi đi.',
  noscript: 'Trang này cần JavaScript để chạy truy vấn. Bạn vẫn có thể tải các bảng số liệu ở trang Dữ liệu.',
  loadingEngine: 'Đang tải bộ máy truy vấn', loadingData: 'Đang nạp các bảng số liệu…', ready: 'Sẵn sàng.',
  unsupported: 'Trình duyệt này không chạy được bộ máy truy vấn (cần WebAssembly và Web Worker). Hãy dùng bản mới của Chrome, Firefox, Edge hoặc Safari, hoặc tải dữ liệu ở trang Dữ liệu.',
  engineFailed: 'Không tải được bộ máy truy vấn:',
  editorLabel: 'Truy vấn SQL', run: 'Chạy', runHint: 'Ctrl+Enter để chạy', cancel: 'Dừng', cancelled: 'Đã dừng truy vấn.', restarting: 'Đang khởi động lại bộ máy…',
  examples: 'Câu hỏi mẫu', history: 'Các truy vấn đã chạy', historyEmpty: 'Chưa có truy vấn nào.',
  builder: 'Tạo bảng không cần SQL', builderIntro: 'Chọn bảng, chỉ tiêu và cách chia; câu SQL tương ứng sẽ hiện trong ô soạn thảo.',
  table: 'Bảng', measure: 'Chỉ tiêu', breakdown: 'Chia theo', filters: 'Giữ cố định',
  year: 'Năm rà soát', latest: 'gần nhất', area: 'Địa bàn', district: 'Toàn địa bàn Thủy Nguyên (cũ)', since: 'từ', population: 'Nhóm hộ', indicator: 'Chỉ số thiếu hụt', program: 'Chương trình',
  writeSql: 'Viết SQL và chạy', populations: { poor: 'hộ nghèo', near_poor: 'hộ cận nghèo', newly_escaped: 'hộ mới thoát nghèo' },
  dims: { year: 'năm', commune: 'xã', population: 'nhóm hộ', indicator: 'chỉ số', program: 'chương trình' },
  result: 'Kết quả',
  rows: (n, ms) => `${groupedDigits(n, 'vi')} dòng · ${groupedDigits(ms, 'vi')} ms`,
  truncated: (n) => `Chỉ hiển thị ${groupedDigits(n, 'vi')} dòng đầu; thêm LIMIT hoặc điều kiện lọc để thu hẹp.`,
  noRows: 'Truy vấn không trả về dòng nào.',
  prev: 'Trang trước', next: 'Trang sau', page: (p, of) => `Trang ${p}/${of}`,
  suppressed: 'ẩn', suppressedRange: (min, max) => `ẩn (${min}–${max})`, suppressedNote: '“ẩn”: ô bị che để bảo vệ thông tin hộ gia đình (quá ít hộ).',
  chart: 'Biểu đồ', csv: 'Tải CSV', copyLink: 'Sao chép liên kết', copied: 'Đã sao chép liên kết.',
  error: 'Lỗi', errorAt: (line, col) => `dòng ${line}, cột ${col}`,
  refused: {
    install: 'Không được cài tiện ích (INSTALL): chỉ các bảng đã công bố có thể truy vấn.',
    load: 'Không được nạp tiện ích (LOAD): chỉ các bảng đã công bố có thể truy vấn.',
    attach: 'Không được gắn cơ sở dữ liệu khác (ATTACH/DETACH/USE).',
    copy: 'Không được dùng COPY: hãy dùng nút “Tải CSV” để tải kết quả.',
    export: 'Không được dùng EXPORT: hãy dùng nút “Tải CSV” để tải kết quả.',
    import: 'Không được dùng IMPORT: chỉ các bảng đã công bố có thể truy vấn.',
    pragma: 'Không được dùng PRAGMA ở đây.',
    set: 'Không được thay đổi cấu hình (SET/RESET).',
    secret: 'Không được tạo hay xoá khoá truy cập (SECRET).',
    url: 'Không được đọc tệp hay địa chỉ bên ngoài; chỉ các bảng đã công bố có thể truy vấn:',
  },
  tablesLabel: 'Các bảng',
};

const en: ExplorerStrings = {
  title: 'Explore the data',
  description: 'Query the published tables with SQL, right in your browser.',
  intro: 'Ask the published tables your own questions in SQL, or use the breakdown builder below. Everything runs in your browser; nothing you type is sent anywhere.',
  noscript: 'This page needs JavaScript to run queries. The tables can still be downloaded from the Data page.',
  loadingEngine: 'Loading the query engine', loadingData: 'Loading the tables…', ready: 'Ready.',
  unsupported: 'This browser cannot run the query engine (it needs WebAssembly and Web Workers). Please use a recent Chrome, Firefox, Edge or Safari, or download the tables from the Data page.',
  engineFailed: 'The query engine could not be loaded:',
  editorLabel: 'SQL query', run: 'Run', runHint: 'Ctrl+Enter runs', cancel: 'Cancel', cancelled: 'Query cancelled.', restarting: 'Restarting the engine…',
  examples: 'Example questions', history: 'Queries this session', historyEmpty: 'No queries yet.',
  builder: 'Breakdown builder (no SQL needed)', builderIntro: 'Pick a table, a measure and a breakdown; the matching SQL appears in the editor.',
  table: 'Table', measure: 'Measure', breakdown: 'Break down by', filters: 'Hold fixed',
  year: 'Review year', latest: 'latest', area: 'Area', district: 'All of (former) Thủy Nguyên', since: 'from', population: 'Households', indicator: 'Deprivation indicator', program: 'Programme',
  writeSql: 'Write the SQL and run it', populations: { poor: 'poor households', near_poor: 'near-poor households', newly_escaped: 'newly escaped households' },
  dims: { year: 'year', commune: 'commune', population: 'population', indicator: 'indicator', program: 'programme' },
  result: 'Result',
  rows: (n, ms) => `${groupedDigits(n, 'en')} rows · ${groupedDigits(ms, 'en')} ms`,
  truncated: (n) => `Only the first ${groupedDigits(n, 'en')} rows are shown; add a LIMIT or a filter to narrow it.`,
  noRows: 'The query returned no rows.',
  prev: 'Previous page', next: 'Next page', page: (p, of) => `Page ${p} of ${of}`,
  suppressed: 'suppressed', suppressedRange: (min, max) => `suppressed (${min}–${max})`, suppressedNote: '“suppressed”: withheld to protect households (too few of them).',
  chart: 'Chart', csv: 'Download CSV', copyLink: 'Copy link', copied: 'Link copied.',
  error: 'Error', errorAt: (line, col) => `line ${line}, column ${col}`,
  refused: {
    install: 'Installing extensions (INSTALL) is not allowed: only the published tables can be queried.',
    load: 'Loading extensions (LOAD) is not allowed: only the published tables can be queried.',
    attach: 'Attaching other databases (ATTACH/DETACH/USE) is not allowed.',
    copy: 'COPY is not allowed: use the “Download CSV” button to save a result.',
    export: 'EXPORT is not allowed: use the “Download CSV” button to save a result.',
    import: 'IMPORT is not allowed: only the published tables can be queried.',
    pragma: 'PRAGMA is not allowed here.',
    set: 'Changing settings (SET/RESET) is not allowed.',
    secret: 'Creating or dropping secrets is not allowed.',
    url: 'Reading files or remote addresses is not allowed; only the published tables can be queried:',
  },
  tablesLabel: 'Tables',
};

export const EXPLORER_STRINGS: Record<Locale, ExplorerStrings> = { vi, en };
