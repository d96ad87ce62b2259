/**
 * The rules behind the operations actions on an order: how much may be refunded and what the payment
 * status becomes, what cancelling does to production, and which status each fulfilment step needs.
 * Pure (no I/O): manage.server.ts applies them inside its transactions; the forms are parsed here too.
 * The amount typed into the refund form is read by ~/lib/money's parseMoneyInput, like every amount.
 */
import { z } from "zod";
import type { Order, ProductionStatus } from "#db/schema";
import { NOT_STARTED_STATUSES, canTransition } from "~/domain/production";
import { formatMoney, isAmountShaped } from "~/lib/money";
import { carrierField, trackingNumberField } from "./shipping-rules";

type OrderStatus = Order["status"];

// ---------------------------------------------------------------- refunds

export type RefundLike = { amount: number; status: string };

/** Refunds that took money back or are on their way; failed attempts don't count. */
export function refundedTotal(refunds: readonly RefundLike[]): number {
  return refunds.filter((r) => r.status !== "failed").reduce((sum, r) => sum + r.amount, 0);
}

/** Never more than was paid minus what was already refunded. */
export function maxRefundable({ paid, refunded }: { paid: number; refunded: number }): number {
  return Math.max(0, paid - refunded);
}

/** The order's payment status once `refunded` (all refunds so far, this one included) is back with the customer. */
export function paymentStatusAfterRefund({ paid, refunded }: { paid: number; refunded: number }): "refunded" | "partially_refunded" {
  return refunded >= paid ? "refunded" : "partially_refunded";
}

export type Check = { ok: true } | { ok: false; message: string };

/** May `amount` (minor units) be refunded now? The refusal says how much is left, in money. */
export function checkRefundAmount(
  amount: number,
  { paid, refunded, currency }: { paid: number; refunded: number; currency: string },
): Check {
  const money = (value: number) => formatMoney({ amount: value, currency });
  if (paid <= 0) return { ok: false, message: "Nothing has been paid on this order, so there is nothing to refund." };
  const left = maxRefundable({ paid, refunded });
  if (left === 0) return { ok: false, message: `This order has already been refunded in full (${money(refunded)}).` };
  if (amount <= 0) return { ok: false, message: "Enter an amount greater than zero." };
  if (amount > left) {
    return {
      ok: false,
      message: `You can refund at most ${money(left)}: ${money(paid)} was paid and ${money(refunded)} has already been refunded.`,
    };
  }
  return { ok: true };
}

export type PaymentLike = { id: number; amount: number; refunded: number };

/**
 * A refund too big for any one payment, over several: oldest first, each up to what it has left.
 * Null when together they don't hold `amount`.
 */
export function splitOverPayments<P extends PaymentLike>(
  payments: readonly P[],
  amount: number,
): Array<{ payment: P; amount: number }> | null {
  const parts: Array<{ payment: P; amount: number }> = [];
  let left = amount;
  for (const payment of payments) {
    if (left <= 0) break;
    const take = Math.min(left, payment.amount - payment.refunded);
    if (take <= 0) continue;
    parts.push({ payment, amount: take });
    left -= take;
  }
  return left > 0 ? null : parts;
}

/** A refund goes back through one payment: the oldest that still has `amount` left on it. */
export function choosePayment<P extends PaymentLike>(payments: readonly P[], amount: number): P | null {
  return payments.find((p) => p.amount - p.refunded >= amount) ?? null;
}

/**
 * The provider's idempotency key for one refund form: the form carries a uuid made when the page was
 * drawn, so submitting it twice asks the provider for the same refund twice, and it refunds once.
 * The form's later attempts (its first recorded as failed, and not made: docs/decisions/0020) add
 * their number, so the refunds row of each keeps its own key, by which it is looked up at the provider.
 */
export function refundIdempotencyKey(orderNumber: string, formKey: string, attempt = 1): string {
  return attempt === 1 ? `refund:${orderNumber}:${formKey}` : `refund:${orderNumber}:${formKey}:${attempt}`;
}

/** Where the order's console refunds keep their keys: every key `refundIdempotencyKey` makes for it starts so. */
export function refundKeyPrefix(orderNumber: string): string {
  return `refund:${orderNumber}:`;
}

/** The form key a console refund's key was made from (any attempt), or null for another key. */
export function formKeyOfRefund(orderNumber: string, key: string | null): string | null {
  const prefix = refundKeyPrefix(orderNumber);
  if (key === null || !key.startsWith(prefix)) return null;
  const match = /^([0-9a-f-]{36})(?::\d+)?$/i.exec(key.slice(prefix.length));
  return match ? match[1] : null;
}

/** The return a refund's key was asked for under (`return:<RT>:…`: its refund, its exchange difference), or null. */
export function returnOfRefundKey(key: string | null): string | null {
  return key === null ? null : (/^return:(RT-\d+):/.exec(key)?.[1] ?? null);
}

/**
 * What staff are told about refunds the provider made but answered as failed, found before a new one
 * was sent (docs/decisions/0020); empty when there were none. A return's (`returnNumber`) counts now
 * but is recorded by the return's own retry, which sends nothing more: staff are told where.
 */
export function adoptedRefundsMessage(found: ReadonlyArray<{ amount: number; returnNumber: string | null }>, currency: string): string {
  const money = (amount: number) => formatMoney({ amount, currency });
  const amounts = found.filter((f) => f.returnNumber === null).map((f) => f.amount);
  const parts: string[] = [];
  if (amounts.length === 1) parts.push(`A refund of ${money(amounts[0])} that timed out earlier did go through; it is now recorded.`);
  if (amounts.length > 1) {
    const listed = `${amounts.slice(0, -1).map(money).join(", ")} and ${money(amounts[amounts.length - 1])}`;
    parts.push(`${amounts.length} refunds that timed out earlier did go through (${listed}); they are now recorded.`);
  }
  for (const f of found) {
    if (f.returnNumber === null) continue;
    parts.push(
      `Return ${f.returnNumber}'s refund of ${money(f.amount)} that timed out earlier did go through; it counts as refunded now, and "Try the refund again" on the return records it without sending more.`,
    );
  }
  return parts.join(" ");
}

// ---------------------------------------------------------------- cancelling

export type RequestLike = { id: number; number: string; status: ProductionStatus; quantity: number };

export type CancellationPlan<R extends RequestLike> = {
  /** Not started: cancelled. `transition` where the state machine allows it, else a direct update. */
  cancel: Array<R & { via: "transition" | "direct" }>;
  /** Already being made (or made): left alone and reported. */
  keep: R[];
};

export function planCancellation<R extends RequestLike>(requests: readonly R[]): CancellationPlan<R> {
  const plan: CancellationPlan<R> = { cancel: [], keep: [] };
  for (const request of requests) {
    if (request.status === "cancelled") continue;
    if (NOT_STARTED_STATUSES.includes(request.status)) {
      plan.cancel.push({ ...request, via: canTransition(request.status, "cancelled") ? "transition" : "direct" });
    } else {
      plan.keep.push(request);
    }
  }
  return plan;
}

const pieces = (n: number) => `${n} ${n === 1 ? "piece" : "pieces"}`;

/** "2 pieces already being made were not cancelled (PR-50001, PR-50002)." — empty when none. */
export function keptPiecesMessage(kept: readonly RequestLike[]): string {
  if (kept.length === 0) return "";
  const n = kept.reduce((sum, r) => sum + r.quantity, 0);
  return `${pieces(n)} already being made ${n === 1 ? "was" : "were"} not cancelled (${kept.map((r) => r.number).join(", ")}).`;
}

// ---------------------------------------------------------------- fulfilment steps

export type OrderAction = "cancel" | "pack" | "ship" | "deliver";

/** Why `action` can't be done to an order in `status` right now, or null when it can. */
export function orderActionRefusal(action: OrderAction, status: OrderStatus): string | null {
  const shipped = status === "shipped" || status === "delivered";
  switch (action) {
    case "cancel":
      if (status === "cancelled") return "This order is already cancelled.";
      if (shipped) return "This order has already shipped, so it can't be cancelled. Refund it instead.";
      return null;
    case "pack":
      if (status === "cancelled") return "A cancelled order can't be packed.";
      if (status === "packed") return "This order is already packed.";
      if (shipped) return "This order has already shipped.";
      return null;
    case "ship":
      if (status === "cancelled") return "A cancelled order can't be shipped.";
      if (shipped) return "This order has already shipped.";
      if (status !== "packed") return "Mark the order packed before shipping it.";
      return null;
    case "deliver":
      if (status === "delivered") return "This order is already marked delivered.";
      if (status !== "shipped") return "Only a shipped order can be marked delivered.";
      return null;
  }
}

/** Production still unfinished (not passed QC, not cancelled) keeps an order from being packed. */
export function unfinishedPiecesMessage(requests: readonly RequestLike[]): string {
  const open = requests.filter((r) => r.status !== "qc_passed" && r.status !== "cancelled");
  if (open.length === 0) return "";
  const n = open.reduce((sum, r) => sum + r.quantity, 0);
  return `${pieces(n)} ${n === 1 ? "is" : "are"} still being made (${open.map((r) => r.number).join(", ")}): pack the order once they have passed QC at the hub.`;
}

// ---------------------------------------------------------------- forms

const KEY_MESSAGE = "This form is out of date. Reload the page and try again.";
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const refundFormSchema = z.object({
  intent: z.literal("refund"),
  amount: z
    .string({ required_error: "Enter the amount to refund." })
    .trim()
    .min(1, "Enter the amount to refund.")
    .max(20, "Enter an amount like 12.50.")
    .refine(isAmountShaped, "Enter an amount like 12.50 (numbers only, no minus sign)."),
  reason: z
    .string({ required_error: "Say why you are refunding." })
    .trim()
    .min(3, "Say why you are refunding (at least 3 characters).")
    .max(500, "Keep the reason under 500 characters."),
  key: z.string({ required_error: KEY_MESSAGE }).uuid(KEY_MESSAGE),
  confirm: z.literal("yes", { errorMap: () => ({ message: "Tick the box to confirm the refund." }) }),
});

export const cancelFormSchema = z.object({
  intent: z.literal("cancel"),
  reason: z.preprocess(blankToUndefined, z.string().trim().max(500, "Keep the reason under 500 characters.").optional()),
  refundRemaining: z.preprocess((v) => v === "yes" || v === "on", z.boolean()),
  key: z.string({ required_error: KEY_MESSAGE }).uuid(KEY_MESSAGE),
  confirm: z.literal("yes", { errorMap: () => ({ message: "Tick the box to confirm the cancellation." }) }),
});

export const packFormSchema = z.object({ intent: z.literal("pack") });

/** Shipping's carrier and tracking number rule is shipping-rules.ts, shared with the hub's packing table. */
export const shipFormSchema = z.object({ intent: z.literal("ship"), carrier: carrierField, trackingNumber: trackingNumberField });

export const deliverFormSchema = z.object({ intent: z.literal("deliver") });

/** Every form on the order page, told apart by its `intent`. */
export const orderActionSchema = z.discriminatedUnion(
  "intent",
  [refundFormSchema, cancelFormSchema, packFormSchema, shipFormSchema, deliverFormSchema],
  { errorMap: () => ({ message: "Unknown action." }) },
);
export type OrderActionForm = z.infer<typeof orderActionSchema>;
