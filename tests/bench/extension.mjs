// The extension as a user meets it, in headless Chromium: pointer move → card shown (median, p95),
// background cold start → first card, main-thread cost of annotating a big page, memory and
// responsiveness under load (a feed appending cards for minutes, a note with 3,000 comments), sizes.
// Writes target/bench/extension.json; report.mjs prints it beside the budgets with the rest.
//
//   node tests/bench/extension.mjs   (after ./build.sh; run by ./build.sh bench)

import { mkdir, stat, writeFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../e2e/chromium.mjs';
import { startServer } from '../e2e/server.mjs';
import { charCentre, shadowHost } from '../e2e/page-helpers.mjs';

const server = await startServer();
const { context } = await launchChromium(server);
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

/** In the page: time from the pointer's arrival on the word aimed at (its first move inside the word's
 *  first character, `window.__rl.aim`) to the first frame in which the card shows that word. The card's
 *  shadow root is closed to the page; `exposeCard` hands it to this probe through DevTools. */
function installProbe() {
  window.__rl = { aim: null, arrived: null, shows: [] };
  document.addEventListener(
    'mousemove',
    (e) => {
      const { aim } = window.__rl;
      if (aim && window.__rl.arrived === null && Math.abs(e.clientX - aim.x) <= aim.dx && Math.abs(e.clientY - aim.y) <= aim.dy) {
        window.__rl.arrived = performance.now();
      }
    },
    true,
  );
  const frame = () => {
    const { aim, arrived, cardRoot } = window.__rl;
    const word = cardRoot?.querySelector('.card .entry .headline .hanzi')?.textContent;
    if (arrived !== null && word === aim.word) {
      window.__rl.shows.push(performance.now() - arrived);
      window.__rl.aim = null;
      window.__rl.arrived = null;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Hands the card's shadow root (closed to the page) to the probe, through DevTools, as the browser
 *  tests read the card. The host lives as long as the page, so once is enough (after a first card). */
async function exposeCard(page) {
  const cdp = await context.newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const host = shadowHost(root, 'card');
  if (!host) throw new Error('no card host: show a card first');
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: host.shadowRoots[0].backendNodeId });
  await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: 'function () { window.__rl.cardRoot = this; }' });
  await cdp.detach();
}

/** In the page: how many marks annotation mode has drawn (its highlight is the one with most ranges; the
 *  names are random for each page load). */
function markCount() {
  let most = 0;
  CSS.highlights.forEach((h) => (most = Math.max(most, h.size)));
  return most;
}

/** Watches the page's marks every 100 ms (at most `tries` times) until their number has not changed
 *  for a second: that number, and when it was last reached (ms since `since`). */
async function marksSettle(page, since, tries) {
  let marks = 0;
  let ms = 0;
  for (let i = 0, still = 0; i < tries && still < 10; i++) {
    const now = await page.evaluate(markCount);
    if (now !== marks) {
      marks = now;
      ms = Date.now() - since;
      still = 0;
    } else {
      still++;
    }
    await page.waitForTimeout(100);
  }
  return { marks, ms };
}

/** Records the page's long tasks in `window.__longTasks` from its first script on. */
async function watchLongTasks(target) {
  await target.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
  });
}

/** Moves the pointer onto `to` as a hand does: from 120 px above, fast at first, then slowing down
 *  (ease-out over a dozen moves about a frame apart), coming to rest on the word. Crossing the lines
 *  above fast, it opens no card on the way (content/approach.js), so the first card is the word's. */
async function reach(page, to, word) {
  await page.evaluate((aim) => Object.assign(window.__rl, { aim, arrived: null }), { ...to, word, dx: 6, dy: 7 });
  const from = { x: to.x, y: Math.max(1, to.y - 120) };
  const STEPS = 12;
  for (let i = 1; i <= STEPS; i++) {
    const k = 1 - (1 - i / STEPS) ** 3;
    await page.mouse.move(from.x + (to.x - from.x) * k, from.y + (to.y - from.y) * k);
    await page.waitForTimeout(8);
  }
}

/** The times of `rounds` hand-like hovers of each of `words` ([selector, needle] pairs; the needle is
 *  the word the card must show). */
async function hoverTimes(page, words, rounds, settle = 120) {
  for (let r = 0; r < rounds; r++) {
    for (const [selector, needle] of words) {
      const p = await page.evaluate(charCentre, { selector, needle, index: 0 });
      await page.mouse.move(1, 1);
      await page.waitForTimeout(60);
      await reach(page, p, needle);
      await page.waitForTimeout(settle);
      if (r === 0) await exposeCard(page);
    }
  }
  return page.evaluate(() => window.__rl.shows);
}

const NOTE = 'http://www.xiaohongshu.com/explore/64b8f0c2000000001e03a1b2';
const WORDS = [
  ['#detail-title', 'yyds'],
  ['#detail-title', '奶茶'],
  ['#detail-desc', '尊嘟假嘟'],
  ['#detail-desc', '画蛇添足'],
  ['#detail-desc', '好喝'],
  ['.comments-container', 'xswl'],
];

// Warm: the pointer reaches a word → its card shown.
let page = await context.newPage();
await page.goto(NOTE);
await page.waitForTimeout(2000); // the background builds its segmenter
await page.evaluate(installProbe);
const warm = await hoverTimes(page, WORDS, 10);
await page.close();

/** In the page: time from the next pointer move to the first frame in which a card is there, found as
 *  the page could find it: by hit-testing below the pointer, where the card opens, for an element
 *  RedLens added under the root element. For a page's first card. */
function firstCardProbe() {
  window.__first = { move: null, shown: null };
  document.addEventListener('mousemove', () => (window.__first.move ??= performance.now()), { capture: true, once: true });
  const ours = (el) => el?.parentElement === document.documentElement && el.localName.includes('-');
  const frame = () => {
    const { move } = window.__first;
    if (move !== null && [24, 40, -40].some((dy) => ours(document.elementFromPoint(window.__first.x, window.__first.y + dy)))) {
      window.__first.shown = performance.now() - move;
    } else {
      requestAnimationFrame(frame);
    }
  };
  requestAnimationFrame(frame);
}

// Cold: the browser has stopped the background; a page the reader has not pointed at yet (nothing of it
// learnt); the pointer comes to rest on a word (one move, after a pause). The card waits for the
// background to start.
const cold = [];
for (let i = 0; i < 5; i++) {
  page = await context.newPage();
  await page.goto(NOTE);
  await page.mouse.move(1, 1);
  await page.waitForTimeout(1000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  await page.waitForTimeout(300);
  const [selector, needle] = WORDS[i % WORDS.length];
  const p = await page.evaluate(charCentre, { selector, needle, index: 0 });
  await page.evaluate(firstCardProbe);
  await page.evaluate((at) => Object.assign(window.__first, at), p);
  await page.mouse.move(p.x, p.y);
  await page.waitForTimeout(3000);
  const shown = await page.evaluate(() => window.__first.shown);
  if (shown !== null) cold.push(shown);
  await page.close();
}

// Annotation of a big page: the longest main-thread task while the marks are drawn.
page = await context.newPage();
await watchLongTasks(page);
const t0 = Date.now();
await page.goto('http://www.xiaohongshu.com/big.html');
const { marks, ms: annotateAll } = await marksSettle(page, t0, 300);
const longTasks = await page.evaluate(() => window.__longTasks);
await page.close();

// Load: a feed that keeps appending cards for LOAD_SECONDS (recycling the oldest, as the site's
// virtual list does), then a note whose comments arrive a hundred at a time up to 3,000. The page's
// JS heap (content script included: it shares the page's isolate) after a forced collection, early
// and at the end; the longest main-thread task; the marks.
const LOAD_SECONDS = Number(process.env.LOAD_SECONDS ?? 120);
const TITLES = ['打工人的周末就是躺平', '这家火锅yyds，姐妹们冲', '尊嘟假嘟？这也太好看了', '今天520，男朋友送花', 'xswl，我家猫又在凡尔赛', '画蛇添足的一天', '绝绝子！出片率超高', '家人们谁懂啊'];

async function heapMiB(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1048576;
}

page = await context.newPage();
await watchLongTasks(page);
await page.goto('http://www.xiaohongshu.com/explore');
let cdp = await context.newCDPSession(page);
await cdp.send('HeapProfiler.enable');
await page.evaluate((titles) => {
  const feed = document.getElementById('exploreFeeds');
  let n = 0;
  window.__feed = setInterval(() => {
    for (let i = 0; i < 12; i++, n++) {
      const card = document.createElement('section');
      card.className = 'note-item';
      const footer = document.createElement('div');
      footer.className = 'footer';
      const a = document.createElement('a');
      a.className = 'title';
      const span = document.createElement('span');
      span.textContent = `${titles[n % titles.length]} #${n}`;
      a.append(span);
      footer.append(a);
      card.append(footer);
      feed.append(card);
    }
    while (feed.children.length > 300) feed.firstElementChild.remove();
  }, 250);
}, TITLES);
await page.waitForTimeout(10000);
const feedHeapEarly = await heapMiB(cdp);
await page.waitForTimeout(Math.max(0, LOAD_SECONDS * 1000 - 10000));
const feedHeapEnd = await heapMiB(cdp);
const feedMarks = await page.evaluate(markCount);
const feedCards = await page.evaluate(() => {
  clearInterval(window.__feed);
  return document.querySelectorAll('.note-item').length;
});
const feedLongTasks = await page.evaluate(() => window.__longTasks);
await cdp.detach();
await page.close();

page = await context.newPage();
await watchLongTasks(page);
await page.goto('http://www.xiaohongshu.com/explore/64b8f0c2000000001e03a1b2');
cdp = await context.newCDPSession(page);
await cdp.send('HeapProfiler.enable');
const commentsHeapBefore = await heapMiB(cdp);
const commentsStart = Date.now();
await page.evaluate((titles) => {
  const list = document.querySelector('.list-container');
  let n = 0;
  return new Promise((done) => {
    const timer = setInterval(() => {
      for (let i = 0; i < 100; i++, n++) {
        const item = document.createElement('div');
        item.className = 'parent-comment';
        item.innerHTML = '<div class="comment-item"><div class="content"><span class="note-text"></span></div></div>';
        item.querySelector('.note-text').textContent = `${titles[n % titles.length]}，第${n}楼`;
        list.append(item);
      }
      if (n >= 3000) {
        clearInterval(timer);
        done();
      }
    }, 100);
  });
}, TITLES);
const { marks: commentMarks, ms: commentsMarkedMs } = await marksSettle(page, commentsStart, 600);
const commentsHeapAfter = await heapMiB(cdp);
const commentsLongTasks = await page.evaluate(() => window.__longTasks);
await cdp.detach();
await page.close();

const zips = readdirSync('dist').filter((f) => f.endsWith('.zip'));
const sizes = {};
for (const z of zips) sizes[z] = (await stat(join('dist', z))).size;

await context.close();
await server.close();

const figures = {
  hover_to_card_median_ms: quantile(warm, 0.5),
  hover_to_card_p95_ms: quantile(warm, 0.95),
  hovers: warm.length,
  cold_start_to_card_median_ms: quantile(cold, 0.5) ?? NaN,
  big_page_marks: marks,
  big_page_time_to_marks_ms: annotateAll,
  big_page_longest_task_ms: longTasks.length ? Math.max(...longTasks) : 0,
  big_page_long_tasks: longTasks.length,
  load_feed_seconds: LOAD_SECONDS,
  load_feed_heap_mib_after_10s: feedHeapEarly,
  load_feed_heap_mib_at_end: feedHeapEnd,
  load_feed_cards_on_page: feedCards,
  load_feed_marks_at_end: feedMarks,
  load_feed_longest_task_ms: feedLongTasks.length ? Math.max(...feedLongTasks) : 0,
  load_comments: 3000,
  load_comments_marks: commentMarks,
  load_comments_all_marked_ms: commentsMarkedMs,
  load_comments_heap_mib_before_after: [commentsHeapBefore, commentsHeapAfter],
  load_comments_longest_task_ms: commentsLongTasks.length ? Math.max(...commentsLongTasks) : 0,
  zip_bytes: sizes,
};
await mkdir('target/bench', { recursive: true });
await writeFile('target/bench/extension.json', `${JSON.stringify(figures, null, 2)}\n`);
console.error('written to target/bench/extension.json');
