// The playground (dist/www) in real headless Chromium, served as plain static files by the same server
// `./build.sh serve` runs: text from the address, marks and cards, mouse, touch and keyboard, search,
// the glossary, the shared link, the offline second visit, and no request anywhere but the site.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serveSite } from '../../www/serve.mjs';
import { until } from './page-helpers.mjs';

const ARTIFACTS = resolve('target/e2e');
const TEXT = '家人们谁懂啊😭这家店的奶茶真的yyds！\n老板说加珍珠是画蛇添足[笑哭R]';

let site;
let browser;
const requests = [];

before(async () => {
  site = await serveSite('dist/www');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
});

after(async () => {
  await browser?.close();
  await site?.close();
});

/** A new page in a context of its own (touch or not), its requests recorded. */
async function open(query = '', { touch = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, hasTouch: touch, isMobile: false });
  const own = []; // this context's requests, service worker included
  context.on('request', (r) => {
    requests.push(r.url());
    own.push(r.url());
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${site.url}${query}`);
  return { page, context, errors, requests: own };
}

/** The address of a text: in the fragment, which the browser never sends to the server. */
const withText = (text) => `#${new URLSearchParams({ text })}`;
/** The text in an address's fragment. */
const textIn = (address) => new URLSearchParams(new URL(address).hash.slice(1)).get('text');

/** What the open card shows, or null. */
function cardOf(page) {
  return page.evaluate(() => {
    const card = document.querySelector('#card-layer .card');
    if (!card) return null;
    return {
      role: card.getAttribute('role'),
      label: card.getAttribute('aria-label'),
      headwords: [...card.querySelectorAll('.entry .headline .hanzi:not(.traditional)')].map((e) => e.textContent),
      badges: [...card.querySelectorAll('.entry:first-of-type .badge')].map((e) => e.textContent),
      text: card.textContent,
    };
  });
}

test('#text= with slang, an idiom and an emoji code gives the right marks, glossary and cards', async () => {
  const { page, context, errors } = await open(withText(TEXT));
  assert.equal(await page.inputValue('#input'), TEXT, 'the box holds the text from the address');
  await page.waitForSelector('.w.mark');
  assert.deepEqual(await page.$$eval('.w.mark', (m) => m.map((e) => e.textContent)), ['家人们谁懂啊', 'yyds', '画蛇添足', '[笑哭R]']);
  // The kind is in each mark's accessible name, not only in its underline.
  assert.deepEqual(await page.$$eval('.w.mark', (m) => m.map((e) => e.getAttribute('aria-label'))), [
    '家人们谁懂啊, slang',
    'yyds, abbreviation',
    '画蛇添足, idiom',
    '[笑哭R], emoji code',
  ]);
  assert.equal(await page.$$eval('.w', (w) => w.filter((e) => e.textContent === '奶茶').length), 1, 'plain words are words too');
  assert.deepEqual(await page.$$eval('#glossary button', (b) => b.map((e) => e.dataset.word)), ['家人们谁懂啊', 'yyds', '画蛇添足', '[笑哭R]']);
  await page.hover('.w.mark >> text=yyds');
  await page.waitForSelector('#card-layer .card');
  const yyds = await cardOf(page);
  assert.equal(yyds.headwords[0], 'yyds');
  assert.ok(yyds.badges.includes('abbreviation'));
  assert.match(yyds.text, /GOAT/);
  assert.equal(yyds.role, 'dialog');
  assert.equal(await page.getAttribute('#card-layer', 'aria-live'), 'polite', 'the card is announced');
  assert.equal(await page.getAttribute('.w.mark >> text=yyds', 'aria-expanded'), 'true');
  await page.screenshot({ path: join(ARTIFACTS, 'site-card.png') });
  await page.hover('.w.mark >> text=画蛇添足');
  await page.waitForFunction(() => document.querySelector('#card-layer .card .hanzi')?.textContent === '画蛇添足');
  const idiom = await cardOf(page);
  assert.ok(idiom.badges.includes('idiom'));
  assert.match(idiom.text, /draw legs on a snake/);
  // Pinyin above the words, on request.
  await page.check('#pinyin');
  await page.waitForSelector('.output ruby');
  assert.equal(await page.textContent('.w.mark:has-text("画蛇添足") rt'), 'huà shé tiān zú');
  assert.deepEqual(errors, []);
  await context.close();
});

test('touch: a tap opens the card and a tap elsewhere closes it', async () => {
  const { page, context } = await open(withText(TEXT), { touch: true });
  await page.waitForSelector('.w.mark');
  await page.tap('.w.mark >> text=画蛇添足');
  await page.waitForSelector('#card-layer .card');
  assert.equal((await cardOf(page)).headwords[0], '画蛇添足');
  await page.tap('header h1');
  await page.waitForFunction(() => !document.querySelector('#card-layer .card'));
  await context.close();
});

test('keyboard: Tab reaches the words, Enter opens a card, Escape closes it and keeps the place', async () => {
  const { page, context } = await open(withText('这家奶茶yyds！'));
  await page.waitForSelector('.w.mark');
  // A word focused before the segmenter's redraw keeps the focus through it.
  const early = await page.evaluate(() => {
    const word = document.querySelector('#output .w');
    word.focus();
    return document.getElementById('output').dataset.segmented === 'true' ? null : word.dataset.start;
  });
  await page.waitForSelector('#output[data-segmented="true"]');
  if (early !== null) assert.equal(await page.evaluate(() => document.activeElement.dataset.start), early);
  await page.focus('#copy-link');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '这');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'yyds');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#card-layer .card');
  assert.equal((await cardOf(page)).headwords[0], 'yyds');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#card-layer .card'));
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'yyds');
  await context.close();
});

test('typing, the examples, the glossary and the shared link', async () => {
  const { page, context } = await open();
  await page.waitForSelector('#loading.done');
  await page.fill('#input', '尊嘟假嘟？栓Q了');
  await page.waitForFunction(() => [...document.querySelectorAll('.w.mark')].map((e) => e.textContent).join() === '尊嘟假嘟,栓Q');
  // The address follows a moment after the typing stops; the marks may come first (the engine's own
  // render when it is ready). Read in the page: page.url() is the browser's report, later still.
  await page.waitForFunction((t) => new URLSearchParams(location.hash.slice(1)).get('text') === t, '尊嘟假嘟？栓Q了');
  const address = await page.evaluate(() => location.href);
  assert.equal(textIn(address), '尊嘟假嘟？栓Q了', 'the address follows the text, in its fragment');
  assert.equal(new URL(address).search, '', 'and not in its query');
  await page.click('#examples button >> text=Citywalk');
  await page.waitForFunction(() => document.querySelector('#glossary button')?.dataset.word === 'citywalk');
  // A glossary line opens its word's card.
  await page.click('#glossary button[data-word="绝绝子"]');
  await page.waitForFunction(() => document.querySelector('#card-layer .card .hanzi')?.textContent === '绝绝子');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.click('#copy-link');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(textIn(link), await page.inputValue('#input'));
  // The link opens the same text, explained; what was typed never reaches the server.
  const again = await context.newPage();
  await again.goto(link);
  await again.waitForFunction(() => document.querySelectorAll('.w.mark').length > 0);
  assert.equal(await again.inputValue('#input'), await page.inputValue('#input'));
  await again.reload();
  await again.waitForFunction(() => document.querySelectorAll('.w.mark').length > 0);
  const typed = [encodeURIComponent('尊嘟'), encodeURIComponent('绝绝子'), '尊嘟', '绝绝子'];
  assert.deepEqual(requests.filter((u) => typed.some((t) => u.includes(t))), [], 'no request carries the text');
  await context.close();
});

test('an old ?text= link still opens its text, which moves into the fragment', async () => {
  const { page, context } = await open(`?text=${encodeURIComponent('这家奶茶yyds！')}`);
  assert.equal(await page.inputValue('#input'), '这家奶茶yyds！');
  await page.waitForSelector('.w.mark');
  assert.equal(await page.textContent('.w.mark'), 'yyds');
  const moved = await page.evaluate(() => location.href);
  assert.equal(new URL(moved).search, '', 'the query is gone from the address');
  assert.equal(textIn(moved), '这家奶茶yyds！');
  await context.close();
});

test('the Translated section: sentence by sentence, the translator offered where the browser has one, each with its fallback and chips', async () => {
  const { page, context } = await open(withText('家人们谁懂啊，这家奶茶yyds！\n姐妹们，尊嘟假嘟？'));
  await page.waitForSelector('#translation .sentence .literal');
  const rows = await page.$$eval('#translation .sentence', (rs) =>
    rs.map((r) => ({
      zh: r.querySelector('.zh').textContent,
      plain: r.querySelector('.plain')?.textContent ?? null,
      chips: [...r.querySelectorAll('.chip b')].map((b) => b.textContent),
    })),
  );
  assert.deepEqual(rows.map((r) => r.zh), ['家人们谁懂啊，这家奶茶yyds！', '姐妹们，尊嘟假嘟？']);
  assert.deepEqual(rows[1].chips, ['姐妹们', '尊嘟假嘟']);
  assert.match(rows[1].plain, /真的假的/);
  // This Chromium has the Translator API but not the language pack: the download is offered (once the
  // browser has answered whether it has the pack, which may come after the sentences are drawn).
  await page.waitForFunction(() => document.querySelector('#translation .intro')?.textContent !== '');
  assert.match(await page.textContent('#translation .intro'), /language pack once/);
  assert.ok(await page.$('#translation .enable'));
  await page.screenshot({ path: join(ARTIFACTS, 'site-translate.png'), fullPage: true });
  await context.close();
});

test('the dictionary search finds 躺平 by pinyin, tone numbers and English', async () => {
  const { page, context } = await open();
  await page.waitForSelector('#loading.done');
  for (const query of ['tangping', 'tang3ping2', 'lie flat', '躺平']) {
    await page.fill('#search', query);
    await page.waitForFunction(() => [...document.querySelectorAll('#results .hanzi')].some((e) => e.textContent === '躺平'), null, {
      timeout: 5000,
    });
  }
  await page.fill('#search', 'qqqqxqqq');
  await page.waitForFunction(() => document.querySelector('#results')?.textContent === 'Nothing found.');
  await context.close();
});

test('a second visit works offline, and the first downloaded the dictionary once', async () => {
  const { page, context, requests: own } = await open();
  await page.waitForSelector('#loading.done');
  // The service worker has kept the site's files.
  await until(page, async () => {
    const reg = await navigator.serviceWorker.ready;
    const keys = await caches.keys();
    return reg.active && keys.length === 1 && (await (await caches.open(keys[0])).match('redlens.dict')) !== undefined;
  }, { timeout: 30000 });
  assert.equal(own.filter((u) => u.endsWith('/redlens.dict')).length, 1, 'the service worker got the page\'s copy instead of downloading it again');
  await context.setOffline(true);
  await page.goto('about:blank');
  await page.goto(`${site.url}${withText('这家奶茶yyds！')}`);
  await page.waitForSelector('.w.mark', { timeout: 20000 });
  assert.equal(await page.textContent('.w.mark'), 'yyds');
  await context.close();
});

test('installable: the manifest is valid; a share of text and a picture, offline, opens explained without the app\'s boilerplate; a picture and text paste', async () => {
  const { page, context, errors } = await open();
  await page.waitForSelector('#loading.done');
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.deepEqual(manifest.errors, [], 'DevTools finds nothing wrong in the manifest');
  const data = JSON.parse(manifest.data);
  assert.equal(data.share_target.method, 'POST');
  assert.ok(data.icons.some((i) => i.sizes === '512x512') && data.icons.some((i) => i.sizes === '192x192'));
  await cdp.detach();
  await until(page, async () => {
    const reg = await navigator.serviceWorker.ready;
    const keys = await caches.keys();
    return reg.active && navigator.serviceWorker.controller && keys.length === 1 && (await (await caches.open(keys[0])).match('redlens.dict')) !== undefined;
  }, { timeout: 30000 });
  await context.setOffline(true);
  // What the RedNote app hands over: a title, its text with a code, a short link and its boilerplate, and
  // a picture; posted as the browser posts a share to the installed app.
  await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 40;
    canvas.height = 30;
    canvas.getContext('2d').fillRect(0, 0, 20, 15);
    const png = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
    const form = document.createElement('form');
    form.method = 'post';
    form.enctype = 'multipart/form-data';
    form.action = 'share';
    const fields = {
      title: '【这家奶茶yyds - 小美 | 小红书 - 你的生活指南】',
      text: '【这家奶茶yyds - 小美 | 小红书 - 你的生活指南】 😆 aBc123XyZ 😆 http://xhslink.com/a/AbCdEf 复制本条信息，打开【小红书】App查看精彩内容！',
      url: 'http://xhslink.com/a/AbCdEf',
    };
    for (const [name, value] of Object.entries(fields)) {
      const field = document.createElement('input');
      field.name = name;
      field.value = value;
      form.append(field);
    }
    const file = document.createElement('input');
    file.type = 'file';
    file.name = 'images';
    const dt = new DataTransfer();
    dt.items.add(new File([png], 'screenshot.png', { type: 'image/png' }));
    file.files = dt.files;
    form.append(file);
    document.body.append(form);
    form.submit();
  });
  await page.waitForSelector('.w.mark', { timeout: 20000 });
  assert.equal(await page.inputValue('#input'), '这家奶茶yyds - 小美', 'the title, without links, codes or the app\'s lines');
  assert.equal(await page.textContent('.w.mark'), 'yyds');
  await page.waitForFunction(() => document.querySelector('#picture-list img')?.naturalWidth === 40);
  assert.equal(await page.isVisible('#pictures'), true, 'the picture is shown');
  // Offline before the picture reader's first use: a clear error, not a hang.
  await page.waitForFunction(() => /could not be read/.test(document.querySelector('#picture-list .picture.failed figcaption')?.textContent ?? ''), null, {
    timeout: 20000,
  });
  assert.equal(new URLSearchParams(new URL(await page.evaluate(() => location.href)).hash.slice(1)).get('shared'), null, 'the share is gone from the address');
  // A picture pasted into the box is shown the same way.
  await page.goto('about:blank');
  await page.goto(site.url);
  await page.waitForSelector('#loading.done', { timeout: 20000 });
  await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 24;
    canvas.height = 24;
    const png = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
    const dt = new DataTransfer();
    dt.items.add(new File([png], 'pasted.png', { type: 'image/png' }));
    document.getElementById('input').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => document.querySelector('#picture-list img')?.naturalWidth === 24);
  // Text copied elsewhere and pasted with the keyboard, through the browser's real clipboard.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  await page.evaluate(() => navigator.clipboard.writeText('栓Q了，这个价格真的绝绝子'));
  await page.fill('#input', '');
  await page.focus('#input');
  await page.keyboard.press('Control+V');
  await page.waitForFunction(() => [...document.querySelectorAll('.w.mark')].map((e) => e.textContent).join() === '栓Q,绝绝子');
  assert.equal(await page.inputValue('#input'), '栓Q了，这个价格真的绝绝子');
  assert.deepEqual(errors, []);
  await context.close();
});

/** Runs in the page: a PNG (bytes, as an array) of Chinese lines drawn in the system's CJK font, black
 *  on a pale gradient, as a cover's title; no lines gives a picture without text. */
async function drawPicture(lines) {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 120 + lines.length * 110;
  const g = canvas.getContext('2d');
  const fill = g.createLinearGradient(0, 0, 0, canvas.height);
  fill.addColorStop(0, '#fff4f0');
  fill.addColorStop(1, '#ffe0d6');
  g.fillStyle = fill;
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#222';
  g.font = 'bold 64px "Noto Sans CJK SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", sans-serif';
  g.textBaseline = 'top';
  lines.forEach((line, i) => g.fillText(line, 40, 60 + i * 110));
  const png = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  return [...new Uint8Array(await png.arrayBuffer())];
}

const PICTURE_LINES = ['家人们谁懂啊', '这家奶茶真的绝绝子'];
/** The picture reader's files: none of them may load before a picture is given. */
const isOcr = (url) => /\/ocr-worker\.js$|\/ocr\//.test(url);

test('pictures: pasted, chosen, dropped and shared pictures are read in a worker, outlined and explained; the reader loads on first use and then works offline', async () => {
  const { page, context, errors, requests: own } = await open();
  await page.waitForSelector('#loading.done');
  await until(page, async () => navigator.serviceWorker.controller && (await caches.keys()).some((k) => k.startsWith('redlens-playground-')), {
    timeout: 30000,
  });
  assert.deepEqual(own.filter(isOcr), [], 'nothing of the picture reader loads at the page\'s start');
  assert.deepEqual(await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('redlens-ocr-'))), [], 'nor is it precached');

  // Pasted into the box.
  const png = await page.evaluate(drawPicture, PICTURE_LINES);
  await page.evaluate((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'cover.png', { type: 'image/png' }));
    document.getElementById('input').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, png);
  await page.waitForSelector('#picture-list .boxes .line', { timeout: 120000 });
  assert.ok(own.some((u) => u.endsWith('/ocr-worker.js')), 'the picture is read in the worker');
  assert.deepEqual(await page.$$eval('#picture-list .boxes .line', (ls) => ls.map((l) => l.dataset.text)), PICTURE_LINES);
  assert.equal(await page.inputValue('#input'), PICTURE_LINES.join('\n'), 'the text read is in the box');
  await page.waitForFunction(() => [...document.querySelectorAll('.w.mark')].map((e) => e.textContent).join() === '家人们谁懂啊,绝绝子');
  // The outlines are drawn over the picture, each around its line.
  const drawn = await page.evaluate(() => {
    const img = document.querySelector('#picture-list img').getBoundingClientRect();
    return [...document.querySelectorAll('#picture-list .boxes .line')].map((l) => {
      const r = l.getBoundingClientRect();
      return { inside: r.left >= img.left - 1 && r.right <= img.right + 1 && r.top >= img.top - 1 && r.bottom <= img.bottom + 1, width: r.width, height: r.height };
    });
  });
  assert.ok(drawn.every((b) => b.inside && b.width > 100 && b.height > 20), JSON.stringify(drawn));
  await page.hover('.w.mark >> text=绝绝子');
  await page.waitForFunction(() => document.querySelector('#card-layer .card .hanzi')?.textContent === '绝绝子');
  // A click on a line's outline explains that line.
  await page.click('#picture-list .boxes .line >> nth=0');
  await page.waitForFunction(() => document.querySelector('#card-layer .card .hanzi')?.textContent === '家人们谁懂啊');
  assert.equal(await page.getAttribute('#picture-list .boxes .line >> nth=0', 'class'), 'line picked');
  await page.screenshot({ path: join(ARTIFACTS, 'site-picture.png'), fullPage: true });

  // Chosen with the button: a picture without text says so; a text typed before is kept.
  await page.fill('#input', '栓Q了');
  const blank = await page.evaluate(drawPicture, []);
  await page.setInputFiles('#picture-file', { name: 'blank.png', mimeType: 'image/png', buffer: Buffer.from(blank) });
  await page.waitForFunction(() => document.querySelector('#picture-list figcaption')?.textContent === 'No text found in this picture.', null, { timeout: 60000 });
  assert.equal(await page.inputValue('#input'), '栓Q了');
  // Dropped: a damaged file is a clear error, and a picture beside it is still read.
  await page.evaluate(async (bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0])], 'broken.png', { type: 'image/png' }));
    dt.items.add(new File([new Uint8Array(bytes)], 'cover.png', { type: 'image/png' }));
    document.querySelector('section.write').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, png);
  await page.waitForFunction(() => document.querySelectorAll('#picture-list .boxes .line').length === 2, null, { timeout: 60000 });
  assert.match(await page.textContent('#picture-list .picture.failed figcaption'), /broken\.png could not be opened/);
  assert.equal(await page.inputValue('#input'), `栓Q了\n${PICTURE_LINES.join('\n')}`);

  // The reader was kept on its first use: offline, a shared picture is read.
  await until(page, async () => {
    const name = (await caches.keys()).find((k) => k.startsWith('redlens-ocr-'));
    return name && (await (await caches.open(name)).keys()).length >= 6;
  }, { timeout: 30000 });
  await context.setOffline(true);
  await page.goto('about:blank');
  await page.goto(site.url);
  await page.waitForSelector('#loading.done', { timeout: 20000 });
  await page.evaluate(async (bytes) => {
    const form = document.createElement('form');
    form.method = 'post';
    form.enctype = 'multipart/form-data';
    form.action = 'share';
    const file = document.createElement('input');
    file.type = 'file';
    file.name = 'images';
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'screenshot.png', { type: 'image/png' }));
    file.files = dt.files;
    form.append(file);
    document.body.append(form);
    form.submit();
  }, png);
  await page.waitForSelector('#picture-list .boxes .line', { timeout: 120000 });
  assert.equal(await page.inputValue('#input'), PICTURE_LINES.join('\n'));
  await page.waitForFunction(() => [...document.querySelectorAll('.w.mark')].map((e) => e.textContent).join() === '家人们谁懂啊,绝绝子');
  assert.deepEqual(errors, []);
  await context.close();
});

test('no request leaves the site', () => {
  assert.ok(requests.length > 0);
  // Object URLs (blob:) of the site's own origin are the pictures shown in the page, not requests.
  const foreign = requests.filter((u) => !u.startsWith(site.url) && !u.startsWith(`blob:${site.url}`));
  assert.deepEqual(foreign, []);
});
