import { describe, expect, it } from "vitest";
import { PIN_PATTERN, canSendOtp, formatOtp } from "./pin-rules";

const now = new Date("2030-01-01T10:00:00Z");

describe("PINs", () => {
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
