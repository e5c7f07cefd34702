// Whether this browser can run the engine, asked before a byte of the engine is downloaded.
export function engineSupported(): boolean {
  return typeof WebAssembly === 'object' && typeof Worker === 'function' && typeof BigInt64Array === 'function';
}
