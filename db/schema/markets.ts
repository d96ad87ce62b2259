import { sql } from "drizzle-orm";
import { check, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
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
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
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
