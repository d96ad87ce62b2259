/**
 * Ops → Wholesale prices (/ops/wholesale/prices, /ops/wholesale/prices/:currency) against the real
 * database, through the route modules as a browser without JavaScript posts: the lists with their
 * rate, step and minimums; a hand-set price validated in the list's currency (bad input: a 4xx and
 * nothing written), audited, reset to the price from the rate; a new rate previewed without writing,
 * applied once of two parallel applies, audited, hand-set prices kept, and an order placed before it
 * unchanged while the buyer's catalog shows the new price; finance may look but every post of theirs
 * is a 403 with nothing written, and the hub may not look. Each currency's order minimums: validated
 * (a 422 beside the form, nothing written), audited, a forged post by finance or the hub a 403 with
 * nothing written, and the retailer's portal judging and showing the new minimum at once.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, createRetailer, createStaff, setStock } from "#db/seed/factories";
import { wholesalePriceOf } from "~/domain/wholesale/pricing";
import { db, schema } from "~/lib/db.server";
import { wholesaleSettings } from "~/domain/wholesale/index.server";
import { action as listsAction, loader as listsLoader } from "~/routes/ops.wholesale.prices._index";
import { action as listAction, loader as listLoader } from "~/routes/ops.wholesale.prices.$currency";
import { action as catalogAction, loader as catalogLoader } from "~/routes/wholesale.catalog";
import { action as quickAction, loader as quickLoader } from "~/routes/wholesale.quick-order";
import { loader as portalHomeLoader } from "~/routes/wholesale._index";
import { type Outcome, call, get, post } from "./artisan-support";
import { staffSessionCookie } from "./session-support";
import { requestsTo, run, signedInJar } from "./wholesale-support";

let ops = "";
let finance = "";
let hub = "";
let hoop: { id: number; sku: string };
let cuff: { id: number; sku: string };

beforeAll(async () => {
  ops = await staffSessionCookie((await createStaff(db, { email: "wp-ops@soko.test", name: "Achieng Prices", roles: ["ops"] })).id);
  finance = await staffSessionCookie((await createStaff(db, { email: "wp-fin@soko.test", name: "Otieno Ledger", roles: ["finance"] })).id);
  hub = await staffSessionCookie((await createStaff(db, { email: "wp-hub@soko.test", name: "Wanjiru Hub", roles: ["hub"] })).id);
  const fc = await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
  await createLocation(db, { code: "NBO-HUB", kind: "hub", shipDays: 8 });
  const a = await createProduct(db, {
    title: "Brass Hoops",
    status: "active",
    variants: [{ sku: "WP-HOOP", price: 4000, wholesalePrice: 2000, minQty: 1, casePack: 1 }],
  });
  const b = await createProduct(db, {
    title: "Horn Cuff",
    status: "active",
    variants: [{ sku: "WP-CUFF", price: 6000, wholesalePrice: 3000, minQty: 1, casePack: 1 }],
  });
  // A very dear piece: at a silly rate its price would not fit a list.
  await createProduct(db, {
    title: "Carved Throne",
    status: "active",
    variants: [{ sku: "WP-THRONE", price: 4_000_000, wholesalePrice: 2_000_000, minQty: 1, casePack: 1 }],
  });
  hoop = a.variants[0];
  cuff = b.variants[0];
  await setStock(db, hoop.id, fc.id, 1_000);
});

const send = (fields: Record<string, string>, cookie = ops, currency = "GBP") =>
  call(listAction, post(`/ops/wholesale/prices/${currency}`, fields, cookie), { currency });
const page = (query: string, cookie = ops) => call(listLoader, get(`/ops/wholesale/prices/GBP${query}`, cookie), { currency: "GBP" });
async function flashAfter(outcome: Outcome) {
  expect(outcome.status).toBe(302);
  const next = await call(listLoader, get(outcome.location!, outcome.cookie ?? ops), { currency: "GBP" });
  return next.body!.flash as { kind: string; message: string } | null;
}
const gbp = () =>
  db.select().from(schema.wholesalePrices).where(eq(schema.wholesalePrices.currency, "GBP")).orderBy(schema.wholesalePrices.variantId);
const priceOf = async (variantId: number) => (await gbp()).find((r) => r.variantId === variantId)!;
const gbpList = async () => (await db.select().from(schema.wholesalePriceLists).where(eq(schema.wholesalePriceLists.currency, "GBP")))[0];
const auditCount = async (action: string) =>
  (await db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = ${action}`))[0].n;

describe("the lists", () => {
  it("shows each currency's rate, step and minimums to ops and finance; the hub is refused", async () => {
    const shown = await call(listsLoader, get("/ops/wholesale/prices", ops));
    expect(shown.status).toBe(200);
    const lists = shown.body!.lists as Array<Record<string, unknown>>;
    expect(lists.map((l) => l.currency)).toEqual(["USD", "GBP", "EUR", "CAD", "AUD"]);
    expect(lists.find((l) => l.currency === "GBP")).toMatchObject({ ratePpm: 790_000, step: 50, openingMinimum: 40_000, variantCount: 3 });
    expect((await call(listsLoader, get("/ops/wholesale/prices", finance))).status).toBe(200);
    expect((await call(listsLoader, get("/ops/wholesale/prices", hub))).status).toBe(403);
    expect((await page("", hub)).status).toBe(403);
    // USD's prices are the products' own; a currency without a list is not a page.
    expect((await call(listLoader, get("/ops/wholesale/prices/USD", ops), { currency: "USD" })).status).toBe(404);
    expect((await call(listLoader, get("/ops/wholesale/prices/XYZ", ops), { currency: "XYZ" })).status).toBe(404);
  });

  it("searches and pages a list, each price with what the rate makes of it", async () => {
    const found = await page("?q=cuff");
    const prices = found.body!.prices as { rows: Array<Record<string, unknown>>; total: number };
    expect(prices.total).toBe(1);
    expect(prices.rows[0]).toMatchObject({ sku: "WP-CUFF", usd: 3000, price: 2350, source: "generated", computed: 2350 });
    // Past the last page (an old link, a list that shrank): still counted, so the page says so and links back.
    const all = (await page("")).body!.prices as { total: number; pageCount: number };
    expect(all.total).toBeGreaterThan(0);
    expect((await page("?page=99")).body!.prices).toMatchObject({ rows: [], page: 99, total: all.total, pageCount: all.pageCount });
    expect((await page("?page=99&q=nothing-like-this")).body!.prices).toMatchObject({ rows: [], total: 0 });
    // A page that isn't one is a 400 saying so, not page 1.
    expect(await page("?page=x")).toMatchObject({ status: 400, message: "The page must be a number." });
  });
});

describe("a price set by hand", () => {
  it("refuses bad input with a 4xx and writes nothing; a good price is written as manual, audited, and reset to the rate's", async () => {
    const before = await gbp();
    const audits = await auditCount("wholesale_price.set");
    for (const price of ["-5", "abc", "NaN", "$12", "USD 12", "0", "99999999999", "12.345", ""]) {
      const refused = await send({ intent: "set", currency: "GBP", variant: String(hoop.id), price });
      expect(refused.status, price).toBe(422);
      expect((refused.body!.fieldErrors as Record<string, string>).price, price).toBeTruthy();
    }
    expect((await send({ intent: "set", variant: "1e3", price: "12" })).status).toBe(400);
    expect((await send({ intent: "set", variant: "-1", price: "12" })).status).toBe(400);
    expect((await send({ intent: "set", variant: "999999", price: "12" })).status).toBe(404);
    // A form naming another list's currency (copied from the EUR page) is refused.
    const wrong = await send({ intent: "set", currency: "EUR", variant: String(hoop.id), price: "12" });
    expect(wrong.status).toBe(400);
    expect(wrong.body!.error).toMatch(/EUR list, not GBP/);
    expect(await gbp()).toEqual(before);
    expect(await auditCount("wholesale_price.set")).toBe(audits);

    const done = await send({ intent: "set", currency: "GBP", variant: String(hoop.id), price: "£17.50", q: "hoop" });
    expect(done.location).toBe("/ops/wholesale/prices/GBP?q=hoop");
    expect((await flashAfter(done))?.message).toContain("£17.50");
    expect(await priceOf(hoop.id)).toMatchObject({ price: 1750, source: "manual" });
    expect(await auditCount("wholesale_price.set")).toBe(audits + 1);
    const [row] = await db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "wholesale_price.set"));
    expect(row.data).toMatchObject({ currency: "GBP", sku: "WP-HOOP", from: { price: 1600, source: "generated" }, to: { price: 1750 } });

    const reset = await send({ intent: "reset", currency: "GBP", variant: String(hoop.id) });
    expect((await flashAfter(reset))?.message).toContain("£16.00");
    expect(await priceOf(hoop.id)).toMatchObject({ price: 1600, source: "generated" });
    expect(await auditCount("wholesale_price.reset")).toBe(1);
    // Reset again: it is not set by hand any more; nothing changes.
    const again = await send({ intent: "reset", variant: String(hoop.id) });
    expect((await flashAfter(again))?.kind).toBe("error");
    expect(await auditCount("wholesale_price.reset")).toBe(1);
  });

  it("finance sees the list but not the forms, and every post of theirs is a 403 with nothing written", async () => {
    const seen = await page("", finance);
    expect(seen.status).toBe(200);
    expect(seen.body!.canEdit).toBe(false);
    expect((await page("?preview=1&rate=0.9&step=1", finance)).body!.preview).toBeNull();
    const before = await gbp();
    const list = await gbpList();
    const preview = (await page("?preview=1&rate=0.9&step=1")).body!.preview as { version: string };
    const posts: Array<Record<string, string>> = [
      { intent: "set", variant: String(hoop.id), price: "1" },
      { intent: "reset", variant: String(hoop.id) },
      { intent: "regenerate", rate: "0.9", step: "1", version: preview.version },
    ];
    for (const fields of posts) {
      expect((await send(fields, finance)).status).toBe(403);
      expect((await send(fields, hub)).status).toBe(403);
    }
    expect(await gbp()).toEqual(before);
    expect(await gbpList()).toEqual(list);
  });
});

describe("a new rate and rounding step", () => {
  it("previews without writing; bad settings are refused beside the form; a price that would not fit is refused", async () => {
    const before = await gbp();
    const shown = await page("?preview=1&rate=0.85&step=1.00");
    expect(shown.status).toBe(200);
    const preview = shown.body!.preview as { changeCount: number; total: number; sample: Array<{ sku: string; from: number; to: number }> };
    expect(preview.total).toBe(3);
    expect(preview.sample.find((s) => s.sku === "WP-HOOP")).toMatchObject({ from: 1600, to: wholesalePriceOf(2000, 850_000, 100) });
    expect(await gbp()).toEqual(before);

    for (const query of [
      "rate=-1&step=0.50",
      "rate=NaN&step=0.50",
      "rate=0&step=0.50",
      "rate=5000&step=0.50",
      "rate=0.8&step=500",
      "rate=0.8&step=-1",
    ]) {
      const bad = await page(`?preview=1&${query}`);
      expect(bad.status, query).toBe(422);
      expect(bad.body!.preview, query).toBeNull();
      expect(Object.keys((bad.body!.regeneration as { errors: Record<string, string> }).errors).length, query).toBeGreaterThan(0);
    }
    // 1 USD → 1,000 GBP would price the throne past what a list holds.
    const huge = await page("?preview=1&rate=1000&step=1");
    expect(huge.status).toBe(422);
    expect((huge.body!.regeneration as { errors: Record<string, string> }).errors.rate).toMatch(/WP-THRONE/);
    const version = ((await page("?preview=1&rate=0.85&step=1")).body!.preview as { version: string }).version;
    expect((await send({ intent: "regenerate", rate: "1000", step: "1", version })).status).toBe(422);
    expect((await send({ intent: "regenerate", rate: "abc", step: "1", version })).status).toBe(422);
    expect((await send({ intent: "regenerate", rate: "0.85", step: "1" })).status).toBe(400);
    expect(await gbp()).toEqual(before);
  });

  it("applies once of two parallel applies, keeps hand-set prices, is audited; a placed order keeps its prices and the catalog shows the new ones", async () => {
    // A UK store's order at £16.00 a hoop, before the change.
    const { retailer, buyer } = await createRetailer(db, {
      name: "Harlow Prices",
      currency: "GBP",
      country: "GB",
      paymentTerms: "net30",
      creditLimit: 5_000_000,
    });
    const jar = await signedInJar({ buyerId: buyer!.id });
    const [location] = await db
      .insert(schema.retailerLocations)
      .values({ retailerId: retailer.id, name: "Main", line1: "1 High St", city: "London", country: "GB", isDefault: true })
      .returning();
    const { post: buyerPost, get: buyerGet } = requestsTo("http://soko.test");
    const args = (request: Request) => ({ request, params: {}, context: {} });
    jar.take(
      (await run(catalogAction(args(buyerPost("/wholesale/catalog", { intent: "add", variantId: String(hoop.id), quantity: "30" }, jar)))))
        .response!,
    );
    const review = (await run(quickLoader(args(buyerGet("/wholesale/quick-order", jar))))).data.review;
    const placed = await run(
      quickAction(
        args(
          buyerPost(
            "/wholesale/quick-order",
            {
              intent: "place",
              idempotencyKey: crypto.randomUUID(),
              expectedTotal: String(review.total),
              poNumber: "HP-1",
              name: "Before",
              retailerLocationId: String(location.id),
              payment: "net30",
            },
            jar,
          ),
        ),
      ),
    );
    expect(placed.status).toBe(303);
    const orderBefore = (await db.select().from(schema.orders).where(eq(schema.orders.retailerId, retailer.id)))[0];
    expect(orderBefore).toMatchObject({ total: 48_000, settlementRatePpm: 790_000 });
    const linesBefore = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, orderBefore.id));

    await send({ intent: "set", variant: String(cuff.id), price: "25" });
    const preview = (await page("?preview=1&rate=0.85&step=1.00")).body!.preview as {
      version: string;
      changeCount: number;
      keptManual: number;
    };
    expect(preview.keptManual).toBe(1);
    const fields = { intent: "regenerate", currency: "GBP", rate: "0.85", step: "1.00", version: preview.version };
    const audits = await auditCount("wholesale_prices.generate");
    const results = await Promise.all([send(fields), send(fields)]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 409]);
    expect(await auditCount("wholesale_prices.generate")).toBe(audits + 1);
    const [audit] = await db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "wholesale_prices.generate"));
    expect(audit.data).toMatchObject({
      currency: "GBP",
      from: { ratePpm: 790_000, step: 50 },
      to: { ratePpm: 850_000, step: 100 },
      changed: preview.changeCount,
    });
    expect(await gbpList()).toMatchObject({ ratePpm: 850_000, roundingStep: 100, generatedBy: expect.stringMatching(/^staff:\d+$/) });
    expect(await priceOf(hoop.id)).toMatchObject({ price: 1700, source: "generated" }); // $20 × 0.85 = £17.00
    expect(await priceOf(cuff.id)).toMatchObject({ price: 2500, source: "manual" });
    // The same preview again is stale.
    expect((await send(fields)).status).toBe(409);

    // The placed order is as it was; the buyer's catalog prices the hoop at the new £17.00.
    const orderAfter = (await db.select().from(schema.orders).where(eq(schema.orders.id, orderBefore.id)))[0];
    expect(orderAfter).toEqual(orderBefore);
    expect(await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, orderBefore.id))).toEqual(linesBefore);
    const [invoice] = await db.select().from(schema.invoices).where(eq(schema.invoices.orderId, orderBefore.id));
    expect(invoice.amount).toBe(48_000);
    const catalog = (await run(catalogLoader(args(buyerGet("/wholesale/catalog", jar))))).data;
    const variant = catalog.products.flatMap((p: { variants: unknown[] }) => p.variants).find((v: { sku: string }) => v.sku === "WP-HOOP");
    expect(variant).toMatchObject({ currency: "GBP", price: 1700 });
  });
});

describe("a preview's version", () => {
  it("covers only the previewed prices: a product added meanwhile is priced with the rest; a previewed price set by hand voids it, saying so", async () => {
    const shown = (await page("?preview=1&rate=0.9&step=1.00")).body!.preview as { version: string };
    const added = await createProduct(db, {
      status: "active",
      variants: [{ sku: "WP-ADDED", price: 5000, wholesalePrice: 2500, minQty: 1, casePack: 1 }],
    });
    const applied = await send({ intent: "regenerate", rate: "0.9", step: "1.00", version: shown.version });
    expect(applied.status).toBe(302);
    expect(await gbpList()).toMatchObject({ ratePpm: 900_000, roundingStep: 100 });
    expect(await priceOf(added.variants[0].id)).toMatchObject({ price: wholesalePriceOf(2500, 900_000, 100), source: "generated" });

    const next = (await page("?preview=1&rate=0.95&step=1.00")).body!.preview as { version: string };
    await send({ intent: "set", variant: String(hoop.id), price: "19" });
    const before = await gbp();
    const refused = await send({ intent: "regenerate", rate: "0.95", step: "1.00", version: next.version });
    expect(refused.status).toBe(409);
    expect(refused.body?.error).toBe(
      "A price in this preview changed since it was made (set or reset by hand, or its product's dollar price edited). Nothing was changed: preview again.",
    );
    expect(await gbp()).toEqual(before);
    expect(await gbpList()).toMatchObject({ ratePpm: 900_000 });
  });
});

describe("the order minimums", () => {
  const minimums = (fields: Record<string, string>, cookie = ops) =>
    call(listsAction, post("/ops/wholesale/prices", { intent: "minimums", ...fields }, cookie));
  const usdSettings = () =>
    db.execute<{ key: string; value: unknown; updated_by: string | null }>(
      sql`select key, value, updated_by from settings where key like 'wholesale.%Minimum' order by key`,
    );

  it("ops changes a currency's minimums, audited; the retailer's portal judges and shows the new one at once", async () => {
    const { buyer } = await createRetailer(db, { name: "Minimum Mews", currency: "GBP", country: "GB", paymentTerms: "net30" });
    const jar = await signedInJar({ buyerId: buyer!.id });
    const { post: buyerPost, get: buyerGet } = requestsTo("http://soko.test");
    const args = (request: Request) => ({ request, params: {}, context: {} });
    jar.take(
      (await run(catalogAction(args(buyerPost("/wholesale/catalog", { intent: "add", variantId: String(hoop.id), quantity: "30" }, jar)))))
        .response!,
    );
    const reviewNow = async () =>
      (await run(quickLoader(args(buyerGet("/wholesale/quick-order", jar))))).data.review as {
        subtotal: number;
        minimum: { ok: boolean; minimum: number; message?: string };
      };
    const before = await reviewNow();
    expect(before.minimum).toMatchObject({ ok: true, minimum: 40_000 });
    expect(before.subtotal).toBeLessThan(100_000);
    // The portal's programme page quotes a signed-in buyer its own currency's minimums.
    const home = (await run(portalHomeLoader(args(buyerGet("/wholesale", jar))))).data;
    expect(home.settings).toMatchObject({ currency: "GBP", openingMinimum: 40_000, reorderMinimum: 20_000 });

    const audits = await auditCount("wholesale_minimums.set");
    const done = await minimums({ currency: "GBP", openingMinimum: "£1,000", reorderMinimum: "250.50" });
    expect(done.status).toBe(302);
    expect(done.location).toBe("/ops/wholesale/prices");
    const flash = (await call(listsLoader, get(done.location!, done.cookie ?? ops))).body!.flash as { message: string };
    expect(flash.message).toContain("£1,000.00");
    expect(await gbpList()).toMatchObject({ openingMinimum: 100_000, reorderMinimum: 25_050 });
    expect(await auditCount("wholesale_minimums.set")).toBe(audits + 1);
    const [audit] = await db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "wholesale_minimums.set"));
    expect(audit).toMatchObject({
      actor: expect.stringMatching(/^staff:\d+$/),
      subject: "wholesale_price_lists:GBP",
      data: {
        currency: "GBP",
        from: { openingMinimum: 40_000, reorderMinimum: 20_000 },
        to: { openingMinimum: 100_000, reorderMinimum: 25_050 },
      },
    });

    const after = await reviewNow();
    expect(after.minimum).toMatchObject({ ok: false, minimum: 100_000 });
    expect(after.minimum.message).toContain("£1,000.00");
    const homeAfter = (await run(portalHomeLoader(args(buyerGet("/wholesale", jar))))).data;
    expect(homeAfter.settings).toMatchObject({ currency: "GBP", openingMinimum: 100_000, reorderMinimum: 25_050 });
    const lists = (await call(listsLoader, get("/ops/wholesale/prices", ops))).body!.lists as Array<Record<string, unknown>>;
    expect(lists.find((l) => l.currency === "GBP")).toMatchObject({ openingMinimum: 100_000, reorderMinimum: 25_050 });

    // USD's minimums live in the settings table; zero means none.
    const usd = await minimums({ currency: "usd", openingMinimum: "$0", reorderMinimum: "0" });
    expect(usd.status).toBe(302);
    expect(await wholesaleSettings()).toEqual({ currency: "USD", openingMinimum: 0, reorderMinimum: 0 });
    expect((await usdSettings()).map((r) => [r.key, r.value, r.updated_by])).toEqual([
      ["wholesale.openingMinimum", 0, expect.stringMatching(/^staff:\d+$/)],
      ["wholesale.reorderMinimum", 0, expect.stringMatching(/^staff:\d+$/)],
    ]);
  });

  it("refuses bad input with a 422 beside the form and writes nothing; finance and the hub get a 403", async () => {
    const list = await gbpList();
    const settingsBefore = await usdSettings();
    const audits = await auditCount("wholesale_minimums.set");
    for (const [opening, reorder] of [
      ["-5", "100"],
      ["abc", "100"],
      ["NaN", "100"],
      ["$400", "100"],
      ["400.555", "100"],
      ["", "100"],
      ["400", "99999999999"],
      ["400", "20000000"],
      ["x".repeat(5000), "100"],
      ["<b>400</b>", "100"],
    ]) {
      const refused = await minimums({ currency: "GBP", openingMinimum: opening, reorderMinimum: reorder });
      expect(refused.status, `${opening.slice(0, 20)} / ${reorder}`).toBe(422);
      expect(refused.body).toMatchObject({ currency: "GBP", error: expect.stringContaining("nothing was changed") });
      expect(Object.keys(refused.body!.fieldErrors as object).length).toBeGreaterThan(0);
    }
    expect((await minimums({ currency: "XYZ", openingMinimum: "1", reorderMinimum: "1" })).status).toBe(404);
    expect(
      (await call(listsAction, post("/ops/wholesale/prices", { currency: "GBP", openingMinimum: "1", reorderMinimum: "1" }, ops))).status,
    ).toBe(400);
    // A forged post by a role that may look but not change, or may not look at all.
    for (const cookie of [finance, hub])
      expect((await minimums({ currency: "GBP", openingMinimum: "1", reorderMinimum: "1" }, cookie)).status).toBe(403);
    expect((await minimums({ currency: "USD", openingMinimum: "1", reorderMinimum: "1" }, finance)).status).toBe(403);
    expect((await call(listsLoader, get("/ops/wholesale/prices", finance))).body!.canEdit).toBe(false);
    expect((await call(listsLoader, get("/ops/wholesale/prices", ops))).body!.canEdit).toBe(true);

    expect(await gbpList()).toEqual(list);
    expect(await usdSettings()).toEqual(settingsBefore);
    expect(await auditCount("wholesale_minimums.set")).toBe(audits);
  });
});
