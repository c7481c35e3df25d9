// The engine as the extension runs it: WebAssembly in a JS runtime (Node), every call crossing the
// wasm-bindgen boundary, on the graded test sentences (the native bench's corpus, so the two compare).
// Writes target/bench/wasm.json; report.mjs prints it with the rest. Timing only; nothing here asserts.
// The peers, the real corpus, cold starts and the million-hover memory check are in peers.mjs.
//
//   node tests/bench/wasm.mjs   (after ./build.sh; run by ./build.sh bench)

import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { WASM_PATH, annotate, hover, loadRedLens } from './redlens.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const corpus = readFileSync('tests/data/hsk-sentences.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l).text);

// Start in this process (peers.mjs measures it in fresh processes too).
const { wasm, engine, ms } = await loadRedLens();
const memoryAfterStart = wasm.memory.buffer.byteLength;

// Hover: a lookup at every character of each sentence, as a pointer sweeping over a post. One sweep
// first, untimed, so that V8 has tiered the hot wasm functions up (runs otherwise differ by 2x).
const sweep = () => {
  for (const text of corpus) for (let i = 0; i < text.length; i++) hover(engine, text, i);
};
sweep();
const perCall = [];
for (const text of corpus) {
  const start = performance.now();
  for (let i = 0; i < text.length; i++) hover(engine, text, i);
  perCall.push((performance.now() - start) / text.length);
}

// Annotation: the whole corpus as one text, flat offsets back to JS.
const big = corpus.join('\n').repeat(20);
const bigBytes = Buffer.byteLength(big);
annotate(engine, big); // warm-up, untimed
const runs = [];
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  annotate(engine, big);
  runs.push(performance.now() - start);
}

const figures = {
  wasm_compile_ms: ms.import + ms.wasm_init,
  dictionary_read_ms: ms.dictionary_read,
  dictionary_open_ms: ms.dictionary_open,
  first_hover_ms: ms.first_hover,
  start_to_first_hover_ms: ms.start_to_first_hover,
  segmenter_build_ms: ms.segmenter_build,
  hover_median_us: median(perCall) * 1000,
  annotate_mb_s: bigBytes / 1e6 / (median(runs) / 1000),
  wasm_memory_after_start_mib: memoryAfterStart / 1048576,
  wasm_memory_after_hover_sweep_mib: wasm.memory.buffer.byteLength / 1048576,
  hover_sweep_calls: corpus.reduce((n, t) => n + t.length, 0),
  wasm_bytes: readFileSync(WASM_PATH).length,
};
mkdirSync('target/bench', { recursive: true });
writeFileSync('target/bench/wasm.json', `${JSON.stringify(figures, null, 2)}\n`);
console.error('written to target/bench/wasm.json');
