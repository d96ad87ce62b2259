/**
 * Markets and their price lists (docs/decisions/0021-markets-and-currencies.md), against the real
 * database and one HTTP process as `npm start` runs it:
 *  - the trigger that prices a new variant in every market rounds exactly as the app does;
 *  - generating a list keeps the prices ops set by hand and purges the market's pages once;
 *  - a UK page is cached apart from the US one, shows pounds with VAT included, and a price edit
 *    purges both; a UK price edit purges the UK copy only;
 *  - an unprefixed page sends a visitor whose choice or language says UK to the UK address;
 *    the switcher keeps the choice.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProduct } from "#db/seed/factories";
import { MARKETS, convertPrice } from "~/domain/markets";
import { generatePriceList, setMarketPrice } from "~/domain/markets/index.server";
import { db, schema, sqlClient } from "~/lib/db.server";
import { PURGE_CHANNEL } from "~/lib/purge-keys";
import { listenForPurges, onPurge } from "~/lib/purge.server";
import { type App, buildIfStale, startHttp, stopAll } from "./app-process-support";

let app: App;
let ring: Awaited<ReturnType<typeof createProduct>>;
let received: string[] = [];
let stopListening: () => Promise<void> = async () => {};

beforeAll(async () => {
  const buildDir = buildIfStale();
  ring = await createProduct(db, {
    handle: "market-ring",
    title: "Market Ring",
    status: "active",
    variants: [{ price: 4800, compareAtPrice: null }],
  });
  stopListening = await listenForPurges(sqlClient());
  onPurge((keys) => {
    if (keys !== "all") received.push(...keys);
  });
  app = await startHttp(buildDir);
}, 300_000);

afterAll(async () => {
  await stopListening();
  await stopAll();
});

const marketPrice = async (market: string, variantId: number) => {
  const [row] = await db
    .select()
    .from(schema.marketPrices)
    .where(sql`${schema.marketPrices.market} = ${market} and ${schema.marketPrices.variantId} = ${variantId}`);
  return row;
};

/** The keys purged by what `change` commits (a marker NOTIFY after it says all have arrived). */
async function keysPurgedBy(change: () => Promise<unknown>): Promise<string[]> {
  received = [];
  await change();
  const marker = `marker:${Math.random().toString(36).slice(2)}`;
  await db.execute(sql`select pg_notify(${PURGE_CHANNEL}, ${marker})`);
  for (let waited = 0; !received.includes(marker); waited += 5) {
    if (waited > 2000) throw new Error("the purge notification never arrived");
    await new Promise((r) => setTimeout(r, 5));
  }
  return [...new Set(received.filter((k) => k !== marker))].sort();
}

describe("price lists", () => {
  it("a new variant is priced in every market by the same rounding as the app's", async () => {
    const usd = [100, 999, 2450, 4800, 6545, 12_345, 99_999];
    const { variants } = await createProduct(db, { handle: "market-rounding", variants: usd.map((price) => ({ price })) });
    for (const market of ["gb", "eu", "ca", "au"] as const) {
      const [settings] = await db.select().from(schema.markets).where(eq(schema.markets.code, market));
      for (const variant of variants) {
        const row = await marketPrice(market, variant.id);
        expect(row.currency).toBe(MARKETS[market].currency);
        expect(row.price).toBe(convertPrice(variant.price, settings.ratePpm, { ending: settings.roundingEnding }));
      }
    }
    // The UK list ends in whole pounds, Canada's in .95.
    expect((await marketPrice("gb", variants[3].id)).price).toBe(4200);
    expect((await marketPrice("ca", variants[3].id)).price).toBe(6695);
  });

  it("generating again keeps a hand-set price, replaces the rest, and purges the market once", async () => {
    const { variants } = await createProduct(db, { handle: "market-regenerate", variants: [{ price: 5000 }, { price: 7000 }] });
    await setMarketPrice(db, "gb", variants[0].id, { price: 3900, compareAtPrice: null });
    const keys = await keysPurgedBy(() =>
      db.transaction((tx) => generatePriceList(tx, "gb", { ratePpm: 1_000_000, rounding: { ending: 95 } })),
    );
    expect(keys).toEqual(["prices:gb"]);
    expect((await marketPrice("gb", variants[0].id)).price).toBe(3900);
    expect((await marketPrice("gb", variants[1].id)).price).toBe(6995);
    await db.transaction((tx) => generatePriceList(tx, "gb", { ratePpm: 880_000, rounding: { ending: 0 }, replaceManual: true }));
    expect(await marketPrice("gb", variants[0].id)).toMatchObject({ price: 4400, source: "generated" });
  });
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${app.url}${path}`, { headers, redirect: "manual" });
  return {
    status: response.status,
    location: response.headers.get("location"),
    cache: response.headers.get("x-page-cache"),
    body: await response.text(),
  };
};

describe("market pages", () => {
  it("a UK page is cached apart from the US one and a price edit purges both", async () => {
    await get("/products/market-ring");
    await get("/en-gb/products/market-ring");
    const us = await get("/products/market-ring");
    const gb = await get("/en-gb/products/market-ring");
    expect([us.cache, gb.cache]).toEqual(["HIT", "HIT"]);
    expect(us.body).toContain("$48.00");
    expect(us.body).toContain("Tax calculated at checkout");
    expect(us.body).not.toContain("£");
    expect(gb.body).toContain("£42.00");
    expect(gb.body).toContain("VAT included");
    expect(gb.body).not.toContain("$48.00");
    // Each page names every market's address of it, and x-default.
    expect(gb.body).toContain(`<link rel="alternate" hrefLang="en-GB" href="${app.url}/en-gb/products/market-ring"/>`);
    expect(gb.body).toContain(`<link rel="alternate" hrefLang="x-default" href="${app.url}/products/market-ring"/>`);
    expect(gb.body).toContain(`<link rel="canonical" href="${app.url}/en-gb/products/market-ring"/>`);

    await db.update(schema.variants).set({ price: 5200 }).where(eq(schema.variants.id, ring.variants[0].id));
    await expect.poll(async () => (await get("/products/market-ring")).body, { timeout: 2000 }).toContain("$52.00");
    // The stored UK price did not change with the dollars, but its page was rendered again.
    const gbAfter = await get("/en-gb/products/market-ring");
    expect(gbAfter.cache).toBe("MISS");
    expect(gbAfter.body).toContain("£42.00");
  });

  it("a UK price edit purges the UK copies only", async () => {
    await get("/products/market-ring");
    await get("/en-gb/products/market-ring");
    await setMarketPrice(db, "gb", ring.variants[0].id, { price: 4500, compareAtPrice: null });
    await expect.poll(async () => (await get("/en-gb/products/market-ring")).body, { timeout: 2000 }).toContain("£45.00");
    expect((await get("/products/market-ring")).cache).toBe("HIT");
  });

  it("sends a visitor whose choice or language says UK to the UK address, and keeps the switcher's choice", async () => {
    const byLanguage = await get("/products/market-ring?variant=1", { "Accept-Language": "en-GB,en;q=0.9" });
    expect(byLanguage.status).toBe(302);
    expect(byLanguage.location).toBe("/en-gb/products/market-ring?variant=1");
    expect((await get("/", { "CF-IPCountry": "DE" })).location).toBe("/en-eu");
    // The choice beats the hint; a market address is never sent anywhere.
    expect((await get("/products/market-ring", { "Accept-Language": "en-GB", Cookie: "soko_market=us" })).status).toBe(200);
    expect((await get("/en-gb/products/market-ring", { Cookie: "soko_market=us" })).status).toBe(200);

    const switched = await fetch(`${app.url}/market`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ market: "au", redirectTo: "/en-gb/collections/rings?page=2" }),
    });
    expect(switched.status).toBe(302);
    expect(switched.headers.get("location")).toBe("/en-au/collections/rings?page=2");
    expect(switched.headers.get("set-cookie")).toMatch(/^soko_market=au; Path=\/; Max-Age=31536000; SameSite=Lax/);
    const refused = await fetch(`${app.url}/market`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ market: "zz", redirectTo: "//evil.example" }),
    });
    expect(refused.status).toBe(400);
  });
});
