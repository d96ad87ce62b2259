/**
 * One request and its answer as the HTTP server handles them (app/http/request-listener.ts): the
 * node:http pair, the address as asked, this answer's CSP nonce, the capped body, and where the
 * client is (its address and the origin it asked for, believing X-Forwarded-* only from the proxies
 * TRUST_PROXY names, as express's `trust proxy` did). Every answer written from here starts from the
 * protective headers (security-headers.ts), so none can go out without them.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import proxyaddr from "proxy-addr";
import { CLIENT_ADDRESS_HEADER } from "~/lib/client-address";
import { newNonce, type Protection } from "./security-headers";

/** Whether the hop at `index` (0: the socket's peer) is a proxy we trust; null trusts none. */
export type Trust = ((address: string, index: number) => boolean) | null;

export type Exchange = {
  req: IncomingMessage;
  res: ServerResponse;
  /** The address as the client asked it (path and query), and its path alone. */
  url: string;
  pathname: string;
  /** This answer's CSP nonce (a page from the shared cache answers with the one it was rendered with). */
  nonce: string;
  protection: Protection;
  /** The request body, counted against its cap as a route reads it (body-limits.ts); null without one. */
  body: ReadableStream<Uint8Array> | null;
  /** The body is a small urlencoded form, read whole before Remix instead (form-body.ts). */
  wholeForm: boolean;
  /** The body went past its cap and the 413 is out: whatever a route makes of it is dropped. */
  bodyRefused: boolean;
  trust: Trust;
};

/**
 * express's `trust proxy` values (~/lib/client-address's trustProxySetting) as a function: true
 * trusts every hop, a number that many hops, a string a list of addresses or ranges.
 */
export function compileTrust(setting: boolean | number | string): Trust {
  if (setting === false) return null;
  if (setting === true) return () => true;
  if (typeof setting === "number") return (_address, index) => index < setting;
  return proxyaddr.compile(setting.split(",").map((v) => v.trim()));
}

export function openExchange(req: IncomingMessage, res: ServerResponse, protection: Protection, trust: Trust): Exchange {
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  // The client's address for per-address limits, from the socket or the proxies we trust only:
  // whatever a client sent under this name is replaced.
  req.headers[CLIENT_ADDRESS_HEADER] = (trust ? proxyaddr(req, trust) : req.socket.remoteAddress) ?? "";
  return {
    req,
    res,
    url,
    pathname: query < 0 ? url : url.slice(0, query),
    nonce: newNonce(),
    protection,
    body: null,
    wholeForm: false,
    bodyRefused: false,
    trust,
  };
}

/** The protective headers for this answer, as a flat [name, value, …] list for writeHead. */
export function protectiveHeaders(ex: Exchange, nonce: string = ex.nonce): string[] {
  return [...ex.protection.fixed, "Content-Security-Policy", ex.protection.policy(nonce)];
}

const first = (value: string | string[] | undefined) => {
  const v = Array.isArray(value) ? value[0] : value;
  const comma = v?.indexOf(",") ?? -1;
  return comma < 0 ? v?.trim() : v?.slice(0, comma).trim();
};

/**
 * The origin the client asked for ("https://shop.example"): X-Forwarded-Proto and -Host count only
 * when the socket's peer is a trusted proxy, else the connection and the Host header say.
 */
export function requestOrigin(ex: Exchange): string {
  const { req, trust } = ex;
  const own = (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
  const trusted = trust?.(req.socket.remoteAddress ?? "", 0) ?? false;
  const protocol = (trusted && first(req.headers["x-forwarded-proto"])) || own;
  const host = (trusted && first(req.headers["x-forwarded-host"])) || req.headers.host || "localhost";
  return `${protocol}://${host}`;
}

/** A short plain-text answer (a refusal, an error) with the protective headers and any `extra` ([name, value, …]). */
export function answerText(ex: Exchange, status: number, text: string, extra: string[] = []) {
  const { res } = ex;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = Buffer.from(text);
  res.writeHead(status, [
    ...protectiveHeaders(ex),
    "Content-Type",
    "text/plain; charset=utf-8",
    "Content-Length",
    String(body.length),
    "Cache-Control",
    "no-store",
    ...extra,
  ]);
  res.end(body);
}

/** Something broke while answering: logged, and a 500 that says so unless the answer had begun. */
export function answerFailure(ex: Exchange, error: unknown) {
  console.error(error);
  answerText(ex, 500, "Something went wrong. Please try again in a moment.");
}

/** A 204 with the protective headers and `extra` ([name, value, …]). */
export function answerEmpty(ex: Exchange, extra: string[] = []) {
  ex.res.writeHead(204, [...protectiveHeaders(ex), "Cache-Control", "no-store", ...extra]);
  ex.res.end();
}
