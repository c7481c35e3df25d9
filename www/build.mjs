// Assembles the playground as plain static files: the page, its script (bundled with the extension's
// engine glue, hover assembly and card renderer, which it shares), the wasm engine, the dictionary,
// the icons and the service worker, whose cache is named after a hash of everything it keeps.
//
//   node www/build.mjs --pkg DIR --dict FILE --out DIR

import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { pkg: { type: 'string' }, dict: { type: 'string' }, out: { type: 'string' } } });
for (const name of ['pkg', 'dict', 'out']) {
  if (!args[name]) throw new Error(`--${name} is required`);
}

const root = dirname(fileURLToPath(import.meta.url));
const out = args.out;
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'pkg'), { recursive: true });

await build({
  entryPoints: { app: join(root, 'src/main.js') },
  alias: { 'redlens-wasm': resolve(args.pkg, 'redlens.js') },
  bundle: true,
  format: 'iife',
  target: ['chrome120', 'firefox128', 'safari16'],
  outdir: out,
  legalComments: 'none',
  logLevel: 'warning',
  // wasm-bindgen's default path uses import.meta.url; the page always passes the wasm's URL instead.
  define: { 'import.meta.url': 'undefined' },
});
for (const file of ['index.html', 'style.css', 'manifest.webmanifest']) cpSync(join(root, file), join(out, file));
mkdirSync(join(out, 'icons'));
for (const size of [32, 48, 128]) cpSync(join(root, '..', 'extension/icons', `${size}.png`), join(out, 'icons', `${size}.png`));
// The installed app's icons (www/tools/render-icons.mjs makes them from icons/icon.svg).
for (const icon of ['192.png', '512.png', 'maskable-512.png']) cpSync(join(root, 'icons', icon), join(out, 'icons', icon));
cpSync(join(args.pkg, 'redlens_bg.wasm'), join(out, 'pkg/redlens_bg.wasm'));
cpSync(args.dict, join(out, 'redlens.dict'));
cpSync(join(root, '..', 'LICENSE'), join(out, 'LICENSE.txt'));

const hash = createHash('sha256');
for (const file of ['index.html', 'style.css', 'manifest.webmanifest', 'app.js', 'pkg/redlens_bg.wasm', 'redlens.dict']) hash.update(readFileSync(join(out, file)));
const worker = readFileSync(join(root, 'sw.js'), 'utf8').replace('__BUILD__', hash.digest('hex').slice(0, 16));
writeFileSync(join(out, 'sw.js'), worker);
