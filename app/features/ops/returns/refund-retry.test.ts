import { describe, expect, it } from "vitest";
import { owedRefund } from "./refund-retry";

const qc = { refundOn: "qc" as const };
const receipt = { refundOn: "receipt" as const };
const base = { status: "inspected", resolution: "refund" as const, amount: 4882, refundState: "none", due: 0, dueState: "none" };

describe("owedRefund", () => {
  it("offers a refund once it is due by the policy, again when it failed, never once issued", () => {
    expect(owedRefund(base, qc)).toEqual({ what: "refund", amount: 4882, failed: false });
    expect(owedRefund({ ...base, refundState: "failed" }, qc)).toEqual({ what: "refund", amount: 4882, failed: true });
    expect(owedRefund({ ...base, refundState: "issued" }, qc)).toBeNull();
    expect(owedRefund({ ...base, status: "received" }, qc)).toBeNull();
    expect(owedRefund({ ...base, status: "received" }, receipt)).toEqual({ what: "refund", amount: 4882, failed: false });
    expect(owedRefund({ ...base, status: "requested" }, receipt)).toBeNull();
  });

  it("offers a cheaper exchange's failed difference refund the same way; an even exchange owes nothing", () => {
    const exchange = { ...base, resolution: "exchange" as const, amount: 1465, refundState: "failed" };
    expect(owedRefund(exchange, qc)).toEqual({ what: "difference", amount: 1465, failed: true });
    expect(owedRefund({ ...exchange, status: "received" }, receipt)).toEqual({ what: "difference", amount: 1465, failed: true });
    expect(owedRefund({ ...exchange, refundState: "issued" }, qc)).toBeNull();
    expect(owedRefund({ ...exchange, amount: 0, refundState: "none" }, qc)).toBeNull();
  });

  it("offers a dearer exchange's paid difference back when its refund failed on a return that failed", () => {
    const dearer = { ...base, resolution: "exchange" as const, amount: 0, due: 1465, dueState: "paid", refundState: "failed" };
    expect(owedRefund({ ...dearer, status: "cancelled" }, qc)).toEqual({ what: "paid_difference", amount: 1465, failed: true });
    expect(owedRefund({ ...dearer, status: "closed" }, qc)).toEqual({ what: "paid_difference", amount: 1465, failed: true });
    // Refunded already, or not failed (the exchange goes on): nothing to send.
    expect(owedRefund({ ...dearer, status: "cancelled", dueState: "refunded", refundState: "issued" }, qc)).toBeNull();
    expect(owedRefund({ ...dearer, status: "requested", refundState: "none" }, qc)).toBeNull();
  });
});
