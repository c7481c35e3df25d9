// The RedLens engine in WebAssembly as the benchmarks call it: load (wasm, dictionary, segmenter), the
// hover (the word under an offset and its entry ids, what the background asks for on every pointer
// move), the card data (the same with its entries, through the background's own cache) and annotation.

import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { hoverReader } from '../../extension/src/background/hover.js';

export const WASM_PATH = 'target/pkg/redlens_bg.wasm';
export const DICT_PATH = 'target/redlens.dict';
/** The first hover of a start: 奶 of 奶茶. */
export const FIRST_HOVER = { text: '这家店的奶茶yyds，好喝', offset: 4 };

/** The hover lookup at a UTF-16 offset of a paragraph: spans and entry ids, flat. */
export function hover(engine, text, offset) {
  return engine.hoverAt(text, offset);
}

const readers = new WeakMap();
/** The card data at a UTF-16 offset: the hover with its entries, decoded once each and cached. */
export function card(engine, text, offset) {
  if (!readers.has(engine)) readers.set(engine, hoverReader(engine));
  return readers.get(engine)(text, offset);
}

/** Whether a `hover` result found something (null, or an empty flat array, is nothing). */
export function found(result) {
  return result != null && result.length !== 0;
}

/** Every unit of a text: a flat Uint32Array of [start, end, kinds, entryId] per unit. */
export function annotate(engine, text) {
  return engine.annotate(text);
}

/**
 * Loads the engine and times each step: import of the glue, wasm compile, dictionary read, open, first
 * hover, segmenter build (in the background's 20k-word steps). Returns { wasm, engine, ms }.
 */
export async function loadRedLens({ segmenter = true } = {}) {
  const ms = {};
  const t0 = performance.now();
  let t = t0;
  const lap = (name) => {
    const now = performance.now();
    ms[name] = now - t;
    t = now;
  };
  const { initSync, DictionaryBuffer, Engine } = await import('../../target/pkg/redlens.js');
  lap('import');
  // Compiled and instantiated from the bytes, as the browser does with the fetched file. The glue's
  // async init would first touch `Response`, which in Node loads its fetch library (about 35 ms here)
  // at a cost the browser never pays.
  const wasm = initSync({ module: readFileSync(WASM_PATH) });
  lap('wasm_init');
  // Read straight into wasm memory, as the background does with its copy of the file.
  const fd = openSync(DICT_PATH, 'r');
  const buffer = new DictionaryBuffer(fstatSync(fd).size);
  const filled = readSync(fd, new Uint8Array(wasm.memory.buffer, buffer.address, buffer.length), 0, buffer.length, 0);
  closeSync(fd);
  lap('dictionary_read');
  const engine = Engine.fromBuffer(buffer, filled);
  lap('dictionary_open');
  // A Chinese word in a sentence, as a reader's first hover is: it cuts the text around it and opens
  // the context rules (the word beside it, 家, has some), which a Latin word would not.
  hover(engine, FIRST_HOVER.text, FIRST_HOVER.offset);
  lap('first_hover');
  ms.start_to_first_hover = t - t0;
  if (segmenter) {
    while (!engine.prepareSegmenter(20000));
    lap('segmenter_build');
    ms.start_to_segmenter_ready = t - t0;
  }
  return { wasm, engine, ms };
}
