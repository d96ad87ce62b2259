/**
 * Remix refuses an action whose Origin is not this host (a cross-site form post) by throwing, which
 * answers 500. The HTTP server asks this first and answers 403 instead. The rule is Remix's own
 * (`throwIfPotentialCSRFAttack`): Origin "null" or another host than X-Forwarded-Host / Host.
 * A request without an Origin is refused too when the browser says it came from another site
 * (`Sec-Fetch-Site: cross-site`), so a browser or extension that drops Origin cannot post a form of
 * ours from elsewhere (a sign-in planted from another site). Other clients send neither and pass.
 * Webhooks and callbacks from other services (/webhooks, /api) are theirs to check.
 */
const CHANGES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const SERVICE_PATHS = /^\/(webhooks|api)\//;

export function isCrossSiteAction(
  method: string,
  path: string,
  headers: { origin?: string; host?: string; forwardedHost?: string; fetchSite?: string },
): boolean {
  if (!CHANGES.has(method) || SERVICE_PATHS.test(path)) return false;
  if (headers.fetchSite === "cross-site") return true;
  if (!headers.origin) return false;
  let originHost: string;
  try {
    originHost = headers.origin === "null" ? "null" : new URL(headers.origin).host;
  } catch {
    return true;
  }
  const host = headers.forwardedHost?.split(",")[0]?.trim() || headers.host;
  return !host || originHost !== host;
}
