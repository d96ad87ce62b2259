import { useEffect } from "react";

/** The service worker's cache of the register page (public/pos/sw.js). */
const POS_PAGES_CACHE = "soko-pos-pages-v1";

/** Signed out (a shared tablet): forget the register page kept for offline use (public/pos/sw.js). */
export function useForgetOfflineRegister(signedIn: boolean) {
  useEffect(() => {
    if (!signedIn && typeof caches !== "undefined") caches.delete(POS_PAGES_CACHE).catch(() => {});
  }, [signedIn]);
}
