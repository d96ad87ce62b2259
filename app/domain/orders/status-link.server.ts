import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from "node:crypto";
import { env } from "~/lib/env.server";

/** Each secret's key object, made once: HMAC with a string key makes a new key object per call (#14). */
const keys = new Map<string, KeyObject>();
const keyFor = (secret: string) => {
  const kept = keys.get(secret);
  if (kept) return kept;
  const key = createSecretKey(Buffer.from(secret));
  keys.set(secret, key);
  return key;
};

const tokenWith = (secret: string, orderNumber: string) =>
  createHmac("sha256", keyFor(secret)).update(`order-status:${orderNumber}`).digest("base64url").slice(0, 32);

/** The order status page is opened with a token only the email carries: an HMAC of the number (the signing secret). */
export function statusToken(orderNumber: string): string {
  return tokenWith(env().SESSION_SECRETS[0], orderNumber);
}

/** Links made with any of the secrets still open, so emailed links survive a rotation while the old secret is listed. */
export function verifyStatusToken(orderNumber: string, token: string | null): boolean {
  if (!token) return false;
  const given = Buffer.from(token);
  return env().SESSION_SECRETS.some((secret) => {
    const expected = Buffer.from(tokenWith(secret, orderNumber));
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

export function statusPath(orderNumber: string): string {
  return `/orders/${encodeURIComponent(orderNumber)}?t=${statusToken(orderNumber)}`;
}

export function statusUrl(orderNumber: string): string {
  return new URL(statusPath(orderNumber), env().PUBLIC_URL).toString();
}
