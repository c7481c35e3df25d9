// Chrome only: the offscreen document that hosts the picture reader's worker, because Chrome's service
// worker cannot start one. The background opens it on the first picture and closes it when idle
// (background/picture-reader.js); this relays the background's requests to the worker and back.

const api = globalThis.chrome;
let worker = null;
const waiting = new Map(); // id → sendResponse
let next = 0;

function start() {
  const w = new Worker('../ocr-worker.js');
  w.addEventListener('message', ({ data }) => {
    const respond = waiting.get(data?.id);
    if (!respond) return; // progress reports
    waiting.delete(data.id);
    respond(data);
  });
  w.addEventListener('error', (event) => {
    for (const respond of waiting.values()) respond({ error: event.message || 'the picture reader failed' });
    waiting.clear();
    w.terminate();
    worker = null;
  });
  return w;
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only the background asks (a content script's message has a tab).
  if (message?.target !== 'ocr-offscreen' || sender.id !== api.runtime.id || sender.tab) return false;
  worker ??= start();
  const id = ++next;
  waiting.set(id, sendResponse);
  worker.postMessage({ id, load: message.load, capture: message.capture, area: message.area, viewportWidth: message.viewportWidth });
  return true;
});
