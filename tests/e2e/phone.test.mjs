// The built extension (dist/chrome) in headless Chromium emulating a phone (390 × 844, touch, a mobile
// user agent), on a fixture of Xiaohongshu's mobile web note page (/discovery/item/<id>), which blocks
// text selection. What a finger does: tap, scroll, long press, the puck, the bottom-sheet panel, and the
// extension's own pages on a narrow screen.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PHONE, probeShadow, segmenterReady } from './chromium.mjs';
import { ARTIFACTS, chromiumSuite } from './suite.mjs';
import { cardProbe, charCentre, eventually, highlightTexts, marksOf, panelProbe } from './page-helpers.mjs';

const MOBILE_NOTE = 'http://www.xiaohongshu.com/discovery/item/64b8f0c2000000001e03a1b2';
/** The smallest touch target a finger can hit reliably (CSS pixels). */
const TOUCH_TARGET = 44;
/** How far above its centre the puck looks (content/puck.js). */
const PUCK_REACH = 46;

const suite = chromiumSuite({ phone: true, segmenter: false });

const card = (page) => probeShadow(page, 'card', cardProbe);
const panel = (page) => probeShadow(page, 'panel', panelProbe);
/** Where the puck is (its rect), or null. */
const puck = (page) => probeShadow(page, 'puck', function () {
  return this.querySelector('.puck')?.getBoundingClientRect().toJSON() ?? null;
});

async function openNote() {
  await segmenterReady(suite.context, suite.extensionId);
  const page = await suite.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => process.env.DBG && console.log('console', m.text()));
  await page.goto(MOBILE_NOTE);
  // The content script has started once the puck is there (a touch screen shows it by default).
  assert.ok(await eventually(() => puck(page), Boolean), 'the puck appears on a touch screen');
  return { page, errors };
}

/** The centre of character `index` of `needle` in `selector`. */
async function at(page, selector, needle, index = 0) {
  const point = await page.evaluate(charCentre, { selector, needle, index });
  assert.ok(point, `${needle} is on the page`);
  return point;
}

/** A finger's path through the DevTools protocol: down at the first point, moved through the others in
 *  `steps` each, held `holdMs` at the end, then lifted. */
async function touchPath(page, points, { steps = 6, holdMs = 0 } = {}) {
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, p) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: p ? [{ x: p.x, y: p.y }] : [] });
  try {
    await touch('touchStart', points[0]);
    for (let i = 1; i < points.length; i++) {
      const [a, b] = [points[i - 1], points[i]];
      for (let s = 1; s <= steps; s++) {
        await touch('touchMove', { x: a.x + ((b.x - a.x) * s) / steps, y: a.y + ((b.y - a.y) * s) / steps });
        await sleep(16);
      }
    }
    if (holdMs) await sleep(holdMs);
    await touch('touchEnd');
  } finally {
    await cdp.detach();
  }
}

/** Taps a place of the note where there is no text (its picture, or the blank end of a short line),
 *  clear of the card's `rect` and of the puck. */
async function tapBlank(page, rect) {
  const spots = await page.evaluate(() => {
    const box = (s) => document.querySelector(s).getBoundingClientRect();
    const slide = box('.slide');
    const lineEnds = ['.author-container', '.date', '.engage-bar-container', '.comment-item .name'].map((s) => ({
      x: box(s).right - 4,
      y: box(s).top + box(s).height / 2,
    }));
    return [0.1, 0.5, 0.9].map((f) => ({ x: slide.x + slide.width / 2, y: slide.y + slide.height * f })).concat(lineEnds);
  });
  const clear = (p, r) => p.y < r.top || p.y > r.bottom || p.x < r.left || p.x > r.right;
  const handle = await puck(page);
  const spot = spots.find((p) => p.y > 0 && p.y < page.viewportSize().height && clear(p, rect) && clear(p, handle));
  assert.ok(spot, `some blank place is clear of the card and the puck: ${JSON.stringify({ rect, handle, spots })}`);
  await page.touchscreen.tap(spot.x, spot.y);
}

test('a tap explains the word tapped, a tap elsewhere closes the card, on a page that blocks selection', async () => {
  const { page, errors } = await openNote();
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.desc')).userSelect), 'none');
  // The marks come on the mobile note: title, body and comments.
  const marked = await eventually(async () => marksOf(await page.evaluate(highlightTexts)), (m) => m.includes('xswl'));
  for (const w of ['yyds', '绝绝子', 'xswl', '种草']) assert.ok(marked.includes(w), `${w} marked: ${marked}`);
  const yyds = await at(page, '.note-content .title', 'yyds', 1);
  await page.touchscreen.tap(yyds.x, yyds.y);
  const shown = await eventually(() => card(page), (c) => c?.headwords[0] === 'yyds');
  assert.equal(shown?.headwords[0], 'yyds');
  // The card fits the phone's width, and its buttons are touch targets.
  assert.ok(shown.rect.left >= 0 && shown.rect.right <= PHONE.viewport.width, `card inside the screen: ${JSON.stringify(shown.rect)}`);
  for (const button of [shown.saveButton, shown.listenButton]) assert.ok(button.height >= TOUCH_TARGET && button.width >= TOUCH_TARGET);
  await page.screenshot({ path: join(ARTIFACTS, 'phone-tap.png') });
  // A tap on the picture, where there is no word, closes the card.
  await tapBlank(page, shown.rect);
  assert.equal(await eventually(() => card(page), (c) => c === null), null);
  // Another word, in the body.
  const jjz = await at(page, '.desc', '绝绝子', 1);
  await page.touchscreen.tap(jjz.x, jjz.y);
  assert.equal((await eventually(() => card(page), (c) => c?.headwords[0] === '绝绝子'))?.headwords[0], '绝绝子');
  // The card's own Save button takes a tap.
  const saved = await card(page);
  await page.touchscreen.tap(saved.saveButton.x + saved.saveButton.width / 2, saved.saveButton.y + saved.saveButton.height / 2);
  assert.equal((await eventually(() => card(page), (c) => c?.saved === 'true'))?.saved, 'true');
  await tapBlank(page, saved.rect);
  assert.equal(await eventually(() => card(page), (c) => c === null), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a scroll or a long press that starts on a word is not a tap', async () => {
  const { page, errors } = await openNote();
  const word = await at(page, '.desc', '老板', 0);
  // A swipe up from the word scrolls the page, and opens no card.
  await touchPath(page, [word, { x: word.x, y: word.y - 220 }]);
  assert.ok((await page.evaluate(() => scrollY)) > 0, 'the page scrolled');
  // A swipe flings: wait until the page stands still (a scroll closes any card).
  let last = -1;
  await eventually(async () => [last, (last = await page.evaluate(() => scrollY))], ([a, b]) => a === b, 50);
  await page.evaluate(() => scrollTo(0, 0));
  assert.equal(await eventually(() => card(page), (c) => c !== null, 10), null);
  // A long press on a word (the system's gesture) opens no card either.
  const again = await at(page, '.desc', '老板', 0);
  await touchPath(page, [again], { holdMs: 900 });
  assert.equal(await eventually(() => card(page), (c) => c !== null, 10), null);
  // While a quick tap on the same word does.
  await page.touchscreen.tap(again.x, again.y);
  assert.equal((await eventually(() => card(page), (c) => c?.headwords[0] === '老板'))?.headwords[0], '老板');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the puck: dragged under a word, it explains the word above it, and the card opens above', async () => {
  const { page, errors } = await openNote();
  const start = await puck(page);
  assert.ok(start.width >= TOUCH_TARGET && start.height >= TOUCH_TARGET, 'the puck is a touch target');
  assert.ok(start.right <= PHONE.viewport.width && start.bottom <= PHONE.viewport.height, 'the puck is on the screen');
  const centre = { x: start.x + start.width / 2, y: start.y + start.height / 2 };
  // Drag it so that the point it looks at (just above it) passes over 种草 and stops on it.
  const word = await at(page, '.comment-list', '种草', 0);
  await touchPath(page, [centre, { x: word.x + 40, y: word.y + PUCK_REACH + 60 }, { x: word.x, y: word.y + PUCK_REACH }], { steps: 8 });
  const shown = await eventually(() => card(page), (c) => c?.headwords[0] === '种草');
  assert.equal(shown?.headwords[0], '种草');
  assert.ok(shown.rect.bottom <= word.y, `the card is above the word, clear of the finger: ${JSON.stringify(shown.rect)}`);
  // Let go, it stays where it was left, and so does the card.
  const left = await puck(page);
  assert.ok(Math.abs(left.x + left.width / 2 - word.x) < 2, `the puck stayed where it was let go: ${JSON.stringify(left)}`);
  assert.equal((await card(page))?.headwords[0], '种草');
  // The page saw nothing of the drag: it did not scroll.
  assert.equal(await page.evaluate(() => scrollY), 0);
  await page.screenshot({ path: join(ARTIFACTS, 'phone-puck.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the post panel is a bottom sheet on a phone, with touch-sized tabs, and lists the mobile note\'s slang', async () => {
  const { page, errors } = await openNote();
  const closed = await eventually(() => panel(page), (p) => p?.button);
  assert.ok(closed?.button, 'the panel button is shown on the mobile note');
  assert.ok(closed.button.height >= TOUCH_TARGET);
  await page.touchscreen.tap(closed.button.x + closed.button.width / 2, closed.button.y + closed.button.height / 2);
  const open = await eventually(() => panel(page), (p) => p?.open && p.items.length > 0);
  const words = open.items.map((i) => i.word);
  for (const w of ['yyds', '绝绝子', 'xswl', '种草']) assert.ok(words.includes(w), `${w} in ${words}`);
  assert.ok(words.indexOf('yyds') < words.indexOf('绝绝子') && words.indexOf('绝绝子') < words.indexOf('xswl'), `title, body, comments in order: ${words}`);
  const sheet = await probeShadow(page, 'panel', function () {
    return this.querySelector('.panel').getBoundingClientRect().toJSON();
  });
  assert.equal(Math.round(sheet.bottom), PHONE.viewport.height);
  assert.equal(Math.round(sheet.width), PHONE.viewport.width);
  assert.ok(sheet.top > PHONE.viewport.height / 3, `the note stays visible above the sheet: ${JSON.stringify(sheet)}`);
  for (const tab of open.tabs) {
    assert.ok(tab.rect.height >= TOUCH_TARGET, `tab ${tab.name} is a touch target`);
    assert.ok(tab.rect.right <= PHONE.viewport.width - TOUCH_TARGET, `tab ${tab.name} is in view beside the close button`);
  }
  // The puck steps aside while the sheet covers the bottom of the screen, and comes back after.
  assert.equal((await puck(page))?.width ?? 0, 0, 'no puck over the sheet');
  await page.screenshot({ path: join(ARTIFACTS, 'phone-panel.png') });
  const close = await probeShadow(page, 'panel', function () {
    return this.querySelector('.close').getBoundingClientRect().toJSON();
  });
  assert.ok(close.width >= TOUCH_TARGET && close.height >= TOUCH_TARGET, 'the close button is a touch target');
  await page.touchscreen.tap(close.x + close.width / 2, close.y + close.height / 2);
  assert.equal((await eventually(() => panel(page), (p) => !p?.open))?.open, false);
  assert.ok((await eventually(() => puck(page), (r) => r?.width > 0))?.width >= TOUCH_TARGET, 'the puck is back');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the popup, the options page, the word list and the first-run page fit a 360 px screen, with touch-sized controls', async () => {
  const page = await suite.context.newPage();
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ['popup/popup.html', 'options/options.html', 'words/words.html', 'welcome/welcome.html']) {
    await page.goto(`chrome-extension://${suite.extensionId}/${path}`);
    await page.waitForLoadState('load');
    await sleep(300); // the pages fill themselves from storage after load
    const layout = await page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      small: [...document.querySelectorAll('button, select, input, a')]
        .filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
        // A checkbox or a file input is reached through its label, which is the target.
        .map((e) => ({ what: e.id || e.className || e.tagName, rect: (e.closest('label') ?? e).getBoundingClientRect() }))
        .filter(({ rect }) => rect.height < 44)
        .map(({ what, rect }) => `${what} ${Math.round(rect.width)}×${Math.round(rect.height)}`),
    }));
    assert.ok(layout.width <= 360, `${path} is ${layout.width} px wide`);
    assert.deepEqual(layout.small, [], `${path}: controls smaller than a finger`);
    await page.screenshot({ path: join(ARTIFACTS, `phone-${path.split('/')[0]}.png`), fullPage: true });
  }
  await page.close();
});

test('the extension makes no network request', () => {
  assert.deepEqual(suite.foreignRequests, []);
});
