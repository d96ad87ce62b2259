/**
 * Placing a wholesale order: the draft is re-priced and checked (every line, PO number unique for the
 * retailer, ship-to, ship window, minimum, credit limit for terms), the card charged when paying by
 * card, then ONE transaction: commitOrder (channel "wholesale": stock reserved, production requested),
 * the wholesale_orders row, the invoice for terms orders, and the draft deleted.
 */
import { and, eq } from "drizzle-orm";
import type { Retailer } from "#db/schema";
import { WEB_STOCK_LOCATION_CODES } from "~/modules/inventory/locations";
import { commitOrder } from "~/modules/orders/commit.server";
import { paymentProvider } from "~/modules/payments/index.server";
import { db, schema, type Executor } from "~/utils/db.server";
import type { BuyerContext } from "./auth.server";
import { findDraft, reviewDraft, saveDraftDetails, type DraftDetails, type DraftReview } from "./drafts.server";
import { createInvoiceForOrder } from "./invoices.server";
import { checkCredit, PAYMENT_LABEL } from "./rules";

const { orders, wholesaleOrders, retailerLocations, retailers } = schema;

export type PlaceInput = {
  details: DraftDetails;
  payment: "card" | "net30" | "net60";
  card?: { number: string; expiry: string; cvc: string };
  idempotencyKey: string;
  expectedTotal: number;
  today?: Date;
};

export type PlaceField = "poNumber" | "retailerLocationId" | "shipWindowStart" | "shipWindowEnd" | "payment" | "number" | "expiry" | "cvc" | "lines";
export type PlaceResult =
  | { ok: true; orderNumber: string; created: boolean }
  | { ok: false; status: 402 | 404 | 409 | 422; message: string; field?: PlaceField };

class Refused extends Error {
  constructor(readonly result: Extract<PlaceResult, { ok: false }>) {
    super(result.message);
  }
}

/** The order this submit key already made for this retailer, if any. */
async function orderForKey(retailerId: number, idempotencyKey: string) {
  const [row] = await db
    .select({ number: orders.number, retailerId: orders.retailerId })
    .from(orders)
    .where(eq(orders.idempotencyKey, `wholesale:${idempotencyKey}`))
    .limit(1);
  return row && row.retailerId === retailerId ? row : null;
}

export async function placeWholesaleOrder(ctx: BuyerContext, draftId: number, input: PlaceInput): Promise<PlaceResult> {
  const { buyer, retailer } = ctx;
  const orderKey = `wholesale:${input.idempotencyKey}`;
  const previous = await orderForKey(retailer.id, input.idempotencyKey);
  if (previous) return { ok: true, orderNumber: previous.number, created: false };

  const draft = await findDraft(retailer.id, draftId);
  if (!draft) return { ok: false, status: 404, message: "That draft isn't on your account any more." };
  // The buyer's entries are kept on the draft, whatever happens next.
  if (!(await saveDraftDetails(retailer.id, draftId, input.details))) return { ok: false, status: 404, field: "retailerLocationId", message: "Choose one of your ship-to locations." };

  const today = (input.today ?? new Date()).toISOString().slice(0, 10);
  const pre = await check(db, retailer, draft.lines, input, today);
  if (!pre.ok) return pre;
  const { review, location } = pre;

  let payment: { provider: string; providerRef: string; amount: number; currency: string } | null = null;
  const provider = paymentProvider();
  if (input.payment === "card") {
    const outcome = await provider.charge({
      amount: review.total,
      currency: review.currency,
      idempotencyKey: orderKey,
      description: `Soko wholesale order, ${retailer.name}, PO ${input.details.poNumber}`,
      metadata: { retailerId: String(retailer.id), poNumber: input.details.poNumber ?? "" },
      card: input.card,
    });
    if (outcome.status === "declined") {
      const field = outcome.code === "invalid_number" || outcome.code === "missing_card" ? "number" : outcome.code === "invalid_expiry" ? "expiry" : outcome.code === "invalid_cvc" ? "cvc" : undefined;
      return { ok: false, status: field ? 422 : 402, message: outcome.message, field };
    }
    if (outcome.status !== "succeeded") {
      await provider.cancel(outcome.providerRef).catch(() => {});
      return { ok: false, status: 402, field: "payment", message: "Card payments for wholesale orders aren't available here yet. Choose your terms, or contact us to pay by card." };
    }
    payment = { provider: provider.name, providerRef: outcome.providerRef, amount: review.total, currency: review.currency };
  }

  try {
    const placed = await db.transaction(async (tx) => {
      // One order at a time per retailer: the credit check and the PO check see every earlier order.
      const [locked] = await tx.select().from(retailers).where(eq(retailers.id, retailer.id)).for("update");
      const again = await check(tx, locked, draft.lines, input, today);
      if (!again.ok) throw new Refused(again);
      if (again.review.total !== review.total) throw new Refused({ ok: false, status: 409, message: "Your order total changed while you were paying. Please review it and place it again." });
      const order = await commitOrder(tx, {
        channel: "wholesale",
        email: buyer.email,
        retailerId: retailer.id,
        shippingAddress: { name: `${retailer.name} — ${location.name}`, line1: location.line1, line2: location.line2 ?? undefined, city: location.city, region: location.region ?? undefined, postalCode: location.postalCode ?? undefined, country: location.country },
        shippingMethod: "wholesale-freight",
        currency: review.currency,
        lines: review.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity, unitPrice: l.unitPrice })),
        totals: { subtotal: review.subtotal, discountTotal: 0, shippingTotal: 0, taxTotal: 0, total: review.total },
        idempotencyKey: orderKey,
        stockLocationCodes: WEB_STOCK_LOCATION_CODES,
        payment,
        paymentStatus: input.payment === "card" ? "paid" : "on_terms",
        actor: `buyer:${buyer.id}`,
        today: input.today,
      });
      if (!order.created) return order;
      await tx.insert(wholesaleOrders).values({
        orderId: order.id,
        retailerId: retailer.id,
        buyerId: buyer.id,
        poNumber: input.details.poNumber!,
        retailerLocationId: location.id,
        shipWindowStart: input.details.shipWindowStart ?? null,
        shipWindowEnd: input.details.shipWindowEnd ?? null,
        paymentTerms: input.payment,
      });
      if (input.payment !== "card") await createInvoiceForOrder(tx, order.id);
      await tx.delete(schema.wholesaleDrafts).where(eq(schema.wholesaleDrafts.id, draftId));
      return order;
    });
    return { ok: true, orderNumber: placed.number, created: placed.created };
  } catch (error) {
    if (payment) await provider.refund({ providerRef: payment.providerRef, amount: payment.amount, idempotencyKey: `void:${orderKey}` }).catch(() => {});
    if (error instanceof Refused) return error.result;
    // Two submits racing for the same PO number: the unique index decides, the second is told why.
    if (isUniqueViolation(error, "wholesale_orders_po_key")) return { ok: false, status: 409, field: "poNumber", message: `PO ${input.details.poNumber} is already on one of your orders. Use a new PO number.` };
    throw error;
  }
}

function isUniqueViolation(error: unknown, constraint: string) {
  const e = error as { code?: string; constraint_name?: string; cause?: { code?: string; constraint_name?: string } };
  return [e, e?.cause].some((x) => x?.code === "23505" && x.constraint_name === constraint);
}

type Checked = { ok: true; review: DraftReview; location: typeof retailerLocations.$inferSelect } | Extract<PlaceResult, { ok: false }>;

async function check(executor: Executor, retailer: Retailer, lines: Array<{ variantId: number; quantity: number }>, input: PlaceInput, today: string): Promise<Checked> {
  const { details } = input;
  if (retailer.status !== "approved") return { ok: false, status: 409, message: "Your account isn't approved for ordering right now. Please contact us." };
  // Ship dates are for the buyer's eyes; placing needs only prices and rules.
  const review = await reviewDraft(retailer, lines, executor, input.today, { shipDates: false });
  if (!review.lines.length) return { ok: false, status: 422, field: "lines", message: "Add some items before placing the order." };
  const bad = review.lines.find((l) => l.problem);
  if (bad) return { ok: false, status: 422, field: "lines", message: `${bad.sku}: ${bad.problem}` };
  if (review.total !== input.expectedTotal) return { ok: false, status: 409, message: "Your order total changed since this page was loaded. Please review it and place it again." };
  if (!details.poNumber) return { ok: false, status: 422, field: "poNumber", message: "Enter your PO number." };
  const [dupe] = await executor.select({ orderId: wholesaleOrders.orderId }).from(wholesaleOrders).where(and(eq(wholesaleOrders.retailerId, retailer.id), eq(wholesaleOrders.poNumber, details.poNumber))).limit(1);
  if (dupe) return { ok: false, status: 409, field: "poNumber", message: `PO ${details.poNumber} is already on one of your orders. Use a new PO number.` };
  if (!details.retailerLocationId) return { ok: false, status: 422, field: "retailerLocationId", message: "Choose where this order ships." };
  const [location] = await executor.select().from(retailerLocations).where(and(eq(retailerLocations.id, details.retailerLocationId), eq(retailerLocations.retailerId, retailer.id))).limit(1);
  if (!location) return { ok: false, status: 404, field: "retailerLocationId", message: "Choose one of your ship-to locations." };
  if (details.shipWindowStart && details.shipWindowStart < today) return { ok: false, status: 422, field: "shipWindowStart", message: "The ship window can't start in the past." };
  if (details.shipWindowEnd && details.shipWindowEnd < today) return { ok: false, status: 422, field: "shipWindowEnd", message: "The ship window can't end in the past." };
  if (!review.minimum.ok) return { ok: false, status: 422, message: review.minimum.message };
  if (!review.paymentChoices.includes(input.payment)) return { ok: false, status: 422, field: "payment", message: `${PAYMENT_LABEL[input.payment]} isn't one of your account's payment options.` };
  if (input.payment !== "card") {
    const credit = checkCredit({ orderTotal: review.total, outstanding: review.outstanding, creditLimit: retailer.creditLimit, currency: review.currency });
    if (!credit.ok) return { ok: false, status: 422, field: "payment", message: credit.message };
  }
  return { ok: true, review, location };
}
