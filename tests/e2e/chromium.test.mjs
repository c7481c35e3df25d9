// The built extension (dist/chrome) in real headless Chromium, on fixture pages built like
// Xiaohongshu's and served under its host name.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { launchChromium } from './chromium.mjs';
import { SITE_HOSTS, startServer } from './server.mjs';
import { cardProbe, charCentre } from './page-helpers.mjs';

const ARTIFACTS = resolve('target/e2e');
const NOTE = 'http://www.xiaohongshu.com/explore/64b8f0c2000000001e03a1b2';

let server;
let context;
let extensionId;
const foreignRequests = [];

before(async () => {
  server = await startServer();
  await mkdir(ARTIFACTS, { recursive: true });
  ({ context, extensionId } = await launchChromium(server));
  context.on('request', (r) => {
    const url = new URL(r.url());
    if (!SITE_HOSTS.includes(url.hostname) && url.protocol.startsWith('http')) {
      foreignRequests.push(r.url());
    }
  });
  await waitForSegmenter();
});

/** Waits until the background has built its segmenter (hovers before that use longest match). */
async function waitForSegmenter() {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup/popup.html`);
  await page.waitForFunction(
    () => chrome.runtime.sendMessage({ type: 'status' }).then((r) => r?.ok && r.result.segmenterReady),
    null,
    { timeout: 30000, polling: 100 },
  );
  await page.close();
}

after(async () => {
  await context?.close();
  await server?.close();
});

/** The card as the user sees it, read through DevTools (the card's shadow root is closed to pages). */
async function card(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const find = (node) => {
      if (node.localName === 'redlens-card') return node;
      for (const child of node.children ?? []) {
        const found = find(child);
        if (found) return found;
      }
      return null;
    };
    const host = find(root);
    if (!host?.shadowRoots?.length) return null;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: host.shadowRoots[0].backendNodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      returnByValue: true,
      functionDeclaration: cardProbe.toString(),
    });
    return result.value;
  } finally {
    await cdp.detach();
  }
}

/** Moves the pointer onto character `index` of `needle` and waits for the card (or its absence). */
async function hover(page, selector, needle, index = 0, tries = 50) {
  const point = await page.evaluate(charCentre, { selector, needle, index });
  assert.ok(point, `${needle} is on the page`);
  await page.mouse.move(point.x, point.y);
  let last = null;
  for (let i = 0; i < tries; i++) {
    await page.waitForTimeout(100);
    last = await card(page);
    if (last) return { card: last, point };
  }
  return { card: null, point };
}

/** A new tab on a fixture page (the note by default), once the segmenter is built; its page errors. */
async function openPage(path = null) {
  // Chrome stops an idle background after about 30 s; answers in context need the segmenter again.
  await waitForSegmenter();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(path ? `http://www.xiaohongshu.com/${path}` : NOTE);
  return { page, errors };
}

test('hovering yyds explains the abbreviation', async () => {
  const { page, errors } = await openPage();
  const { card: c, point } = await hover(page, '#detail-title', 'yyds', 2);
  assert.ok(c, 'a card appears');
  assert.equal(c.headwords[0], 'yyds');
  assert.ok(c.badges.includes('abbreviation'), c.badges.join());
  assert.match(c.meaning, /GOAT/);
  assert.match(c.text, /永远的神/);
  assert.ok(point.y < c.rect.top || point.y > c.rect.bottom, 'the card does not cover the word');
  const gap = point.y < c.rect.top ? c.rect.top - point.y : point.y - c.rect.bottom;
  assert.ok(gap < 40 && c.rect.left <= point.x && point.x <= c.rect.right, `the card is next to the word: ${JSON.stringify(c.rect)}`);
  await page.screenshot({ path: join(ARTIFACTS, 'chromium-yyds.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a meme split over spans is explained whole', async () => {
  const { page } = await openPage();
  const { card: c } = await hover(page, '#detail-desc', '尊嘟假嘟', 2);
  assert.equal(c?.headwords[0], '尊嘟假嘟');
  assert.ok(c.badges.includes('slang'));
  assert.deepEqual(c.parts, ['尊', '嘟', '假', '嘟']);
  assert.deepEqual(c.toneClasses, ['tone1', 'tone1', 'tone3', 'tone1']);
  await page.screenshot({ path: join(ARTIFACTS, 'chromium-meme.png') });
  await page.close();
});

test('an idiom, a plain word and a traditional word', async () => {
  const { page } = await openPage();
  const idiom = (await hover(page, '#detail-desc', '画蛇添足', 1)).card;
  assert.equal(idiom?.headwords[0], '画蛇添足');
  assert.ok(idiom.badges.includes('idiom'));
  assert.match(idiom.text, /snake/);
  const word = (await hover(page, '#detail-desc', '好喝', 0)).card;
  assert.equal(word?.headwords[0], '好喝');
  assert.equal(word.pinyin, 'hǎo hē');
  const traditional = (await hover(page, '.comments-container', '這個', 0)).card;
  assert.equal(traditional?.headwords[0], '这个');
  assert.equal(traditional.traditional, '這個');
  await page.close();
});

test('number slang alone, but not a price', async () => {
  const { page } = await openPage();
  const slang = (await hover(page, '#detail-desc', '今天520', 3)).card;
  assert.equal(slang?.headwords[0], '520');
  assert.ok(slang.badges.includes('number slang'));
  const price = (await hover(page, '#detail-desc', '520元', 1)).card;
  assert.notEqual(price?.headwords[0], '520', 'a price gets no number-slang card');
  await page.close();
});

test('a comment inside a shadow root', async () => {
  const { page } = await openPage();
  const c = (await hover(page, '#shadow-comment', '显眼包', 1)).card;
  assert.equal(c?.headwords[0], '显眼包');
  await page.close();
});

test('hostile page CSS does not reach the card', async () => {
  const { page } = await openPage('hostile.html');
  const c = (await hover(page, '#text', 'yyds', 1)).card;
  assert.equal(c?.headwords[0], 'yyds');
  assert.equal(c.fontSize, '14px');
  assert.notEqual(c.color, 'rgb(255, 0, 0)');
  await page.screenshot({ path: join(ARTIFACTS, 'chromium-hostile.png') });
  await page.close();
});

test('the card follows a dark page', async () => {
  const { page } = await openPage('dark.html');
  const c = (await hover(page, '#text', 'yyds', 1)).card;
  assert.equal(c?.headwords[0], 'yyds');
  assert.ok(c.rootClass.split(' ').includes('dark'), c.rootClass);
  assert.equal(c.color, 'rgb(238, 238, 238)');
  await page.screenshot({ path: join(ARTIFACTS, 'chromium-dark.png') });
  const { page: light } = await openPage('hostile.html');
  const l = (await hover(light, '#text', 'yyds', 1)).card;
  assert.ok(!l.rootClass.split(' ').includes('dark'));
  await light.close();
  await page.close();
});

test('a page with a strict CSP', async () => {
  const { page } = await openPage('strict-csp.html');
  const c = (await hover(page, '#text', '躺平', 0)).card;
  assert.equal(c?.headwords[0], '躺平');
  await page.close();
});

test('the background is stopped and the next hover still works', async () => {
  const { page } = await openPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  const c = (await hover(page, '#detail-title', '奶茶', 0)).card;
  assert.equal(c?.headwords[0], '奶茶');
  await page.close();
  await waitForSegmenter();
});

test('Shift steps to the parts, C copies, options change the card', async () => {
  const { page } = await openPage();
  // The page's own copy listener sees what the card copies.
  await page.evaluate(() => window.addEventListener('copy', (e) => (window.copied = e.clipboardData.getData('text/plain'))));
  const c = (await hover(page, '#detail-title', '家人们谁懂啊', 1)).card;
  assert.equal(c?.headwords[0], '家人们谁懂啊');
  await page.keyboard.press('Shift');
  await page.waitForTimeout(100);
  assert.equal((await card(page))?.headwords[0], '家人们', 'Shift steps to the first part');
  await page.keyboard.press('Shift');
  await page.waitForTimeout(100);
  assert.equal((await card(page))?.headwords[0], '谁懂啊');
  await page.keyboard.press('c');
  await page.waitForTimeout(100);
  const copied = await page.evaluate(() => window.copied);
  assert.match(copied, /^谁懂啊\tshéi dǒng a\t/);
  // Zhuyin and no tone colours, from the options page.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options/options.html`);
  await options.selectOption('#pinyinStyle', 'zhuyin');
  await options.selectOption('#toneColors', 'none');
  await page.mouse.move(1, 1);
  const z = (await hover(page, '#detail-desc', '好喝', 0)).card;
  assert.equal(z?.pinyin, 'ㄏㄠˇ ㄏㄜ');
  assert.ok(z.rootClass.includes('tones-none'));
  await options.selectOption('#pinyinStyle', 'marks');
  await options.selectOption('#toneColors', 'standard');
  await options.close();
  await page.close();
});

test('the popup turns hover off and on', async () => {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
  await popup.waitForFunction(() => document.getElementById('hover').checked);
  await popup.uncheck('#hover');
  const { page } = await openPage();
  assert.equal((await hover(page, '#detail-title', 'yyds', 0, 10)).card, null, 'no card while hover is off');
  await popup.check('#hover');
  await page.mouse.move(1, 1);
  assert.equal((await hover(page, '#detail-title', 'yyds', 0)).card?.headwords[0], 'yyds');
  await popup.close();
  await page.close();
});

test('Escape closes the card', async () => {
  const { page } = await openPage();
  assert.ok((await hover(page, '#detail-title', 'yyds', 0)).card);
  await page.keyboard.press('Escape');
  await page.waitForTimeout(100);
  assert.equal(await card(page), null);
  await page.close();
});

test('the toolbar search finds 躺平 by pinyin, tone numbers and English', async () => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup/popup.html`);
  for (const query of ['tangping', 'tang3ping2', 'lie flat']) {
    await page.fill('#query', query);
    await page.waitForFunction(
      () => [...document.querySelectorAll('#results .hanzi')].some((e) => e.textContent === '躺平'),
      null,
      { timeout: 10000 },
    );
  }
  await page.screenshot({ path: join(ARTIFACTS, 'chromium-popup.png') });
  await page.close();
});

/** The texts marked by annotation mode (the highlight registry is the document's, seen by the page). */
function markedTexts(page) {
  return page.evaluate(() => [...(CSS.highlights.get('redlens-marks') ?? [])].map((r) => r.toString()).sort());
}

async function waitForMarks(page, wanted) {
  let marks = [];
  for (let i = 0; i < 50; i++) {
    marks = await markedTexts(page);
    if (wanted.every((w) => marks.includes(w))) return marks;
    await page.waitForTimeout(100);
  }
  assert.fail(`marks ${JSON.stringify(marks)} lack some of ${JSON.stringify(wanted)}`);
}

test('annotation marks slang in the note and comments, and follows new content', async () => {
  const { page, errors } = await openPage();
  const marks = await waitForMarks(page, ['yyds', '尊嘟假嘟', '画蛇添足', 'xswl', '666', '[笑哭R]']);
  assert.ok(!marks.includes('好喝'), 'plain words are not marked');
  assert.ok(!marks.includes('520元') && marks.filter((m) => m === '520').length === 1, 'the price is not marked');
  // Comments that load later, as on scroll.
  await page.evaluate(() => {
    const item = document.createElement('div');
    item.className = 'parent-comment';
    item.innerHTML = '<div class="comment-item"><div class="content"><span class="note-text"><span>绝绝子，真的会谢</span></span></div></div>';
    document.querySelector('.list-container').append(item);
  });
  await waitForMarks(page, ['绝绝子']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('annotation follows recycled feed cards', async () => {
  const { page } = await openPage('explore');
  await waitForMarks(page, ['打工人', '躺平', 'yyds']);
  // The feed reuses a card's node for another note: the marks must follow the new text.
  await page.evaluate(() => {
    document.querySelectorAll('.note-item .title span')[2].textContent = '这个显眼包是谁';
  });
  await waitForMarks(page, ['显眼包']);
  await page.screenshot({ path: join(ARTIFACTS, 'chromium-feed.png') });
  await page.close();
});

test('text behind a transparent overlay', async () => {
  const { page } = await openPage('frames.html');
  const c = (await hover(page, '#covered', '松弛感', 1)).card;
  assert.equal(c?.headwords[0], '松弛感');
  await page.close();
});

test('a same-origin iframe: the card is drawn in the top frame', async () => {
  const { page } = await openPage('frames.html');
  const frame = page.frames().find((f) => f.url().endsWith('/frame-inner.html'));
  await frame.waitForSelector('#inner');
  const inner = await frame.evaluate(charCentre, { selector: '#inner', needle: '绝绝子', index: 1 });
  const box = await page.evaluate(() => {
    const f = document.getElementById('frame');
    const r = f.getBoundingClientRect();
    return { x: r.left + f.clientLeft, y: r.top + f.clientTop };
  });
  await page.mouse.move(box.x + inner.x, box.y + inner.y);
  let c = null;
  for (let i = 0; i < 50 && !c; i++) {
    await page.waitForTimeout(100);
    c = await card(page);
  }
  assert.equal(c?.headwords[0], '绝绝子', 'the card is in the top document');
  assert.ok(c.rect.top > box.y + inner.y, 'below the word, in top-frame coordinates');
  await page.screenshot({ path: join(ARTIFACTS, 'chromium-iframe.png') });
  await page.close();
});

test('the single-page app: a note opened with pushState and replies shown on click get marks', async () => {
  const { page } = await openPage('explore');
  await waitForMarks(page, ['躺平']);
  await page.click('section.note-item');
  assert.match(page.url(), /\/explore\/64b8f0c2000000001e03a1b3$/);
  await waitForMarks(page, ['班味', '摆烂', 'citywalk']);
  await page.click('.show-more');
  await waitForMarks(page, ['社死']);
  const c = (await hover(page, '#detail-desc', '摆烂', 0)).card;
  assert.equal(c?.headwords[0], '摆烂');
  await page.close();
});

test('the extension makes no network request', () => {
  assert.deepEqual(foreignRequests, []);
});
