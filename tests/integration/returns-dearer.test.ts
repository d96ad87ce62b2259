/**
 * An exchange for a dearer piece on the real database with the local payment provider: the return
 * waits "awaiting payment" with nothing reserved; the difference (on the same discount and tax) is
 * paid once even in a parallel burst; only then may the parcel come and the exchange be placed; the
 * ledger books the difference as a sale; an unpaid one can become a refund, and lapses; a paid one
 * that fails (not ours at QC, never arriving, cancelled) gets its difference back through the one
 * refund path; a paid exchange can't be changed.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { cancelReturn, expireReturns, inspectReturn, receiveReturn, returnsForOrder, switchToRefund } from "~/domain/returns/index.server";
import { postSaleEntry } from "~/domain/orders/index.server";
import { db, schema } from "~/lib/db.server";
import {
  DAY,
  DECLINED,
  exchangeOrderOf,
  ledgerOf,
  mails,
  moneyOn,
  pay,
  returnRow,
  ring,
  ringOrder,
  setUpRings,
  startDearer,
} from "./returns-dearer-support";

beforeAll(setUpRings);

describe("an exchange for a dearer piece", () => {
  it("waits for the difference (same discount and tax, the order's currency) with nothing reserved, then goes on once paid", async () => {
    const order = await ringOrder();
    const number = await startDearer(order);
    expect(await returnRow(number)).toMatchObject({
      status: "awaiting_payment",
      due: 1465,
      dueState: "awaiting",
      currency: "GBP",
      amount: 0,
    });
    expect(await exchangeOrderOf(number)).toBeNull();
    // Nothing should be sent yet: the hub refuses the parcel.
    expect(await receiveReturn({ number, actor: "staff:1" })).toMatchObject({ ok: false, status: 409 });
    const [view] = await returnsForOrder(order.id);
    expect(view.steps.map((s) => [s.key, s.state])).toEqual([
      ["requested", "done"],
      ["paid", "next"],
      ["received", "upcoming"],
      ["inspected", "upcoming"],
      ["exchanged", "upcoming"],
    ]);

    // A declined card changes nothing; a good one pays once.
    expect(await pay(order, number, DECLINED)).toMatchObject({ ok: false, status: 402 });
    expect(await returnRow(number)).toMatchObject({ status: "awaiting_payment", dueState: "awaiting" });
    expect(await pay(order, number)).toMatchObject({ ok: true, status: "paid", message: expect.stringContaining("£14.65 paid") });
    const row = await returnRow(number);
    expect(row).toMatchObject({ status: "requested", dueState: "paid" });
    const { paid } = await moneyOn(order.id);
    expect(paid.filter((p) => p.id === row.duePaymentId)).toEqual([
      expect.objectContaining({ amount: 1465, currency: "GBP", provider: "local", status: "succeeded" }),
    ]);
    // The ledger: a sale of £14.65, booked in USD at the order's rate (1.25 pounds a dollar here) ($11.72), the pounds beside.
    expect(await ledgerOf(`sale:${number}`)).toEqual([
      { account: "soko:card_clearing:USD", amount: 1172, currency: "USD" },
      { account: "soko:retail_sales:USD", amount: -1172, currency: "USD" },
    ]);
    expect((await mails(number)).map((m) => m.dedupeKey)).toEqual([`return:${number}:payment_due`, `return:${number}:difference_paid`]);
    // The order's own sale, booked late (the sweep), leaves the difference to sale:<RT>: not counted twice.
    await db.transaction((tx) => postSaleEntry(tx, order.id));
    const orderSale = await ledgerOf(`sale:${order.number}`);
    expect(orderSale.find((l) => l.account === "soko:retail_sales:USD")?.amount).toBe(-Math.round((order.total * 1_000_000) / 1_250_000));

    // Paying again (a second tab) charges nothing more; changing to a refund is refused once paid.
    expect(await pay(order, number)).toMatchObject({ ok: true, duplicate: true });
    expect(await switchToRefund({ returnNumber: number, orderNumber: order.number, actor: "shopper:link" })).toMatchObject({
      ok: false,
      status: 409,
    });
    expect((await moneyOn(order.id)).paid).toHaveLength(2);

    // The parcel arrives, QC passes it: the exchange is placed (reserved from stock) at no further cost.
    expect(await receiveReturn({ number, actor: "staff:1" })).toMatchObject({ ok: true });
    const [line] = await db.select().from(schema.returnLines).where(eq(schema.returnLines.returnId, row.id));
    const checked = await inspectReturn({
      number,
      actor: "staff:1",
      lines: [{ returnLineId: line.id, disposition: "restock", fault: null }],
    });
    expect(checked).toMatchObject({ ok: true, message: expect.stringContaining("Exchange placed") });
    const placed = await returnRow(number);
    expect(placed).toMatchObject({ status: "closed", dueState: "paid" });
    const [exchangeLine] = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, placed.exchangeOrderId!));
    expect(exchangeLine).toMatchObject({ variantId: ring.silver, quantity: 1 });
  });

  it("takes one payment when the shopper pays twice at once", async () => {
    const order = await ringOrder();
    const number = await startDearer(order);
    const results = await Promise.all(Array.from({ length: 5 }, () => pay(order, number)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.duplicate)).toHaveLength(1);
    const { paid, refunded } = await moneyOn(order.id);
    expect(paid.filter((p) => p.amount === 1465)).toHaveLength(1);
    expect(refunded).toEqual([]);
  });

  it("unpaid, becomes a refund for the piece (nothing to pay), or lapses after its days with nothing reserved", async () => {
    const order = await ringOrder();
    const number = await startDearer(order);
    expect(await switchToRefund({ returnNumber: number, orderNumber: "SK-0", actor: "shopper:link" })).toMatchObject({ status: 404 });
    expect(await switchToRefund({ returnNumber: number, orderNumber: order.number, actor: "shopper:link" })).toMatchObject({ ok: true });
    expect(await returnRow(number)).toMatchObject({ resolution: "refund", status: "requested", amount: 4882, due: 0, dueState: "none" });
    expect(await pay(order, number)).toMatchObject({ ok: false, status: 409 });

    const other = await ringOrder();
    const lapsing = await startDearer(other, new Date(Date.now() - 4 * DAY));
    const { lapsed } = await expireReturns();
    expect(lapsed).toContain(lapsing);
    expect(await returnRow(lapsing)).toMatchObject({ status: "cancelled", dueState: "expired" });
    expect(await exchangeOrderOf(lapsing)).toBeNull();
    expect(await pay(other, lapsing)).toMatchObject({ ok: false, status: 409 });
    // The job again finds nothing more to do.
    expect((await expireReturns()).lapsed).not.toContain(lapsing);
    expect((await mails(lapsing)).map((m) => m.dedupeKey)).toContain(`return:${lapsing}:expired`);
  });

  it("refunds the paid difference when QC finds the pieces aren't ours, and books it as a return refund", async () => {
    const order = await ringOrder();
    const number = await startDearer(order);
    await pay(order, number);
    await receiveReturn({ number, actor: "staff:1" });
    const row = await returnRow(number);
    const [line] = await db.select().from(schema.returnLines).where(eq(schema.returnLines.returnId, row.id));
    const checked = await inspectReturn({
      number,
      actor: "staff:1",
      lines: [{ returnLineId: line.id, disposition: "not_ours", fault: "a plated ring, not ours" }],
    });
    expect(checked).toMatchObject({ ok: true, message: expect.stringContaining("rejected") });
    expect(await returnRow(number)).toMatchObject({ status: "closed", dueState: "refunded", exchangeOrderId: null });
    const { refunded } = await moneyOn(order.id);
    expect(refunded).toEqual([
      expect.objectContaining({ amount: 1465, currency: "GBP", paymentId: row.duePaymentId, status: "succeeded" }),
    ]);
    expect(await ledgerOf(`return-refund:${number}`)).toEqual([
      { account: "soko:sales_returns:USD", amount: 1172, currency: "USD" },
      { account: "soko:refunds_paid:USD", amount: -1172, currency: "USD" },
    ]);
    expect((await mails(number)).map((m) => m.dedupeKey).slice(-2)).toEqual([
      `return:${number}:rejected`,
      `return:${number}:difference_refunded`,
    ]);
  });

  it("refunds the paid difference when the parcel never reaches the hub, or the shopper cancels before sending it", async () => {
    const order = await ringOrder();
    const late = await startDearer(order);
    await pay(order, late);
    await db
      .update(schema.returns)
      .set({ duePaidAt: new Date(Date.now() - 50 * DAY), createdAt: new Date(Date.now() - 50 * DAY) })
      .where(eq(schema.returns.number, late));
    expect((await expireReturns()).notReceived).toEqual([late]);
    expect(await returnRow(late)).toMatchObject({ status: "cancelled", dueState: "refunded" });

    const other = await ringOrder();
    const cancelled = await startDearer(other);
    await pay(other, cancelled);
    expect(await cancelReturn({ number: cancelled, actor: "shopper:link", orderNumber: other.number })).toMatchObject({
      ok: true,
      message: expect.stringContaining("The difference of £14.65 went back"),
    });
    expect((await moneyOn(other.id)).refunded).toEqual([expect.objectContaining({ amount: 1465 })]);
    // Cancelling again refunds nothing more.
    expect(await cancelReturn({ number: cancelled, actor: "shopper:link", orderNumber: other.number })).toMatchObject({ duplicate: true });
    expect((await moneyOn(other.id)).refunded).toHaveLength(1);
  });
});

describe("the email asking for a dearer exchange's difference", () => {
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

  it("writes its 'pay by' day the way the order's market does: British for a UK order, American for a US one", async () => {
    for (const [market, written] of [
      ["gb", (d: Date) => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`],
      ["us", (d: Date) => `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`],
    ] as const) {
      const order = await ringOrder();
      await db.update(schema.orders).set({ market }).where(eq(schema.orders.id, order.id));
      const number = await startDearer(order);
      const due = (await returnRow(number)).dueExpiresAt!;
      const [mail] = await db
        .select()
        .from(schema.outbox)
        .where(eq(schema.outbox.dedupeKey, `return:${number}:payment_due`));
      expect(mail.text.replace(/\s+/g, " ")).toContain(`Pay it from your order's page by ${written(due)} and we'll hold your exchange`);
      expect(mail.html).toContain(`by ${written(due)}`);
    }
  });
});
