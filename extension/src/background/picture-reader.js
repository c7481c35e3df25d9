// Where pictures are read: the picture reader's worker (ocr/worker.js, with the OCR's wasm and the
// models, some 150 MB once loaded), off every page's thread. Firefox's background page starts the
// worker itself; Chrome's service worker cannot start one, so there an offscreen document hosts it
// (ocr/offscreen.js). Either is started on the first picture and ended after IDLE_MS without one,
// which gives its memory back; the hover engine is never touched by it.

const api = globalThis.browser ?? globalThis.chrome;

/** How long the reader stays loaded after the last picture. */
export const IDLE_MS = 60000;
const OFFSCREEN_URL = 'ocr/offscreen.html';

let idle = 0;
let worker = null; // Firefox: the worker
const waiting = new Map(); // Firefox: request id → { resolve, reject }
let opening = null; // Chrome: the offscreen document being created
let next = 0;

/** Reads `area` ({ x, y, width, height }, CSS pixels) of `capture` (a data URL of a tab whose
 *  viewport is `viewportWidth` CSS pixels wide): resolves with the lines, boxes in the viewport's CSS
 *  pixels; rejects with the reader's error. */
export async function readCapture(capture, area, viewportWidth) {
  clearTimeout(idle);
  try {
    const reply = api.offscreen ? await viaOffscreen({ capture, area, viewportWidth }) : await viaWorker({ capture, area, viewportWidth });
    if (!reply) throw new Error('the picture reader did not answer');
    if (reply.error) throw new Error(reply.error);
    return reply.lines;
  } finally {
    stopWhenIdle();
  }
}

/** Starts loading the reader, if it is not loaded, without reading anything yet: a gesture calls it
 *  once it knows there is a picture to read, so that loading overlaps the tab's capture. A failure here
 *  is left to the read that follows, which reports it. */
export function startReader() {
  clearTimeout(idle);
  const request = api.offscreen ? viaOffscreen({ load: true }) : viaWorker({ load: true });
  request.catch(() => {}).finally(stopWhenIdle);
}

/** (Re)starts the count of IDLE_MS after which the reader is ended. */
function stopWhenIdle() {
  clearTimeout(idle);
  idle = setTimeout(stopReader, IDLE_MS);
}

/** Ends the reader now (it starts again with the next picture). */
export async function stopReader() {
  clearTimeout(idle);
  if (worker) {
    worker.terminate();
    worker = null;
    for (const { reject } of waiting.values()) reject(new Error('the picture reader was stopped'));
    waiting.clear();
  }
  if (api.offscreen && (await hasOffscreen())) await api.offscreen.closeDocument().catch(() => {});
}

/** Whether the reader is loaded now (for the tests and the benchmark: its memory is given back). */
export async function readerRunning() {
  return worker !== null || (api.offscreen ? await hasOffscreen() : false);
}

function viaWorker(message) {
  if (!worker) {
    worker = new Worker(api.runtime.getURL('ocr-worker.js'));
    worker.addEventListener('message', ({ data }) => {
      const request = waiting.get(data?.id);
      if (!request) return; // progress reports
      waiting.delete(data.id);
      request.resolve(data);
    });
    worker.addEventListener('error', (event) => {
      for (const { reject } of waiting.values()) reject(new Error(event.message || 'the picture reader failed'));
      waiting.clear();
      worker?.terminate();
      worker = null;
    });
  }
  const id = ++next;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker.postMessage({ id, ...message });
  });
}

async function hasOffscreen() {
  const contexts = await api.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [api.runtime.getURL(OFFSCREEN_URL)] });
  return contexts.length > 0;
}

async function viaOffscreen(message) {
  if (!(await hasOffscreen())) {
    opening ??= api.offscreen
      .createDocument({ url: OFFSCREEN_URL, reasons: ['WORKERS'], justification: 'Reads the text of a picture the user pointed at, off the page.' })
      .finally(() => {
        opening = null;
      });
    await opening;
  }
  return api.runtime.sendMessage({ target: 'ocr-offscreen', ...message });
}
