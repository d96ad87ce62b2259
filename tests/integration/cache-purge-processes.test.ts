/**
 * Proof across processes (issue 14): two HTTP processes (WORKER=false) and a worker-only process,
 * started as `npm start` starts the app, against this file's one database.
 *  - an edit made through the ops domain function purges the cached page on BOTH HTTP processes
 *    within a second (each LISTENs on catalog_purge);
 *  - a move of an order's production, committed elsewhere, reaches a shopper's live status stream
 *    held open on an HTTP process.
 * The processes are killed in afterAll, and on exit whatever happens.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProduct } from "#db/seed/factories";
import { saveVariant } from "~/domain/catalog/index.server";
import { WEB_STOCK_LOCATIONS } from "~/domain/checkout/checkout.server";
import { commitOrder } from "~/domain/orders/commit.server";
import { statusPath } from "~/domain/orders/status-link.server";
import { advanceRequest } from "~/domain/production/requests.server";
import { db, schema } from "~/lib/db.server";
import { type App, buildIfStale, spawnProcess, startHttp, stopAll } from "./app-process-support";

let buildDir = "";
async function startWorkerOnly() {
  const { child, log } = spawnProcess(buildDir, ["tests/integration/worker-only.ts"], {});
  for (const deadline = Date.now() + 60_000; !log().includes("worker ready"); ) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the worker did not start:\n${log().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let a: App;
let b: App;
let product: Awaited<ReturnType<typeof createProduct>>;

beforeAll(async () => {
  buildDir = buildIfStale();
  product = await createProduct(db, { handle: "purge-across", title: "Purge Across Hoops", status: "active", variants: [{ price: 5000 }] });
  [a, b] = await Promise.all([startHttp(buildDir), startHttp(buildDir), startWorkerOnly()]);
}, 300_000);

afterAll(stopAll);

const page = async (app: App) => {
  const response = await fetch(`${app.url}/products/purge-across`);
  return { body: await response.text(), cache: response.headers.get("x-page-cache"), keys: response.headers.get("surrogate-key") ?? "" };
};

describe("two HTTP processes and a worker on one database", () => {
  it("an edit purges the cached page on every process within a second", async () => {
    for (const app of [a, b]) {
      await page(app);
      const cached = await page(app);
      expect(cached.cache).toBe("HIT");
      expect(cached.body).toContain("$50.00");
      expect(cached.keys.split(" ")).toEqual(expect.arrayContaining([`product:${product.product.id}`, "catalog"]));
    }
    const v = product.variants[0];
    const saved = await saveVariant(
      product.product.id,
      v.id,
      {
        sku: v.sku,
        barcode: v.barcode,
        title: v.title,
        price: 6100,
        compareAtPrice: null,
        wholesalePrice: v.wholesalePrice,
        minQty: v.minQty,
        casePack: v.casePack,
        leadTimeDays: v.leadTimeDays,
        pieceRate: v.pieceRate,
      } as never,
      "test",
    );
    expect(saved.ok).toBe(true);
    const committed = performance.now();
    const seen = await Promise.all(
      [a, b].map(async (app) => {
        for (;;) {
          const { body } = await page(app);
          if (body.includes("$61.00")) return performance.now() - committed;
          if (performance.now() - committed > 5_000) return Number.POSITIVE_INFINITY;
          await new Promise((r) => setTimeout(r, 20));
        }
      }),
    );
    expect(Math.max(...seen)).toBeLessThan(1_000);
    // And it is cached again, fresh.
    expect((await page(b)).cache).toBe("HIT");
  });

  it("a move of an order's production reaches the shopper's live stream on the other process", async () => {
    const { variants } = await createProduct(db, { handle: "purge-live", status: "active", variants: [{ price: 3000 }] });
    const v = variants[0];
    const order = await db.transaction((tx) =>
      commitOrder(tx, {
        channel: "web",
        email: "live@example.com",
        shippingAddress: {
          name: "Live Shopper",
          line1: "1 Valencia St",
          city: "San Francisco",
          region: "CA",
          postalCode: "94110",
          country: "US",
        },
        shippingMethod: "standard",
        currency: "USD",
        lines: [{ variantId: v.id, quantity: 1, unitPrice: 3000 }],
        totals: { subtotal: 3000, discountTotal: 0, shippingTotal: 0, taxTotal: 0, total: 3000 },
        idempotencyKey: randomUUID(),
        stockLocationCodes: WEB_STOCK_LOCATIONS,
        payment: { provider: "test", providerRef: `test_${randomUUID()}`, amount: 3000, currency: "USD" },
        paymentStatus: "paid",
        actor: "test",
      }),
    );
    const [request] = await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.orderId, order.id));
    expect(request).toBeDefined();

    const [pathOnly, query] = statusPath(order.number).split("?");
    let changes = 0;
    const opened = new Promise<http.ClientRequest>((resolve, reject) => {
      const req = http.get(`${b.url}${pathOnly}/events?${query}`, { headers: { Accept: "text/event-stream" } }, (response) => {
        if (response.statusCode !== 200) return reject(new Error(`events answered ${response.statusCode}`));
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (chunk.includes("retry:")) resolve(req);
          if (chunk.includes("event: change")) changes += 1;
        });
      });
      req.on("error", () => {});
    });
    const stream = await opened;
    try {
      // Let the stream's LISTEN settle, and any move the worker's dispatch makes go by.
      await new Promise((r) => setTimeout(r, 300));
      const before = changes;
      const [current] = await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.id, request.id));
      const to = current.status === "unassigned" ? "offered" : current.status === "offered" ? "declined" : "unassigned";
      await db.transaction((tx) => advanceRequest(tx, request.id, to, "test"));
      const committed = performance.now();
      while (changes === before && performance.now() - committed < 5_000) await new Promise((r) => setTimeout(r, 10));
      expect(changes).toBeGreaterThan(before);
      expect(performance.now() - committed).toBeLessThan(1_000);
    } finally {
      stream.destroy();
    }
  });
});
