import { describe, expect, it } from "vitest";
import { parseCode } from "~/domain/giftcards";
import {
  EMPTY_CART,
  addGiftCard,
  addItem,
  catalogIndex,
  checkSaleLines,
  editLines,
  parseCart,
  groupByProduct,
  parsePercent,
  priceCart,
  removeGiftCard,
  removeLine,
  scan,
  searchAsYouType,
  type CatalogItem,
} from "./cart";

const item = (over: Partial<CatalogItem> & { variantId: number }): CatalogItem => ({
  productId: over.variantId,
  productTitle: over.title ?? `Piece ${over.variantId}`,
  variantTitle: null,
  sku: `SKU-${over.variantId}`,
  barcode: `29000000000${over.variantId}`,
  title: `Piece ${over.variantId}`,
  category: "earrings",
  price: 4800,
  currency: "USD",
  onShelf: 3,
  image: null,
  ...over,
});
const items = [
  item({ variantId: 1, title: "Petite Horn Paddle Stud", barcode: "2900000000011", sku: "EAR-0001" }),
  item({ variantId: 2, title: "Horn Hoop Earrings", sku: "EAR-0002", price: 6800, onShelf: 0 }),
  item({ variantId: 3, title: "Brass Cuff", category: "bracelets", sku: "BRA-0003", price: 2599 }),
];
const catalog = catalogIndex(items);

describe("search as you type", () => {
  it("lists pieces with every word typed, or whose SKU starts with it, from two characters on", () => {
    expect(searchAsYouType(items, "h")).toEqual([]);
    expect(searchAsYouType(items, "ho").map((i) => i.variantId)).toEqual([1, 2]);
    expect(searchAsYouType(items, "horn hoop").map((i) => i.variantId)).toEqual([2]);
    expect(searchAsYouType(items, "ear-").map((i) => i.variantId)).toEqual([1, 2]);
    expect(searchAsYouType(items, "bra-0").map((i) => i.variantId)).toEqual([3]);
    expect(searchAsYouType(items, "necklace")).toEqual([]);
  });

  it("leaves digits alone (a scanner's burst ends with Enter) and stops at the limit", () => {
    expect(searchAsYouType(items, "290000")).toEqual([]);
    const many = Array.from({ length: 30 }, (_, i) => item({ variantId: 100 + i, title: `Horn piece ${i}` }));
    expect(searchAsYouType(many, "horn")).toHaveLength(12);
  });
});

describe("scan", () => {
  it("adds by barcode, by SKU (any case) and by a unique name; a second scan adds one more", () => {
    let r = scan(EMPTY_CART, items, "2900000000011");
    expect(r.ok && r.cart.lines).toEqual([{ variantId: 1, quantity: 1, discountPercent: 0 }]);
    r = scan(r.cart, items, "ear-0001");
    expect(r.cart.lines[0].quantity).toBe(2);
    r = scan(r.cart, items, "brass cuff");
    expect(r.cart.lines.map((l) => l.variantId)).toEqual([1, 3]);
  });

  it("says which barcode is unknown, lists several matches, and refuses an empty field", () => {
    const unknown = scan(EMPTY_CART, items, "1234567890123");
    expect(unknown).toMatchObject({ ok: false, message: "Unknown barcode 1234567890123: no piece has it." });
    const several = scan(EMPTY_CART, items, "horn");
    expect(several.ok).toBe(false);
    expect(!several.ok && several.matches?.map((m) => m.variantId)).toEqual([1, 2]);
    expect(scan(EMPTY_CART, items, "  ").ok).toBe(false);
    expect(scan(EMPTY_CART, items, "velvet").message).toBe('Nothing matches "velvet".');
  });

  it("caps the quantity of one piece", () => {
    const r = addItem({ lines: [{ variantId: 1, quantity: 99, discountPercent: 0 }] }, items[0]);
    expect(r).toMatchObject({ ok: false, message: "At most 99 of one piece in a sale." });
  });
});

describe("editLines", () => {
  const cart = { lines: [{ variantId: 1, quantity: 1, discountPercent: 0 }] };
  it("sets quantity and percentage discounts", () => {
    const r = editLines(cart, [{ variantId: 1, quantity: "3", discount: "12.5%" }], catalog);
    expect(r.cart.lines).toEqual([{ variantId: 1, quantity: 3, discountPercent: 12.5 }]);
  });
  it("refuses quantity 0, a discount above 100% and text, changing nothing", () => {
    expect(editLines(cart, [{ variantId: 1, quantity: "0", discount: "" }], catalog)).toMatchObject({
      ok: false,
      cart,
      message: expect.stringContaining("at least 1"),
    });
    expect(editLines(cart, [{ variantId: 1, quantity: "1", discount: "101" }], catalog)).toMatchObject({
      ok: false,
      message: expect.stringContaining("more than 100%"),
    });
    expect(editLines(cart, [{ variantId: 1, quantity: "1", discount: "ten" }], catalog).ok).toBe(false);
    expect(parsePercent("")).toBe(0);
    expect(parsePercent("20")).toBe(20);
    expect(parsePercent("-5")).toBeNull();
  });
});

describe("priceCart", () => {
  it("takes line discounts off, then California tax on the rest, half up to the cent", () => {
    const totals = priceCart(
      {
        lines: [
          { variantId: 1, quantity: 2, discountPercent: 10 },
          { variantId: 3, quantity: 1, discountPercent: 0 },
        ],
      },
      catalog,
      725,
    );
    // 9600 − 960 + 2599 = 11239; tax 7.25% = 814.8 → 815
    expect(totals).toMatchObject({
      subtotal: 12199,
      discountTotal: 960,
      taxTotal: 815,
      total: 12054,
      needsApproval: false,
      specialOrder: false,
      units: 3,
    });
  });

  it("flags discounts above 20% for approval and pieces not on the shelf as a special order", () => {
    const totals = priceCart(
      {
        lines: [
          { variantId: 1, quantity: 1, discountPercent: 25 },
          { variantId: 2, quantity: 1, discountPercent: 20 },
        ],
      },
      catalog,
      725,
    );
    expect(totals.lines.map((l) => [l.needsApproval, l.toMake])).toEqual([
      [true, 0],
      [false, 1],
    ]);
    expect(totals).toMatchObject({ needsApproval: true, specialOrder: true });
  });

  it("a 100% discount makes a free line with no tax", () => {
    const totals = priceCart({ lines: [{ variantId: 3, quantity: 1, discountPercent: 100 }] }, catalog, 725);
    expect(totals).toMatchObject({ subtotal: 2599, discountTotal: 2599, taxTotal: 0, total: 0 });
  });
});

describe("parseCart and checkSaleLines", () => {
  it("reads the hidden field, and anything malformed as an empty cart", () => {
    expect(parseCart('{"lines":[{"variantId":1,"quantity":2,"discountPercent":5}]}')).toEqual({
      lines: [{ variantId: 1, quantity: 2, discountPercent: 5 }],
    });
    expect(parseCart("not json")).toEqual(EMPTY_CART);
    expect(parseCart(null)).toEqual(EMPTY_CART);
  });
  it("drops a line whose variant id no variant can have (0, negative, past int4) before it reaches SQL", () => {
    const lines = [2147483648, 1e23, 0, -3, 2147483647].map((variantId) => ({ variantId, quantity: 1, discountPercent: 0 }));
    expect(parseCart(JSON.stringify({ lines })).lines.map((l) => l.variantId)).toEqual([2147483647]);
  });
  it("refuses an empty cart, unknown pieces, quantity 0 and discounts above 100%", () => {
    expect(checkSaleLines(EMPTY_CART, catalog)).toMatch(/empty/);
    expect(checkSaleLines({ lines: [{ variantId: 99, quantity: 1, discountPercent: 0 }] }, catalog)).toMatch(/no longer for sale/);
    expect(checkSaleLines({ lines: [{ variantId: 1, quantity: 0, discountPercent: 0 }] }, catalog)).toMatch(/at least 1/);
    expect(checkSaleLines({ lines: [{ variantId: 1, quantity: 1, discountPercent: 150 }] }, catalog)).toMatch(/more than 100%/);
    expect(checkSaleLines({ lines: [{ variantId: 1, quantity: 1, discountPercent: 0 }] }, catalog)).toBeNull();
  });
});

describe("groupByProduct", () => {
  it("puts each product's variants under one tile, with its price range and the stock on the shelf", () => {
    const ring = (variantId: number, size: string, price: number, onShelf: number) =>
      item({ variantId, productId: 9, productTitle: "Horn Ring", variantTitle: size, title: `Horn Ring — ${size}`, price, onShelf });
    const grouped = groupByProduct([ring(10, "Size 6", 3800, 2), items[0], ring(11, "Size 7", 4200, -1), ring(12, "Size 8", 3800, 0)]);
    expect(grouped.map((p) => [p.title, p.variants.map((v) => v.variantId)])).toEqual([
      ["Horn Ring", [10, 11, 12]],
      ["Petite Horn Paddle Stud", [1]],
    ]);
    expect(grouped[0]).toMatchObject({ minPrice: 3800, maxPrice: 4200, onShelf: 2 });
  });
});

describe("printed gift cards in a sale", () => {
  // A well-formed code: the body and the one check character that completes it.
  const code = [..."0123456789ABCDEFGHJKMNPQRSTVWXYZ"].map((c) => `K7Q29XMDR4TBHW3${c}`).find((c) => parseCode(c).ok)!;
  it("joins with a well-formed number and an amount within the limits, once", () => {
    const added = addGiftCard({ lines: [{ variantId: 1, quantity: 1, discountPercent: 0 }] }, code.toLowerCase(), 5000);
    expect(added).toMatchObject({ ok: true, cart: { giftCards: [{ code, amount: 5000 }] } });
    expect(addGiftCard(added.cart, code, 2500).message).toMatch(/already in this sale/);
    expect(addGiftCard(EMPTY_CART, code, 999).message).toMatch(/\$10\.00 to \$1,000\.00/);
    expect(addGiftCard(EMPTY_CART, code, 100_001).ok).toBe(false);
    expect(addGiftCard(EMPTY_CART, code, null).message).toMatch(/Choose the amount/);
    expect(addGiftCard(EMPTY_CART, `${code.slice(0, 15)}${code[15] === "0" ? "1" : "0"}`, 5000).message).toMatch(/typo/);
  });

  it("is priced without tax, kept through line edits, and read back from the hidden field", () => {
    const cart = addGiftCard(addItem(EMPTY_CART, items[0]).cart, code, 5000).cart;
    const totals = priceCart(cart, catalog, 863);
    expect(totals).toMatchObject({ subtotal: 9800, giftCardTotal: 5000, taxTotal: Math.round((4800 * 863) / 10_000), units: 1 });
    expect(totals.total).toBe(9800 + totals.taxTotal);
    expect(totals.giftCards).toEqual([{ code, amount: 5000, last4: code.slice(-4) }]);
    expect(removeLine(cart, 1).giftCards).toHaveLength(1);
    expect(addItem(cart, items[2]).cart.giftCards).toHaveLength(1);
    expect(removeGiftCard(cart, code).giftCards).toEqual([]);
    expect(parseCart(JSON.stringify(cart))).toEqual(cart);
    // Junk amounts and codes in the field are dropped, like junk lines.
    expect(
      parseCart(
        JSON.stringify({
          lines: [],
          giftCards: [
            { code, amount: 5 },
            { code: "nope", amount: 5000 },
          ],
        }),
      ),
    ).toEqual({ lines: [] });
    expect(checkSaleLines({ lines: [], giftCards: [{ code, amount: 5000 }] }, catalog)).toBeNull();
    expect(checkSaleLines(EMPTY_CART, catalog)).toMatch(/empty/);
  });
});
