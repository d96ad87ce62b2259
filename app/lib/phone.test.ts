import { describe, expect, it } from "vitest";
import { displayKenyanPhone, nationalDigits, normalizeE164, normalizeKenyanPhone, toMsisdn } from "./phone";
import { ACCEPTED_PHONE_FORMS, REFUSED_PHONE_FORMS } from "./phone.fixtures";

describe("normalizeKenyanPhone (the one parser)", () => {
  it.each(ACCEPTED_PHONE_FORMS)("reads %j as %s", (input, e164) => {
    expect(normalizeKenyanPhone(input)).toBe(e164);
  });

  it.each(REFUSED_PHONE_FORMS)("refuses %j", (input) => {
    expect(normalizeKenyanPhone(input)).toBeNull();
  });
});

describe("the forms around it", () => {
  it("gives M-Pesa the same number without the +", () => {
    expect(toMsisdn("+254700000001")).toBe("254700000001");
    expect(toMsisdn("0712 345 678")).toBe("254712345678");
    expect(toMsisdn("254110000009")).toBe("254110000009");
    expect(toMsisdn("00254712345678")).toBe("254712345678");
    expect(toMsisdn("712345678")).toBe("254712345678");
    for (const [input, e164] of ACCEPTED_PHONE_FORMS) expect(toMsisdn(input)).toBe(e164.slice(1));
    for (const input of REFUSED_PHONE_FORMS) expect(toMsisdn(input)).toBeNull();
  });

  it("shows a number the Kenyan way", () => {
    expect(displayKenyanPhone("+254700000001")).toBe("0700 000 001");
    expect(displayKenyanPhone("+14155550100")).toBe("+14155550100");
  });

  it("searches by the digits after the country code or trunk 0", () => {
    expect(nationalDigits("0712 34")).toBe("71234");
    expect(nationalDigits("+254 712-34")).toBe("71234");
    expect(nationalDigits("254712 34")).toBe("71234");
    expect(nationalDigits("00254 71234")).toBe("71234");
    expect(nationalDigits("71234")).toBe("71234");
  });
});

describe("normalizeE164 (a shopper's number for a text receipt)", () => {
  it("reads North American numbers as the flagship's shoppers write them", () => {
    expect(normalizeE164("(415) 555-0100")).toBe("+14155550100");
    expect(normalizeE164("1 415 555 0100")).toBe("+14155550100");
    expect(normalizeE164("+1 415.555.0100")).toBe("+14155550100");
  });

  it("keeps international numbers with their country code, Kenyan ones as everywhere else", () => {
    expect(normalizeE164("+44 7700 900123")).toBe("+447700900123");
    expect(normalizeE164("0044 7700 900123")).toBe("+447700900123");
    expect(normalizeE164("+254 712 345 678")).toBe("+254712345678");
  });

  it("refuses what cannot be a phone number", () => {
    for (const bad of ["", "555-0100", "+0 123 456 789", "+1234567", "+1234567890123456", "(015) 555-0100", "call me", "=1+2"])
      expect(normalizeE164(bad), bad).toBeNull();
  });
});
