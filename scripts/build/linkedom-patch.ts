// The build's chart DOM (linkedom, src/lib/charts/plot.ts) without a listener map per node.
//
// linkedom's EventTarget constructor gives every node it makes, each attribute's node included, a Map of listeners
// kept in a module WeakMap (interface/event-target.js), whether or not anything ever listens. A drawing never
// listens (no chart has Plot's pointer interactions; Plot's one `dispatchEvent`, of the figure's "input", finds no
// listener either way), and those entries cost a fifth of the build's routes: each major collection of a heap that
// holds the whole site walks the WeakMap's entries. Measured with the demo (`HOST_OUTPUTS_LATER=1 npm run build`, 3
// interleaved pairs, a 2-core host, linkedom 0.18.15 edited in place): routes 20.7, 19.6, 20.0 s against 15.0, 15.4,
// 17.0 s (medians 20.0 → 15.4), the build 29.7 → 25.1 s. As committed (bundled), fresh-like builds (dist, .astro and
// Vite's cache removed; 3 interleaved pairs): 29.3, 33.9, 30.2 s against 26.3, 27.2, 26.9 s (medians 30.2 → 26.9),
// routes 20.4 → 16.7 s; bundling linkedom costs the server bundle ≈ 0.3 s of it. Swapping the class's base at run
// time instead (Object.setPrototypeOf) made the drawings slower still: V8 no longer optimises the constructors' `super()`.
//
// So the build bundles linkedom (vite `ssr.noExternal`) and this plugin edits that one module as it is bundled: the
// map is made on the first `addEventListener`, and a node without one has no listener to remove or call. The
// pinned version's text is checked: an edit that does not apply stops the build, so an upgrade cannot silently
// drop it (tests/build-linkedom.test.ts).
import type { Plugin } from 'vite';

/** linkedom's folder, as a module's path holds it */
const LINKEDOM = '/node_modules/linkedom/';
/** the module edited, as its path ends */
export const EVENT_TARGET_MODULE = `${LINKEDOM}esm/interface/event-target.js`;
/** the module that requires the optional canvas package, as its path ends */
const CANVAS_MODULE = `${LINKEDOM}commonjs/canvas.cjs`;

/** A module id as a path with forward slashes, without Vite's query. */
const pathOf = (id: string): string => id.split('?')[0].replaceAll('\\', '/');

const EDITS: [from: string, to: string][] = [
  ['  constructor() {\n    wm.set(this, new Map);\n  }', '  constructor() {}'],
  ['  addEventListener(type, listener, options) {\n    const map = wm.get(this);\n',
    '  addEventListener(type, listener, options) {\n    let map = wm.get(this);\n    if (!map) wm.set(this, map = new Map);\n'],
  ['  removeEventListener(type, listener) {\n    const map = wm.get(this);\n    if (map.has(type)) {',
    '  removeEventListener(type, listener) {\n    const map = wm.get(this);\n    if (map && map.has(type)) {'],
];

/** event-target.js with each node's listener map made when first needed; throws when the text is not the expected one */
export function lazyListenerMaps(code: string): string {
  return EDITS.reduce((text, [from, to]) => {
    if (text.split(from).length !== 2) throw new Error(`linkedom's ${EVENT_TARGET_MODULE.slice(1)} is not the text scripts/build/linkedom-patch.ts edits (was linkedom upgraded?): update the edit or remove it`);
    return text.replace(from, to);
  }, code);
}

/**
 * Bundled, linkedom's `commonjs/canvas.cjs` (`require('canvas')` in a try, else its own shim) would have the bundler
 * look for the optional `canvas` package, which is not installed, and a build under NODE_ENV=test (the tests' builds)
 * stops on it. Resolved to linkedom's shim, as it is at run time without the package: a drawing never uses a canvas.
 */
export const CANVAS_SHIM = 'canvas-shim.cjs';

export function linkedomLazyListeners(): Plugin {
  return {
    name: 'linkedom-lazy-listener-maps',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== 'canvas' || !importer || !pathOf(importer).endsWith(CANVAS_MODULE)) return null;
      return `${pathOf(importer).slice(0, -'canvas.cjs'.length)}${CANVAS_SHIM}`;
    },
    transform(code, id) {
      if (!pathOf(id).endsWith(EVENT_TARGET_MODULE)) return null;
      return { code: lazyListenerMaps(code), map: null };
    },
  };
}
