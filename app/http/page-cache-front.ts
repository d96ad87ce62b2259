/**
 * The storefront's shared pages for everybody (docs/decisions/0007, 0015, 0018):
 *
 * - A catalog page (home, collections, products, makers, search) is rendered once without cookies,
 *   with a token where each personal bit goes (the bag count, the account link), and kept in the
 *   shared page cache as a template (page-template.ts). Nothing personal is ever rendered into it:
 *   the render's request carries no cookies and its root loader reads none.
 * - Every answer from it, anonymous or not, is that template with the visitor's own bits put in:
 *   none for a visitor without our cookies (the anonymous page, built and gzipped once), else what
 *   `PersonalBits.load` reads for their Cookie header (one or two indexed reads, no render).
 * - A fresh hit is answered straight from node:http (`serveHit`), before anything else: the headers
 *   are prepared when the page is stored, the body is gzipped when it was stored. Misses and stale
 *   pages go through the request listener's checks first (`answer`), which renders, stores and answers.
 * - Answers with personal bits say `Cache-Control: private, no-cache`, so no shared cache keeps them.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { onPurge } from "~/lib/purge.server";
import { wholeBody, wholeResponse } from "~/lib/whole-response";
import { MARKET_PAGE_PATHS } from "./market-redirect";
import { PageCache, type CachedPage } from "./page-cache";
import { PageTemplate, newPersonalSlots, type PersonalValues } from "./page-template";
import type { Exchange } from "./exchange";
import { acceptsGzip, answerWithRemix, loadContext, sendResponse, toFetchRequest, type RemixFetch } from "./remix-handler";
import { contentSecurityPolicy, newNonce, staticSecurityHeaders, type PolicyOptions } from "./security-headers";

/** Storefront pages a CDN could share; order pages, APIs and webhooks never pass through the cache. */
const UNPREFIXED_PATHS = /^\/(|collections\/[^/]+|products\/[^/]+|makers(\/[^/]+)?|search|sitemap\.xml|robots\.txt)$/;

/**
 * The same at every market's address (docs/decisions/0021): the URL, prefix and all, is the cache
 * key, so each market's copy of a page is kept and purged on its own.
 */
export const CACHEABLE_PATHS = new RegExp(`${UNPREFIXED_PATHS.source}|${MARKET_PAGE_PATHS.source}`);

/** What the app's build says about the personal bits of its shared pages (app/entry.server.tsx). */
export type PersonalBits = {
  /** The bits of a visitor without our cookies; their names are the fields of every template. */
  anonymous: PersonalValues;
  /** A visitor's own bits, from their Cookie header. */
  load: (cookieHeader: string) => Promise<PersonalValues>;
  /** The same when already read for this header (no waiting): most requests of a visit. */
  known?: (cookieHeader: string) => PersonalValues | undefined;
};

/** Our cookies (cart, session, wholesale draft): a request carrying one gets its own bits. */
export function hasOurCookies(cookieHeader: string | undefined): cookieHeader is string {
  return !!cookieHeader?.includes("__soko_");
}

/** A stored page, its template and its answer headers, both kinds prepared once. */
type StoredPage = CachedPage & { template: PageTemplate; shared: string[]; personal: string[] };

export function pageCacheFront({ handle, policy, personal }: { handle: RemixFetch; policy: PolicyOptions; personal: PersonalBits | null }) {
  const cache = new PageCache();
  onPurge((keys) => cache.purge(keys));
  const fields = personal ? Object.keys(personal.anonymous) : [];
  const security = Object.entries(staticSecurityHeaders(policy)).flat();

  /** The answer headers of a stored page: for everybody (as rendered) and with personal bits (private). */
  function prepare(page: CachedPage, nonce: string): { shared: string[]; personal: string[] } {
    const own = page.headers.filter(([name]) => !["content-length", "content-encoding", "vary"].includes(name));
    const base = [...security, "Content-Security-Policy", contentSecurityPolicy(nonce, policy), "Vary", "Cookie, Accept-Encoding"];
    const shared = [...base, ...own.flat()];
    const personalHeaders = [
      ...base,
      ...own.filter(([name]) => !/^(cache-control|surrogate-control|surrogate-key)$/.test(name)).flat(),
      "Cache-Control",
      "private, no-cache",
    ];
    return { shared, personal: personalHeaders };
  }

  /** The page, anonymous (`values` null) or with a visitor's bits, gzipped when the client takes it. */
  function send(req: IncomingMessage, res: ServerResponse, page: StoredPage, hit: string, values: PersonalValues | null) {
    const gzip = acceptsGzip(req.headers["accept-encoding"]);
    const body = values
      ? gzip
        ? page.template.gzip(values)
        : page.template.fill(values)
      : gzip
        ? page.template.anonymous.gzip
        : page.template.anonymous.body;
    const headers = [...(values ? page.personal : page.shared), "Content-Length", String(body.length), "X-Page-Cache", hit];
    if (gzip) headers.push("Content-Encoding", "gzip");
    res.writeHead(page.status, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  }

  function failed(res: ServerResponse, error: unknown) {
    console.error(error);
    if (res.headersSent) return res.destroy();
    res.writeHead(500, [...security, "Content-Type", "text/plain; charset=utf-8", "Cache-Control", "no-store"]);
    res.end("Something went wrong. Please try again in a moment.");
  }

  /** Renders the shared page for `req`: no cookies, tokens where the personal bits go. */
  async function renderShared(ex: Exchange, keep: (passThrough: PassThrough) => void): Promise<StoredPage | null> {
    const nonce = newNonce();
    const slots = newPersonalSlots(fields);
    const response = await handle(toFetchRequest(ex, { cookies: false }), { ...loadContext(nonce), personalSlots: slots });
    const lifetime = PageCache.sharedLifetime(response.status, response.headers);
    if (!lifetime) {
      keep({ response, nonce, slots });
      return null;
    }
    const headers = [...response.headers.entries()];
    const body = await wholeBody(response);
    const template = PageTemplate.from(body, response.headers.get("content-type") ?? "", slots, personal?.anonymous ?? {});
    const page: CachedPage = {
      status: response.status,
      headers,
      body,
      storedAt: Date.now(),
      nonce,
      keys: PageCache.surrogateKeys(response.headers),
      ...lifetime,
    };
    return { ...page, template, ...prepare(page, nonce) };
  }

  type PassThrough = { response: Response; nonce: string; slots: Record<string, string> };

  return {
    /**
     * node:http, before anything else: answers a GET or HEAD for a fresh cached page and returns true;
     * anything else (a miss, a stale page, another path) returns false for the request listener to take.
     */
    serveHit(req: IncomingMessage, res: ServerResponse): boolean {
      if ((req.method !== "GET" && req.method !== "HEAD") || !req.url) return false;
      const query = req.url.indexOf("?");
      if (!CACHEABLE_PATHS.test(query < 0 ? req.url : req.url.slice(0, query))) return false;
      const page = cache.fresh(req.url) as StoredPage | undefined;
      if (!page?.template) return false;
      const cookie = req.headers.cookie;
      if (!hasOurCookies(cookie)) {
        send(req, res, page, "HIT", null);
        return true;
      }
      if (!personal) return false;
      const known = personal.known?.(cookie);
      if (known) {
        send(req, res, page, "HIT", known);
        return true;
      }
      personal.load(cookie).then(
        (values) => send(req, res, page, "HIT", values),
        (error) => failed(res, error),
      );
      return true;
    },

    /**
     * A GET or HEAD of a catalog page that `serveHit` did not answer (a miss, a stale page): rendered,
     * stored and answered; returns false for any other request, for Remix to answer.
     */
    answer(ex: Exchange): Promise<void> | false {
      if ((ex.req.method !== "GET" && ex.req.method !== "HEAD") || !CACHEABLE_PATHS.test(ex.pathname)) return false;
      const cookie = ex.req.headers.cookie;
      const isPersonal = hasOurCookies(cookie);
      if (isPersonal && !personal) return false;
      return answerMiss(ex, isPersonal ? cookie : null);
    },
  };

  async function answerMiss(ex: Exchange, cookie: string | null) {
    const { req, res } = ex;
    try {
      // This visitor's bits are read while the page renders (or is looked up).
      const values = cookie !== null ? personal!.load(cookie) : null;
      values?.catch(() => {});
      let passThrough: PassThrough | null = null;
      const result = await cache.get(ex.url, () =>
        renderShared(ex, (p) => {
          passThrough = p;
        }),
      );
      if (result) return send(req, res, result.page as StoredPage, result.hit, values ? await values : null);
      // Not shareable (a 404, a redirect), or a concurrent miss found it so.
      const own = passThrough as PassThrough | null;
      if (!own || cookie !== null) {
        // The cookies may matter to a page that is not shared: this request's own render.
        await own?.response.body?.cancel().catch(() => {});
        return answerWithRemix(ex, handle);
      }
      // Anonymous: the shared render is this visitor's page once its tokens hold the anonymous bits,
      // answered with the policy of the nonce it was rendered with.
      const body = await wholeBody(own.response);
      const filled = PageTemplate.from(body, own.response.headers.get("content-type") ?? "", own.slots, personal?.anonymous ?? {});
      const headers = new Headers(own.response.headers);
      headers.delete("content-length");
      ex.nonce = own.nonce;
      const bodyless = req.method === "HEAD" || !body.length || [204, 304].includes(own.response.status);
      return sendResponse(
        ex,
        bodyless
          ? new Response(null, { status: own.response.status, headers })
          : wholeResponse(filled.anonymous.body, { status: own.response.status, headers }),
      );
    } catch (error) {
      failed(res, error);
    }
  }
}
