// The pipeline's one line of stage times: written by run.ts at the end of a run, found again by `npm start`
// (scripts/start.ts) in the pipeline's output for its own summary. One prefix, here, for both.
export const TIMINGS_PREFIX = 'stage times:';

/** One line with the seconds of each stage, in the order they ran. */
export function formatTimings(timings: Record<string, number>): string {
  return `${TIMINGS_PREFIX} ${Object.entries(timings).map(([stage, ms]) => `${stage} ${(ms / 1000).toFixed(1)} s`).join(', ')}`;
}
