/**
 * The protective headers on every answer, set in one place (every answer app/http/exchange.ts writes
 * starts from them, so even a 413 or a static file has them):
 *
 * - Content-Security-Policy: scripts only from this site, or inline with this answer's nonce (Remix's
 *   own inline scripts and the artisan app's service-worker line carry it); no inline event handlers,
 *   no plugins, no <base>, forms post only here, and no site may frame any page (frame-ancestors
 *   'none': the ops console and the register are worth clickjacking). Stripe's hosts are allowed when
 *   Stripe's keys are set (the Payment Element's script, frames and API).
 *   Styles allow 'unsafe-inline': React renders style attributes (widths of charts and bars) and the
 *   emails previewed in /ops/outbox are all inline styles. A style can't run script; the worst an
 *   injected style does is restyle the page, which the nonce on scripts does not need to prevent.
 * - X-Frame-Options: DENY, for browsers that predate frame-ancestors.
 * - X-Content-Type-Options: nosniff.
 * - Referrer-Policy: same-origin. Addresses carry tokens (order status links, password resets,
 *   invitations) that must not leak to other sites; "no-referrer" would also make a JavaScript-off
 *   form post send `Origin: null`, which Remix refuses as cross-site. A route may set its own.
 * - Strict-Transport-Security, when PUBLIC_URL is https.
 *
 * The nonce is fresh per answer. A page from the shared page cache keeps the nonce it was rendered
 * with, and its policy is rebuilt from that (app/http/page-cache-front.ts).
 */
import { randomBytes } from "node:crypto";

export type PolicyOptions = {
  /** Stripe.js and the Payment Element: js.stripe.com scripts and frames, api.stripe.com calls. */
  stripe: boolean;
  /** Where else images come from: the CDN in front of uploads, PUBLIC_URL's origin (emails' absolute links). */
  imageOrigins: string[];
  /** PUBLIC_URL is https: add HSTS. */
  https: boolean;
};

/** From the process environment, handed over by app/server.ts at start. */
export function policyOptionsFromEnv(env: Record<string, string | undefined>): PolicyOptions {
  const origin = (url: string | undefined) => {
    try {
      return url ? new URL(url).origin : null;
    } catch {
      return null;
    }
  };
  const imageOrigins = [origin(env.S3_PUBLIC_URL), origin(env.PUBLIC_URL)].filter((o): o is string => !!o);
  return {
    stripe: !!(env.STRIPE_SECRET_KEY && env.STRIPE_PUBLISHABLE_KEY),
    imageOrigins: [...new Set(imageOrigins)],
    https: env.PUBLIC_URL?.startsWith("https://") ?? false,
  };
}

const NONCE_BYTES = 16;
const NONCE_POOL_BYTES = 4096;
let noncePool = Buffer.alloc(0);
let noncePoolOffset = 0;

/**
 * 128 random bits, base64: a CSP nonce. The bits come from the same CSPRNG as before, drawn 4 KB at a
 * time instead of one system call per answer (each of the 256 nonces in a draw is used once).
 */
export function newNonce(): string {
  if (noncePoolOffset + NONCE_BYTES > noncePool.length) {
    noncePool = randomBytes(NONCE_POOL_BYTES);
    noncePoolOffset = 0;
  }
  const nonce = noncePool.toString("base64", noncePoolOffset, noncePoolOffset + NONCE_BYTES);
  noncePoolOffset += NONCE_BYTES;
  return nonce;
}

export function contentSecurityPolicy(nonce: string, options: PolicyOptions): string {
  const stripe = (...hosts: string[]) => (options.stripe ? hosts : []);
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, ...stripe("https://js.stripe.com", "https://*.js.stripe.com")],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", ...options.imageOrigins, ...stripe("https://*.stripe.com")],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...stripe("https://api.stripe.com")],
    "frame-src": ["'self'", ...stripe("https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com")],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
  };
  const policy = Object.entries(directives).map(([name, values]) => `${name} ${values.join(" ")}`);
  if (options.https) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}

/** The headers besides the policy, the same on every answer. */
export function staticSecurityHeaders(options: PolicyOptions): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    ...(options.https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

/** The headers every answer starts from: the fixed ones (flat), and the policy for a nonce. */
export type Protection = { fixed: string[]; policy: (nonce: string) => string };

/**
 * The headers every answer starts from (app/http/exchange.ts): the fixed ones as a flat list, and the
 * policy for a nonce put together from its two halves around the nonce (no directives rebuilt per answer).
 */
export function protection(options: PolicyOptions): Protection {
  const marker = "\u0000nonce\u0000";
  const [before, after] = contentSecurityPolicy(marker, options).split(marker);
  return { fixed: Object.entries(staticSecurityHeaders(options)).flat(), policy: (nonce) => before + nonce + after };
}
