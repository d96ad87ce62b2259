/**
 * A stand-in for the slice of Stripe's API our adapter calls, for the real `stripe` SDK pointed here
 * through STRIPE_API_BASE (the SDK's host/port/protocol options). Bodies arrive form-encoded
 * (`metadata[cartId]=…`), answers are Stripe-shaped JSON. It checks the bearer key, records every
 * request, answers a repeated Idempotency-Key with the first answer, and keeps payment intents,
 * charges and refunds in memory so tests can build webhook events from the same objects.
 *
 * Test payment methods: pm_card_visa succeeds; pm_card_chargeDeclined is declined (402 card_error).
 * `succeed(id)` plays the part of the browser confirming through Stripe.js.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";

export type FakePaymentIntent = {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_received: number;
  currency: string;
  status: "requires_payment_method" | "requires_confirmation" | "processing" | "succeeded" | "canceled";
  client_secret: string;
  description: string | null;
  metadata: Record<string, string>;
  latest_charge: string | null;
  last_payment_error: { type: string; code: string; message: string } | null;
  automatic_payment_methods: { enabled: boolean } | null;
  /** Set when the create call names them (card_present for Terminal). */
  payment_method_types?: string[];
  capture_method?: string;
  created: number;
  livemode: false;
};

export type FakeReader = {
  id: string;
  object: "terminal.reader";
  device_type: string;
  status: "online";
  action: null | {
    type: "process_payment_intent";
    status: "in_progress" | "succeeded" | "failed";
    process_payment_intent: { payment_intent: string };
    failure_code: string | null;
    failure_message: string | null;
  };
  livemode: false;
};

export type FakeCharge = {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  currency: string;
  payment_intent: string;
  refunded: boolean;
  status: "succeeded" | "failed";
  metadata: Record<string, string>;
  payment_method_details?: { type: string; card_present?: { brand: string; last4: string }; card?: { brand: string; last4: string } };
  created: number;
  livemode: false;
};

export type FakeRefund = {
  id: string;
  object: "refund";
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string;
  status: "succeeded";
  metadata: Record<string, string>;
  created: number;
};

/** Stripe Invoicing (wholesale net terms): customers, invoices and their items. */
export type FakeCustomer = {
  id: string;
  object: "customer";
  name: string | null;
  email: string | null;
  metadata: Record<string, string>;
  created: number;
  livemode: false;
};

export type FakeInvoiceLine = {
  id: string;
  object: "line_item";
  amount: number;
  currency: string;
  description: string | null;
  invoice: string;
  metadata: Record<string, string>;
};

export type FakeInvoice = {
  id: string;
  object: "invoice";
  customer: string;
  number: string | null;
  currency: string;
  status: "draft" | "open" | "paid" | "void" | "uncollectible";
  collection_method: "send_invoice" | "charge_automatically";
  days_until_due: number | null;
  due_date: number | null;
  auto_advance: boolean;
  description: string | null;
  custom_fields: Array<{ name: string; value: string }> | null;
  metadata: Record<string, string>;
  lines: { object: "list"; data: FakeInvoiceLine[]; has_more: false; url: string };
  subtotal: number;
  total: number;
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  hosted_invoice_url: string | null;
  invoice_pdf: string | null;
  status_transitions: { finalized_at: number | null; paid_at: number | null; voided_at: number | null };
  /** Fake only: how many times the invoice was emailed (sendInvoice). */
  sent_count: number;
  created: number;
  livemode: false;
};

export type RecordedStripeRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  idempotencyKey?: string;
};

type Reply = { status: number; body: unknown };

const DECLINED = { type: "card_error", code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." };

/** `a[b][c]=1&a[d]=2` → `{ a: { b: { c: "1" }, d: "2" } }`, as Stripe reads its form bodies. */
export function decodeForm(raw: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const path = key.replace(/\]/g, "").split("[");
    let node = out;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else {
        node[part] ??= {};
        node = node[part] as Record<string, unknown>;
      }
    });
  }
  return out;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

export async function startFakeStripe({ secretKey = "sk_test_x" }: { secretKey?: string } = {}) {
  const requests: RecordedStripeRequest[] = [];
  const intents = new Map<string, FakePaymentIntent>();
  const charges = new Map<string, FakeCharge>();
  const refunds = new Map<string, FakeRefund>();
  const byIdempotencyKey = new Map<string, Reply>();
  const readers = new Map<string, FakeReader>();
  const customers = new Map<string, FakeCustomer>();
  const invoices = new Map<string, FakeInvoice>();
  /**
   * What the next new refund requests meet, one each in order (a replayed Idempotency-Key takes none):
   * "answer" as usual, "refuse" is Stripe saying no (a 400 the key then replays, as Stripe does), and
   * a function runs before the refund is made and answered (a test kills the caller's database session there),
   * "drop" makes the refund and drops the connection without answering, and every replay of its key too
   * (a timeout, as the caller sees it, its own retries included), "unavailable" is Stripe's 500 (nothing
   * made here; to the caller the outcome is open, and Stripe doesn't replay a 5xx for the key).
   */
  const refundFaults: Array<"answer" | "refuse" | "drop" | "unavailable" | (() => Promise<void>)> = [];
  const dropping = new Set<string>();
  /**
   * What the next lookups of refunds (GET /v1/refunds) meet, one each in order: "answer" as usual,
   * "unavailable" is Stripe's 500, "drop" the connection dropped without an answer.
   */
  const refundLookupFaults: Array<"answer" | "unavailable" | "drop"> = [];

  const notFound = (what: string, value: string): Reply => ({
    status: 404,
    body: { error: { type: "invalid_request_error", code: "resource_missing", message: `No such ${what}: '${value}'` } },
  });
  const invalid = (message: string, param?: string): Reply => ({
    status: 400,
    body: { error: { type: "invalid_request_error", message, param } },
  });

  function chargeIntent(intent: FakePaymentIntent) {
    const charge: FakeCharge = {
      id: id("ch"),
      object: "charge",
      amount: intent.amount,
      amount_captured: intent.amount,
      amount_refunded: 0,
      currency: intent.currency,
      payment_intent: intent.id,
      refunded: false,
      status: "succeeded",
      metadata: { ...intent.metadata },
      // The test card: Visa 4242, presented on a reader (card_present) or typed online (card).
      payment_method_details: intent.payment_method_types?.includes("card_present")
        ? { type: "card_present", card_present: { brand: "visa", last4: "4242" } }
        : { type: "card", card: { brand: "visa", last4: "4242" } },
      created: now(),
      livemode: false,
    };
    charges.set(charge.id, charge);
    Object.assign(intent, { status: "succeeded", amount_received: intent.amount, latest_charge: charge.id, last_payment_error: null });
  }

  function route(method: string, path: string, body: Record<string, unknown>): Reply {
    let match: RegExpExecArray | null;
    if (method === "POST" && path === "/v1/payment_intents") {
      const amount = Number(body.amount);
      if (!Number.isInteger(amount) || amount < 1) return invalid("Missing required param: amount.", "amount");
      if (typeof body.currency !== "string") return invalid("Missing required param: currency.", "currency");
      // Any lowercase ISO code, as our adapter sends it (GBP checkouts send "gbp"); kept on the intent and its charge.
      if (!/^[a-z]{3}$/.test(body.currency)) return invalid(`Invalid currency: ${body.currency}.`, "currency");
      const piId = id("pi");
      const intent: FakePaymentIntent = {
        id: piId,
        object: "payment_intent",
        amount,
        amount_received: 0,
        currency: body.currency,
        status: "requires_payment_method",
        client_secret: `${piId}_secret_${randomBytes(8).toString("hex")}`,
        description: typeof body.description === "string" ? body.description : null,
        metadata: (body.metadata as Record<string, string> | undefined) ?? {},
        latest_charge: null,
        last_payment_error: null,
        automatic_payment_methods: body.automatic_payment_methods ? { enabled: true } : null,
        created: now(),
        livemode: false,
      };
      const allowed = body.allowed_payment_method_types ?? body.payment_method_types;
      if (allowed) intent.payment_method_types = Object.values(allowed as Record<string, string>);
      if (body.capture_method) intent.capture_method = String(body.capture_method);
      intents.set(piId, intent);
      return { status: 200, body: intent };
    }
    if (method === "GET" && path === "/v1/payment_intents/search") {
      // Only the form our adapter uses: metadata['key']:'value'.
      const query = /^metadata\['([^']+)'\]:'([^']*)'$/.exec(String(body.query ?? ""));
      if (!query) return invalid("Unsupported search query.", "query");
      const data = [...intents.values()].filter((i) => i.metadata[query[1]] === query[2]);
      return { status: 200, body: { object: "search_result", data, has_more: false, next_page: null, url: "/v1/payment_intents/search" } };
    }
    match = /^\/v1\/payment_intents\/([^/]+)$/.exec(path);
    if (match && method === "GET") {
      const intent = intents.get(match[1]);
      if (!intent) return notFound("payment_intent", match[1]);
      const expand = Object.values((body.expand as Record<string, string> | undefined) ?? {});
      const charge = expand.includes("latest_charge") && intent.latest_charge ? charges.get(intent.latest_charge) : undefined;
      return { status: 200, body: charge ? { ...intent, latest_charge: charge } : intent };
    }
    match = /^\/v1\/payment_intents\/([^/]+)\/(confirm|cancel)$/.exec(path);
    if (match && method === "POST") {
      const intent = intents.get(match[1]);
      if (!intent) return notFound("payment_intent", match[1]);
      if (match[2] === "cancel") {
        if (intent.status === "succeeded") return invalid("You cannot cancel this PaymentIntent because it has a status of succeeded.");
        intent.status = "canceled";
        return { status: 200, body: intent };
      }
      if (intent.status === "succeeded" || intent.status === "canceled") {
        return invalid(`This PaymentIntent's status is ${intent.status} and cannot be confirmed.`);
      }
      if (body.payment_method === "pm_card_chargeDeclined") {
        intent.status = "requires_payment_method";
        intent.last_payment_error = { type: DECLINED.type, code: DECLINED.code, message: DECLINED.message };
        return { status: 402, body: { error: { ...DECLINED, payment_intent: intent } } };
      }
      if (body.payment_method !== "pm_card_visa") return invalid("No such PaymentMethod.", "payment_method");
      chargeIntent(intent);
      return { status: 200, body: intent };
    }
    if (method === "GET" && path === "/v1/refunds") {
      // As Stripe: refunds of a payment intent it has never seen are a 404, not an empty list.
      if (typeof body.payment_intent === "string" && !intents.has(body.payment_intent))
        return notFound("payment_intent", body.payment_intent);
      const data = [...refunds.values()].filter((r) => !body.payment_intent || r.payment_intent === body.payment_intent).reverse();
      return { status: 200, body: { object: "list", url: "/v1/refunds", has_more: false, data } };
    }
    if (method === "POST" && path === "/v1/refunds") {
      const intent = typeof body.payment_intent === "string" ? intents.get(body.payment_intent) : undefined;
      if (!intent) return invalid("Missing or unknown payment_intent.", "payment_intent");
      const charge = intent.latest_charge ? charges.get(intent.latest_charge) : undefined;
      if (!charge || intent.status !== "succeeded") return invalid("This PaymentIntent does not have a successful charge to refund.");
      const amount = body.amount === undefined ? charge.amount - charge.amount_refunded : Number(body.amount);
      if (!Number.isInteger(amount) || amount < 1 || amount > charge.amount - charge.amount_refunded) {
        return invalid(`Refund amount (${body.amount}) is greater than unrefunded amount on charge.`, "amount");
      }
      charge.amount_refunded += amount;
      charge.refunded = charge.amount_refunded === charge.amount;
      const refund: FakeRefund = {
        id: id("re"),
        object: "refund",
        amount,
        currency: charge.currency,
        charge: charge.id,
        payment_intent: intent.id,
        status: "succeeded",
        metadata: (body.metadata as Record<string, string> | undefined) ?? {},
        created: now(),
      };
      refunds.set(refund.id, refund);
      return { status: 200, body: refund };
    }
    const invoicing = invoicingRoute(method, path, body);
    if (invoicing) return invoicing;
    // Stripe Terminal: a server-driven reader, and the test helper that presents a card on it.
    match = /^\/v1\/terminal\/readers\/([^/]+)$/.exec(path);
    if (match && method === "GET") {
      return { status: 200, body: reader(match[1]) };
    }
    match = /^\/v1\/terminal\/readers\/([^/]+)\/(process_payment_intent|cancel_action)$/.exec(path);
    if (match && method === "POST") {
      const found = reader(match[1]);
      if (match[2] === "cancel_action") {
        found.action = null;
        return { status: 200, body: found };
      }
      const intent = typeof body.payment_intent === "string" ? intents.get(body.payment_intent) : undefined;
      if (!intent) return invalid("Missing or unknown payment_intent.", "payment_intent");
      if (!intent.payment_method_types?.includes("card_present"))
        return invalid("This PaymentIntent does not accept card_present.", "payment_intent");
      found.action = {
        type: "process_payment_intent",
        status: "in_progress",
        process_payment_intent: { payment_intent: intent.id },
        failure_code: null,
        failure_message: null,
      };
      return { status: 200, body: found };
    }
    match = /^\/v1\/test_helpers\/terminal\/readers\/([^/]+)\/present_payment_method$/.exec(path);
    if (match && method === "POST") {
      const found = reader(match[1]);
      const intent = found.action ? intents.get(found.action.process_payment_intent.payment_intent) : undefined;
      if (!found.action || !intent) return invalid("This reader has no action in progress.");
      // As Stripe's simulated readers: amounts ending in .01 are declined.
      if (intent.amount % 100 === 1) {
        intent.last_payment_error = { type: DECLINED.type, code: "card_declined", message: "Your card was declined (call issuer)." };
        Object.assign(found.action, {
          status: "failed",
          failure_code: "card_declined",
          failure_message: "Your card was declined (call issuer).",
        });
      } else {
        chargeIntent(intent);
        found.action.status = "succeeded";
      }
      return { status: 200, body: found };
    }
    return { status: 404, body: { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}).` } } };
  }

  function reader(readerId: string): FakeReader {
    let found = readers.get(readerId);
    if (!found) {
      found = {
        id: readerId,
        object: "terminal.reader",
        device_type: "simulated_wisepos_e",
        status: "online",
        action: null,
        livemode: false,
      };
      readers.set(readerId, found);
    }
    return found;
  }

  function recomputeInvoice(invoice: FakeInvoice) {
    invoice.subtotal = invoice.total = invoice.lines.data.reduce((n, l) => n + l.amount, 0);
    invoice.amount_due = invoice.total;
    invoice.amount_remaining = Math.max(0, invoice.amount_due - invoice.amount_paid);
  }

  /** Customers (create, search by metadata), invoices (create, retrieve, finalize, send) and invoice items. */
  function invoicingRoute(method: string, path: string, body: Record<string, unknown>): Reply | null {
    let match: RegExpExecArray | null;
    if (method === "POST" && path === "/v1/customers") {
      const customer: FakeCustomer = {
        id: id("cus"),
        object: "customer",
        name: typeof body.name === "string" ? body.name : null,
        email: typeof body.email === "string" ? body.email : null,
        metadata: (body.metadata as Record<string, string> | undefined) ?? {},
        created: now(),
        livemode: false,
      };
      customers.set(customer.id, customer);
      return { status: 200, body: customer };
    }
    if (method === "GET" && path === "/v1/customers/search") {
      // Only the form our adapter uses: metadata['key']:'value'.
      const query = /^metadata\['([^']+)'\]:'([^']*)'$/.exec(String(body.query ?? ""));
      if (!query) return invalid("Unsupported search query.", "query");
      const data = [...customers.values()].filter((c) => c.metadata[query[1]] === query[2]);
      return { status: 200, body: { object: "search_result", data, has_more: false, next_page: null, url: "/v1/customers/search" } };
    }
    if (method === "POST" && path === "/v1/invoices") {
      if (typeof body.customer !== "string" || !customers.has(body.customer)) return invalid("No such customer.", "customer");
      if (typeof body.number === "string" && [...invoices.values()].some((i) => i.number === body.number))
        return invalid("Invoice number must be unique.", "number");
      const invoiceId = id("in");
      const invoice: FakeInvoice = {
        id: invoiceId,
        object: "invoice",
        customer: body.customer,
        number: typeof body.number === "string" ? body.number : null,
        currency: typeof body.currency === "string" ? body.currency : "usd",
        status: "draft",
        collection_method: body.collection_method === "send_invoice" ? "send_invoice" : "charge_automatically",
        days_until_due: body.days_until_due === undefined ? null : Number(body.days_until_due),
        due_date: null,
        auto_advance: body.auto_advance === "true",
        description: typeof body.description === "string" ? body.description : null,
        custom_fields: body.custom_fields ? Object.values(body.custom_fields as Record<string, { name: string; value: string }>) : null,
        metadata: (body.metadata as Record<string, string> | undefined) ?? {},
        lines: { object: "list", data: [], has_more: false, url: `/v1/invoices/${invoiceId}/lines` },
        subtotal: 0,
        total: 0,
        amount_due: 0,
        amount_paid: 0,
        amount_remaining: 0,
        hosted_invoice_url: null,
        invoice_pdf: null,
        status_transitions: { finalized_at: null, paid_at: null, voided_at: null },
        sent_count: 0,
        created: now(),
        livemode: false,
      };
      if (invoice.collection_method === "send_invoice" && invoice.days_until_due === null)
        return invalid("Missing days_until_due or due_date for send_invoice.", "days_until_due");
      invoices.set(invoice.id, invoice);
      return { status: 200, body: invoice };
    }
    if (method === "POST" && path === "/v1/invoiceitems") {
      const invoice = typeof body.invoice === "string" ? invoices.get(body.invoice) : undefined;
      if (!invoice) return invalid("This fake only takes invoice items for a given invoice.", "invoice");
      if (invoice.status !== "draft") return invalid("You can only add invoice items to draft invoices.", "invoice");
      if (body.customer !== invoice.customer) return invalid("The customer does not match the invoice's.", "customer");
      const amount = Number(body.amount);
      if (!Number.isInteger(amount)) return invalid("Missing required param: amount.", "amount");
      const item = {
        id: id("ii"),
        object: "invoiceitem" as const,
        amount,
        currency: String(body.currency ?? invoice.currency),
        description: typeof body.description === "string" ? body.description : null,
        invoice: invoice.id,
        customer: invoice.customer,
        metadata: (body.metadata as Record<string, string> | undefined) ?? {},
      };
      invoice.lines.data.push({
        id: id("il"),
        object: "line_item",
        amount,
        currency: item.currency,
        description: item.description,
        invoice: invoice.id,
        metadata: item.metadata,
      });
      recomputeInvoice(invoice);
      return { status: 200, body: item };
    }
    match = /^\/v1\/invoices\/([^/]+)$/.exec(path);
    if (match && method === "GET") {
      const invoice = invoices.get(match[1]);
      return invoice ? { status: 200, body: invoice } : notFound("invoice", match[1]);
    }
    match = /^\/v1\/invoices\/([^/]+)\/(finalize|send)$/.exec(path);
    if (match && method === "POST") {
      const invoice = invoices.get(match[1]);
      if (!invoice) return notFound("invoice", match[1]);
      if (match[2] === "finalize") {
        if (invoice.status !== "draft") return invalid(`This invoice is already finalized, you can't re-finalize a non-draft invoice.`);
        invoice.status = invoice.total === 0 ? "paid" : "open";
        invoice.number ??= `FAKE-${invoices.size}`;
        invoice.status_transitions.finalized_at = now();
        invoice.due_date = invoice.days_until_due === null ? null : now() + invoice.days_until_due * 86_400;
        invoice.hosted_invoice_url = `https://invoice.stripe.test/i/${invoice.id}`;
        invoice.invoice_pdf = `https://pay.stripe.test/invoice/${invoice.id}/pdf`;
        return { status: 200, body: invoice };
      }
      if (invoice.status !== "open") return invalid(`You can only send an open invoice; this one is ${invoice.status}.`);
      if (invoice.collection_method !== "send_invoice")
        return invalid("You can only manually send an invoice if its collection method is 'send_invoice'.");
      invoice.sent_count += 1;
      return { status: 200, body: invoice };
    }
    return null;
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const send = ({ status, body }: Reply) => {
        res.writeHead(status, { "Content-Type": "application/json", "Request-Id": id("req") });
        res.end(JSON.stringify(body));
      };
      const method = req.method ?? "GET";
      const url = new URL(req.url ?? "/", "http://fake");
      const body = decodeForm(method === "GET" ? url.search.slice(1) : Buffer.concat(chunks).toString("utf8"));
      const idempotencyKey = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : undefined;
      requests.push({ method, path: url.pathname, headers: req.headers, body, idempotencyKey });
      if (req.headers.authorization !== `Bearer ${secretKey}`) {
        return send({ status: 401, body: { error: { type: "invalid_request_error", message: "Invalid API Key provided." } } });
      }
      const lookupFault = method === "GET" && url.pathname === "/v1/refunds" ? refundLookupFaults.shift() : undefined;
      if (lookupFault === "drop") return req.socket.destroy();
      if (lookupFault === "unavailable") {
        return send({ status: 500, body: { error: { type: "api_error", message: "Something went wrong on Stripe's end." } } });
      }
      const cacheKey = idempotencyKey && method === "POST" ? `${url.pathname} ${idempotencyKey}` : undefined;
      if (cacheKey && dropping.has(cacheKey)) return req.socket.destroy();
      const previous = cacheKey ? byIdempotencyKey.get(cacheKey) : undefined;
      if (previous) return send(previous);
      const fault = method === "POST" && url.pathname === "/v1/refunds" ? refundFaults.shift() : undefined;
      if (typeof fault === "function") await fault();
      if (fault === "unavailable") {
        return send({ status: 500, body: { error: { type: "api_error", message: "Something went wrong on Stripe's end." } } });
      }
      const reply: Reply =
        fault === "refuse"
          ? {
              status: 400,
              body: {
                error: {
                  type: "invalid_request_error",
                  code: "charge_disputed",
                  message: "This charge has been disputed; it can't be refunded.",
                },
              },
            }
          : route(method, url.pathname, body);
      // Stripe replays the first answer for a key, errors included (except 5xx); snapshot it.
      if (cacheKey) byIdempotencyKey.set(cacheKey, JSON.parse(JSON.stringify(reply)) as Reply);
      if (fault === "drop" && cacheKey) {
        dropping.add(cacheKey);
        return req.socket.destroy();
      }
      send(reply);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;

  function intent(piId: string) {
    const found = intents.get(piId);
    if (!found) throw new Error(`fake stripe: no payment intent ${piId}`);
    return found;
  }

  return {
    url: `http://127.0.0.1:${port}`,
    secretKey,
    requests,
    intents,
    readers,
    charges,
    refunds,
    customers,
    invoices,
    refundFaults,
    refundLookupFaults,
    intent,
    /** The retailer pays an open invoice (by card on the hosted page, or a transfer recorded in Stripe). */
    payInvoice(invoiceId: string) {
      const invoice = invoices.get(invoiceId);
      if (!invoice) throw new Error(`fake stripe: no invoice ${invoiceId}`);
      if (invoice.status !== "open") throw new Error(`fake stripe: invoice ${invoiceId} is ${invoice.status}`);
      Object.assign(invoice, { status: "paid", amount_paid: invoice.amount_due, amount_remaining: 0 });
      invoice.status_transitions.paid_at = now();
      return invoice;
    },
    /** What Stripe.js does when the shopper confirms with a good card: the intent succeeds and is charged. */
    succeed(piId: string) {
      chargeIntent(intent(piId));
      return intent(piId);
    },
    /** A bank transfer or a slow method: the intent waits in processing. */
    process(piId: string) {
      intent(piId).status = "processing";
      return intent(piId);
    },
    /** A refund made from Stripe's dashboard: the charge's amount_refunded grows. */
    refund(piId: string, amount: number) {
      const reply = route("POST", "/v1/refunds", { payment_intent: piId, amount: String(amount) });
      if (reply.status !== 200) throw new Error(`fake stripe: refund refused ${JSON.stringify(reply.body)}`);
      return reply.body as FakeRefund;
    },
    /** The charge behind an intent, as a charge.* event carries it. */
    chargeOf(piId: string) {
      const chargeId = intent(piId).latest_charge;
      const charge = chargeId ? charges.get(chargeId) : undefined;
      if (!charge) throw new Error(`fake stripe: ${piId} has no charge`);
      return { ...charge };
    },
    /** A Stripe event envelope around a snapshot of `object`. */
    event(type: string, object: object, eventId = id("evt")) {
      return {
        id: eventId,
        object: "event",
        api_version: "2026-10-28.endive",
        created: now(),
        type,
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        data: { object: JSON.parse(JSON.stringify(object)) as unknown },
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>;

/**
 * The fake, and the app configured to use it: Stripe keys, webhook secret, API base and public URL
 * in process.env. Call it before any app module is imported (env() is read once per test file), then
 * import the app with `await import(...)`.
 */
export async function startFakeStripeForApp(): Promise<FakeStripe> {
  const fake = await startFakeStripe({ secretKey: "sk_test_x" });
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: fake.secretKey,
    STRIPE_PUBLISHABLE_KEY: "pk_test_x",
    STRIPE_WEBHOOK_SECRET: "whsec_test",
    STRIPE_API_BASE: fake.url,
    PUBLIC_URL: "http://shop.test",
  });
  return fake;
}
