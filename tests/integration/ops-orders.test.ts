/** /ops/orders on the real database: the list, one order's page, cancelling, and packing → shipping → delivery. */
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createLocation, createProduct, createStaff, setStock } from "#db/seed/factories";
import { advanceRequest } from "~/domain/production/requests.server";
import { commitOrder, type OrderLineInput } from "~/domain/orders/commit.server";
import { loader as orderLoader } from "~/routes/ops.orders.$number";
import { loader as listLoader } from "~/routes/ops.orders._index";
import { loader as csvLoader } from "~/routes/ops.orders[.]csv";
import { exportOrders } from "~/domain/orders/index.server";
import { GIFT_CARDS_ONLY_MESSAGE } from "~/domain/orders";
import { placeGiftCardOrder } from "~/domain/checkout/index.server";
import { BASE, postOrderForm, staffCookie } from "./staff-support";
import { db, schema } from "~/lib/db.server";

const cookies: Record<string, string> = {};
let fcId: number;
let stocked: number;
const madeToOrder: number[] = [];
let artisanId: number;
let opsStaff: Awaited<ReturnType<typeof createStaff>>;

const signIn = staffCookie;

const post = (number: string, who: string, fields: Record<string, string>) => postOrderForm(number, cookies[who], fields);

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

/** The loader answers a plain object, or data() with a Set-Cookie when it consumed a flash message. */
type LoaderResult = Awaited<ReturnType<typeof orderLoader>>;
type OrderPage = LoaderResult extends infer R ? (R extends { data: infer D } ? D : R) : never;

async function view(number: string, cookie = cookies.ops): Promise<OrderPage> {
  const result = await orderLoader({
    request: new Request(`${BASE}/ops/orders/${number}`, { headers: { Cookie: cookie } }),
    params: { number },
    context: {},
  });
  return ("init" in result && "data" in result ? result.data : result) as OrderPage;
}

const list = (search: string, who = "ops") =>
  listLoader({ request: new Request(`${BASE}/ops/orders${search}`, { headers: { Cookie: cookies[who] } }), params: {}, context: {} });

async function placeOrder(lines: OrderLineInput[], over: { email?: string; channel?: "web" | "wholesale" | "pos"; paid?: boolean } = {}) {
  const total = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  const paid = over.paid ?? true;
  return db.transaction((tx) =>
    commitOrder(tx, {
      channel: over.channel ?? "web",
      email: over.email ?? "zawadi@example.test",
      shippingAddress: {
        name: "Zawadi Kamau",
        line1: "12 Valencia St",
        city: "San Francisco",
        region: "CA",
        postalCode: "94110",
        country: "US",
      },
      currency: "USD",
      lines,
      totals: { subtotal: total, discountTotal: 0, shippingTotal: 0, taxTotal: 0, total },
      idempotencyKey: randomUUID(),
      stockLocationCodes: ["US-FC"],
      payment: paid ? { provider: "local", providerRef: `lpi_${randomUUID()}`, amount: total, currency: "USD" } : null,
      paymentStatus: paid ? "paid" : "pending",
      actor: "test",
    }),
  );
}

async function level(variantId: number) {
  const [row] = await db
    .select()
    .from(schema.inventoryLevels)
    .where(and(eq(schema.inventoryLevels.variantId, variantId), eq(schema.inventoryLevels.locationId, fcId)));
  return { onHand: row.onHand, reserved: row.reserved };
}

const cancelForm = (extra: Record<string, string> = {}) => ({ intent: "cancel", key: randomUUID(), confirm: "yes", ...extra });

beforeAll(async () => {
  const fc = await createLocation(db, { code: "US-FC", name: "US Fulfilment", kind: "fulfilment", shipDays: 2 });
  fcId = fc.id;
  const { variants } = await createProduct(db, { handle: "mara-hoops", status: "active", variants: [{ price: 4000, sku: "MARA-HOOP" }] });
  stocked = variants[0].id;
  await setStock(db, stocked, fc.id, 500);
  for (const handle of ["bone-cuff", "glass-collar", "horn-ring", "bead-anklet"]) {
    const made = await createProduct(db, { handle, status: "active", variants: [{ price: 3000 }] });
    madeToOrder.push(made.variants[0].id);
  }
  ({
    artisan: { id: artisanId },
  } = await createArtisan(db, { firstName: "Achieng", lastName: "Odhiambo", settlement: "Kibera" }));
  opsStaff = await createStaff(db, { email: "ops@soko.test", name: "Wanjiru Ops", roles: ["ops"] });
  await createStaff(db, { email: "finance@soko.test", roles: ["finance"] });
  await createStaff(db, { email: "hub@soko.test", roles: ["hub"] });
  await createStaff(db, { email: "admin@soko.test", roles: ["admin"] });
  await createStaff(db, { email: "cashier@soko.test", roles: ["cashier"] });
  for (const who of ["ops", "finance", "hub", "admin", "cashier"]) cookies[who] = await signIn(`${who}@soko.test`);
});

describe("GET /ops/orders", () => {
  it("is for admin, ops and finance", async () => {
    expect((await thrown(list("", "cashier"))).status).toBe(403);
    const anonymous = await thrown(listLoader({ request: new Request(`${BASE}/ops/orders`), params: {}, context: {} }));
    expect(anonymous.headers.get("Location")).toBe("/ops/login?redirectTo=%2Fops%2Forders");
    for (const who of ["ops", "finance", "admin"]) expect((await list("", who)).page).toBe(1);
  });

  it("lists newest first, 25 a page, filters by channel, status and payment, and searches number or email", async () => {
    const placed: string[] = [];
    for (let i = 0; i < 27; i += 1) {
      const order = await placeOrder([{ variantId: stocked, quantity: 1, unitPrice: 4000 }], {
        email: i === 5 ? "Kioko.Buyer@Retailer.test" : `shopper${i}@example.test`,
        channel: i % 9 === 0 ? "wholesale" : "web",
        paid: i !== 7,
      });
      placed.push(order.number);
    }
    const first = await list("");
    expect(first).toMatchObject({ page: 1, pageCount: 2 });
    expect(first.total).toBeGreaterThanOrEqual(27);
    expect(first.rows).toHaveLength(25);
    expect(first.rows[0]).toMatchObject({
      number: placed.at(-1),
      channel: "web",
      email: "shopper26@example.test",
      status: "open",
      paymentStatus: "paid",
      total: 4000,
      currency: "USD",
    });
    const second = await list("?page=2");
    expect(second.rows.map((r) => r.number)).not.toContain(placed.at(-1));

    const wholesale = await list("?channel=wholesale");
    expect(wholesale.rows.map((r) => r.number).sort()).toEqual([placed[0], placed[9], placed[18]].sort());
    expect((await list("?paymentStatus=pending")).rows.map((r) => r.number)).toEqual([placed[7]]);
    expect((await list("?status=cancelled")).rows).toEqual([]);

    expect((await list(`?q=${placed[3]}`)).rows.map((r) => r.number)).toEqual([placed[3]]);
    expect((await list("?q=kioko.buyer%40retailer")).rows.map((r) => r.number)).toEqual([placed[5]]);
    // Wildcards typed by staff are plain characters.
    expect((await list("?q=%25")).rows).toEqual([]);
    const none = await list("?q=nobody%40nowhere.test&channel=web");
    expect(none).toMatchObject({ rows: [], total: 0, pageCount: 1, filter: { q: "nobody@nowhere.test", channel: "web" } });
  });

  it("refuses a bad filter with 400", async () => {
    expect((await thrown(list("?status=lost"))).status).toBe(400);
    expect((await thrown(list("?page=0"))).status).toBe(400);
    expect((await thrown(list(`?q=${"x".repeat(121)}`))).status).toBe(400);
  });
});

describe("GET /ops/orders.csv", () => {
  const csv = (search: string, who = "ops") =>
    csvLoader({ request: new Request(`${BASE}/ops/orders.csv${search}`, { headers: { Cookie: cookies[who] } }), params: {}, context: {} });

  it("exports every order the filters match, not only one page, as a spreadsheet reads it", async () => {
    for (let i = 0; i < 30; i += 1) {
      await placeOrder([{ variantId: stocked, quantity: 2, unitPrice: 4000 }], {
        email: `export${i}@example.test`,
        channel: i % 10 === 0 ? "wholesale" : "web",
      });
    }
    const web = (await list("?channel=web")).total;
    const response = await csv("?channel=web&page=2");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="soko-orders-web-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await response.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "Order,Placed (EAT),Channel,Status,Payment,Email,Ship to,Country,Shipping method,Units,Currency,Subtotal,Discount,Shipping,Tax,Total",
    );
    const rows = lines.slice(1).map((l) => l.split(","));
    expect(rows).toHaveLength(web);
    expect(web).toBeGreaterThan(25);
    expect(rows.every((r) => r[2] === "web")).toBe(true);
    const mine = rows.find((r) => r[5] === "export29@example.test")!;
    expect(mine[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(mine.slice(6)).toEqual(["Zawadi Kamau", "US", "", "2", "USD", "80.00", "0.00", "0.00", "0.00", "80.00"]);
    // A search narrows it the same way the page does.
    const one = (await (await csv("?q=export7%40")).text()).trimEnd().split("\r\n");
    expect(one).toHaveLength(2);
    expect(one[1]).toContain("export7@example.test");
  });

  it("reads in batches by (placed at, id): every order once, newest first, even when times tie", async () => {
    const tied: string[] = [];
    for (let i = 0; i < 5; i += 1)
      tied.push((await placeOrder([{ variantId: stocked, quantity: 1, unitPrice: 4000 }], { email: `tie${i}@example.test` })).number);
    // Microseconds a JS Date can't hold: a cursor kept as a Date would skip or repeat these.
    await db
      .update(schema.orders)
      .set({ placedAt: sql`'2026-11-30T08:00:00.123456Z'::timestamptz` })
      .where(inArray(schema.orders.number, tied));
    const seen: string[] = [];
    let batches = 0;
    for await (const batch of exportOrders({ q: "tie" }, 2)) {
      batches += 1;
      seen.push(...batch.map((o) => o.number));
    }
    expect(batches).toBe(3);
    expect(seen).toEqual([...tied].reverse());
  });

  it("is for ops, finance and admin; a bad filter is a 400", async () => {
    expect((await thrown(csv("", "cashier"))).status).toBe(403);
    expect((await thrown(csv("", "hub"))).status).toBe(403);
    expect((await thrown(csv("?status=lost"))).status).toBe(400);
    expect((await csv("", "finance")).status).toBe(200);
  });
});

describe("GET /ops/orders/:number", () => {
  it("shows lines with their allocations, money, and production events merged into the history", async () => {
    const order = await placeOrder([
      { variantId: stocked, quantity: 2, unitPrice: 4000 },
      { variantId: madeToOrder[0], quantity: 1, unitPrice: 3000 },
    ]);
    const [request] = await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.orderId, order.id));
    await db.transaction((tx) =>
      advanceRequest(tx, request.id, "offered", "dispatch", { artisanId, offerExpiresAt: new Date(Date.now() + 86_400_000) }),
    );

    const page = await view(order.number);
    expect(page.detail.order).toMatchObject({
      number: order.number,
      status: "in_production",
      paymentStatus: "paid",
      email: "zawadi@example.test",
    });
    expect(page.detail.order.statusPath).toMatch(new RegExp(`^/orders/${order.number}\\?t=[\\w-]{32}$`));
    expect(page.can).toEqual({ refund: false, cancel: true, ship: true });
    expect(page.keys.refund).not.toBe(page.keys.cancel);
    const [stockLine, madeLine] = page.detail.lines.sort((a, b) => a.sku.localeCompare(b.sku) * (a.sku === "MARA-HOOP" ? -1 : 1));
    expect(stockLine.allocations).toEqual([
      expect.objectContaining({ kind: "stock", quantity: 2, released: false, location: { name: "US Fulfilment", code: "US-FC" } }),
    ]);
    expect(madeLine.allocations).toEqual([
      expect.objectContaining({
        kind: "production",
        quantity: 1,
        request: expect.objectContaining({
          number: request.number,
          status: "offered",
          artisan: { name: "Achieng Odhiambo", settlement: "Kibera" },
        }),
      }),
    ]);
    expect(page.detail.money).toEqual({ paid: 11000, refunded: 0, refundable: 11000 });
    expect(page.detail.history.map((e) => [e.source, e.type])).toEqual([
      ["order", "placed"],
      ["order", "paid"],
      ["production", "unassigned"],
      ["production", "offered"],
    ]);
    expect(page.detail.history[3]).toMatchObject({ requestNumber: request.number, summary: "unassigned → offered", actor: "dispatch" });
    // Finance sees the refund form, hub the fulfilment forms; a cashier nothing at all.
    expect((await view(order.number, cookies.finance)).can).toEqual({ refund: true, cancel: false, ship: false });
    expect((await view(order.number, cookies.hub)).can).toEqual({ refund: false, cancel: false, ship: true });
    expect((await thrown(view(order.number, cookies.cashier))).status).toBe(403);
  });

  it("names who did each step (issue 15: 'artisan:360', 'staff:1'), links the artisan for ops but not for the hub", async () => {
    const order = await placeOrder([{ variantId: madeToOrder[1], quantity: 1, unitPrice: 3000 }]);
    const [request] = await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.orderId, order.id));
    await db.transaction(async (tx) => {
      await advanceRequest(tx, request.id, "offered", `staff:${opsStaff.id}`, {
        artisanId,
        offerExpiresAt: new Date(Date.now() + 86_400_000),
      });
      await advanceRequest(tx, request.id, "accepted", `artisan:${artisanId}`, { artisanId });
    });
    const page = await view(order.number);
    const byType = new Map(page.detail.history.map((e) => [e.type, e.actor]));
    expect(page.actors[byType.get("offered")!]).toMatchObject({ name: "Wanjiru Ops", kind: "staff" });
    expect(page.actors[byType.get("accepted")!]).toMatchObject({
      name: "Achieng Odhiambo",
      kind: "artisan",
      href: `/ops/artisans/${artisanId}`,
    });
    expect(page.actors[byType.get("placed")!]).toMatchObject({ name: "test", kind: "system" });
    // The hub may not open /ops/artisans: the name, no link.
    const hub = await view(order.number, cookies.hub);
    expect(hub.actors[`artisan:${artisanId}`]).toMatchObject({ name: "Achieng Odhiambo", href: null });
    // No raw key is left to show for a person.
    for (const v of Object.values(page.actors)) expect(v.name).not.toMatch(/^(staff|artisan):\d+$/);
  });

  it("answers 404 for an unknown or malformed number", async () => {
    expect((await thrown(view("SK-1"))).status).toBe(404);
    expect((await thrown(view("SK 1;drop"))).status).toBe(404);
  });
});

describe("cancelling an order", () => {
  it("cancels work not started, releases reserved stock, keeps pieces being made; twice is a 409", async () => {
    const order = await placeOrder([
      { variantId: stocked, quantity: 3, unitPrice: 4000 },
      ...madeToOrder.map((variantId) => ({ variantId, quantity: variantId === madeToOrder[2] ? 2 : 1, unitPrice: 3000 })),
    ]);
    const stockBefore = await level(stocked);
    const requests = await db
      .select()
      .from(schema.productionRequests)
      .where(eq(schema.productionRequests.orderId, order.id))
      .orderBy(asc(schema.productionRequests.variantId));
    const byVariant = new Map(requests.map((r) => [r.variantId, r]));
    const [unassigned, offered, inProgress, expired] = madeToOrder.map((v) => byVariant.get(v)!);
    const inFuture = new Date(Date.now() + 86_400_000);
    await db.transaction(async (tx) => {
      await advanceRequest(tx, offered.id, "offered", "dispatch", { artisanId, offerExpiresAt: inFuture });
      await advanceRequest(tx, inProgress.id, "offered", "dispatch", { artisanId, offerExpiresAt: inFuture });
      await advanceRequest(tx, inProgress.id, "accepted", `artisan:${artisanId}`);
      await advanceRequest(tx, inProgress.id, "in_progress", `artisan:${artisanId}`);
      await advanceRequest(tx, expired.id, "offered", "dispatch", { artisanId, offerExpiresAt: inFuture });
      await advanceRequest(tx, expired.id, "expired", "system");
    });

    const result = await post(order.number, "ops", cancelForm({ reason: "Customer changed their mind" }));
    expect(result).toMatchObject({ status: 302, location: `/ops/orders/${order.number}` });

    // Reserved stock is back; the allocation is marked released, with a movement row.
    expect(await level(stocked)).toEqual({ onHand: stockBefore.onHand, reserved: stockBefore.reserved - 3 });
    const allocations = await db
      .select({
        kind: schema.allocations.kind,
        releasedAt: schema.allocations.releasedAt,
        productionRequestId: schema.allocations.productionRequestId,
      })
      .from(schema.allocations)
      .innerJoin(schema.orderLines, eq(schema.orderLines.id, schema.allocations.orderLineId))
      .where(eq(schema.orderLines.orderId, order.id));
    expect(allocations.filter((a) => a.kind === "stock").every((a) => a.releasedAt)).toBe(true);
    expect(allocations.find((a) => a.productionRequestId === inProgress.id)?.releasedAt).toBeNull();
    const [movement] = await db
      .select()
      .from(schema.inventoryMovements)
      .where(and(eq(schema.inventoryMovements.reference, order.number), eq(schema.inventoryMovements.reason, "reservation released")));
    expect(movement).toMatchObject({ variantId: stocked, reservedDelta: -3, onHandDelta: 0, actor: `staff:${opsStaff.id}` });

    // Not started → cancelled (expired by a direct update, as the state machine has no edge); in progress left alone.
    const after = new Map(
      (
        await db
          .select()
          .from(schema.productionRequests)
          .where(
            inArray(
              schema.productionRequests.id,
              requests.map((r) => r.id),
            ),
          )
      ).map((r) => [r.id, r.status]),
    );
    expect([unassigned, offered, inProgress, expired].map((r) => after.get(r.id))).toEqual([
      "cancelled",
      "cancelled",
      "in_progress",
      "cancelled",
    ]);
    const cancelEvents = await db
      .select()
      .from(schema.productionEvents)
      .where(and(eq(schema.productionEvents.orderId, order.id), eq(schema.productionEvents.toStatus, "cancelled")));
    expect(cancelEvents.map((e) => [e.requestId, e.fromStatus, e.actor, e.note]).sort()).toEqual(
      [
        [unassigned.id, "unassigned", `staff:${opsStaff.id}`, "Order cancelled: Customer changed their mind"],
        [offered.id, "offered", `staff:${opsStaff.id}`, "Order cancelled: Customer changed their mind"],
        [expired.id, "expired", `staff:${opsStaff.id}`, "Order cancelled: Customer changed their mind"],
      ].sort(),
    );

    const [row] = await db.select().from(schema.orders).where(eq(schema.orders.id, order.id));
    expect(row.status).toBe("cancelled");
    expect(row.cancelledAt).toBeInstanceOf(Date);
    expect(row.paymentStatus).toBe("paid");
    const [event] = await db
      .select()
      .from(schema.orderEvents)
      .where(and(eq(schema.orderEvents.orderId, order.id), eq(schema.orderEvents.type, "cancelled")));
    expect(event.data).toMatchObject({
      reason: "Customer changed their mind",
      cancelledRequests: [unassigned.number, offered.number, expired.number],
      keptRequests: [inProgress.number],
      releasedUnits: 3,
    });
    const [auditRow] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "order.cancel"), eq(schema.auditLog.subject, `order:${order.number}`)));
    expect(auditRow).toMatchObject({ actor: `staff:${opsStaff.id}`, data: { releasedUnits: 3 } });

    const page = await view(order.number, result.cookie!);
    expect(page.flash?.message).toBe(
      `Order ${order.number} is cancelled. 3 reserved pieces went back to stock. 3 production requests were cancelled. 2 pieces already being made were not cancelled (${inProgress.number}).`,
    );
    expect(page.detail.history.filter((e) => e.type === "cancelled").map((e) => e.source)).toEqual([
      "order",
      "production",
      "production",
      "production",
    ]);

    const again = await post(order.number, "ops", cancelForm());
    expect(again).toMatchObject({ status: 409, body: { error: "This order is already cancelled." } });
    expect(await level(stocked)).toEqual({ onHand: stockBefore.onHand, reserved: stockBefore.reserved - 3 });
  });

  it("can refund the full remaining amount once the cancellation has committed", async () => {
    const order = await placeOrder([{ variantId: stocked, quantity: 1, unitPrice: 4000 }]);
    const partial = await post(order.number, "admin", {
      intent: "refund",
      amount: "4",
      reason: "Goodwill",
      key: randomUUID(),
      confirm: "yes",
    });
    expect(partial.status).toBe(302);
    const result = await post(order.number, "admin", cancelForm({ refundRemaining: "yes" }));
    expect(result.status).toBe(302);
    const refunds = await db
      .select({ amount: schema.refunds.amount, reason: schema.refunds.reason })
      .from(schema.refunds)
      .where(eq(schema.refunds.orderId, order.id))
      .orderBy(schema.refunds.id);
    expect(refunds).toEqual([
      { amount: 400, reason: "Goodwill" },
      { amount: 3600, reason: "Order cancelled" },
    ]);
    const [row] = await db.select().from(schema.orders).where(eq(schema.orders.id, order.id));
    expect(row).toMatchObject({ status: "cancelled", paymentStatus: "refunded" });
    expect((await view(order.number, result.cookie!)).flash?.message).toBe(
      `Order ${order.number} is cancelled. 1 reserved piece went back to stock. Refunded $36.00.`,
    );
  });

  it("still cancels when the optional refund has nothing to refund, and says so as an error", async () => {
    const order = await placeOrder([{ variantId: stocked, quantity: 1, unitPrice: 4000 }], { paid: false });
    const result = await post(order.number, "admin", cancelForm({ refundRemaining: "yes" }));
    expect(result.status).toBe(302);
    const [row] = await db.select().from(schema.orders).where(eq(schema.orders.id, order.id));
    expect(row.status).toBe("cancelled");
    expect((await view(order.number, result.cookie!)).flash).toEqual({
      kind: "error",
      message: `Order ${order.number} is cancelled. 1 reserved piece went back to stock. The refund didn't go through: Nothing has been paid on this order, so there is nothing to refund.`,
    });
  });

  it("is for ops and admin: a cashier and finance are refused with 403 and nothing changes", async () => {
    const order = await placeOrder([{ variantId: stocked, quantity: 1, unitPrice: 4000 }]);
    expect((await post(order.number, "cashier", cancelForm())).status).toBe(403);
    expect((await post(order.number, "finance", cancelForm())).status).toBe(403);
    const [row] = await db.select().from(schema.orders).where(eq(schema.orders.id, order.id));
    expect(row.status).toBe("open");
  });

  it("needs the confirmation box", async () => {
    const order = await placeOrder([{ variantId: stocked, quantity: 1, unitPrice: 4000 }]);
    const result = await post(order.number, "ops", { intent: "cancel", key: randomUUID() });
    expect(result).toMatchObject({
      status: 400,
      body: { intent: "cancel", errors: { confirm: "Tick the box to confirm the cancellation." } },
    });
  });
});

describe("packing, shipping and delivery", () => {
  it("ships from stock: on hand and reserved drop, shipment, event, email and audit; then delivered", async () => {
    const order = await placeOrder([{ variantId: stocked, quantity: 2, unitPrice: 4000 }]);
    const before = await level(stocked);

    const early = await post(order.number, "hub", { intent: "ship", carrier: "DHL", trackingNumber: "JD014600006281234567" });
    expect(early).toMatchObject({ status: 409, body: { error: "Mark the order packed before shipping it." } });

    expect((await post(order.number, "hub", { intent: "pack" })).status).toBe(302);
    const badTracking = await post(order.number, "hub", { intent: "ship", carrier: "DHL", trackingNumber: "<x>" });
    expect(badTracking).toMatchObject({ status: 400, body: { errors: { trackingNumber: expect.stringMatching(/tracking number/) } } });

    const shipped = await post(order.number, "hub", { intent: "ship", carrier: "DHL", trackingNumber: "JD014600006281234567" });
    expect(shipped.status).toBe(302);
    expect(await level(stocked)).toEqual({ onHand: before.onHand - 2, reserved: before.reserved - 2 });
    const [movement] = await db
      .select()
      .from(schema.inventoryMovements)
      .where(and(eq(schema.inventoryMovements.reference, order.number), eq(schema.inventoryMovements.reason, "shipped")));
    expect(movement).toMatchObject({ variantId: stocked, locationId: fcId, onHandDelta: -2, reservedDelta: -2 });
    const [shipment] = await db.select().from(schema.shipments).where(eq(schema.shipments.orderId, order.id));
    expect(shipment).toMatchObject({ carrier: "DHL", trackingNumber: "JD014600006281234567", deliveredAt: null });
    const [email] = await db
      .select()
      .from(schema.outbox)
      .where(eq(schema.outbox.dedupeKey, `shipped:${order.number}`));
    expect(email).toMatchObject({
      template: "order-shipped",
      to: "zawadi@example.test",
      subject: `Your Soko order ${order.number} is on its way`,
      status: "queued",
    });
    expect(email.text).toContain("JD014600006281234567");
    const audits = await db
      .select({ action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(eq(schema.auditLog.subject, `order:${order.number}`))
      .orderBy(schema.auditLog.id);
    expect(audits.map((a) => a.action)).toEqual(["order.pack", "order.ship"]);

    const twice = await post(order.number, "hub", { intent: "ship", carrier: "DHL", trackingNumber: "JD014600006281234567" });
    expect(twice).toMatchObject({ status: 409, body: { error: "This order has already shipped." } });
    expect(await level(stocked)).toEqual({ onHand: before.onHand - 2, reserved: before.reserved - 2 });
    const cancel = await post(order.number, "ops", cancelForm());
    expect(cancel).toMatchObject({
      status: 409,
      body: { error: "This order has already shipped, so it can't be cancelled. Refund it instead." },
    });

    expect((await post(order.number, "ops", { intent: "deliver" })).status).toBe(302);
    const [row] = await db.select().from(schema.orders).where(eq(schema.orders.id, order.id));
    expect(row.status).toBe("delivered");
    const [delivered] = await db.select().from(schema.shipments).where(eq(schema.shipments.orderId, order.id));
    expect(delivered.deliveredAt).toBeInstanceOf(Date);
    const events = await db
      .select({ type: schema.orderEvents.type })
      .from(schema.orderEvents)
      .where(eq(schema.orderEvents.orderId, order.id))
      .orderBy(schema.orderEvents.id);
    expect(events.map((e) => e.type)).toEqual(["placed", "paid", "packed", "shipped", "delivered"]);
  });

  it("won't pack while pieces are still being made", async () => {
    const order = await placeOrder([{ variantId: madeToOrder[1], quantity: 2, unitPrice: 3000 }]);
    const [request] = await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.orderId, order.id));
    const result = await post(order.number, "hub", { intent: "pack" });
    expect(result).toMatchObject({
      status: 409,
      body: { error: `2 pieces are still being made (${request.number}): pack the order once they have passed QC at the hub.` },
    });
    const [row] = await db.select().from(schema.orders).where(eq(schema.orders.id, order.id));
    expect(row.status).toBe("in_production");
  });

  it("has nothing to pack or ship for an order of gift cards only: the page says so and packing is refused", async () => {
    const placed = await db.transaction((tx) =>
      placeGiftCardOrder(
        tx,
        {
          amount: 5000,
          currency: "USD",
          purchaserEmail: "amina@example.test",
          recipientEmail: "wanjiru@example.test",
          recipientName: "Wanjiru",
          senderName: "Amina",
          message: "",
          sendOn: new Date().toISOString().slice(0, 10),
          customerId: null,
        },
        { provider: "local", providerRef: `pi_gift_${randomUUID()}` },
        `ops-orders-gift:${randomUUID()}`,
      ),
    );
    expect((await view(placed.orderNumber, cookies.hub)).giftCardsOnly).toBe(true);
    const refused = await post(placed.orderNumber, "hub", { intent: "pack" });
    expect(refused).toMatchObject({ status: 409, body: { error: GIFT_CARDS_ONLY_MESSAGE } });
    const [row] = await db.select().from(schema.orders).where(eq(schema.orders.number, placed.orderNumber));
    expect(row.status).toBe("open");
    // An order with a piece in it still has its fulfilment forms.
    const goods = await placeOrder([{ variantId: stocked, quantity: 1, unitPrice: 4000 }]);
    expect((await view(goods.number, cookies.hub)).giftCardsOnly).toBe(false);
  });

  it("is for ops, hub and admin: finance and a cashier are refused", async () => {
    const order = await placeOrder([{ variantId: stocked, quantity: 1, unitPrice: 4000 }]);
    expect((await post(order.number, "finance", { intent: "pack" })).status).toBe(403);
    expect((await post(order.number, "cashier", { intent: "pack" })).status).toBe(403);
  });
});
