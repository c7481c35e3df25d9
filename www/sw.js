// The playground's offline copy: this site's own files, kept in a cache named after the build, served
// from it first. A new build gets a new name, and the old cache goes. The dictionary is not fetched
// here: the page has just downloaded it, and hands its bytes over once the engine has copied them.
const CACHE = 'redlens-playground-__BUILD__';
const FILES = ['./', 'index.html', 'app.js', 'style.css', 'icons/32.png', 'icons/48.png', 'pkg/redlens_bg.wasm'];
const DICTIONARY = 'redlens.dict';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('redlens-playground-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  // Only this build's own cache is looked in (not another cache of the same site); old ?text=… links
  // are the same page.
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(event.request, { ignoreSearch: true })).then((hit) => hit ?? fetch(event.request)),
  );
});

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
