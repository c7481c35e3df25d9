// The extension as a user meets it, in headless Chromium: pointer move → card shown (median, p95),
// background cold start → first card, main-thread cost of annotating a big page, package sizes.
// Writes target/bench/extension.json; report.mjs prints it beside the budgets with the rest.
//
//   node tests/bench/extension.mjs   (after ./build.sh; run by ./build.sh bench)

import { mkdir, stat, writeFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../e2e/chromium.mjs';
import { startServer } from '../e2e/server.mjs';
import { charCentre } from '../e2e/page-helpers.mjs';

const server = await startServer();
const { context } = await launchChromium(server);
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

/** In the page: time from the last pointer move to the frame after the card host became visible. */
function installProbe() {
  window.__rl = { lastMove: 0, shows: [] };
  document.addEventListener('mousemove', () => (window.__rl.lastMove = performance.now()), true);
  new MutationObserver(() => {
    const host = document.querySelector('redlens-card');
    if (host?.style.getPropertyValue('--redlens-visibility') === 'visible') {
      const moved = window.__rl.lastMove;
      requestAnimationFrame(() => window.__rl.shows.push(performance.now() - moved));
    }
  }).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['style'], childList: true });
}

async function hoverTimes(page, words, rounds, settle = 120) {
  await page.evaluate(installProbe);
  for (let r = 0; r < rounds; r++) {
    for (const [selector, needle] of words) {
      const p = await page.evaluate(charCentre, { selector, needle, index: 0 });
      await page.mouse.move(1, 1);
      await page.waitForTimeout(30);
      await page.mouse.move(p.x, p.y);
      await page.waitForTimeout(settle);
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

// Warm: pointer move → card shown.
let page = await context.newPage();
await page.goto(NOTE);
await page.waitForTimeout(2000); // the background builds its segmenter
const warm = await hoverTimes(page, WORDS, 10);

// Cold: the browser stops the background; the next hover starts it again.
const cold = [];
for (let i = 0; i < 5; i++) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  await page.waitForTimeout(300);
  const times = await hoverTimes(page, [WORDS[i % WORDS.length]], 1, 3000);
  if (times.length) cold.push(times[0]);
  await page.waitForTimeout(1500);
}
await page.close();

// Annotation of a big page: the longest main-thread task while the marks are drawn.
page = await context.newPage();
await page.addInitScript(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
});
const t0 = Date.now();
await page.goto('http://www.xiaohongshu.com/big.html');
// Done when the number of marks has not changed for a second.
let marks = 0;
let annotateAll = 0;
for (let i = 0, still = 0; i < 300 && still < 10; i++) {
  const now = await page.evaluate(() => CSS.highlights.get('redlens-marks')?.size ?? 0);
  if (now !== marks) {
    marks = now;
    annotateAll = Date.now() - t0;
    still = 0;
  } else {
    still++;
  }
  await page.waitForTimeout(100);
}
const longTasks = await page.evaluate(() => window.__longTasks);
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
  zip_bytes: sizes,
};
await mkdir('target/bench', { recursive: true });
await writeFile('target/bench/extension.json', `${JSON.stringify(figures, null, 2)}\n`);
console.error('written to target/bench/extension.json');
