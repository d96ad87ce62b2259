/**
 * The money returns moved (the ops returns report and its CSV) against the ledger itself, on the
 * real database with the fake Stripe through the real SDK: GBP and USD orders; a refund to the card,
 * one as store credit, a dearer exchange's difference paid, a cheaper one's difference refunded, and
 * a refund that failed at Stripe and was retried. Every figure is the ledger's, in the shopper's
 * currency and as booked (USD at the order's rate; a gift card in its own currency).
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeStripeForApp } from "../fakes/stripe";

// Before any app module runs: env() is read once per test file.
const fake = await startFakeStripeForApp();
const { createProduct, setStock } = await import("#db/seed/factories");
const { commitOrder } = await import("~/domain/orders/index.server");
const returnsServer = await import("~/domain/returns/index.server");
const {
  completeDifferencePayment,
  prepareDifferenceIntent,
  receiveReturn,
  retryReturnRefund,
  returnsMoney,
  reasonsReport,
  saveReturnPolicy,
  startReturn,
} = returnsServer;
const { DEFAULT_RETURN_POLICY } = await import("~/domain/returns");
const { moneyCsvResponse } = await import("~/features/ops/returns/returns.server");
const { db, schema } = await import("~/lib/db.server");
const { zonedIsoDate } = await import("~/lib/time");
const { DAY, returnRow, ringOrder, setUpRings, startDearer } = await import("./returns-dearer-support");

const api = new URL(fake.url);
const stripe = new Stripe("sk_test_x", { host: api.hostname, port: api.port, protocol: "http", maxNetworkRetries: 0 });
const today = zonedIsoDate(new Date());
const TODAY = { from: today, to: today };

/** A bangle: gold $60, brass $40. */
let bangle: { gold: number; brass: number };

beforeAll(async () => {
  await setUpRings();
  const b = await createProduct(db, {
    handle: "wire-bangle",
    status: "active",
    variants: [
      { price: 6000, title: "Gold" },
      { price: 4000, title: "Brass" },
    ],
  });
  bangle = { gold: b.variants[0].id, brass: b.variants[1].id };
  const [fc] = await db.select().from(schema.locations).where(eq(schema.locations.code, "US-FC"));
  for (const v of [bangle.gold, bangle.brass]) await setStock(db, v, fc.id, 20);
  // Refunds go out when the hub receives the parcel: one step per return here.
  await saveReturnPolicy({ ...DEFAULT_RETURN_POLICY, refundOn: "receipt" }, "test");
});
afterAll(() => fake.close());

/** The order's payment becomes a Stripe intent for its total (charged, unless `charged` is false). */
async function paidAtStripe(order: { id: number; total: number; currency: string }, charged = true) {
  const intent = await stripe.paymentIntents.create({ amount: order.total, currency: order.currency.toLowerCase() });
  if (charged) fake.succeed(intent.id);
  await db.update(schema.payments).set({ providerRef: intent.id }).where(eq(schema.payments.orderId, order.id));
  return intent.id;
}

/** A delivered USD order of one gold bangle ($60, no discount, no tax, $9 shipping). */
async function bangleOrder() {
  const total = 6900;
  const order = await db.transaction((tx) =>
    commitOrder(tx, {
      channel: "web",
      email: "baraka@example.test",
      shippingAddress: {
        name: "Baraka Mwangi",
        line1: "1 Market St",
        city: "San Francisco",
        region: "CA",
        postalCode: "94105",
        country: "US",
      },
      currency: "USD",
      lines: [{ variantId: bangle.gold, quantity: 1, unitPrice: 6000 }],
      totals: { subtotal: 6000, discountTotal: 0, shippingTotal: 900, taxTotal: 0, total },
      idempotencyKey: randomUUID(),
      stockLocationCodes: ["US-FC"],
      payment: { provider: "stripe", providerRef: `pi_${randomUUID().replace(/-/g, "")}`, amount: total, currency: "USD" },
      paymentStatus: "paid",
      actor: "test",
    }),
  );
  const at = new Date(Date.now() - 3 * DAY);
  await db.update(schema.orders).set({ status: "delivered" }).where(eq(schema.orders.id, order.id));
  await db.insert(schema.shipments).values({ orderId: order.id, carrier: "UPS", trackingNumber: "1Z", shippedAt: at, deliveredAt: at });
  const [line] = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, order.id));
  return { ...order, total, currency: "USD", line: line.id };
}

async function start(number: string, line: number, extra: { exchangeVariantId?: number; refundMethod?: "original" | "store_credit" } = {}) {
  const started = await startReturn({
    number,
    lines: [{ orderLineId: line, quantity: 1, exchangeVariantId: extra.exchangeVariantId ?? null }],
    reason: extra.exchangeVariantId ? "size" : "changed_mind",
    note: "",
    resolution: extra.exchangeVariantId ? "exchange" : "refund",
    refundMethod: extra.refundMethod ?? "original",
    key: randomUUID(),
    actor: "shopper:link",
  });
  if (!started.ok) throw new Error(started.message);
  return started.returnNumber;
}

async function receive(number: string) {
  const received = await receiveReturn({ number, actor: "staff:1" });
  if (!received.ok) throw new Error(received.message);
  return received;
}

/** An account's balance as the ledger keeps it (signed: debits positive). */
async function balance(code: string) {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${schema.ledgerLines.amount}), 0)::int` })
    .from(schema.ledgerLines)
    .innerJoin(
      schema.ledgerAccounts,
      and(eq(schema.ledgerAccounts.id, schema.ledgerLines.accountId), eq(schema.ledgerAccounts.code, code)),
    );
  return row.total;
}

describe("the money returns moved", () => {
  const numbers: Record<string, string> = {};

  beforeAll(async () => {
    // GBP (settled in USD at 1.25): the ring is worth £48.82 on the order's discount and tax.
    const card = await ringOrder("stripe");
    await paidAtStripe({ ...card, currency: "GBP" });
    numbers.card = await start(card.number, card.ringLine);
    await receive(numbers.card);

    const credit = await ringOrder("stripe");
    await paidAtStripe({ ...credit, currency: "GBP" });
    numbers.credit = await start(credit.number, credit.ringLine, { refundMethod: "store_credit" });
    await receive(numbers.credit);

    // Dearer: silver on the same terms costs £14.65 more, paid through Stripe before the parcel is sent.
    const dearer = await ringOrder("stripe");
    await paidAtStripe({ ...dearer, currency: "GBP" });
    numbers.dearer = await startDearer(dearer);
    const prepared = await prepareDifferenceIntent(numbers.dearer, dearer.number);
    if (prepared.status !== "ready") throw new Error(JSON.stringify(prepared));
    fake.succeed(prepared.paymentIntentId);
    expect(await completeDifferencePayment(prepared.paymentIntentId, dearer.number)).toMatchObject({ status: "paid" });
    await receive(numbers.dearer);

    // USD, cheaper: brass instead of gold, $20 back to the card when the exchange is placed.
    const cheaper = await bangleOrder();
    await paidAtStripe(cheaper);
    numbers.cheaper = await start(cheaper.number, cheaper.line, { exchangeVariantId: bangle.brass });
    await receive(numbers.cheaper);

    // USD, the refund fails at Stripe (the charge isn't through yet), then finance retries it.
    const retried = await bangleOrder();
    const intent = await paidAtStripe(retried, false);
    numbers.retried = await start(retried.number, retried.line);
    await receive(numbers.retried);
    expect(await returnRow(numbers.retried)).toMatchObject({ refundState: "failed" });
    fake.succeed(intent);
    expect(await retryReturnRefund({ number: numbers.retried, actor: "staff:1" })).toMatchObject({ ok: true });
  });

  it("totals each kind per shopper's currency, in their money and as booked", async () => {
    expect(await returnRow(numbers.retried)).toMatchObject({ refundState: "issued", amount: 6000 });
    const failed = await db.select().from(schema.refunds).where(eq(schema.refunds.status, "failed"));
    expect(failed).toHaveLength(1);
    const { totals, latest } = await returnsMoney(TODAY);
    const row = (shopperCurrency: string, kind: string) =>
      totals
        .filter((t) => t.shopperCurrency === shopperCurrency && t.kind === kind)
        .map(({ shopperCurrency: _s, kind: _k, ...rest }) => rest);
    // £48.82 at 1.25 = $39.06; £14.65 = $11.72. Store credit is a pound gift card, its refund booked in
    // dollars at the order's rate like the card's (decision 0028), pounds beside.
    expect(row("GBP", "refund_payment")).toEqual([{ entries: 1, shopperAmount: 4882, booked: 3906, bookedCurrency: "USD" }]);
    expect(row("GBP", "refund_gift_card")).toEqual([{ entries: 1, shopperAmount: 4882, booked: 3906, bookedCurrency: "USD" }]);
    expect(row("GBP", "difference_received")).toEqual([{ entries: 1, shopperAmount: 1465, booked: 1172, bookedCurrency: "USD" }]);
    expect(row("USD", "difference_refunded")).toEqual([{ entries: 1, shopperAmount: 2000, booked: 2000, bookedCurrency: "USD" }]);
    // The failed attempt booked nothing: one entry, the retry's.
    expect(row("USD", "refund_payment")).toEqual([{ entries: 1, shopperAmount: 6000, booked: 6000, bookedCurrency: "USD" }]);
    expect(totals).toHaveLength(5);
    expect(latest.map((m) => m.returnNumber).sort()).toEqual(Object.values(numbers).sort());
  });

  it("agrees with the ledger's accounts", async () => {
    const { totals } = await returnsMoney(TODAY);
    const booked = (kinds: string[], currency: string) =>
      totals.filter((t) => kinds.includes(t.kind) && t.bookedCurrency === currency).reduce((sum, t) => sum + t.booked, 0);
    // Money back to cards: sales returns debited, refunds paid credited.
    expect(booked(["refund_payment", "difference_refunded"], "USD")).toBe(await balance("soko:sales_returns:USD"));
    expect(booked(["refund_payment", "difference_refunded"], "USD")).toBe(-(await balance("soko:refunds_paid:USD")));
    // Store credit: the gift cards' contra-revenue in dollars; the card's liability stays in pounds,
    // the exchange clearing pair between them (decision 0028). Nothing in pounds is a sales return.
    expect(booked(["refund_gift_card"], "USD")).toBe(await balance("soko:store_credit_refunds:USD"));
    expect(booked(["refund_gift_card"], "GBP")).toBe(0);
    expect(await balance("soko:store_credit_refunds:GBP")).toBe(0);
    expect(await balance("soko:gift_card_liability:GBP")).toBe(-4882);
    expect(await balance("soko:fx_clearing:GBP")).toBe(4882);
    expect(await balance("soko:fx_clearing:USD")).toBe(-3906);
    // The dearer exchange's difference: a retail sale (no order's own sale is booked here: no worker runs).
    expect(booked(["difference_received"], "USD")).toBe(-(await balance("soko:retail_sales:USD")));
    expect(booked(["difference_received"], "USD")).toBe(await balance("soko:card_clearing:USD"));
    // The shopper's side is the presentment amounts the ledger keeps beside each USD line.
    const [gbp] = await db
      .select({ total: sql<number>`sum(${schema.ledgerLines.presentmentAmount})::int` })
      .from(schema.ledgerLines)
      .innerJoin(schema.ledgerAccounts, eq(schema.ledgerAccounts.id, schema.ledgerLines.accountId))
      .where(and(eq(schema.ledgerAccounts.code, "soko:sales_returns:USD"), eq(schema.ledgerLines.presentmentCurrency, "GBP")));
    expect(totals.filter((t) => t.shopperCurrency === "GBP" && t.kind === "refund_payment").reduce((s, t) => s + t.shopperAmount, 0)).toBe(
      gbp.total,
    );
  });

  it("balances per currency: every entry, and the books (a pound card refund and pound store credit)", async () => {
    const unbalanced = await db.execute<{ entry_id: number }>(sql`
      select entry_id from ledger_lines group by entry_id, currency having sum(amount) <> 0`);
    expect(unbalanced).toEqual([]);
    const perCurrency = await db.execute<{ currency: string; total: number }>(sql`
      select currency, sum(amount)::int as total from ledger_lines group by currency order by currency`);
    expect(perCurrency.map((r) => [r.currency, Number(r.total)])).toEqual([
      ["GBP", 0],
      ["USD", 0],
    ]);
    // The store credit's entry: dollars on the sales-returns side, pounds on the liability side.
    const [credit] = await db
      .select({ id: schema.giftCardMovements.id })
      .from(schema.giftCardMovements)
      .where(eq(schema.giftCardMovements.reference, `store_credit:return:${numbers.credit}`));
    const lines = await db.execute<{ code: string; amount: number; currency: string; presentment_amount: number | null }>(sql`
      select a.code, l.amount, l.currency, l.presentment_amount from ledger_lines l
        join ledger_accounts a on a.id = l.account_id join ledger_entries e on e.id = l.entry_id
       where e.reference = ${`gift_card_movement:${credit.id}`} order by l.id`);
    expect(
      lines.map((l) => [l.code, Number(l.amount), l.currency, l.presentment_amount === null ? null : Number(l.presentment_amount)]),
    ).toEqual([
      ["soko:store_credit_refunds:USD", 3906, "USD", 4882],
      ["soko:fx_clearing:USD", -3906, "USD", -4882],
      ["soko:fx_clearing:GBP", 4882, "GBP", null],
      ["soko:gift_card_liability:GBP", -4882, "GBP", null],
    ]);
  });

  it("puts the money beside each reason", async () => {
    const report = await reasonsReport(TODAY);
    expect(report.find((r) => r.reason === "changed_mind")).toMatchObject({
      returns: 3,
      refunded: [
        { currency: "GBP", amount: 4882 * 2 },
        { currency: "USD", amount: 6000 },
      ],
      received: [],
    });
    expect(report.find((r) => r.reason === "size")).toMatchObject({
      returns: 1,
      refunded: [{ currency: "USD", amount: 2000 }],
      received: [],
    });
    expect(report.find((r) => r.reason === "not_as_pictured")).toMatchObject({
      returns: 1,
      refunded: [],
      received: [{ currency: "GBP", amount: 1465 }],
    });
  });

  it("covers only its period", async () => {
    const before = new Date(Date.now() - 40 * DAY);
    const past = { from: zonedIsoDate(new Date(before.getTime() - 10 * DAY)), to: zonedIsoDate(before) };
    expect(await returnsMoney(past)).toMatchObject({ totals: [], latest: [] });
    expect((await reasonsReport(past)).length).toBe(0);
  });

  it("exports every entry of the period as CSV, and refuses a bad period", async () => {
    const response = moneyCsvResponse(new Request(`http://shop.test/ops/returns/money.csv?from=${today}&to=${today}`));
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="soko-returns-money-${today}-to-${today}.csv"`);
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe("When (EAT),Return,Order,What,Shopper's amount,Shopper's currency,Booked,Booked currency,Ledger entry");
    expect(lines).toHaveLength(6);
    expect(lines.find((l) => l.includes(numbers.dearer))).toMatch(/,Exchange differences received,14\.65,GBP,11\.72,USD,sale:RT-\d+$/);
    expect(lines.find((l) => l.includes(numbers.credit))).toMatch(
      /,Refunds as store credit \(gift cards\),48\.82,GBP,39\.06,USD,gift_card_movement:\d+$/,
    );
    const refusal = (query: string) => {
      try {
        moneyCsvResponse(new Request(`http://shop.test/ops/returns/money.csv?${query}`));
        return null;
      } catch (refused) {
        return refused as Response;
      }
    };
    expect(refusal("from=2026-02-30")?.status).toBe(400);
    const backwards = refusal("from=2026-12-01&to=2026-11-01");
    expect(backwards?.status).toBe(400);
    expect(await backwards?.text()).toBe("The start date is after the end date.");
  });
});
