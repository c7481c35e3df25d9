// Assembles the playground as plain static files: the page, its script (bundled with the extension's
// engine glue, hover assembly and card renderer, which it shares), the wasm engine, the dictionary,
// the icons and the service worker, whose cache is named after a hash of everything it keeps; and the
// picture reader, loaded by the page only on its first picture: the extension's worker script bundled with
// the OCR's wasm glue (ocr-worker.js), the OCR's wasm and PaddleOCR's models (ocr/).
//
//   node www/build.mjs --pkg DIR --dict FILE --ocr-pkg DIR --ocr-models DIR --out DIR

import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const options = { pkg: { type: 'string' }, dict: { type: 'string' }, 'ocr-pkg': { type: 'string' }, 'ocr-models': { type: 'string' }, out: { type: 'string' } };
const { values: args } = parseArgs({ options });
for (const name of Object.keys(options)) {
  if (!args[name]) throw new Error(`--${name} is required`);
}

const root = dirname(fileURLToPath(import.meta.url));
const out = args.out;
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'pkg'), { recursive: true });
mkdirSync(join(out, 'ocr'), { recursive: true });

await build({
  entryPoints: { app: join(root, 'src/main.js'), 'ocr-worker': join(root, '..', 'extension/src/ocr/worker.js') },
  alias: { 'redlens-wasm': resolve(args.pkg, 'redlens.js'), 'redlens-ocr-wasm': resolve(args['ocr-pkg'], 'redlens_ocr_wasm.js') },
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
const OCR_FILES = ['ch_PP-OCRv4_det_infer.onnx', 'ch_PP-OCRv4_rec_infer.onnx', 'ch_ppocr_mobile_v2.0_cls_infer.onnx', 'ppocr_keys_v1.txt'];
cpSync(join(args['ocr-pkg'], 'redlens_ocr_wasm_bg.wasm'), join(out, 'ocr/redlens_ocr_wasm_bg.wasm'));
for (const file of OCR_FILES) cpSync(join(args['ocr-models'], file), join(out, 'ocr', file));
cpSync(join(args['ocr-models'], 'MODELS.md'), join(out, 'ocr/MODELS.txt'));

const hash = createHash('sha256');
for (const file of ['index.html', 'style.css', 'manifest.webmanifest', 'app.js', 'pkg/redlens_bg.wasm', 'redlens.dict']) hash.update(readFileSync(join(out, file)));
const ocrHash = createHash('sha256');
for (const file of ['ocr-worker.js', 'ocr/redlens_ocr_wasm_bg.wasm', ...OCR_FILES.map((f) => `ocr/${f}`), 'ocr/MODELS.txt']) ocrHash.update(readFileSync(join(out, file)));
const worker = readFileSync(join(root, 'sw.js'), 'utf8')
  .replace('__BUILD__', hash.digest('hex').slice(0, 16))
  .replace('__OCR_BUILD__', ocrHash.digest('hex').slice(0, 16));
writeFileSync(join(out, 'sw.js'), worker);
