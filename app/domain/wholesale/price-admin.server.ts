/**
 * Ops runs the wholesale price lists (docs/decisions/0025): the lists at a glance, a list's prices
 * page by page, a price set by hand or put back to the computed one, and a new rate or rounding step,
 * previewed first (how many prices move, before → after) and applied in one transaction, refused when
 * the list changed since the preview (so two clicks apply once). Every change writes an audit row.
 *
 * Orders never move: an order's lines and total are fixed when it is placed, and its USD settlement
 * is booked at the rate it was placed at. A new rate is what orders placed from now are priced and
 * booked at.
 */
import { and, eq, sql } from "drizzle-orm";
import { auditLog, settings as settingsTable, wholesalePriceLists, wholesalePrices } from "#db/schema";
import { db, type Executor } from "~/lib/db.server";
import { Refusal } from "~/lib/refusal";
import { listTotal } from "~/lib/sql";
import { generateWholesaleList } from "./currency.server";
import { OPENING_MINIMUM_KEY, REORDER_MINIMUM_KEY, wholesaleSettings } from "./settings.server";
import { WHOLESALE_CURRENCIES, wholesalePriceOf, type WholesaleCurrency } from "./pricing";
import { type PreviewVersion, formatPreviewVersion, parsePreviewVersion, stalePreview } from "~/lib/preview-version";

export const WHOLESALE_PRICE_PAGE_SIZE = 50;
/** Before/after rows a preview shows. */
const PREVIEW_SAMPLE = 12;
/** The largest price a list may hold (the column is an int4; a rate that would price past this is refused). */
export const MAX_WHOLESALE_PRICE = 1_000_000_000;
/** The rounding step's bounds in minor units (the table's check: 1 to 10,000). */
export const MAX_ROUNDING_STEP = 10_000;

export type WholesaleListOverview = {
  currency: WholesaleCurrency;
  ratePpm: number;
  step: number;
  /** Minor units of `currency` (USD's from the settings table, the others from their list). */
  openingMinimum: number;
  reorderMinimum: number;
  variantCount: number;
  manualCount: number;
  generatedAt: string | null;
  generatedBy: string | null;
};

/** A currency from a URL or a form: one of the lists ops runs (USD's prices are the variants' own). */
export function listCurrencyOf(input: string | null | undefined): Exclude<WholesaleCurrency, "USD"> | null {
  const code = (input ?? "").trim().toUpperCase();
  return code !== "USD" && (WHOLESALE_CURRENCIES as readonly string[]).includes(code) ? (code as Exclude<WholesaleCurrency, "USD">) : null;
}

/** Every list with its settings and counts, in the order ops is offered the currencies. */
export async function wholesaleListsOverview(executor: Executor = db): Promise<WholesaleListOverview[]> {
  const [lists, counts, variants, usdMinimums] = await Promise.all([
    executor.select().from(wholesalePriceLists),
    executor.execute<{ currency: string; variants: number; manual: number }>(sql`
      select currency, count(*)::int as variants, count(*) filter (where source = 'manual')::int as manual
      from wholesale_prices group by currency`),
    executor.execute<{ n: number }>(sql`select count(*)::int as n from variants`),
    wholesaleSettings(executor),
  ]);
  return WHOLESALE_CURRENCIES.flatMap((currency) => {
    const list = lists.find((l) => l.currency === currency);
    if (!list) return [];
    const count = counts.find((c) => c.currency === currency);
    return [
      {
        currency,
        ratePpm: list.ratePpm,
        step: list.roundingStep,
        openingMinimum: currency === "USD" ? usdMinimums.openingMinimum : (list.openingMinimum ?? 0),
        reorderMinimum: currency === "USD" ? usdMinimums.reorderMinimum : (list.reorderMinimum ?? 0),
        variantCount: currency === "USD" ? (variants[0]?.n ?? 0) : (count?.variants ?? 0),
        manualCount: count?.manual ?? 0,
        generatedAt: list.generatedAt?.toISOString() ?? null,
        generatedBy: list.generatedBy,
      },
    ];
  });
}

export type WholesalePriceRow = {
  variantId: number;
  product: string;
  variant: string;
  sku: string;
  /** The variant's own USD wholesale price, the list's source. */
  usd: number;
  price: number;
  source: "generated" | "manual";
  /** What the list's rate and step make of the USD price now (what a reset gives). */
  computed: number;
};

export type WholesalePricePage = { rows: WholesalePriceRow[]; total: number; page: number; pageCount: number };

/** Whether a row's product title or SKU contains `q` (any case), as the list's search finds it. */
const matches = (row: { product: string; sku: string }, q: string) => {
  const needle = q.trim().toLowerCase();
  return !needle || row.product.toLowerCase().includes(needle) || row.sku.toLowerCase().includes(needle);
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A page of a list, by product title then variant, searched by product title or SKU. */
export async function wholesalePricePage(
  currency: string,
  { q = "", page = 1 }: { q?: string; page?: number },
): Promise<WholesalePricePage> {
  const list = await listOf(db, currency);
  const needle = q.trim();
  const where = needle
    ? sql`wp.currency = ${currency} and (p.title ilike ${`%${escapeLike(needle)}%`} or v.sku ilike ${`%${escapeLike(needle)}%`})`
    : sql`wp.currency = ${currency}`;
  const run = (n: number) =>
    db.execute<{
      variant_id: number;
      product: string;
      variant: string;
      sku: string;
      usd: number;
      price: number;
      source: "generated" | "manual";
      total: number;
    }>(sql`
      select wp.variant_id, p.title as product, v.title as variant, v.sku, v.wholesale_price as usd, wp.price, wp.source,
        count(*) over ()::int as total
      from wholesale_prices wp join variants v on v.id = wp.variant_id join products p on p.id = v.product_id
      where ${where}
      order by p.title, p.id, v.position, v.id
      limit ${WHOLESALE_PRICE_PAGE_SIZE} offset ${(n - 1) * WHOLESALE_PRICE_PAGE_SIZE}`);
  const current = Math.max(1, Math.min(page, 100_000));
  const rows = await run(current);
  const total = await listTotal(rows, current, async () => {
    const [row] = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from wholesale_prices wp join variants v on v.id = wp.variant_id join products p on p.id = v.product_id
      where ${where}`);
    return Number(row?.n ?? 0);
  });
  return {
    rows: rows.map((r) => ({
      variantId: r.variant_id,
      product: r.product,
      variant: r.variant,
      sku: r.sku,
      usd: r.usd,
      price: r.price,
      source: r.source,
      computed: wholesalePriceOf(r.usd, list.ratePpm, list.roundingStep),
    })),
    total,
    page: current,
    pageCount: Math.max(1, Math.ceil(total / WHOLESALE_PRICE_PAGE_SIZE)),
  };
}

/** The list's row; `lock` "share" for one price (it waits for a regeneration), "update" for a regeneration. */
async function listOf(executor: Executor, currency: string, lock?: "share" | "update") {
  if (!listCurrencyOf(currency)) throw new Refusal(404, "There is no wholesale price list in that currency.");
  const query = executor.select().from(wholesalePriceLists).where(eq(wholesalePriceLists.currency, currency));
  const [row] = lock ? await query.for(lock) : await query;
  if (!row) throw new Refusal(404, "There is no wholesale price list in that currency.");
  return row;
}

async function currentPrice(tx: Executor, currency: string, variantId: number) {
  const [row] = await tx.execute<{
    variant_id: number;
    product: string;
    sku: string;
    usd: number;
    price: number;
    source: "generated" | "manual";
  }>(sql`
    select wp.variant_id, p.title as product, v.sku, v.wholesale_price as usd, wp.price, wp.source
    from wholesale_prices wp join variants v on v.id = wp.variant_id join products p on p.id = v.product_id
    where wp.currency = ${currency} and wp.variant_id = ${variantId}
    for update of wp`);
  if (!row) throw new Refusal(404, "That variant has no price in this list (it may have been deleted).");
  return row;
}

/** Sets one price by hand (kept when the list is generated again), with an audit row. */
export async function setWholesalePriceByHand(
  currency: string,
  variantId: number,
  price: number,
  actor: string,
): Promise<{ sku: string; price: number }> {
  if (!Number.isSafeInteger(price) || price <= 0) throw new Refusal(422, "The price must be more than zero.", "price");
  if (price > MAX_WHOLESALE_PRICE) throw new Refusal(422, "That price is too large for a wholesale list.", "price");
  return db.transaction(async (tx) => {
    await listOf(tx, currency, "share");
    const before = await currentPrice(tx, currency, variantId);
    await tx
      .update(wholesalePrices)
      .set({ price, source: "manual", updatedAt: new Date() })
      .where(and(eq(wholesalePrices.currency, currency), eq(wholesalePrices.variantId, variantId)));
    await tx.insert(auditLog).values({
      actor,
      action: "wholesale_price.set",
      subject: `wholesale_prices:${currency}`,
      data: {
        currency,
        variantId,
        sku: before.sku,
        product: before.product,
        from: { price: before.price, source: before.source },
        to: { price, source: "manual" },
      },
    });
    return { sku: before.sku, price };
  });
}

/** Puts a hand-set price back to what the list's rate and step make of the USD wholesale price. */
export async function resetWholesalePrice(currency: string, variantId: number, actor: string): Promise<{ sku: string; price: number }> {
  return db.transaction(async (tx) => {
    const list = await listOf(tx, currency, "share");
    const before = await currentPrice(tx, currency, variantId);
    if (before.source !== "manual") throw new Refusal(409, `${before.sku} is not set by hand: it already follows the list's rate.`);
    const price = wholesalePriceOf(before.usd, list.ratePpm, list.roundingStep);
    await tx
      .update(wholesalePrices)
      .set({ price, source: "generated", updatedAt: new Date() })
      .where(and(eq(wholesalePrices.currency, currency), eq(wholesalePrices.variantId, variantId)));
    await tx.insert(auditLog).values({
      actor,
      action: "wholesale_price.reset",
      subject: `wholesale_prices:${currency}`,
      data: {
        currency,
        variantId,
        sku: before.sku,
        product: before.product,
        from: { price: before.price, source: "manual" },
        to: { price, source: "generated" },
      },
    });
    return { sku: before.sku, price };
  });
}

export type WholesaleMinimums = { openingMinimum: number; reorderMinimum: number };

/**
 * Sets a currency's order minimums (minor units of that currency; zero: none), with an audit row of
 * before and after. USD's live in the settings table, the others on their list's row. The list's row
 * is locked so two changes queue, but its `updated_at` is left alone: it versions the prices a
 * regeneration preview was made from, which a minimum does not touch. The portal reads them per
 * request, so a retailer's next page shows them; orders already placed are not judged again.
 */
export async function setWholesaleMinimums(
  currency: string,
  minimums: WholesaleMinimums,
  actor: string,
): Promise<WholesaleMinimums & { currency: WholesaleCurrency }> {
  for (const [field, amount] of Object.entries(minimums))
    if (!Number.isSafeInteger(amount) || amount < 0 || amount > MAX_WHOLESALE_PRICE)
      throw new Refusal(422, "A minimum must be zero or more, and at most what a wholesale list can hold.", field);
  const code = (WHOLESALE_CURRENCIES as readonly string[]).find((c) => c === currency);
  if (!code) throw new Refusal(404, "There is no wholesale price list in that currency.");
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(wholesalePriceLists).where(eq(wholesalePriceLists.currency, code)).for("update");
    if (!row) throw new Refusal(404, "There is no wholesale price list in that currency.");
    const before = await wholesaleSettings(tx, code);
    if (code === "USD") {
      const now = new Date();
      for (const [key, value] of [
        [OPENING_MINIMUM_KEY, minimums.openingMinimum],
        [REORDER_MINIMUM_KEY, minimums.reorderMinimum],
      ] as const)
        await tx
          .insert(settingsTable)
          .values({ key, value, updatedAt: now, updatedBy: actor })
          .onConflictDoUpdate({ target: settingsTable.key, set: { value, updatedAt: now, updatedBy: actor } });
    } else {
      await tx
        .update(wholesalePriceLists)
        .set({ openingMinimum: minimums.openingMinimum, reorderMinimum: minimums.reorderMinimum })
        .where(eq(wholesalePriceLists.currency, code));
    }
    await tx.insert(auditLog).values({
      actor,
      action: "wholesale_minimums.set",
      subject: `wholesale_price_lists:${code}`,
      data: {
        currency: code,
        from: { openingMinimum: before.openingMinimum, reorderMinimum: before.reorderMinimum },
        to: minimums,
      },
    });
    return { currency: code as WholesaleCurrency, ...minimums };
  });
}

export type WholesaleRegeneration = { ratePpm: number; step: number };

type PlannedRow = { variant_id: number; product: string; variant: string; sku: string; usd: number; price: number; source: string };

/** What the list at `settings` would change (hand-set prices are kept), refused when a price would not fit. */
async function plan(executor: Executor, currency: string, settings: WholesaleRegeneration) {
  const rows = await executor.execute<PlannedRow>(sql`
    select wp.variant_id, p.title as product, v.title as variant, v.sku, v.wholesale_price as usd, wp.price, wp.source
    from wholesale_prices wp join variants v on v.id = wp.variant_id join products p on p.id = v.product_id
    where wp.currency = ${currency}
    order by p.title, p.id, v.position, v.id`);
  const changes: Array<PlannedRow & { to: number }> = [];
  let keptManual = 0;
  for (const row of rows) {
    if (row.source === "manual") {
      keptManual++;
      continue;
    }
    const to = wholesalePriceOf(row.usd, settings.ratePpm, settings.step);
    if (to > MAX_WHOLESALE_PRICE)
      throw new Refusal(422, `At that rate ${row.sku} would cost more than a wholesale list can hold. Check the rate.`, "rate");
    if (to !== row.price) changes.push({ ...row, to });
  }
  return { changes, keptManual, total: rows.length };
}

export type WholesaleRegenerationPreview = {
  currency: string;
  from: WholesaleRegeneration;
  to: WholesaleRegeneration;
  total: number;
  changeCount: number;
  keptManual: number;
  sample: Array<{ variantId: number; product: string; variant: string; sku: string; from: number; to: number }>;
  /** The list's version this preview was made from: applying refuses when it moved since. */
  version: string;
  /** The search the sample is limited to ("" for every change). */
  q: string;
};

function checkSettings(settings: WholesaleRegeneration) {
  if (!Number.isSafeInteger(settings.ratePpm) || settings.ratePpm <= 0 || settings.ratePpm > 1_000_000_000)
    throw new Refusal(422, "The rate must be a number more than zero.", "rate");
  if (!Number.isInteger(settings.step) || settings.step < 1 || settings.step > MAX_ROUNDING_STEP)
    throw new Refusal(422, "The rounding step must be at least one minor unit and at most 100.00.", "step");
}

/** What a new rate and step would do, writing nothing; its sample of changes limited to products or SKUs matching `q` when given. */
export async function previewWholesaleRegeneration(
  currency: string,
  settings: WholesaleRegeneration,
  q = "",
): Promise<WholesaleRegenerationPreview> {
  checkSettings(settings);
  return db.transaction(
    async (tx) => {
      const list = await listOf(tx, currency);
      const planned = await plan(tx, currency, settings);
      return {
        currency,
        from: { ratePpm: list.ratePpm, step: list.roundingStep },
        to: settings,
        total: planned.total,
        changeCount: planned.changes.length,
        keptManual: planned.keptManual,
        sample: planned.changes
          .filter((c) => matches(c, q))
          .slice(0, PREVIEW_SAMPLE)
          .map((c) => ({
            variantId: c.variant_id,
            product: c.product,
            variant: c.variant,
            sku: c.sku,
            from: c.price,
            to: c.to,
          })),
        version: formatPreviewVersion(await listVersion(tx, currency)),
        q: q.trim(),
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/**
 * The version of what a preview of the list covers (~/lib/preview-version): the list's row, and
 * every price row up to the highest variant priced then (all of them when `upTo` is not given),
 * with the dollar wholesale price each is made from.
 */
async function listVersion(executor: Executor, currency: string, upTo?: number): Promise<PreviewVersion> {
  const [row] = await executor.execute<{ settings: string; up_to: number; rows: string }>(sql`
    with bound as (
      select coalesce(${upTo ?? null}::int, (select max(variant_id) from wholesale_prices where currency = ${currency}), 0) as up_to)
    select coalesce((select extract(epoch from updated_at)::text from wholesale_price_lists where currency = ${currency}), '0') as settings,
      (select up_to from bound) as up_to,
      (select md5(coalesce(string_agg(concat_ws(':', wp.variant_id, wp.price, wp.source, v.wholesale_price), ',' order by wp.variant_id), ''))
        from wholesale_prices wp join variants v on v.id = wp.variant_id, bound
        where wp.currency = ${currency} and wp.variant_id <= bound.up_to) as rows`);
  return { settings: row.settings, upTo: Number(row.up_to), rows: row.rows };
}

/**
 * Sets the list's rate and step and generates its prices again (hand-set ones kept) in one
 * transaction, with one audit row. Refused (409), saying what moved, when what the preview `version`
 * covers changed since: of two identical applies, the second is refused; a product added meanwhile
 * is priced with the rest.
 */
export async function applyWholesaleRegeneration(
  currency: string,
  settings: WholesaleRegeneration,
  version: string,
  actor: string,
): Promise<{ changed: number; keptManual: number }> {
  checkSettings(settings);
  return db.transaction(async (tx) => {
    const list = await listOf(tx, currency, "update");
    const seen = parsePreviewVersion(version);
    const stale = stalePreview(seen, await listVersion(tx, currency, seen?.upTo), "rate and step");
    if (stale) throw new Refusal(409, stale);
    const planned = await plan(tx, currency, settings);
    await generateWholesaleList(tx, currency, { ratePpm: settings.ratePpm, step: settings.step, actor });
    await tx.insert(auditLog).values({
      actor,
      action: "wholesale_prices.generate",
      subject: `wholesale_prices:${currency}`,
      data: {
        currency,
        from: { ratePpm: list.ratePpm, step: list.roundingStep },
        to: settings,
        changed: planned.changes.length,
        keptManual: planned.keptManual,
        sample: planned.changes.slice(0, PREVIEW_SAMPLE).map((c) => ({ variantId: c.variant_id, sku: c.sku, from: c.price, to: c.to })),
      },
    });
    return { changed: planned.changes.length, keptManual: planned.keptManual };
  });
}
