// The background's text reader (extension/src/background/text.js) over the real engine in WebAssembly
// and the real dictionary: the marks the content script paints, with HSK levels, and the units the
// post panel lists and reads with pinyin.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import init, { Engine } from '../../target/pkg/redlens.js';
import { entryCache } from '../../extension/src/background/hover.js';
import { shortGloss, shortMeaning, textReader } from '../../extension/src/background/text.js';
import { KIND } from '../../extension/src/shared/kinds.js';

await init({ module_or_path: readFileSync('target/pkg/redlens_bg.wasm') });
const engine = new Engine(new Uint8Array(readFileSync('target/redlens.dict')));
while (!engine.prepareSegmenter(50000));
const { marks, explain } = textReader(engine, entryCache(engine));

const POST = '老板说这叫画蛇添足，这家奶茶yyds！今天520，这杯才520元。';

test('marks are the slang, idioms and number slang only, each with its HSK level', () => {
  const flat = marks(POST);
  const units = [];
  for (let i = 0; i < flat.length; i += 4) units.push([POST.slice(flat[i], flat[i + 1]), flat[i + 3]]);
  assert.deepEqual(units, [
    ['画蛇添足', 7],
    ['yyds', 0],
    ['520', 0],
  ]);
});

test('explain gives every unit in order, with pinyin, a gloss and a meaning where the dictionary has it', () => {
  const units = explain(POST);
  assert.deepEqual(
    units.map((u) => u.text),
    ['老板', '说', '这', '叫', '画蛇添足', '这', '家', '奶茶', 'yyds', '今天', '520', '这', '杯', '才', '元'],
  );
  for (const u of units) assert.equal(POST.slice(u.start, u.end), u.text);
  const idiom = units.find((u) => u.text === '画蛇添足');
  assert.equal(idiom.pinyin, 'huà shé tiān zú');
  assert.deepEqual(idiom.tones, [4, 2, 1, 2]);
  assert.equal(idiom.hsk, 7);
  // Its meaning, not its literal picture, and no word cut in half.
  assert.equal(idiom.gloss, 'to ruin the effect by adding sth…');
  const yyds = units.find((u) => u.text === 'yyds');
  assert.equal(yyds.gloss, 'The GOAT');
  assert.match(yyds.meaning, /^"The GOAT": the best there is, unbeatable\.$/);
  // The price's 520 is a plain number, not slang: no unit at all.
  assert.ok(!units.some((u) => u.start === POST.lastIndexOf('520')));
  assert.deepEqual(explain(''), []);
  assert.deepEqual(explain('🙂 ok!'), []);
});

test('a word the segmenter knows but the dictionary lacks is one unit, read and glossed by its parts', () => {
  const text = '住的是二星级酒店';
  const unit = explain(text).find((u) => u.text === '二星级');
  assert.ok(unit, 'the word is one unit');
  assert.ok(unit.kinds & KIND.composed);
  assert.equal(unit.pinyin, 'èr xīng jí');
  assert.deepEqual(unit.tones, [4, 1, 2]);
  assert.equal(unit.gloss, 'two · star rating');
  // Nothing underlines it: it is neither slang nor an idiom.
  assert.ok(!marks(text).includes(text.indexOf('二星级')));
});

test('short glosses and meanings are cut where a reader expects', () => {
  const slang = (meaning) => ({ explanation: { meaning }, senses: [] });
  assert.equal(shortGloss(slang("'I love you.' Used in love notes")), 'I love you.');
  assert.equal(shortGloss(slang("'Girls', 'ladies': the standard way")), "'Girls', 'ladies'");
  assert.equal(shortMeaning(slang('Really? No way! A cutesy way of saying it. More.')), 'Really? No way! A cutesy way of saying it.');
  assert.equal(shortGloss({ senses: ['to ruin (idiom); fig. to overdo'] }), 'to ruin');
  // An idiom's literal picture gives way to its meaning, written in the same sense or the next.
  const snake = 'to ruin the effect by adding sth superfluous';
  assert.equal(shortGloss({ senses: [`lit. draw legs on a snake (idiom); fig. ${snake}`] }), 'to ruin the effect by adding sth…');
  assert.equal(shortGloss({ senses: ['lit. draw legs on a snake (idiom)', `fig. ${snake}`] }), 'to ruin the effect by adding sth…');
  assert.equal(shortGloss({ senses: ['lit. a dog (idiom)', 'a second sense'] }), 'lit. a dog');
  // A sense that is all note keeps the note.
  assert.equal(shortGloss({ senses: ['(measure word for shops and companies)'] }), 'measure word for shops and companies');
  assert.ok(shortMeaning({ senses: ['x'.repeat(500)] }).length <= 180);
});
