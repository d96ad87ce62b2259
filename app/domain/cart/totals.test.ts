import { describe, expect, it } from "vitest";
import { availability, cartTotals, isAllowedQuantity, lineTotal, mergeQuantity, QUANTITY_MESSAGE } from "./totals";

const usd = (amount: number) => ({ amount, currency: "USD" });

describe("quantity rules", () => {
  it("allows whole numbers from 1 to 99", () => {
    expect([1, 2, 50, 99].map(isAllowedQuantity)).toEqual([true, true, true, true]);
    expect([0, -1, 100, 1.5, Number.NaN, Infinity].map(isAllowedQuantity)).toEqual([false, false, false, false, false, false]);
    expect(QUANTITY_MESSAGE).toBe("Choose a quantity from 1 to 99");
  });

  it("adds to an existing line, and refuses to pass the limit", () => {
    expect(mergeQuantity(2, 3)).toEqual({ ok: true, quantity: 5 });
    expect(mergeQuantity(0, 99)).toEqual({ ok: true, quantity: 99 });
    const refused = mergeQuantity(98, 2);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toContain("You already have 98");
  });
});

describe("lineTotal", () => {
  it("multiplies minor units", () => {
    expect(lineTotal(4800, 3)).toBe(14400);
    expect(lineTotal(1999, 1)).toBe(1999);
  });
  it("refuses fractional money", () => {
    expect(() => lineTotal(19.99, 2)).toThrow(RangeError);
  });
});

describe("cartTotals", () => {
  it("sums purchasable lines in the cart's currency", () => {
    const totals = cartTotals(
      [
        { quantity: 2, unitPrice: usd(4800), purchasable: true },
        { quantity: 1, unitPrice: usd(2500), purchasable: true },
      ],
      "USD",
    );
    expect(totals).toEqual({ subtotal: usd(12100), itemCount: 3, excludedLines: 0 });
  });

  it("leaves out unavailable lines and lines in another currency", () => {
    const totals = cartTotals(
      [
        { quantity: 2, unitPrice: usd(4800), purchasable: true },
        { quantity: 5, unitPrice: usd(1000), purchasable: false },
        { quantity: 1, unitPrice: { amount: 350000, currency: "KES" }, purchasable: true },
      ],
      "USD",
    );
    expect(totals).toEqual({ subtotal: usd(9600), itemCount: 2, excludedLines: 2 });
  });

  it("is zero for an empty bag", () => {
    expect(cartTotals([], "USD")).toEqual({ subtotal: usd(0), itemCount: 0, excludedLines: 0 });
  });
});

describe("availability", () => {
  it("is in stock when the fastest locations cover the quantity", () => {
    const stock = [
      { available: 1, shipDays: 9 },
      { available: 2, shipDays: 2 },
    ];
    expect(availability(2, stock, 14)).toEqual({ kind: "in_stock", shipDays: 2 });
    expect(availability(3, stock, 14)).toEqual({ kind: "in_stock", shipDays: 9 });
  });

  it("is made to order, quoting the lead time, when stock doesn't cover the quantity", () => {
    expect(availability(4, [{ available: 3, shipDays: 2 }], 14)).toEqual({ kind: "made_to_order", shipDays: 14 });
    expect(availability(1, [{ available: 0, shipDays: 3 }], 10)).toEqual({ kind: "made_to_order", shipDays: 10 });
    expect(availability(1, [], 10)).toEqual({ kind: "made_to_order", shipDays: 10 });
  });

  it("ignores negative or empty levels", () => {
    expect(
      availability(
        1,
        [
          { available: -2, shipDays: 1 },
          { available: 1, shipDays: 5 },
        ],
        7,
      ),
    ).toEqual({ kind: "in_stock", shipDays: 5 });
  });
});
