// The report of `npm run check-input`: the input stage's problems grouped by file, then by kind of problem, as a
// terminal table and as one self-contained HTML page in Vietnamese (no script, opens from disk) that a data
// officer can fix a file from. The problems are the pipeline's own (scripts/pipeline/input), values already masked
// there; shownValue is applied once more so that nothing reaches the page unmasked whatever its origin.
import { communeColumns, householdColumns } from './pipeline/input/columns.ts';
import { formatProblem, shownValue, type Problem } from './pipeline/input/problems.ts';

export interface ProblemKind {
  code: string;
  /** what a data officer reads as the group's title */
  title_vi: string;
  /** how to fix it, in one sentence */
  fix_vi: string;
}

/** Kinds of problem, by the pipeline's reason (first match wins); the reasons are written in scripts/pipeline/input. */
const KINDS: { test: RegExp; kind: ProblemKind }[] = [
  { test: /legacy font/, kind: { code: 'legacy-font', title_vi: 'Gõ bằng phông chữ cũ (TCVN3 / VNI)', fix_vi: 'Chạy lại với --legacy-font tcvn3 hoặc --legacy-font vni như thông báo, hoặc chuyển mã tệp sang Unicode (ví dụ bằng Unikey Toolkit).' } },
  { test: /^(file missing|folder missing|no \.csv or \.xlsx file)/, kind: { code: 'missing-file', title_vi: 'Thiếu tệp', fix_vi: 'Đặt communes.csv (hoặc communes.xlsx) ở thư mục gốc và các tệp hộ trong thư mục households/.' } },
  { test: /^(not UTF-8|cannot read|empty file|old Excel format|both )/, kind: { code: 'unreadable', title_vi: 'Không đọc được tệp', fix_vi: 'Mở tệp bằng Excel và lưu lại dưới dạng .xlsx hoặc "CSV UTF-8"; tệp xuất từ phần mềm cũ có thể cần --encoding windows-1258.' } },
  { test: /^missing required column/, kind: { code: 'missing-column', title_vi: 'Thiếu cột bắt buộc', fix_vi: 'Thêm cột với tiêu đề tiếng Việt nêu trong thông báo (xem mẫu nhập liệu của năm).' } },
  { test: /^column appears more than once/, kind: { code: 'duplicate-column', title_vi: 'Một cột xuất hiện hai lần', fix_vi: 'Xóa hoặc đổi tên một trong hai cột.' } },
  { test: /^unknown column/, kind: { code: 'unknown-column', title_vi: 'Cột không nhận ra (bị bỏ qua)', fix_vi: 'Không cần sửa nếu cột đó không dùng; nếu là cột cần thiết, sửa tiêu đề theo mẫu.' } },
  { test: /^(wrong number of fields|unterminated or misplaced quote|line too long|malformed line)/, kind: { code: 'malformed-line', title_vi: 'Dòng sai cấu trúc', fix_vi: 'Kiểm tra dấu phẩy/chấm phẩy và dấu ngoặc kép trong dòng; số ô phải bằng số cột tiêu đề.' } },
  { test: /^missing value$/, kind: { code: 'missing-value', title_vi: 'Ô bắt buộc còn trống', fix_vi: 'Điền giá trị vào ô.' } },
  { test: /^not a whole number/, kind: { code: 'not-a-number', title_vi: 'Không phải số nguyên', fix_vi: 'Ghi số nguyên, không ghi chữ hay số thập phân (thu nhập: 1500000 hoặc 1.500.000).' } },
  { test: /^(out of range|no poverty standard in force)/, kind: { code: 'out-of-range', title_vi: 'Ngoài khoảng cho phép', fix_vi: 'Sửa giá trị cho nằm trong khoảng nêu trong thông báo.' } },
  { test: /^(not a 5-digit commune code|not 9 or 12 digits)/, kind: { code: 'bad-code', title_vi: 'Mã sai định dạng', fix_vi: 'Mã xã gồm 5 chữ số; số CCCD/CMND gồm 9 hoặc 12 chữ số.' } },
  { test: /^(not urban or rural|not a recognised status|not a yes\/no value)/, kind: { code: 'not-in-list', title_vi: 'Giá trị không có trong danh sách', fix_vi: 'Chọn một giá trị trong danh sách thả xuống của mẫu nhập liệu (có / không; nghèo / cận nghèo / không nghèo; thành thị / nông thôn).' } },
  { test: /^not a unit of the geography.*the review before|^given without previous_commune_code/, kind: { code: 'previous-reference', title_vi: 'Tham chiếu kỳ rà soát trước không đúng', fix_vi: 'Mã xã cũ phải là một đơn vị của năm trước; Mã hộ cũ chỉ điền cùng Mã xã cũ.' } },
  { test: /^not a unit of the geography/, kind: { code: 'unknown-unit', title_vi: 'Mã xã không thuộc danh mục đơn vị của năm rà soát', fix_vi: 'Dùng mã của đơn vị đang có hiệu lực trong năm rà soát (danh sách trong mẫu nhập liệu của năm).' } },
  { test: /^duplicate household/, kind: { code: 'duplicate-household', title_vi: 'Hộ bị trùng', fix_vi: 'Một hộ chỉ có một dòng trong một kỳ rà soát và một xã: xóa dòng thừa hoặc sửa mã hộ.' } },
  { test: /^duplicate commune/, kind: { code: 'duplicate-commune', title_vi: 'Xã bị trùng trong tệp tổng số hộ', fix_vi: 'Mỗi xã chỉ có một dòng cho mỗi năm rà soát.' } },
  { test: /(no denominators|has no row|have no row|fewer than the .* households assessed)/, kind: { code: 'denominators', title_vi: 'Tổng số hộ (mẫu số) thiếu hoặc không khớp', fix_vi: 'Tệp tổng số hộ cần đúng một dòng cho mỗi đơn vị của mỗi năm rà soát, với tổng số hộ không nhỏ hơn số hộ được rà soát.' } },
  { test: /(no data rows|no valid household row|has rows for it, but no valid household)/, kind: { code: 'no-rows', title_vi: 'Không có dòng dữ liệu', fix_vi: 'Điền danh sách hộ, hoặc bỏ năm rà soát không có hộ khỏi tệp tổng số hộ.' } },
  { test: /(ignored|only the first worksheet)/, kind: { code: 'ignored', title_vi: 'Phần bị bỏ qua', fix_vi: 'Không cần sửa; chỉ trang tính đầu tiên và các cột có tiêu đề được đọc.' } },
  { test: /more (errors|warnings) not listed/, kind: { code: 'not-listed', title_vi: 'Không liệt kê hết', fix_vi: 'Sửa các lỗi đã liệt kê rồi kiểm tra lại.' } },
];
const OTHER: ProblemKind = { code: 'other', title_vi: 'Vấn đề khác', fix_vi: 'Đọc lý do và sửa theo đó.' };

export function problemKind(p: Problem): ProblemKind {
  return KINDS.find((k) => k.test.test(p.reason))?.kind ?? OTHER;
}

/** The column as the data officer sees it: its canonical name and the Vietnamese header of the template. */
export function columnLabel(column: string | null): string {
  if (column === null) return '';
  const spec = [...householdColumns, ...communeColumns].find((c) => c.name === column);
  return spec ? `${column} (${spec.aliases[0] ?? column})` : column;
}

export interface KindGroup { kind: ProblemKind; errors: number; warnings: number; problems: Problem[] }
export interface FileGroup { file: string; errors: number; warnings: number; kinds: KindGroup[] }

/** Problems by file (name order), then by kind (errors before warnings, then by count), each kind's in place order. */
export function groupProblems(problems: Problem[]): FileGroup[] {
  const files = new Map<string, Map<string, KindGroup>>();
  for (const p of problems) {
    const kind = problemKind(p);
    const byKind = files.get(p.file) ?? new Map<string, KindGroup>();
    files.set(p.file, byKind);
    const group = byKind.get(kind.code) ?? { kind, errors: 0, warnings: 0, problems: [] };
    byKind.set(kind.code, group);
    group.problems.push(p);
    if (p.severity === 'error') group.errors++;
    else group.warnings++;
  }
  const place = (a: Problem, b: Problem) => (a.line ?? 0) - (b.line ?? 0);
  return [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([file, byKind]) => {
    const kinds = [...byKind.values()].map((g) => ({ ...g, problems: [...g.problems].sort(place) }))
      .sort((a, b) => Number(b.errors > 0) - Number(a.errors > 0) || b.problems.length - a.problems.length || (a.kind.code < b.kind.code ? -1 : 1));
    return { file, errors: kinds.reduce((s, k) => s + k.errors, 0), warnings: kinds.reduce((s, k) => s + k.warnings, 0), kinds };
  });
}

const FIRST = 3;

/** The terminal table: one row per file and kind, with counts and the first lines; then each group's first messages. */
export function terminalReport(problems: Problem[]): string {
  const groups = groupProblems(problems);
  if (groups.length === 0) return 'no problems found\n';
  const rows = groups.flatMap((f) => f.kinds.map((k) => [
    f.file, k.kind.title_vi, String(k.errors), String(k.warnings),
    k.problems.filter((p) => p.line !== null).slice(0, FIRST).map((p) => p.line).join(', ') + (k.problems.filter((p) => p.line !== null).length > FIRST ? ', …' : ''),
  ]));
  const head = ['file', 'problem', 'errors', 'warnings', 'first lines'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 2 || i === 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), ''];
  for (const f of groups) {
    for (const k of f.kinds) {
      out.push(`${f.file} — ${k.kind.title_vi} (${k.problems.length}):`);
      for (const p of k.problems.slice(0, FIRST)) out.push(`  ${p.severity}: ${formatProblem(p)}`);
      if (k.problems.length > FIRST) out.push(`  … ${k.problems.length - FIRST} more`);
    }
  }
  return `${out.join('\n')}\n`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const vi = (n: number) => n.toLocaleString('vi-VN');

export interface ReportSummary {
  /** the input folder's own name (not its path: a path can hold a person's name) */
  folder: string;
  files: number;
  rowsRead: number;
  rowsInvalid: number;
  errors: number;
  warnings: number;
}

const CSS = `body{font-family:system-ui,"Segoe UI",Arial,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1a1a1a;line-height:1.45}
h1{font-size:1.5rem}h2{font-size:1.25rem;margin-top:2.5rem;border-bottom:2px solid #1a1a1a;padding-bottom:.2rem}h3{font-size:1.05rem;margin:1.5rem 0 .3rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f7}td.n{text-align:right;white-space:nowrap}.error{color:#a40000;font-weight:600}.warning{color:#6b4e00;font-weight:600}
.verdict{padding:.6rem .8rem;border:2px solid #a40000;background:#fff3f3}.verdict.ok{border-color:#1d6b2a;background:#f1faf2}
.fix{margin:.2rem 0 .4rem;font-style:italic}code{font-size:.95em}@media print{h2{break-before:page}}`;

/** One self-contained Vietnamese page: summary, then per file a table of kinds and, per kind, file/line/column/reason. */
export function htmlReport(problems: Problem[], summary: ReportSummary): string {
  const groups = groupProblems(problems);
  const e = escapeHtml;
  const severity = (p: Problem) => (p.severity === 'error' ? '<span class="error">lỗi</span>' : '<span class="warning">cảnh báo</span>');
  const verdict = summary.errors > 0
    ? `<p class="verdict"><strong>Chưa thể công bố:</strong> ${vi(summary.errors)} lỗi cần sửa${summary.warnings ? `, ${vi(summary.warnings)} cảnh báo` : ''}. Sửa các tệp theo danh sách dưới đây rồi kiểm tra lại.</p>`
    : `<p class="verdict ok"><strong>Không có lỗi.</strong>${summary.warnings ? ` ${vi(summary.warnings)} cảnh báo (không cản việc công bố).` : ''}</p>`;
  const body: string[] = [
    '<!doctype html>', '<html lang="vi">', '<head>', '<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Kiểm tra dữ liệu đầu vào: ${e(summary.folder)}</title>`, `<style>${CSS}</style>`, '</head>', '<body>',
    '<h1>Báo cáo kiểm tra dữ liệu đầu vào</h1>',
    `<p>Thư mục <code>${e(summary.folder)}</code>: ${vi(summary.files)} tệp đã đọc, ${vi(summary.rowsRead)} dòng hộ, ${vi(summary.rowsInvalid)} dòng có lỗi. `
      + 'Báo cáo này không ghi gì vào thư mục dữ liệu công bố. Giá trị của các cột thông tin cá nhân (họ tên, số CCCD, điện thoại, địa chỉ, thôn, mã hộ) không bao giờ hiển thị: thay bằng <code>***</code>.</p>',
    verdict,
  ];
  if (groups.length > 0) {
    body.push('<h2>Tóm tắt theo tệp</h2>', '<table><thead><tr><th scope="col">Tệp</th><th scope="col">Loại vấn đề</th><th scope="col">Lỗi</th><th scope="col">Cảnh báo</th></tr></thead><tbody>');
    for (const f of groups) {
      for (const k of f.kinds) body.push(`<tr><td><a href="#${e(anchor(f.file, k.kind.code))}">${e(f.file)}</a></td><td>${e(k.kind.title_vi)}</td><td class="n">${vi(k.errors)}</td><td class="n">${vi(k.warnings)}</td></tr>`);
    }
    body.push('</tbody></table>');
  }
  for (const f of groups) {
    body.push(`<h2 id="${e(anchor(f.file, ''))}">Tệp <code>${e(f.file)}</code>: ${vi(f.errors)} lỗi, ${vi(f.warnings)} cảnh báo</h2>`);
    for (const k of f.kinds) {
      body.push(`<h3 id="${e(anchor(f.file, k.kind.code))}">${e(k.kind.title_vi)} (${vi(k.problems.length)})</h3>`, `<p class="fix">Cách sửa: ${e(k.kind.fix_vi)}</p>`);
      body.push('<table><thead><tr><th scope="col">Tệp</th><th scope="col">Dòng</th><th scope="col">Cột</th><th scope="col">Mức</th><th scope="col">Lý do</th><th scope="col">Giá trị</th></tr></thead><tbody>');
      for (const p of k.problems) {
        const value = shownValue(p.column, p.value);
        body.push(`<tr><td>${e(p.file)}</td><td class="n">${p.line === null ? '—' : String(p.line)}</td><td>${e(columnLabel(p.column))}</td><td>${severity(p)}</td>`
          + `<td>${e(p.reason)}</td><td>${value === null ? '' : `<code>${e(value)}</code>`}</td></tr>`);
      }
      body.push('</tbody></table>');
    }
  }
  body.push('</body>', '</html>', '');
  return body.join('\n');
}

function anchor(file: string, kind: string): string {
  return `f-${file.replace(/[^A-Za-z0-9]+/g, '-')}${kind ? `-${kind}` : ''}`;
}
