import { describe, expect, it } from "vitest";
import { parseWith } from "~/lib/validation";
import {
  adoptedRefundsMessage,
  checkRefundAmount,
  choosePayment,
  keptPiecesMessage,
  maxRefundable,
  orderActionRefusal,
  orderActionSchema,
  paymentStatusAfterRefund,
  planCancellation,
  formKeyOfRefund,
  refundIdempotencyKey,
  refundKeyPrefix,
  returnOfRefundKey,
  refundedTotal,
  unfinishedPiecesMessage,
  type RequestLike,
} from "./refund-rules";

const form = (entries: Record<string, string>) => new URLSearchParams(entries);
const KEY = "4a0c1d8e-3b5f-4c2a-9d7e-1f2a3b4c5d6e";

describe("refund amounts", () => {
  it("counts succeeded and pending refunds, not failed ones", () => {
    expect(
      refundedTotal([
        { amount: 500, status: "succeeded" },
        { amount: 300, status: "pending" },
        { amount: 9000, status: "failed" },
      ]),
    ).toBe(800);
    expect(refundedTotal([])).toBe(0);
  });

  it("never allows more than paid minus already refunded", () => {
    expect(maxRefundable({ paid: 5400, refunded: 0 })).toBe(5400);
    expect(maxRefundable({ paid: 5400, refunded: 500 })).toBe(4900);
    expect(maxRefundable({ paid: 5400, refunded: 5400 })).toBe(0);
    expect(maxRefundable({ paid: 0, refunded: 0 })).toBe(0);
    expect(maxRefundable({ paid: 100, refunded: 200 })).toBe(0);
  });

  it("explains a refusal in money", () => {
    expect(checkRefundAmount(4900, { paid: 5400, refunded: 500, currency: "USD" })).toEqual({ ok: true });
    expect(checkRefundAmount(4901, { paid: 5400, refunded: 500, currency: "USD" })).toEqual({
      ok: false,
      message: "You can refund at most $49.00: $54.00 was paid and $5.00 has already been refunded.",
    });
    expect(checkRefundAmount(100, { paid: 5400, refunded: 5400, currency: "USD" })).toEqual({
      ok: false,
      message: "This order has already been refunded in full ($54.00).",
    });
    expect(checkRefundAmount(100, { paid: 0, refunded: 0, currency: "USD" })).toEqual({
      ok: false,
      message: "Nothing has been paid on this order, so there is nothing to refund.",
    });
    expect(checkRefundAmount(0, { paid: 100, refunded: 0, currency: "USD" }).ok).toBe(false);
  });

  it("sets the payment status from what has been refunded so far", () => {
    expect(paymentStatusAfterRefund({ paid: 5400, refunded: 500 })).toBe("partially_refunded");
    expect(paymentStatusAfterRefund({ paid: 5400, refunded: 5400 })).toBe("refunded");
  });

  it("refunds through the oldest payment that still covers the amount", () => {
    const payments = [
      { id: 1, amount: 1000, refunded: 800 },
      { id: 2, amount: 3000, refunded: 0 },
    ];
    expect(choosePayment(payments, 200)?.id).toBe(1);
    expect(choosePayment(payments, 201)?.id).toBe(2);
    expect(choosePayment(payments, 3001)).toBeNull();
  });

  it("derives the provider's idempotency key from the order and the form's key", () => {
    expect(refundIdempotencyKey("SK-100001", KEY)).toBe(`refund:SK-100001:${KEY}`);
    expect(refundIdempotencyKey("SK-100001", KEY)).not.toBe(refundIdempotencyKey("SK-100002", KEY));
  });

  it("gives a form's later attempts keys of their own, each leading back to the form's key", () => {
    expect(refundIdempotencyKey("SK-100001", KEY, 1)).toBe(`refund:SK-100001:${KEY}`);
    expect(refundIdempotencyKey("SK-100001", KEY, 2)).toBe(`refund:SK-100001:${KEY}:2`);
    for (const attempt of [1, 2, 12]) {
      const key = refundIdempotencyKey("SK-100001", KEY, attempt);
      expect(key.startsWith(refundKeyPrefix("SK-100001"))).toBe(true);
      expect(formKeyOfRefund("SK-100001", key)).toBe(KEY);
    }
    // Another order's key (SK-1000010 starts like SK-100001), a return's, none at all.
    expect(refundIdempotencyKey("SK-1000010", KEY).startsWith(refundKeyPrefix("SK-100001"))).toBe(false);
    expect(formKeyOfRefund("SK-100001", refundIdempotencyKey("SK-1000010", KEY))).toBeNull();
    expect(formKeyOfRefund("SK-100001", "return:RT-100001:1")).toBeNull();
    expect(formKeyOfRefund("SK-100001", null)).toBeNull();
  });
});

describe("refunds found at the provider after a timeout", () => {
  it("says how much went through, in the order's money, one or several", () => {
    const mine = (amount: number) => ({ amount, returnNumber: null });
    expect(adoptedRefundsMessage([], "USD")).toBe("");
    expect(adoptedRefundsMessage([mine(5400)], "USD")).toBe(
      "A refund of $54.00 that timed out earlier did go through; it is now recorded.",
    );
    expect(adoptedRefundsMessage([mine(2000), mine(500), mine(125)], "GBP")).toBe(
      "3 refunds that timed out earlier did go through (£20.00, £5.00 and £1.25); they are now recorded.",
    );
  });

  it("names a return's refund found made, which the return's retry records", () => {
    expect(adoptedRefundsMessage([{ amount: 4882, returnNumber: "RT-10004" }], "GBP")).toBe(
      `Return RT-10004's refund of £48.82 that timed out earlier did go through; it counts as refunded now, and "Try the refund again" on the return records it without sending more.`,
    );
    expect(
      adoptedRefundsMessage(
        [
          { amount: 700, returnNumber: "RT-10005" },
          { amount: 2000, returnNumber: null },
        ],
        "USD",
      ),
    ).toBe(
      `A refund of $20.00 that timed out earlier did go through; it is now recorded. Return RT-10005's refund of $7.00 that timed out earlier did go through; it counts as refunded now, and "Try the refund again" on the return records it without sending more.`,
    );
  });

  it("reads the return a refund's key belongs to", () => {
    expect(returnOfRefundKey("return:RT-10004:2")).toBe("RT-10004");
    expect(returnOfRefundKey("return:RT-10004:unneeded:17")).toBe("RT-10004");
    expect(returnOfRefundKey(`refund:SK-100001:${KEY}`)).toBeNull();
    expect(returnOfRefundKey(null)).toBeNull();
  });
});

describe("cancelling an order's production", () => {
  const request = (id: number, status: RequestLike["status"], quantity = 1): RequestLike => ({
    id,
    number: `PR-${50000 + id}`,
    status,
    quantity,
  });

  it("cancels work not yet started, by transition where allowed and directly otherwise, and keeps the rest", () => {
    const plan = planCancellation([
      request(1, "unassigned"),
      request(2, "offered"),
      request(3, "accepted"),
      request(4, "declined"),
      request(5, "expired"),
      request(6, "in_progress", 2),
      request(7, "qc_passed"),
      request(8, "cancelled"),
    ]);
    expect(plan.cancel.map((r) => [r.id, r.via])).toEqual([
      [1, "transition"],
      [2, "transition"],
      [3, "transition"],
      [4, "direct"],
      [5, "direct"],
    ]);
    expect(plan.keep.map((r) => r.id)).toEqual([6, 7]);
  });

  it("says which pieces were left", () => {
    expect(keptPiecesMessage([])).toBe("");
    expect(keptPiecesMessage([request(6, "in_progress", 2)])).toBe("2 pieces already being made were not cancelled (PR-50006).");
    expect(keptPiecesMessage([request(6, "ready"), { ...request(7, "in_progress"), number: "PR-50007" }])).toBe(
      "2 pieces already being made were not cancelled (PR-50006, PR-50007).",
    );
    expect(keptPiecesMessage([request(9, "in_progress")])).toBe("1 piece already being made was not cancelled (PR-50009).");
  });
});

describe("fulfilment steps", () => {
  it("cancels anything not yet shipped, once", () => {
    for (const status of ["open", "in_production", "ready", "packed"] as const) expect(orderActionRefusal("cancel", status)).toBeNull();
    expect(orderActionRefusal("cancel", "cancelled")).toMatch(/already cancelled/);
    expect(orderActionRefusal("cancel", "shipped")).toMatch(/already shipped/);
    expect(orderActionRefusal("cancel", "delivered")).toMatch(/already shipped/);
  });

  it("goes packed → shipped → delivered in order", () => {
    expect(orderActionRefusal("pack", "open")).toBeNull();
    expect(orderActionRefusal("pack", "ready")).toBeNull();
    expect(orderActionRefusal("pack", "packed")).toMatch(/already packed/);
    expect(orderActionRefusal("ship", "ready")).toBe("Mark the order packed before shipping it.");
    expect(orderActionRefusal("ship", "packed")).toBeNull();
    expect(orderActionRefusal("ship", "shipped")).toMatch(/already shipped/);
    expect(orderActionRefusal("deliver", "packed")).toBe("Only a shipped order can be marked delivered.");
    expect(orderActionRefusal("deliver", "shipped")).toBeNull();
    expect(orderActionRefusal("deliver", "delivered")).toMatch(/already marked delivered/);
    expect(orderActionRefusal("pack", "cancelled")).toMatch(/cancelled order/);
    expect(orderActionRefusal("ship", "cancelled")).toMatch(/cancelled order/);
  });

  it("won't pack while pieces are still being made", () => {
    expect(
      unfinishedPiecesMessage([
        { id: 1, number: "PR-1", status: "qc_passed", quantity: 2 },
        { id: 2, number: "PR-2", status: "cancelled", quantity: 1 },
      ]),
    ).toBe("");
    expect(unfinishedPiecesMessage([{ id: 1, number: "PR-1", status: "received", quantity: 3 }])).toMatch(
      /^3 pieces are still being made \(PR-1\)/,
    );
  });
});

describe("order action forms", () => {
  it("parses a refund", () => {
    const parsed = parseWith(
      orderActionSchema,
      form({ intent: "refund", amount: " 5.00 ", reason: " Scratched clasp ", key: KEY, confirm: "yes" }),
    );
    expect(parsed).toEqual({ ok: true, data: { intent: "refund", amount: "5.00", reason: "Scratched clasp", key: KEY, confirm: "yes" } });
  });

  it("explains each missing or bad refund field", () => {
    const parsed = parseWith(orderActionSchema, form({ intent: "refund", amount: "-5", reason: "", key: "not-a-uuid" }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({
      amount: "Enter an amount like 12.50 (numbers only, no minus sign).",
      reason: "Say why you are refunding (at least 3 characters).",
      key: "This form is out of date. Reload the page and try again.",
      confirm: "Tick the box to confirm the refund.",
    });
    expect(parsed.values.amount).toBe("-5");
  });

  it("parses a cancel with and without the refund option", () => {
    expect(parseWith(orderActionSchema, form({ intent: "cancel", key: KEY, confirm: "yes" }))).toEqual({
      ok: true,
      data: { intent: "cancel", key: KEY, confirm: "yes", refundRemaining: false, reason: undefined },
    });
    const withRefund = parseWith(
      orderActionSchema,
      form({ intent: "cancel", key: KEY, confirm: "yes", refundRemaining: "yes", reason: "Customer asked" }),
    );
    expect(withRefund).toMatchObject({ ok: true, data: { refundRemaining: true, reason: "Customer asked" } });
    const unconfirmed = parseWith(orderActionSchema, form({ intent: "cancel", key: KEY }));
    expect(unconfirmed).toMatchObject({ ok: false, errors: { confirm: "Tick the box to confirm the cancellation." } });
  });

  it("parses shipping details (by the shared shipping rule: a listed carrier, no spaces)", () => {
    expect(parseWith(orderActionSchema, form({ intent: "ship", carrier: "DHL", trackingNumber: " JD01460000 " }))).toEqual({
      ok: true,
      data: { intent: "ship", carrier: "DHL", trackingNumber: "JD01460000" },
    });
    expect(parseWith(orderActionSchema, form({ intent: "ship", carrier: "DHL Express", trackingNumber: "JD0146 0000" }))).toMatchObject({
      ok: false,
      errors: { carrier: expect.stringMatching(/^Choose the carrier/), trackingNumber: "Enter the tracking number without spaces." },
    });
    expect(parseWith(orderActionSchema, form({ intent: "ship", carrier: "", trackingNumber: "<script>" }))).toMatchObject({
      ok: false,
      errors: { carrier: expect.stringMatching(/carrier/), trackingNumber: expect.stringMatching(/tracking number/) },
    });
  });

  it("refuses an unknown action", () => {
    expect(parseWith(orderActionSchema, form({ intent: "delete" }))).toMatchObject({ ok: false, errors: { intent: "Unknown action." } });
    expect(parseWith(orderActionSchema, form({}))).toMatchObject({ ok: false, errors: { intent: "Unknown action." } });
  });
});
