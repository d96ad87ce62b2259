import { describe, expect, it } from "vitest";
import { displayKenyanPhone, normalizeKenyanPhone } from "./phone";

describe("Kenyan mobile numbers", () => {
  it.each([
    ["0712345678", "+254712345678"],
    ["+254712345678", "+254712345678"],
    ["254712345678", "+254712345678"],
    ["712345678", "+254712345678"],
    ["0712 345 678", "+254712345678"],
    ["+254 (712) 345-678", "+254712345678"],
    ["0110123456", "+254110123456"],
  ])("%s → %s", (input, e164) => {
    expect(normalizeKenyanPhone(input)).toBe(e164);
  });

  it.each(["", "12345", "0812345678", "+14155550100", "07123456789", "+2547123456", "0712345abc", "2540712345678"])("refuses %j", (input) => {
    expect(normalizeKenyanPhone(input)).toBeNull();
  });

  it("shows a number the Kenyan way", () => {
    expect(displayKenyanPhone("+254700000001")).toBe("0700 000 001");
    expect(displayKenyanPhone("+14155550100")).toBe("+14155550100");
  });
});
