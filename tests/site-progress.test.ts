// On/off track toward the directive's target (no poor households in the review of end-2024), from the data.
import { describe, it, expect } from 'vitest';
import { trackStatus } from '../src/lib/progress';

const target = { targetYear: 2024, targetPoor: 0 };
const ys = (...poor: number[]) => poor.map((p, i) => ({ review_year: 2021 + i, poor: p }));

describe('trackStatus', () => {
  it.each([
    { name: 'no poor households left', years: ys(10, 4, 0), status: 'reached' },
    { name: 'last cut keeps pace: 30 → 20, 20 left over one review', years: ys(50, 40, 20), status: 'on_track' },
    { name: 'last cut too small: 30 → 25, 25 left over one review', years: ys(40, 30, 25), status: 'off_track' },
    { name: 'one year only', years: ys(12), status: 'unknown' },
    { name: 'the target review still counts poor households', years: ys(64, 51, 29, 7), status: 'missed' },
    { name: 'the target review with none left', years: ys(64, 51, 29, 0), status: 'reached' },
  ] as const)('$name: $status', ({ years, status }) => {
    expect(trackStatus({ years: [...years], ...target }).status).toBe(status);
  });
  it('needed cut per year: poor households left over the reviews left', () => {
    const r = trackStatus({ years: ys(100, 80, 60), ...target });
    expect(r.neededPerYear).toBe(60); // 2023 → 2024: one review left
    expect(r.lastChange).toBe(-20);
  });
});
