// Secondary (complementary) suppression over the whole cell model — all tables, all years together.
// A heuristic driven by the audit itself: first no equation may hold a lone suppressed cell, then every cell the
// attacker's LP can narrow below k gets a neighbour suppressed, until the audit passes or nothing is left to hide.
import { attack, type AttackFailure, type AttackResult } from './attack.ts';
import { relationsByCell, type Cell, type CellModel } from './model.ts';
import { checkK, primarySuppression } from './primary.ts';

export interface SuppressOptions {
  k: number;
  /** cells that must stay suppressed (the previous release's suppressed cells) */
  forced?: number[];
  /** include the singleton attack (default true) */
  singletons?: boolean;
  /** give up after this many audit rounds (default 500) */
  maxRounds?: number;
  log?: (line: string) => void;
}

export interface SuppressResult {
  suppressed: Uint8Array;
  primary: Uint8Array;
  rounds: number;
  lpSolves: number;
  /** the last audit's verdict: empty failures when protection holds */
  audit: AttackResult;
}

/**
 * Which cell to give up first: keep totals (district rows), then zeros (they are published as such),
 * then the smallest count — the least information lost. Ties by id, for a stable pattern.
 */
function cost(cell: Cell): [number, number, number, number] {
  return [cell.total ? 1 : 0, cell.value === 0 ? 1 : 0, cell.value, cell.id];
}
function cheaper(a: Cell, b: Cell): boolean {
  const ca = cost(a);
  const cb = cost(b);
  for (let i = 0; i < ca.length; i++) if (ca[i] !== cb[i]) return ca[i] < cb[i];
  return false;
}

export function suppress(model: CellModel, opts: SuppressOptions): SuppressResult {
  const k = checkK(opts.k);
  const primary = primarySuppression(model, k);
  const suppressed = Uint8Array.from(primary);
  for (const id of opts.forced ?? []) if (!model.cells[id].fixed) suppressed[id] = 1;
  const byCell = relationsByCell(model);
  // a cell whose total is 0 is known to be 0: hiding it protects nothing
  const candidate = (c: number): boolean => !suppressed[c] && !model.cells[c].fixed && model.cells[c].upper > 0;

  const equations = model.relations.filter((r) => r.sense === '=');
  const equationPass = (): number => {
    let added = 0;
    for (let changed = true; changed;) {
      changed = false;
      for (const r of equations) {
        let lone = 0;
        let best: Cell | undefined;
        for (const c of r.cells) {
          if (suppressed[c]) lone++;
          else if (candidate(c) && (!best || cheaper(model.cells[c], best))) best = model.cells[c];
        }
        if (lone === 1 && best) { suppressed[best.id] = 1; added++; changed = true; }
      }
    }
    return added;
  };

  /** The cheapest publishable cell sharing a relation with `start`, searching outwards through suppressed cells. */
  const nearestCandidate = (start: number): number | undefined => {
    const seen = new Set<number>([start]);
    let frontier = [start];
    while (frontier.length > 0) {
      let best: Cell | undefined;
      const next: number[] = [];
      for (const c of frontier) {
        for (const ri of byCell[c]) {
          for (const other of model.relations[ri].cells) {
            if (seen.has(other)) continue;
            seen.add(other);
            if (candidate(other)) { if (!best || cheaper(model.cells[other], best)) best = model.cells[other]; }
            else if (suppressed[other]) next.push(other);
          }
        }
      }
      if (best) return best.id;
      frontier = next;
    }
    return undefined;
  };

  const cache = new Map<string, AttackFailure[]>();
  let lpSolves = 0;
  let rounds = 0;
  const maxRounds = opts.maxRounds ?? 500;
  for (;;) {
    const added = equationPass();
    rounds++;
    const verdict = attack(model, suppressed, { k, singletons: opts.singletons, cache });
    lpSolves += verdict.lpSolves;
    opts.log?.(`suppression round ${rounds}: +${added} by equations, ${verdict.failures.length} audit failures, ${verdict.components} components (largest ${verdict.largestComponent}), ${verdict.lpSolves} LP solves`);
    if (verdict.failures.length === 0 || rounds >= maxRounds) return { suppressed, primary, rounds, lpSolves, audit: verdict };
    let fixes = 0;
    for (const failure of verdict.failures) {
      const next = nearestCandidate(failure.cell) ?? (failure.singleton !== undefined ? nearestCandidate(failure.singleton) : undefined);
      if (next !== undefined && !suppressed[next]) { suppressed[next] = 1; fixes++; }
    }
    if (fixes === 0) return { suppressed, primary, rounds, lpSolves, audit: verdict }; // nothing left to hide
  }
}
