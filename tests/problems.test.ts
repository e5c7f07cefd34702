import { describe, expect, it } from 'vitest';
import { formatProblem, problem } from '../scripts/pipeline/input/problems.ts';

describe('values in messages', () => {
  it.each([
    ['members', 'Vương Thị Lệch Cột', '***'],
    ['income_per_capita', '0398 776 554', '***'],
    ['income_per_capita', '031204005678', '***'],
    ['members', 'Thôn Đông, xã An Lư', '***'],
    ['income_per_capita', '1,5 triệu', '1,5 triệu'],
    ['income_per_capita', '1.50.000', '1.50.000'],
    ['members', '51', '51'],
    ['area', 'thanh-thi', 'thanh-thi'],
    ['head_name', 'x', '***'],
    ['household_id', 'HN-001', '***'],
  ])('column %s, value %j shows as %j', (column, value, shown) => {
    expect(problem('error', 'a.csv', 2, column, 'bad', value).value).toBe(shown);
  });

  it('formats file, line, column, reason and value', () => {
    expect(formatProblem(problem('error', 'households/a.csv', 4, 'members', 'out of range 1–50', '0')))
      .toBe('households/a.csv line 4, column members: out of range 1–50: "0"');
  });
});
