import { describe, expect, it } from "vitest";
import { barcodePng } from "~/lib/pdf.server";
import { gs1CheckDigit, hasValidCheckDigit, sscc } from "./sscc";

describe("the GS1 check digit", () => {
  it("matches GS1's own worked examples and well-known product codes", () => {
    // GS1's "how to calculate a check digit manually": SSCC 37610425002123456 → 9, GTIN-13 629104150021 → 3.
    expect(gs1CheckDigit("37610425002123456")).toBe(9);
    expect(gs1CheckDigit("629104150021")).toBe(3);
    // EAN-13 4006381333931 and UPC-A 036000291452.
    expect(gs1CheckDigit("400638133393")).toBe(1);
    expect(gs1CheckDigit("03600029145")).toBe(2);
    // A sum already a multiple of ten needs 0, not 10.
    expect(gs1CheckDigit("0000000000000000")).toBe(0);
  });

  it("tells a good key from one with a digit mistyped or two swapped", () => {
    expect(hasValidCheckDigit("376104250021234569")).toBe(true);
    expect(hasValidCheckDigit("376104250021234568")).toBe(false);
    expect(hasValidCheckDigit("376104250021243569")).toBe(false);
    expect(hasValidCheckDigit("37610425002123456X")).toBe(false);
  });
});

describe("an SSCC-18", () => {
  it("is the extension digit, the company prefix, the zero-padded serial and the check digit", () => {
    expect(sscc("0614141", 1)).toBe("006141410000000012");
    // GS1's worked example, rebuilt from its parts.
    expect(sscc("7610425", 2123456, "3")).toBe("376104250021234569");
    expect(sscc("0614141", 123456789, "1")).toBe("106141411234567897");
    for (const serial of [1, 42, 999_999_999]) {
      const code = sscc("0614141", serial);
      expect(code).toHaveLength(18);
      expect(hasValidCheckDigit(code)).toBe(true);
    }
  });

  it("refuses a serial that does not fit beside a long prefix, and a prefix that is not digits", () => {
    expect(() => sscc("0614141", 1_000_000_000)).toThrow(/does not fit/);
    expect(sscc("061414100000", 9999)).toHaveLength(18);
    expect(() => sscc("061414100000", 10_000)).toThrow(/does not fit/);
    expect(() => sscc("06141A1", 1)).toThrow(/not 6 to 12 digits/);
    expect(() => sscc("0614141", -1)).toThrow();
  });
});

describe("the GS1-128 barcode of an SSCC", () => {
  it("is drawn for our numbers and refused by bwip-js's own GS1 check for a wrong check digit", async () => {
    const code = sscc("0614141", 77);
    const png = await barcodePng("gs1-128", `(00)${code}`);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    const wrong = code.slice(0, 17) + ((Number(code[17]) + 1) % 10);
    await expect(barcodePng("gs1-128", `(00)${wrong}`)).rejects.toThrow(/checksum/i);
  });
});
