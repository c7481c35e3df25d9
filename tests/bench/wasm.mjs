// The engine as the extension runs it: WebAssembly in a JS runtime (Node), every call crossing the
// wasm-bindgen boundary. Prints each figure beside its budget in DESIGN.md and writes
// target/bench/wasm.json. Timing only; nothing here asserts.
//
//   node tests/bench/wasm.mjs   (after ./build.sh; run by ./build.sh bench)

import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import init, { Engine } from '../../target/pkg/redlens.js';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;

const wasmBytes = readFileSync('target/pkg/redlens_bg.wasm');
const corpus = readFileSync('tests/data/hsk-sentences.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l).text);

// Start: compile the wasm, read the dictionary, open it, answer the first hover.
let t0 = performance.now();
const wasm = await init({ module_or_path: wasmBytes });
const tInit = performance.now() - t0;
t0 = performance.now();
const dictBytes = new Uint8Array(readFileSync('target/redlens.dict'));
const engine = new Engine(dictBytes);
const tOpen = performance.now() - t0;
t0 = performance.now();
engine.lookupAt('这家店yyds', 4);
const tFirst = performance.now() - t0;

// The segmenter, built in the background's steps.
t0 = performance.now();
while (!engine.prepareSegmenter(20000));
const tSegmenter = performance.now() - t0;
const memoryAfterStart = wasm.memory.buffer.byteLength;

// Hover: a lookup at every character of each sentence, as a pointer sweeping over a post. One sweep
// first, untimed, so that V8 has tiered the hot wasm functions up (runs otherwise differ by 2x).
const sweep = () => {
  for (const text of corpus) for (let i = 0; i < text.length; i++) engine.lookupAt(text, i);
};
sweep();
const perCall = [];
for (const text of corpus) {
  const start = performance.now();
  for (let i = 0; i < text.length; i++) engine.lookupAt(text, i);
  perCall.push((performance.now() - start) / text.length);
}

// Annotation: the whole corpus as one text, flat offsets back to JS.
const big = corpus.join('\n').repeat(20);
const bigBytes = Buffer.byteLength(big);
engine.annotate(big); // warm-up, untimed
const runs = [];
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  engine.annotate(big);
  runs.push(performance.now() - start);
}
const mbPerS = bigBytes / 1e6 / (median(runs) / 1000);

const memoryAfterHovers = wasm.memory.buffer.byteLength; // after the sweep above (thousands of hovers)

// Memory over a million lookups (hover and exact lookup): it must stay flat.
const words = ['躺平', 'yyds', '学习', '尊嘟假嘟', '这个', '520'];
for (let i = 0; i < 1_000_000; i++) {
  if (i % 2) engine.lookupAt(corpus[i % corpus.length], i % corpus[i % corpus.length].length);
  else engine.lookup(words[i % words.length]);
}
const memoryAfterMillion = wasm.memory.buffer.byteLength;

const figures = {
  wasm_compile_ms: tInit,
  dictionary_open_ms: tOpen,
  first_hover_ms: tFirst,
  start_to_first_hover_ms: tInit + tOpen + tFirst,
  segmenter_build_ms: tSegmenter,
  hover_median_us: median(perCall) * 1000,
  annotate_mb_s: mbPerS,
  wasm_memory_after_start_mib: memoryAfterStart / 1048576,
  wasm_memory_after_hover_sweep_mib: memoryAfterHovers / 1048576,
  hover_sweep_calls: corpus.reduce((n, t) => n + t.length, 0),
  wasm_memory_after_million_lookups_mib: memoryAfterMillion / 1048576,
  wasm_bytes: wasmBytes.length,
};
const rows = [
  ['start → first hover (compile + open + first answer)', ms(figures.start_to_first_hover_ms), '≤ 30 ms'],
  ['  of which: wasm compile', ms(tInit), ''],
  ['  of which: dictionary read from disk + open (checksum)', ms(tOpen), ''],
  ['start → segmenter ready (after open)', ms(tSegmenter), '≤ 120 ms'],
  ['hover lookup, JS boundary included (median)', `${figures.hover_median_us.toFixed(2)} µs`, '≤ 5 µs'],
  ['annotate throughput, flat offsets to JS', `${mbPerS.toFixed(1)} MB/s`, '≥ 25 MB/s'],
  ['wasm memory after start + segmenter', `${figures.wasm_memory_after_start_mib.toFixed(1)} MiB`, '≤ 40 MiB'],
  [`wasm memory after the hover sweep (${figures.hover_sweep_calls} hovers)`, `${figures.wasm_memory_after_hover_sweep_mib.toFixed(1)} MiB`, 'flat'],
  ['wasm memory after 1,000,000 lookups', `${figures.wasm_memory_after_million_lookups_mib.toFixed(1)} MiB`, 'flat'],
  ['wasm module', `${(wasmBytes.length / 1048576).toFixed(2)} MiB`, ''],
];
console.log('\nRedLens engine in WebAssembly (Node), against the budgets in DESIGN.md');
for (const [name, value, budget] of rows) console.log(`${name.padEnd(54)} ${value.padStart(12)}   ${budget}`);
mkdirSync('target/bench', { recursive: true });
writeFileSync('target/bench/wasm.json', `${JSON.stringify(figures, null, 2)}\n`);
console.log('written to target/bench/wasm.json');
