import { describe, expect, it } from "vitest";
import { MAX_PIN_FAILURES, PIN_PATTERN, afterWrongPin, canSendOtp, formatOtp, isLocked } from "./pin-rules";

const now = new Date("2030-01-01T10:00:00Z");

describe("PIN lockout", () => {
  it("counts wrong PINs and locks for 15 minutes on the fifth", () => {
    let state = { failures: 0, lockedUntil: null as Date | null };
    for (let i = 1; i < MAX_PIN_FAILURES; i++) {
      state = afterWrongPin(state, now);
      expect(state).toEqual({ failures: i, lockedUntil: null });
    }
    state = afterWrongPin(state, now);
    expect(state.failures).toBe(5);
    expect(state.lockedUntil!.getTime() - now.getTime()).toBe(15 * 60_000);
    expect(isLocked(state.lockedUntil, new Date(now.getTime() + 14 * 60_000))).toBe(true);
    expect(isLocked(state.lockedUntil, new Date(now.getTime() + 15 * 60_000))).toBe(false);
  });

  it("after a lock has run out, the next wrong PIN starts the count again", () => {
    const expired = { failures: 5, lockedUntil: new Date(now.getTime() - 1000) };
    expect(afterWrongPin(expired, now)).toEqual({ failures: 1, lockedUntil: null });
  });

  it("PINs are 4 to 6 digits", () => {
    expect(["1234", "123456"].every((p) => PIN_PATTERN.test(p))).toBe(true);
    expect(["123", "1234567", "12a4", " 1234"].some((p) => PIN_PATTERN.test(p))).toBe(false);
  });
});

describe("one-time codes", () => {
  it("one SMS a minute", () => {
    expect(canSendOtp(null, now)).toBe(true);
    expect(canSendOtp(new Date(now.getTime() - 59_000), now)).toBe(false);
    expect(canSendOtp(new Date(now.getTime() - 60_000), now)).toBe(true);
  });

  it("codes are always six digits", () => {
    expect(formatOtp(0)).toBe("000000");
    expect(formatOtp(42)).toBe("000042");
    expect(formatOtp(999_999)).toBe("999999");
  });
});
