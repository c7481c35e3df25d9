// Bad input across the wasm boundary: lone surrogates, a 5 MB string, empty text, offsets that are
// negative, fractional, not numbers or past the end, and dictionaries that are empty, truncated, of
// another version or random. Each gives a clear JS Error or an empty answer, never a wasm trap, and the
// same engine keeps answering afterwards.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import init, { DictionaryBuffer, Engine } from '../../target/pkg/redlens.js';

const wasm = await init({ module_or_path: readFileSync('target/pkg/redlens_bg.wasm') });
const bytes = readFileSync('target/redlens.dict');
const engine = new Engine(new Uint8Array(bytes));
while (!engine.prepareSegmenter(50000));

/** The engine still answers as it did: yyds found at its offset in a plain sentence. */
function stillAnswers() {
  const flat = engine.hoverAt('这家奶茶yyds！', 5);
  assert.deepEqual(Array.from(flat.subarray(1, 4)), [0, 4, 8], 'the word under offset 5 is yyds, at 4..8');
  assert.equal(engine.entry(flat[6]).simplified, 'yyds');
}

test('lone surrogates count as one code unit each and break nothing', () => {
  const text = '\uD800这家奶茶yyds\uDC00！';
  const flat = engine.hoverAt(text, 6);
  assert.deepEqual(Array.from(flat.subarray(1, 4)), [0, 5, 9], 'yyds keeps its UTF-16 place after a lone surrogate');
  const units = engine.annotate(text);
  assert.ok(units.length > 0 && units.length % 4 === 0);
  for (let i = 0; i < units.length; i += 4) assert.ok(units[i + 1] <= text.length);
  assert.equal(engine.hoverAt(text, 0).length, 0, 'nothing at the lone surrogate');
  assert.deepEqual(engine.search('\uDFFF', 5), []);
  assert.deepEqual(engine.lookup('\uD800'), []);
  stillAnswers();
});

test('empty text: empty answers, and an offset in it is an error', () => {
  assert.equal(engine.annotate('').length, 0);
  assert.deepEqual(engine.search('', 10), []);
  assert.deepEqual(engine.lookup(''), []);
  assert.throws(() => engine.hoverAt('', 0), (e) => e instanceof Error && /outside the text/.test(e.message));
  stillAnswers();
});

test('offsets that are not whole numbers inside the text are errors', () => {
  const text = '这家奶茶yyds';
  for (const offset of [-1, 1.5, NaN, Infinity, -Infinity, 2 ** 32, 2 ** 53, text.length, text.length + 1]) {
    assert.throws(() => engine.hoverAt(text, offset), (e) => e instanceof Error && /offset|outside/.test(e.message), String(offset));
  }
  stillAnswers();
});

test('entry ids out of range give null', () => {
  for (const id of [999999999, 0xffffffff, -1]) assert.equal(engine.entry(id), null, String(id));
  stillAnswers();
});

test('a 5 MB text is annotated whole and looked up anywhere', () => {
  const line = '家人们谁懂啊，这家奶茶yyds！尊嘟假嘟？老板说这叫画蛇添足。\n';
  const text = line.repeat(Math.ceil((5 * 1024 * 1024) / new TextEncoder().encode(line).length));
  assert.ok(new TextEncoder().encode(text).length >= 5 * 1024 * 1024);
  const units = engine.annotate(text);
  const lines = text.length / line.length;
  // Annotated a piece at a time and put together in JS: every line gives the units of the line alone.
  const one = engine.annotate(line);
  assert.equal(units.length, one.length * lines);
  for (let i = 0; i < units.length; i++) {
    const k = Math.floor(i / one.length);
    const expected = one[i % one.length] + (i % 4 < 2 ? k * line.length : 0);
    if (units[i] !== expected) assert.fail(`unit ${i >> 2} (line ${k}): ${units[i]}, expected ${expected}`);
  }
  let yyds = 0;
  for (let i = 0; i < units.length; i += 4) if (text.slice(units[i], units[i + 1]) === 'yyds') yyds += 1;
  assert.equal(yyds, lines, 'every line has its yyds');
  assert.equal(text.slice(units.at(-4), units.at(-3)), '画蛇添足', 'down to the last line');
  const at = text.length - line.length + line.indexOf('yyds') + 1;
  const flat = engine.hoverAt(text, at);
  assert.equal(text.slice(flat[2], flat[3]), 'yyds');
  stillAnswers();
});

test('bad dictionaries are refused with a message that says what is wrong', () => {
  const random = new Uint8Array(1 << 20);
  for (let i = 0; i < random.length; i++) random[i] = (i * 2654435761) >>> 24;
  const otherVersion = new Uint8Array(bytes.subarray(0, 4096));
  new DataView(otherVersion.buffer).setUint32(8, 99, true);
  const withMagic = new Uint8Array(bytes.length);
  withMagic.set(bytes.subarray(0, 32));
  const cases = [
    [new Uint8Array(0), /empty/],
    [new Uint8Array(bytes.subarray(0, 1000)), /truncated/],
    [otherVersion, /version 99/],
    [random, /not a RedLens dictionary/],
    [withMagic, /checksum/],
  ];
  for (const [data, message] of cases) {
    assert.throws(() => new Engine(data), (e) => e instanceof Error && message.test(e.message), String(message));
    stillAnswers();
  }
  // And a good one still opens next to them.
  const again = new Engine(new Uint8Array(bytes));
  assert.ok(again.hoverAt('yyds', 0).length > 0);
});

/** A dictionary read into wasm memory as the background reads it, in chunks, then opened. */
function openInPlace(data, { chunk = 65536, length = data.length } = {}) {
  const buffer = new DictionaryBuffer(length);
  assert.equal(buffer.length, length);
  let at = 0;
  for (; at < data.length; at += chunk) {
    const piece = data.subarray(at, at + chunk);
    new Uint8Array(wasm.memory.buffer, buffer.address + at, piece.length).set(piece);
  }
  return Engine.fromBuffer(buffer, Math.min(at, data.length));
}

test('a dictionary read straight into wasm memory opens as the same dictionary, and a bad one is refused', () => {
  const inPlace = openInPlace(bytes);
  while (!inPlace.prepareSegmenter(50000));
  assert.deepEqual(Array.from(inPlace.hoverAt('这家奶茶yyds！', 5)), Array.from(engine.hoverAt('这家奶茶yyds！', 5)));
  const half = new Uint8Array(bytes.length);
  half.set(bytes.subarray(0, bytes.length >> 1));
  assert.throws(() => openInPlace(half), (e) => e instanceof Error && /checksum/.test(e.message));
  assert.throws(() => openInPlace(new Uint8Array(0)), (e) => e instanceof Error && /empty/.test(e.message));
  // A read that ended early: the bytes never written are not taken for the file's.
  assert.throws(() => openInPlace(bytes.subarray(0, 1000), { length: bytes.length }), (e) => e instanceof Error && /1000 of the dictionary/.test(e.message));
  stillAnswers();
});
