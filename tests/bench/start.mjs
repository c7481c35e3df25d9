// One cold start in a fresh Node process, printed as one JSON line: RedLens (import → wasm → dictionary
// → first hover → segmenter ready), jieba-wasm (require → first cut) or the JS CC-CEDICT lookup
// (parse + sort → first lookup). peers.mjs runs it several times and keeps the medians, since a start
// in a warm process would hide compile and cache costs.
//
//   node tests/bench/start.mjs redlens|jieba|cedict

import { FIRST_HOVER, loadRedLens } from './redlens.mjs';
import { loadJieba } from './jieba.mjs';
import { buildCedictLookup } from './cedict-lookup.mjs';
import { performance } from 'node:perf_hooks';

const which = process.argv[2];
if (which === 'redlens') {
  const { wasm, ms } = await loadRedLens();
  console.log(JSON.stringify({ ms, wasm_memory_bytes: wasm.memory.buffer.byteLength }));
} else if (which === 'jieba') {
  const { ms, memory } = loadJieba();
  console.log(JSON.stringify({ ms, wasm_memory_bytes: memory.after_first_cut, memory }));
} else if (which === 'cedict') {
  const t0 = performance.now();
  const { lookup } = buildCedictLookup();
  const tBuilt = performance.now();
  lookup(FIRST_HOVER.text, FIRST_HOVER.offset);
  const tFirst = performance.now();
  const ms = { build: tBuilt - t0, first_lookup: tFirst - tBuilt, start_to_first_lookup: tFirst - t0 };
  console.log(JSON.stringify({ ms, wasm_memory_bytes: null }));
} else {
  console.error('usage: node tests/bench/start.mjs redlens|jieba|cedict');
  process.exit(2);
}
