// Loads the wasm engine and the dictionary once per background life, then builds the segmenter in
// small steps between requests, so that no lookup waits for it (lookups fall back to longest match).

// The wasm-bindgen output (target/pkg/redlens.js), mapped to this name by extension/tools/package.mjs.
import init, { DictionaryBuffer, Engine } from 'redlens-wasm';
import { entryCache, hoverReader } from './hover.js';
import { paragraphReader } from '../shared/paragraph.js';
import { textReader } from './text.js';
import { dictionaryFile, forgetCopy } from './dictionary-file.js';

const api = globalThis.browser ?? globalThis.chrome;
/** Words loaded into the segmenter per step: a few milliseconds of work, then the event loop runs. */
const SEGMENTER_STEP = 20000;

let starting = null;
let current = null;

/** The engine, loading it on first use. */
export function engine() {
  starting ??= start().catch((error) => {
    starting = null; // the next request tries again
    throw error;
  });
  return starting;
}

async function start() {
  // The wasm compiles while the dictionary is read: neither waits for the other.
  const url = api.runtime.getURL('redlens.dict');
  const dictionary = dictionaryFile(url);
  const wasm = await init({ module_or_path: api.runtime.getURL('pkg/redlens_bg.wasm') });
  const file = await dictionary;
  try {
    return ready(await open(wasm, file));
  } catch (error) {
    if (!file.copy) throw error;
    // The kept copy is damaged: forget it and read the packaged file.
    await forgetCopy().catch(() => {});
    return ready(await open(wasm, await dictionaryFile(url, { useCopy: false })));
  }
}

/** Reads `file` straight into wasm memory (one copy of its bytes) and opens it. */
async function open(wasm, file) {
  const buffer = new DictionaryBuffer(file.size);
  let at = 0;
  try {
    for await (const chunk of file.chunks()) {
      if (at + chunk.length > buffer.length) throw new Error('RedLens: the dictionary is longer than it said');
      // A view made for each chunk: nothing else runs in the engine meanwhile, but a view must never
      // outlive a growth of the memory.
      new Uint8Array(wasm.memory.buffer, buffer.address + at, chunk.length).set(chunk);
      at += chunk.length;
    }
  } catch (error) {
    buffer.free();
    throw error;
  }
  return Engine.fromBuffer(buffer, at);
}

function ready(e) {
  buildSegmenter(e);
  return e;
}

function buildSegmenter(e) {
  const step = () => {
    if (!e.prepareSegmenter(SEGMENTER_STEP)) setTimeout(step, 0);
  };
  setTimeout(step, 0);
}

/** The readers of engine `e`, sharing one entry cache per background life: `hover(text, offset)`,
 *  `paragraph(text)` (every word's hover), and the text reader's `marks(text)` and `explain(text)`. */
export function readers(e) {
  if (current?.engine !== e) {
    const entry = entryCache(e);
    const hover = hoverReader(e, entry);
    current = { engine: e, hover, paragraph: paragraphReader(hover), ...textReader(e, entry, hover) };
  }
  return current;
}
