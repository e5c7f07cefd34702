// The model's independent parts (sdc/parts.ts): protected apart, on any number of threads, with the same pattern.
import { describe, expect, it } from 'vitest';
import { audit, AuditAhead } from '../scripts/pipeline/audit.ts';
import { protect } from '../scripts/pipeline/protect.ts';
import { buildCellModel } from '../scripts/pipeline/sdc/build.ts';
import { CellModelBuilder } from '../scripts/pipeline/sdc/model.ts';
import { partsOf } from '../scripts/pipeline/sdc/parts.ts';
import { DisclosurePool } from '../scripts/pipeline/sdc/parts-threads.ts';
import { generateRawTables } from '../support/sdc-fixture.ts';

describe('partsOf', () => {
  /** two tables that share only a published (fixed) total, and a relation of fixed cells only */
  function twoTables(linkedByColumn: boolean) {
    const b = new CellModelBuilder();
    const total = b.add('poverty', 'total', 12, 12, { fixed: true });
    const other = b.add('poverty', 'other', 3, 3, { fixed: true });
    const a1 = b.add('t1', 'a1', 5, 12);
    const a2 = b.add('t1', 'a2', 7, 12);
    const c1 = b.add('t2', 'c1', 4, 12);
    const c2 = b.add('t2', 'c2', 8, 12);
    b.relate('t1 sums to the total', [[a1, 1], [a2, 1], [total, -1]], '=', 0);
    b.relate('t2 sums to the total', [[c1, 1], [c2, 1], [total, -1]], '=', 0);
    b.relate('constants only', [[total, 1], [other, -1]], '>=', 0);
    if (linkedByColumn) b.columns.push({ district: a2, communes: [c1] });
    return { model: b.build(), total, a1, a2, c1, c2 };
  }

  it('splits cells no chain of relations links; a fixed cell is a constant copied into each part that names it', () => {
    const { model, total, a1, a2, c1, c2 } = twoTables(false);
    const parts = partsOf(model);
    expect(parts.map((p) => p.ids)).toEqual([[total, a1, a2], [total, c1, c2]]);
    expect(parts.map((p) => p.relations)).toEqual([[0], [1]]); // the relation of constants only is in no part
    const [first] = parts;
    expect(first.model.cells.map((c) => [c.id, c.key, c.value, c.fixed])).toEqual([[0, 'total', 12, true], [1, 'a1', 5, false], [2, 'a2', 7, false]]);
    expect(first.model.relations).toEqual([{ name: 't1 sums to the total', cells: [0, 1, 2], coefs: [-1, 1, 1], sense: '=', rhs: 0 }]);
  });

  it('keeps a column whole: its cells are one part, the column renumbered', () => {
    const { model, total, a1, a2, c1, c2 } = twoTables(true);
    const parts = partsOf(model);
    expect(parts.map((p) => p.ids)).toEqual([[total, a1, a2, c1, c2]]);
    expect(parts[0].columns).toEqual([0]);
    expect(parts[0].model.columns).toEqual([{ district: 2, communes: [3] }]);
  });

  it('partitions a release: each unfixed cell in one part, each relation within one part', () => {
    const model = buildCellModel(generateRawTables({ seed: 11, communes: 3, years: 3, pool: 24 }));
    const parts = partsOf(model);
    expect(parts.length).toBeGreaterThan(1);
    const partOf = new Map<number, number>();
    parts.forEach((p, i) => p.ids.forEach((id) => { if (!model.cells[id].fixed) { expect(partOf.has(id)).toBe(false); partOf.set(id, i); } }));
    expect(partOf.size).toBe(model.cells.filter((c) => !c.fixed).length);
    model.relations.forEach((r, ri) => {
      const owners = new Set(r.cells.filter((c) => !model.cells[c].fixed).map((c) => partOf.get(c)));
      expect(owners.size).toBeLessThanOrEqual(1);
      for (const p of owners) expect(parts[p!].relations).toContain(ri);
    });
  });
});

describe('the audit started while protection runs (audit.ts AuditAhead)', () => {
  const raw = generateRawTables({ seed: 11, communes: 3, years: 3, pool: 24 });
  const same = (a: Awaited<ReturnType<typeof audit>>, b: Awaited<ReturnType<typeof audit>>): void => {
    expect(a.ok).toBe(b.ok);
    expect(a.failures).toEqual(b.failures);
    expect(a.suppressedCells).toBe(b.suppressedCells);
    expect([...a.intervals!].sort()).toEqual([...b.intervals!].sort());
  };

  it('gives the verdict and intervals of an audit on one thread, every part attacked once, while protection ran; a part the tables hide otherwise is attacked again', async () => {
    const alone = await protect(raw, { k: 5, threads: 1 });
    const ahead = new AuditAhead({ k: 5 });
    try {
      ahead.warm(2); // the threads started before protection asks for them, as the pipeline does
      const protection = await protect(raw, { k: 5, threads: 2, ahead });
      // protected by parts on two threads: the pattern of one thread
      expect(protection.tables).toEqual(alone.tables);
      expect(protection.stats).toEqual(alone.stats);
      expect(ahead.attacks.size).toBeGreaterThan(1);
      const audited = await audit(raw, protection.tables, { k: 5, ahead });
      same(audited, await audit(raw, alone.tables, { k: 5, threads: 1 }));
      expect(audited.parts).toEqual({ attacked: ahead.attacks.size, ahead: ahead.attacks.size });

      // one more commune cell hidden in the published tables than in the pattern the early attack saw
      const tables = structuredClone(protection.tables);
      const row = tables.deprivation.find((r) => r.households !== null && r.households >= 10 && r.area_code !== tables.poverty[0].area_code)!;
      Object.assign(row, { households: null, share: null, status: 'suppressed' });
      const again = await audit(raw, tables, { k: 5, ahead });
      same(again, await audit(raw, tables, { k: 5, threads: 1 }));
      expect(again.parts!.ahead).toBe(again.parts!.attacked - 1);
    } finally {
      await ahead.close();
    }
  });

  it('fails the running and the queued tasks when a thread fails (nothing waits forever), and closes', async () => {
    const pool = new DisclosurePool(1);
    try {
      const broken = { task: 'attack', job: { model: null, suppressed: new Uint8Array(0), options: { k: 5 } } } as never;
      const running = pool.run(broken, 1);
      const queued = pool.run(broken, 0);
      await expect(running).rejects.toThrow();
      await expect(queued).rejects.toThrow();
      await expect(pool.run(broken, 0)).rejects.toThrow(); // and any task given after
    } finally {
      await pool.close();
    }
  });
});
