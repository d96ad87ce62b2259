/**
 * Stripe Invoicing for net-terms wholesale orders: a customer per retailer (metadata retailerId),
 * a draft invoice sent for payment (collection_method send_invoice, days_until_due), one invoice
 * item per order line, then finalize and send. Every call carries an idempotency key derived from
 * our invoice id, and the draft's id is saved as soon as it exists, so a retried job picks up where
 * the last attempt stopped instead of making a second invoice.
 */
import Stripe from "stripe";
import { env } from "~/lib/env.server";

export type StripeInvoiceInput = {
  /** Our invoices.id: the root of every idempotency key. */
  invoiceId: number;
  number: string;
  currency: string;
  daysUntilDue: number;
  retailer: { id: number; name: string; email: string };
  orderNumber: string;
  poNumber: string;
  /** Order lines, then shipping, tax and discount as lines of their own; amounts sum to the order total. */
  items: Array<{ key: string; description: string; amount: number }>;
};

export type PushedInvoice = { providerRef: string; hostedUrl: string | null; status: string };

/** Stripe's answer once an invoice exists (before finalizing): the caller records the id at once. */
export type OnDraftCreated = (stripeInvoiceId: string) => Promise<void>;

let client: Stripe | null | undefined;

/** The SDK client when Stripe keys are set (STRIPE_API_BASE points it at a fake in tests), else null. */
export function stripeClient(): Stripe | null {
  if (client === undefined) {
    const e = env();
    if (!e.STRIPE_SECRET_KEY || !e.STRIPE_PUBLISHABLE_KEY) {
      client = null;
    } else {
      const base = e.STRIPE_API_BASE ? new URL(e.STRIPE_API_BASE) : null;
      client = new Stripe(e.STRIPE_SECRET_KEY, {
        maxNetworkRetries: base ? 0 : 2,
        ...(base ? { host: base.hostname, port: base.port, protocol: base.protocol.replace(":", "") as "http" | "https" } : {}),
      });
    }
  }
  return client;
}

const key = (input: StripeInvoiceInput, step: string) => `soko-invoice:${input.invoiceId}:${step}`;

/** Finds the retailer's Stripe customer by metadata, or makes it (once: idempotency key per retailer). */
async function customerFor(stripe: Stripe, retailer: StripeInvoiceInput["retailer"]): Promise<string> {
  const found = await stripe.customers.search({ query: `metadata['retailerId']:'${retailer.id}'`, limit: 1 });
  if (found.data[0]) return found.data[0].id;
  const created = await stripe.customers.create(
    { name: retailer.name, email: retailer.email, metadata: { retailerId: String(retailer.id) } },
    { idempotencyKey: `soko-customer:retailer:${retailer.id}` },
  );
  return created.id;
}

/**
 * Makes, finalizes and sends the Stripe invoice for one of ours. `existingRef` is the Stripe invoice
 * id an earlier attempt saved: then only the steps not yet done run.
 */
export async function pushInvoiceToStripe(
  stripe: Stripe,
  input: StripeInvoiceInput,
  existingRef: string | null,
  onDraftCreated: OnDraftCreated,
): Promise<PushedInvoice> {
  let invoice: Stripe.Invoice;
  if (existingRef) {
    invoice = await stripe.invoices.retrieve(existingRef);
  } else {
    const customer = await customerFor(stripe, input.retailer);
    invoice = await stripe.invoices.create(
      {
        customer,
        currency: input.currency.toLowerCase(),
        collection_method: "send_invoice",
        days_until_due: input.daysUntilDue,
        auto_advance: false,
        pending_invoice_items_behavior: "exclude",
        number: input.number,
        description: `Soko order ${input.orderNumber}, PO ${input.poNumber}`,
        custom_fields: [{ name: "PO number", value: input.poNumber.slice(0, 140) }],
        metadata: {
          invoiceId: String(input.invoiceId),
          invoiceNumber: input.number,
          orderNumber: input.orderNumber,
          retailerId: String(input.retailer.id),
        },
      },
      { idempotencyKey: key(input, "create") },
    );
    await onDraftCreated(invoice.id!);
  }
  const id = invoice.id!;
  if (invoice.status === "draft") {
    // Items go straight onto this invoice; a retry with the same keys adds nothing.
    if ((invoice.lines?.data.length ?? 0) < input.items.length) {
      for (const item of input.items) {
        await stripe.invoiceItems.create(
          {
            customer: typeof invoice.customer === "string" ? invoice.customer : invoice.customer!.id,
            invoice: id,
            currency: input.currency.toLowerCase(),
            amount: item.amount,
            description: item.description.slice(0, 500),
            metadata: { key: item.key },
          },
          { idempotencyKey: key(input, `item:${item.key}`) },
        );
      }
    }
    invoice = await stripe.invoices.finalizeInvoice(id, { auto_advance: false }, { idempotencyKey: key(input, "finalize") });
  }
  if (invoice.status === "open") {
    invoice = await stripe.invoices.sendInvoice(id, {}, { idempotencyKey: key(input, "send") });
  }
  return { providerRef: id, hostedUrl: invoice.hosted_invoice_url ?? null, status: invoice.status ?? "open" };
}
