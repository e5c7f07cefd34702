// The engine worker's start parameters and messages (src/lib/explorer/engine-protocol.ts), and the content
// negotiation of the compressing server the benchmarks use (support/browser/gzip-server.ts).
import { describe, expect, it } from 'vitest';
import { bootHash, bootMessage, bootParams } from '../src/lib/explorer/engine-protocol';
import { negotiate } from '../support/browser/gzip-server';

const WORKER = 'https://example.org/_astro/duckdb-worker-abc.js';

describe('engine worker parameters', () => {
  it('travel in the fragment and come back resolved, with the decoded size', () => {
    const hash = bootHash({ wasm: '/_astro/duckdb-eh.x.wasm', worker: '/_astro/duckdb-browser-eh.worker.y.js', bytes: 18105915 });
    expect(hash.startsWith('#')).toBe(true);
    expect(bootParams(hash, WORKER)).toEqual({
      wasm: 'https://example.org/_astro/duckdb-eh.x.wasm',
      worker: 'https://example.org/_astro/duckdb-browser-eh.worker.y.js',
      bytes: 18105915,
    });
  });

  it('name no file on another origin, and nothing when a file is missing', () => {
    expect(bootParams(bootHash({ wasm: 'https://cdn.example.com/duckdb-eh.wasm', worker: '/w.js', bytes: 1 }), WORKER)).toBeNull();
    expect(bootParams(bootHash({ wasm: '/e.wasm', worker: '//cdn.example.com/w.js', bytes: 1 }), WORKER)).toBeNull();
    expect(bootParams('#wasm=%2Fe.wasm', WORKER)).toBeNull();
    expect(bootParams('', WORKER)).toBeNull();
  });

  it('an unknown or nonsensical size is 0 (the response length is used then)', () => {
    expect(bootParams('#wasm=%2Fe.wasm&worker=%2Fw.js&bytes=abc', WORKER)?.bytes).toBe(0);
    expect(bootParams('#wasm=%2Fe.wasm&worker=%2Fw.js&bytes=-5', WORKER)?.bytes).toBe(0);
    expect(bootParams('#wasm=%2Fe.wasm&worker=%2Fw.js', WORKER)?.bytes).toBe(0);
  });
});

describe('engine worker messages', () => {
  it('are DuckDB LOG messages carrying a boot report; anything else is not one', () => {
    expect(bootMessage({ type: 'LOG', data: { boot: 'progress', bytesLoaded: 5, bytesTotal: 10 } })).toEqual({ boot: 'progress', bytesLoaded: 5, bytesTotal: 10 });
    expect(bootMessage({ type: 'LOG', data: { boot: 'failed', message: 'HTTP 404' } })).toEqual({ boot: 'failed', message: 'HTTP 404' });
    expect(bootMessage({ type: 'LOG', data: { level: 2, origin: 'BINDINGS' } })).toBeNull();
    expect(bootMessage({ type: 'INSTANTIATE_PROGRESS', data: { boot: 'progress' } })).toBeNull();
    expect(bootMessage({ requestId: 3, type: 'OK', data: null })).toBeNull();
    expect(bootMessage(null)).toBeNull();
    expect(bootMessage('LOG')).toBeNull();
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
