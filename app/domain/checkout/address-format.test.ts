import { describe, expect, it } from "vitest";
import { parseWith } from "~/lib/validation";
import { addressFormat, formatExpiryAsTyped, normaliseCardExpiry, normaliseRegion } from "./address-format";
import { addressSchema, paySchema } from "./forms";

const address = {
  intent: "address",
  email: "imani@example.test",
  name: "Imani Njoroge",
  line1: "77 Mission St",
  city: "San Francisco",
  region: "California",
  postalCode: "94105",
  country: "US",
};

describe("addresses by country", () => {
  it("a US, Canadian or Australian region is accepted by name or code, any case, and kept as its code", () => {
    expect(normaliseRegion("US", "California")).toBe("CA");
    expect(normaliseRegion("US", " california ")).toBe("CA");
    expect(normaliseRegion("US", "ca")).toBe("CA");
    expect(normaliseRegion("US", "new york")).toBe("NY");
    expect(normaliseRegion("CA", "Québec")).toBe("QC");
    expect(normaliseRegion("CA", "ON")).toBe("ON");
    expect(normaliseRegion("AU", "New South Wales")).toBe("NSW");
    expect(normaliseRegion("US", "Narnia")).toBeUndefined();
    expect(normaliseRegion("GB", "Greater London")).toBe("Greater London");
  });

  it("the checkout's address form takes 'California' and saves CA", () => {
    expect(parseWith(addressSchema, new URLSearchParams(address))).toMatchObject({ ok: true, data: { region: "CA" } });
    expect(parseWith(addressSchema, new URLSearchParams({ ...address, region: "Narnia" }))).toMatchObject({
      ok: false,
      errors: { region: "Enter a US state, e.g. California or CA." },
    });
  });

  it("a UK address needs a postcode but no county; the postcode is tidied", () => {
    const uk = { ...address, country: "GB", city: "London", region: "", postalCode: "sw1a1aa" };
    expect(parseWith(addressSchema, new URLSearchParams(uk))).toMatchObject({
      ok: true,
      data: { region: undefined, postalCode: "SW1A 1AA" },
    });
    expect(parseWith(addressSchema, new URLSearchParams({ ...uk, postalCode: "" }))).toMatchObject({
      ok: false,
      errors: { postalCode: "Enter a postcode like SW1A 1AA." },
    });
    expect(addressFormat("GB")).toMatchObject({ region: { label: "County (optional)", required: false }, postal: { label: "Postcode" } });
  });

  it("Canada and Australia need their province or state and postal code", () => {
    const ca = { ...address, country: "CA", city: "Ottawa", region: "", postalCode: "K1A 0B1" };
    expect(parseWith(addressSchema, new URLSearchParams(ca))).toMatchObject({ ok: false, errors: { region: "Enter your province." } });
    const au = { ...address, country: "AU", city: "Sydney", region: "nsw", postalCode: "200" };
    expect(parseWith(addressSchema, new URLSearchParams(au))).toMatchObject({
      ok: false,
      errors: { postalCode: "Enter a 4-digit postcode." },
    });
    expect(parseWith(addressSchema, new URLSearchParams({ ...au, postalCode: "2000" }))).toMatchObject({
      ok: true,
      data: { region: "NSW" },
    });
  });

  it("an EU address needs a postal code, not a region", () => {
    const fr = { ...address, country: "FR", city: "Paris", region: "", postalCode: "" };
    expect(parseWith(addressSchema, new URLSearchParams(fr))).toMatchObject({
      ok: false,
      errors: { postalCode: "Enter your postal code." },
    });
    expect(parseWith(addressSchema, new URLSearchParams({ ...fr, postalCode: "75001" }))).toMatchObject({ ok: true });
  });
});

describe("card expiry", () => {
  it("MMYY, MM/YY, M/YY and MM/YYYY all read as MM/YY", () => {
    expect(normaliseCardExpiry("1229")).toBe("12/29");
    expect(normaliseCardExpiry("12/29")).toBe("12/29");
    expect(normaliseCardExpiry(" 1 / 29 ")).toBe("01/29");
    expect(normaliseCardExpiry("12/2029")).toBe("12/29");
    expect(normaliseCardExpiry("12-29")).toBe("12/29");
    expect(normaliseCardExpiry("122")).toBe("122");
    const pay = { intent: "pay", idempotencyKey: crypto.randomUUID(), expectedTotal: "100", cardExpiry: "1229" };
    expect(parseWith(paySchema, new URLSearchParams(pay))).toMatchObject({ ok: true, data: { cardExpiry: "12/29" } });
  });

  it("the slash goes in as one types, and backspace over it works", () => {
    expect(formatExpiryAsTyped("1")).toBe("1");
    expect(formatExpiryAsTyped("12", "1")).toBe("12/");
    expect(formatExpiryAsTyped("12/2", "12/")).toBe("12/2");
    expect(formatExpiryAsTyped("1229")).toBe("12/29");
    expect(formatExpiryAsTyped("12/299")).toBe("12/29");
    expect(formatExpiryAsTyped("4")).toBe("04/");
    expect(formatExpiryAsTyped("12", "12/")).toBe("12");
    expect(formatExpiryAsTyped("1", "12")).toBe("1");
  });
});
