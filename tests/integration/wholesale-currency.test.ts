/**
 * Wholesale in the retailer's currency (docs/decisions/0025) against the real database: a UK store in
 * pounds sees its stored GBP list whatever storefront market cookie its buyer carries, orders in
 * pounds above its pound minimum, is invoiced in pounds, pays, and the ledger's receivable ends at
 * zero in USD and in pounds; a US store's buyer with a UK cookie sees dollars; ops can set the
 * currency until the first order and is refused after it (the domain with a message, the trigger
 * whoever writes).
 */
import { and, eq, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, createRetailer, createStaff, setStock } from "#db/seed/factories";
import { wholesalePriceOf } from "~/domain/wholesale/pricing";
import { generateWholesaleList } from "~/domain/wholesale/currency.server";
import { markInvoicePaidLocally } from "~/domain/wholesale/invoices.server";
import { action as opsRetailerAction } from "~/routes/ops.retailers.$id";
import { action as catalogAction, loader as catalogLoader } from "~/routes/wholesale.catalog";
import { action as quickAction, loader as quickLoader } from "~/routes/wholesale.quick-order";
import { loader as invoicesLoader } from "~/routes/wholesale.invoices._index";
import { db, schema } from "~/lib/db.server";
import { type Jar, requestsTo, run, signedInJar } from "./wholesale-support";

const BASE = "http://soko.test";
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
const { post, get } = requestsTo(BASE);

/** A GET as the buyer's browser sends it, with a storefront market cookie beside the session. */
const withMarketCookie = (path: string, jar: Jar, market: string) =>
  new Request(`${BASE}${path}`, { headers: { Cookie: `${jar.header()}; soko_market=${market}` } });

let hoop: { id: number; sku: string };
let ops: Jar;

async function retailerIn(currency: string, name: string) {
  const { retailer, buyer } = await createRetailer(db, {
    name,
    currency,
    country: currency === "GBP" ? "GB" : "US",
    paymentTerms: "net30",
    creditLimit: 500_000,
  });
  const jar = await signedInJar({ buyerId: buyer!.id });
  const [location] = await db
    .insert(schema.retailerLocations)
    .values({ retailerId: retailer.id, name: "Main store", line1: "1 High St", city: "London", country: "GB", isDefault: true })
    .returning();
  return { retailer, buyer: buyer!, jar, locationId: location.id };
}

beforeAll(async () => {
  const fc = await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
  await createLocation(db, { code: "NBO-HUB", kind: "hub", shipDays: 8 });
  const product = await createProduct(db, {
    title: "Brass Hoops",
    status: "active",
    variants: [{ sku: "GB-HOOP", price: 4000, wholesalePrice: 2000, minQty: 1, casePack: 1 }],
  });
  hoop = product.variants[0];
  await setStock(db, hoop.id, fc.id, 500);
  ops = await signedInJar({ staffId: (await createStaff(db, { roles: ["ops"] })).id });
});

describe("the stored wholesale price lists", () => {
  it("prices a new variant in every list by the same formula as wholesalePriceOf", async () => {
    const rows = await db
      .select({ currency: schema.wholesalePrices.currency, price: schema.wholesalePrices.price })
      .from(schema.wholesalePrices)
      .where(eq(schema.wholesalePrices.variantId, hoop.id));
    const lists = await db.select().from(schema.wholesalePriceLists);
    expect(rows.map((r) => r.currency).sort()).toEqual(["AUD", "CAD", "EUR", "GBP"]);
    for (const row of rows) {
      const list = lists.find((l) => l.currency === row.currency)!;
      expect(row.price).toBe(wholesalePriceOf(2000, list.ratePpm, list.roundingStep));
    }
    // $20.00 × 0.79 = £15.80 → the nearest 50p: £16.00.
    expect(rows.find((r) => r.currency === "GBP")!.price).toBe(1600);
    // The SQL function and the pure one agree on halves, steps and the floor of one step.
    for (const [usd, rate, step] of [
      [2225, 1_000_000, 50],
      [1, 790_000, 50],
      [3333, 1_360_000, 25],
      [99_999, 920_000, 50],
    ]) {
      const [{ price }] = await db.execute<{ price: number }>(sql`select wholesale_price_of(${usd}, ${rate}, ${step}) as price`);
      expect(price).toBe(wholesalePriceOf(usd, rate, step));
    }
  });

  it("keeps a price set by hand when the list is generated again at a new rate", async () => {
    const other = await createProduct(db, { status: "draft", variants: [{ sku: "GB-KEEP", price: 3000, wholesalePrice: 1500 }] });
    const kept = other.variants[0].id;
    await db
      .update(schema.wholesalePrices)
      .set({ price: 999, source: "manual" })
      .where(and(eq(schema.wholesalePrices.currency, "EUR"), eq(schema.wholesalePrices.variantId, kept)));
    await db.transaction((tx) => generateWholesaleList(tx, "EUR", { ratePpm: 950_000, step: 100 }));
    const eur = await db
      .select()
      .from(schema.wholesalePrices)
      .where(and(eq(schema.wholesalePrices.currency, "EUR"), eq(schema.wholesalePrices.variantId, kept)));
    expect(eur[0]).toMatchObject({ price: 999, source: "manual" });
    const [hoopEur] = await db
      .select()
      .from(schema.wholesalePrices)
      .where(and(eq(schema.wholesalePrices.currency, "EUR"), eq(schema.wholesalePrices.variantId, hoop.id)));
    expect(hoopEur.price).toBe(1900); // $20.00 × 0.95 = €19.00
  });
});

describe("a UK store in pounds", () => {
  let uk: Awaited<ReturnType<typeof retailerIn>>;
  beforeAll(async () => {
    uk = await retailerIn("GBP", "Harlow & Finch");
  });

  it("sees its pound list in the catalog, even with a euro market cookie from the storefront", async () => {
    const page = (await run(catalogLoader(args(withMarketCookie("/wholesale/catalog", uk.jar, "eu"))))).data;
    const variant = page.products.flatMap((p: { variants: unknown[] }) => p.variants).find((v: { sku: string }) => v.sku === "GB-HOOP");
    // The MSRP is the UK market's stored retail price ($40 × 0.88 = £35.20 → £35), the price the GBP list's.
    expect(variant).toMatchObject({ currency: "GBP", price: 1600, msrp: 3500, priceSource: "default" });
  });

  it("holds the order to the pound minimum, in pounds", async () => {
    const added = await run(
      catalogAction(args(post("/wholesale/catalog", { intent: "add", variantId: String(hoop.id), quantity: "20" }, uk.jar))),
    );
    expect(added.status).toBe(303);
    uk.jar.take(added.response!);
    const review = (await run(quickLoader(args(withMarketCookie("/wholesale/quick-order", uk.jar, "us"))))).data.review;
    // 20 × £16.00 = £320.00, below the GBP list's £400.00 opening minimum.
    expect(review).toMatchObject({ currency: "GBP", subtotal: 32_000, minimum: { ok: false, minimum: 40_000, short: 8_000 } });
    expect(review.minimum.message).toBe("An opening order must be at least £400.00. Add £80.00 more to place this order.");
  });

  it("orders in pounds: the order, its USD settlement at the list's rate, the invoice, payment and a receivable back at zero in both", async () => {
    const added = await run(
      catalogAction(args(post("/wholesale/catalog", { intent: "add", variantId: String(hoop.id), quantity: "10" }, uk.jar))),
    );
    uk.jar.take(added.response!);
    const review = (await run(quickLoader(args(get("/wholesale/quick-order", uk.jar))))).data.review;
    expect(review).toMatchObject({ currency: "GBP", subtotal: 48_000, minimum: { ok: true } });
    const placed = await run(
      quickAction(
        args(
          post(
            "/wholesale/quick-order",
            {
              intent: "place",
              idempotencyKey: crypto.randomUUID(),
              expectedTotal: String(review.total),
              poNumber: "HF-1001",
              name: "Spring",
              retailerLocationId: String(uk.locationId),
              shipWindowStart: "",
              shipWindowEnd: "",
              payment: "net30",
            },
            uk.jar,
          ),
        ),
      ),
    );
    expect(placed.status).toBe(303);
    const [order] = await db.select().from(schema.orders).where(eq(schema.orders.retailerId, uk.retailer.id));
    // £480.00 at 0.79 = $607.594… → $607.59, the rate kept on the order.
    expect(order).toMatchObject({
      currency: "GBP",
      total: 48_000,
      settlementCurrency: "USD",
      settlementTotal: 60_759,
      settlementRatePpm: 790_000,
    });
    const [invoice] = await db.select().from(schema.invoices).where(eq(schema.invoices.orderId, order.id));
    expect(invoice).toMatchObject({ currency: "GBP", amount: 48_000, status: "open" });

    const list = (await run(invoicesLoader(args(get("/wholesale/invoices", uk.jar))))).data;
    expect(JSON.stringify(list)).toContain('"currency":"GBP"');

    const receivable = async () => {
      const [row] = await db.execute<{ usd: string | null; gbp: string | null; currencies: string | null }>(sql`
        select sum(l.amount)::text as usd, sum(l.presentment_amount)::text as gbp,
               string_agg(distinct l.presentment_currency, ',') as currencies
        from ledger_lines l join ledger_entries e on e.id = l.entry_id join ledger_accounts a on a.id = l.account_id
        where a.code = 'soko:receivables:USD' and e.reference like ${`invoice:${invoice.number}%`}`);
      return row;
    };
    expect(await receivable()).toEqual({ usd: "60759", gbp: "48000", currencies: "GBP" });

    const paid = await markInvoicePaidLocally({ number: invoice.number, actor: "staff:1", reference: "BACS 1" });
    expect(paid.ok).toBe(true);
    expect(await receivable()).toEqual({ usd: "0", gbp: "0", currencies: "GBP" });
    const receipts = await db.execute<{ usd: string; gbp: string }>(sql`
      select sum(l.amount)::text as usd, sum(l.presentment_amount)::text as gbp
      from ledger_lines l join ledger_entries e on e.id = l.entry_id join ledger_accounts a on a.id = l.account_id
      where a.code = 'soko:wholesale_receipts:USD' and e.reference = ${`invoice:${invoice.number}:paid`}`);
    expect(receipts[0]).toEqual({ usd: "60759", gbp: "48000" });
  });

  it("refuses to change the currency once the retailer has an order: in ops with the reason, and in the database whoever writes", async () => {
    const refused = await run(
      opsRetailerAction(
        args(
          post(
            `/ops/retailers/${uk.retailer.id}`,
            { intent: "approve", tier: "standard", paymentTerms: "net30", currency: "USD", creditLimit: "5000" },
            ops,
          ),
          { id: String(uk.retailer.id) },
        ),
      ),
    );
    expect(refused.status).toBe(409);
    expect(refused.data.errors.currency).toMatch(/already has an order in GBP, so its currency can't change/);
    const direct = await db
      .update(schema.retailers)
      .set({ currency: "EUR" })
      .where(eq(schema.retailers.id, uk.retailer.id))
      .then(
        () => null,
        (error: { cause?: { message?: string; constraint_name?: string } }) => error.cause,
      );
    expect(direct).toMatchObject({ constraint_name: "retailers_currency_fixed", message: expect.stringMatching(/currency cannot change/) });
    const [after] = await db.select().from(schema.retailers).where(eq(schema.retailers.id, uk.retailer.id));
    expect(after).toMatchObject({ currency: "GBP", creditLimit: 500_000 });
  });
});

describe("the portal never takes the shopper's market", () => {
  it("shows a US store's buyer dollars with a UK market cookie", async () => {
    const us = await retailerIn("USD", "Juniper Dollars");
    const page = (await run(catalogLoader(args(withMarketCookie("/wholesale/catalog", us.jar, "gb"))))).data;
    const variant = page.products.flatMap((p: { variants: unknown[] }) => p.variants).find((v: { sku: string }) => v.sku === "GB-HOOP");
    expect(variant).toMatchObject({ currency: "USD", price: 2000, msrp: 4000 });
  });
});

describe("ops sets a retailer's currency", () => {
  it("before its first order, on the retailer page, and the negotiated prices in the old currency go", async () => {
    const { retailer } = await createRetailer(db, { name: "Maple & Pine", paymentTerms: "net30", creditLimit: 100_000 });
    await db.insert(schema.retailerPrices).values({ retailerId: retailer.id, variantId: hoop.id, price: 1750 });
    const saved = await run(
      opsRetailerAction(
        args(
          post(
            `/ops/retailers/${retailer.id}`,
            { intent: "approve", tier: "standard", paymentTerms: "net30", currency: "CAD", creditLimit: "8,000" },
            ops,
          ),
          { id: String(retailer.id) },
        ),
      ),
    );
    expect(saved.status).toBe(303);
    const [after] = await db.select().from(schema.retailers).where(eq(schema.retailers.id, retailer.id));
    expect(after).toMatchObject({ currency: "CAD", creditLimit: 800_000 });
    expect(await db.select().from(schema.retailerPrices).where(eq(schema.retailerPrices.retailerId, retailer.id))).toEqual([]);
    const [audit] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.subject, `retailer:${retailer.id}`), like(schema.auditLog.action, "retailer.terms_changed")));
    expect(audit.data).toMatchObject({ from: { currency: "USD" }, to: { currency: "CAD" }, negotiatedPricesRemoved: 1 });
  });

  it("keeps the account's currency when the form does not name one", async () => {
    const { retailer } = await createRetailer(db, { name: "Euro Store", currency: "EUR", paymentTerms: "card" });
    const saved = await run(
      opsRetailerAction(
        args(
          post(`/ops/retailers/${retailer.id}`, { intent: "approve", tier: "standard", paymentTerms: "net30", creditLimit: "900" }, ops),
          {
            id: String(retailer.id),
          },
        ),
      ),
    );
    expect(saved.status).toBe(303);
    const [after] = await db.select().from(schema.retailers).where(eq(schema.retailers.id, retailer.id));
    expect(after).toMatchObject({ currency: "EUR", paymentTerms: "net30", creditLimit: 90_000 });
  });

  it("refuses a currency we have no price list for", async () => {
    const { retailer } = await createRetailer(db, { name: "Yen Store", paymentTerms: "card" });
    const bad = await run(
      opsRetailerAction(
        args(post(`/ops/retailers/${retailer.id}`, { intent: "approve", tier: "standard", paymentTerms: "card", currency: "JPY" }, ops), {
          id: String(retailer.id),
        }),
      ),
    );
    expect(bad.status).toBe(422);
    expect(bad.data.errors.currency).toBe("Choose the account's currency.");
  });
});

describe("a tier's share of retail, where retail prices include VAT", () => {
  /** The hoop as this retailer's catalog shows it: its price, MSRP and where the price came from. */
  async function hoopFor(currency: string, country: string) {
    const { buyer } = await createRetailer(db, { name: `Tiered ${currency} ${country}`, currency, country, tier: "vat-45" });
    const jar = await signedInJar({ buyerId: buyer!.id });
    const page = (await run(catalogLoader(args(get("/wholesale/catalog", jar))))).data;
    const variants = page.products.flatMap((p: { variants: Array<{ sku: string }> }) => p.variants);
    return variants.find((v: { sku: string }) => v.sku === "GB-HOOP");
  }

  beforeAll(async () => {
    await db.insert(schema.priceTiers).values({ code: "vat-45", name: "Preferred (45%)", percentOfRetail: 4500 });
  });

  it("takes the share of the retail price without its VAT, so a tier leaves the same margin in every market", async () => {
    // Dollars: retail $40.00 has no tax inside it, 45% is $18.00.
    expect(await hoopFor("USD", "US")).toMatchObject({ price: 1800, msrp: 4000, priceSource: "tier" });
    // Pounds: £35.00 includes £5.83 VAT; 45% of £29.17 is £13.13 (not 45% of £35.00, £15.75). The MSRP stays what shoppers pay.
    expect(await hoopFor("GBP", "GB")).toMatchObject({ currency: "GBP", price: 1313, msrp: 3500, priceSource: "tier" });
  });

  it("reads the VAT of the retailer's own country inside the one euro price", async () => {
    const [eu] = await db
      .select({ price: schema.marketPrices.price })
      .from(schema.marketPrices)
      .where(and(eq(schema.marketPrices.market, "eu"), eq(schema.marketPrices.variantId, hoop.id)));
    const share = (vatBp: number) => Math.round(((eu.price - Math.round((eu.price * vatBp) / (10_000 + vatBp))) * 4500) / 10_000);
    expect(await hoopFor("EUR", "DE")).toMatchObject({ currency: "EUR", price: share(1900), msrp: eu.price, priceSource: "tier" });
    expect(await hoopFor("EUR", "IE")).toMatchObject({ currency: "EUR", price: share(2300), msrp: eu.price, priceSource: "tier" });
    expect(share(1900)).toBeGreaterThan(share(2300));
  });
});
