// The playground's offline copy: this site's own files, kept in a cache named after the build, served
// from it first. A new build gets a new name, and the old cache goes. The dictionary is not fetched
// here: the page has just downloaded it, and hands its bytes over once the engine has copied them.
const CACHE = 'redlens-playground-__BUILD__';
const FILES = ['./', 'index.html', 'app.js', 'style.css', 'manifest.webmanifest', 'icons/32.png', 'icons/48.png', 'icons/192.png', 'pkg/redlens_bg.wasm'];
/** Where the pictures of the last share wait for the page (shared/0, shared/1, …). */
const SHARED = 'redlens-shared';
/** The most pictures of one share that are kept. */
const MAX_PICTURES = 8;
const DICTIONARY = 'redlens.dict';
/** The picture reader (ocr-worker.js, its wasm and the models, some 32 MB): never precached, kept here
 *  when the page first reads a picture, in a cache named after a hash of these files alone, so that a new
 *  build of the rest of the site keeps it. */
const OCR_CACHE = 'redlens-ocr-__OCR_BUILD__';
const OCR_FILES = /\/(?:ocr-worker\.js|ocr\/[^/]+)$/;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => (k.startsWith('redlens-playground-') && k !== CACHE) || (k.startsWith('redlens-ocr-') && k !== OCR_CACHE))
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  if (event.request.method === 'POST' && url.href === new URL('share', self.registration.scope).href) {
    event.respondWith(takeShare(event.request));
    return;
  }
  if (event.request.method !== 'GET') return;
  if (OCR_FILES.test(url.pathname) && url.href.startsWith(self.registration.scope)) {
    event.respondWith(keepOcrFile(event));
    return;
  }
  // Only this build's own cache is looked in (not another cache of the same site); old ?text=… links
  // are the same page.
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(event.request, { ignoreSearch: true })).then((hit) => hit ?? fetch(event.request)),
  );
});

/** A file of the picture reader: from its cache, else fetched (on the first picture) and kept. */
async function keepOcrFile(event) {
  const cache = await caches.open(OCR_CACHE);
  const hit = await cache.match(event.request, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(event.request);
  // Kept while the page receives it (its progress shows as it comes).
  if (response.ok) event.waitUntil(cache.put(event.request, response.clone()));
  return response;
}

/** Whether a message comes from one of this playground's own pages. */
function fromOwnPage(event) {
  const source = event.source;
  return source?.type === 'window' && typeof source.url === 'string' && source.url.startsWith(self.registration.scope);
}

// The page's downloaded dictionary, kept as the response it came in.
self.addEventListener('message', (event) => {
  const { type, bytes } = event.data ?? {};
  if (!fromOwnPage(event) || type !== 'keep-dictionary' || !(bytes instanceof ArrayBuffer) || bytes.byteLength === 0) return;
  const response = new Response(bytes, { headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.byteLength) } });
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      if (!(await cache.match(DICTIONARY))) await cache.put(DICTIONARY, response);
    }),
  );
});

/** A share to the installed app (the manifest's share_target): its text goes to the page in the
 *  address's fragment, which no request carries; its pictures wait in a cache of their own, replacing
 *  those of the share before. Handled here, so that sharing works offline. */
async function takeShare(request) {
  const form = await request.formData().catch(() => null);
  const field = (name) => (typeof form?.get(name) === 'string' ? form.get(name) : '');
  const pictures = (form?.getAll('images') ?? []).filter((f) => f instanceof File && f.type.startsWith('image/'));
  await caches.delete(SHARED);
  const kept = await caches.open(SHARED);
  const count = Math.min(pictures.length, MAX_PICTURES);
  for (let i = 0; i < count; i++) {
    await kept.put(new URL(`shared/${i}`, self.registration.scope).href, new Response(pictures[i], { headers: { 'Content-Type': pictures[i].type } }));
  }
  const fragment = new URLSearchParams({ title: field('title'), shared: field('text'), link: field('url'), pictures: String(count) });
  return Response.redirect(new URL(`./#${fragment}`, self.registration.scope).href, 303);
}
