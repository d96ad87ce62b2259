import { describe, expect, it } from "vitest";
import {
  DEFAULT_RETURN_POLICY,
  apportion,
  capRefund,
  exchangeDifference,
  exchangeDue,
  exchangeWorths,
  lineValues,
  normalizeReturnNumber,
  readDispositions,
  readMoneyPeriod,
  moneyByCurrency,
  readPolicy,
  readReturnLines,
  returnLineAmount,
  returnSteps,
  returnWindow,
  startReturnSchema,
} from "./rules";

const DAY = 86_400_000;
const delivered = new Date("2026-11-01T12:00:00Z");
const at = (days: number) => new Date(delivered.getTime() + days * DAY);

describe("the return window", () => {
  it("is shut until the order is delivered", () => {
    const check = returnWindow({ deliveredAt: null, now: at(0), madeToOrder: false, policy: DEFAULT_RETURN_POLICY });
    expect(check).toMatchObject({ open: false, message: "Pieces can be returned once they have been delivered." });
  });

  it("runs 30 days from delivery, to the minute, for pieces from stock", () => {
    expect(returnWindow({ deliveredAt: delivered, now: at(30), madeToOrder: false, policy: DEFAULT_RETURN_POLICY })).toMatchObject({
      open: true,
      resolutions: ["refund", "exchange"],
    });
    const late = returnWindow({
      deliveredAt: delivered,
      now: new Date(at(30).getTime() + 60_000),
      madeToOrder: false,
      policy: DEFAULT_RETURN_POLICY,
    });
    expect(late).toMatchObject({ open: false, message: "The 30-day return window closed on 2026-12-01." });
  });

  it("follows the policy for made-to-order pieces: exchange only, final sale, or their own window", () => {
    expect(returnWindow({ deliveredAt: delivered, now: at(5), madeToOrder: true, policy: DEFAULT_RETURN_POLICY })).toMatchObject({
      open: true,
      resolutions: ["exchange"],
    });
    const finalSale = { ...DEFAULT_RETURN_POLICY, madeToOrder: "final_sale" as const };
    expect(returnWindow({ deliveredAt: delivered, now: at(1), madeToOrder: true, policy: finalSale }).open).toBe(false);
    const shortWindow = { ...DEFAULT_RETURN_POLICY, madeToOrder: "returnable" as const, madeToOrderWindowDays: 7 };
    expect(returnWindow({ deliveredAt: delivered, now: at(6), madeToOrder: true, policy: shortWindow })).toMatchObject({
      open: true,
      resolutions: ["refund", "exchange"],
    });
    expect(returnWindow({ deliveredAt: delivered, now: at(8), madeToOrder: true, policy: shortWindow }).open).toBe(false);
    // The stock window is not the made-to-order one.
    expect(returnWindow({ deliveredAt: delivered, now: at(8), madeToOrder: false, policy: shortWindow }).open).toBe(true);
  });

  it("reads a stored policy safely", () => {
    expect(readPolicy({ windowDays: "14", madeToOrder: "final_sale", madeToOrderWindowDays: 0, refundOn: "receipt" })).toEqual({
      windowDays: 14,
      madeToOrder: "final_sale",
      madeToOrderWindowDays: 0,
      refundOn: "receipt",
    });
    expect(readPolicy({ windowDays: -3 })).toEqual(DEFAULT_RETURN_POLICY);
    expect(readPolicy(undefined)).toEqual(DEFAULT_RETURN_POLICY);
  });
});

describe("what a returned piece is worth", () => {
  it("apportions to the unit, summing exactly", () => {
    expect(apportion(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(apportion(0, [5, 5])).toEqual([0, 0]);
    expect(apportion(7, [0, 0])).toEqual([7, 0]);
  });

  it("takes off each line's share of a code's discount and adds its share of the tax", () => {
    // $48 hoops + $32 cuff, 10% off ($8), 8.5% tax on $72 = $6.12.
    const values = lineValues({
      discountTotal: 800,
      taxTotal: 612,
      lines: [
        { id: 1, quantity: 1, total: 4800 },
        { id: 2, quantity: 1, total: 3200 },
      ],
    });
    expect(values).toEqual([
      { id: 1, quantity: 1, goods: 4320, tax: 367 },
      { id: 2, quantity: 1, goods: 2880, tax: 245 },
    ]);
    expect(returnLineAmount(values[0], 0, 1)).toBe(4687);
    expect(returnLineAmount(values[1], 0, 1)).toBe(3125);
    // Both returned: exactly what was paid for goods and tax (shipping stays).
    expect(returnLineAmount(values[0], 0, 1) + returnLineAmount(values[1], 0, 1)).toBe(8000 - 800 + 612);
  });

  it("gives each unit of a line its share, the units together exactly the line", () => {
    const [line] = lineValues({ discountTotal: 100, taxTotal: 233, lines: [{ id: 9, quantity: 3, total: 3000 }] });
    const one = returnLineAmount(line, 0, 1);
    const two = returnLineAmount(line, 1, 1);
    const three = returnLineAmount(line, 2, 1);
    // Each share rounds down against what came before, so the last units carry the pennies.
    expect([one, two, three]).toEqual([1043, 1045, 1045]);
    expect(one + two + three).toBe(3000 - 100 + 233);
    expect(returnLineAmount(line, 0, 3)).toBe(one + two + three);
  });

  it("takes a register order's line discounts once, though its discount total counts them too", () => {
    // A counter exchange: a $50.00 ring worth $48.26 (its goods $45.00 after $5.00 off, $3.26 of tax).
    const [ring] = lineValues({ discountTotal: 500, taxTotal: 326, lines: [{ id: 1, quantity: 1, total: 4500, discount: 500 }] });
    expect(returnLineAmount(ring, 0, 1)).toBe(4826);
    // An order discount beside line discounts: only what the lines don't carry is shared out.
    const values = lineValues({
      discountTotal: 400 + 300,
      taxTotal: 0,
      lines: [
        { id: 1, quantity: 2, total: 2 * 2000 - 400, discount: 400 },
        { id: 2, quantity: 1, total: 3000 },
      ],
    });
    // $3.00 over $36.00 and $30.00 of lines: $1.64 and $1.36 (the larger remainder takes the cent).
    expect(values.map((v) => v.goods)).toEqual([3600 - 164, 3000 - 136]);
  });

  it("keeps a POS line discount with its own line", () => {
    const values = lineValues({
      discountTotal: 0,
      taxTotal: 0,
      lines: [
        { id: 1, quantity: 2, total: 2 * 2000 - 400 },
        { id: 2, quantity: 1, total: 1000 },
      ],
    });
    expect(returnLineAmount(values[0], 0, 1)).toBe(1800);
    expect(returnLineAmount(values[1], 0, 1)).toBe(1000);
  });

  it("never refunds more than was paid less what went back", () => {
    expect(capRefund(5000, { paid: 8000, refunded: 4000 })).toBe(4000);
    expect(capRefund(5000, { paid: 8000, refunded: 9000 })).toBe(0);
    expect(capRefund(1200, { paid: 8000, refunded: 0 })).toBe(1200);
  });
});

describe("an exchange's difference", () => {
  it("is nothing at the same price, refuses a dearer piece, and scales a cheaper one on the same terms", () => {
    expect(exchangeDifference(4882, 5000, 5000)).toBe(0);
    expect(exchangeDifference(4882, 5000, 6500)).toBeNull();
    // $48.82 paid for a $50 piece; a $30 one on the same discount and tax is worth $29.29 (29.292 rounded).
    expect(exchangeDifference(4882, 5000, 3000)).toBe(1953);
    // Two units: the same rule on their worth together; a free piece returns it all.
    expect(exchangeDifference(9765, 5000, 2500)).toBe(4882);
    expect(exchangeDifference(4882, 5000, 0)).toBe(4882);
  });
});

describe("what a web exchange's own order is worth", () => {
  // The brass ring was worth £48.82 (£45.00 of goods, £3.82 of tax) on a £50.00 price.
  const brass = { value: 4882, taxRate: { tax: 382, of: 4882 }, paidUnitPrice: 5000, quantity: 1 };

  it("the same piece: its worth, the rest of the price a discount", () => {
    expect(exchangeWorths(4882, [{ ...brass, newUnitPrice: 5000 }])).toEqual([{ worth: 4882, tax: 382, discount: 500 }]);
  });

  it("a cheaper piece: the worth less the difference given back; a dearer one: plus the difference paid", () => {
    // Horn at £30: £19.53 back, so £29.29; silver at £65: £14.65 paid, so £63.47.
    expect(exchangeWorths(4882 - 1953, [{ ...brass, newUnitPrice: 3000 }])).toEqual([{ worth: 2929, tax: 229, discount: 300 }]);
    expect(exchangeWorths(4882 + 1465, [{ ...brass, newUnitPrice: 6500 }])).toEqual([{ worth: 6347, tax: 497, discount: 650 }]);
  });

  it("several pieces add up to exactly what was paid, each line's goods and tax to its worth", () => {
    const lines = [
      { ...brass, newUnitPrice: 3000 },
      { value: 3125, taxRate: { tax: 245, of: 3125 }, paidUnitPrice: 3200, quantity: 1, newUnitPrice: 3200 },
    ];
    const worths = exchangeWorths(4882 - 1953 + 3125, lines);
    expect(worths.reduce((s, w) => s + w.worth, 0)).toBe(6054);
    for (const [i, w] of worths.entries()) expect(lines[i].newUnitPrice * lines[i].quantity - w.discount + w.tax).toBe(w.worth);
  });
});

describe("a dearer exchange's difference to pay", () => {
  it("prices the new piece on the same discount and tax as the one sent back, in the order's minor units", () => {
    // £50 ring, 10% of the order off and 8.5% tax: worth £48.82. Silver at £65 on those terms is £63.47: £14.65 to pay.
    const [ringValue] = lineValues({
      discountTotal: 820,
      taxTotal: 627,
      lines: [
        { id: 1, quantity: 1, total: 5000 },
        { id: 2, quantity: 1, total: 3200 },
      ],
    });
    const worth = returnLineAmount(ringValue, 0, 1);
    expect(worth).toBe(4882);
    expect(exchangeDue(worth, 5000, 6500)).toBe(1465);
    // Nothing to pay at the same price or less (the cheaper case is exchangeDifference's).
    expect(exchangeDue(worth, 5000, 5000)).toBe(0);
    expect(exchangeDue(worth, 5000, 3000)).toBe(0);
    expect(exchangeDifference(worth, 5000, 6500)).toBeNull();
    // A zero-decimal currency (yen): whole units, rounded to the nearest one (8,249.625 → 8,250).
    expect(exchangeDue(7333, 8000, 9000)).toBe(917);
    // A free piece paid nothing for: nothing to scale, nothing owed.
    expect(exchangeDue(0, 0, 5000)).toBe(0);
  });
});

describe("the forms", () => {
  it("answers a tampered choice in the shopper's words, not the validator's", () => {
    const form = { reason: "size", resolution: "refund", key: "fe52a7fb-7589-426e-96e2-bf6c6d2c58c9" };
    const wrongMethod = startReturnSchema.safeParse({ ...form, refundMethod: "card" });
    expect(wrongMethod.success).toBe(false);
    expect(wrongMethod.error?.issues.map((i) => i.message)).toEqual([
      "Choose where the money goes: the card you paid with or store credit.",
    ]);
    expect(startReturnSchema.safeParse(form).data?.refundMethod).toBe("original");
  });

  it("reads the chosen pieces, ignoring blanks and zeros", () => {
    expect(
      readReturnLines([
        ["qty-12", "1"],
        ["qty-13", ""],
        ["qty-14", "0"],
        ["swap-12", "77"],
        ["reason", "size"],
      ]),
    ).toEqual({ ok: true, lines: [{ orderLineId: 12, quantity: 1, exchangeVariantId: 77 }] });
    expect(readReturnLines([["qty-12", "0"]])).toEqual({ ok: false, message: "Choose at least one piece to return." });
    expect(readReturnLines([["qty-12", "-1"]]).ok).toBe(false);
    expect(readReturnLines([["qty-12", "1.5"]]).ok).toBe(false);
  });

  it("needs a decision for every piece, and a fault for rework", () => {
    expect(readDispositions([["do-1", "restock"]], [1, 2]).ok).toBe(false);
    expect(readDispositions([["do-1", "rework"]], [1])).toEqual({ ok: false, message: "A piece sent to rework needs the fault QC found." });
    expect(
      readDispositions(
        [
          ["do-1", "restock"],
          ["do-2", "write_off"],
          ["fault-2", "Clasp snapped"],
        ],
        [1, 2],
      ),
    ).toEqual({
      ok: true,
      lines: [
        { returnLineId: 1, disposition: "restock", fault: null },
        { returnLineId: 2, disposition: "write_off", fault: "Clasp snapped" },
      ],
    });
  });

  it("reads a return number however it was typed or scanned", () => {
    expect(normalizeReturnNumber(" rt20001 ")).toBe("RT-20001");
    expect(normalizeReturnNumber("RT-20001")).toBe("RT-20001");
    expect(normalizeReturnNumber("PR-50001")).toBeNull();
  });
});

describe("a return's steps", () => {
  const fresh = {
    status: "requested" as const,
    resolution: "refund" as const,
    createdAt: "2026-11-05T10:00:00Z",
    receivedAt: null,
    inspectedAt: null,
    refundedAt: null,
    closedAt: null,
    cancelledAt: null,
    exchangeNumber: null,
  };
  it("marks what happened done, the first step still to happen next, and the rest to come", () => {
    expect(returnSteps(fresh).map((s) => [s.key, s.state])).toEqual([
      ["requested", "done"],
      ["received", "next"],
      ["inspected", "upcoming"],
      ["refunded", "upcoming"],
    ]);
    const received = returnSteps({ ...fresh, status: "received", receivedAt: "2026-11-09T10:00:00Z" });
    expect(received.map((s) => s.state)).toEqual(["done", "done", "next", "upcoming"]);
  });
  it("has no next step once every step is done or the return is cancelled", () => {
    const cancelled = returnSteps({ ...fresh, status: "cancelled", cancelledAt: "2026-11-06T10:00:00Z" });
    expect(cancelled.map((s) => [s.key, s.state])).toEqual([
      ["requested", "done"],
      ["cancelled", "done"],
    ]);
  });
});

describe("the money report's period", () => {
  const read = (query: string) => readMoneyPeriod(new URLSearchParams(query), "2026-12-06");
  it("is the last 30 days, today included, when the address names none", () => {
    expect(read("")).toEqual({ period: { from: "2026-11-07", to: "2026-12-06" }, error: null });
  });
  it("takes the days the address names, either end alone, both included", () => {
    expect(read("from=2026-11-01&to=2026-11-30")).toEqual({ period: { from: "2026-11-01", to: "2026-11-30" }, error: null });
    expect(read("from=2026-12-01").period).toEqual({ from: "2026-12-01", to: "2026-12-06" });
    expect(read("to=2026-10-31").period).toEqual({ from: "2026-10-02", to: "2026-10-31" });
    expect(read("from=2026-12-06&to=2026-12-06").period).toEqual({ from: "2026-12-06", to: "2026-12-06" });
  });
  it("refuses a date that doesn't exist, an end before the start and more than two years, showing the default", () => {
    const fallback = { from: "2026-11-07", to: "2026-12-06" };
    expect(read("from=2026-02-30")).toEqual({ period: fallback, error: expect.stringMatching(/^Use dates like/) });
    expect(read("to=yesterday")).toEqual({ period: fallback, error: expect.stringMatching(/^Use dates like/) });
    expect(read("from=2026-12-01&to=2026-11-01")).toEqual({ period: fallback, error: expect.stringMatching(/after the end date/) });
    expect(read("from=2020-01-01&to=2026-12-06")).toEqual({ period: fallback, error: expect.stringMatching(/two years/) });
  });
});

describe("the money report's totals by the shopper's currency", () => {
  it("orders the kinds, and nets what came in against what went back, per booked currency", () => {
    const groups = moneyByCurrency([
      { shopperCurrency: "USD", kind: "refund_payment", entries: 1, shopperAmount: 4687, booked: 4687, bookedCurrency: "USD" },
      { shopperCurrency: "GBP", kind: "difference_received", entries: 1, shopperAmount: 1465, booked: 1172, bookedCurrency: "USD" },
      { shopperCurrency: "GBP", kind: "refund_gift_card", entries: 1, shopperAmount: 2000, booked: 2000, bookedCurrency: "GBP" },
      { shopperCurrency: "GBP", kind: "refund_payment", entries: 2, shopperAmount: 5000, booked: 4000, bookedCurrency: "USD" },
    ]);
    expect(groups.map((g) => g.currency)).toEqual(["GBP", "USD"]);
    expect(groups[0].rows.map((r) => r.kind)).toEqual(["refund_payment", "refund_gift_card", "difference_received"]);
    expect(groups[0].net).toEqual({
      shopperAmount: 1465 - 2000 - 5000,
      booked: [
        { currency: "GBP", amount: -2000 },
        { currency: "USD", amount: 1172 - 4000 },
      ],
    });
    expect(groups[1].net).toEqual({ shopperAmount: -4687, booked: [{ currency: "USD", amount: -4687 }] });
    expect(moneyByCurrency([])).toEqual([]);
  });
});
