import { describe, expect, it } from 'vitest';
import { MAX_LISTED_PROBLEMS, ProblemLog, formatProblem, problem } from '../scripts/pipeline/input/problems.ts';

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

describe('whether a problem refuses the run', () => {
  it('is decided where the problem is found: a row error does not, a fatal one does, a warning never', () => {
    const log = new ProblemLog();
    log.error('households/a.csv', 2, 'members', 'not a whole number', 'ba');
    log.warning('households/a.csv', 1, 'Ghi chú', 'unknown column, ignored');
    expect([log.refused, log.errors.map((e) => e.refuses), log.warnings.map((w) => w.refuses)]).toEqual([false, [false], [false]]);
    log.fatal('households/b.csv', 1, 'labour_capacity', 'missing required column');
    expect([log.refused, log.errors.map((e) => e.refuses)]).toEqual([true, [false, true]]);
  });

  it('refuses for every error in a file marked so (communes.csv), and only there', () => {
    const log = new ProblemLog();
    log.refuseEveryErrorIn('communes.csv');
    log.error('households/a.csv', 2, 'members', 'not a whole number', 'ba');
    expect(log.refused).toBe(false);
    log.error('communes.csv', 3, 'total_households', 'not a whole number', 'x');
    expect([log.refused, log.errors.map((e) => e.refuses)]).toEqual([true, [false, true]]);
  });

  it('is not lost when the error is beyond the listed ones', () => {
    const log = new ProblemLog();
    log.refuseEveryErrorIn('communes.csv');
    for (let line = 2; line < MAX_LISTED_PROBLEMS + 2; line++) log.error('households/a.csv', line, 'members', 'not a whole number', 'ba');
    expect(log.capacity()).toBe(0);
    log.error('households/a.csv', 1, 'members', 'missing required column');
    expect(log.refused).toBe(false);
    log.countUnlistedErrors('communes.csv', 2);
    expect(log.refused).toBe(true);
    const { errors } = log.finish();
    expect(errors.at(-1)).toMatchObject({ file: '(all files)', reason: '3 more errors not listed' });
  });
});
