import { describe, expect, it } from "vitest";
import {
  RESET_TOKEN_LIFETIME_MINUTES,
  hashResetToken,
  isWellFormedResetToken,
  newResetToken,
  resetTokenState,
  resetUrl,
} from "./password-reset";

const now = new Date("2026-03-01T12:00:00Z");

describe("reset tokens", () => {
  it("are 43 url-safe characters, differ every time, expire an hour later, and store only a hash", () => {
    const a = newResetToken(now);
    const b = newResetToken(now);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(isWellFormedResetToken(a.token)).toBe(true);
    expect(a.expiresAt.getTime() - now.getTime()).toBe(RESET_TOKEN_LIFETIME_MINUTES * 60_000);
    expect(RESET_TOKEN_LIFETIME_MINUTES).toBe(60);
    expect(a.hash).toBe(hashResetToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toContain(a.token);
  });

  it("refuses anything that is not token-shaped", () => {
    for (const bad of [undefined, null, "", "short", "x".repeat(42), "x".repeat(44), `${"x".repeat(42)}=`, `${"x".repeat(42)}/`, 42]) {
      expect(isWellFormedResetToken(bad)).toBe(false);
    }
  });

  it("puts the token in the /account/reset query string, encoded", () => {
    expect(resetUrl("https://soko.test", "abc_-123")).toBe("https://soko.test/account/reset?token=abc_-123");
    expect(resetUrl("http://127.0.0.1:3000/", "a")).toBe("http://127.0.0.1:3000/account/reset?token=a");
  });

  it("work once, until replaced, for their hour", () => {
    const expiresAt = new Date(now.getTime() + 1000);
    expect(resetTokenState({ usedAt: null, revokedAt: null, expiresAt }, now)).toBe("live");
    expect(resetTokenState({ usedAt: now, revokedAt: null, expiresAt }, now)).toBe("used");
    expect(resetTokenState({ usedAt: null, revokedAt: now, expiresAt }, now)).toBe("revoked");
    expect(resetTokenState({ usedAt: null, revokedAt: null, expiresAt: now }, now)).toBe("expired");
    expect(resetTokenState({ usedAt: null, revokedAt: null, expiresAt }, new Date(expiresAt.getTime() + 1))).toBe("expired");
  });
});
