// Memory under a big text: a fresh process annotates 5,242,880 characters (15.7 MB of UTF-8) of
// common single characters in a pseudo-random order, so that nearly every character is a unit of its
// own: the most units a text of that length can give. Wasm memory never shrinks, so its size at the end
// is the most it reached. Writes target/bench/big-text.json; report.mjs prints it. Nothing here asserts.
//
//   node tests/bench/big-text.mjs   (after ./build.sh; run by ./build.sh bench)

import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { annotate, loadRedLens } from './redlens.mjs';

const { wasm, engine } = await loadRedLens();
const before = wasm.memory.buffer.byteLength;

const CHARACTERS = [...'我你他好大小人天地上下来去是不了有在中国年日月水火山口手心'];
const LENGTH = 5 * 1024 * 1024;
const picks = [];
let seed = 1;
for (let i = 0; i < LENGTH; i++) {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff; // a fixed sequence, the same every run
  picks.push(CHARACTERS[seed % CHARACTERS.length]);
}
const text = picks.join('');

const start = performance.now();
const spans = annotate(engine, text);
const figures = {
  characters: text.length,
  utf8_bytes: Buffer.byteLength(text),
  units: spans.length / 4,
  annotate_ms: performance.now() - start,
  wasm_memory_before_bytes: before,
  wasm_memory_after_bytes: wasm.memory.buffer.byteLength,
};
mkdirSync('target/bench', { recursive: true });
writeFileSync('target/bench/big-text.json', `${JSON.stringify(figures, null, 2)}\n`);
console.log(figures);
