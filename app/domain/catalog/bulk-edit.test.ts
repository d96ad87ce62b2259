import { describe, expect, it } from "vitest";
import { bulkEditSchema, describeBulkEdit, newPrice, planBulkEdit, type BulkEdit, type ProductState } from "./bulk-edit";

const product = (over: Partial<ProductState> = {}): ProductState => ({
  id: 1,
  title: "Ndovu Hoops",
  status: "draft",
  publishedAt: null,
  variants: [{ id: 11, title: "Brass", price: 4800, compareAtPrice: null, wholesalePrice: 2400, leadTimeDays: 14 }],
  collectionPosition: null,
  hasSkill: false,
  ...over,
});

const parse = (fields: Record<string, string>) => bulkEditSchema.safeParse(fields);

describe("newPrice", () => {
  it("sets, or moves by a percentage rounded to whole dollars or to the cent", () => {
    expect(newPrice(4800, { kind: "price", mode: "set", price: 5200 })).toBe(5200);
    expect(newPrice(4800, { kind: "price", mode: "percent", basisPoints: 1000, rounding: "dollar" })).toBe(5300); // 52.80 → 53
    expect(newPrice(4800, { kind: "price", mode: "percent", basisPoints: 1000, rounding: "cent" })).toBe(5280);
    expect(newPrice(4850, { kind: "price", mode: "percent", basisPoints: -1500, rounding: "dollar" })).toBe(4100); // 41.225 → 41
    expect(newPrice(4999, { kind: "price", mode: "percent", basisPoints: 1250, rounding: "cent" })).toBe(5624); // 56.23875 → 56.24
  });
});

describe("bulkEditSchema", () => {
  it("reads only the chosen change's fields", () => {
    expect(parse({ change: "price", priceMode: "percent", percent: "+10%", rounding: "dollar", leadTime: "junk" })).toMatchObject({
      success: true,
      data: { kind: "price", mode: "percent", basisPoints: 1000, rounding: "dollar" },
    });
    expect(parse({ change: "price", priceMode: "set", price: "52.50" })).toMatchObject({
      data: { kind: "price", mode: "set", price: 5250 },
    });
    expect(parse({ change: "status", newStatus: "draft" })).toMatchObject({ data: { kind: "status", status: "draft" } });
    expect(parse({ change: "lead-time", leadTime: "21" })).toMatchObject({ data: { kind: "lead-time", days: 21 } });
    expect(parse({ change: "collection-add", collection: "4" })).toMatchObject({ data: { kind: "collection-add", collectionId: 4 } });
  });

  it("refuses a missing or impossible value with a message on its field", () => {
    const issues = (fields: Record<string, string>) => {
      const r = parse(fields);
      return r.success ? null : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(issues({ change: "price", priceMode: "percent", percent: "-100", rounding: "dollar" })?.[0]).toMatch(/^percent: /);
    expect(issues({ change: "price", priceMode: "percent", percent: "0", rounding: "dollar" })?.[0]).toMatch(/^percent: /);
    expect(issues({ change: "price", priceMode: "percent", percent: "10" })?.[0]).toMatch(/^rounding: /);
    expect(issues({ change: "price", priceMode: "set", price: "free" })?.[0]).toMatch(/^price: /);
    expect(issues({ change: "status", newStatus: "archived" })?.[0]).toMatch(/^newStatus: /);
    expect(issues({ change: "lead-time", leadTime: "2.5" })?.[0]).toMatch(/^leadTime: /);
    expect(issues({ change: "delete-everything" })?.[0]).toMatch(/^change: /);
  });
});

describe("planBulkEdit", () => {
  it("lists every changed variant price, and refuses prices under wholesale or not under compare-at", () => {
    const edit: BulkEdit = { kind: "price", mode: "percent", basisPoints: -5000, rounding: "dollar" };
    const plan = planBulkEdit(edit, [
      product(),
      product({
        id: 2,
        title: "Sabi Pendant",
        variants: [{ id: 21, title: "Horn", price: 9000, compareAtPrice: null, wholesalePrice: 3000, leadTimeDays: 14 }],
      }),
    ]);
    expect(plan.refusals).toEqual([]); // $24.00 equals the wholesale price: allowed
    expect(plan.changes).toEqual([
      { productId: 1, title: "Ndovu Hoops", variantId: 11, variantTitle: "Brass", from: 4800, to: 2400 },
      { productId: 2, title: "Sabi Pendant", variantId: 21, variantTitle: "Horn", from: 9000, to: 4500 },
    ]);
    const tooLow = planBulkEdit({ kind: "price", mode: "set", price: 2000 }, [product()]);
    expect(tooLow.refusals).toEqual([
      { productId: 1, title: "Ndovu Hoops", message: "Brass: $20.00 would be below its wholesale price $24.00" },
    ]);
    const onSale = planBulkEdit({ kind: "price", mode: "set", price: 6000 }, [
      product({ variants: [{ id: 11, title: "Brass", price: 4800, compareAtPrice: 5500, wholesalePrice: 2400, leadTimeDays: 14 }] }),
    ]);
    expect(onSale.refusals[0].message).toBe("Brass: $60.00 would not be below its compare-at price $55.00");
    expect(onSale.changes).toEqual([]);
  });

  it("leaves what is already so, and refuses publishing a product with no variant", () => {
    const plan = planBulkEdit({ kind: "status", status: "active" }, [
      product({ id: 1, status: "active", title: "Live" }),
      product({ id: 2, title: "Empty", variants: [] }),
      product({ id: 3, title: "Draft", publishedAt: "2026-01-01T00:00:00.000000Z" }),
    ]);
    expect(plan.unchanged).toEqual([{ title: "Live", reason: "already so" }]);
    expect(plan.refusals).toEqual([{ productId: 2, title: "Empty", message: "has no variant with a price yet" }]);
    expect(plan.changes).toEqual([
      {
        productId: 3,
        title: "Draft",
        variantId: null,
        variantTitle: null,
        from: "draft",
        to: "active",
        publishedAt: "2026-01-01T00:00:00.000000Z",
      },
    ]);
    expect(plan.changedProducts).toBe(1);
  });

  it("adds to or removes from a collection only where it changes something, keeping the old place", () => {
    const add = planBulkEdit({ kind: "collection-add", collectionId: 4 }, [product({ id: 1 }), product({ id: 2, collectionPosition: 3 })]);
    expect(add.changes.map((c) => [c.productId, c.from, c.to])).toEqual([[1, null, "in"]]);
    const remove = planBulkEdit({ kind: "collection-remove", collectionId: 4 }, [
      product({ id: 1 }),
      product({ id: 2, collectionPosition: 3 }),
    ]);
    expect(remove.changes.map((c) => [c.productId, c.from, c.to])).toEqual([[2, 3, null]]);
  });

  it("describes the edit in a line", () => {
    expect(describeBulkEdit({ kind: "price", mode: "percent", basisPoints: -1500, rounding: "dollar" })).toBe(
      "Price −15%, rounded to whole dollars",
    );
    expect(describeBulkEdit({ kind: "collection-add", collectionId: 1 }, { collection: "Gifts" })).toBe("Add to the collection “Gifts”");
  });
});
