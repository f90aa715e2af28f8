// Kalanshahr's service worker: keeps the static assets and the last news pages an anonymous reader opened,
// so that they can be read offline. It caches only responses the server marks X-Offline-Cache: allow
// (public pages, never a signed-in user's), and never anything but GET.
const VERSION = "kalanshahr-v1";
const ASSETS = {{ assets|safe }};
const OFFLINE = "{{ offline_url }}";
const KEEP = 20;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll([...ASSETS, OFFLINE])));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== VERSION).map((k) => caches.delete(k)))));
  self.clients.claim();
});

async function remember(request, response) {
  const cache = await caches.open(VERSION);
  await cache.put(request, response);
  const pages = (await cache.keys()).filter((r) => new URL(r.url).pathname.includes("/news/"));
  for (const old of pages.slice(0, Math.max(0, pages.length - KEEP))) await cache.delete(old);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).then((response) => {
      if (response.ok && response.headers.get("X-Offline-Cache") === "allow") {
        event.waitUntil(remember(request, response.clone()));
      }
      return response;
    }).catch(async () => (await caches.match(request)) || caches.match(OFFLINE)));
    return;
  }
  if (ASSETS.includes(new URL(request.url).pathname)) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  }
});
