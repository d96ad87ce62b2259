/**
 * Pure rules of "forgot your password?" links: the token's shape, its hash, its URL, whether a stored
 * token still works, and the client address a request came from (for the per-address throttle).
 */
import { createHash, randomBytes } from "node:crypto";

/** A link works for one hour. */
export const RESET_TOKEN_LIFETIME_MINUTES = 60;
export const RESET_PATH = "/account/reset";
export const FORGOT_PATH = "/account/forgot";

/** 32 random bytes, base64url: 43 characters of [A-Za-z0-9_-]. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new token and what is stored of it. The token itself is only ever in the email. */
export function newResetToken(now: Date) {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashResetToken(token), expiresAt: new Date(now.getTime() + RESET_TOKEN_LIFETIME_MINUTES * 60_000) };
}

/** SHA-256 is enough here: the token is 256 random bits, nothing to slow down a guess of. */
export function hashResetToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** True for something that could be one of our tokens; anything else is refused without a query. */
export function isWellFormedResetToken(token: unknown): token is string {
  return typeof token === "string" && TOKEN_PATTERN.test(token);
}

export function resetUrl(baseUrl: string, token: string) {
  const url = new URL(RESET_PATH, baseUrl);
  url.searchParams.set("token", token);
  return url.toString();
}

export type ResetTokenState = "live" | "used" | "revoked" | "expired";

/** Whether a stored token still works at `now`: unused, not replaced by a newer one, not past its hour. */
export function resetTokenState(row: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): ResetTokenState {
  if (row.usedAt) return "used";
  if (row.revokedAt) return "revoked";
  if (row.expiresAt.getTime() <= now.getTime()) return "expired";
  return "live";
}

/** The client address per-address limits count by (see ~/http/client-address). */
export { clientAddress } from "~/lib/client-address";
