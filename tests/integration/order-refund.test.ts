/** Refunds from /ops/orders/:number on the real database with the local payment provider. */
import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, createStaff, setStock } from "#db/seed/factories";
import { commitOrder } from "~/domain/orders/commit.server";
import { refundOrder } from "~/domain/orders/manage.server";
import { loader as orderLoader } from "~/routes/ops.orders.$number";
import { BASE, postOrderForm, staffCookie } from "./staff-support";
import { db, schema } from "~/lib/db.server";

const cookies: Record<string, string> = {};
let variantId: number;

const signIn = staffCookie;

const post = (number: string, who: string, fields: Record<string, string>) => postOrderForm(number, cookies[who], fields);

async function view(number: string, cookie: string) {
  const result = await orderLoader({
    request: new Request(`${BASE}/ops/orders/${number}`, { headers: { Cookie: cookie } }),
    params: { number },
    context: {},
  });
  return ("data" in result && "init" in result ? result.data : result) as {
    detail: {
      money: { paid: number; refunded: number; refundable: number };
      history: Array<{ type: string; summary: string; actor: string }>;
    };
    actors: Record<string, { name: string; kind: string }>;
    flash: { message: string } | null;
  };
}

async function placeOrder(options: { total?: number; paid?: boolean } = {}) {
  const total = options.total ?? 5400;
  const paid = options.paid ?? true;
  return db.transaction((tx) =>
    commitOrder(tx, {
      channel: "web",
      email: "amina@example.test",
      shippingAddress: {
        name: "Amina Otieno",
        line1: "1 Market St",
        city: "San Francisco",
        region: "CA",
        postalCode: "94105",
        country: "US",
      },
      currency: "USD",
      lines: [{ variantId, quantity: 1, unitPrice: total - 600 }],
      totals: { subtotal: total - 600, discountTotal: 0, shippingTotal: 600, taxTotal: 0, total },
      idempotencyKey: randomUUID(),
      stockLocationCodes: ["US-FC"],
      payment: paid
        ? { provider: "local", providerRef: `lpi_${randomUUID().replace(/-/g, "").slice(0, 24)}`, amount: total, currency: "USD" }
        : null,
      paymentStatus: paid ? "paid" : "pending",
      actor: "test",
    }),
  );
}

const refundForm = (amount: string, key = randomUUID(), reason = "Clasp arrived bent") => ({
  intent: "refund",
  amount,
  reason,
  key,
  confirm: "yes",
});

async function counts(orderId: number) {
  const [[refunds], [events], [outbox], [audits]] = await Promise.all([
    db.select({ n: count() }).from(schema.refunds).where(eq(schema.refunds.orderId, orderId)),
    db.select({ n: count() }).from(schema.orderEvents).where(eq(schema.orderEvents.orderId, orderId)),
    db.select({ n: count() }).from(schema.outbox).where(eq(schema.outbox.template, "refund-issued")),
    db.select({ n: count() }).from(schema.auditLog).where(eq(schema.auditLog.action, "order.refund")),
  ]);
  return { refunds: refunds.n, events: events.n, outbox: outbox.n, audits: audits.n };
}

let finance: Awaited<ReturnType<typeof createStaff>>;

beforeAll(async () => {
  const fc = await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
  const { variants } = await createProduct(db, { handle: "brass-hoops", status: "active", variants: [{ price: 4800 }] });
  variantId = variants[0].id;
  await setStock(db, variantId, fc.id, 100);
  finance = await createStaff(db, { email: "finance@soko.test", name: "Njeri Finance", roles: ["finance"] });
  await createStaff(db, { email: "ops@soko.test", roles: ["ops"] });
  await createStaff(db, { email: "cashier@soko.test", roles: ["cashier"] });
  for (const who of ["finance", "ops", "cashier"]) cookies[who] = await signIn(`${who}@soko.test`);
});

describe("refund from the order page", () => {
  it("refunds part, then the rest: rows, events, statuses, emails and audit", async () => {
    const order = await placeOrder();

    const first = await post(order.number, "finance", refundForm("5"));
    expect(first).toMatchObject({ status: 302, location: `/ops/orders/${order.number}` });
    let [row] = await db.select().from(schema.orders).where(eq(schema.orders.id, order.id));
    expect(row.paymentStatus).toBe("partially_refunded");
    const [firstRefund] = await db.select().from(schema.refunds).where(eq(schema.refunds.orderId, order.id));
    expect(firstRefund).toMatchObject({ amount: 500, currency: "USD", status: "succeeded", reason: "Clasp arrived bent" });
    expect(firstRefund.providerRef).toMatch(/^lre_/);
    const [payment] = await db.select().from(schema.payments).where(eq(schema.payments.orderId, order.id));
    expect(firstRefund.paymentId).toBe(payment.id);

    // The redirect carries the message; the page shows it once, with the new event and the new totals.
    const page = await view(order.number, first.cookie!);
    expect(page.flash?.message).toBe("Refunded $5.00.");
    expect(page.detail.money).toEqual({ paid: 5400, refunded: 500, refundable: 4900 });
    expect(page.detail.history.at(-1)).toMatchObject({
      type: "refunded",
      summary: "Refunded: Clasp arrived bent",
      actor: `staff:${finance.id}`,
    });
    // The page names who did it.
    expect(page.actors[`staff:${finance.id}`]).toMatchObject({ name: "Njeri Finance", kind: "staff" });

    const second = await post(order.number, "finance", refundForm("49.00", randomUUID(), "Returned in full"));
    expect(second.status).toBe(302);
    [row] = await db.select().from(schema.orders).where(eq(schema.orders.id, order.id));
    expect(row.paymentStatus).toBe("refunded");
    const refunds = await db
      .select({ amount: schema.refunds.amount, status: schema.refunds.status })
      .from(schema.refunds)
      .where(eq(schema.refunds.orderId, order.id))
      .orderBy(schema.refunds.id);
    expect(refunds).toEqual([
      { amount: 500, status: "succeeded" },
      { amount: 4900, status: "succeeded" },
    ]);

    const events = await db
      .select({ type: schema.orderEvents.type, actor: schema.orderEvents.actor, data: schema.orderEvents.data })
      .from(schema.orderEvents)
      .where(eq(schema.orderEvents.orderId, order.id))
      .orderBy(schema.orderEvents.id);
    expect(events.map((e) => e.type)).toEqual(["placed", "paid", "refunded", "refunded"]);
    expect(events[3]).toMatchObject({ actor: `staff:${finance.id}`, data: { amount: 4900, currency: "USD", reason: "Returned in full" } });

    const emails = await db.select().from(schema.outbox).where(eq(schema.outbox.template, "refund-issued")).orderBy(schema.outbox.id);
    const ids = (
      await db.select({ id: schema.refunds.id }).from(schema.refunds).where(eq(schema.refunds.orderId, order.id)).orderBy(schema.refunds.id)
    ).map((r) => r.id);
    expect(emails.map((e) => [e.dedupeKey, e.to, e.subject])).toEqual([
      [`refund:${ids[0]}`, "amina@example.test", `Refund of $5.00 for Soko order ${order.number}`],
      [`refund:${ids[1]}`, "amina@example.test", `Refund of $49.00 for Soko order ${order.number}`],
    ]);
    expect(emails[0].text).toContain(`/orders/${order.number}?t=`);

    const audits = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "order.refund"), eq(schema.auditLog.subject, `order:${order.number}`)));
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({ actor: `staff:${finance.id}`, data: { amount: 500, refundId: ids[0], paymentId: payment.id } });

    // Nothing left: the next attempt is refused.
    const third = await post(order.number, "finance", refundForm("0.01"));
    expect(third.status).toBe(422);
    expect(third.body?.error).toBe("This order has already been refunded in full ($54.00).");
  });

  it("refuses more than paid minus refunded, and writes nothing", async () => {
    const order = await placeOrder();
    await post(order.number, "finance", refundForm("10"));
    const before = await counts(order.id);
    const over = await post(order.number, "finance", refundForm("44.01"));
    expect(over.status).toBe(422);
    expect(over.body?.error).toBe("You can refund at most $44.00: $54.00 was paid and $10.00 has already been refunded.");
    expect(over.body?.values).toMatchObject({ amount: "44.01" });
    expect(await counts(order.id)).toEqual(before);
    const [row] = await db.select().from(schema.orders).where(eq(schema.orders.id, order.id));
    expect(row.paymentStatus).toBe("partially_refunded");
  });

  it("refunds once when the same form is submitted twice, even at the same moment", async () => {
    const order = await placeOrder();
    const form = refundForm("12.50");
    const [a, b] = await Promise.all([post(order.number, "finance", form), post(order.number, "finance", form)]);
    expect([a.status, b.status]).toEqual([302, 302]);
    const again = await post(order.number, "finance", form);
    expect(again.status).toBe(302);
    expect((await view(order.number, again.cookie!)).flash?.message).toBe(
      "That refund of $12.50 was already made; nothing more was refunded.",
    );
    const refunds = await db.select().from(schema.refunds).where(eq(schema.refunds.orderId, order.id));
    expect(refunds).toHaveLength(1);
    expect(refunds[0].amount).toBe(1250);
    const events = await db
      .select()
      .from(schema.orderEvents)
      .where(and(eq(schema.orderEvents.orderId, order.id), eq(schema.orderEvents.type, "refunded")));
    expect(events).toHaveLength(1);
    const [emails] = await db
      .select({ n: count() })
      .from(schema.outbox)
      .where(eq(schema.outbox.dedupeKey, `refund:${refunds[0].id}`));
    expect(emails.n).toBe(1);
  });

  it("explains bad input with a 4xx and the user's input", async () => {
    const order = await placeOrder();
    const before = await counts(order.id);
    const bad = await post(order.number, "finance", { intent: "refund", amount: "five", reason: "", key: randomUUID() });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      intent: "refund",
      errors: {
        amount: expect.stringMatching(/^Enter an amount like 12.50/),
        reason: expect.stringMatching(/Say why/),
        confirm: "Tick the box to confirm the refund.",
      },
      values: { amount: "five" },
    });
    const zero = await post(order.number, "finance", refundForm("0.00"));
    expect(zero).toMatchObject({ status: 422, body: { errors: { amount: expect.stringMatching(/greater than zero/) } } });
    const tooPrecise = await post(order.number, "finance", refundForm("1.005"));
    expect(tooPrecise.status).toBe(422);
    const stale = await post(order.number, "finance", { ...refundForm("1"), key: "not-a-uuid" });
    expect(stale).toMatchObject({ status: 400, body: { errors: { key: "This form is out of date. Reload the page and try again." } } });
    expect(await counts(order.id)).toEqual(before);
  });

  it("has nothing to refund on an unpaid order", async () => {
    const order = await placeOrder({ paid: false });
    const result = await post(order.number, "finance", refundForm("1"));
    expect(result).toMatchObject({ status: 422, body: { error: "Nothing has been paid on this order, so there is nothing to refund." } });
    expect((await counts(order.id)).refunds).toBe(0);
  });

  it("is for finance and admin only: a cashier and ops are refused with 403", async () => {
    const order = await placeOrder();
    const cashier = await post(order.number, "cashier", refundForm("1"));
    expect(cashier.status).toBe(403);
    const ops = await post(order.number, "ops", refundForm("1"));
    expect(ops.status).toBe(403);
    expect(ops.body?.message).toMatch(/can't refund orders/);
    expect((await counts(order.id)).refunds).toBe(0);
  });

  it("answers 404 for an unknown order", async () => {
    expect((await post("SK-999999", "finance", refundForm("1"))).status).toBe(404);
    expect(await refundOrder({ number: "SK-999999", amount: 100, reason: "x", formKey: randomUUID(), actor: "test" })).toEqual({
      ok: false,
      status: 404,
      message: "There is no order SK-999999.",
    });
  });
});
