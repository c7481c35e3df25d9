// Assembles one browser's unpacked extension: bundles the scripts (so that content scripts, which
// cannot be modules, and both browsers' backgrounds get one plain file each), copies the static files,
// the wasm engine and the dictionary, the picture reader (the OCR's wasm module and PaddleOCR's models,
// under ocr/), and writes the manifest for that browser.
//
//   node extension/tools/package.mjs --browser chrome|firefox --version X.Y.Z --pkg DIR --dict FILE
//                                    --ocr-pkg DIR --ocr-models DIR --out DIR

import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    browser: { type: 'string' },
    version: { type: 'string' },
    pkg: { type: 'string' },
    dict: { type: 'string' },
    'ocr-pkg': { type: 'string' },
    'ocr-models': { type: 'string' },
    out: { type: 'string' },
  },
});
for (const name of ['browser', 'version', 'pkg', 'dict', 'ocr-pkg', 'ocr-models', 'out']) {
  if (!args[name]) throw new Error(`--${name} is required`);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = args.out;
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

/** Chrome's minimum (128: caretPositionFromPoint with shadow roots; the Highlight API came in 105) is in
 *  manifest.json. Firefox's first release with everything used: MV3 background scripts, optional host permissions,
 *  data_collection_permissions (desktop 140, Android 142),
 *  the CSS Custom Highlight API and caretPositionFromPoint with shadow roots. */
const FIREFOX_MIN_VERSION = '142.0';

await build({
  entryPoints: {
    background: join(root, 'src/background/index.js'),
    content: join(root, 'src/content/index.js'),
    'popup/popup': join(root, 'src/popup/index.js'),
    'about/about': join(root, 'src/about/index.js'),
    'options/options': join(root, 'src/options/index.js'),
    'words/words': join(root, 'src/words/index.js'),
    'welcome/welcome': join(root, 'src/welcome/index.js'),
    'ocr-worker': join(root, 'src/ocr/worker.js'),
    // Chrome's host of the worker (its service worker cannot start one); Firefox never loads it.
    ...(args.browser === 'chrome' ? { 'ocr/offscreen': join(root, 'src/ocr/offscreen.js') } : {}),
  },
  alias: { 'redlens-wasm': resolve(args.pkg, 'redlens.js'), 'redlens-ocr-wasm': resolve(args['ocr-pkg'], 'redlens_ocr_wasm.js') },
  bundle: true,
  format: 'iife',
  target: ['chrome120', 'firefox128'],
  outdir: out,
  legalComments: 'none',
  logLevel: 'warning',
  // wasm-bindgen's default path uses import.meta.url; the engine always passes its own URL instead.
  define: { 'import.meta.url': 'undefined' },
});

for (const path of ['_locales', 'icons', 'src/popup/popup.html', 'src/popup/popup.css', 'src/about/about.html', 'src/about/about.css', 'src/options/options.html', 'src/options/options.css', 'src/words/words.html', 'src/words/words.css', 'src/welcome/welcome.html', 'src/welcome/welcome.css']) {
  const target = path.startsWith('src/') ? path.slice(4) : path;
  cpSync(join(root, path), join(out, target), { recursive: true });
}
mkdirSync(join(out, 'pkg'));
cpSync(join(args.pkg, 'redlens_bg.wasm'), join(out, 'pkg/redlens_bg.wasm'));
cpSync(args.dict, join(out, 'redlens.dict'));
cpSync(join(root, '..', 'LICENSE'), join(out, 'LICENSE.txt'));
// The picture reader, loaded only when the user asks to read a picture.
mkdirSync(join(out, 'ocr'), { recursive: true });
cpSync(join(args['ocr-pkg'], 'redlens_ocr_wasm_bg.wasm'), join(out, 'ocr/redlens_ocr_wasm_bg.wasm'));
for (const file of ['ch_PP-OCRv4_det_infer.onnx', 'ch_PP-OCRv4_rec_infer.onnx', 'ch_ppocr_mobile_v2.0_cls_infer.onnx', 'ppocr_keys_v1.txt']) {
  cpSync(join(args['ocr-models'], file), join(out, 'ocr', file));
}
cpSync(join(args['ocr-models'], 'MODELS.md'), join(out, 'ocr/MODELS.txt'));
if (args.browser === 'chrome') cpSync(join(root, 'src/ocr/offscreen.html'), join(out, 'ocr/offscreen.html'));

const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
manifest.version = args.version;
if (args.browser === 'firefox') {
  delete manifest.minimum_chrome_version;
  manifest.background = { scripts: ['background.js'] };
  manifest.browser_specific_settings = {
    gecko: {
      id: 'redlens@redlens.extension',
      strict_min_version: FIREFOX_MIN_VERSION,
      // RedLens collects and transmits nothing.
      data_collection_permissions: { required: ['none'] },
    },
    // Firefox for Android installs the same build; what Android lacks (context menus) is feature-detected.
    gecko_android: { strict_min_version: FIREFOX_MIN_VERSION },
  };
  // Firefox's background page starts the picture reader's worker itself.
  manifest.permissions = manifest.permissions.filter((p) => p !== 'offscreen');
} else if (args.browser === 'chrome') {
  manifest.background = { service_worker: 'background.js' };
} else {
  throw new Error(`unknown browser ${args.browser}`);
}
writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
