// The paragraph message over the real engine: the content script explains any word of a paragraph it
// has met from one answer of the background, and that answer must give, at every offset, exactly the
// hover the background would have given for that offset alone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import init, { Engine } from '../../target/pkg/redlens.js';
import { hoverReader } from '../../extension/src/background/hover.js';
import { hoverInParagraph, paragraphReader } from '../../extension/src/shared/paragraph.js';

await init({ module_or_path: readFileSync('target/pkg/redlens_bg.wasm') });
const engine = new Engine(new Uint8Array(readFileSync('target/redlens.dict')));
while (!engine.prepareSegmenter(50000));
const hover = hoverReader(engine);
const paragraph = paragraphReader(hover);

const texts = [
  '宝子们，尊嘟假嘟？这个口红也太绝绝子了😭 yyds！',
  '我去银行取钱，顺便在这家店买了冰美式，到手价才9.9',
  '   ',
  'no Chinese here, just words and 520 🌹',
  '一心一意\n\t栓Q了家人们',
];

test('every offset of a paragraph gives the hover the background gives for it alone', () => {
  for (const text of texts) {
    // Through JSON, as the message crosses between the scripts.
    const answer = JSON.parse(JSON.stringify(paragraph(text)));
    for (let i = 0; i < text.length; i++) {
      const alone = hover(text, i);
      const packed = hoverInParagraph(answer, text, i);
      assert.deepEqual(packed, alone?.word ? JSON.parse(JSON.stringify(alone)) : null, `${JSON.stringify(text)} at ${i}`);
    }
  }
});

test('each entry is sent once however often the paragraph uses it', () => {
  const text = '好好好，好的好的，真的好';
  const { entries, hovers } = paragraph(text);
  const ids = entries.map((e) => e.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(hovers.length >= 5, 'every word has its hover');
  assert.ok(hovers.every((h) => !('text' in h.word)), 'the text stays with the content script');
});
