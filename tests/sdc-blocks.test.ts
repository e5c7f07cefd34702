// Protection by blocks of units (sdc/blocks.ts): the blocks partition the communes' hideable cells by unit, and a
// block's attacker — every cell outside the block a constant at its truth — never allows a hidden cell more than the
// whole release's attacker does, so what the blocks prove holds for the release.
import { describe, expect, it } from 'vitest';
import { attack } from '../scripts/pipeline/sdc/attack.ts';
import { blockModel, blocksOf } from '../scripts/pipeline/sdc/blocks.ts';
import { areaOfKey } from '../scripts/pipeline/sdc/cells.ts';
import { buildCellModel } from '../scripts/pipeline/sdc/build.ts';
import { relationsByCell } from '../scripts/pipeline/sdc/model.ts';
import { primarySuppression } from '../scripts/pipeline/sdc/primary.ts';
import { protect } from '../scripts/pipeline/protect.ts';
import { audit } from '../scripts/pipeline/audit.ts';
import { generateRawTables } from '../support/sdc-fixture.ts';

describe('blocksOf', () => {
  const model = buildCellModel(generateRawTables({ seed: 21, communes: 7, years: 2, pool: 16 }));
  const units = (ids: number[]): string[] => [...new Set(ids.map((id) => areaOfKey(model.cells[id].key)))].sort();

  it('deals the units in code order to blocks of the size asked or a few more, each unit whole in one block', () => {
    const blocks = blocksOf(model, 2);
    expect(blocks.map((b) => units(b).length)).toEqual([2, 2, 3]); // 7 units in blocks of at least 2
    const codes = blocks.flatMap(units);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(7);
  });

  it('holds every hideable commune cell once, and no district cell or published (fixed) one', () => {
    const blocks = blocksOf(model, 3);
    const all = blocks.flat();
    expect(new Set(all).size).toBe(all.length);
    const expected = model.cells.filter((c) => !c.fixed && !c.total).map((c) => c.id);
    expect([...all].sort((a, b) => a - b)).toEqual(expected);
  });
});

describe('a block\'s attacker', () => {
  it('knows at least what the whole release\'s attacker knows: each hidden cell\'s interval lies within the whole\'s', () => {
    const model = buildCellModel(generateRawTables({ seed: 23, communes: 6, years: 2, pool: 16 }));
    // a pattern with something to learn: the rules' cells and every third cell besides
    const suppressed = primarySuppression(model, 5);
    model.cells.forEach((c) => { if (!c.fixed && c.id % 3 === 0) suppressed[c.id] = 1; });
    const whole = attack(model, suppressed, { k: 5, intervals: true, singletons: false }).intervals!;
    const byCell = relationsByCell(model);
    let compared = 0;
    let narrower = 0;
    for (const ids of blocksOf(model, 2)) {
      const sub = blockModel(model, ids, byCell);
      const hidden = Uint8Array.from(ids, (id) => suppressed[id]);
      const local = attack(sub, hidden, { k: 5, intervals: true, singletons: false }).intervals!;
      ids.forEach((id, i) => {
        if (!hidden[i]) return;
        const [lo, hi] = local.get(i)!;
        const [wlo, whi] = whole.get(id)!;
        expect(lo).toBeGreaterThanOrEqual(wlo);
        expect(hi).toBeLessThanOrEqual(whi);
        // the truth lies within
        expect(model.cells[id].value).toBeGreaterThanOrEqual(lo);
        expect(model.cells[id].value).toBeLessThanOrEqual(hi);
        compared++;
        if (lo > wlo || hi < whi) narrower++;
      });
    }
    expect(compared).toBeGreaterThan(50);
    // and it is a stronger attacker, not the same one: some intervals are narrower in their block
    expect(narrower).toBeGreaterThan(0);
  });
});

describe('protection by blocks', () => {
  it('publishes a release the complete audit passes (blocks of 2 units, then the whole for the district cells)', async () => {
    const raw = generateRawTables({ seed: 29, communes: 7, years: 2, pool: 16 });
    const blocked = await protect(raw, { k: 5, threads: 1, blockUnits: 2 });
    expect(blocked.report.blocks).toBeGreaterThan(0);
    expect(blocked.report.unresolved).toEqual([]);
    const audited = await audit(raw, blocked.tables, { k: 5, threads: 1 });
    expect(audited.failures).toEqual([]);
    expect(audited.ok).toBe(true);
  }, 600_000);
});
