// On/off track toward the directive's target (no poor households by the review of end-2024): an area is on
// track when its last yearly reduction, kept up, reaches the target by the target review year. Pure.
export interface ProgressInput { years: { review_year: number; poor: number }[]; targetYear: number; targetPoor: number }
export type TrackStatus = 'reached' | 'on_track' | 'off_track' | 'missed' | 'unknown';

export function trackStatus({ years, targetYear, targetPoor }: ProgressInput): { status: TrackStatus; lastChange: number | null; neededPerYear: number | null } {
  const ys = [...years].sort((a, b) => a.review_year - b.review_year);
  const last = ys[ys.length - 1];
  if (!last) return { status: 'unknown', lastChange: null, neededPerYear: null };
  const prev = ys[ys.length - 2];
  const lastChange = prev ? last.poor - prev.poor : null;
  if (last.poor <= targetPoor) return { status: 'reached', lastChange, neededPerYear: 0 };
  const yearsLeft = targetYear - last.review_year;
  // the target review itself (or a later one) still counts poor households: the target was missed
  if (yearsLeft <= 0) return { status: 'missed', lastChange, neededPerYear: null };
  const neededPerYear = (last.poor - targetPoor) / yearsLeft;
  if (lastChange == null) return { status: 'unknown', lastChange, neededPerYear };
  return { status: -lastChange >= neededPerYear ? 'on_track' : 'off_track', lastChange, neededPerYear };
}

