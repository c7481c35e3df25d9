// Loads the wasm engine and the dictionary once per background life, then builds the segmenter in
// small steps between requests, so that no lookup waits for it (lookups fall back to longest match).

// The wasm-bindgen output (target/pkg/redlens.js), mapped to this name by extension/tools/package.mjs.
import init, { Engine } from 'redlens-wasm';
import { entryCache, hoverReader } from './hover.js';
import { textReader } from './text.js';

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
  const dictionary = fetch(api.runtime.getURL('redlens.dict')).then((response) => response.arrayBuffer());
  await init({ module_or_path: api.runtime.getURL('pkg/redlens_bg.wasm') });
  const e = new Engine(new Uint8Array(await dictionary));
  buildSegmenter(e);
  return e;
}

function buildSegmenter(e) {
  const step = () => {
    if (!e.prepareSegmenter(SEGMENTER_STEP)) setTimeout(step, 0);
  };
  setTimeout(step, 0);
}

/** The readers of engine `e`, sharing one entry cache per background life: `hover(text, offset)`, and
 *  the text reader's `marks(text)` and `explain(text)`. */
export function readers(e) {
  if (current?.engine !== e) {
    const entry = entryCache(e);
    const hover = hoverReader(e, entry);
    current = { engine: e, hover, ...textReader(e, entry, hover) };
  }
  return current;
}
