// The HiGHS LP solver (WebAssembly), loaded once per process. Loading is asynchronous but solving is not, so a
// top-level await here lets suppression (a synchronous stage) drive the solver.
import loadHighs, { type Highs } from 'highs';

export const highs: Highs = await loadHighs();
