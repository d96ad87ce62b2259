/**
 * Placing a wholesale order: the draft is re-priced and checked (every line, PO number unique for the
 * retailer, ship-to, ship window, minimum, credit limit for terms), the card charged when paying by
 * card, then ONE transaction (`commitPlacement`): commitOrder (channel "wholesale": stock reserved,
 * production requested), the wholesale_orders row, the invoice for terms orders (the sale booked in
 * the ledger for card orders), and the draft deleted. With Stripe, a card order is paid in the Payment Element first and committed by card-stripe.server.ts
 * through the same `commitPlacement`.
 */
import { isoDate } from "~/domain/orders";
import { and, eq } from "drizzle-orm";
import type { Retailer } from "#db/schema";
import { Refusal } from "~/lib/refusal";
import { WEB_STOCK_LOCATION_CODES } from "~/domain/inventory";
import { wholesaleCardSaleEntry } from "~/domain/ledger";
import { postEntry } from "~/domain/ledger/index.server";
import { commitOrder, type CommittedOrder } from "~/domain/orders/index.server";
import { paymentProvider } from "~/domain/payments/index.server";
import { db, schema, type Executor } from "~/lib/db.server";
import type { BuyerContext } from "./auth.server";
import { findDraft, reviewDraft, saveDraftDetails, type DraftDetails, type DraftReview } from "./drafts.server";
import { createInvoiceForOrder } from "./invoices.server";
import { wholesaleList } from "./currency.server";
import { toSettlement } from "~/domain/markets";
import { applyCharges, checkCredit, PAYMENT_LABEL, pastShipDay, type OrderCharges } from "./rules";

const { orders, wholesaleOrders, retailerLocations, retailers } = schema;

export type PlaceInput = {
  details: DraftDetails;
  payment: "card" | "net30" | "net60";
  card?: { number: string; expiry: string; cvc: string };
  idempotencyKey: string;
  expectedTotal: number;
  today?: Date;
};

export type PlaceField =
  | "poNumber"
  | "retailerLocationId"
  | "shipWindowStart"
  | "shipWindowEnd"
  | "payment"
  | "number"
  | "expiry"
  | "cvc"
  | "lines";
export type PlaceResult =
  | { ok: true; orderNumber: string; created: boolean }
  | { ok: false; status: 402 | 404 | 409 | 422; message: string; field?: PlaceField; reason?: "draft_gone" | "total_changed" };

export type PlaceRefused = Extract<PlaceResult, { ok: false }>;

/** Thrown to roll a placement back after the card was charged; carries the whole answer (its reason too). */
class PlacementRefused extends Refusal {
  constructor(readonly result: PlaceRefused) {
    super(result.status, result.message, result.field);
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
  if (!(await saveDraftDetails(retailer.id, draftId, input.details)))
    return { ok: false, status: 404, field: "retailerLocationId", message: "Choose one of your ship-to locations." };

  const today = isoDate(input.today ?? new Date());
  const pre = await check(db, retailer, draft.lines, input, today);
  if (!pre.ok) return pre;
  const { review } = pre;

  let payment: PaidWith | null = null;
  const provider = paymentProvider();
  if (input.payment === "card") {
    // With Stripe the card is confirmed in its Payment Element (card-stripe.server.ts), never posted here.
    if (provider.name !== "local")
      return { ok: false, status: 409, field: "payment", message: "Please pay with the secure card form on this page." };
    const outcome = await provider.charge({
      amount: review.total,
      currency: review.currency,
      idempotencyKey: orderKey,
      description: `Soko wholesale order, ${retailer.name}, PO ${input.details.poNumber}`,
      metadata: { retailerId: String(retailer.id), poNumber: input.details.poNumber ?? "" },
      card: input.card,
    });
    if (outcome.status === "declined") {
      const field =
        outcome.code === "invalid_number" || outcome.code === "missing_card"
          ? "number"
          : outcome.code === "invalid_expiry"
            ? "expiry"
            : outcome.code === "invalid_cvc"
              ? "cvc"
              : undefined;
      return { ok: false, status: field ? 422 : 402, message: outcome.message, field };
    }
    if (outcome.status !== "succeeded") {
      await provider.cancel(outcome.providerRef).catch(() => {});
      return {
        ok: false,
        status: 402,
        field: "payment",
        message: "Your card needs another step we can't take here. Please try another card or choose your terms.",
      };
    }
    payment = { provider: provider.name, providerRef: outcome.providerRef, amount: review.total, currency: review.currency };
  }

  try {
    const placed = await db.transaction(async (tx) => {
      const committed = await commitPlacement(tx, {
        retailerId: retailer.id,
        buyer,
        draftId,
        details: input.details,
        input,
        orderKey,
        paid: payment,
        today,
      });
      // Refused after the card was charged: roll back, the charge is voided below.
      if (!committed.ok) throw new PlacementRefused(committed);
      return committed.order;
    });
    return { ok: true, orderNumber: placed.number, created: placed.created };
  } catch (error) {
    if (payment)
      await provider
        .refund({ providerRef: payment.providerRef, amount: payment.amount, idempotencyKey: `void:${orderKey}` })
        .catch(() => {});
    if (error instanceof PlacementRefused) return error.result;
    // Two submits racing for the same PO number: the unique index decides, the second is told why.
    if (isUniqueViolation(error, "wholesale_orders_po_key"))
      return {
        ok: false,
        status: 409,
        field: "poNumber",
        message: `PO ${input.details.poNumber} is already on one of your orders. Use a new PO number.`,
      };
    throw error;
  }
}

export type PaidWith = { provider: string; providerRef: string; amount: number; currency: string };

export type Placement = {
  retailerId: number;
  buyer: { id: number; email: string };
  draftId: number;
  /** The review form's details; omitted, the ones saved on the draft (a payment finished away from the form). */
  details?: DraftDetails;
  input: Omit<CheckInput, "details">;
  /** The order's idempotency key: `wholesale:<form key>` for terms and local cards, `stripe:<intent>` for Stripe. */
  orderKey: string;
  /** The card payment already taken, when paying by card. */
  paid: PaidWith | null;
  today: string;
  /** A drop-ship order's consumer address (an EDI 850's ship-to): the order ships there instead of to the retailer's location. */
  shipTo?: schema.Address;
  /** A trading partner's agreed allowance and freight charge (EDI): the order's discount and shipping, on its invoice. */
  charges?: OrderCharges;
};

/**
 * The one way a wholesale order is made, inside the caller's transaction: the retailer row locked
 * (one order at a time per retailer, so the credit and PO checks see every earlier order), then the
 * draft (always in that order, so two placements never deadlock), every rule checked again on the
 * draft's lines as they are now, then commitOrder (channel "wholesale"), the wholesale_orders row, the
 * invoice for terms orders, and the draft deleted. A refusal comes back before anything is written;
 * a draft already turned into this key's order returns that order.
 */
export async function commitPlacement(tx: Executor, p: Placement): Promise<{ ok: true; order: CommittedOrder } | PlaceRefused> {
  const [locked] = await tx.select().from(retailers).where(eq(retailers.id, p.retailerId)).for("update");
  if (!locked) return { ok: false, status: 404, reason: "draft_gone", message: "That account no longer exists." };
  const [draft] = await tx
    .select()
    .from(schema.wholesaleDrafts)
    .where(and(eq(schema.wholesaleDrafts.id, p.draftId), eq(schema.wholesaleDrafts.retailerId, locked.id)))
    .for("update");
  if (!draft) {
    const [first] = await tx
      .select({ id: orders.id, number: orders.number })
      .from(orders)
      .where(and(eq(orders.idempotencyKey, p.orderKey), eq(orders.retailerId, locked.id)));
    if (first) return { ok: true, order: { ...first, created: false } };
    return { ok: false, status: 404, reason: "draft_gone", message: "That draft isn't on your account any more." };
  }
  const details: DraftDetails = p.details ?? {
    name: draft.name,
    poNumber: draft.poNumber ?? undefined,
    retailerLocationId: draft.retailerLocationId ?? undefined,
    shipWindowStart: draft.shipWindowStart ?? undefined,
    shipWindowEnd: draft.shipWindowEnd ?? undefined,
  };
  const again = await check(tx, locked, draft.lines, { ...p.input, details }, p.today, { dropShip: Boolean(p.shipTo), charges: p.charges });
  if (!again.ok) return again;
  const { review, location } = again;
  const totals = { ...applyCharges(review.subtotal, p.charges), taxTotal: 0 };
  const settlement = await settlementOf(tx, review.currency, totals.total);
  const order = await commitOrder(tx, {
    channel: "wholesale",
    email: p.buyer.email,
    retailerId: locked.id,
    shippingAddress: p.shipTo ?? {
      name: `${locked.name} — ${location.name}`,
      line1: location.line1,
      line2: location.line2 ?? undefined,
      city: location.city,
      region: location.region ?? undefined,
      postalCode: location.postalCode ?? undefined,
      country: location.country,
    },
    shippingMethod: "wholesale-freight",
    currency: review.currency,
    settlement,
    lines: review.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity, unitPrice: l.unitPrice })),
    totals,
    idempotencyKey: p.orderKey,
    stockLocationCodes: WEB_STOCK_LOCATION_CODES,
    payment: p.paid,
    paymentStatus: p.input.payment === "card" ? "paid" : "on_terms",
    actor: `buyer:${p.buyer.id}`,
    today: p.input.today,
  });
  if (!order.created) return { ok: true, order };
  await tx.insert(wholesaleOrders).values({
    orderId: order.id,
    retailerId: locked.id,
    buyerId: p.buyer.id,
    poNumber: details.poNumber!,
    retailerLocationId: location.id,
    shipWindowStart: details.shipWindowStart ?? null,
    shipWindowEnd: details.shipWindowEnd ?? null,
    paymentTerms: p.input.payment,
    allowanceBps: p.charges?.allowanceBps ?? 0,
    freightCharge: p.charges?.freightCharge ?? 0,
  });
  if (p.input.payment !== "card") await createInvoiceForOrder(tx, order.id);
  // Paid by card: no invoice, so the sale is booked here, with the order (it exists exactly when the
  // order does; its reference makes a replayed webhook or a second worker book nothing more).
  else if (p.paid)
    await postEntry(
      tx,
      wholesaleCardSaleEntry({
        orderNumber: order.number,
        amount: p.paid.amount,
        currency: p.paid.currency.toUpperCase(),
        paymentRef: p.paid.providerRef,
        settlement,
      }),
    );
  await tx.delete(schema.wholesaleDrafts).where(eq(schema.wholesaleDrafts.id, p.draftId));
  return { ok: true, order };
}

/**
 * What an order in the retailer's currency settles as in USD (docs/decisions/0025): its total at
 * the currency's wholesale list rate as it stands now, kept on the order for its ledger entries.
 */
async function settlementOf(executor: Executor, currency: string, total: number) {
  if (currency === "USD") return { currency: "USD", total, ratePpm: 1_000_000 };
  const { ratePpm } = await wholesaleList(executor, currency);
  return { currency: "USD", total: toSettlement(total, ratePpm), ratePpm };
}

function isUniqueViolation(error: unknown, constraint: string) {
  const e = error as { code?: string; constraint_name?: string; cause?: { code?: string; constraint_name?: string } };
  return [e, e?.cause].some((x) => x?.code === "23505" && x.constraint_name === constraint);
}

type Checked = { ok: true; review: DraftReview; location: typeof retailerLocations.$inferSelect } | PlaceRefused;
/** What the rules look at: the review form's details, how it is paid, and the total the buyer saw. */
export type CheckInput = Pick<PlaceInput, "details" | "payment" | "expectedTotal" | "today"> & { currency?: string };

/** Every rule a wholesale order must pass, read through `executor` (a transaction when committing). */
export async function check(
  executor: Executor,
  retailer: Retailer,
  lines: Array<{ variantId: number; quantity: number }>,
  input: CheckInput,
  today: string,
  options: { dropShip?: boolean; charges?: OrderCharges } = {},
): Promise<Checked> {
  const { details } = input;
  if (retailer.status !== "approved")
    return { ok: false, status: 409, message: "Your account isn't approved for ordering right now. Please contact us." };
  // Ship dates are for the buyer's eyes; placing needs only prices and rules.
  const review = await reviewDraft(retailer, lines, executor, input.today, { shipDates: false, dropShip: options.dropShip });
  if (!review.lines.length) return { ok: false, status: 422, field: "lines", message: "Add some items before placing the order." };
  const bad = review.lines.find((l) => l.problem);
  if (bad) return { ok: false, status: 422, field: "lines", message: `${bad.sku}: ${bad.problem}` };
  if (review.total !== input.expectedTotal || (input.currency && input.currency.toUpperCase() !== review.currency)) {
    return {
      ok: false,
      status: 409,
      reason: "total_changed",
      message: "Your order total changed since this page was loaded. Please review it and place it again.",
    };
  }
  if (!details.poNumber) return { ok: false, status: 422, field: "poNumber", message: "Enter your PO number." };
  const [dupe] = await executor
    .select({ orderId: wholesaleOrders.orderId })
    .from(wholesaleOrders)
    .where(
      and(
        eq(wholesaleOrders.retailerId, retailer.id),
        eq(wholesaleOrders.poNumber, details.poNumber),
        // A cancelled order's PO number may be used again.
        eq(wholesaleOrders.cancelled, false),
      ),
    )
    .limit(1);
  if (dupe)
    return {
      ok: false,
      status: 409,
      field: "poNumber",
      message: `PO ${details.poNumber} is already on one of your orders. Use a new PO number.`,
    };
  if (!details.retailerLocationId)
    return { ok: false, status: 422, field: "retailerLocationId", message: "Choose where this order ships." };
  const [location] = await executor
    .select()
    .from(retailerLocations)
    .where(and(eq(retailerLocations.id, details.retailerLocationId), eq(retailerLocations.retailerId, retailer.id)))
    .limit(1);
  if (!location) return { ok: false, status: 404, field: "retailerLocationId", message: "Choose one of your ship-to locations." };
  if (details.shipWindowStart && details.shipWindowStart < today)
    return { ok: false, status: 422, field: "shipWindowStart", message: pastShipDay("start", today) };
  if (details.shipWindowEnd && details.shipWindowEnd < today)
    return { ok: false, status: 422, field: "shipWindowEnd", message: pastShipDay("end", today) };
  if (!review.minimum.ok) return { ok: false, status: 422, message: review.minimum.message };
  if (!review.paymentChoices.includes(input.payment))
    return {
      ok: false,
      status: 422,
      field: "payment",
      message: `${PAYMENT_LABEL[input.payment]} isn't one of your account's payment options.`,
    };
  if (input.payment !== "card") {
    const credit = checkCredit({
      orderTotal: applyCharges(review.subtotal, options.charges).total,
      outstanding: review.outstanding,
      creditLimit: retailer.creditLimit,
      currency: review.currency,
    });
    if (!credit.ok) return { ok: false, status: 422, field: "payment", message: credit.message };
  }
  return { ok: true, review, location };
}
