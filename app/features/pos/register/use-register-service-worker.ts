import { useEffect } from "react";

/**
 * The register's service worker (public/pos/sw.js) keeps this page and the files it loaded,
 * so the register opens again when the shop's connection is down.
 * (Not `serviceWorker.ready`: a tab that opened at /pos, the sign-in, is outside the /pos/ scope.)
 */
export function useRegisterServiceWorker() {
  useEffect(() => {
    navigator.serviceWorker
      ?.register("/pos/sw.js", { scope: "/pos/" })
      .then((registration) => {
        const keep = () => {
          const urls = [
            ...performance.getEntriesByType("resource").map((e) => e.name),
            ...[...document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>("script[src], link[href]")].map((el) =>
              "src" in el ? el.src : el.href,
            ),
          ];
          registration.active?.postMessage({ type: "keep-assets", urls });
        };
        if (registration.active) return keep();
        (registration.installing ?? registration.waiting)?.addEventListener("statechange", (event) => {
          if ((event.target as ServiceWorker).state === "activated") keep();
        });
      })
      .catch(() => {});
  }, []);
}
