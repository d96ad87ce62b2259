/**
 * The client's network address, for per-address limits. The HTTP server (app/http/exchange.ts) writes
 * it into this header on every request (the socket's peer, or with TRUST_PROXY set, the address the
 * trusted proxies forwarded, as proxy-addr reads X-Forwarded-For), replacing whatever the client
 * sent under that name. Anything else a client writes (X-Forwarded-For) is not believed.
 */
export const CLIENT_ADDRESS_HEADER = "x-soko-client-address";

/** The address the server recorded, normalised; null when there is none (a request made in a test). */
export function clientAddress(headers: Headers): string | null {
  const candidate = headers
    .get(CLIENT_ADDRESS_HEADER)
    ?.trim()
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  if (!candidate || candidate.length > 64 || !/^[0-9A-Fa-f.:]+$/.test(candidate)) return null;
  return candidate.toLowerCase();
}

/** The `trust proxy` setting (as express named it) from TRUST_PROXY: unset or "false" trusts no proxy; "true", a hop count, or a list of addresses. */
export function trustProxySetting(value: string | undefined): boolean | number | string {
  if (!value || value === "false") return false;
  if (value === "true") return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
