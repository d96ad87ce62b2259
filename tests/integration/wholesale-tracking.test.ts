/**
 * /wholesale/orders/:number on the real database: per-line units made, QC-passed, packed and shipped
 * with maker names, the buyer-scoped SSE stream fed by LISTEN/NOTIFY, the packing list PDF and its
 * email on shipment, and another retailer's ids on every route.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createLocation, createProduct, createRetailer, setStock } from "#db/seed/factories";
import { shipOrder } from "~/domain/orders/index.server";
import { onOrderShipped } from "~/domain/wholesale/tracking.server";
import { taskList } from "~/worker.server";
import { loader as eventsLoader } from "~/routes/wholesale.orders.$number.events";
import { loader as packingListLoader } from "~/routes/wholesale.orders.$number.packing-list[.]pdf";
import { loader as orderLoader } from "~/routes/wholesale.orders.$number";
import { db, schema } from "~/lib/db.server";
import { bodyOf, buyerCookie, get, pdfText, placeWholesaleOrder, settle, type Placed } from "./wholesale-invoice-support";

let mine: { retailerId: number; buyer: { id: number; email: string }; cookie: string };
let theirs: { retailerId: number; buyer: { id: number; email: string }; cookie: string };
let stocked: number;
let madeToOrder: number;
let wanjiru: number;
let otieno: number;
let placed: Placed;
let locationId: number;

beforeAll(async () => {
  const hub = await createLocation(db, { code: "NBO-HUB", kind: "hub", shipDays: 8 });
  const a = await createProduct(db, { title: "Brass Leaf Earrings", status: "active", variants: [{ sku: "EAR-BRS-LEAF", price: 4200 }] });
  const b = await createProduct(db, { title: "Horn Bangle", status: "active", variants: [{ sku: "BRC-HRN-BNG", price: 6400 }] });
  stocked = a.variants[0].id;
  madeToOrder = b.variants[0].id;
  await setStock(db, stocked, hub.id, 500);
  wanjiru = (await createArtisan(db, { firstName: "Wanjiru", handle: "wanjiru-k", publicProfile: true })).artisan.id;
  otieno = (await createArtisan(db, { firstName: "Otieno", handle: "otieno-private", publicProfile: false })).artisan.id;
  const m = await createRetailer(db, {
    name: "Juniper & Gold",
    paymentTerms: "net30",
    creditLimit: 5_000_000,
    buyer: { email: "maya@juniper.test", name: "Maya Chen" },
  });
  const t = await createRetailer(db, {
    name: "Other Shop",
    paymentTerms: "net30",
    creditLimit: 5_000_000,
    buyer: { email: "buyer@other.test" },
  });
  mine = { retailerId: m.retailer.id, buyer: { id: m.buyer!.id, email: m.buyer!.email }, cookie: await buyerCookie(m.buyer!.id) };
  theirs = { retailerId: t.retailer.id, buyer: { id: t.buyer!.id, email: t.buyer!.email }, cookie: await buyerCookie(t.buyer!.id) };
  const [location] = await db
    .insert(schema.retailerLocations)
    .values({
      retailerId: mine.retailerId,
      name: "Oakland store",
      line1: "4100 Piedmont Ave",
      city: "Oakland",
      region: "CA",
      postalCode: "94611",
      country: "US",
      isDefault: true,
    })
    .returning();
  locationId = location.id;
  placed = await placeWholesaleOrder({
    retailerId: mine.retailerId,
    buyer: mine.buyer,
    terms: "net30",
    poNumber: "JG-TRACK-1",
    retailerLocationId: locationId,
    lines: [
      { variantId: stocked, quantity: 24, unitPrice: 2100 },
      { variantId: madeToOrder, quantity: 12, unitPrice: 3200 },
    ],
  });
});

type Page = Exclude<Awaited<ReturnType<typeof orderLoader>>, Response>;
const page = async (number = placed.number, cookie = mine.cookie) =>
  (await orderLoader({ request: get(`/wholesale/orders/${number}`, cookie), params: { number }, context: {} })) as Page;
const lineOf = (p: Page, sku: string) => p.order.lines.find((l) => l.sku === sku)!;
const requestsOf = (orderId: number) =>
  db
    .select()
    .from(schema.productionRequests)
    .where(eq(schema.productionRequests.orderId, orderId))
    .orderBy(asc(schema.productionRequests.id));

/** What the artisan app writes: the request moves and an event row says so (the event is what NOTIFY fires on). */
async function move(requestId: number, set: Partial<typeof schema.productionRequests.$inferInsert>, toStatus: string, artisanId: number) {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(schema.productionRequests).where(eq(schema.productionRequests.id, requestId));
    await tx
      .update(schema.productionRequests)
      .set({ ...set, status: toStatus as never })
      .where(eq(schema.productionRequests.id, requestId));
    await tx
      .insert(schema.productionEvents)
      .values({ requestId, orderId: before.orderId, artisanId, fromStatus: before.status, toStatus, actor: `artisan:${artisanId}` });
  });
}

describe("/wholesale/orders/:number", () => {
  it("shows each line's units: stock counts as made and checked; production starts at zero with no maker", async () => {
    const p = await page();
    expect(p.order).toMatchObject({ number: placed.number, poNumber: "JG-TRACK-1", termsLabel: "Net 30", shipment: null });
    expect(p.order.shipTo).toEqual(["Oakland store", "4100 Piedmont Ave", "Oakland, CA, 94611", "US"]);
    expect(lineOf(p, "EAR-BRS-LEAF").progress).toEqual({ ordered: 24, fromStock: 24, made: 24, qcPassed: 24, packed: 0, shipped: 0 });
    expect(lineOf(p, "BRC-HRN-BNG").progress).toEqual({ ordered: 12, fromStock: 0, made: 0, qcPassed: 0, packed: 0, shipped: 0 });
    expect(lineOf(p, "BRC-HRN-BNG").makers).toEqual([]);
    expect(p.order.invoices).toEqual([expect.objectContaining({ number: placed.invoice!.number, status: "open" })]);
  });

  it("follows production: units made, QC passed, makers by first name (consenting ones linked)", async () => {
    const [request] = await requestsOf(placed.orderId);
    expect(request.quantity).toBe(12);
    // Split as dispatch does: Wanjiru takes 8, Otieno 4.
    await db.update(schema.productionRequests).set({ quantity: 8 }).where(eq(schema.productionRequests.id, request.id));
    const [split] = await db
      .insert(schema.productionRequests)
      .values({
        number: "PR-TEST-2",
        orderId: placed.orderId,
        orderLineId: request.orderLineId,
        variantId: madeToOrder,
        quantity: 4,
        pieceRate: request.pieceRate,
        dueDate: request.dueDate,
        status: "offered",
        artisanId: otieno,
      })
      .returning();
    await move(request.id, { artisanId: wanjiru }, "accepted", wanjiru);
    await move(request.id, { unitsMade: 3 }, "in_progress", wanjiru);
    await move(split.id, {}, "accepted", otieno);
    let line = lineOf(await page(), "BRC-HRN-BNG");
    expect(line.progress).toMatchObject({ made: 3, qcPassed: 0 });
    expect(line.makers).toEqual([
      { firstName: "Wanjiru", handle: "wanjiru-k" },
      { firstName: "Otieno", handle: null },
    ]);

    await move(request.id, { unitsMade: 8 }, "ready", wanjiru);
    await move(request.id, {}, "qc_passed", wanjiru);
    await move(split.id, { unitsMade: 4 }, "ready", otieno);
    line = lineOf(await page(), "BRC-HRN-BNG");
    expect(line.progress).toMatchObject({ made: 12, qcPassed: 8, packed: 0, shipped: 0 });
    expect((await page()).order.progress).toMatchObject({ ordered: 36, made: 36, qcPassed: 32 });
  });

  it("streams `change` over SSE when production moves, for the buyer's own order only", async () => {
    const controller = new AbortController();
    const response = (await eventsLoader({
      request: get(`/wholesale/orders/${placed.number}/events`, mine.cookie, controller.signal),
      params: { number: placed.number },
      context: {},
    })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/event-stream");
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = "";
    // One read in flight at a time: a read that lost a race is kept, not dropped with its chunk.
    let pending = reader.read();
    const readFor = async (ms: number) => {
      const chunk = await Promise.race([pending, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);
      if (!chunk) return false;
      if (chunk.done) return false;
      received += decoder.decode(chunk.value);
      pending = reader.read();
      return true;
    };
    const [request] = await requestsOf(placed.orderId);
    // The LISTEN is set up as the stream starts: keep nudging until a change comes through.
    for (let attempt = 0; attempt < 10 && !received.includes("event: change"); attempt++) {
      await db.insert(schema.productionEvents).values({
        requestId: request.id,
        orderId: placed.orderId,
        artisanId: wanjiru,
        fromStatus: "qc_passed",
        toStatus: "qc_passed",
        actor: "test",
        note: "nudge",
      });
      while (!received.includes("event: change") && (await readFor(400)));
    }
    controller.abort();
    await reader.cancel().catch(() => {});
    expect(received).toContain("retry: 3000");
    expect(received).toContain("event: change");
  });

  it("answers 404 to another retailer's buyer on the page, the SSE stream and the packing list, and for a web order's number", async () => {
    const web = await db
      .insert(schema.orders)
      .values({ number: "SK-990001", channel: "web", email: "shopper@example.com", currency: "USD", subtotal: 100, total: 100 })
      .returning();
    for (const number of [placed.number, web[0].number, "SK-424242424", "not-a-number"]) {
      const cookie = number === placed.number ? theirs.cookie : mine.cookie;
      const routes: Array<[string, () => Promise<unknown>]> = [
        ["page", () => orderLoader({ request: get(`/wholesale/orders/${number}`, cookie), params: { number }, context: {} })],
        ["events", () => eventsLoader({ request: get(`/wholesale/orders/${number}/events`, cookie), params: { number }, context: {} })],
        [
          "packing list",
          () =>
            packingListLoader({ request: get(`/wholesale/orders/${number}/packing-list.pdf`, cookie), params: { number }, context: {} }),
        ],
      ];
      for (const [name, run] of routes) {
        const response = (await settle(run())) as Response;
        expect(response.status, `${name} ${number}`).toBe(404);
      }
    }
    const signedOut = (await settle(
      eventsLoader({ request: get(`/wholesale/orders/${placed.number}/events`), params: { number: placed.number }, context: {} }),
    )) as Response;
    expect(signedOut.status).toBe(302);
  });

  it("has no packing list before shipping; once shipped: packed and shipped counts, the packing list PDF, one email per buyer", async () => {
    const before = (await settle(
      packingListLoader({
        request: get(`/wholesale/orders/${placed.number}/packing-list.pdf`, mine.cookie),
        params: { number: placed.number },
        context: {},
      }),
    )) as Response;
    expect(before.status).toBe(404);
    expect(await before.text()).toContain("hasn't shipped yet");

    // What the ship action does (orders/manage.server shipOrder), with the hook it calls.
    await db.transaction(async (tx) => {
      await tx.update(schema.orders).set({ status: "shipped" }).where(eq(schema.orders.id, placed.orderId));
      await tx.insert(schema.shipments).values({ orderId: placed.orderId, carrier: "DHL Express", trackingNumber: "JD0146000062" });
      await tx.insert(schema.orderEvents).values({ orderId: placed.orderId, type: "shipped", actor: "staff:1", data: {} });
      expect(await onOrderShipped(tx, placed.orderId)).toBe(1);
    });
    // Called twice (a retried ship): no second email.
    expect(await db.transaction((tx) => onOrderShipped(tx, placed.orderId))).toBe(0);
    const emails = await db
      .select()
      .from(schema.outbox)
      .where(and(eq(schema.outbox.template, "packing-list-shipped"), eq(schema.outbox.to, "maya@juniper.test")));
    expect(emails).toHaveLength(1);
    expect(emails[0].subject).toBe(`PO JG-TRACK-1 shipped: packing list for order ${placed.number}`);
    expect(emails[0].html).toContain(`/wholesale/orders/${placed.number}/packing-list.pdf`);
    expect(emails[0].text).toContain("JD0146000062");

    const p = await page();
    expect(p.order.shipment).toMatchObject({ carrier: "DHL Express", trackingNumber: "JD0146000062" });
    expect(p.order.lines.map((l) => [l.sku, l.progress.packed, l.progress.shipped])).toEqual([
      ["EAR-BRS-LEAF", 24, 24],
      ["BRC-HRN-BNG", 12, 12],
    ]);

    const response = (await packingListLoader({
      request: get(`/wholesale/orders/${placed.number}/packing-list.pdf`, mine.cookie),
      params: { number: placed.number },
      context: {},
    })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    const pdf = await bodyOf(response);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf);
    expect(pdf.toString("latin1").match(/\/Type \/Page\b/g)).toHaveLength(1);
    for (const expected of [
      placed.number,
      "JG-TRACK-1",
      "DHL Express",
      "JD0146000062",
      "4100 Piedmont Ave",
      "EAR-BRS-LEAF",
      "BRC-HRN-BNG",
      "Total units: 36",
    ])
      expect(text).toContain(expected);

    // A web order shipping is not the wholesale hook's business.
    const [web] = await db.select().from(schema.orders).where(eq(schema.orders.number, "SK-990001"));
    expect(await db.transaction((tx) => onOrderShipped(tx, web.id))).toBe(0);
  });

  it("the ship action leaves an order_shipped job; the worker's task sends the packing list to the buyers, once", async () => {
    const second = await placeWholesaleOrder({
      retailerId: mine.retailerId,
      buyer: mine.buyer,
      terms: "net30",
      poNumber: "JG-TRACK-2",
      retailerLocationId: locationId,
      lines: [{ variantId: stocked, quantity: 6, unitPrice: 2100 }],
    });
    await db.update(schema.orders).set({ status: "packed" }).where(eq(schema.orders.id, second.orderId));
    const shipped = await shipOrder({ number: second.number, carrier: "DHL", trackingNumber: "JD0146000099", actor: "staff:1" });
    expect(shipped).toMatchObject({ ok: true });

    // Orders knows nothing of wholesale: the shipment commits with a job, and no packing-list email yet.
    const packingEmails = () =>
      db
        .select()
        .from(schema.outbox)
        .where(and(eq(schema.outbox.template, "packing-list-shipped"), sql`${schema.outbox.subject} like ${"PO JG-TRACK-2 %"}`));
    expect(await packingEmails()).toHaveLength(0);
    const jobs = await db.execute<{ payload: { orderId: number } }>(
      sql`select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
          where t.identifier = 'order_shipped' and j.key = ${`order_shipped:${second.orderId}`}`,
    );
    expect(jobs.map((j) => j.payload)).toEqual([{ orderId: second.orderId }]);

    const helpers = {} as Parameters<(typeof taskList)["order_shipped"]>[1];
    await taskList.order_shipped({ orderId: second.orderId }, helpers);
    await taskList.order_shipped({ orderId: second.orderId }, helpers);
    const emails = await packingEmails();
    expect(emails.map((e) => e.to)).toEqual(["maya@juniper.test"]);
    expect(emails[0].text).toContain("JD0146000099");
  });
});
