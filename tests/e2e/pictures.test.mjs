// Reading the text in pictures, in real headless Chromium: the popup's "Read the pictures in view" on a
// fixture note whose cover carries text, through the background's capture of the tab, the offscreen
// document and the picture reader's worker, to the cards of the words read.
//
// The gesture itself cannot be made here: headless Chromium has no toolbar to click and no key reaches
// its shortcuts (the DevTools protocol's keys go to the page; its action trigger closes the headless
// browser). The gesture's one effect, activeTab's grant to capture the tab, is stood in for by a copy
// of the extension that holds the host permission for all pages instead (extensionThatMayCapture); the
// rest is the extension as built. Firefox's test (firefox.test.mjs) presses the real shortcut.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { probeShadow } from './chromium.mjs';
import { ARTIFACTS, chromiumSuite } from './suite.mjs';
import { cardProbe, eventually, panelProbe, until } from './page-helpers.mjs';

/** The fixture note whose cover carries text (fixtures/pictures/cover.png, 480 × 640 at the slider's
 *  corner), and where its words are in the picture. */
const PICTURE_NOTE = 'http://www.xiaohongshu.com/explore/00000000000000000000c0de';
// Bottom line first: a card opens below its word, over the lines further down.
const IN_COVER = { 海景: { x: 282, y: 432 }, 绝绝子: { x: 262, y: 347 }, 攻略: { x: 337, y: 241 } };

const suite = chromiumSuite({ mayCapture: true });

const card = (page) => probeShadow(page, 'card', cardProbe);

async function pointAtCover(page, { x, y }) {
  const corner = await page.evaluate(() => {
    const r = document.querySelector('.note-slider-img').getBoundingClientRect();
    return { x: r.left, y: r.top };
  });
  await page.mouse.move(corner.x + x, corner.y + y);
}

/** The background's offscreen documents, now. */
async function offscreenDocuments(popup) {
  return popup.evaluate(() => chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] }).then((c) => c.map((x) => x.documentUrl)));
}

test('the popup reads the pictures in view: the lines are outlined, then each word read gets its card', async () => {
  const page = await suite.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(PICTURE_NOTE);
  await page.waitForSelector('.note-slider-img');
  // The popup, as the toolbar button opens it: its button asks the background for the tab it was
  // opened on (here a page of its own in the same browser, the note brought back to the front).
  const popup = await suite.context.newPage();
  await popup.goto(`chrome-extension://${suite.extensionId}/popup/popup.html`);
  await page.bringToFront();
  assert.deepEqual(await offscreenDocuments(popup), [], 'nothing of the picture reader before the first picture');
  const tabId = await popup.evaluate(async () => (await chrome.tabs.query({ url: '*://www.xiaohongshu.com/*' }))[0].id);
  await popup.evaluate((id) => chrome.runtime.sendMessage({ type: 'readPicture', tabId: id }), tabId);
  // The cover's three lines come outlined over it.
  const outlines = () =>
    probeShadow(page, 'outlines', function () {
      return this.querySelectorAll('.line-outline').length;
    });
  assert.equal(await eventually(outlines, (n) => n >= 3, 300), 3, 'three lines read and outlined');
  assert.deepEqual(await offscreenDocuments(popup), [`chrome-extension://${suite.extensionId}/ocr/offscreen.html`], 'read in the offscreen document');
  await page.screenshot({ path: join(ARTIFACTS, 'chromium-picture-lines.png') });
  for (const [word, at] of Object.entries(IN_COVER)) {
    await pointAtCover(page, at);
    const c = await eventually(() => card(page), (x) => x?.headwords[0] === word);
    assert.equal(c?.headwords[0], word, `${word}, read in the cover`);
  }
  await page.screenshot({ path: join(ARTIFACTS, 'chromium-picture-card.png') });
  // Saving a word read in a picture keeps it with its line as the sentence.
  await page.keyboard.press('s');
  const saved = await until(popup, () => chrome.storage.local.get(null).then((all) => JSON.stringify(all).includes('三亚旅游攻略')), { timeout: 10000 });
  assert.ok(saved, 'saved with the line it was read in');
  // The shortcut's read (the band around the pointer) where the picture has no text says so.
  await pointAtCover(page, { x: 240, y: 580 });
  await popup.evaluate((id) => chrome.runtime.sendMessage({ type: 'readPicture', tabId: id, mode: 'pointer' }), tabId);
  const message = await eventually(
    () => probeShadow(page, 'card', function () {
      return this.querySelector('.card[role="status"]')?.textContent ?? null;
    }),
    Boolean,
    100,
  );
  assert.match(message ?? '', /No text found/);
  assert.deepEqual(errors, []);
  await page.close();
  await popup.close();
});

test('the panel\'s button reads the picture in view; its lines join every view after the note\'s', async () => {
  const page = await suite.context.newPage();
  await page.goto(PICTURE_NOTE);
  const panel = () => probeShadow(page, 'panel', panelProbe);
  const clickAt = (r) => page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
  let p = await eventually(panel, (x) => x?.button);
  await clickAt(p.button);
  p = await eventually(panel, (x) => x?.readPictures && x.items.length > 0);
  assert.deepEqual(p.items.map((i) => i.word), ['攻略', '姐妹们', '冲'], 'the note\'s own slang, nothing read yet');
  await clickAt(p.readPictures);
  p = await eventually(panel, (x) => x?.items.length > 3, 300);
  const words = p.items.map((i) => i.word);
  assert.deepEqual(words.slice(0, 3), ['攻略', '姐妹们', '冲'], 'the note first');
  assert.ok(words.slice(3).includes('绝绝子'), `the cover's slang after the note's: ${words.join()}`);
  assert.ok(!words.some((w) => /^[a-z]+$/i.test(w)), `nothing of the panel itself was read: ${words.join()}`);
  assert.equal(p.picturesStatus, '');
  await page.screenshot({ path: join(ARTIFACTS, 'chromium-panel-pictures.png') });
  // The reading view gives the cover's lines their pinyin too.
  const reading = p.tabs.find((t) => t.name === 'reading').rect;
  await clickAt(reading);
  p = await eventually(panel, (x) => x?.rubies.some(([word]) => word === '海景'));
  assert.ok(p.rubies.some(([word, pinyin]) => word === '海景' && pinyin === 'hǎi jǐng'), 'the price line, with pinyin');
  await page.close();
});

test('the extension makes no network request while reading pictures', () => {
  assert.deepEqual(suite.foreignRequests, []);
});
