import { describe, expect, it } from "vitest";
import {
  applyCharges,
  checkCredit,
  checkMinimum,
  parseDollars,
  pastShipDay,
  paymentChoices,
  poLabel,
  quantityProblem,
  smallestOrderable,
} from "./rules";

describe("quantity rules", () => {
  const rules = { minQty: 6, casePack: 4 };
  it("accepts quantities at or above the minimum in whole cases", () => {
    expect(quantityProblem(8, rules)).toBeNull();
    expect(quantityProblem(12, rules)).toBeNull();
    expect(smallestOrderable(rules)).toBe(8);
    expect(smallestOrderable({ minQty: 1, casePack: 1 })).toBe(1);
  });
  it("explains each refusal", () => {
    expect(quantityProblem(0, rules)).toBe("Enter a quantity of at least 1.");
    expect(quantityProblem(-4, rules)).toBe("Enter a quantity of at least 1.");
    expect(quantityProblem(2.5, rules)).toBe("Enter a whole number of units.");
    expect(quantityProblem(4, rules)).toBe("The minimum for this item is 6 units.");
    expect(quantityProblem(10, rules)).toBe("This item comes in cases of 4: order 8 or 12.");
    expect(quantityProblem(7, { minQty: 6, casePack: 12 })).toBe("This item comes in cases of 12: order 12.");
    expect(quantityProblem(1_000_000, rules)).toMatch(/at most 100,000/);
  });
});

describe("minimums and credit", () => {
  it("uses the opening minimum for a first order and the reorder minimum after", () => {
    expect(checkMinimum({ subtotal: 40_000, currency: "USD", firstOrder: true, openingMinimum: 50_000, reorderMinimum: 25_000 })).toEqual({
      ok: false,
      kind: "opening",
      minimum: 50_000,
      short: 10_000,
      message: "An opening order must be at least $500.00. Add $100.00 more to place this order.",
    });
    expect(
      checkMinimum({ subtotal: 40_000, currency: "USD", firstOrder: false, openingMinimum: 50_000, reorderMinimum: 25_000 }),
    ).toMatchObject({ ok: true, kind: "reorder" });
    expect(
      checkMinimum({ subtotal: 20_000, currency: "USD", firstOrder: false, openingMinimum: 50_000, reorderMinimum: 25_000 }),
    ).toMatchObject({ ok: false, short: 5_000 });
  });
  it("refuses a terms order that would pass the credit limit, by how much", () => {
    expect(checkCredit({ orderTotal: 100_000, outstanding: 50_000, creditLimit: 150_000, currency: "USD" })).toEqual({
      ok: true,
      available: 100_000,
    });
    expect(checkCredit({ orderTotal: 100_001, outstanding: 50_000, creditLimit: 150_000, currency: "USD" })).toEqual({
      ok: false,
      available: 100_000,
      over: 1,
      message: "This order would take you over your credit limit of $1,500.00 by $0.01.",
    });
  });
  it("offers card to everyone and the terms an account holds", () => {
    expect(paymentChoices("card")).toEqual(["card"]);
    expect(paymentChoices("net30")).toEqual(["net30", "card"]);
    expect(paymentChoices("net60")).toEqual(["net30", "net60", "card"]);
  });
  it("reads dollar amounts", () => {
    expect(parseDollars("25,000")).toBe(2_500_000);
    expect(parseDollars("$1,250.5")).toBe(125_050);
    expect(parseDollars("0")).toBe(0);
    expect(parseDollars("-5")).toBeNull();
    expect(parseDollars("1.234")).toBeNull();
    expect(parseDollars("lots")).toBeNull();
  });
});

describe("poLabel", () => {
  it("prefixes a bare number with PO, and leaves one that already says PO as the buyer wrote it", () => {
    expect(poLabel("4471")).toBe("PO 4471");
    expect(poLabel("PO-UX-001")).toBe("PO-UX-001");
    expect(poLabel("po 88")).toBe("po 88");
    expect(poLabel("P.O. 12")).toBe("P.O. 12");
    expect(poLabel("PO#9")).toBe("PO#9");
    expect(poLabel("POLLEN-3")).toBe("PO POLLEN-3");
    expect(poLabel("SPRING-26")).toBe("PO SPRING-26");
  });
});

describe("a trading partner's charges on an order", () => {
  it("takes the allowance off the goods (to the cent, half up) and adds the freight", () => {
    expect(applyCharges(76_800, { allowanceBps: 250, freightCharge: 4_500 })).toEqual({
      subtotal: 76_800,
      discountTotal: 1_920,
      shippingTotal: 4_500,
      total: 79_380,
    });
    expect(applyCharges(1_010, { allowanceBps: 250, freightCharge: 0 }).discountTotal).toBe(25);
  });

  it("is the goods alone without charges, and charges no freight on an empty order", () => {
    expect(applyCharges(5_000)).toEqual({ subtotal: 5_000, discountTotal: 0, shippingTotal: 0, total: 5_000 });
    expect(applyCharges(0, { allowanceBps: 250, freightCharge: 4_500 }).total).toBe(0);
  });
});

describe("pastShipDay: a ship window before the hub's today", () => {
  it("names Nairobi's day, which from 21:00 UTC is the buyer's tomorrow", () => {
    expect(pastShipDay("end", "2026-12-08")).toBe(
      "The ship window can't end before 8 December 2026: that is today in Nairobi, where your order ships from.",
    );
    expect(pastShipDay("start", "2027-01-01")).toMatch(/^The ship window can't start before 1 January 2027:/);
  });
});
