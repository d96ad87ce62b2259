/**
 * A console refund once the money went (refundOrder, and cancelOrder's refund of what is left),
 * recorded one way whether the provider answered at once or was found later to have made a refund it
 * answered as failed (a timeout, a connection dropped after Stripe made it: docs/decisions/0020).
 * The caller holds the order row's lock, so each refund is recorded once.
 */
import { eq } from "drizzle-orm";
import { audit } from "~/domain/audit/index.server";
import { orderRefundEntry } from "~/domain/ledger";
import { postEntry } from "~/domain/ledger/index.server";
import { queueEmail } from "~/domain/notifications/index.server";
import { Refusal } from "~/lib/refusal";
import { schema, type Executor } from "~/lib/db.server";
import { formKeyOfRefund, paymentStatusAfterRefund, returnOfRefundKey } from "./refund-rules";
import { adoptUnansweredRefunds, refundableBalance, type AdoptedRefund } from "./refunds.server";
import { statusUrl } from "./status-link.server";

const { orders, orderEvents } = schema;

type OrderRow = typeof orders.$inferSelect;

export type MadeRefund = {
  refundId: number;
  paymentId: number;
  amount: number;
  reason: string;
  status: "succeeded" | "pending";
  providerRef: string | null;
  /** The form it was asked for with: the same form sent again answers "already made". */
  formKey: string | null;
  /** Credited to the gift card that paid, which books it itself (refundToGiftCard). */
  toGiftCard: boolean;
  /** Answered as failed at the time, found at the provider since; by whom (the actor recorded is who asked). */
  adopted: false | { foundBy: string };
};

/**
 * The order's payment status, the ledger (money back to a card leaves the shop: booked beside the
 * order's sale, at its rate), the `refunded` event, the audit row and the shopper's email. The
 * refunds row is already written as made. Returns the order's payment status after it.
 */
export async function recordRefundMade(tx: Executor, order: OrderRow, refund: MadeRefund, actor: string): Promise<string> {
  const balance = await refundableBalance(tx, order.id);
  const paymentStatus = paymentStatusAfterRefund(balance);
  await tx.update(orders).set({ paymentStatus }).where(eq(orders.id, order.id));
  if (!refund.toGiftCard)
    await postEntry(
      tx,
      orderRefundEntry({
        refundId: refund.refundId,
        orderNumber: order.number,
        amount: refund.amount,
        currency: order.currency,
        reason: refund.reason,
        settlement: { currency: order.settlementCurrency, ratePpm: order.settlementRatePpm },
      }),
    );
  const adopted = refund.adopted ? { adopted: true, foundBy: refund.adopted.foundBy } : {};
  await tx.insert(orderEvents).values({
    orderId: order.id,
    type: "refunded",
    actor,
    data: {
      refundId: refund.refundId,
      amount: refund.amount,
      currency: order.currency,
      reason: refund.reason,
      status: refund.status,
      key: refund.formKey,
      ...adopted,
    },
  });
  await audit(tx, {
    actor,
    action: "order.refund",
    subject: `order:${order.number}`,
    data: {
      refundId: refund.refundId,
      paymentId: refund.paymentId,
      amount: refund.amount,
      currency: order.currency,
      reason: refund.reason,
      providerRef: refund.providerRef,
      status: refund.status,
      ...adopted,
    },
  });
  await queueEmail(tx, {
    template: "refund-issued",
    to: order.email,
    dedupeKey: `refund:${refund.refundId}`,
    props: {
      orderNumber: order.number,
      customerName: order.shippingAddress?.name,
      amount: refund.amount,
      currency: order.currency,
      reason: refund.reason,
      statusUrl: statusUrl(order.number),
    },
  });
  return paymentStatus;
}

export type FoundRefund = AdoptedRefund & {
  /** The return whose refund it was (`return:<RT>:…`), or null for the console's own (and any other key). */
  returnNumber: string | null;
};

/**
 * The order's refunds recorded as failed with no answer from the provider, whichever path asked for
 * them (the console, a return's refund or exchange difference), each looked up there by its own key;
 * one the provider made counts in what was refunded before anything new is sent. A console refund is
 * recorded as made (booked, its event, audit and email); a return's stays for the return's own retry
 * to record and book (it sends nothing more: docs/decisions/0020), and the history says it was found.
 * Each is recorded under the name of whoever asked for it; `actor` (who or what found it: staff
 * refunding again, a return's step, Stripe's event) is kept beside. A provider that can't be asked is
 * a 502 and nothing is written: a new refund could be the shopper's second.
 */
export async function adoptTimedOutRefunds(tx: Executor, order: OrderRow, actor: string): Promise<FoundRefund[]> {
  let adopted: AdoptedRefund[];
  try {
    adopted = await adoptUnansweredRefunds(tx, { orderId: order.id });
  } catch (error) {
    console.error(`order ${order.number}: could not ask the payment provider about earlier refunds:`, error);
    throw new Refusal(
      502,
      "We couldn't ask the card company whether an earlier refund of this order that timed out went through, so nothing was refunded. Try again in a minute.",
    );
  }
  const found: FoundRefund[] = [];
  for (const refund of adopted) {
    const formKey = formKeyOfRefund(order.number, refund.key);
    const returnNumber = returnOfRefundKey(refund.key);
    found.push({ ...refund, returnNumber: formKey === null ? returnNumber : null });
    // Older rows don't say who asked: then it is recorded as whoever found it, as before.
    const askedBy = refund.actor ?? actor;
    if (formKey === null) {
      await recordRefundFound(tx, order, refund, returnNumber, { askedBy, foundBy: actor });
      continue;
    }
    await recordRefundMade(
      tx,
      order,
      {
        refundId: refund.refundId,
        paymentId: refund.paymentId,
        amount: refund.amount,
        reason: refund.reason,
        status: refund.status,
        providerRef: refund.providerRef,
        formKey,
        toGiftCard: false,
        adopted: { foundBy: actor },
      },
      askedBy,
    );
  }
  return found;
}

/**
 * Another path's refund (a return's) found made: it counts now (the order's payment status says so),
 * and the history says it was found without its amount, which the return's own line shows once its
 * retry records it (booked, the return refunded, the shopper emailed).
 */
async function recordRefundFound(
  tx: Executor,
  order: OrderRow,
  refund: AdoptedRefund,
  returnNumber: string | null,
  { askedBy, foundBy }: { askedBy: string; foundBy: string },
) {
  const paymentStatus = paymentStatusAfterRefund(await refundableBalance(tx, order.id));
  await tx.update(orders).set({ paymentStatus }).where(eq(orders.id, order.id));
  const data = {
    refundId: refund.refundId,
    found: refund.amount,
    currency: order.currency,
    returnNumber,
    providerRef: refund.providerRef,
    foundBy,
  };
  await tx.insert(orderEvents).values({ orderId: order.id, type: "refund_found", actor: askedBy, data });
  await audit(tx, { actor: askedBy, action: "order.refund_found", subject: `order:${order.number}`, data });
}
