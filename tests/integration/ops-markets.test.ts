/**
 * Ops → Markets (/ops/markets/:code) against the real database, through the route modules as a
 * browser without JavaScript would post: a hand-set price is validated and audited; finance sees the
 * list but its posts are refused (403) with nothing written; the preview writes nothing; applying a
 * regeneration keeps hand-set prices, is audited, and of two identical applies in parallel exactly
 * one applies; undo restores every row and the market's settings exactly, and is refused once a
 * price changed after it.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createCollection, createProduct, createStaff } from "#db/seed/factories";
import { seoMeta } from "~/domain/catalog";
import { loader as collectionLoader } from "~/routes/collections.$handle";
import { convertPrice } from "~/domain/markets";
import { db, schema } from "~/lib/db.server";
import { action as marketAction, loader as marketLoader } from "~/routes/ops.markets.$code";
import { loader as marketsLoader } from "~/routes/ops.markets._index";
import { type Outcome, call, get, post } from "./artisan-support";
import { staffSessionCookie } from "./session-support";

let ops = "";
let finance = "";
let variants: Array<{ id: number; price: number; sku: string }> = [];

beforeAll(async () => {
  ops = await staffSessionCookie((await createStaff(db, { email: "markets-ops@soko.test", name: "Achieng Prices", roles: ["ops"] })).id);
  finance = await staffSessionCookie(
    (await createStaff(db, { email: "markets-fin@soko.test", name: "Otieno Ledger", roles: ["finance"] })).id,
  );
  const ring = await createProduct(db, {
    handle: "price-list-ring",
    title: "Price List Ring",
    status: "active",
    variants: [
      { price: 4800, compareAtPrice: 6000 },
      { price: 7000, compareAtPrice: null },
      { price: 12_500, compareAtPrice: null },
    ],
  });
  variants = ring.variants;
});

const gbRows = () =>
  db.select().from(schema.marketPrices).where(eq(schema.marketPrices.market, "gb")).orderBy(schema.marketPrices.variantId);
const gbSettings = async () => (await db.select().from(schema.markets).where(eq(schema.markets.code, "gb")))[0];
const priceOf = async (variantId: number) => (await gbRows()).find((r) => r.variantId === variantId)!;
const auditCount = async (action: string) =>
  (await db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = ${action}`))[0].n;

const send = (fields: Record<string, string>, cookie = ops) => call(marketAction, post("/ops/markets/gb", fields, cookie), { code: "gb" });
/** The flash message the redirect carried, read by following it with its cookie. */
async function flashAfter(outcome: Outcome) {
  expect(outcome.status).toBe(302);
  const next = await call(marketLoader, get(outcome.location!, outcome.cookie ?? ops), { code: "gb" });
  return next.body?.flash as { kind: string; message: string } | null;
}
const page = (query: string, cookie = ops) => call(marketLoader, get(`/ops/markets/gb${query}`, cookie), { code: "gb" });

describe("a price set by hand", () => {
  it("is validated in the market's currency, written as manual with an audit row, and reset to the generated price", async () => {
    const [ring] = variants;
    const bad = await send({ intent: "set", variant: String(ring.id), price: "42,5", compareAtPrice: "" });
    expect(bad.status).toBe(422);
    expect((bad.body?.fieldErrors as Record<string, string> | undefined)?.price).toMatch(/GBP/);
    const lower = await send({ intent: "set", variant: String(ring.id), price: "45", compareAtPrice: "40" });
    expect(lower.status).toBe(422);
    expect((lower.body?.fieldErrors as Record<string, string> | undefined)?.compareAtPrice).toMatch(/more than the price/);
    expect(await priceOf(ring.id)).toMatchObject({ source: "generated", price: 4200 });

    const before = await auditCount("market.price_set");
    const done = await send({ intent: "set", variant: String(ring.id), price: "£39.50", compareAtPrice: "55", q: "ring" });
    expect(done.status).toBe(302);
    expect(done.location).toBe("/ops/markets/gb?q=ring");
    expect((await flashAfter(done))?.message).toContain("£39.50");
    expect(await priceOf(ring.id)).toMatchObject({ price: 3950, compareAtPrice: 5500, source: "manual" });
    expect(await auditCount("market.price_set")).toBe(before + 1);

    // A variant of no market list: 404, nothing written.
    expect((await send({ intent: "set", variant: "999999", price: "10" })).status).toBe(404);

    const list = await page("?q=list%20ring");
    const rows = (list.body?.list as { rows: Array<{ variantId: number; source: string; generated: number }> } | undefined)?.rows;
    expect(rows?.find((r) => r.variantId === ring.id)).toMatchObject({ source: "manual", generated: 4200 });

    const reset = await send({ intent: "reset", variant: String(ring.id) });
    expect(reset.status).toBe(302);
    expect(await priceOf(ring.id)).toMatchObject({
      price: 4200,
      compareAtPrice: convertPrice(6000, 880_000, { ending: 0 }),
      source: "generated",
    });
    // Resetting a generated price is refused with a message.
    const again = await send({ intent: "reset", variant: String(ring.id) });
    expect((await flashAfter(again))?.kind).toBe("error");
  });

  it("a page past the last is still counted (the page says so and links back); a page that isn't one is a 400", async () => {
    const all = (await page("")).body!.list as { total: number; pageCount: number };
    expect(all.total).toBeGreaterThan(0);
    expect((await page("?page=99")).body!.list).toMatchObject({ rows: [], page: 99, total: all.total, pageCount: all.pageCount });
    expect((await page("?page=99&q=nothing-like-this")).body!.list).toMatchObject({ rows: [], total: 0 });
    expect(await page("?page=x")).toMatchObject({ status: 400, message: "The page must be a number." });
  });

  it("finance sees the markets and the list but every post is refused (403), nothing written", async () => {
    const index = await call(marketsLoader, get("/ops/markets", finance));
    expect(index.status).toBe(200);
    const seen = await page("", finance);
    expect(seen.status).toBe(200);
    expect(seen.body?.canEdit).toBe(false);
    const rowsBefore = await gbRows();
    const refusedForms: Array<Record<string, string>> = [
      { intent: "set", variant: String(variants[1].id), price: "1" },
      { intent: "reset", variant: String(variants[1].id) },
      { intent: "regenerate", rate: "2", ending: "0", keep: "on", version: "x" },
    ];
    for (const fields of refusedForms) {
      expect((await send(fields, finance)).status).toBe(403);
    }
    expect(await gbRows()).toEqual(rowsBefore);
    // Nobody signed in is sent to sign in.
    expect((await send({ intent: "set", variant: String(variants[1].id), price: "1" }, "")).location).toMatch(/^\/ops\/login/);
  });
});

describe("regenerating the list", () => {
  it("previews without writing, applies once of two parallel applies keeping hand-set prices, and undo restores exactly", async () => {
    const [ring, bangle, cuff] = variants;
    await send({ intent: "set", variant: String(bangle.id), price: "59", compareAtPrice: "" });
    const rowsBefore = await gbRows();
    const settingsBefore = await gbSettings();

    const preview = await page("?preview=1&rate=1.02&ending=95&keep=on");
    const shown = preview.body?.preview as { changeCount: number; keptManual: number; total: number; version: string; sample: unknown[] };
    expect(shown.keptManual).toBe(1);
    expect(shown.changeCount).toBe(shown.total - 1);
    expect(shown.sample.length).toBeGreaterThan(0);
    expect(await gbRows()).toEqual(rowsBefore);

    // A bad rate is answered beside the form, nothing previewed.
    const bad = await page("?preview=1&rate=-1&ending=95&keep=on");
    expect(bad.body?.preview).toBeNull();
    expect((bad.body?.regeneration as { errors: Record<string, string> } | undefined)?.errors.rate).toBeTruthy();

    const fields = { intent: "regenerate", rate: "1.02", ending: "95", keep: "on", version: shown.version };
    const runsBefore = await auditCount("market.price_list_generated");
    const results = await Promise.all([send(fields), send(fields)]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 409]);
    expect(await auditCount("market.price_list_generated")).toBe(runsBefore + 1);

    expect(await priceOf(bangle.id)).toMatchObject({ price: 5900, source: "manual" });
    expect(await priceOf(ring.id)).toMatchObject({ price: convertPrice(4800, 1_020_000, { ending: 95 }), source: "generated" });
    expect(await priceOf(cuff.id)).toMatchObject({ price: convertPrice(12_500, 1_020_000, { ending: 95 }) });
    const settings = await gbSettings();
    expect(settings).toMatchObject({ ratePpm: 1_020_000, roundingEnding: 95 });
    expect(settings.priceListGeneratedBy).toMatch(/^staff:\d+$/);

    // The list page offers the undo; a stale preview is refused.
    const after = await page("");
    const run = after.body?.lastRun as { id: number; changedCount: number };
    expect(run.changedCount).toBe(shown.changeCount);
    expect((await send(fields)).status).toBe(409);

    const undone = await send({ intent: "undo", run: String(run.id) });
    expect((await flashAfter(undone))?.message).toMatch(/^Undone/);
    expect(await gbRows()).toEqual(rowsBefore);
    expect(await gbSettings()).toEqual(settingsBefore);
    // Undone once: a second undo is refused, and the page no longer offers it.
    const twice = await send({ intent: "undo", run: String(run.id) });
    expect((await flashAfter(twice))?.message).toMatch(/undone already/);
    expect((await page("")).body?.lastRun).toBeNull();
  });

  it("an undo is refused once a price of the market changed after the regeneration", async () => {
    const preview = await page("?preview=1&rate=0.9&ending=0");
    const shown = preview.body?.preview as { keptManual: number; version: string };
    expect(shown.keptManual).toBe(0); // unticked: hand-set prices are replaced too
    const applied = await send({ intent: "regenerate", rate: "0.9", ending: "0", version: shown.version });
    expect(applied.status).toBe(302);
    expect(await priceOf(variants[1].id)).toMatchObject({ price: 6300, source: "generated" });
    await send({ intent: "set", variant: String(variants[2].id), price: "99", compareAtPrice: "" });
    const run = (await page("")).body?.lastRun as { id: number };
    const rowsBefore = await gbRows();
    const refused = await send({ intent: "undo", run: String(run.id) });
    expect((await flashAfter(refused))?.message).toMatch(/changed after this regeneration/);
    expect(await gbRows()).toEqual(rowsBefore);
  });
});

describe("a preview's version", () => {
  it("covers only the previewed prices: a product added meanwhile is priced with the rest; a previewed price set by hand voids it, saying so", async () => {
    const shown = (await page("?preview=1&rate=1.1&ending=0")).body?.preview as { version: string };
    const added = await createProduct(db, { handle: "added-while-previewed", status: "active", variants: [{ price: 5000 }] });
    const applied = await send({ intent: "regenerate", rate: "1.1", ending: "0", version: shown.version });
    expect(applied.status).toBe(302);
    expect(await gbSettings()).toMatchObject({ ratePpm: 1_100_000 });
    expect(await priceOf(added.variants[0].id)).toMatchObject({ price: convertPrice(5000, 1_100_000, { ending: 0 }), source: "generated" });

    const next = (await page("?preview=1&rate=1.2&ending=0")).body?.preview as { version: string };
    await send({ intent: "set", variant: String(variants[0].id), price: "77", compareAtPrice: "" });
    const rowsBefore = await gbRows();
    const refused = await send({ intent: "regenerate", rate: "1.2", ending: "0", version: next.version });
    expect(refused.status).toBe(409);
    expect(refused.body?.error).toBe(
      "A price in this preview changed since it was made (set or reset by hand, or its product's dollar price edited). Nothing was changed: preview again.",
    );
    // A forged version is refused the same way as an old one.
    const forged = await send({ intent: "regenerate", rate: "1.2", ending: "0", version: "1/2/3" });
    expect(forged.status).toBe(409);
    expect(forged.body?.error).toMatch(/^The list's rate and rounding changed since this preview/);
    expect(await gbRows()).toEqual(rowsBefore);
    expect(await gbSettings()).toMatchObject({ ratePpm: 1_100_000 });
  });
});

describe("a market's collection page", () => {
  it("offers bands in the market's money, filtering and sorting by its stored prices", async () => {
    const collection = await createCollection(db, { handle: "market-bands" });
    const cheap = await createProduct(db, { handle: "band-cheap", title: "Band Cheap", status: "active", variants: [{ price: 5500 }] });
    const dear = await createProduct(db, { handle: "band-dear", title: "Band Dear", status: "active", variants: [{ price: 9000 }] });
    for (const [i, p] of [cheap, dear].entries())
      await db.insert(schema.collectionProducts).values({ collectionId: collection.id, productId: p.product.id, position: i });
    // By hand, the dear one is the cheaper in the UK.
    await db.execute(
      sql`update market_prices set price = 2500, source = 'manual' where market = 'gb' and variant_id = ${dear.variants[0].id}`,
    );
    const load = async (path: string) =>
      (await call(collectionLoader, get(path), { handle: "market-bands" })).body as {
        products: Array<{ handle: string; price: { amount: number; currency: string } }>;
        bands: Array<{ key: string; label: string }>;
        seo: Parameters<typeof seoMeta>[0];
      };
    const gb = await load("/en-gb/collections/market-bands?price=under-50");
    expect(gb.bands.map((b) => b.label)).toEqual(["Under £50", "£50 – £100", "Over £100"]);
    expect(gb.products.map((p) => p.handle)).toEqual(["band-dear"]);
    expect(gb.products[0].price).toEqual({ amount: 2500, currency: "GBP" });
    const sorted = await load("/en-gb/collections/market-bands?sort=price-asc");
    expect(sorted.products.map((p) => p.handle)).toEqual(["band-dear", "band-cheap"]);
    expect(seoMeta(sorted.seo)).toContainEqual({ property: "og:locale", content: "en_GB" });
    const us = await load("/collections/market-bands?price=50-100&sort=price-asc");
    expect(us.bands[0].label).toBe("Under $50");
    expect(us.products.map((p) => p.handle)).toEqual(["band-cheap", "band-dear"]);
    expect(seoMeta(us.seo)).toContainEqual({ property: "og:locale", content: "en_US" });
  });
});
