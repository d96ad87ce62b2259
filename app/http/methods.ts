/**
 * The methods our addresses mean: GET and HEAD read, POST changes (every form, webhook and callback;
 * no route takes PUT, PATCH or DELETE). Remix runs a route's action for those as it does for POST,
 * so a PUT with a form body accepted an artisan's offer. Browsers preflight them cross-site, so that
 * was no forgery hole, but an action must not do what was asked of it by a method it does not mean.
 * Settled here, once, before Remix (no route can forget):
 *
 * - GET, HEAD, POST: on to the route.
 * - OPTIONS: 204 with `Allow` and no CORS headers (a cross-site preflight gets no permission).
 * - Anything else (PUT, PATCH, DELETE, TRACE…): 405 with `Allow`; no route runs, nothing is written.
 *
 * A route that one day takes another method adds it here, for its own paths.
 */
export const ALLOW = "GET, HEAD, POST";

export const METHOD_REFUSAL = "This address answers GET, HEAD and POST only.";

export function methodVerdict(method: string | undefined): "on" | "options" | "refused" {
  if (method === undefined || method === "GET" || method === "HEAD" || method === "POST") return "on";
  return method === "OPTIONS" ? "options" : "refused";
}
