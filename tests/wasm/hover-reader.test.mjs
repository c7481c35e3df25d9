// The hover as the background assembles it (extension/src/background/hover.js) over the real engine in
// WebAssembly and the real dictionary: spans and entry ids from `hoverAt`, entries decoded once and
// cached, "see X" targets resolved in JS.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import init, { Engine } from '../../target/pkg/redlens.js';
import { entryCache, hoverReader } from '../../extension/src/background/hover.js';

await init({ module_or_path: readFileSync('target/pkg/redlens_bg.wasm') });
const engine = new Engine(new Uint8Array(readFileSync('target/redlens.dict')));
while (!engine.prepareSegmenter(50000));
const hover = hoverReader(engine);
const at = (text, needle, extra = 0) => hover(text, text.indexOf(needle) + extra);

test('the word in context, with our slang sense first and one part per character', () => {
  const h = at('宝子们，尊嘟假嘟？这个口红也太绝绝子了', '假');
  assert.equal(h.word.text, '尊嘟假嘟');
  assert.equal(h.word.entries[0].source, 'redlens');
  assert.ok(h.segmented);
  assert.deepEqual(h.parts.map((p) => p.text), ['尊', '嘟', '假', '嘟']);
  assert.ok(h.parts.every((p) => p.entries.length === 1), 'a part shows the one reading its word gives it');
});

test('a part takes the reading its word gives it', () => {
  const h = at('我去银行取钱', '银行');
  assert.equal(h.word.text, '银行');
  const hang = h.parts.find((p) => p.text === '行');
  assert.equal(hang.entries[0].pinyin, 'hang2');
});

test('the targets of "see X" senses come with the card', () => {
  const h = at('今晚去吃花甲', '花甲');
  assert.equal(h.word.text, '花甲');
  assert.ok(h.word.references.some((e) => e.simplified === '花蛤' && e.senses[0].includes('clam')));
});

test('an idiom the segmenter split is offered as a longer unit', () => {
  const h = at('虽然看不懂但是不明觉厉', '觉');
  const texts = [h.word.text, ...h.longer.map((l) => l.text)];
  assert.ok(texts.includes('不明觉厉'), texts.join(' / '));
  assert.ok(h.longer.every((l) => l.start <= h.word.start && l.end >= h.word.end));
});

test('offsets are UTF-16 code units, nothing is null, and bad offsets are errors', () => {
  const text = '😂😂yyds！';
  const h = hover(text, 5);
  assert.equal(h.word.text, 'yyds');
  assert.deepEqual([h.word.start, h.word.end], [4, 8]);
  assert.equal(hover(text, text.indexOf('！')), null);
  assert.throws(() => hover(text, 99), /offset/);
  assert.throws(() => hover(text, 1.5), /whole number/);
  assert.throws(() => hover('', 0), /outside the text/);
});

test('entries are decoded once and kept, the least recently used going first', () => {
  const small = hoverReader(engine, entryCache(engine, 16));
  const first = small('躺平', 0).word.entries[0];
  assert.equal(small('躺平', 1).word.entries[0], first, 'a cached entry is the same object');
  for (const word of ['内卷', 'yyds', '学习', '银行', '绝绝子', '集美', '种草', '避雷']) small(word, 0);
  assert.notEqual(small('躺平', 0).word.entries[0], first, 'evicted once other words filled the cache');
  assert.deepEqual(small('躺平', 0).word.entries[0], first, 'and decoded again to the same content');
});
