/* Soko register service worker (scope /pos/). No build step, no dependencies.
 * The register must open even when the shop's connection is down: the last good copy of
 * /pos/register is kept (network first) and served when the network fails; the build assets it
 * needs (hashed, immutable) are kept too, cache first. Sales made offline go to the IndexedDB queue
 * (offline-queue.js) as before. The sign-in page (shown after signing out) forgets the kept page,
 * so the next person on a shared tablet doesn't see it. */
var PAGES = "soko-pos-pages-v1";
var ASSETS = "soko-pos-assets-v1";
var REGISTER = "/pos/register";

self.addEventListener("install", (event) => {
  self.skipWaiting();
  event.waitUntil(
    caches.open(ASSETS).then((cache) => cache.addAll(["/pos/offline-queue.js", "/pos/manifest.webmanifest"]).catch(() => {})),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.indexOf("soko-pos-") === 0 && k !== PAGES && k !== ASSETS).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

// The register page lists what it loaded (performance entries): keep the build assets among them.
self.addEventListener("message", (event) => {
  var data = event.data || {};
  if (data.type !== "keep-assets" || !Array.isArray(data.urls)) return;
  var urls = data.urls.filter((u) => {
    try {
      const url = new URL(u);
      return url.origin === self.location.origin && url.pathname.indexOf("/build/") === 0;
    } catch {
      return false;
    }
  });
  var assets = caches
    .open(ASSETS)
    .then((cache) => Promise.all(urls.map((u) => cache.match(u).then((hit) => hit || cache.add(u).catch(() => {})))));
  // The page itself, in case it was opened before this worker was in charge.
  var page = fetch(REGISTER, { credentials: "same-origin", redirect: "manual" })
    .then((response) => {
      if (response.ok && response.type !== "opaqueredirect") return caches.open(PAGES).then((cache) => cache.put(REGISTER, response));
    })
    .catch(() => {});
  event.waitUntil(Promise.all([assets, page]));
});

self.addEventListener("fetch", (event) => {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") return;

  if (request.mode === "navigate" && url.pathname === REGISTER) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          // Only a real register (not a redirect to sign in, not an error) replaces the kept copy.
          if (response.ok && !response.redirected) {
            const copy = response.clone();
            caches.open(PAGES).then((cache) => cache.put(REGISTER, copy));
          }
          return response;
        })
        .catch(() =>
          caches
            .open(PAGES)
            .then((cache) => cache.match(REGISTER))
            .then(
              (kept) =>
                kept ||
                new Response(
                  "<!doctype html><title>Offline</title><p>The register is offline and has not been opened on this tablet yet. Connect once, open the register, and it will open offline next time.</p>",
                  { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } },
                ),
            ),
        ),
    );
    return;
  }

  if (url.pathname.indexOf("/build/") === 0 || url.pathname === "/pos/offline-queue.js" || url.pathname === "/pos/manifest.webmanifest") {
    event.respondWith(
      caches.open(ASSETS).then((cache) =>
        cache.match(request).then((hit) => {
          // Hashed build files never change: the kept copy is enough.
          if (hit && url.pathname.indexOf("/build/") === 0) return hit;
          var fresh = fetch(request).then((response) => {
            if (response.ok) cache.put(request, response.clone());
            return response;
          });
          if (!hit) return fresh;
          // The queue script and manifest: the kept copy now, refreshed behind it.
          fresh.catch(() => {});
          return hit;
        }),
      ),
    );
  }
});
