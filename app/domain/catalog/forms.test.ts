import { describe, expect, it } from "vitest";
import { imageAltSchema, isValidGtin, parseFormWith, productSchema, slugify, variantSchema } from "./forms";

describe("catalog admin forms", () => {
  it("checks GTIN check digits", () => {
    expect(isValidGtin("4006381333931")).toBe(true);
    expect(isValidGtin("4006381333932")).toBe(false);
    expect(isValidGtin("96385074")).toBe(true);
    expect(isValidGtin("12345")).toBe(false);
  });

  it("makes handles from titles", () => {
    expect(slugify("Mama Ngina's Brass — Drop Earrings")).toBe("mama-nginas-brass-drop-earrings");
  });

  it("a product form: handle from the title unless given, materials as a list, checkbox groups as ids", () => {
    const form = new URLSearchParams([
      ["title", "Lamu Horn Studs"],
      ["category", "earrings"],
      ["materials", "Horn, brass, horn"],
      ["skills", "3"],
      ["skills", "5"],
    ]);
    const parsed = parseFormWith(productSchema, form, ["skills", "collections"]);
    expect(parsed).toMatchObject({
      ok: true,
      data: { handle: "lamu-horn-studs", materials: ["horn", "brass"], skills: [3, 5], collections: [] },
    });
    const bad = parseFormWith(
      productSchema,
      new URLSearchParams([
        ["title", "X y"],
        ["handle", "Bad Handle"],
        ["category", "earrings"],
      ]),
    );
    expect(bad).toMatchObject({ ok: false, errors: { handle: expect.stringContaining("lower-case") } });
  });

  it("a variant form: rules between prices are field messages", () => {
    const base = {
      title: "Default",
      sku: "a-1",
      barcode: "4006381333931",
      price: "40",
      wholesalePrice: "20",
      minQty: "6",
      casePack: "6",
      leadTimeDays: "14",
      pieceRate: "300",
    };
    const ok = parseFormWith(variantSchema, new URLSearchParams(base));
    expect(ok).toMatchObject({ ok: true, data: { sku: "A-1", price: 4000, wholesalePrice: 2000, pieceRate: 30000, options: {} } });
    const bad = parseFormWith(
      variantSchema,
      new URLSearchParams({ ...base, wholesalePrice: "50", compareAtPrice: "30", options: "finish" }),
    );
    expect(bad).toMatchObject({
      ok: false,
      errors: { wholesalePrice: expect.stringContaining("higher than the retail"), options: expect.stringContaining("name: value") },
    });
  });

  it("alt text is one line", () => {
    expect(imageAltSchema.safeParse({ alt: "A brass cuff on linen" }).success).toBe(true);
    expect(imageAltSchema.safeParse({ alt: "A brass cuff\non linen" })).toMatchObject({
      success: false,
      error: { issues: [{ message: "Keep the alt text on one line." }] },
    });
  });
});
