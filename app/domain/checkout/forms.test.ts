import { describe, expect, it } from "vitest";
import { isOneLine, ONE_LINE } from "~/lib/input-rules";
import { parseWith } from "~/lib/validation";
import { COUNTRIES } from "./countries";
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

  it("the one-line pattern the forms check with is the one-line rule, for every UTF-16 code unit", () => {
    for (let code = 0; code <= 0xffff; code++) {
      const value = `a${String.fromCharCode(code)}b`;
      if (ONE_LINE.test(value) !== isOneLine(value)) expect.fail(`U+${code.toString(16)}`);
    }
    expect(ONE_LINE.test("Apt\t4")).toBe(false);
    expect(ONE_LINE.test("Mũthoni Wanjirũ, 3rd floor")).toBe(true);
  });

  it("the country is one we ship to, typed in any case, and nothing else", () => {
    for (const code of Object.keys(COUNTRIES)) {
      // The region and postcode here are Californian: other countries may refuse those, never the country.
      const parsed = parseWith(addressSchema, new URLSearchParams({ ...address, country: ` ${code.toLowerCase()} ` }));
      expect(parsed.ok ? parsed.data.country : parsed.errors.country, code).toBe(parsed.ok ? code : undefined);
    }
    for (const country of ["", "ZZ", "U S", "USA", "constructor", "__proto__", "toString"]) {
      expect(parseWith(addressSchema, new URLSearchParams({ ...address, country })), country).toMatchObject({
        ok: false,
        errors: { country: "Choose a country we ship to." },
      });
    }
  });

  it("a field too long and on two lines says both, the first one shown; a bad optional field stops the address's own checks", () => {
    const long = addressSchema.safeParse({ ...address, name: `${"x".repeat(120)}\ny` });
    expect(long.error?.issues.map((i) => i.message)).toEqual(["Your full name is too long.", "Your full name must be on one line."]);
    // A required field's message, and the region's check still runs beside it.
    expect(parseWith(addressSchema, new URLSearchParams({ ...address, name: "", region: "Narnia" }))).toMatchObject({
      ok: false,
      errors: { name: "Enter your full name.", region: expect.any(String) },
    });
    // An optional field's message alone: the region's check waits until it is fixed.
    const optional = parseWith(addressSchema, new URLSearchParams({ ...address, line2: "Apt\t4", region: "Narnia" }));
    expect(optional).toMatchObject({ ok: false, errors: { line2: "Keep this on one line." } });
    expect(optional.ok ? null : optional.errors.region).toBeUndefined();
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
