// The built extension (dist/firefox) installed as a temporary add-on in real headless Firefox ESR,
// through geckodriver. The browser's proxy is the fixture server, so every request it makes lands
// there: pages of www.xiaohongshu.com get the fixtures, and any other host is recorded as a leak.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Builder, By, Origin, until } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import { SITE_HOSTS, startServer } from './server.mjs';
import {
  SHADOW_MARKERS,
  cardProbe,
  charCentre,
  eventually,
  forgeEvents,
  highlightTexts,
  marksOf,
  panelProbe,
  probeSource,
  watchForCards,
} from './page-helpers.mjs';

const EXTENSION = resolve('dist/firefox');
/** How long a wait for something the browser does may take before the test fails (generous: CI is slower). */
const WAIT = 15000;
const ARTIFACTS = resolve('target/e2e');
/** Where the browser saves downloads (the word list's exports). */
const DOWNLOADS = join(ARTIFACTS, 'firefox-downloads');
const NOTE = 'http://www.xiaohongshu.com/explore/64b8f0c2000000001e03a1b2';
/** The same note on the mobile web, which blocks text selection. */
const MOBILE_NOTE = 'http://www.xiaohongshu.com/discovery/item/64b8f0c2000000001e03a1b2';
/** Another site, which RedLens must leave alone until the user enables it. */
const BLOG = 'http://www.example-blog.test/blog.html';
/** A fixed internal UUID for the add-on, so the tests can open its options page. */
const UUID = '3f1c2a9e-7b1d-4c1e-9a55-2a1f0c9d8e11';

let server;
let driver;
let bidi;

before(async () => {
  server = await startServer();
  await rm(DOWNLOADS, { recursive: true, force: true });
  await mkdir(DOWNLOADS, { recursive: true });
  const options = new firefox.Options()
    .setBinary('/usr/bin/firefox-esr')
    .addArguments('-headless', '-width=1000', '-height=800')
    .setPreference('network.proxy.type', 1)
    .setPreference('network.proxy.http', '127.0.0.1')
    .setPreference('network.proxy.http_port', server.port)
    .setPreference('network.proxy.ssl', '127.0.0.1')
    .setPreference('network.proxy.ssl_port', server.port)
    .setPreference('network.proxy.allow_hijacking_localhost', true)
    .setPreference('network.proxy.no_proxies_on', '')
    // Optional permissions are granted without the prompt a headless browser cannot answer.
    .setPreference('extensions.webextOptionalPermissionPrompts', false)
    // Touch events, for the phone-sized window's taps.
    .setPreference('dom.w3c_touch_events.enabled', 1)
    .setPreference('extensions.webextensions.uuids', JSON.stringify({ 'redlens@redlens.extension': UUID }))
    // Downloads go straight to a folder the test reads.
    .setPreference('browser.download.folderList', 2)
    .setPreference('browser.download.dir', DOWNLOADS)
    .setPreference('browser.download.useDownloadDir', true)
    .setPreference('browser.download.always_ask_before_handling_new_types', false)
    .enableBidi();
  driver = await new Builder()
    .forBrowser('firefox')
    .setFirefoxOptions(options)
    // System access lets the test open the add-on's own pages as a user would, from the browser UI.
    .setFirefoxService(new firefox.ServiceBuilder(process.env.GECKODRIVER ?? 'geckodriver').addArguments('--allow-system-access'))
    .build();
  await driver.installAddon(EXTENSION, true);
  bidi = await driver.getBidi();
});

after(async () => {
  await driver?.quit();
  await server?.close();
});

async function bidiCall(method, params) {
  const reply = await bidi.send({ method, params });
  if (reply.type === 'error' || reply.error) throw new Error(`${method}: ${reply.message ?? reply.error}`);
  return reply.result;
}

// The tests read the page from a sandbox of their own (a BiDi sandbox realm), so that a page which
// breaks its own globals cannot break the reading.
const probeRealm = async () => ({ context: await driver.getWindowHandle(), sandbox: 'probe' });

/** The value of `expression`, evaluated in the test's sandbox over the page (JSON-able values only). */
async function fresh(expression) {
  const found = await bidiCall('script.evaluate', {
    expression: `JSON.stringify(${expression})`,
    target: await probeRealm(),
    awaitPromise: false,
  });
  if (found.type === 'exception') throw new Error(`${expression}: ${found.exceptionDetails.text}`);
  return found.result.type === 'string' ? JSON.parse(found.result.value) : undefined;
}

/** What `probe` reads in the closed shadow root of RedLens's `which` host ('card' or 'panel'), through
 *  WebDriver BiDi (which reaches closed shadow roots), or null where there is none. The hosts' names are
 *  random for each page load; they are known by what their shadow roots hold. */
async function probeShadow(which, probe) {
  const target = await probeRealm();
  const found = await bidiCall('script.evaluate', {
    expression: "Array.from(document.documentElement.children).filter((e) => e.localName.includes('-'))",
    target,
    awaitPromise: false,
    resultOwnership: 'root',
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0, maxObjectDepth: 1 },
  });
  const selector = SHADOW_MARKERS[which].map((c) => `.${c}`).join(', ');
  for (const host of found.result?.value ?? []) {
    const shadow = host.value?.shadowRoot;
    if (!shadow) continue;
    const call = (functionDeclaration) =>
      bidiCall('script.callFunction', { functionDeclaration, this: { sharedId: shadow.sharedId }, target, awaitPromise: false });
    const holds = await call(`function () { return this.querySelector(${JSON.stringify(selector)}) !== null; }`);
    if (!holds.result.value) continue;
    const probed = await call(`function () { return JSON.stringify((${probeSource(probe)}).call(this)); }`);
    return JSON.parse(probed.result.value);
  }
  return null;
}

/** The card as the user sees it. */
const card = () => probeShadow('card', cardProbe);
/** The post panel as the user sees it. */
const panel = () => probeShadow('panel', panelProbe);


async function hover(selector, needle, index = 0, tries = 50) {
  const point = await fresh(`(${charCentre})(${JSON.stringify({ selector, needle, index })})`);
  assert.ok(point, `${needle} is on the page`);
  // One step, as a pointer that lands on the word (a slow path would cross other words first).
  await driver.actions().move({ x: Math.round(point.x), y: Math.round(point.y), origin: Origin.VIEWPORT, duration: 0 }).perform();
  return eventually(card, Boolean, tries);
}

/** Waits until hovering a word gives its in-context answer (the segmenter is built). */
async function waitForCard(selector, needle, index, expected) {
  let c = null;
  for (let i = 0; i < 30; i++) {
    c = await hover(selector, needle, index);
    if (c?.headwords[0] === expected) return c;
    await driver.actions().move({ x: 1, y: 1, origin: Origin.VIEWPORT, duration: 0 }).perform();
    await driver.sleep(300);
  }
  return c;
}

test('hover cards for an abbreviation, a split meme and a traditional word', async () => {
  await driver.get(NOTE);
  const meme = await waitForCard('#detail-desc', '尊嘟假嘟', 2, '尊嘟假嘟');
  assert.equal(meme?.headwords[0], '尊嘟假嘟');
  assert.ok(meme.badges.includes('slang'));
  const yyds = await hover('#detail-title', 'yyds', 1);
  assert.equal(yyds?.headwords[0], 'yyds');
  assert.ok(yyds.badges.includes('abbreviation'));
  assert.match(yyds.meaning, /GOAT/);
  await writeFile(join(ARTIFACTS, 'firefox-yyds.png'), await driver.takeScreenshot(), 'base64');
  const traditional = await hover('.comments-container', '這個', 0);
  assert.equal(traditional?.headwords[0], '这个');
  const errors = await driver.executeScript('return window.pageErrors');
  assert.deepEqual(errors, []);
});

test('a page that breaks the globals a script relies on: cards and marks still work, no error added', async () => {
  await driver.get('http://www.xiaohongshu.com/hostile-globals.html');
  const c = await waitForCard('#detail-title', 'yyds', 1, 'yyds');
  assert.equal(c?.headwords[0], 'yyds', 'the card still comes');
  // highlightTexts uses forEach, not spreading: the sandbox sees the page's objects through Xrays, which
  // can't iterate.
  const marked = await eventually(async () => marksOf(await fresh(`(${highlightTexts})()`)), (m) => m?.length >= 3);
  assert.deepEqual(marked, ['yyds', '画蛇添足', '家人们谁懂啊'].sort());
  assert.equal(await fresh("document.documentElement.getAttribute('data-page-errors')"), null, 'no error in the page');
});

test('a price is not number slang', async () => {
  await driver.get(NOTE);
  const slang = await waitForCard('#detail-desc', '今天520', 3, '520');
  assert.ok(slang?.badges.includes('number slang'));
  const price = await hover('#detail-desc', '520元', 1);
  assert.notEqual(price?.headwords[0], '520');
});

test('a page\'s own events drive nothing: no card, no save; real input still does', async () => {
  await driver.get(NOTE);
  await waitForCard('#detail-title', 'yyds', 1, 'yyds'); // the engine is ready
  await driver.actions().move({ x: 1, y: 1, origin: Origin.VIEWPORT, duration: 0 }).perform();
  await eventually(card, (c) => c === null);
  const yyds = await fresh(`(${charCentre})(${JSON.stringify({ selector: '#detail-title', needle: 'yyds', index: 1 })})`);
  const below = [14, 24, 34].map((dy) => ({ x: yyds.x, y: yyds.y + dy }));
  // The page's own script (executeScript runs in the page) points at yyds and presses RedLens's keys.
  const forge = (keys) => driver.executeScript(`(${forgeEvents})(arguments[0])`, { ...yyds, keys });
  await driver.executeScript(`(${watchForCards})(arguments[0])`, below);
  await forge(['Shift', 's', 'p', 'c', 'Escape']);
  assert.equal((await hover('#detail-desc', '尊嘟假嘟', 1))?.headwords[0], '尊嘟假嘟', 'a real hover after it');
  assert.deepEqual(await driver.executeScript('return window.__cardsAt'), [], 'no card opened over yyds');
  // A real card, and forged keys: nothing saved, nothing closed.
  assert.equal((await hover('#detail-title', 'yyds', 1))?.headwords[0], 'yyds');
  assert.equal((await driver.executeScript('return window.__cardsAt')).length, 1, 'the watch sees a real card');
  await forge(['s', 'S', 'Escape']);
  const after = await card();
  assert.equal(after?.headwords[0], 'yyds');
  assert.equal(after.saved, 'false');
  // The user's own S, of another word, comes after the forged one in the background's queue.
  await driver.actions().move({ x: 1, y: 1, origin: Origin.VIEWPORT, duration: 0 }).perform();
  await hover('#detail-desc', '尊嘟假嘟', 1);
  await driver.actions().keyDown('s').keyUp('s').perform();
  await eventually(card, (c) => c?.saved === 'true');
  const list = await openExtensionPage('words/words.html', 'list');
  const saved = () => driver.executeScript('return browser.storage.local.get(null).then((all) => Object.values(all).map((v) => v.word).filter(Boolean).sort())');
  assert.deepEqual(await driver.wait(async () => ((await saved()).length ? saved() : null), WAIT), ['尊嘟假嘟'], 'the forged S saved nothing');
  await driver.executeScript('return browser.storage.local.clear()');
  await list.close();
});

test('a card met on the way never blocks the pointer; its buttons stay within reach', async () => {
  await driver.get(NOTE);
  await waitForCard('#detail-title', 'yyds', 1, 'yyds'); // the engine is ready
  const to = (x, y, duration) => driver.actions().move({ x: Math.round(x), y: Math.round(y), origin: Origin.VIEWPORT, duration }).perform();
  for (const [from, selector, word] of [
    [{ x: 150, y: 50 }, '.comments-container', '666'], // below-right
    [{ x: 990, y: 50 }, '.comments-container', 'xswl'], // below-left
    [{ x: 600, y: 270 }, '#detail-title', 'yyds'], // above
  ]) {
    await to(1, 700, 0);
    await eventually(card, (c) => c === null);
    await to(from.x, from.y, 0);
    const end = await fresh(`(${charCentre})(${JSON.stringify({ selector, needle: word, index: 1 })})`);
    // WebDriver moves the pointer over the duration, a frame at a time, as a hand does.
    await to(end.x, end.y, 200);
    assert.equal((await eventually(card, (c) => c?.headwords[0] === word))?.headwords[0], word, `to ${word}`);
  }
  // From a word to its card's Save button, over the same kind of path: the card holds, Save saves.
  const c = await hover('#detail-desc', '尊嘟假嘟', 1);
  const save = { x: c.saveButton.x + c.saveButton.width / 2, y: c.saveButton.y + c.saveButton.height / 2 };
  await to(save.x, save.y, 200);
  await driver.actions().click().perform();
  assert.equal((await eventually(card, (x) => x?.saved === 'true'))?.saved, 'true');
  const list = await openExtensionPage('words/words.html', 'list');
  await driver.executeScript('return browser.storage.local.clear()');
  await list.close();
});

test('hostile page CSS does not reach the card', async () => {
  await driver.get('http://www.xiaohongshu.com/hostile.html');
  const c = await waitForCard('#text', 'yyds', 1, 'yyds');
  assert.equal(c?.fontSize, '14px');
  assert.notEqual(c.color, 'rgb(255, 0, 0)');
});

/** Opens one of the add-on's pages in a new tab, as the browser's own UI does, and switches to it. */
async function openExtensionPage(path, readyId) {
  const before = await driver.getAllWindowHandles();
  await driver.setContext(firefox.Context.CHROME);
  await driver.executeScript(`gBrowser.selectedTab = gBrowser.addTrustedTab(arguments[0]);`, `moz-extension://${UUID}/${path}`);
  await driver.setContext(firefox.Context.CONTENT);
  const handle = await driver.wait(async () => (await driver.getAllWindowHandles()).find((h) => !before.includes(h)), WAIT);
  await driver.switchTo().window(handle);
  await driver.wait(until.elementLocated(By.id(readyId)), WAIT);
  return { close: async () => {
    await driver.close();
    await driver.switchTo().window(before[0]);
  } };
}

const openOptions = () => openExtensionPage('options/options.html', 'site-url');

test('another site gets RedLens only once the user enables it in the options', async () => {
  await driver.get(BLOG);
  assert.equal(await hover('#text', 'yyds', 1, 15), null, 'not on a site the user has not enabled');
  let options = await openOptions();
  await driver.findElement(By.id('site-url')).sendKeys('http://www.example-blog.test/');
  await driver.findElement(By.id('site-add')).click();
  const item = await driver.wait(until.elementLocated(By.css('#sites li')), WAIT);
  assert.match(await item.getText(), /www\.example-blog\.test/);
  await options.close();
  await driver.get(BLOG);
  const c = await waitForCard('#text', 'yyds', 1, 'yyds');
  assert.equal(c?.headwords[0], 'yyds');
  // Disabling withdraws the permission and the content script with it.
  options = await openOptions();
  await driver.wait(until.elementLocated(By.css('#sites li button')), WAIT).click();
  await driver.wait(async () => (await driver.findElements(By.css('#sites li'))).length === 0, WAIT);
  await options.close();
  await driver.get(BLOG);
  assert.equal(await hover('#text', 'yyds', 1, 15), null, 'gone once disabled');
});

test('S saves a word; the word list shows it, exports it and imports it back', async () => {
  await driver.get(NOTE);
  const c = await waitForCard('#detail-title', 'yyds', 1, 'yyds');
  assert.equal(c?.saved, 'false');
  await driver.actions().keyDown('s').keyUp('s').perform();
  const saved = await eventually(card, (c) => c?.saved === 'true');
  assert.equal(saved?.saved, 'true', 'S saves the word shown');
  // No Chinese voice in this Firefox: P says so on the card.
  assert.equal(await driver.executeScript('return speechSynthesis.getVoices().length'), 0, 'the test expects no voices');
  await driver.actions().keyDown('p').keyUp('p').perform();
  const spoken = await eventually(card, (c) => c?.status);
  assert.equal(spoken?.status, 'No Chinese voice is installed on this system.');

  const list = await openExtensionPage('words/words.html', 'list');
  const article = await driver.wait(until.elementLocated(By.css('article[data-word="yyds"]')), WAIT);
  assert.equal(await article.findElement(By.css('.sentence mark')).getText(), 'yyds');
  assert.equal(await article.findElement(By.css('.sentence')).getText(), '家人们谁懂啊，这家奶茶yyds！');
  assert.equal(await article.findElement(By.css('.source a')).getAttribute('href'), NOTE);
  await article.findElement(By.css('.note')).sendKeys('heard it everywhere, "GOAT"');
  await driver.findElement(By.id('title')).click();
  const storedNote = () => driver.executeScript("return browser.storage.local.get(null).then((all) => Object.values(all).find((v) => v.word === 'yyds')?.note)");
  await driver.wait(async () => (await storedNote()) !== '', WAIT);
  await driver.findElement(By.id('export-csv')).click();
  const file = await driver.wait(async () => {
    const names = (await readdir(DOWNLOADS)).filter((n) => n.endsWith('.csv'));
    return names.length ? join(DOWNLOADS, names[0]) : null;
  }, 10000);
  const csv = await driver.wait(async () => {
    const text = await readFile(file, 'utf8').catch(() => '');
    return text.includes('yyds') ? text : null;
  }, WAIT);
  assert.match(csv, /^word,traditional,pinyin,meaning,sentence,source,title,added,note,tags,at\r\n/);
  assert.ok(csv.includes('"heard it everywhere, ""GOAT"""'), csv);
  await driver.findElement(By.css('article[data-word="yyds"] .delete')).click();
  await driver.wait(until.elementLocated(By.css('p.empty')), WAIT);
  await driver.findElement(By.id('import')).sendKeys(file);
  const status = driver.findElement(By.id('status'));
  await driver.wait(async () => /^Imported/.test(await status.getText()), WAIT);
  assert.match(await status.getText(), /1 new, 0 notes added, 0 already saved, 0 rows skipped/);
  const back = await driver.wait(until.elementLocated(By.css('article[data-word="yyds"] .note')), WAIT);
  assert.equal(await back.getAttribute('value'), 'heard it everywhere, "GOAT"');
  await writeFile(join(ARTIFACTS, 'firefox-words.png'), await driver.takeScreenshot(), 'base64');
  // With a Chinese voice (only the speech engine is replaced), Listen reads the sentence in it.
  await driver.executeScript(`
    window.spoken = [];
    const voice = { lang: 'zh-CN', name: 'Test Mandarin' };
    window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
    Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
      getVoices: () => [{ lang: 'en-GB', name: 'English' }, voice],
      speak: (u) => window.spoken.push({ text: u.text, voice: u.voice.name, lang: u.lang }),
      cancel: () => {}, addEventListener: () => {}, removeEventListener: () => {},
    } });`);
  await driver.findElement(By.css('article[data-word="yyds"] .speak')).click();
  const spokenAloud = await driver.wait(async () => {
    const said = await driver.executeScript('return window.spoken');
    return said.length ? said : null;
  }, WAIT);
  assert.deepEqual(spokenAloud, [{ text: '家人们谁懂啊，这家奶茶yyds！', voice: 'Test Mandarin', lang: 'zh-CN' }]);
  await list.close();
  // Saved words show as saved on their cards.
  await driver.get(NOTE);
  assert.equal((await waitForCard('#detail-title', 'yyds', 1, 'yyds'))?.saved, 'true');
});

test('the post panel lists the note\'s slang in order and finds it on the page', async () => {
  await driver.get(NOTE);
  let p = await eventually(panel, (x) => x?.button);
  assert.ok(p?.button, 'a note gets the panel button');
  const at = (r) => ({ x: Math.round(r.x + r.width / 2), y: Math.round(r.y + r.height / 2), origin: Origin.VIEWPORT, duration: 0 });
  await driver.actions().move(at(p.button)).click().perform();
  p = await eventually(panel, (x) => x?.items.length > 0);
  assert.deepEqual(
    p.items.map((i) => i.word),
    ['家人们谁懂啊', 'yyds', '姐妹们', '尊嘟假嘟', '520', '画蛇添足', 'xswl', '666', '[笑哭R]'],
  );
  assert.match(p.items.find((i) => i.word === 'yyds').meaning, /GOAT/);
  await driver.actions().move(at(p.items.find((i) => i.word === '画蛇添足').rect)).click().perform();
  const flashed = await eventually(
    async () => Object.values(await fresh(`(${highlightTexts})()`)).some((t) => t.join() === '画蛇添足'),
    Boolean,
  );
  assert.ok(flashed, 'the idiom flashes');
  await writeFile(join(ARTIFACTS, 'firefox-panel.png'), await driver.takeScreenshot(), 'base64');
  // "I already know up to HSK 7–9": the idiom (level 7) leaves the panel and loses its mark.
  const options = await openOptions();
  await driver.wait(until.elementLocated(By.css('#knownHsk option[value="7"]')), WAIT).click();
  await options.close();
  const known = await driver.wait(async () => {
    const q = await panel();
    return q?.items.length && !q.items.some((i) => i.word === '画蛇添足') ? q : null;
  }, WAIT);
  assert.ok(known.items.some((i) => i.word === 'yyds'));
  const marked = await eventually(async () => marksOf(await fresh(`(${highlightTexts})()`)), (m) => m.includes('yyds') && !m.includes('画蛇添足'));
  assert.ok(!marked.includes('画蛇添足'), marked.join());
  const reset = await openOptions();
  await driver.wait(until.elementLocated(By.css('#knownHsk option[value="0"]')), WAIT).click();
  await reset.close();
});

test('no translator in Firefox: the Translate view says so and gives each sentence its plain Chinese, literal gloss and chips; T on a card too', async () => {
  await driver.get(NOTE);
  await waitForCard('#detail-title', 'yyds', 1, 'yyds');
  // T on the card: the sentence, in plain Chinese and a literal gloss, with the reason.
  await driver.actions().keyDown('t').keyUp('t').perform();
  const c = await eventually(card, (x) => x?.translation?.rows[0]?.literal);
  assert.match(c.translation.intro, /no on-device translator/);
  assert.equal(c.translation.rows[0].zh, '家人们谁懂啊，这家奶茶yyds！');
  assert.match(c.translation.rows[0].plain, /天下第一/);
  await driver.actions().move({ x: 1, y: 1, origin: Origin.VIEWPORT, duration: 0 }).perform();
  // The panel's Translate view.
  const at = (r) => ({ x: Math.round(r.x + r.width / 2), y: Math.round(r.y + r.height / 2), origin: Origin.VIEWPORT, duration: 0 });
  let p = await eventually(panel, (x) => x?.button);
  await driver.actions().move(at(p.button)).click().perform();
  p = await eventually(panel, (x) => x?.open && x.tabs.length === 3);
  await driver.actions().move(at(p.tabs.find((t) => t.name === 'translate').rect)).click().perform();
  p = await eventually(panel, (x) => x?.translation?.rows.length >= 5);
  assert.match(p.translation.intro, /no on-device translator/);
  assert.equal(p.translation.enable, null, 'nothing to enable');
  assert.deepEqual(p.translation.rows[0].chips, ['家人们谁懂啊', 'yyds']);
  assert.ok(p.translation.rows.every((r) => r.literal && !r.translated));
  await writeFile(join(ARTIFACTS, 'firefox-translate.png'), await driver.takeScreenshot(), 'base64');
});

/** A finger's tap at (x, y) of the viewport, through WebDriver BiDi's touch pointer. */
async function tap({ x, y }) {
  await bidiCall('input.performActions', {
    context: await driver.getWindowHandle(),
    actions: [
      {
        type: 'pointer',
        id: 'finger',
        parameters: { pointerType: 'touch' },
        actions: [
          { type: 'pointerMove', x: Math.round(x), y: Math.round(y) },
          { type: 'pointerDown', button: 0 },
          { type: 'pointerUp', button: 0 },
        ],
      },
    ],
  });
  await bidiCall('input.releaseActions', { context: await driver.getWindowHandle() });
}

test('a phone-sized window with touch: a tap explains, a tap elsewhere closes, the panel is a bottom sheet', async () => {
  // A window cannot be made narrower than 500 px; the page's viewport can (as a phone's is).
  const viewport = async (size) => bidiCall('browsingContext.setViewport', { context: await driver.getWindowHandle(), viewport: size });
  await viewport({ width: 390, height: 844 });
  try {
    await driver.get(MOBILE_NOTE);
    const width = await driver.executeScript('return innerWidth');
    assert.ok(width <= 400, `a phone's width: ${width}`);
    const word = (needle, index) => fresh(`(${charCentre})(${JSON.stringify({ selector: '.note-content', needle, index })})`);
    // Tap until the engine is ready and answers in context.
    let c = null;
    for (let i = 0; i < 30 && c?.headwords[0] !== 'yyds'; i++) {
      await tap(await word('yyds', 1));
      c = await eventually(card, Boolean, 10);
    }
    assert.equal(c?.headwords[0], 'yyds');
    assert.ok(c.rect.right <= width, 'the card fits the screen');
    await writeFile(join(ARTIFACTS, 'firefox-phone-tap.png'), await driver.takeScreenshot(), 'base64');
    // A tap where there is no text closes it.
    const blank = await fresh("(() => { const r = document.querySelector('.author-container').getBoundingClientRect(); return { x: r.right - 4, y: r.top + r.height / 2 }; })()");
    await tap(blank);
    assert.equal(await eventually(card, (x) => x === null), null);
    // The panel, opened with a tap, is a sheet along the bottom of the screen.
    const p = await eventually(panel, (x) => x?.button);
    await tap({ x: p.button.x + p.button.width / 2, y: p.button.y + p.button.height / 2 });
    const open = await eventually(panel, (x) => x?.open && x.items.length > 0);
    assert.ok(open.items.some((i) => i.word === '绝绝子'), 'the mobile note\'s body is explained');
    const sheet = await probeShadow('panel', function () {
      return this.querySelector('.panel').getBoundingClientRect().toJSON();
    });
    const height = await driver.executeScript('return innerHeight');
    assert.equal(Math.round(sheet.bottom), height);
    assert.equal(Math.round(sheet.width), width);
    assert.ok(sheet.top > height / 3, 'the note stays visible above the sheet');
    await writeFile(join(ARTIFACTS, 'firefox-phone-panel.png'), await driver.takeScreenshot(), 'base64');
    assert.deepEqual(await driver.executeScript('return window.pageErrors'), []);
  } finally {
    await viewport(null);
  }
});

test('without its host permissions (as Firefox for Android may install it), the popup and the first-run page lead the user to grant them', async () => {
  const ORIGINS = ['*://www.xiaohongshu.com/*', '*://www.rednote.com/*'];
  const options = await openOptions();
  assert.equal(await driver.executeScript('return browser.permissions.remove({ origins: arguments[0] })', ORIGINS), true);
  await options.close();
  try {
    await driver.get(NOTE);
    assert.equal(await hover('#detail-title', 'yyds', 1, 15), null, 'no RedLens without the permission');
    // The first-run page asks.
    const welcome = await openExtensionPage('welcome/welcome.html', 'grant');
    await driver.wait(until.elementLocated(By.css('#grant .grant-button')), WAIT);
    assert.match(await driver.findElement(By.id('grant')).getText(), /permission/);
    await welcome.close();
    // So does the popup, whose button (a click: the user's gesture) grants them.
    const popup = await openExtensionPage('popup/popup.html', 'grant');
    const button = await driver.wait(until.elementLocated(By.css('#grant .grant-button')), WAIT);
    await button.click();
    await driver.wait(async () => /Allowed/.test(await driver.findElement(By.id('grant')).getText()), WAIT);
    assert.equal(await driver.executeScript('return browser.permissions.contains({ origins: arguments[0] })', ORIGINS), true);
    await popup.close();
    // With them granted, the popup asks no more.
    const again = await openExtensionPage('popup/popup.html', 'grant');
    await driver.wait(async () => !(await driver.findElement(By.id('grant')).isDisplayed()), WAIT);
    await again.close();
    await driver.get(NOTE);
    assert.equal((await waitForCard('#detail-title', 'yyds', 1, 'yyds'))?.headwords[0], 'yyds', 'RedLens works once allowed');
  } finally {
    const restore = await openOptions();
    // Granted without a prompt in this browser (the preference above); a no-op when already granted.
    await driver.executeScript('return browser.permissions.request({ origins: arguments[0] }).catch(() => false)', ORIGINS);
    await restore.close();
  }
});

/** The fixture note whose cover carries text (tests/e2e/fixtures/pictures/cover.png, 480 × 640 at the
 *  slider's corner), and where its words are in the picture. */
const PICTURE_NOTE = 'http://www.xiaohongshu.com/explore/00000000000000000000c0de';
const IN_COVER = { 攻略: { x: 337, y: 241 }, 三亚: { x: 108, y: 241 }, 绝绝子: { x: 262, y: 347 } };

/** The pointer at a point of the cover (in the picture's own pixels). */
async function pointAtCover({ x, y }) {
  const corner = await fresh("(() => { const r = document.querySelector('.note-slider-img').getBoundingClientRect(); return { x: r.left, y: r.top }; })()");
  await driver.actions().move({ x: Math.round(corner.x + x), y: Math.round(corner.y + y), origin: Origin.VIEWPORT, duration: 0 }).perform();
}

/** Presses RedLens's "read-picture" shortcut the way the browser does for the key: its key element in
 *  the window's key set fires the command, which grants activeTab to the tab (WebDriver's keys go to the
 *  page, where no shortcut is seen). */
async function pressReadPicture() {
  await driver.setContext(firefox.Context.CHROME);
  try {
    const pressed = await driver.executeScript(`
      const keys = [...document.querySelectorAll('keyset[id^="ext-keyset-id-redlens"] key')];
      const key = keys.find((k) => k.getAttribute('key')?.toUpperCase() === 'R' && /alt/.test(k.getAttribute('modifiers')) && /shift/.test(k.getAttribute('modifiers')));
      if (!key) return keys.map((k) => k.getAttribute('key') + ':' + k.getAttribute('modifiers'));
      key.doCommand();
      return true;`);
    assert.equal(pressed, true, 'RedLens registered Alt+Shift+R');
  } finally {
    await driver.setContext(firefox.Context.CONTENT);
  }
}

test('the shortcut over a picture reads the line there: the card of the word under the pointer, its line outlined', async () => {
  await driver.get(PICTURE_NOTE);
  await waitForCard('#detail-desc', '姐妹们', 0, '姐妹们'); // the engine is ready
  await pointAtCover(IN_COVER['攻略']);
  await pressReadPicture();
  // The first read loads the reader (the wasm and the models) in a worker of the background page.
  const c = await eventually(card, (x) => x?.headwords[0] === '攻略', 300);
  assert.equal(c?.headwords[0], '攻略', 'the word under the pointer, read from the picture');
  assert.match(c.meaning, /strateg|guide|tips/i);
  const outline = await probeShadow('card', function () {
    return this.querySelector('.line-outline polygon')?.getAttribute('points') ?? null;
  });
  assert.ok(outline, 'the line read is outlined over the picture');
  await writeFile(join(ARTIFACTS, 'firefox-picture.png'), await driver.takeScreenshot(), 'base64');
  // The line read stays with the picture: moving along it explains its other words, no key needed.
  await pointAtCover(IN_COVER['三亚']);
  const place = await eventually(card, (x) => x?.headwords[0] === '三亚');
  assert.equal(place?.headwords[0], '三亚', 'another word of the line read, without a key');
  // Further down, outside the band read around the pointer, nothing was read yet: the key reads there.
  await pointAtCover(IN_COVER['绝绝子']);
  await pressReadPicture();
  const slang = await eventually(card, (x) => x?.headwords[0] === '绝绝子', 60);
  assert.ok(slang?.badges.includes('slang'), 'the slang read in the picture gets its slang card');
});

test('the panel reads the picture in view on request, once a gesture on the tab has allowed it', async () => {
  await driver.get(PICTURE_NOTE); // a new page: what a gesture allowed before is gone
  let p = await eventually(panel, (x) => x?.button);
  const at = (r) => ({ x: Math.round(r.x + r.width / 2), y: Math.round(r.y + r.height / 2), origin: Origin.VIEWPORT, duration: 0 });
  await driver.actions().move(at(p.button)).click().perform();
  p = await eventually(panel, (x) => x?.readPictures && x.items.length > 0);
  assert.ok(!p.items.some((i) => i.word === '绝绝子'), 'nothing read in the picture before it is asked for');
  // A click in the page grants nothing: the panel says which gesture lets RedLens see the picture.
  await driver.actions().move(at(p.readPictures)).click().perform();
  p = await eventually(panel, (x) => /Alt\+Shift\+R/.test(x?.picturesStatus ?? ''), 100);
  assert.match(p.picturesStatus, /Alt\+Shift\+R/);
  // The shortcut over the cover allows it (and reads there); from then on the panel's button reads the
  // whole picture, whose lines join the glossary after the note's own.
  await pointAtCover(IN_COVER['攻略']);
  await pressReadPicture();
  await eventually(card, (x) => x?.headwords[0] === '攻略', 300);
  p = await eventually(panel, (x) => x?.readPictures);
  await driver.actions().move(at(p.readPictures)).click().perform();
  p = await eventually(panel, (x) => x?.items.some((i) => i.word === '绝绝子') && x.picturesStatus === '', 200);
  const words = p.items.map((i) => i.word);
  assert.ok(words.includes('绝绝子'), words.join());
  assert.ok(words.indexOf('攻略') < words.indexOf('绝绝子'), 'the pictures come after the note');
  await writeFile(join(ARTIFACTS, 'firefox-panel-pictures.png'), await driver.takeScreenshot(), 'base64');
});

test('the extension makes no network request', () => {
  const visited = [...SITE_HOSTS, new URL(BLOG).hostname];
  const foreign = server.hosts().filter((h) => !visited.includes(h));
  assert.deepEqual(foreign, []);
});
