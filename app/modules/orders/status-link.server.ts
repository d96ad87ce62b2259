import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "~/utils/env.server";

/** The order status page is opened with a token only the email carries: an HMAC of the number. */
export function statusToken(orderNumber: string): string {
  return createHmac("sha256", env().SESSION_SECRET).update(`order-status:${orderNumber}`).digest("base64url").slice(0, 32);
}

export function verifyStatusToken(orderNumber: string, token: string | null): boolean {
  if (!token) return false;
  const expected = Buffer.from(statusToken(orderNumber));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function statusPath(orderNumber: string): string {
  return `/orders/${encodeURIComponent(orderNumber)}?t=${statusToken(orderNumber)}`;
}

export function statusUrl(orderNumber: string): string {
  return new URL(statusPath(orderNumber), env().PUBLIC_URL).toString();
}
