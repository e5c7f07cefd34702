// The build's edit of linkedom's EventTarget (scripts/build/linkedom-patch.ts): nodes made without a listener map each,
// listeners still working where one is added, an edit that no longer applies stopping the build, the optional canvas
// package resolved to linkedom's shim, and the build wired to make it (linkedom bundled, the plugin registered). The
// tests' own builds (tests/site/global-setup.ts, under NODE_ENV=test) build with it.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CANVAS_SHIM, EVENT_TARGET_MODULE, lazyListenerMaps, linkedomLazyListeners } from '../scripts/build/linkedom-patch.ts';

const ROOT = resolve(import.meta.dirname, '..');
const original = readFileSync(join(ROOT, EVENT_TARGET_MODULE), 'utf8');
type Target = { addEventListener(t: string, l: unknown, o?: unknown): void; removeEventListener(t: string, l: unknown): void; dispatchEvent(e: unknown): boolean };
/** the module's EventTarget and linkedom's own Event, the module loaded from its text */
async function load(code: string): Promise<{ EventTarget: new () => Target; Event: new (type: string) => unknown }> {
  const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  const { Event } = await import('linkedom');
  return { EventTarget: mod.EventTarget, Event: Event as never };
}

describe("the build's linkedom: no listener map per node", () => {
  it('the installed linkedom is the text the edit expects, and its constructor then makes no map', () => {
    // control: the module as installed gives every EventTarget (so every node) its map at construction
    expect(original).toMatch(/constructor\(\) \{\s*wm\.set\(this, new Map\);\s*\}/);
    const edited = lazyListenerMaps(original);
    expect(edited).not.toMatch(/constructor\(\) \{\s*wm\.set/);
    expect(edited).toContain('constructor() {}');
    expect(edited.match(/wm\.set\(/g)).toHaveLength(1);
  });

  it('listeners still work on the edited module as on the original one: added, called once or always, removed', async () => {
    for (const code of [original, lazyListenerMaps(original)]) {
      const { EventTarget, Event } = await load(code);
      const calls: string[] = [];
      const node = new EventTarget();
      const always = () => calls.push('always');
      node.addEventListener('input', always);
      node.addEventListener('input', () => calls.push('once'), { once: true });
      node.dispatchEvent(new Event('input'));
      node.dispatchEvent(new Event('input'));
      node.removeEventListener('input', always);
      node.dispatchEvent(new Event('input'));
      expect(calls).toEqual(['always', 'once', 'always']);
      // a node that never listened: dispatching and removing do nothing
      const quiet = new EventTarget();
      expect(() => { quiet.dispatchEvent(new Event('input')); quiet.removeEventListener('input', always); }).not.toThrow();
    }
  });

  it('an edit that no longer applies (another linkedom) stops the build, naming the file', () => {
    const changed = original.replace('wm.set(this, new Map);', 'wm.set(this, new Map());');
    expect(() => lazyListenerMaps(changed)).toThrow(/linkedom\/esm\/interface\/event-target\.js is not the text/);
    const plugin = linkedomLazyListeners();
    const transform = plugin.transform as (code: string, id: string) => { code: string } | null;
    expect(() => transform(changed, join(ROOT, EVENT_TARGET_MODULE))).toThrow(/was linkedom upgraded/);
    // the module itself edited, any other left alone
    expect(transform(original, join(ROOT, EVENT_TARGET_MODULE))?.code).toBe(lazyListenerMaps(original));
    expect(transform(original, join(ROOT, 'node_modules/linkedom/esm/interface/node.js'))).toBeNull();
  });

  it("linkedom's optional canvas resolves to its own shim, which the module names (nothing else is resolved)", () => {
    const resolveId = linkedomLazyListeners().resolveId as (source: string, importer?: string) => string | null;
    const canvasCjs = join(ROOT, 'node_modules/linkedom/commonjs/canvas.cjs');
    // control: the module requires the optional package and falls back to the shim beside it
    expect(readFileSync(canvasCjs, 'utf8')).toMatch(/require\('canvas'\)[\s\S]*require\('\.\/canvas-shim\.cjs'\)/);
    const shim = resolveId('canvas', canvasCjs);
    expect(shim).toBe(join(ROOT, 'node_modules/linkedom/commonjs', CANVAS_SHIM));
    expect(readFileSync(shim!, 'utf8')).toContain('createCanvas');
    expect(resolveId('canvas', join(ROOT, 'src/lib/charts/plot.ts'))).toBeNull();
    expect(resolveId('./canvas-shim.cjs', canvasCjs)).toBeNull();
  });

  it('the build bundles linkedom and runs the edit', async () => {
    const { default: config } = await import('../astro.config.mjs');
    expect(config.vite?.ssr?.noExternal).toContain('linkedom');
    expect((config.vite?.plugins ?? []).flat().map((p) => (p as { name?: string }).name)).toContain(linkedomLazyListeners().name);
  });
});
