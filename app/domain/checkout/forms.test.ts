import { describe, expect, it } from "vitest";
import { parseWith } from "~/lib/validation";
import { addressSchema, discountSchema, paySchema } from "./forms";

const address = {
  intent: "address",
  email: "imani@example.test",
  name: "Imani Njoroge",
  line1: "77 Mission St",
  city: "San Francisco",
  region: "CA",
  postalCode: "94105",
  country: "US",
};

describe("checkout forms", () => {
  it("an address is one line per field: a line break or a tab in one is that field's message", () => {
    expect(addressSchema.safeParse(address).success).toBe(true);
    const broken = parseWith(addressSchema, new URLSearchParams({ ...address, name: "Imani\r\nBcc: x", line2: "Apt\t4" }));
    expect(broken).toMatchObject({ ok: false, errors: { name: "Your full name must be on one line.", line2: "Keep this on one line." } });
  });

  it("a discount code with a NUL never reaches the query; one with a tab is a message", () => {
    expect(parseWith(discountSchema, new URLSearchParams({ intent: "discount", code: "WELCOME10\u0000" }))).toMatchObject({
      ok: false,
      errors: { code: expect.stringContaining("control character") },
    });
    expect(parseWith(discountSchema, new URLSearchParams({ intent: "discount", code: "WEL\tCOME10" }))).toMatchObject({
      ok: false,
      errors: { code: "A discount code is letters and digits." },
    });
    expect(parseWith(discountSchema, new URLSearchParams({ intent: "discount", code: " welcome10 " }))).toEqual({
      ok: true,
      data: { intent: "discount", code: "WELCOME10" },
    });
  });

  it("answers a tampered total on the pay form in words, not the validator's", () => {
    const form = { intent: "pay", idempotencyKey: "3530b231-3a17-4a7c-abeb-92913b3635e3" };
    for (const expectedTotal of ["-5", "1.5", "abc", "99999999999999"]) {
      const parsed = paySchema.safeParse({ ...form, expectedTotal });
      expect(
        parsed.error?.issues.map((i) => i.message),
        expectedTotal,
      ).toEqual(["This form has expired. Please review your order and pay again."]);
    }
    expect(paySchema.safeParse({ ...form, expectedTotal: "18018" }).success).toBe(true);
  });
});
