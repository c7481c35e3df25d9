// The annotation peer: jieba-wasm (jieba-rs compiled to wasm, from npm, version pinned in
// package.json). Its Node build compiles and instantiates its wasm synchronously inside `require`, and
// builds its dictionary lazily on the first cut, so loading is timed as require + first cut.

import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);

// The package exports no package.json; its nodejs build lives in pkg/nodejs/ under the package.
const BUILD_DIR = dirname(require.resolve('jieba-wasm'));
const VERSION = JSON.parse(readFileSync(join(BUILD_DIR, '..', '..', 'package.json'), 'utf8')).version;
export const JIEBA_NAME = `jieba-wasm ${VERSION}`;

/** The peer's segmentation as its README shows it: `cut(text, hmm = true)`. */
export function cut(jieba, text) {
  return jieba.cut(text, true);
}

/** Loads jieba-wasm and makes its first cut. Returns { jieba, ms, memory } (wasm memory in bytes). */
export function loadJieba() {
  const t0 = performance.now();
  const jieba = require('jieba-wasm'); // the "node" export: the nodejs build
  const tRequire = performance.now();
  const memoryAfterRequire = jieba.__wasm.memory.buffer.byteLength;
  cut(jieba, '这家店的奶茶真好喝');
  const tFirstCut = performance.now();
  return {
    jieba,
    ms: { require: tRequire - t0, first_cut: tFirstCut - tRequire, start_to_first_cut: tFirstCut - t0 },
    memory: { after_require: memoryAfterRequire, after_first_cut: jieba.__wasm.memory.buffer.byteLength },
  };
}

/** The size of the peer's wasm module (its nodejs build). */
export function jiebaWasmBytes() {
  return statSync(join(BUILD_DIR, 'jieba_rs_wasm_bg.wasm')).size;
}
