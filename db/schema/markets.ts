import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { variants } from "./catalog";

export const PRICE_SOURCES = ["generated", "manual"] as const;
export type PriceSource = (typeof PRICE_SOURCES)[number];

/**
 * A market's settings that ops changes (docs/decisions/0021-markets-and-currencies.md): the rate its
 * price list is generated from the USD prices with, and the rounding. What does not change (currency,
 * tax display, URL prefix, shipping) is app/domain/markets/markets.ts; `code` is one of its codes.
 */
export const markets = pgTable(
  "markets",
  {
    code: text().primaryKey(),
    currency: text().notNull(),
    /** USD → this currency, parts per million (0.88 = 880000). */
    ratePpm: integer().notNull(),
    /** Minor part every generated price ends with: 0 (whole units) or 95 (x.95). */
    roundingEnding: integer().notNull().default(0),
    priceListGeneratedAt: timestamp({ withTimezone: true }),
    /** Who generated it last: an audit actor ("staff:3"), or null for the seed and the migration. */
    priceListGeneratedBy: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // What a bag's (market, currency) refers to (carts_market_currency_fkey).
    uniqueIndex("markets_code_currency_key").on(t.code, t.currency),
    check("markets_rate_positive", sql`${t.ratePpm} > 0`),
    check("markets_rounding_ending", sql`${t.roundingEnding} >= 0 and ${t.roundingEnding} < 100`),
  ],
);

/**
 * A market's price of a variant, in the market's currency (minor units), stored: pages read it, never
 * convert. The US list is `variants.price` itself. `source` says whether ops set it by hand (kept when
 * the list is generated again) or it came from the rate and rounding.
 */
export const marketPrices = pgTable(
  "market_prices",
  {
    market: text()
      .notNull()
      .references(() => markets.code),
    variantId: integer()
      .notNull()
      .references(() => variants.id, { onDelete: "cascade" }),
    currency: text().notNull(),
    price: integer().notNull(),
    compareAtPrice: integer(),
    source: text({ enum: PRICE_SOURCES }).notNull().default("generated"),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.market, t.variantId] }),
    check("market_prices_price_positive", sql`${t.price} > 0 and (${t.compareAtPrice} is null or ${t.compareAtPrice} > 0)`),
  ],
);

export type MarketRow = typeof markets.$inferSelect;
export type MarketPriceRow = typeof marketPrices.$inferSelect;

/** One market price as it was before a regeneration changed it (what undo writes back, exactly). */
export type MarketPriceBefore = {
  variantId: number;
  price: number;
  compareAtPrice: number | null;
  source: PriceSource;
  updatedAt: string;
};

/** The market's settings before a regeneration (undo puts them back too). */
export type MarketSettingsBefore = {
  ratePpm: number;
  roundingEnding: number;
  priceListGeneratedAt: string | null;
  priceListGeneratedBy: string | null;
  updatedAt: string;
};

/**
 * A regeneration of a market's price list that ops applied from the console: the new rate and
 * rounding, and every price it changed as it was before, so the last one can be undone within a few
 * minutes (refused once any price of the market or its settings changed after it).
 */
export const marketPriceRuns = pgTable(
  "market_price_runs",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    market: text()
      .notNull()
      .references(() => markets.code),
    actor: text().notNull(),
    ratePpm: integer().notNull(),
    roundingEnding: integer().notNull(),
    replaceManual: boolean().notNull(),
    changedCount: integer().notNull(),
    keptManualCount: integer().notNull(),
    before: jsonb().$type<MarketSettingsBefore>().notNull(),
    changes: jsonb().$type<MarketPriceBefore[]>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    undoneAt: timestamp({ withTimezone: true }),
    undoneBy: text(),
  },
  (t) => [index("market_price_runs_market_idx").on(t.market, t.id)],
);

export type MarketPriceRun = typeof marketPriceRuns.$inferSelect;
