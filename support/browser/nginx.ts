// Debian's nginx serving a built site with the shipped configuration (scripts/build/nginx.ts, the generator
// of deploy/nginx/): the same server block, only `root` and `listen` pointed at a temporary prefix and a free
// loopback port. The site sits at `<prefix>/www<base>`, a symbolic link to the built folder, as a host would
// put it. Returns the harness's StaticServer shape, so the same checks run against it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { nginxConfig } from '../../scripts/build/nginx';
import type { StaticServer } from './harness';

export const NGINX = process.env.NGINX_PATH || '/usr/sbin/nginx';
const ROOT = resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', () => ok()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const until = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}):\n${log()}`);
    const ok = await new Promise<boolean>((done) => {
      const c = connect(port, '127.0.0.1', () => { c.end(); done(true); });
      c.on('error', () => done(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nginx did not listen on ${port}:\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface NginxServer extends StaticServer { config: string }

/** Starts nginx over `distDir` at `base` (as BASE_PATH was at build time) with public/_headers' rules. */
export async function startNginx(distDir: string, options: { base?: string } = {}): Promise<NginxServer> {
  if (!existsSync(NGINX)) throw new Error(`nginx not found at ${NGINX}: apt-get install nginx-light (.ci/run does), or set NGINX_PATH`);
  const base = `/${(options.base ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  const prefix = mkdtempSync(join(tmpdir(), 'nginx-'));
  // nginx's workers run as an unprivileged user when started by root: they must reach the files
  chmodSync(prefix, 0o755);
  const www = join(prefix, 'www');
  const site = join(www, base);
  mkdirSync(dirname(site.replace(/\/$/, '')), { recursive: true, mode: 0o755 });
  if (base === '/') symlinkSync(resolve(distDir), www);
  else symlinkSync(resolve(distDir), site.replace(/\/$/, ''));
  const port = await freePort();
  const headers = readFileSync(join(ROOT, 'public', '_headers'), 'utf8');
  const server = nginxConfig(headers, { base, root: www, listen: `127.0.0.1:${port}` });
  writeFileSync(join(prefix, 'site.conf'), server);
  const asRoot = process.getuid?.() === 0;
  writeFileSync(join(prefix, 'nginx.conf'), [
    asRoot ? 'user nobody nogroup;' : '',
    'worker_processes 1;',
    `pid ${join(prefix, 'nginx.pid')};`,
    `error_log ${join(prefix, 'error.log')} warn;`,
    'events { worker_connections 256; }',
    'http {',
    '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${join(prefix, `${t}_temp`)};`),
    `  include ${join(prefix, 'site.conf')};`,
    '}',
    '',
  ].join('\n'));
  const child = spawn(NGINX, ['-p', prefix, '-e', join(prefix, 'error.log'), '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => { output += b.toString(); });
  child.stderr?.on('data', (b: Buffer) => { output += b.toString(); });
  const log = () => output + (existsSync(join(prefix, 'error.log')) ? readFileSync(join(prefix, 'error.log'), 'utf8') : '');
  await waitForPort(port, child, log);
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin + base,
    origin,
    config: server,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((ok) => child.once('exit', ok));
        child.kill('SIGQUIT');
        await exited;
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
