/**
 * The review link in the review request email: `/orders/<number>/review?t=<token>`, the token an HMAC
 * of the order number for this one purpose (it does not open the order's status page, and the status
 * link does not open this one). Made with the first session secret, checked against every listed
 * one, so emailed links survive a rotation.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "~/lib/env.server";

const tokenWith = (secret: string, orderNumber: string) =>
  createHmac("sha256", secret).update(`order-review:${orderNumber}`).digest("base64url").slice(0, 32);

export function reviewToken(orderNumber: string): string {
  return tokenWith(env().SESSION_SECRETS[0], orderNumber);
}

export function verifyReviewToken(orderNumber: string, token: string | null): boolean {
  if (!token) return false;
  const given = Buffer.from(token);
  return env().SESSION_SECRETS.some((secret) => {
    const expected = Buffer.from(tokenWith(secret, orderNumber));
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** The page where the buyer reviews the order's pieces; with `token`, it opens without an account. */
export function reviewPath(orderNumber: string, options: { token?: boolean; line?: number } = {}): string {
  const query = new URLSearchParams();
  if (options.token !== false) query.set("t", reviewToken(orderNumber));
  if (options.line) query.set("line", String(options.line));
  const search = query.toString();
  return `/orders/${encodeURIComponent(orderNumber)}/review${search ? `?${search}` : ""}`;
}

export function reviewUrl(orderNumber: string): string {
  return new URL(reviewPath(orderNumber), env().PUBLIC_URL).toString();
}
