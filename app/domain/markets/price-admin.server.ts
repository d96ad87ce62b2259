/**
 * Ops runs the market price lists (docs/decisions/0021-markets-and-currencies.md): the markets at a
 * glance, a market's list page by page, a price set by hand or put back to the generated one, and a
 * regeneration at a new rate or rounding, previewed first, applied in one transaction (refused when
 * the list changed since the preview, so two clicks apply once) and undone within
 * PRICE_RUN_UNDO_MINUTES. Every change writes an audit row; the `market_prices` and `markets`
 * triggers purge the market's pages (`prices:<market>`) on commit.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { auditLog, marketPriceRuns, marketPrices, markets, type MarketPriceBefore, type PriceSource } from "#db/schema";
import { db, type Executor } from "~/lib/db.server";
import { Refusal } from "~/lib/refusal";
import { listTotal } from "~/lib/sql";
import { MARKETS, MARKET_LIST, convertPrice, type MarketCode, type Rounding } from "./markets";
import { setMarketPrice } from "./generate.server";
import { type PreviewVersion, formatPreviewVersion, parsePreviewVersion, stalePreview } from "~/lib/preview-version";

/** How long the last regeneration of a market can be undone. */
export const PRICE_RUN_UNDO_MINUTES = 10;
export const PRICE_LIST_PAGE_SIZE = 50;
/** Before/after rows a preview shows. */
const PREVIEW_SAMPLE = 12;

export type MarketOverview = {
  code: MarketCode;
  name: string;
  currency: string;
  /** Null for the US: its list is the variants' own prices. */
  ratePpm: number | null;
  rounding: Rounding | null;
  variantCount: number;
  manualCount: number;
  generatedAt: string | null;
  generatedBy: string | null;
};

/** Every market with its settings and counts (the US: its variants, at their own prices). */
export async function marketsOverview(executor: Executor = db): Promise<MarketOverview[]> {
  const [settings, counts, variantCount] = await Promise.all([
    executor.select().from(markets),
    executor.execute<{ market: string; variants: number; manual: number }>(sql`
      select market, count(*)::int as variants, count(*) filter (where source = 'manual')::int as manual
      from market_prices group by market`),
    executor.execute<{ n: number }>(sql`select count(*)::int as n from variants`),
  ]);
  return MARKET_LIST.map((m) => {
    const row = settings.find((s) => s.code === m.code);
    const count = counts.find((c) => c.market === m.code);
    const isUs = !m.prefix;
    return {
      code: m.code,
      name: m.name,
      currency: m.currency,
      ratePpm: isUs ? null : (row?.ratePpm ?? m.defaultRatePpm),
      rounding: isUs ? null : { ending: row?.roundingEnding ?? m.defaultRounding.ending },
      variantCount: isUs ? (variantCount[0]?.n ?? 0) : (count?.variants ?? 0),
      manualCount: count?.manual ?? 0,
      generatedAt: row?.priceListGeneratedAt?.toISOString() ?? null,
      generatedBy: row?.priceListGeneratedBy ?? null,
    };
  });
}

export type PriceListRow = {
  variantId: number;
  productId: number;
  product: string;
  variant: string;
  sku: string;
  usd: number;
  usdCompareAt: number | null;
  price: number;
  compareAtPrice: number | null;
  source: PriceSource;
  /** What the market's rate and rounding make of the USD price now (what a reset gives). */
  generated: number;
};

export type PriceListPage = { rows: PriceListRow[]; total: number; page: number; pageCount: number };

/** A page of a market's list, by product title then variant, searched by product title or SKU. */
export async function priceListPage(market: MarketCode, { q = "", page = 1 }: { q?: string; page?: number }): Promise<PriceListPage> {
  const settings = await settingsOf(db, market);
  const needle = q.trim();
  const where = needle
    ? sql`mp.market = ${market} and (p.title ilike ${`%${escapeLike(needle)}%`} or v.sku ilike ${`%${escapeLike(needle)}%`})`
    : sql`mp.market = ${market}`;
  const run = (p: number) =>
    db.execute<{
      variant_id: number;
      product_id: number;
      product: string;
      variant: string;
      sku: string;
      usd: number;
      usd_compare_at: number | null;
      price: number;
      compare_at_price: number | null;
      source: PriceSource;
      total: number;
    }>(sql`
      select mp.variant_id, v.product_id, p.title as product, v.title as variant, v.sku, v.price as usd,
        v.compare_at_price as usd_compare_at, mp.price, mp.compare_at_price, mp.source, count(*) over ()::int as total
      from market_prices mp join variants v on v.id = mp.variant_id join products p on p.id = v.product_id
      where ${where}
      order by p.title, p.id, v.position, v.id
      limit ${PRICE_LIST_PAGE_SIZE} offset ${(p - 1) * PRICE_LIST_PAGE_SIZE}`);
  const current = Math.max(1, Math.min(page, 100_000));
  const rows = await run(current);
  const total = await listTotal(rows, current, async () => {
    const [row] = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from market_prices mp join variants v on v.id = mp.variant_id join products p on p.id = v.product_id
      where ${where}`);
    return Number(row?.n ?? 0);
  });
  return {
    rows: rows.map((r) => ({
      variantId: r.variant_id,
      productId: r.product_id,
      product: r.product,
      variant: r.variant,
      sku: r.sku,
      usd: r.usd,
      usdCompareAt: r.usd_compare_at,
      price: r.price,
      compareAtPrice: r.compare_at_price,
      source: r.source,
      generated: convertPrice(r.usd, settings.ratePpm, settings.rounding),
    })),
    total,
    page: current,
    pageCount: Math.max(1, Math.ceil(total / PRICE_LIST_PAGE_SIZE)),
  };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function listMarket(market: MarketCode) {
  if (!MARKETS[market].prefix) throw new Refusal(409, "The US prices are the products' own: change them on each product's page.");
  return MARKETS[market];
}

/** The market's row; `lock` "share" for one price (it waits for a regeneration), "update" for a regeneration or its undo. */
async function settingsOf(executor: Executor, market: MarketCode, lock?: "share" | "update") {
  const query = executor.select().from(markets).where(eq(markets.code, market));
  const [row] = lock ? await query.for(lock) : await query;
  if (!row) throw new Refusal(404, "There is no such market.");
  return { row, ratePpm: row.ratePpm, rounding: { ending: row.roundingEnding } };
}

type VariantPrice = {
  variant_id: number;
  product: string;
  variant: string;
  sku: string;
  price: number;
  compare_at_price: number | null;
  source: PriceSource;
};

async function currentPrice(tx: Executor, market: MarketCode, variantId: number) {
  const [row] = await tx.execute<VariantPrice & { usd: number; usd_compare_at: number | null }>(sql`
    select mp.variant_id, p.title as product, v.title as variant, v.sku, mp.price, mp.compare_at_price, mp.source,
      v.price as usd, v.compare_at_price as usd_compare_at
    from market_prices mp join variants v on v.id = mp.variant_id join products p on p.id = v.product_id
    where mp.market = ${market} and mp.variant_id = ${variantId}
    for update of mp`);
  if (!row) throw new Refusal(404, "That variant has no price in this market (it may have been deleted).");
  return row;
}

/** Sets one price by hand (kept when the list is generated again), with an audit row. */
export async function setPriceByHand(
  market: MarketCode,
  variantId: number,
  { price, compareAtPrice }: { price: number; compareAtPrice: number | null },
  actor: string,
): Promise<{ sku: string; price: number; compareAtPrice: number | null }> {
  const { currency } = listMarket(market);
  if (!Number.isInteger(price) || price <= 0) throw new Refusal(422, "The price must be more than zero.", "price");
  if (compareAtPrice !== null && compareAtPrice <= price)
    throw new Refusal(422, "The compare-at price must be more than the price (or left empty).", "compareAtPrice");
  return db.transaction(async (tx) => {
    await settingsOf(tx, market, "share");
    const before = await currentPrice(tx, market, variantId);
    await setMarketPrice(tx, market, variantId, { price, compareAtPrice });
    await tx.insert(auditLog).values({
      actor,
      action: "market.price_set",
      subject: `market:${market}`,
      data: {
        currency,
        variantId,
        sku: before.sku,
        product: before.product,
        from: { price: before.price, compareAtPrice: before.compare_at_price, source: before.source },
        to: { price, compareAtPrice, source: "manual" },
      },
    });
    return { sku: before.sku, price, compareAtPrice };
  });
}

/** Puts a hand-set price back to what the market's rate and rounding make of the USD price. */
export async function resetPrice(market: MarketCode, variantId: number, actor: string): Promise<{ sku: string; price: number }> {
  const { currency } = listMarket(market);
  return db.transaction(async (tx) => {
    const { ratePpm, rounding } = await settingsOf(tx, market, "share");
    const before = await currentPrice(tx, market, variantId);
    if (before.source !== "manual") throw new Refusal(409, `${before.sku} is not set by hand: it already follows the generated list.`);
    const price = convertPrice(before.usd, ratePpm, rounding);
    const compareAtPrice = before.usd_compare_at === null ? null : convertPrice(before.usd_compare_at, ratePpm, rounding);
    await tx
      .update(marketPrices)
      .set({ price, compareAtPrice, source: "generated", updatedAt: new Date() })
      .where(and(eq(marketPrices.market, market), eq(marketPrices.variantId, variantId)));
    await tx.insert(auditLog).values({
      actor,
      action: "market.price_reset",
      subject: `market:${market}`,
      data: {
        currency,
        variantId,
        sku: before.sku,
        product: before.product,
        from: { price: before.price, compareAtPrice: before.compare_at_price, source: "manual" },
        to: { price, compareAtPrice, source: "generated" },
      },
    });
    return { sku: before.sku, price };
  });
}

export type Regeneration = { ratePpm: number; rounding: Rounding; replaceManual: boolean };

type PlannedChange = VariantPrice & { updated_at: Date; to: { price: number; compareAtPrice: number | null; source: PriceSource } };

/** What generating the list with `settings` would change, and how many hand-set prices it keeps. */
async function planRegeneration(executor: Executor, market: MarketCode, settings: Regeneration) {
  const rows = await executor.execute<VariantPrice & { usd: number; usd_compare_at: number | null; updated_at: Date }>(sql`
    select mp.variant_id, p.title as product, v.title as variant, v.sku, mp.price, mp.compare_at_price, mp.source, mp.updated_at,
      v.price as usd, v.compare_at_price as usd_compare_at
    from market_prices mp join variants v on v.id = mp.variant_id join products p on p.id = v.product_id
    where mp.market = ${market}
    order by p.title, p.id, v.position, v.id`);
  const changes: PlannedChange[] = [];
  let keptManual = 0;
  for (const row of rows) {
    if (row.source === "manual" && !settings.replaceManual) {
      keptManual++;
      continue;
    }
    const price = convertPrice(row.usd, settings.ratePpm, settings.rounding);
    const compareAtPrice = row.usd_compare_at === null ? null : convertPrice(row.usd_compare_at, settings.ratePpm, settings.rounding);
    if (price === row.price && compareAtPrice === row.compare_at_price && row.source === "generated") continue;
    changes.push({ ...row, to: { price, compareAtPrice, source: "generated" } });
  }
  return { changes, keptManual, total: rows.length };
}

export type RegenerationPreview = {
  market: MarketCode;
  currency: string;
  from: { ratePpm: number; rounding: Rounding };
  to: Regeneration;
  total: number;
  changeCount: number;
  keptManual: number;
  sample: Array<{ variantId: number; product: string; variant: string; sku: string; source: PriceSource; from: number; to: number }>;
  /** The list's version this preview was made from: applying refuses when it moved since. */
  version: string;
};

/** What a regeneration would do, writing nothing. */
export async function previewRegeneration(market: MarketCode, settings: Regeneration): Promise<RegenerationPreview> {
  const { currency } = listMarket(market);
  return db.transaction(
    async (tx) => {
      const current = await settingsOf(tx, market);
      const plan = await planRegeneration(tx, market, settings);
      return {
        market,
        currency,
        from: { ratePpm: current.ratePpm, rounding: current.rounding },
        to: settings,
        total: plan.total,
        changeCount: plan.changes.length,
        keptManual: plan.keptManual,
        sample: plan.changes.slice(0, PREVIEW_SAMPLE).map((c) => ({
          variantId: c.variant_id,
          product: c.product,
          variant: c.variant,
          sku: c.sku,
          source: c.source,
          from: c.price,
          to: c.to.price,
        })),
        version: formatPreviewVersion(await listVersion(tx, market)),
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/**
 * The version of what a preview of the list covers (~/lib/preview-version): the market's settings
 * row, and every price row up to the highest variant priced then (all of them when `upTo` is not
 * given), with the dollar prices each is made from.
 */
async function listVersion(executor: Executor, market: MarketCode, upTo?: number): Promise<PreviewVersion> {
  const [row] = await executor.execute<{ settings: string; up_to: number; rows: string }>(sql`
    with bound as (
      select coalesce(${upTo ?? null}::int, (select max(variant_id) from market_prices where market = ${market}), 0) as up_to)
    select coalesce((select extract(epoch from updated_at)::text from markets where code = ${market}), '0') as settings,
      (select up_to from bound) as up_to,
      (select md5(coalesce(string_agg(concat_ws(':', mp.variant_id, mp.price, coalesce(mp.compare_at_price::text, '-'), mp.source,
                v.price, coalesce(v.compare_at_price::text, '-')), ',' order by mp.variant_id), ''))
        from market_prices mp join variants v on v.id = mp.variant_id, bound
        where mp.market = ${market} and mp.variant_id <= bound.up_to) as rows`);
  return { settings: row.settings, upTo: Number(row.up_to), rows: row.rows };
}

/**
 * Generates the market's list with `settings` in one transaction: only the prices that change are
 * written, each as it was is kept for undo, with one audit row. Refused (409), saying what moved,
 * when what the preview `version` covers changed since: of two identical applies, the second is
 * refused; a product added meanwhile is priced with the rest.
 */
export async function applyRegeneration(
  market: MarketCode,
  settings: Regeneration,
  version: string,
  actor: string,
): Promise<{ runId: number; changed: number; keptManual: number }> {
  const { currency } = listMarket(market);
  return db.transaction(async (tx) => {
    const current = await settingsOf(tx, market, "update");
    const seen = parsePreviewVersion(version);
    const stale = stalePreview(seen, await listVersion(tx, market, seen?.upTo), "rate and rounding");
    if (stale) throw new Refusal(409, stale);
    const plan = await planRegeneration(tx, market, settings);
    const now = new Date();
    await writePrices(
      tx,
      market,
      plan.changes.map((c) => ({ variantId: c.variant_id, ...c.to, updatedAt: now.toISOString() })),
    );
    await tx
      .update(markets)
      .set({
        ratePpm: settings.ratePpm,
        roundingEnding: settings.rounding.ending,
        priceListGeneratedAt: now,
        priceListGeneratedBy: actor,
        updatedAt: now,
      })
      .where(eq(markets.code, market));
    const changes: MarketPriceBefore[] = plan.changes.map((c) => ({
      variantId: c.variant_id,
      price: c.price,
      compareAtPrice: c.compare_at_price,
      source: c.source,
      updatedAt: new Date(c.updated_at).toISOString(),
    }));
    const [run] = await tx
      .insert(marketPriceRuns)
      .values({
        market,
        actor,
        ratePpm: settings.ratePpm,
        roundingEnding: settings.rounding.ending,
        replaceManual: settings.replaceManual,
        changedCount: changes.length,
        keptManualCount: plan.keptManual,
        before: {
          ratePpm: current.row.ratePpm,
          roundingEnding: current.row.roundingEnding,
          priceListGeneratedAt: current.row.priceListGeneratedAt?.toISOString() ?? null,
          priceListGeneratedBy: current.row.priceListGeneratedBy,
          updatedAt: current.row.updatedAt.toISOString(),
        },
        changes,
        createdAt: now,
      })
      .returning({ id: marketPriceRuns.id });
    await tx.insert(auditLog).values({
      actor,
      action: "market.price_list_generated",
      subject: `market:${market}`,
      data: {
        currency,
        run: run.id,
        from: { ratePpm: current.ratePpm, roundingEnding: current.rounding.ending },
        to: { ratePpm: settings.ratePpm, roundingEnding: settings.rounding.ending },
        replaceManual: settings.replaceManual,
        changed: changes.length,
        keptManual: plan.keptManual,
      },
    });
    return { runId: run.id, changed: changes.length, keptManual: plan.keptManual };
  });
}

type PriceWrite = { variantId: number; price: number; compareAtPrice: number | null; source: PriceSource; updatedAt: string };

/** Writes prices of existing rows, 5,000 a statement (one JSON parameter each). */
async function writePrices(tx: Executor, market: MarketCode, rows: PriceWrite[]) {
  for (let start = 0; start < rows.length; start += 5000) {
    const slice = rows.slice(start, start + 5000);
    await tx.execute(sql`
      update market_prices mp
      set price = c.price, compare_at_price = c."compareAtPrice", source = c.source, updated_at = c."updatedAt"
      from jsonb_to_recordset(${JSON.stringify(slice)}::jsonb)
        as c("variantId" int, price int, "compareAtPrice" int, source text, "updatedAt" timestamptz)
      where mp.market = ${market} and mp.variant_id = c."variantId"`);
  }
}

export type UndoableRun = {
  id: number;
  actor: string;
  ratePpm: number;
  rounding: Rounding;
  changedCount: number;
  createdAt: string;
  undoUntil: string;
};

/** The market's last regeneration while it can be undone (not undone, within the window), else null. */
export async function lastUndoableRun(market: MarketCode, executor: Executor = db): Promise<UndoableRun | null> {
  const [last] = await executor
    .select({
      run: marketPriceRuns,
      fresh: sql<boolean>`${marketPriceRuns.createdAt} > now() - make_interval(mins => ${PRICE_RUN_UNDO_MINUTES})`,
    })
    .from(marketPriceRuns)
    .where(eq(marketPriceRuns.market, market))
    .orderBy(desc(marketPriceRuns.id))
    .limit(1);
  if (!last || last.run.undoneAt || !last.fresh) return null;
  const { run } = last;
  return {
    id: run.id,
    actor: run.actor,
    ratePpm: run.ratePpm,
    rounding: { ending: run.roundingEnding },
    changedCount: run.changedCount,
    createdAt: run.createdAt.toISOString(),
    undoUntil: new Date(run.createdAt.getTime() + PRICE_RUN_UNDO_MINUTES * 60_000).toISOString(),
  };
}

/**
 * Puts back every price the regeneration changed, and the market's rate, rounding and "generated"
 * stamp, exactly as they were, in one transaction. Refused when it is not the market's last run, was
 * undone already, is older than PRICE_RUN_UNDO_MINUTES, or when any price of the market or its
 * settings changed after it (undoing would silently throw that later change away).
 */
export async function undoRegeneration(market: MarketCode, runId: number, actor: string): Promise<{ restored: number }> {
  const { currency } = listMarket(market);
  return db.transaction(async (tx) => {
    const current = await settingsOf(tx, market, "update");
    const [found] = await tx
      .select({
        run: marketPriceRuns,
        fresh: sql<boolean>`${marketPriceRuns.createdAt} > now() - make_interval(mins => ${PRICE_RUN_UNDO_MINUTES})`,
      })
      .from(marketPriceRuns)
      .where(and(eq(marketPriceRuns.id, runId), eq(marketPriceRuns.market, market)))
      .for("update");
    if (!found) throw new Refusal(404, "There is no such regeneration of this market's list.");
    const { run } = found;
    if (run.undoneAt) throw new Refusal(409, "This regeneration was undone already.");
    const [later] = await tx
      .select({ id: marketPriceRuns.id })
      .from(marketPriceRuns)
      .where(and(eq(marketPriceRuns.market, market), sql`${marketPriceRuns.id} > ${run.id}`))
      .limit(1);
    if (later) throw new Refusal(409, "Only the last regeneration can be undone, and a later one was made.");
    if (!found.fresh)
      throw new Refusal(
        409,
        `A regeneration can be undone for ${PRICE_RUN_UNDO_MINUTES} minutes; this one is older. Generate the list again instead.`,
      );
    const [edited] = await tx.execute<{ sku: string }>(sql`
      select v.sku from market_prices mp join variants v on v.id = mp.variant_id
      where mp.market = ${market} and mp.updated_at > ${run.createdAt.toISOString()}::timestamptz limit 1`);
    if (edited || current.row.updatedAt.getTime() !== run.createdAt.getTime())
      throw new Refusal(
        409,
        `${edited ? `The price of ${edited.sku}` : "The market's settings"} changed after this regeneration, so it can't be undone. Generate the list again instead.`,
      );
    await writePrices(tx, market, run.changes);
    const { before } = run;
    await tx
      .update(markets)
      .set({
        ratePpm: before.ratePpm,
        roundingEnding: before.roundingEnding,
        priceListGeneratedAt: before.priceListGeneratedAt ? new Date(before.priceListGeneratedAt) : null,
        priceListGeneratedBy: before.priceListGeneratedBy,
        updatedAt: new Date(before.updatedAt),
      })
      .where(eq(markets.code, market));
    await tx.update(marketPriceRuns).set({ undoneAt: sql`now()`, undoneBy: actor }).where(eq(marketPriceRuns.id, run.id));
    await tx.insert(auditLog).values({
      actor,
      action: "market.price_list_undo",
      subject: `market:${market}`,
      data: { currency, run: run.id, restored: run.changes.length, ratePpm: before.ratePpm, roundingEnding: before.roundingEnding },
    });
    return { restored: run.changes.length };
  });
}
