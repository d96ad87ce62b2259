import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { variants } from "./catalog";
import { orders } from "./commerce";

/**
 * A wholesale price list per currency (docs/decisions/0025): its rate from the USD wholesale prices
 * (parts per million; also the rate an order in this currency is booked at), its rounding step and
 * its order minimums. The USD row holds the rate 1 and no prices: the USD list is
 * variants.wholesale_price, its minimums the settings table's.
 */
export const wholesalePriceLists = pgTable(
  "wholesale_price_lists",
  {
    currency: text().primaryKey(),
    ratePpm: integer().notNull(),
    /** Prices are generated to the nearest multiple of this many minor units (50: £12.00, £12.50). */
    roundingStep: integer().notNull().default(1),
    /** Minor units of `currency`; null only for USD (the settings table's). */
    openingMinimum: integer(),
    reorderMinimum: integer(),
    generatedAt: timestamp({ withTimezone: true }),
    generatedBy: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("wholesale_price_lists_rate_positive", sql`${t.ratePpm} > 0`),
    check("wholesale_price_lists_step", sql`${t.roundingStep} between 1 and 10000`),
    check("wholesale_price_lists_minimums", sql`${t.currency} = 'USD' or (${t.openingMinimum} >= 0 and ${t.reorderMinimum} >= 0)`),
  ],
);

/** A variant's wholesale price in a list's currency (minor units), stored: read, never converted per view. */
export const wholesalePrices = pgTable(
  "wholesale_prices",
  {
    currency: text()
      .notNull()
      .references(() => wholesalePriceLists.currency),
    variantId: integer()
      .notNull()
      .references(() => variants.id, { onDelete: "cascade" }),
    price: integer().notNull(),
    source: text({ enum: ["generated", "manual"] })
      .notNull()
      .default("generated"),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.currency, t.variantId] }), check("wholesale_prices_positive", sql`${t.price} > 0`)],
);

export const RETAILER_STATUSES = ["applied", "approved", "rejected", "suspended"] as const;
export const PAYMENT_TERMS = ["card", "net30", "net60"] as const;

export const retailers = pgTable(
  "retailers",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    handle: text().notNull(),
    name: text().notNull(),
    kind: text().notNull().default("boutique"),
    taxId: text(),
    website: text(),
    city: text().notNull().default(""),
    country: text().notNull().default("US"),
    status: text({ enum: RETAILER_STATUSES }).notNull().default("applied"),
    tier: text().notNull().default("standard"),
    paymentTerms: text({ enum: PAYMENT_TERMS }).notNull().default("card"),
    /**
     * Every amount of this retailer (prices, orders, invoices, credit limit) is in this currency
     * (docs/decisions/0025): fixed once it has an order (trigger retailers_currency_fixed).
     */
    currency: text()
      .notNull()
      .default("USD")
      .references(() => wholesalePriceLists.currency),
    /** Minor units of `currency`. */
    creditLimit: integer().notNull().default(0),
    /** From the application form. */
    contactName: text(),
    contactEmail: text(),
    storeLocations: text(),
    expectedVolume: text(),
    decidedAt: timestamp({ withTimezone: true }),
    decidedBy: text(),
    decisionNote: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("retailers_handle_key").on(t.handle), index("retailers_status_idx").on(t.status)],
);

export const buyerUsers = pgTable(
  "buyer_users",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    retailerId: integer()
      .notNull()
      .references(() => retailers.id, { onDelete: "cascade" }),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text(),
    /** An invitation by email: only a hash of the token is kept. */
    inviteTokenHash: text(),
    inviteExpiresAt: timestamp({ withTimezone: true }),
    invitedBy: integer(),
    acceptedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("buyer_users_email_key").on(t.email), index("buyer_users_retailer_idx").on(t.retailerId)],
);

/** Where a retailer's orders ship: stores and warehouses. */
export const retailerLocations = pgTable(
  "retailer_locations",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    retailerId: integer()
      .notNull()
      .references(() => retailers.id, { onDelete: "cascade" }),
    name: text().notNull(),
    line1: text().notNull(),
    line2: text(),
    city: text().notNull(),
    region: text(),
    postalCode: text(),
    country: text().notNull().default("US"),
    isDefault: boolean().notNull().default(false),
  },
  (t) => [index("retailer_locations_retailer_idx").on(t.retailerId)],
);

/** Price tiers as a share of retail (basis points: 5000 = 50% of MSRP). */
export const priceTiers = pgTable("price_tiers", {
  code: text().primaryKey(),
  name: text().notNull(),
  percentOfRetail: integer().notNull(),
});

/** A negotiated price for one retailer and variant, beating its tier. */
export const retailerPrices = pgTable(
  "retailer_prices",
  {
    retailerId: integer()
      .notNull()
      .references(() => retailers.id, { onDelete: "cascade" }),
    variantId: integer()
      .notNull()
      .references(() => variants.id, { onDelete: "cascade" }),
    price: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.retailerId, t.variantId] }), check("retailer_prices_positive", sql`${t.price} > 0`)],
);

/** Volume price breaks: from `minQty` units of a line, `percentOff` (basis points) off the wholesale price. */
export const volumeBreaks = pgTable(
  "volume_breaks",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** Null: applies to every variant. */
    variantId: integer().references(() => variants.id, { onDelete: "cascade" }),
    minQty: integer().notNull(),
    percentOff: integer().notNull(),
  },
  (t) => [index("volume_breaks_variant_idx").on(t.variantId)],
);

/** A saved wholesale order not yet placed. */
export const wholesaleDrafts = pgTable(
  "wholesale_drafts",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    retailerId: integer()
      .notNull()
      .references(() => retailers.id, { onDelete: "cascade" }),
    createdBy: integer().notNull(),
    name: text().notNull().default("Draft order"),
    lines: jsonb().$type<Array<{ variantId: number; quantity: number }>>().notNull().default([]),
    poNumber: text(),
    retailerLocationId: integer(),
    shipWindowStart: date(),
    shipWindowEnd: date(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("wholesale_drafts_retailer_idx").on(t.retailerId)],
);

/** The wholesale side of an order: PO number, ship window and ship-to. */
export const wholesaleOrders = pgTable(
  "wholesale_orders",
  {
    orderId: integer()
      .primaryKey()
      .references(() => orders.id, { onDelete: "cascade" }),
    retailerId: integer()
      .notNull()
      .references(() => retailers.id),
    buyerId: integer().notNull(),
    poNumber: text().notNull(),
    retailerLocationId: integer().references(() => retailerLocations.id),
    shipWindowStart: date(),
    shipWindowEnd: date(),
    paymentTerms: text({ enum: PAYMENT_TERMS }).notNull(),
    /**
     * The order is cancelled (kept in step with orders.status by a trigger, migration 0034): a cancelled
     * PO's number is free again, as X12 practice has it (a new 850 with the same PO after a cancel is a
     * new order).
     */
    cancelled: boolean().notNull().default(false),
    /**
     * The trading partner's allowance (basis points off the goods) and freight charge as they stood
     * when the order was placed (EDI; 0 for portal orders): an 860 revises the order at these, never
     * at the partner's terms of the day.
     */
    allowanceBps: integer().notNull().default(0),
    freightCharge: integer().notNull().default(0),
  },
  (t) => [
    index("wholesale_orders_retailer_idx").on(t.retailerId),
    uniqueIndex("wholesale_orders_po_key").on(t.retailerId, t.poNumber).where(sql`not ${t.cancelled}`),
  ],
);

/** Invoice numbers (INV-10001…). */
export const invoiceNumbers = pgSequence("invoice_numbers", { startWith: 10001 });

export const INVOICE_STATUSES = ["open", "paid", "void", "uncollectible"] as const;

export const invoices = pgTable(
  "invoices",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    number: text().notNull(),
    orderId: integer()
      .notNull()
      .references(() => orders.id),
    retailerId: integer()
      .notNull()
      .references(() => retailers.id),
    currency: text().notNull().default("USD"),
    amount: integer().notNull(),
    amountPaid: integer().notNull().default(0),
    status: text({ enum: INVOICE_STATUSES }).notNull().default("open"),
    issuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    dueDate: date().notNull(),
    paidAt: timestamp({ withTimezone: true }),
    /** "stripe" (Stripe Invoicing) or "local". */
    provider: text().notNull(),
    providerRef: text(),
    lastReminderAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("invoices_number_key").on(t.number),
    uniqueIndex("invoices_provider_ref_key").on(t.providerRef),
    index("invoices_retailer_idx").on(t.retailerId, t.status),
  ],
);

export type Retailer = typeof retailers.$inferSelect;
export type WholesalePriceListRow = typeof wholesalePriceLists.$inferSelect;
export type RetailerLocation = typeof retailerLocations.$inferSelect;
export type Invoice = typeof invoices.$inferSelect;
