// The background: owns the engine (wasm + dictionary) and answers the content scripts and the popup.
// Chrome runs it as a service worker that may be stopped at any time; Firefox as a background script.
// Starting costs one fetch of the dictionary from the package and one checksum pass, so a restart loses
// nothing and the next request simply waits for it.

import { engine, hover } from './engine.js';
import { isValidRequest } from '../shared/messages.js';
import { syncSites } from '../shared/sites.js';

const api = globalThis.browser ?? globalThis.chrome;

async function answer(request) {
  const e = await engine();
  switch (request.type) {
    case 'lookupAt':
      return hover(e)(request.text, request.offset);
    case 'annotate':
      // Plain arrays: messages between contexts are JSON-like, typed arrays do not survive them.
      return request.texts.map((text) => Array.from(e.annotate(text)));
    case 'search':
      return e.search(request.query, request.limit);
    case 'entry':
      return e.entry(request.id);
    case 'status':
      return { segmenterReady: e.segmenterReady() };
  }
  return null;
}

api.runtime.onMessage.addListener((request, sender, sendResponse) => {
  // Only the extension's own pages and content scripts may ask; anything else is ignored.
  if (sender.id !== api.runtime.id || !isValidRequest(request)) return false;
  answer(request).then(
    (result) => sendResponse({ ok: true, result }),
    (error) => sendResponse({ ok: false, error: String(error?.message ?? error) }),
  );
  return true;
});

// Keep the content scripts of the sites the user enabled in step with the permissions they granted.
syncSites().catch((error) => console.error('RedLens: could not sync enabled sites:', error));
api.permissions.onRemoved?.addListener(() => syncSites().catch(() => {}));

// Warm the engine as soon as the background starts.
engine().catch((error) => console.error('RedLens: the engine did not start:', error));
