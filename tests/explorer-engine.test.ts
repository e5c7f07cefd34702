// The engine worker's start parameters and messages (src/lib/explorer/engine-protocol.ts), and the content
// negotiation of the compressing server the benchmarks use (support/browser/gzip-server.ts).
import { describe, expect, it } from 'vitest';
import { bootHash, bootParams, queryRequest, workerMessage } from '../src/lib/explorer/engine-protocol';
import { negotiate } from '../support/browser/gzip-server';
import { isEngineUrl } from '../support/browser/engine';

const WORKER = 'https://example.org/_astro/duckdb-worker-abc.js';

describe('engine worker parameters', () => {
  it('travel in the fragment and come back resolved, with the decoded size', () => {
    const hash = bootHash({ wasm: '/_astro/duckdb-eh.x.wasm', engine: '/_astro/engine-worker-y.js', data: '/base/data/', bytes: 18105915, progress: true });
    expect(hash.startsWith('#')).toBe(true);
    expect(bootParams(hash, WORKER)).toEqual({
      wasm: 'https://example.org/_astro/duckdb-eh.x.wasm',
      engine: 'https://example.org/_astro/engine-worker-y.js',
      data: 'https://example.org/base/data/',
      bytes: 18105915,
      progress: true,
    });
    // a returning reader's engine: no counting; a fragment that does not say counts
    expect(bootParams(bootHash({ wasm: '/e.wasm', engine: '/w.js', data: '/d/', bytes: 1, progress: false }), WORKER)?.progress).toBe(false);
    expect(bootParams('#wasm=%2Fe.wasm&engine=%2Fw.js&data=%2Fd%2F', WORKER)?.progress).toBe(true);
  });

  it('name no file on another origin, and nothing when a file is missing', () => {
    expect(bootParams(bootHash({ wasm: 'https://cdn.example.com/duckdb-eh.wasm', engine: '/w.js', data: '/data/', bytes: 1, progress: true }), WORKER)).toBeNull();
    expect(bootParams(bootHash({ wasm: '/e.wasm', engine: '//cdn.example.com/w.js', data: '/data/', bytes: 1, progress: true }), WORKER)).toBeNull();
    expect(bootParams(bootHash({ wasm: '/e.wasm', engine: '/w.js', data: 'https://example.com/data/', bytes: 1, progress: true }), WORKER)).toBeNull();
    expect(bootParams('#wasm=%2Fe.wasm&engine=%2Fw.js', WORKER)).toBeNull();
    expect(bootParams('', WORKER)).toBeNull();
  });

  it('an unknown or nonsensical size is 0 (the response length is used then)', () => {
    expect(bootParams('#wasm=%2Fe.wasm&engine=%2Fw.js&data=%2Fd%2F&bytes=abc', WORKER)?.bytes).toBe(0);
    expect(bootParams('#wasm=%2Fe.wasm&engine=%2Fw.js&data=%2Fd%2F&bytes=-5', WORKER)?.bytes).toBe(0);
    expect(bootParams('#wasm=%2Fe.wasm&engine=%2Fw.js&data=%2Fd%2F', WORKER)?.bytes).toBe(0);
  });
});

describe('which requests are the engine (support/browser/engine.ts, for the tests and benchmarks)', () => {
  it('the module, the boot script and the engine script, however they are named in a request', () => {
    for (const url of [
      'http://127.0.0.1:4321/_astro/duckdb-eh.Bbw6HAmJ.wasm',
      'http://127.0.0.1:4321/giam-ngheo/_astro/duckdb-mvp.IKz61icS.wasm?x=1',
      '/_astro/duckdb-worker-D3B4qjGV.js#wasm=%2F_astro%2Fduckdb-eh.wasm&engine=%2F_astro%2Fengine-worker-V11t4SW1.js',
      '/_astro/engine-worker-V11t4SW1.js',
      'GET /_astro/engine-worker-V11t4SW1.js',
      'GET /_astro/duckdb-eh.Bbw6HAmJ.wasm',
    ]) expect(isEngineUrl(url), url).toBe(true);
  });

  it('nothing else the site serves', () => {
    for (const url of [
      'http://127.0.0.1:4321/_astro/Explorer.astro_astro_type_script_index_0_lang.DZTYPFFk.js',
      '/_astro/csv.BmKy3CSR.js',
      '/_astro/src.mA7s_phj.js',
      '/explore/?sql=SELECT%20%27duckdb-eh.wasm%27',
      '/data/poverty.parquet',
      '/data/datapackage.json',
      'GET /methodology/',
    ]) expect(isEngineUrl(url), url).toBe(false);
  });
});

describe('engine worker messages', () => {
  it('reports, readiness and replies are known by their shape; anything else is not one', () => {
    expect(workerMessage({ boot: 'progress', bytesLoaded: 5, bytesTotal: 10 })).toEqual({ boot: 'progress', bytesLoaded: 5, bytesTotal: 10 });
    expect(workerMessage({ boot: 'failed', message: 'HTTP 404' })).toEqual({ boot: 'failed', message: 'HTTP 404' });
    expect(workerMessage({ boot: 'ready', tables: ['poverty', 'deprivation'] })).toEqual({ boot: 'ready', tables: ['poverty', 'deprivation'] });
    expect(workerMessage({ boot: 'data' })).toEqual({ boot: 'data' });
    const result = { columns: [{ name: 'n', kind: 'integer' }], rows: [[1]], truncated: false };
    expect(workerMessage({ reply: 3, result })).toEqual({ reply: 3, result });
    expect(workerMessage({ reply: 4, error: 'Parser Error: syntax error at or near "x"' })).toEqual({ reply: 4, error: 'Parser Error: syntax error at or near "x"' });
    expect(workerMessage({ boot: 'ready', tables: [1] })).toBeNull();
    expect(workerMessage({ boot: 'progress', bytesLoaded: '5', bytesTotal: 10 })).toBeNull();
    expect(workerMessage({ reply: 3, result: { rows: [] } })).toBeNull();
    expect(workerMessage({ type: 'LOG', data: { boot: 'progress', bytesLoaded: 5, bytesTotal: 10 } })).toBeNull();
    expect(workerMessage(null)).toBeNull();
    expect(workerMessage('ready')).toBeNull();
  });
  it('a query from the page is its number, its text and the row cap', () => {
    expect(queryRequest({ query: 0, sql: 'SELECT 1', maxRows: 100 })).toEqual({ query: 0, sql: 'SELECT 1', maxRows: 100 });
    expect(queryRequest({ query: '0', sql: 'SELECT 1', maxRows: 100 })).toBeNull();
    expect(queryRequest({ query: 0, sql: 'SELECT 1' })).toBeNull();
    expect(queryRequest(undefined)).toBeNull();
  });
});

describe('the benchmark server’s content negotiation', () => {
  it('takes the first offered encoding the browser accepts', () => {
    expect(negotiate('gzip, deflate, br, zstd', ['br', 'gzip'])).toBe('br');
    expect(negotiate('gzip, deflate, br, zstd', ['gzip'])).toBe('gzip');
    expect(negotiate('gzip, deflate', ['br', 'gzip'])).toBe('gzip');
    expect(negotiate('identity', ['br', 'gzip'])).toBeNull();
    expect(negotiate('', ['gzip'])).toBeNull();
  });

  it('honours q=0 and the wildcard', () => {
    expect(negotiate('br;q=0, gzip;q=0.5', ['br', 'gzip'])).toBe('gzip');
    expect(negotiate('*', ['br', 'gzip'])).toBe('br');
    expect(negotiate('*;q=0, gzip', ['br', 'gzip'])).toBe('gzip');
  });
});
