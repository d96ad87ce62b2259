import type { ReturnPolicy } from "~/domain/returns";

/** What a return owes the shopper that finance can send (again) from its page, and whether a first try failed. */
export type OwedRefund = {
  /** The pieces' refund; a cheaper exchange's difference; a dearer exchange's paid difference, owed back when the return failed. */
  what: "refund" | "difference" | "paid_difference";
  amount: number;
  failed: boolean;
};

type ReturnMoneyState = {
  status: string;
  resolution: "refund" | "exchange";
  amount: number;
  refundState: string;
  due: number;
  dueState: string;
};

/**
 * The money a return owes back that its page offers to send, as `retryReturnRefund` (the one
 * idempotent refund path) would send it; null when nothing is owed or it is not yet time. A failed
 * difference is offered like a failed refund: the same button, the same action.
 */
export function owedRefund(r: ReturnMoneyState, policy: Pick<ReturnPolicy, "refundOn">): OwedRefund | null {
  if (r.dueState === "paid" && r.refundState === "failed" && (r.status === "cancelled" || r.status === "closed")) {
    return { what: "paid_difference", amount: r.due, failed: true };
  }
  if ((r.resolution !== "refund" && r.amount === 0) || r.refundState === "issued") return null;
  if (r.status !== "inspected" && !(r.status === "received" && policy.refundOn === "receipt")) return null;
  return { what: r.resolution === "refund" ? "refund" : "difference", amount: r.amount, failed: r.refundState === "failed" };
}
