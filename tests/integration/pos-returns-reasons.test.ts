/**
 * Counter returns carry the web's reasons (#16, docs/decisions/0020-returns.md): the register's
 * return form takes one of RETURN_REASONS (required) and the cashier's words as a note, so the ops
 * reasons report counts counter and web returns together by reason, each channel's count beside.
 * On the real database.
 */
import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createLocation } from "#db/seed/factories";
import { action as homeAction } from "~/routes/pos._index";
import { action as registerAction } from "~/routes/pos.register";
import { action as saleAction, loader as receiptLoader } from "~/routes/pos.sales.$number";
import { commitOrder } from "~/domain/orders/index.server";
import { reasonsReport, startReturn } from "~/domain/returns/index.server";
import { db, schema } from "~/lib/db.server";
import { zonedIsoDate } from "~/lib/time";
import { call, cartOf, setUpStore, signIn, type Store } from "./pos-support";

type Fn = Parameters<typeof call>[0];
const TODAY = { from: zonedIsoDate(new Date()), to: zonedIsoDate(new Date()) };
let store: Store;
let cashier: string;

async function sell(cart: string) {
  const res = await call(registerAction as Fn, "/pos/register", {
    cookie: cashier,
    form: { intent: "charge", cart, key: randomUUID(), mode: "cash", cashGiven: "200", email: "zawadi@example.test" },
  });
  const number = /\/pos\/sales\/(SK-\d+)/.exec(res.location ?? "")?.[1];
  if (!number) throw new Error(`sale failed: ${res.status} ${JSON.stringify(res.body)}`);
  const [order] = await db.select().from(schema.orders).where(eq(schema.orders.number, number));
  const lines = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, order.id));
  return { number, order, lines };
}

const giveBack = (number: string, fields: Record<string, string>) =>
  call(saleAction as Fn, `/pos/sales/${number}`, { cookie: cashier, params: { number }, form: { key: randomUUID(), ...fields } });

/** A delivered web order of one stud (paid through the local provider), returned for "size". */
async function webReturn(reason: "size" | "faulty") {
  const order = await db.transaction((tx) =>
    commitOrder(tx, {
      channel: "web",
      email: "achieng@example.test",
      shippingAddress: { name: "Achieng Odhiambo", line1: "1 Main St", city: "Oakland", region: "CA", postalCode: "94607", country: "US" },
      currency: "USD",
      lines: [{ variantId: store.cuff.id, quantity: 1, unitPrice: 2599 }],
      totals: { subtotal: 2599, discountTotal: 0, shippingTotal: 0, taxTotal: 0, total: 2599 },
      idempotencyKey: randomUUID(),
      stockLocationCodes: ["SF-FLAGSHIP"],
      payment: { provider: "local", providerRef: `lpi_${randomUUID().slice(0, 8)}`, amount: 2599, currency: "USD" },
      paymentStatus: "paid",
      actor: "test",
    }),
  );
  const at = new Date(Date.now() - 86_400_000);
  await db.update(schema.orders).set({ status: "delivered" }).where(eq(schema.orders.id, order.id));
  await db.insert(schema.shipments).values({ orderId: order.id, carrier: "UPS", trackingNumber: "1Z", shippedAt: at, deliveredAt: at });
  const [line] = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, order.id));
  const started = await startReturn({
    number: order.number,
    lines: [{ orderLineId: line.id, quantity: 1, exchangeVariantId: null }],
    reason,
    note: "",
    resolution: "refund",
    refundMethod: "original",
    key: randomUUID(),
    actor: "shopper:link",
  });
  if (!started.ok) throw new Error(started.message);
}

beforeAll(async () => {
  store = await setUpStore();
  await createLocation(db, {
    code: "NBO-HUB",
    kind: "hub",
    shipDays: 7,
    address: ["Soko Nairobi Hub", "Nairobi"],
    phone: "+254 20 000 0000",
  });
  cashier = await signIn("cashier@soko.test");
  await call(homeAction as Fn, "/pos", { cookie: cashier, form: { intent: "open-shift", openingFloat: "150" } });
});

describe("a counter return's reason", () => {
  it("is one of the web's reasons, with the cashier's words as its note, on the record, the refund and the receipt", async () => {
    const sale = await sell(cartOf([store.stud.id, 2]));
    const res = await giveBack(sale.number, { [`return-${sale.lines[0].id}`]: "1", reason: "size", note: "Too small for her" });
    expect(res.status).toBe(302);
    const [record] = await db.select().from(schema.returns).where(eq(schema.returns.orderId, sale.order.id));
    expect(record).toMatchObject({ channel: "pos", reason: "size", note: "Too small for her" });
    const [refund] = await db.select().from(schema.refunds).where(eq(schema.refunds.orderId, sale.order.id));
    expect(refund.reason).toBe("Wrong size or fit: Too small for her");
    const page = await call(receiptLoader as Fn, `/pos/sales/${sale.number}`, { cookie: cashier, params: { number: sale.number } });
    expect((page.body as { returns: unknown[] }).returns).toEqual([
      expect.objectContaining({ reason: "Wrong size or fit", note: "Too small for her" }),
    ]);
  });

  it("is required and must be on the list: free text or none is a 400 that writes nothing", async () => {
    const sale = await sell(cartOf([store.stud.id, 1]));
    const field = `return-${sale.lines[0].id}`;
    const freeText = await giveBack(sale.number, { [field]: "1", reason: "Wrong size" });
    expect(freeText.status).toBe(400);
    expect(freeText.body).toMatchObject({ message: "Choose why the pieces are coming back.", fields: { reason: "Wrong size" } });
    expect((await giveBack(sale.number, { [field]: "1" })).status).toBe(400);
    expect((await giveBack(sale.number, { [field]: "1", reason: "size", note: "x".repeat(301) })).status).toBe(400);
    const [{ n }] = await db.select({ n: count() }).from(schema.returns).where(eq(schema.returns.orderId, sale.order.id));
    expect(n).toBe(0);
  });

  it("is counted with the web's in the reasons report, each channel beside", async () => {
    const before = await reasonsReport(TODAY);
    const was = (reason: string) => before.find((r) => r.reason === reason) ?? { returns: 0, web: 0, counter: 0 };
    await webReturn("faulty");
    const sale = await sell(cartOf([store.stud.id, 2]));
    expect((await giveBack(sale.number, { [`return-${sale.lines[0].id}`]: "1", reason: "faulty" })).status).toBe(302);
    expect((await giveBack(sale.number, { [`return-${sale.lines[0].id}`]: "1", reason: "faulty", note: "Hook bent" })).status).toBe(302);

    const report = await reasonsReport(TODAY);
    expect(report.find((r) => r.reason === "faulty")).toMatchObject({
      returns: was("faulty").returns + 3,
      web: was("faulty").web + 1,
      counter: was("faulty").counter + 2,
    });
    // Nothing lumped under "another reason" any more.
    expect(report.find((r) => r.reason === "other")).toBeUndefined();
  });
});
