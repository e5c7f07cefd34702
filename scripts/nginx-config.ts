// npm run nginx-config -- [--base /sub/folder/] [--root /var/www/site] [--listen 80] [--server-name example.org] [--out FILE]
// Prints (or writes) the nginx configuration for the built site, with the response headers of public/_headers.
// deploy/nginx/minh-bach-giam-ngheo.conf is the output with the defaults.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULTS, nginxConfig } from './build/nginx';
import { SITE_BASE } from './build/address';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    base: { type: 'string', default: SITE_BASE },
    root: { type: 'string', default: DEFAULTS.root },
    listen: { type: 'string', default: DEFAULTS.listen },
    'server-name': { type: 'string', default: DEFAULTS.serverName },
    out: { type: 'string' },
  },
});
const text = nginxConfig(readFileSync(join(ROOT, 'public', '_headers'), 'utf8'), {
  base: values.base, root: values.root, listen: values.listen, serverName: values['server-name'],
});
if (values.out) writeFileSync(values.out, text);
else process.stdout.write(text);
