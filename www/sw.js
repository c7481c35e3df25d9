// The playground's offline copy: this site's own files, kept in a cache named after the build, served
// from it first. A new build gets a new name, and the old cache goes.
const CACHE = 'redlens-playground-__BUILD__';
const FILES = ['./', 'index.html', 'app.js', 'style.css', 'icons/32.png', 'icons/48.png', 'pkg/redlens_bg.wasm', 'redlens.dict'];

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
  // ?text=… pages are the same page.
  event.respondWith(caches.match(event.request, { ignoreSearch: true }).then((hit) => hit ?? fetch(event.request)));
});
