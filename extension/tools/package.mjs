// Assembles one browser's unpacked extension: bundles the scripts (so that content scripts, which
// cannot be modules, and both browsers' backgrounds get one plain file each), copies the static files,
// the wasm engine and the dictionary, and writes the manifest for that browser.
//
//   node extension/tools/package.mjs --browser chrome|firefox --version X.Y.Z --pkg DIR --dict FILE --out DIR

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
    out: { type: 'string' },
  },
});
for (const name of ['browser', 'version', 'pkg', 'dict', 'out']) {
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
  },
  alias: { 'redlens-wasm': resolve(args.pkg, 'redlens.js') },
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
} else if (args.browser === 'chrome') {
  manifest.background = { service_worker: 'background.js' };
} else {
  throw new Error(`unknown browser ${args.browser}`);
}
writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
