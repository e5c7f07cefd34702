// A static server over dist/ that compresses text with gzip (or brotli, when asked) and sends the headers
// of public/_headers, as a common static host would: what Lighthouse and the explorer benchmark measure
// should be what a reader downloads. Site at '/'. A precompressed sibling (file.br, file.gz, as nginx's
// brotli_static / gzip_static serve) is sent when there is one; otherwise the file is compressed on the
// fly with node:zlib (gzip level 6; brotli quality 5, as a fast dynamic compressor would) and kept in memory.
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { MIME, type StaticServer } from './harness';
import { headersFor, parseHeadersFile } from './headers';

const COMPRESSIBLE = /^(?:text\/|application\/(?:json|javascript|xml|wasm|manifest\+json)|image\/svg\+xml)/;

export type Encoding = 'br' | 'gzip';
export interface CompressOptions {
  /** the encodings offered, in order of preference (default: gzip only) */
  encodings?: Encoding[];
}

function compress(body: Buffer, encoding: Encoding): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipSync(body, { level: 6 });
}

/** The first of `offered` the request accepts (q=0 refuses), or null. */
export function negotiate(acceptEncoding: string, offered: Encoding[]): Encoding | null {
  const accepted = new Map(acceptEncoding.split(',').map((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((x) => /^\s*q=([\d.]+)/.exec(x)?.[1]).find((x) => x !== undefined);
    return [name.trim(), q === undefined ? 1 : Number(q)] as const;
  }));
  return offered.find((e) => (accepted.get(e) ?? accepted.get('*') ?? 0) > 0) ?? null;
}

export async function startGzipServer(distDir: string, options: CompressOptions = {}): Promise<StaticServer> {
  const offered = options.encodings ?? ['gzip'];
  const root = resolve(distDir);
  const rules = existsSync(join(root, '_headers')) ? parseHeadersFile(readFileSync(join(root, '_headers'), 'utf8')) : [];
  const cache = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let file = resolve(root, '.' + normalize('/' + decodeURIComponent(url.pathname)));
    if (file !== root && !file.startsWith(root + sep)) return void res.writeHead(404).end();
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!url.pathname.endsWith('/')) return void res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
      file = join(file, 'index.html');
    }
    if (!existsSync(file)) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const headers: Record<string, string> = {
      'Content-Type': type,
      'Cache-Control': file.includes(`${sep}_astro${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...headersFor(rules, url.pathname),
    };
    let body: Buffer = readFileSync(file);
    const encoding = COMPRESSIBLE.test(type) ? negotiate(String(req.headers['accept-encoding'] ?? ''), offered) : null;
    if (encoding) {
      const key = `${encoding} ${file}`;
      const sibling = `${file}.${encoding === 'br' ? 'br' : 'gz'}`;
      const packed = cache.get(key)
        ?? (existsSync(sibling) && statSync(sibling).mtimeMs >= statSync(file).mtimeMs ? readFileSync(sibling) : compress(body, encoding));
      cache.set(key, packed);
      body = packed;
      headers['Content-Encoding'] = encoding;
      headers.Vary = 'Accept-Encoding';
    }
    headers['Content-Length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${origin}/`, origin, close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }) };
}
