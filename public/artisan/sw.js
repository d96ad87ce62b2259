/* Soko artisan app service worker (scope /artisan/). No build step, no dependencies.
 * Pages: network first; the last good copy of the offers and work pages is kept, and served with
 * an "offline" note when the network fails. Build assets (hashed, immutable) and icons: cache first.
 * Signing out forgets the kept pages, so the next person on a shared phone doesn't see them. */
var PAGES = "soko-artisan-pages-v1";
var ASSETS = "soko-artisan-assets-v1";
var KEPT = ["/artisan/offers", "/artisan/work"];

self.addEventListener("install", (event) => {
  self.skipWaiting();
  event.waitUntil(
    caches.open(ASSETS).then((cache) => cache.addAll(["/artisan/icon-192.png", "/artisan/manifest.webmanifest"]).catch(() => {})),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.indexOf("soko-artisan-") === 0 && k !== PAGES && k !== ASSETS).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

function offlineCopy(response) {
  return response.text().then((html) => {
    html = html.replace(/(data-offline="true")\s+hidden=""/, "$1");
    return new Response(html, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" } });
  });
}

self.addEventListener("fetch", (event) => {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === "/artisan/logout") {
    event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (request.method !== "GET") return;

  if (request.mode === "navigate" && KEPT.indexOf(url.pathname) !== -1) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok && response.type === "basic" && !response.redirected) {
            const copy = response.clone();
            caches.open(PAGES).then((cache) => {
              cache.put(url.pathname, copy);
            });
          }
          return response;
        })
        .catch(() =>
          caches
            .open(PAGES)
            .then((cache) => cache.match(url.pathname))
            .then((cached) => {
              if (cached) return offlineCopy(cached);
              throw new Error("offline and nothing kept");
            }),
        ),
    );
    return;
  }

  if (url.pathname.indexOf("/build/") === 0 || url.pathname.indexOf("/images/products/") === 0 || /^\/artisan\/icon/.test(url.pathname)) {
    event.respondWith(
      caches.open(ASSETS).then((cache) =>
        cache.match(request).then(
          (hit) =>
            hit ||
            fetch(request).then((response) => {
              if (response.ok) cache.put(request, response.clone());
              return response;
            }),
        ),
      ),
    );
  }
});
