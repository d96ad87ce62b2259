import { describe, expect, it } from "vitest";
import { normalizeKenyanPhone } from "./phone";

describe("normalizeKenyanPhone", () => {
  it.each([
    ["+254712345678", "+254712345678"],
    ["254712345678", "+254712345678"],
    ["0712345678", "+254712345678"],
    ["0712 345 678", "+254712345678"],
    ["+254 712-345-678", "+254712345678"],
    ["00254712345678", "+254712345678"],
    ["712345678", "+254712345678"],
    ["0110123456", "+254110123456"],
  ])("reads %s as %s", (input, expected) => {
    expect(normalizeKenyanPhone(input)).toBe(expected);
  });

  it.each(["", "12345", "+255712345678", "0212345678", "+2547123456789", "07123abc78"])("refuses %j", (input) => {
    expect(normalizeKenyanPhone(input)).toBeNull();
  });
});
