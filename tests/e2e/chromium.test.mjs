// The built extension (dist/chrome) in real headless Chromium, on fixture pages built like
// Xiaohongshu's and served under its host name.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchChromium, probeShadow, segmenterReady } from './chromium.mjs';
import { ARTIFACTS, chromiumSuite } from './suite.mjs';
import {
  cardProbe,
  charCentre,
  eventually,
  forgeEvents,
  highlightTexts,
  hostBoxes,
  hostCount,
  marksOf,
  panelProbe,
  probeSource,
  until,
  watchForCards,
} from './page-helpers.mjs';

const NOTE = 'http://www.xiaohongshu.com/explore/64b8f0c2000000001e03a1b2';

const suite = chromiumSuite();

/** Waits until the background has built its segmenter (hovers before that use longest match). */
const waitForSegmenter = () => segmenterReady(suite.context, suite.extensionId);

/** The card as the user sees it. */
const card = (page) => probeShadow(page, 'card', cardProbe);
/** The post panel as the user sees it. */
const panel = (page) => probeShadow(page, 'panel', panelProbe);

/** Waits until the card probe (null without a card) satisfies `ok`; returns the last probe. */
const cardUntil = (page, ok, tries) => eventually(() => card(page), ok, tries);
/** Waits until there is a panel and its probe satisfies `ok`; returns the last probe. */
const panelUntil = (page, ok, tries) => eventually(() => panel(page), (p) => p && ok(p), tries);

/** Moves the pointer onto character `index` of `needle` and waits for the card (or its absence). */
async function hover(page, selector, needle, index = 0, tries = 50) {
  const point = await page.evaluate(charCentre, { selector, needle, index });
  assert.ok(point, `${needle} is on the page`);
  await page.mouse.move(point.x, point.y);
  return { card: await cardUntil(page, Boolean, tries), point };
}

/** A new tab on a fixture page (the note by default), once the segmenter is built; its page errors. */
async function openPage(path = null) {
  // Chrome stops an idle background after about 30 s; answers in context need the segmenter again.
  await waitForSegmenter();
  const page = await suite.context.newPage();
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
  const cdp = await suite.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  const c = (await hover(page, '#detail-title', '奶茶', 0)).card;
  assert.equal(c?.headwords[0], '奶茶');
  await page.close();
  await waitForSegmenter();
});

test('the parts line says what each character does in its word, not what it means alone', async () => {
  const { page } = await openPage();
  // 得 alone is the particle after a verb; in 觉得 it means nothing of its own. 老 alone is "old"; in 老板
  // it is the noun prefix.
  const felt = (await hover(page, '#detail-desc', '觉得', 0)).card;
  assert.equal(felt?.headwords[0], '觉得');
  assert.deepEqual(felt.parts, ['觉', '得']);
  assert.equal(felt.partGlosses[1], '(no meaning of its own in this word)');
  await page.mouse.move(1, 1);
  const boss = (await hover(page, '#detail-desc', '老板', 0)).card;
  assert.equal(boss?.headwords[0], '老板');
  assert.deepEqual(boss.partGlosses, ['(noun prefix)', '(no meaning of its own in this word)']);
  // Stepping to a part shows its sense in the word, not the character's senses alone ("old").
  await page.keyboard.press('Shift');
  const part = await cardUntil(page, (x) => x?.headwords[0] === '老');
  assert.match(part?.text ?? '', /\(noun prefix\)/);
  assert.doesNotMatch(part.text, /\bold\b/);
  await page.close();
});

test('Shift steps to the parts, C copies, options change the card', async () => {
  const { page } = await openPage();
  // The page's own copy listener sees what the card copies.
  await page.evaluate(() => window.addEventListener('copy', (e) => (window.copied = e.clipboardData.getData('text/plain'))));
  const c = (await hover(page, '#detail-title', '家人们谁懂啊', 1)).card;
  assert.equal(c?.headwords[0], '家人们谁懂啊');
  await page.keyboard.press('Shift');
  assert.equal((await cardUntil(page, (x) => x?.headwords[0] !== '家人们谁懂啊'))?.headwords[0], '家人们', 'Shift steps to the first part');
  await page.keyboard.press('Shift');
  assert.equal((await cardUntil(page, (x) => x?.headwords[0] !== '家人们'))?.headwords[0], '谁懂啊');
  await page.keyboard.press('c');
  const copied = await until(page, () => window.copied);
  assert.match(copied, /^谁懂啊\tshéi dǒng a\t/);
  // Zhuyin and no tone colours, from the options page.
  const options = await suite.context.newPage();
  await options.goto(`chrome-extension://${suite.extensionId}/options/options.html`);
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

test('the popup turns hover off and on, and an open options page follows', async () => {
  const options = await suite.context.newPage();
  await options.goto(`chrome-extension://${suite.extensionId}/options/options.html`);
  await options.waitForSelector('#trigger');
  const popup = await suite.context.newPage();
  await popup.goto(`chrome-extension://${suite.extensionId}/popup/popup.html`);
  await popup.waitForFunction(() => document.getElementById('hover').checked);
  await popup.uncheck('#hover');
  await options.waitForFunction(() => document.getElementById('trigger').value === 'off');
  const { page } = await openPage();
  assert.equal((await hover(page, '#detail-title', 'yyds', 0, 10)).card, null, 'no card while hover is off');
  await popup.check('#hover');
  await options.waitForFunction(() => document.getElementById('trigger').value === 'hover');
  await options.close();
  await page.mouse.move(1, 1);
  assert.equal((await hover(page, '#detail-title', 'yyds', 0)).card?.headwords[0], 'yyds');
  await popup.close();
  await page.close();
});

test('Escape closes the card', async () => {
  const { page } = await openPage();
  assert.ok((await hover(page, '#detail-title', 'yyds', 0)).card);
  await page.keyboard.press('Escape');
  assert.equal(await cardUntil(page, (x) => x === null), null);
  await page.close();
});

test('the toolbar search finds 躺平 by pinyin, tone numbers and English', async () => {
  const page = await suite.context.newPage();
  await page.goto(`chrome-extension://${suite.extensionId}/popup/popup.html`);
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
async function markedTexts(page) {
  return marksOf(await page.evaluate(highlightTexts));
}

async function waitForMarks(page, wanted) {
  const hasAll = (marks) => wanted.every((w) => marks.includes(w));
  const marks = await eventually(() => markedTexts(page), hasAll);
  assert.ok(hasAll(marks), `marks ${JSON.stringify(marks)} lack some of ${JSON.stringify(wanted)}`);
  return marks;
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

/** On frames.html, moves the pointer onto 绝绝子 inside the iframe and waits for the card; returns the
 *  card and the point in top-frame coordinates. */
async function hoverInFrame(page) {
  const frame = page.frames().find((f) => f.url().endsWith('/frame-inner.html'));
  await frame.waitForSelector('#inner');
  const inner = await frame.evaluate(charCentre, { selector: '#inner', needle: '绝绝子', index: 1 });
  const box = await page.evaluate(() => {
    const f = document.getElementById('frame');
    const r = f.getBoundingClientRect();
    return { x: r.left + f.clientLeft, y: r.top + f.clientTop };
  });
  const point = { x: box.x + inner.x, y: box.y + inner.y };
  await page.mouse.move(point.x, point.y);
  return { card: await cardUntil(page, Boolean), point };
}

test('a same-origin iframe: the card is drawn in the top frame', async () => {
  const { page } = await openPage('frames.html');
  const { card: c, point } = await hoverInFrame(page);
  assert.equal(c?.headwords[0], '绝绝子', 'the card is in the top document');
  assert.ok(c.rect.top > point.y, 'below the word, in top-frame coordinates');
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

/** The saved words as stored, read from an extension page. */
function storedWords(page) {
  return page.evaluate(async () => {
    const all = await chrome.storage.local.get(null);
    return Object.entries(all).filter(([k]) => k.startsWith('word:')).map(([, v]) => v).sort((a, b) => a.word.localeCompare(b.word));
  });
}

test('S and the save button keep words; the word list shows, edits, exports and imports them', async () => {
  const { page, errors } = await openPage();
  const yyds = (await hover(page, '#detail-title', 'yyds', 1)).card;
  assert.equal(yyds?.saved, 'false', 'not saved yet');
  await page.keyboard.press('s');
  let c = await cardUntil(page, (x) => x?.saved === 'true');
  assert.equal(c?.saved, 'true', 'S saves the word shown');
  await page.mouse.move(1, 1);
  const meme = (await hover(page, '#detail-desc', '尊嘟假嘟', 1)).card;
  assert.equal(meme?.headwords[0], '尊嘟假嘟');
  const b = meme.saveButton;
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
  c = await cardUntil(page, (x) => x?.headwords[0] === '尊嘟假嘟' && x.saved === 'true');
  assert.equal(c?.saved, 'true', 'the button saves the word shown');
  // A saved word shows as saved on its cards, later and on another page.
  await page.reload();
  assert.equal((await hover(page, '#detail-title', 'yyds', 2)).card?.saved, 'true');
  assert.deepEqual(errors, []);
  await page.close();

  const list = await suite.context.newPage();
  await list.goto(`chrome-extension://${suite.extensionId}/words/words.html`);
  await list.waitForSelector('article.word');
  const stored = await storedWords(list);
  assert.deepEqual(stored.map((w) => w.word), ['yyds', '尊嘟假嘟']);
  const y = stored[0];
  assert.equal(y.pinyin, 'yǒng yuǎn de shén');
  assert.match(y.meaning, /GOAT/);
  assert.equal(y.sentence, '家人们谁懂啊，这家奶茶yyds！');
  assert.equal(y.sentence.slice(y.at, y.at + 4), 'yyds');
  assert.equal(y.url, NOTE);
  assert.equal(y.title, '小红书 - 笔记');
  assert.ok(y.tags.includes('abbreviation'));
  assert.equal(stored[1].sentence, '姐妹们，尊嘟假嘟？');
  // Grouped under the day saved; the word is marked in its sentence; the source links to the page.
  assert.deepEqual(await list.$$eval('h2.day', (h) => h.map((e) => e.textContent)), [
    new Date().toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' }),
  ]);
  assert.deepEqual(await list.$$eval('.sentence mark', (m) => m.map((e) => e.textContent).sort()), ['yyds', '尊嘟假嘟']);
  assert.equal(await list.getAttribute('article[data-word="yyds"] .source a', 'href'), NOTE);
  // Search and sort.
  await list.fill('#filter', 'GOAT');
  assert.deepEqual(await list.$$eval('article.word', (a) => a.map((e) => e.dataset.word)), ['yyds']);
  await list.fill('#filter', 'zundu');
  assert.deepEqual(await list.$$eval('article.word', (a) => a.map((e) => e.dataset.word)), ['尊嘟假嘟']);
  await list.fill('#filter', '');
  await list.selectOption('#sort', 'pinyin');
  assert.deepEqual(await list.$$eval('article.word', (a) => a.map((e) => e.dataset.word)), ['yyds', '尊嘟假嘟']);
  assert.equal(await list.$$eval('h2.day', (h) => h.length), 0, 'no day headings when sorted by pinyin');
  // A note, kept in storage.
  await list.fill('article[data-word="尊嘟假嘟"] .note', 'cute spelling of 真的假的\n"really?"\twith a tab');
  await list.click('#title');
  await until(list, async () => {
    const all = await chrome.storage.local.get(null);
    return Object.values(all).some((v) => v?.note?.startsWith('cute'));
  });
  const before = await storedWords(list);
  // Export for Anki, delete everything, import the file back: the same words.
  const [download] = await Promise.all([list.waitForEvent('download'), list.click('#export-anki')]);
  const file = join(ARTIFACTS, 'words-anki.txt');
  await download.saveAs(file);
  assert.match(await list.textContent('#status'), /Exported 2 words/);
  for (const word of ['yyds', '尊嘟假嘟']) await list.click(`article[data-word="${word}"] .delete`);
  await list.waitForSelector('p.empty');
  assert.deepEqual(await storedWords(list), []);
  await list.setInputFiles('#import', file);
  await list.waitForFunction(() => document.getElementById('status').textContent.startsWith('Imported'));
  assert.match(await list.textContent('#status'), /2 new, 0 notes added, 0 already saved, 0 rows skipped/);
  assert.deepEqual(await storedWords(list), before);
  // The CSV too, merged into a list that has the words: nothing doubles.
  const [csv] = await Promise.all([list.waitForEvent('download'), list.click('#export-csv')]);
  const csvFile = join(ARTIFACTS, 'words.csv');
  await csv.saveAs(csvFile);
  await list.setInputFiles('#import', csvFile);
  await list.waitForFunction(() => /already saved/.test(document.getElementById('status').textContent));
  assert.match(await list.textContent('#status'), /0 new, 0 notes added, 2 already saved/);
  assert.deepEqual(await storedWords(list), before);
  // Not a word list: a clear message, nothing changed.
  await list.setInputFiles('#import', { name: 'other.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') });
  await list.waitForFunction(() => /not a word list/.test(document.getElementById('status').textContent));
  assert.deepEqual(await storedWords(list), before);
  await list.screenshot({ path: join(ARTIFACTS, 'chromium-words.png'), fullPage: true });
  // Delete removes one word, and its card no longer shows it as saved.
  await list.click('article[data-word="yyds"] .delete');
  await list.waitForFunction(() => document.querySelectorAll('article.word').length === 1);
  const { page: again } = await openPage();
  assert.equal((await hover(again, '#detail-title', 'yyds', 1)).card?.saved, 'false');
  await again.close();
  await list.close();
});

test('the speaker reads aloud in a Chinese voice, or says there is none', async () => {
  // This headless Chromium has no voices: the card says so instead of failing silently.
  const { page } = await openPage();
  const voices = await page.evaluate(() => new Promise((r) => setTimeout(() => r(speechSynthesis.getVoices().length), 500)));
  assert.equal(voices, 0, 'the test expects a browser without voices');
  await hover(page, '#detail-title', 'yyds', 1);
  await page.keyboard.press('p');
  const c = await cardUntil(page, (x) => x?.status);
  assert.equal(c?.status, 'No Chinese voice is installed on this system.');
  await page.close();
  // With a Chinese voice (only the speech engine is replaced), the word list reads the sentence.
  const list = await suite.context.newPage();
  await list.addInitScript(() => {
    const spoken = (window.spoken = []);
    const voice = { lang: 'zh-CN', name: 'Test Mandarin', default: false, localService: true, voiceURI: 'test' };
    window.SpeechSynthesisUtterance = class {
      constructor(text) {
        this.text = text;
      }
    };
    Object.defineProperty(window, 'speechSynthesis', {
      value: {
        getVoices: () => [{ lang: 'en-US', name: 'English' }, voice],
        speak: (u) => spoken.push({ text: u.text, voice: u.voice.name, lang: u.lang }),
        cancel: () => {},
        addEventListener: () => {},
        removeEventListener: () => {},
      },
    });
  });
  await list.goto(`chrome-extension://${suite.extensionId}/words/words.html`);
  await list.click('article[data-word="尊嘟假嘟"] .speak');
  await list.waitForFunction(() => window.spoken.length === 1);
  assert.deepEqual(await list.evaluate(() => window.spoken), [{ text: '姐妹们，尊嘟假嘟？', voice: 'Test Mandarin', lang: 'zh-CN' }]);
  assert.equal(await list.textContent('#status'), '');
  await list.close();
});

const clickAt = (page, r) => page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);

test('the post panel lists the note\'s slang in order, finds it on the page, and follows new comments', async () => {
  const { page, errors } = await openPage();
  const closed = await panelUntil(page, (p) => p.button);
  assert.ok(closed?.button, 'a note gets the panel button');
  assert.equal(closed.open, false);
  await clickAt(page, closed.button);
  const p = await panelUntil(page, (x) => x.items.length > 0);
  assert.equal(p.view, 'glossary');
  // Title, body, then the comments, each term once, in order of appearance.
  assert.deepEqual(
    p.items.map((i) => i.word),
    ['家人们谁懂啊', 'yyds', '姐妹们', '尊嘟假嘟', '520', '画蛇添足', 'xswl', '666', '[笑哭R]'],
  );
  const yyds = p.items.find((i) => i.word === 'yyds');
  assert.equal(yyds.pinyin, 'yǒng yuǎn de shén');
  assert.equal(yyds.badge, 'abbreviation');
  assert.match(yyds.meaning, /GOAT/);
  assert.equal(p.items.find((i) => i.word === '画蛇添足').badge, 'idiom');
  assert.ok(!p.items.some((i) => i.word === '520元'), 'a price is not listed');
  await page.screenshot({ path: join(ARTIFACTS, 'chromium-panel.png') });

  // Comments that load while the panel is open add their lines; a click finds the term on the page.
  await page.evaluate(() => {
    const list = document.querySelector('.list-container');
    for (let i = 0; i < 40; i++) {
      const filler = document.createElement('div');
      filler.className = 'parent-comment';
      filler.style.height = '60px';
      filler.textContent = '路过';
      list.append(filler);
    }
    const item = document.createElement('div');
    item.className = 'parent-comment';
    const comment = document.createElement('div');
    comment.className = 'comment-item';
    const content = document.createElement('div');
    content.className = 'content';
    const text = document.createElement('span');
    text.className = 'note-text';
    text.textContent = '绝绝子，真的破防了';
    content.append(text);
    comment.append(content);
    item.append(comment);
    list.append(item);
  });
  const more = await panelUntil(page, (x) => x.items.some((i) => i.word === '破防'));
  assert.deepEqual(more.items.slice(-2).map((i) => i.word), ['绝绝子', '破防']);
  const before = await page.evaluate(() => document.querySelector('.parent-comment:last-child .note-text').getBoundingClientRect().top);
  assert.ok(before > 800, 'the new comment is below the fold');
  // The last lines are below the panel's fold: scroll the panel (on the left) to them, as a reader would.
  await page.mouse.move(190, 400);
  await page.mouse.wheel(0, 3000);
  const scrolled = await panelUntil(page, (x) => x.items.at(-1).rect.bottom <= 800);
  const target = scrolled.items.find((i) => i.word === '破防');
  await clickAt(page, target.rect);
  // The flash: a highlight of that one word.
  const flashed = () => page.evaluate(highlightTexts).then((h) => Object.values(h).some((t) => t.join() === '破防'));
  assert.ok(await eventually(flashed, Boolean), 'the word flashes');
  await page.waitForFunction(() => {
    const r = document.querySelector('.parent-comment:last-child .note-text').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  });
  // The flash fades.
  assert.equal(await eventually(flashed, (f) => !f), false, 'the flash fades');

  // Reading view: pinyin over each word, a word-by-word line under each sentence.
  const tab = more.tabs.find((t) => t.name === 'reading');
  await clickAt(page, tab.rect);
  const reading = await panelUntil(page, (x) => x.view === 'reading' && x.rubies.length > 0);
  const rubies = new Map(reading.rubies);
  assert.equal(rubies.get('尊嘟假嘟'), 'zūn dū jiǎ dū');
  assert.equal(rubies.get('画蛇添足'), 'huà shé tiān zú');
  assert.equal(rubies.get('奶茶'), 'nǎi chá');
  assert.ok(!rubies.has('绝绝子'), 'comments are not in the reading view');
  assert.equal(reading.glosses.length, 4, reading.glosses.join('\n'));
  assert.match(reading.glosses[0], /^家人们谁懂啊 .* · 这 this · 家 .* · 奶茶 milk tea · yyds The GOAT$/);
  assert.match(reading.glosses[1], /尊嘟假嘟 Really\?/);
  // Each sentence can be read aloud; this browser has no Chinese voice, and the panel says so.
  const listen = reading.listens.find((b) => b.label === 'Listen: 姐妹们，尊嘟假嘟？');
  assert.ok(listen, reading.listens.map((b) => b.label).join('\n'));
  await clickAt(page, listen.rect);
  assert.equal((await panelUntil(page, (x) => x.status)).status, 'No Chinese voice is installed on this system.');
  await page.screenshot({ path: join(ARTIFACTS, 'chromium-panel-reading.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('"I know up to HSK n" hides the marks and glossary lines of the words known', async () => {
  const { page } = await openPage();
  await clickAt(page, (await panelUntil(page, (p) => p.button)).button);
  assert.ok((await panelUntil(page, (p) => p.items.length > 0)).items.some((i) => i.word === '画蛇添足'));
  await waitForMarks(page, ['画蛇添足', 'yyds']);
  const options = await suite.context.newPage();
  await options.goto(`chrome-extension://${suite.extensionId}/options/options.html`);
  await options.selectOption('#knownHsk', '7');
  const p = await panelUntil(page, (x) => x.items.length > 0 && !x.items.some((i) => i.word === '画蛇添足'));
  assert.deepEqual(p.items.map((i) => i.word), ['家人们谁懂啊', 'yyds', '姐妹们', '尊嘟假嘟', '520', 'xswl', '666', '[笑哭R]']);
  const marked = await eventually(() => markedTexts(page), (m) => m.includes('yyds') && !m.includes('画蛇添足'));
  assert.ok(!marked.includes('画蛇添足'), marked.join());
  await options.selectOption('#knownHsk', '6');
  await panelUntil(page, (x) => x.items.some((i) => i.word === '画蛇添足'));
  await options.selectOption('#knownHsk', '0');
  await options.close();
  await page.close();
});

test('a selection is explained in the panel (the context menu\'s message)', async () => {
  const url = `${NOTE}?tab=selection`; // an address of its own, to find this tab
  const { page } = await openPage(url.replace('http://www.xiaohongshu.com/', ''));
  const popup = await suite.context.newPage();
  await popup.goto(`chrome-extension://${suite.extensionId}/popup/popup.html`);
  // What the context menu item sends to the tab's top frame.
  await popup.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url });
    await chrome.tabs.sendMessage(tab.id, { type: 'explainSelection', text: '今天也是emo的一天，xswl' }, { frameId: 0 });
  }, url);
  const p = await panelUntil(page, (x) => x.open && x.items.length > 0);
  assert.deepEqual(p.items.map((i) => i.word), ['emo', 'xswl']);
  await popup.close();
  await page.close();
});

test('two tabs importing at the same moment lose no word', async () => {
  const { cleanItem } = await import('../../extension/src/shared/wordlist.js');
  const { toCsv } = await import('../../extension/src/words/exchange.js');
  const words = (tag) =>
    Array.from({ length: 30 }, (_, i) => cleanItem({ word: `${tag}${i}`, pinyin: `p${i}`, meaning: `${tag} word ${i}`, sentence: '', added: Date.UTC(2026, 0, 1) + i }));
  const files = ['甲', '乙'].map((tag) => ({ name: `${tag}.csv`, mimeType: 'text/csv', buffer: Buffer.from(toCsv(words(tag))) }));
  const pages = await Promise.all([0, 1].map(() => suite.context.newPage()));
  await Promise.all(pages.map((p) => p.goto(`chrome-extension://${suite.extensionId}/words/words.html`)));
  await Promise.all(pages.map((p, i) => p.setInputFiles('#import', files[i])));
  await Promise.all(pages.map((p) => p.waitForFunction(() => document.getElementById('status').textContent.startsWith('Imported'))));
  const stored = (await storedWords(pages[0])).map((w) => w.word);
  for (const tag of ['甲', '乙']) {
    for (let i = 0; i < 30; i++) assert.ok(stored.includes(`${tag}${i}`), `${tag}${i} is kept`);
  }
  // Clean up: delete them through the page.
  await pages[0].evaluate(async () => {
    const all = await chrome.storage.local.get(null);
    await chrome.storage.local.remove(Object.keys(all).filter((k) => /^word:[甲乙]/.test(k)));
  });
  await Promise.all(pages.map((p) => p.close()));
});

test('a full storage: saving says so on the card, and the words saved before stay', async () => {
  const list = await suite.context.newPage();
  await list.goto(`chrome-extension://${suite.extensionId}/words/words.html`);
  const before = await storedWords(list);
  // Fill storage.local to its quota with values the test owns, in halving sizes until nothing fits.
  await list.evaluate(async () => {
    let n = 0;
    for (let size = 8 * 1024 * 1024; size >= 8; ) {
      try {
        await chrome.storage.local.set({ [`test:filler${n++}`]: 'x'.repeat(size) });
      } catch {
        size = Math.floor(size / 2);
      }
    }
  });
  const { page } = await openPage();
  await hover(page, '#detail-desc', '画蛇添足', 1);
  await page.keyboard.press('s');
  const c = await cardUntil(page, (x) => x?.status);
  assert.match(c?.status ?? '', /^Could not save: .*quota/i);
  assert.equal(c.saved, 'false');
  assert.deepEqual(await storedWords(list), before, 'the words saved before are all there');
  // An import that cannot be written: a message, and not half of it stored.
  const { cleanItem } = await import('../../extension/src/shared/wordlist.js');
  const { toCsv } = await import('../../extension/src/words/exchange.js');
  const many = Array.from({ length: 40 }, (_, i) => cleanItem({ word: `满${i}`, pinyin: `m${i}`, meaning: 'x'.repeat(500), added: 1 + i }));
  await list.setInputFiles('#import', { name: 'full.csv', mimeType: 'text/csv', buffer: Buffer.from(toCsv(many)) });
  await list.waitForFunction(() => /quota/i.test(document.getElementById('status').textContent));
  assert.deepEqual(await storedWords(list), before, 'nothing of the import was stored');
  await list.evaluate(async () => chrome.storage.local.remove(Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith('test:'))));
  await page.close();
  await list.close();
});

test('words and settings survive a browser restart', async () => {
  const first = await launchChromium(suite.server);
  const { toCsv } = await import('../../extension/src/words/exchange.js');
  const { cleanItem } = await import('../../extension/src/shared/wordlist.js');
  const item = cleanItem({ word: '破防', pinyin: 'pò fáng', meaning: 'emotional defences broken', sentence: '看完直接破防了', note: 'kept across restarts', added: Date.UTC(2026, 5, 1) });
  const list = await first.context.newPage();
  await list.goto(`chrome-extension://${first.extensionId}/words/words.html`);
  await list.setInputFiles('#import', { name: 'w.csv', mimeType: 'text/csv', buffer: Buffer.from(toCsv([item])) });
  await list.waitForFunction(() => document.getElementById('status').textContent.startsWith('Imported'));
  const options = await first.context.newPage();
  await options.goto(`chrome-extension://${first.extensionId}/options/options.html`);
  await options.waitForSelector('#pinyinStyle');
  // Two changes in the same moment: both are written (a save that rewrote every setting from its own,
  // by then stale, read lost one of them), and the browser closes once they are, as a user waits for
  // "Saved.".
  await options.evaluate(() => {
    for (const [id, value] of [['knownHsk', '3'], ['pinyinStyle', 'numbers']]) {
      const select = document.getElementById(id);
      select.value = value;
      select.dispatchEvent(new Event('change'));
    }
  });
  await until(options, async () => {
    const { knownHsk, pinyinStyle } = await chrome.storage.sync.get(['knownHsk', 'pinyinStyle']);
    return knownHsk === '3' && pinyinStyle === 'numbers';
  });
  assert.equal(await options.textContent('#saved'), 'Saved.');
  await first.context.close();

  const second = await launchChromium(suite.server, { profile: first.profile });
  try {
    const again = await second.context.newPage();
    await again.goto(`chrome-extension://${second.extensionId}/words/words.html`);
    await again.waitForSelector('article.word');
    assert.deepEqual(await storedWords(again), [item]);
    const settings = await again.evaluate(() => chrome.storage.sync.get(null));
    assert.equal(settings.knownHsk, '3');
    assert.equal(settings.pinyinStyle, 'numbers');
  } finally {
    await second.context.close();
  }
});

// Chrome refuses more than 120 writes a minute to storage.sync, a real fault a script can reach; a
// browser of its own, so that the quota spent here stays out of the other tests.
test('a setting the browser refuses to store: the options page says so and shows the setting in effect', async () => {
  const own = await launchChromium(suite.server);
  try {
    const options = await own.context.newPage();
    await options.goto(`chrome-extension://${own.extensionId}/options/options.html`);
    await options.waitForSelector('#annotate');
    // 131 changes at once, starting from ticked: the last ones are over the quota. The last change
    // leaves the box unticked, but the last one stored (the 120th) ticked it.
    await options.evaluate(() => {
      const box = document.getElementById('annotate');
      for (let i = 0; i < 131; i++) {
        box.checked = !box.checked;
        box.dispatchEvent(new Event('change'));
      }
    });
    const shown = await eventually(
      () => options.evaluate(async () => ({
        status: document.getElementById('saved').textContent,
        failed: document.getElementById('saved').classList.contains('failed'),
        box: document.getElementById('annotate').checked,
        stored: (await chrome.storage.sync.get('annotate')).annotate,
      })),
      (x) => x.failed && x.box === x.stored,
    );
    assert.match(shown.status, /^Could not save: .*MAX_WRITE_OPERATIONS_PER_MINUTE/);
    assert.equal(shown.box, shown.stored, 'the box shows what is stored');
    assert.equal(shown.stored, true, 'the 120th write, the last allowed, ticked the box');
  } finally {
    await own.context.close();
  }
});

test('a page that breaks the globals a script relies on: cards and marks still work, no error added', async () => {
  const { page, errors } = await openPage('hostile-globals.html');
  // The page broke its own world (the helpers' DOM calls too): the test reads the page from a fresh one.
  const cdp = await page.context().newCDPSession(page);
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'probe' });
  const fresh = async (expression) =>
    (await cdp.send('Runtime.evaluate', { contextId: executionContextId, returnByValue: true, expression })).result.value;
  const point = await fresh(`(${charCentre})(${JSON.stringify({ selector: '#detail-title', needle: 'yyds', index: 1 })})`);
  await page.mouse.move(point.x, point.y);
  const c = await eventually(() => probeShadow(page, 'card', cardProbe, executionContextId), Boolean);
  assert.equal(c?.headwords[0], 'yyds', 'the card still comes');
  const marked = await eventually(async () => marksOf(await fresh(`(${highlightTexts})()`)), (m) => m?.length >= 3);
  assert.deepEqual(marked, ['yyds', '画蛇添足', '家人们谁懂啊'].sort());
  await cdp.detach();
  assert.deepEqual(errors, []);
  assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
  await page.close();
});

test('100,000 text nodes and a megabyte-long text node: cards and marks still come, nothing breaks', async () => {
  const { page, errors } = await openPage('stress.html');
  const textNodes = await page.evaluate(() => {
    const walker = document.createTreeWalker(document.getElementById('many'), NodeFilter.SHOW_TEXT);
    let n = 0;
    while (walker.nextNode()) n += 1;
    return n;
  });
  assert.equal(textNodes, 100000);
  // In the long node, the word is found from the window around the pointer.
  await page.evaluate(() => {
    const long = document.getElementById('long');
    long.scrollTop = long.scrollHeight / 2 - 100;
  });
  const idiom = (await hover(page, '#long', '画蛇添足', 1)).card;
  assert.equal(idiom?.headwords[0], '画蛇添足');
  // The last of 10,000 comments: its card, and in time its marks.
  await page.evaluate(() => document.querySelector('#many .comment-item:last-child').scrollIntoView());
  await page.mouse.move(1, 1);
  assert.equal((await hover(page, '#many .comment-item:last-child', '绝绝子', 1)).card?.headwords[0], '绝绝子');
  const marks = await eventually(() => markedTexts(page), (m) => m.includes('绝绝子'), 600);
  assert.ok(marks.includes('绝绝子'));
  assert.deepEqual(errors, []);
  assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
  await page.close();
});

test('in a contenteditable or a text field, S and P are typed, not taken; the card may still explain', async () => {
  const { page } = await openPage('stress.html');
  const list = await suite.context.newPage();
  await list.goto(`chrome-extension://${suite.extensionId}/words/words.html`);
  const before = await storedWords(list);
  assert.equal((await hover(page, '#editable', 'yyds', 1)).card?.headwords[0], 'yyds');
  await page.click('#editable');
  await page.keyboard.press('End');
  await page.keyboard.type('sp');
  assert.equal(await page.textContent('#editable'), '这家奶茶yyds，sp');
  // A text field too: with a card open from the page, its keys are typed.
  await page.mouse.move(1, 1);
  await hover(page, '#editable', 'yyds', 1);
  await page.focus('#field');
  await page.keyboard.press('End');
  await page.keyboard.type('sp');
  assert.equal(await page.inputValue('#field'), '尊嘟假嘟？sp');
  assert.deepEqual(await storedWords(list), before, 'nothing was saved');
  assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
  await list.close();
  await page.close();
});

test('a frame removed while its card is shown: the card goes at the next move, no error', async () => {
  const { page, errors } = await openPage('frames.html');
  const c = (await hoverInFrame(page)).card;
  assert.equal(c?.headwords[0], '绝绝子');
  await page.evaluate(() => document.getElementById('frame').remove());
  await page.mouse.move(5, 5);
  await page.mouse.move(40, 600);
  assert.equal(await cardUntil(page, (x) => x === null), null, 'the card is gone');
  // The top frame still explains.
  assert.equal((await hover(page, '#covered', '松弛感', 1)).card?.headwords[0], '松弛感');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a second content script in the same page takes over: one card, one panel', async () => {
  const url = `${NOTE}?tab=twice`; // an address of its own, to find this tab
  const { page, errors } = await openPage(url.replace('http://www.xiaohongshu.com/', ''));
  assert.equal((await hover(page, '#detail-title', 'yyds', 1)).card?.headwords[0], 'yyds');
 // One card host and one panel host.
  assert.equal(await eventually(() => page.evaluate(hostCount), (n) => n === 2), 2);
  // What "Enable on this site" and an updated extension do: inject the script into a page that has it.
  const popup = await suite.context.newPage();
  await popup.goto(`chrome-extension://${suite.extensionId}/popup/popup.html`);
  await popup.evaluate(async (address) => {
    const [tab] = await chrome.tabs.query({ url: address });
    await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: ['/content.js'] });
  }, url);
  await popup.close();
  await page.mouse.move(1, 1);
  assert.equal((await hover(page, '#detail-desc', '尊嘟假嘟', 1)).card?.headwords[0], '尊嘟假嘟');
  assert.equal(await eventually(() => page.evaluate(hostCount), (n) => n === 2), 2, 'still one card host and one panel host');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a page\'s own events drive nothing: no card, no save, no speech, no copy, no panel; real input still does', async () => {
  const { page, errors } = await openPage();
  const list = await suite.context.newPage();
  await list.goto(`chrome-extension://${suite.extensionId}/words/words.html`);
  await page.bringToFront();
  await page.evaluate(() => {
    window.copied = 0;
    document.addEventListener('copy', () => (window.copied += 1), true);
  });
  const yyds = await page.evaluate(charCentre, { selector: '#detail-title', needle: 'yyds', index: 1 });
  const below = [14, 24, 34].map((dy) => ({ x: yyds.x, y: yyds.y + dy }));
  await page.evaluate(watchForCards, below);

  // The page points at yyds and presses every key RedLens knows: nothing happens.
  await page.evaluate(forgeEvents, { ...yyds, keys: ['Shift', 's', 'S', 'p', 'P', 'c', 'C', 'Escape'] });
  // A real hover on another line: whatever the forgeries started comes before it in every queue.
  assert.equal((await hover(page, '#detail-desc', '尊嘟假嘟', 1)).card?.headwords[0], '尊嘟假嘟');
  assert.deepEqual(await page.evaluate(() => window.__cardsAt), [], 'no card opened over yyds');

  // With a real card open, forged keys neither save, copy, read aloud, step nor close it.
  const real = (await hover(page, '#detail-title', 'yyds', 1)).card;
  assert.equal(real?.headwords[0], 'yyds');
  assert.equal((await page.evaluate(() => window.__cardsAt)).length, 1, 'the watch sees a real card');
  await page.evaluate(forgeEvents, { ...yyds, keys: ['s', 'S', 'c', 'p', 'Shift', 'Escape'] });
  const after = await card(page);
  assert.equal(after?.headwords[0], 'yyds', 'Escape and Shift made up by the page change nothing');
  assert.equal(after.status, '', 'no attempt to speak');
  // The user's own S (of another word) comes after the forged one in the background's queue.
  await page.mouse.move(1, 1);
  await hover(page, '#detail-desc', '尊嘟假嘟', 1);
  await page.keyboard.press('s');
  await cardUntil(page, (x) => x?.saved === 'true');
  await until(list, async () => Object.keys(await chrome.storage.local.get(null)).some((k) => k.includes('尊嘟假嘟')));
  assert.deepEqual((await storedWords(list)).map((w) => w.word), ['尊嘟假嘟'], 'the forged S saved nothing');
  assert.equal(await page.evaluate(() => window.copied), 0, 'the forged C copied nothing');
  await page.keyboard.press('c');
  assert.equal(await eventually(() => page.evaluate(() => window.copied), (n) => n === 1), 1, 'the real C copies');

  // The panel's button: a click the page makes up at its place opens nothing; the user's click does.
  const button = (await panelUntil(page, (p) => p.button)).button;
  const centre = { x: button.x + button.width / 2, y: button.y + button.height / 2 };
  await page.evaluate(forgeEvents, centre);
  await page.mouse.move(1, 1);
  assert.equal((await hover(page, '#detail-title', '奶茶', 0)).card?.headwords[0], '奶茶');
  assert.equal((await panel(page)).open, false, 'a forged click opens no panel');
  await page.mouse.click(centre.x, centre.y);
  assert.equal((await panelUntil(page, (p) => p.open)).open, true, 'the user\'s click opens it');
  assert.deepEqual(errors, []);
  await list.evaluate(() => chrome.storage.local.clear());
  await list.close();
  await page.close();
});

test('the page learns nothing of the user: saved state, the word pointed at, RedLens\'s names', async () => {
  const { page } = await openPage();
  const unsaved = (await hover(page, '#detail-title', 'yyds', 1)).card;
  assert.equal(unsaved?.saved, 'false');
  const boxesBefore = await page.evaluate(hostBoxes);
  await page.keyboard.press('s');
  const saved = await cardUntil(page, (x) => x?.saved === 'true');
  // The host's box is the same (no size at all), and the card takes the same room either way.
  assert.deepEqual(await page.evaluate(hostBoxes), boxesBefore);
  assert.ok(boxesBefore.every((b) => b.width === 0 && b.height === 0), JSON.stringify(boxesBefore));
  assert.deepEqual([saved.rect.width, saved.rect.height], [unsaved.rect.width, unsaved.rect.height]);
  // Neither find nor the selection reaches the save button's words.
  const found = await page.evaluate(() =>
    ['Saved', 'Save (S)', '★', '☆'].map((w) => {
      getSelection().removeAllRanges();
      return [w, window.find(w), getSelection().toString()];
    }),
  );
  assert.deepEqual(found, [['Saved', false, ''], ['Save (S)', false, ''], ['★', false, ''], ['☆', false, '']]);
  // The word under the pointer is in nothing the page can list: 奶茶 (no mark of its own) is hovered.
  await page.mouse.move(1, 1);
  assert.equal((await hover(page, '#detail-title', '奶茶', 0)).card?.headwords[0], '奶茶');
  const highlights = await page.evaluate(highlightTexts);
  assert.ok(!Object.values(highlights).some((t) => t.includes('奶茶')), JSON.stringify(highlights));
  // RedLens's names are new for each page load, and none says RedLens.
  const names = async () => {
    await waitForMarks(page, ['yyds']);
    const all = [...Object.keys(await page.evaluate(highlightTexts)), ...(await page.evaluate(() => [...document.documentElement.children].map((e) => e.localName).filter((n) => n.includes('-'))))];
    assert.ok(all.length >= 2 && all.every((n) => !/redlens/i.test(n)), all.join());
    return all;
  };
  const first = await names();
  await page.reload();
  assert.equal((await hover(page, '#detail-title', 'yyds', 1)).card?.headwords[0], 'yyds');
  const second = await names();
  assert.deepEqual(second.filter((n) => first.includes(n)), [], `${first} / ${second}`);
  const list = await suite.context.newPage();
  await list.goto(`chrome-extension://${suite.extensionId}/words/words.html`);
  await list.evaluate(() => chrome.storage.local.clear());
  await list.close();
  await page.close();
});

test('a saved word keeps its sentence, page and title when saved again elsewhere; addresses lose their queries', async () => {
  const list = await suite.context.newPage();
  await list.goto(`chrome-extension://${suite.extensionId}/words/words.html`);
  const { page } = await openPage('explore/64b8f0c2000000001e03a1b2?xsec_token=SECRET123&xsec_source=pc_feed#comment-1');
  await hover(page, '#detail-title', 'yyds', 1);
  await page.keyboard.press('s');
  await cardUntil(page, (x) => x?.saved === 'true');
  const first = await eventually(() => storedWords(list), (w) => w.length === 1);
  assert.equal(first[0].url, NOTE, 'the address keeps its origin and path');
  assert.equal(first[0].title, '小红书 - 笔记');
  assert.equal(first[0].sentence, '家人们谁懂啊，这家奶茶yyds！');
  await page.close();
  // The same word, saved from another page with another sentence: what was saved stays.
  const { page: other } = await openPage('blog.html');
  const c = (await hover(other, 'body', 'yyds', 1)).card;
  assert.equal(c?.saved, 'true');
  await other.keyboard.press('s');
  await other.mouse.move(1, 1);
  await hover(other, 'body', 'yyds', 1); // a round trip through the background after the save
  const again = await storedWords(list);
  assert.deepEqual(again, first);
  // An export never holds the query.
  const [csv] = await Promise.all([list.waitForEvent('download'), list.click('#export-csv')]);
  const file = join(ARTIFACTS, 'words-private.csv');
  await csv.saveAs(file);
  const text = await (await import('node:fs/promises')).readFile(file, 'utf8');
  assert.ok(text.includes(NOTE) && !text.includes('SECRET123') && !text.includes('xsec'), text);
  await list.evaluate(() => chrome.storage.local.clear());
  await other.close();
  await list.close();
});

test('the options page refuses a wildcard host', async () => {
  const options = await suite.context.newPage();
  await options.goto(`chrome-extension://${suite.extensionId}/options/options.html`);
  const granted = () => options.evaluate(async () => (await chrome.permissions.getAll()).origins);
  const before = await granted();
  for (const address of ['http://*', 'https://*.example.com', 'http://*/']) {
    await options.fill('#site-url', address);
    await options.click('#site-add');
    assert.match(await options.textContent('#site-error'), /one site, without wildcards/, address);
  }
  assert.deepEqual(await granted(), before, 'no permission was asked for');
  await options.close();
});

/** Evaluates `expression` in the content script's own world of `page` (through DevTools), awaiting its
 *  promise; resolves to its value. */
async function inContentWorld(page, expression) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const worlds = [];
    cdp.on('Runtime.executionContextCreated', ({ context: c }) => worlds.push(c));
    await cdp.send('Runtime.enable');
    const world = await eventually(async () => worlds.find((c) => c.auxData?.type === 'isolated' && c.origin.startsWith('chrome-extension://')), Boolean);
    assert.ok(world, 'the content script\'s world is there');
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { contextId: world.id, awaitPromise: true, returnByValue: true, expression });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  } finally {
    await cdp.detach();
  }
}

test('content scripts cannot read the word list from storage (Chrome restricts storage.local)', async () => {
  const { page } = await openPage();
  assert.equal((await hover(page, '#detail-title', 'yyds', 1)).card?.headwords[0], 'yyds');
  const read = await inContentWorld(page, "chrome.storage.local.get(null).then(() => 'read', (e) => 'refused: ' + e.message)");
  assert.match(read, /^refused/, read);
  await page.close();
});

/** A stand-in for the browser's Translator, installed in the content script's world: every pair
 *  available, each translation streamed in three pieces as EN〈text〉, the texts kept in order. */
const STAND_IN_TRANSLATOR = `(() => {
  globalThis.translatedTexts = [];
  globalThis.Translator = {
    availability: async () => 'available',
    create: async () => ({
      async *translateStreaming(text) {
        globalThis.translatedTexts.push(text);
        for (const piece of ['EN〈', text, '〉']) yield piece;
      },
    }),
  };
  return true;
})()`;

test('the browser\'s translator as it is here: there, downloadable, no translator without a click, an aborted call refused', async () => {
  const { page } = await openPage();
  await panelUntil(page, (p) => p.button);
  const api = await inContentWorld(
    page,
    `(async () => {
      const out = { kind: typeof Translator };
      out.zh = await Translator.availability({ sourceLanguage: 'zh', targetLanguage: 'en' });
      out.hant = await Translator.availability({ sourceLanguage: 'zh-Hant', targetLanguage: 'fr' });
      out.nonsense = await Translator.availability({ sourceLanguage: 'xx', targetLanguage: 'en' });
      const wait = new Promise((ok) => setTimeout(() => ok('pending'), 3000));
      const stop = new AbortController();
      out.noClick = await Promise.race([Translator.create({ sourceLanguage: 'zh', targetLanguage: 'en', signal: stop.signal }).then(() => 'created', (e) => e.name), wait]);
      stop.abort();
      const aborted = new AbortController();
      aborted.abort();
      out.aborted = await Translator.create({ sourceLanguage: 'zh', targetLanguage: 'en', signal: aborted.signal }).then(() => 'created', (e) => e.name);
      return out;
    })()`,
  );
  assert.equal(api.kind, 'function', 'Chrome offers the Translator API to content scripts on secure pages');
  assert.ok(['downloadable', 'downloading'].includes(api.zh), `zh → en is ${api.zh}: the pack is not here`);
  assert.ok(['downloadable', 'downloading'].includes(api.hant), `zh-Hant → fr is ${api.hant}`);
  assert.equal(api.nonsense, 'unavailable');
  assert.ok(['NotAllowedError', 'pending'].includes(api.noClick), `without a click: ${api.noClick}`);
  assert.equal(api.aborted, 'AbortError');
  await page.close();
});

test('the Translate view here offers the download, falls back when it stalls, and keeps each sentence\'s gloss and chips', async () => {
  const { page, errors } = await openPage();
  await clickAt(page, (await panelUntil(page, (p) => p.button)).button);
  const tabs = (await panelUntil(page, (p) => p.open && p.tabs.length === 3)).tabs;
  await clickAt(page, tabs.find((t) => t.name === 'translate').rect);
  const offered = await panelUntil(page, (p) => p.translation?.enable && p.translation.rows.length >= 5);
  assert.match(offered.translation.intro, /downloads its Chinese language pack once/);
  const rows = offered.translation.rows;
  assert.equal(rows[0].zh, '家人们谁懂啊，这家奶茶yyds！');
  assert.deepEqual(rows[0].chips, ['家人们谁懂啊', 'yyds']);
  assert.match(rows[0].plain, /天下第一/, 'the slang in plain Chinese');
  assert.match(rows[0].literal, /奶茶 milk tea/);
  assert.ok(rows.every((r) => r.literal && !r.translated), 'every sentence has its literal gloss meanwhile');
  await page.screenshot({ path: join(ARTIFACTS, 'chromium-translate-offer.png') });
  // The reader's click starts the download; it cannot progress here, so it stalls, and the view says so.
  await clickAt(page, offered.translation.enable);
  const stalled = await panelUntil(page, (p) => /stopped/.test(p.translation?.intro ?? ''), 600);
  assert.match(stalled.translation.intro, /download stopped/);
  assert.ok(stalled.translation.rows.every((r) => r.literal), 'the sentences keep their fallback');
  await page.screenshot({ path: join(ARTIFACTS, 'chromium-translate-fallback.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('with a translator: sentences translated in order with their chips, slang sent in plain Chinese, later comments too, and T on a card', async () => {
  const { page, errors } = await openPage();
  await panelUntil(page, (p) => p.button);
  assert.equal(await inContentWorld(page, STAND_IN_TRANSLATOR), true);
  await clickAt(page, (await panel(page)).button);
  const tabs = (await panelUntil(page, (p) => p.open && p.tabs.length === 3)).tabs;
  await clickAt(page, tabs.find((t) => t.name === 'translate').rect);
  const done = await panelUntil(page, (p) => p.translation?.rows.length >= 5 && p.translation.rows.every((r) => r.translated));
  const rows = done.translation.rows;
  assert.equal(rows[0].zh, '家人们谁懂啊，这家奶茶yyds！');
  assert.match(rows[0].translated, /^EN〈.*天下第一.*〉$/, 'the translator got yyds in plain Chinese');
  assert.ok(!rows[0].translated.includes('yyds'));
  assert.deepEqual(rows[0].chips, ['家人们谁懂啊', 'yyds'], 'the slang shows as chips under the translation');
  const sent = await inContentWorld(page, 'globalThis.translatedTexts');
  assert.deepEqual(
    rows.map((r) => r.translated.slice('EN〈'.length, -1)),
    sent.slice(0, rows.length),
    'translated one at a time, in the order of the page',
  );
  await page.screenshot({ path: join(ARTIFACTS, 'chromium-translate.png') });
  // A comment that loads while the view is open is translated too, after the others.
  await page.evaluate(() => {
    const nest = (className, child) => {
      const e = document.createElement(child ? 'div' : 'span');
      e.className = className;
      if (child) e.append(child);
      else e.textContent = '绝绝子，我直接破防了';
      return e;
    };
    document.querySelector('.list-container').append(nest('parent-comment', nest('comment-item', nest('content', nest('note-text')))));
  });
  const later = await panelUntil(page, (p) => p.translation?.rows.at(-1)?.zh === '绝绝子，我直接破防了' && p.translation.rows.at(-1).translated);
  assert.match(later.translation.rows.at(-1).translated, /^EN〈/);
  assert.deepEqual(later.translation.rows.at(-1).chips, ['绝绝子', '破防']);
  // T on a card: its sentence, translated below the meaning.
  await clickAt(page, tabs.find((t) => t.name === 'glossary').rect);
  await page.mouse.move(900, 700);
  const c = (await hover(page, '#detail-title', 'yyds', 1)).card;
  assert.equal(c?.headwords[0], 'yyds');
  await page.keyboard.press('t');
  const translatedCard = await cardUntil(page, (x) => x?.translation?.rows[0]?.translated);
  assert.match(translatedCard.translation.rows[0].translated, /^EN〈.*天下第一.*〉$/);
  await page.screenshot({ path: join(ARTIFACTS, 'chromium-card-translate.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

/** Moves the pointer from `from` to `to` as a hand does: in `steps` steps a frame apart. */
async function handMove(page, from, to, steps = 10) {
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
    await page.waitForTimeout(16);
  }
}

test('a card met on the way never blocks the pointer: moves in steps reach the word aimed at, below-right, below-left and above', async () => {
  const { page, errors } = await openPage();
  // Each trip crosses other words, whose cards open on the way (without the fix, the first and the last
  // end on a card met on the way: of 奶茶 over 666, of 小鹿's name over 尊嘟假嘟).
  const trips = [
    { size: { width: 1000, height: 800 }, from: { x: 150, y: 50 }, to: ['.comments-container', '666'] }, // below-right
    { size: { width: 1000, height: 800 }, from: { x: 990, y: 50 }, to: ['.comments-container', 'xswl'] }, // below-left
    { size: { width: 1000, height: 290 }, from: { x: 150, y: 280 }, to: ['#detail-desc', '尊嘟假嘟'] }, // above
  ];
  for (const { size, from, to: [selector, word] } of trips) {
    await page.setViewportSize(size);
    await page.mouse.move(1, size.height - 1);
    await cardUntil(page, (c) => c === null);
    await page.mouse.move(from.x, from.y);
    const to = await page.evaluate(charCentre, { selector, needle: word, index: 1 });
    await handMove(page, from, to);
    const c = await cardUntil(page, (x) => x?.headwords[0] === word);
    assert.equal(c?.headwords[0], word, `from ${JSON.stringify(from)} to ${word}: the word aimed at is explained`);
  }
  await page.setViewportSize({ width: 1000, height: 800 });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the card\'s buttons stay within reach: from its word, in steps, to Save and to Listen', async () => {
  const { page } = await openPage();
  const list = await suite.context.newPage();
  await list.goto(`chrome-extension://${suite.extensionId}/words/words.html`);
  await page.bringToFront();
  const c = (await hover(page, '#detail-desc', '尊嘟假嘟', 1)).card;
  assert.equal(c?.headwords[0], '尊嘟假嘟');
  const target = (r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
  const save = target(c.saveButton);
  const word = await page.evaluate(charCentre, { selector: '#detail-desc', needle: '尊嘟假嘟', index: 1 });
  await handMove(page, word, save);
  assert.equal((await card(page))?.headwords[0], '尊嘟假嘟', 'the card held on the way to its button');
  await page.mouse.click(save.x, save.y);
  assert.equal((await cardUntil(page, (x) => x?.saved === 'true'))?.saved, 'true', 'Save, reached in steps, saves');
  const listen = target(c.listenButton);
  await handMove(page, save, listen, 5);
  await page.mouse.click(listen.x, listen.y);
  const spoken = await cardUntil(page, (x) => x?.status);
  assert.equal(spoken?.status, 'No Chinese voice is installed on this system.', 'Listen, reached in steps, answers');
  await list.evaluate(() => chrome.storage.local.clear());
  await list.close();
  await page.close();
});

// Last of the tests that need the extension: a reload of an extension loaded from the command line
// leaves it unloaded here, as a removal would.
test('the extension reloaded or removed under an open page: its script stops cleanly at the next event', async () => {
  const { page, errors } = await openPage();
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && !m.text().includes('404') && consoleErrors.push(m.text()));
  assert.equal((await hover(page, '#detail-title', 'yyds', 1)).card?.headwords[0], 'yyds');
  await waitForMarks(page, ['yyds']);
  const popup = await suite.context.newPage();
  await popup.goto(`chrome-extension://${suite.extensionId}/popup/popup.html`);
  await popup.evaluate(() => chrome.runtime.reload()).catch(() => {}); // the popup closes with it
  // The next events find the extension gone: card, marks and panel go, and nothing is thrown. (The
  // reload takes a moment: keep moving until they are gone.)
  let gone = false;
  for (let i = 0; i < 50 && !gone; i++) {
    await page.mouse.move(1 + (i % 2) * 300, 1 + (i % 2) * 300);
    await page.waitForTimeout(100);
    gone = (await markedTexts(page)).length === 0 && (await page.evaluate(hostCount)) === 0;
  }
  assert.ok(gone, 'the old script removed its marks, its card and its panel');
  await page.keyboard.press('s');
  assert.equal(await card(page), null);
  assert.deepEqual(errors, []);
  assert.deepEqual(consoleErrors, []);
  await page.close();
});

test('the extension makes no network request', () => {
  assert.deepEqual(suite.foreignRequests, []);
});
