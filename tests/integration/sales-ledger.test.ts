/**
 * Every paid retail order's sale in the ledger (docs/decisions/0022), on the real database: web card,
 * gift card + card, register cash and card with a gift card sold, a GBP order at its rate and half
 * refunded by a return, replays of the order's job and the sweep, and a burst of the same posting.
 */
import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, setStock } from "#db/seed/factories";
import { GIFT_CARD_PAYMENT_PROVIDER, giftCardPaymentRef } from "~/domain/giftcards";
import { giftCardVariantId, issueStoreCredit, redeemGiftCard } from "~/domain/giftcards/index.server";
import { toSettlement } from "~/domain/markets";
import { commitOrder, missingSales, orderPlacedTask, postMissingSales, postSaleEntry } from "~/domain/orders/index.server";
import { CASH_PROVIDER } from "~/domain/payments";
import { inspectReturn, receiveReturn, startReturn } from "~/domain/returns/index.server";
import { db, schema } from "~/lib/db.server";

let necklace: number;
let cuff: number;
const GBP_RATE = 790_000;

beforeAll(async () => {
  await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
  await createLocation(db, {
    code: "NBO-HUB",
    kind: "hub",
    shipDays: 7,
    address: ["Soko Nairobi Hub", "Baba Dogo Road, Ruaraka", "Nairobi 00618", "Kenya"],
  });
  necklace = (await createProduct(db, { handle: "bead-necklace", status: "active", variants: [{ price: 6000 }] })).variants[0].id;
  cuff = (await createProduct(db, { handle: "horn-cuff", status: "active", variants: [{ price: 3200 }] })).variants[0].id;
  for (const v of [necklace, cuff]) await setStock(db, v, (await locationId("US-FC"))!, 100);
});

async function locationId(code: string) {
  const [row] = await db.select({ id: schema.locations.id }).from(schema.locations).where(eq(schema.locations.code, code));
  return row?.id;
}

type Tender = { provider: string; amount: number };

/** A paid order of `lines`, its money taken by `tenders` (payments rows, as checkout and the register write them). */
async function paidOrder(input: {
  channel?: "web" | "pos" | "wholesale";
  currency?: string;
  ratePpm?: number;
  lines: Array<{ variantId: number; quantity: number; unitPrice: number; giftCard?: boolean }>;
  tenders?: Tender[];
}) {
  const currency = input.currency ?? "USD";
  const total = input.lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
  const tenders = input.tenders ?? [{ provider: "local", amount: total }];
  return db.transaction(async (tx) => {
    const order = await commitOrder(tx, {
      channel: input.channel ?? "web",
      email: "emma@example.test",
      currency,
      settlement: input.ratePpm ? { currency: "USD", total: toSettlement(total, input.ratePpm), ratePpm: input.ratePpm } : null,
      lines: input.lines,
      totals: { subtotal: total, discountTotal: 0, shippingTotal: 0, taxTotal: 0, total },
      idempotencyKey: randomUUID(),
      stockLocationCodes: ["US-FC"],
      paymentStatus: input.channel === "wholesale" ? "on_terms" : "paid",
      actor: "test",
    });
    if (tenders.length)
      await tx.insert(schema.payments).values(
        tenders.map((t) => ({
          orderId: order.id,
          provider: t.provider,
          providerRef: `${t.provider}:${randomUUID()}`,
          amount: t.amount,
          currency,
          status: "succeeded",
        })),
      );
    return { ...order, total };
  });
}

async function saleLines(orderNumber: string) {
  return db
    .select({
      code: schema.ledgerAccounts.code,
      amount: schema.ledgerLines.amount,
      currency: schema.ledgerLines.currency,
      presentmentAmount: schema.ledgerLines.presentmentAmount,
      presentmentCurrency: schema.ledgerLines.presentmentCurrency,
    })
    .from(schema.ledgerLines)
    .innerJoin(schema.ledgerEntries, eq(schema.ledgerEntries.id, schema.ledgerLines.entryId))
    .innerJoin(schema.ledgerAccounts, eq(schema.ledgerAccounts.id, schema.ledgerLines.accountId))
    .where(eq(schema.ledgerEntries.reference, `sale:${orderNumber}`))
    .orderBy(schema.ledgerLines.id);
}

const runOrderPlaced = (orderId: number) => orderPlacedTask({ orderId }, {} as never);

describe("a sale per paid retail order", () => {
  it("books a web card order from the order's own job: card clearing against retail sales, once however often it runs", async () => {
    const order = await paidOrder({ lines: [{ variantId: necklace, quantity: 2, unitPrice: 6000 }] });
    await runOrderPlaced(order.id);
    await runOrderPlaced(order.id);
    expect(await saleLines(order.number)).toEqual([
      { code: "soko:card_clearing:USD", amount: 12_000, currency: "USD", presentmentAmount: null, presentmentCurrency: null },
      { code: "soko:retail_sales:USD", amount: -12_000, currency: "USD", presentmentAmount: null, presentmentCurrency: null },
    ]);
    expect(await db.transaction((tx) => postSaleEntry(tx, order.id))).toMatchObject({ created: false });
    // The same job queues its confirmation, once: one outbox row and one send job however often it runs.
    const emails = await db.execute<{ text: string; jobs: number }>(sql`
      select o.text, (select count(*)::int from graphile_worker.jobs j where j.key = 'send_email:' || o.id) as jobs
        from outbox o where o.dedupe_key = ${`order-confirmation:${order.number}`}`);
    expect(emails).toHaveLength(1);
    expect(emails[0].jobs).toBe(1);
    expect(emails[0].text).toContain(order.number);
    expect(emails[0].text).toMatch(/Total\s+\$120\.00/);
  });

  it("books only the card's part of a gift card + card order: the gift card's part is its own redemption", async () => {
    const order = await paidOrder({
      lines: [{ variantId: cuff, quantity: 3, unitPrice: 3200 }],
      tenders: [{ provider: "local", amount: 5_600 }],
    });
    const credit = await db.transaction((tx) =>
      issueStoreCredit(tx, { amount: 4_000, currency: "USD", email: "emma@example.test", reason: "test", actor: "test" }),
    );
    await db.transaction(async (tx) => {
      await redeemGiftCard(tx, {
        giftCardId: credit.giftCardId,
        amount: 4_000,
        currency: "USD",
        orderId: order.id,
        reference: `test-pay:${order.number}`,
        actor: "test",
      });
      await tx.insert(schema.payments).values({
        orderId: order.id,
        provider: GIFT_CARD_PAYMENT_PROVIDER,
        providerRef: giftCardPaymentRef(credit.giftCardId, order.id),
        amount: 4_000,
        currency: "USD",
        status: "succeeded",
      });
    });
    await runOrderPlaced(order.id);
    expect((await saleLines(order.number)).map((l) => [l.code, l.amount])).toEqual([
      ["soko:card_clearing:USD", 5_600],
      ["soko:retail_sales:USD", -5_600],
    ]);
  });

  it("books a register sale's cash to the drawer and its card to clearing, less a gift card it sold", async () => {
    const giftCard = await db.transaction((tx) => giftCardVariantId(tx));
    const order = await paidOrder({
      channel: "pos",
      lines: [
        { variantId: necklace, quantity: 1, unitPrice: 6000 },
        { variantId: giftCard, quantity: 1, unitPrice: 2_500, giftCard: true },
      ],
      tenders: [
        { provider: CASH_PROVIDER, amount: 3_500 },
        { provider: "Counter terminal", amount: 5_000 },
      ],
    });
    await runOrderPlaced(order.id);
    // The $25 card sold came off the cash first (it was booked as gift card receipts when issued).
    expect((await saleLines(order.number)).map((l) => [l.code, l.amount])).toEqual([
      ["soko:cash_drawer:USD", 1_000],
      ["soko:card_clearing:USD", 5_000],
      ["soko:retail_sales:USD", -6_000],
    ]);
  });

  it("books nothing for a wholesale order (its invoice is its sale) nor for one that only sold a gift card", async () => {
    const wholesale = await paidOrder({ channel: "wholesale", lines: [{ variantId: cuff, quantity: 1, unitPrice: 1_600 }], tenders: [] });
    const giftCard = await db.transaction((tx) => giftCardVariantId(tx));
    const cardOnly = await paidOrder({ lines: [{ variantId: giftCard, quantity: 1, unitPrice: 5_000, giftCard: true }] });
    await runOrderPlaced(wholesale.id);
    expect(await db.transaction((tx) => postSaleEntry(tx, wholesale.id))).toBeNull();
    expect(await db.transaction((tx) => postSaleEntry(tx, cardOnly.id))).toBeNull();
    expect(await saleLines(wholesale.number)).toEqual([]);
    expect(await saleLines(cardOnly.number)).toEqual([]);
  });
});

describe("a GBP order in USD at its rate, half refunded", () => {
  it("nets sales, returns and receipts in USD at the same rate with the pounds beside", async () => {
    // Two £60.00 necklaces: £120.00 is $151.90 (151.898…) at 0.79; the £60.00 refund is $75.95 (75.949…).
    const order = await paidOrder({ currency: "GBP", ratePpm: GBP_RATE, lines: [{ variantId: necklace, quantity: 2, unitPrice: 6000 }] });
    await runOrderPlaced(order.id);
    expect(await saleLines(order.number)).toEqual([
      { code: "soko:card_clearing:USD", amount: 15_190, currency: "USD", presentmentAmount: 12_000, presentmentCurrency: "GBP" },
      { code: "soko:retail_sales:USD", amount: -15_190, currency: "USD", presentmentAmount: -12_000, presentmentCurrency: "GBP" },
    ]);

    const at = new Date(Date.now() - 3 * 86_400_000);
    await db.update(schema.orders).set({ status: "delivered" }).where(eq(schema.orders.id, order.id));
    await db.insert(schema.shipments).values({ orderId: order.id, carrier: "DHL", trackingNumber: "JD1", shippedAt: at, deliveredAt: at });
    const [line] = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, order.id));
    const started = await startReturn({
      number: order.number,
      lines: [{ orderLineId: line.id, quantity: 1, exchangeVariantId: null }],
      reason: "size",
      note: "",
      resolution: "refund",
      refundMethod: "original",
      key: randomUUID(),
      actor: "guest",
    });
    if (!started.ok) throw new Error(started.message);
    await receiveReturn({ number: started.returnNumber, actor: "staff:1" });
    const [returnLine] = await db
      .select({ id: schema.returnLines.id })
      .from(schema.returnLines)
      .innerJoin(schema.returns, eq(schema.returns.id, schema.returnLines.returnId))
      .where(eq(schema.returns.number, started.returnNumber));
    expect(
      await inspectReturn({
        number: started.returnNumber,
        actor: "staff:1",
        lines: [{ returnLineId: returnLine.id, disposition: "restock", fault: null }],
      }),
    ).toMatchObject({ ok: true });

    // Balances of this order's entries by account: USD booked, GBP beside.
    const rows = await db.execute<{ code: string; usd: string; gbp: string }>(sql`
      select a.code, sum(l.amount)::text as usd, sum(l.presentment_amount)::text as gbp
        from ledger_lines l join ledger_entries e on e.id = l.entry_id join ledger_accounts a on a.id = l.account_id
       where e.reference in (${`sale:${order.number}`}, ${`return-refund:${started.returnNumber}`})
       group by a.code order by a.code`);
    expect(rows.map((r) => [r.code, Number(r.usd), Number(r.gbp)])).toEqual([
      ["soko:card_clearing:USD", 15_190, 12_000],
      ["soko:refunds_paid:USD", -7_595, -6_000],
      ["soko:retail_sales:USD", -15_190, -12_000],
      ["soko:sales_returns:USD", 7_595, 6_000],
    ]);
    // Net: $75.95 of sales kept and $75.95 still in hand, for the £60.00 kept.
    expect(15_190 - 7_595).toBe(toSettlement(6_000, GBP_RATE));
  });
});

describe("replays, the sweep and bursts", () => {
  it("a sale booked late by the sweep leaves out a payment taken later for a return's dearer exchange (that is sale:<return>)", async () => {
    const order = await paidOrder({ lines: [{ variantId: cuff, quantity: 1, unitPrice: 3200 }] });
    const [difference] = await db
      .insert(schema.payments)
      .values({
        orderId: order.id,
        provider: "local",
        providerRef: `lpi_${randomUUID()}`,
        amount: 800,
        currency: "USD",
        status: "succeeded",
      })
      .returning({ id: schema.payments.id });
    await db.insert(schema.returns).values({
      number: `RT-${randomUUID().slice(0, 8)}`,
      orderId: order.id,
      channel: "web",
      resolution: "exchange",
      reason: "size",
      amount: 0,
      currency: "USD",
      due: 800,
      dueState: "paid",
      duePaymentId: difference.id,
      idempotencyKey: randomUUID(),
      createdBy: "test",
    });
    await postMissingSales();
    expect((await saleLines(order.number)).map((l) => l.amount)).toEqual([3200, -3200]);
  });

  it("books a burst of the same order's posting once", async () => {
    const order = await paidOrder({ lines: [{ variantId: cuff, quantity: 1, unitPrice: 3200 }] });
    const results = await Promise.all(Array.from({ length: 8 }, () => db.transaction((tx) => postSaleEntry(tx, order.id))));
    expect(results.filter((r) => r?.created)).toHaveLength(1);
    expect(await saleLines(order.number)).toHaveLength(2);
  });

  it("the sweep books paid retail orders left without a sale, and nothing twice", async () => {
    const missed = [
      await paidOrder({ lines: [{ variantId: cuff, quantity: 1, unitPrice: 3200 }] }),
      await paidOrder({
        channel: "pos",
        lines: [{ variantId: cuff, quantity: 2, unitPrice: 3200 }],
        tenders: [{ provider: CASH_PROVIDER, amount: 6_400 }],
      }),
    ];
    // A register sale whose goods a gift card paid, with cash only for a gift card it sold: nothing to
    // book, so the hourly sweep never picks it up (it used to, every hour, and book nothing).
    const giftCard = await db.transaction((tx) => giftCardVariantId(tx));
    const nothingToBook = await paidOrder({
      channel: "pos",
      lines: [
        { variantId: cuff, quantity: 1, unitPrice: 3200 },
        { variantId: giftCard, quantity: 1, unitPrice: 2_500, giftCard: true },
      ],
      tenders: [
        { provider: GIFT_CARD_PAYMENT_PROVIDER, amount: 3_200 },
        { provider: CASH_PROVIDER, amount: 2_500 },
      ],
    });
    const candidates = await missingSales();
    expect(candidates).toEqual(expect.arrayContaining(missed.map((o) => o.id)));
    expect(candidates).not.toContain(nothingToBook.id);
    expect(await postMissingSales()).toBeGreaterThanOrEqual(2);
    expect(await postMissingSales()).toBe(0);
    expect(await missingSales()).toEqual([]);
    const entries = await db
      .select({ reference: schema.ledgerEntries.reference })
      .from(schema.ledgerEntries)
      .where(
        inArray(
          schema.ledgerEntries.reference,
          missed.map((o) => `sale:${o.number}`),
        ),
      );
    expect(entries).toHaveLength(2);
    // The books still balance, per currency.
    const [{ total }] = await db.execute<{ total: string }>(
      sql`select coalesce(sum(amount), 0)::text as total from ledger_lines where currency = 'USD'`,
    );
    expect(Number(total)).toBe(0);
  });
});
