/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />
import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    /** This answer's Content-Security-Policy nonce (app/http/security-headers.ts); absent in tests that call routes directly. */
    cspNonce?: string;
    /**
     * Set only for a render kept in the shared page cache: the token to write in place of each
     * personal bit (app/http/page-template.ts); the root loader returns these instead of reading cookies.
     */
    personalSlots?: Readonly<Record<string, string>>;
    /**
     * The purge keys of what this answer shows (app/lib/purge.server.ts): the loaders of shareable
     * pages hand it to the catalog reads they make; the HTTP edge sends it as `Surrogate-Key`.
     * Absent in tests that call routes directly.
     */
    purgeKeys?: Set<string>;
  }
}
