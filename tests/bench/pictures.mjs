// Reading pictures, as a user meets it: in headless Chromium with the extension, the shortcut's read of
// the band around the pointer on a note's cover → the card of the word there (first use, loading the
// reader included; then warm), the browser's memory before, while and after the reader is loaded (it
// ends after a minute idle), and a whole cover read by the OCR's wasm module in Node. Writes
// target/bench/pictures.json; report.mjs prints it with the rest.
//
//   node tests/bench/pictures.mjs   (after ./build.sh; run by ./build.sh bench)
//
// The shortcut cannot be pressed in headless Chromium: the benchmark sends the background the request
// the shortcut makes (readPicture, mode 'pointer') from an extension page, with the capture allowed by
// a copy of the extension that holds the host permission for all pages (extensionThatMayCapture).

import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extensionThatMayCapture, launchChromium, probeShadow } from '../e2e/chromium.mjs';
import { startServer } from '../e2e/server.mjs';
import { cardProbe } from '../e2e/page-helpers.mjs';

const PICTURE_NOTE = 'http://www.xiaohongshu.com/explore/00000000000000000000c0de';
/** Words of the cover (tests/e2e/fixtures/pictures/cover.png) and where they are in it. */
const WORDS = [
  ['攻略', { x: 337, y: 241 }],
  ['海景', { x: 282, y: 432 }],
];
const WARM_RUNS = 8;
function panelButton() {
  return this.querySelector('.open') !== null;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The resident memory of every process of the browser started with `profile`, in bytes (Linux). */
async function browserRss(profile) {
  let total = 0;
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes(profile) && !(await isChildOf(pid, profile))) continue;
      const rss = (await readFile(`/proc/${pid}/status`, 'utf8')).match(/VmRSS:\s+(\d+) kB/);
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** Chromium's helper processes carry the profile on their command line too, except the zygotes: those
 *  are found by their parent. */
async function isChildOf(pid, profile) {
  const ppid = (await readFile(`/proc/${pid}/status`, 'utf8')).match(/PPid:\s+(\d+)/)?.[1];
  if (!ppid || ppid === '1') return false;
  const parent = await readFile(`/proc/${ppid}/cmdline`, 'utf8').catch(() => '');
  return parent.includes(profile) && parent.includes('zygote');
}

const server = await startServer();
const { context, extensionId, profile } = await launchChromium(server, { extension: await extensionThatMayCapture() });
const page = await context.newPage();
await page.goto(PICTURE_NOTE);
await page.waitForSelector('.note-slider-img');
const popup = await context.newPage();
await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
await page.bringToFront();
const tabId = await popup.evaluate(async () => (await chrome.tabs.query({ url: '*://www.xiaohongshu.com/*' }))[0].id);
const corner = await page.evaluate(() => {
  const r = document.querySelector('.note-slider-img').getBoundingClientRect();
  return { x: r.left, y: r.top };
});
await sleep(2000);
const rssBefore = await browserRss(profile);

/** Points at `word`, sends the shortcut's request, and times until the card shows that word (polled
 *  through DevTools every 10 ms: the figure includes up to one poll's delay). The page is loaded again
 *  first, so that its content script has no line read before and the card waits for this read. */
async function keyToCard(word, at) {
  await page.reload();
  await page.waitForSelector('.note-slider-img');
  // The content script is in (it offers the panel on a note), so that it sees where the pointer is.
  while (!(await probeShadow(page, 'panel', panelButton))) await sleep(20);
  await page.mouse.move(corner.x + 5, corner.y + 5);
  await page.mouse.move(corner.x + at.x, corner.y + at.y);
  const start = performance.now();
  await popup.evaluate((id) => chrome.runtime.sendMessage({ type: 'readPicture', tabId: id, mode: 'pointer' }), tabId);
  for (;;) {
    const card = await probeShadow(page, 'card', cardProbe);
    if (card?.headwords[0] === word) return performance.now() - start;
    if (performance.now() - start > 60000) throw new Error(`no card for ${word} after a minute: ${JSON.stringify(card)}`);
    await sleep(10);
  }
}

const first = await keyToCard(...WORDS[0]);
const rssLoaded = await browserRss(profile);
const warm = [];
for (let i = 0; i < WARM_RUNS; i++) warm.push(await keyToCard(...WORDS[i % WORDS.length]));
const rssWhile = await browserRss(profile);
// The reader ends after a minute without a picture (background/picture-reader.js: IDLE_MS).
await sleep(65000);
const offscreenLeft = await popup.evaluate(() => chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] }).then((c) => c.length));
const rssAfter = await browserRss(profile);
await context.close();
await server.close();

// A whole cover in Node, by the OCR's wasm module: the fixture note's (480 × 640).
const pkg = resolve('target/ocr-wasm/pkg');
const models = process.env.REDLENS_OCR_MODELS ?? resolve('target/ocr');
const mod = await import(join(pkg, 'redlens_ocr_wasm.js'));
await mod.default({ module_or_path: readFileSync(join(pkg, 'redlens_ocr_wasm_bg.wasm')) });
const file = (name) => readFileSync(join(models, name));
const reader = new mod.OcrReader(file('ch_PP-OCRv4_det_infer.onnx'), file('ch_PP-OCRv4_rec_infer.onnx'), file('ch_ppocr_mobile_v2.0_cls_infer.onnx'), file('ppocr_keys_v1.txt').toString('utf8'));
const cover = readFileSync('tests/e2e/fixtures/pictures/cover.png');
const coverRuns = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  reader.read(cover);
  coverRuns.push(performance.now() - t);
}

const figures = {
  key_to_card_first_ms: Math.round(first),
  key_to_card_warm_median_ms: Math.round(median(warm)),
  key_to_card_warm_max_ms: Math.round(Math.max(...warm)),
  browser_rss_before_bytes: rssBefore,
  browser_rss_reader_loaded_bytes: Math.max(rssLoaded, rssWhile),
  browser_rss_after_idle_bytes: rssAfter,
  reader_documents_after_idle: offscreenLeft,
  cover_wasm_node_first_ms: Math.round(coverRuns[0]),
  cover_wasm_node_warm_median_ms: Math.round(median(coverRuns.slice(1))),
};
await mkdir('target/bench', { recursive: true });
await writeFile('target/bench/pictures.json', `${JSON.stringify(figures, null, 2)}\n`);
console.error(figures);
console.error('written to target/bench/pictures.json');
