import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, jsonb, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { variants } from "./catalog";
import { locations } from "./inventory";
import { markets } from "./markets";

export type Address = {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode?: string;
  country: string;
  phone?: string;
};

export const customers = pgTable(
  "customers",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** "" only for a customer the register added with a phone number alone (a shopper account always has one). */
    email: text().notNull(),
    name: text().notNull().default(""),
    /** A mobile number in E.164 ("+14155550100"), as ~/lib/phone's normalizeE164 reads it: the register finds and texts customers by it. */
    phone: text(),
    passwordHash: text(),
    /** When the account holder followed the emailed confirmation link (or a reset link): only then are guest orders with this email theirs to see. */
    emailVerifiedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("customers_email_key").on(sql`lower(${t.email})`).where(sql`${t.email} <> ''`),
    // One customer per number; text_pattern_ops so the register's search by the first digits uses it too.
    uniqueIndex("customers_phone_key").on(sql`${t.phone} text_pattern_ops`),
    // The register's customer search: prefixes of the email and of the name (LIKE 'amina%' with any collation),
    // and of any word of the name ("wanj" finds Amina Wanjiru: pg_trgm, migration 0027).
    index("customers_email_prefix_idx").on(sql`lower(${t.email}) text_pattern_ops`),
    index("customers_name_prefix_idx").on(sql`lower(${t.name}) text_pattern_ops`),
    index("customers_name_trgm_idx").using("gin", sql`lower(${t.name}) gin_trgm_ops`),
  ],
);

/**
 * "Forgot your password?" links. Only a SHA-256 of the token is kept; a token is live while unused,
 * unrevoked (a newer request revokes older ones) and before expires_at.
 */
export const customerPasswordResets = pgTable(
  "customer_password_resets",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    customerId: integer()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("customer_password_resets_token_hash_key").on(t.tokenHash),
    index("customer_password_resets_customer_idx").on(t.customerId),
  ],
);

/**
 * A sign-up waiting for its emailed link (docs/decisions/0029): no account exists until the link is
 * followed, so a sign-up with someone else's address changes nothing of theirs and answers like any
 * other. The job that handles it (customer_signup) issues the token (only its SHA-256 is stored) when
 * the email has no account, or revokes the row and tells the account's owner when it has one. The
 * password hash is cleared once the row is used or revoked.
 */
export const customerSignups = pgTable(
  "customer_signups",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text(),
    /** Where it was asked for: the sign-up page, or the "Create an account" tick at checkout. */
    source: text({ enum: ["signup", "checkout"] }).notNull(),
    tokenHash: text(),
    expiresAt: timestamp({ withTimezone: true }),
    usedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("customer_signups_token_hash_key").on(t.tokenHash), index("customer_signups_email_idx").on(sql`lower(${t.email})`)],
);

/**
 * A bag is in one market and that market's currency (docs/decisions/0021): its lines carry no price
 * of their own but are priced from the market's stored list, so a bag can't mix currencies; the
 * check keeps the pair consistent when a switch of market re-prices the bag (one conditional write).
 */
export const carts = pgTable(
  "carts",
  {
    id: uuid().primaryKey().defaultRandom(),
    customerId: integer().references(() => customers.id),
    /** One of app/domain/markets' codes; the bag's prices are that market's stored list. */
    market: text().notNull().default("us"),
    currency: text().notNull().default("USD"),
    email: text(),
    shippingAddress: jsonb().$type<Address>(),
    shippingMethod: text(),
    discountCode: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The pair is a market's own: a bag in GBP is a bag of the GB market, whoever writes it.
    foreignKey({ name: "carts_market_currency_fkey", columns: [t.market, t.currency], foreignColumns: [markets.code, markets.currency] }),
  ],
);

export const cartLines = pgTable(
  "cart_lines",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    cartId: uuid()
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    variantId: integer()
      .notNull()
      .references(() => variants.id, { onDelete: "cascade" }),
    quantity: integer().notNull(),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("cart_lines_cart_variant_key").on(t.cartId, t.variantId),
    check("cart_lines_quantity", sql`${t.quantity} between 1 and 999`),
  ],
);

export const DISCOUNT_KINDS = ["percent", "fixed"] as const;

export const discountCodes = pgTable(
  "discount_codes",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull(),
    kind: text({ enum: DISCOUNT_KINDS }).notNull(),
    /** Percent (1..100) or an amount in minor units of `currency`. */
    value: integer().notNull(),
    currency: text().notNull().default("USD"),
    minSubtotal: integer().notNull().default(0),
    startsAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }),
    usageLimit: integer(),
    usedCount: integer().notNull().default(0),
  },
  (t) => [uniqueIndex("discount_codes_code_key").on(sql`upper(${t.code})`)],
);

export const CHANNELS = ["web", "wholesale", "pos"] as const;
export type Channel = (typeof CHANNELS)[number];
export const ORDER_STATUSES = ["open", "in_production", "ready", "packed", "shipped", "delivered", "cancelled"] as const;
export const PAYMENT_STATUSES = ["pending", "paid", "partially_refunded", "refunded", "failed", "on_terms"] as const;

/** Human order numbers (SK-100001…), gap-tolerant, never reused. */
export const orderNumbers = pgSequence("order_numbers", { startWith: 100001 });

export const orders = pgTable(
  "orders",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    number: text().notNull(),
    channel: text({ enum: CHANNELS }).notNull(),
    status: text({ enum: ORDER_STATUSES }).notNull().default("open"),
    paymentStatus: text({ enum: PAYMENT_STATUSES }).notNull().default("pending"),
    customerId: integer().references(() => customers.id),
    retailerId: integer(),
    email: text().notNull(),
    shippingAddress: jsonb().$type<Address>(),
    shippingMethod: text(),
    currency: text().notNull(),
    subtotal: integer().notNull(),
    discountTotal: integer().notNull().default(0),
    shippingTotal: integer().notNull().default(0),
    taxTotal: integer().notNull().default(0),
    total: integer().notNull(),
    /**
     * The VAT/GST inside `total` where the market's prices include it (GB, EU, AU): part of the
     * total, not added to it (`taxTotal` is tax added on top, US and CA). Shown as "including £x VAT".
     */
    taxIncluded: integer().notNull().default(0),
    /** The market the shopper bought in (web); `currency` is its presentment currency. */
    market: text(),
    /**
     * What the order settles as in US dollars (the ledger's and ops' figure) and the rate used: the
     * market's stored rate at order time (USD → `currency`, parts per million). A USD order: the total, 1,000,000.
     */
    settlementCurrency: text().notNull().default("USD"),
    settlementTotal: integer(),
    settlementRatePpm: integer(),
    discountCode: text(),
    /** The client's submit key: the same checkout submitted twice makes one order. */
    idempotencyKey: text(),
    placedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("orders_number_key").on(t.number),
    uniqueIndex("orders_idempotency_key").on(t.idempotencyKey),
    index("orders_customer_idx").on(t.customerId, t.placedAt),
    index("orders_placed_idx").on(t.placedAt),
  ],
);

export const orderLines = pgTable(
  "order_lines",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    variantId: integer()
      .notNull()
      .references(() => variants.id),
    sku: text().notNull(),
    title: text().notNull(),
    quantity: integer().notNull(),
    unitPrice: integer().notNull(),
    /** A line discount (POS), minor units off this line's quantity × unit price. */
    discount: integer().notNull().default(0),
    total: integer().notNull(),
  },
  (t) => [index("order_lines_order_idx").on(t.orderId), check("order_lines_quantity", sql`${t.quantity} > 0`)],
);

export const ALLOCATION_KINDS = ["stock", "production"] as const;

/** Where each unit of a line comes from: stock at a location, or a production request. */
export const allocations = pgTable(
  "allocations",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orderLineId: integer()
      .notNull()
      .references(() => orderLines.id, { onDelete: "cascade" }),
    kind: text({ enum: ALLOCATION_KINDS }).notNull(),
    locationId: integer().references(() => locations.id),
    productionRequestId: integer(),
    quantity: integer().notNull(),
    releasedAt: timestamp({ withTimezone: true }),
    /** Stock that left with a shipment: its reservation became a decrease of on-hand. */
    consumedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("allocations_line_idx").on(t.orderLineId)],
);

/**
 * A charge, from before it is asked for until its order holds it. A web checkout writes its row
 * (status "charging", the submit's idempotency key, its bag, no provider reference yet) BEFORE
 * charging the card (then "succeeded", "declined", "refunding" — owed back, the refund failed —,
 * "refunded" or "void" — nothing was charged), so a crash between the charge and the order leaves a
 * row the reconcile sweep finds once it is a couple of minutes old: its reconcile_charge job finishes
 * the order or refunds the charge (docs/decisions/0033).
 */
export const payments = pgTable(
  "payments",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer().references(() => orders.id),
    provider: text().notNull(),
    /** Null while charging: the provider has not answered yet. */
    providerRef: text(),
    /** The checkout submit's key (also the provider's idempotency key); null for payments recorded with their order. */
    idempotencyKey: text(),
    /** The bag a web checkout's charge pays for (its reconcile_charge job places that bag's order); null otherwise. */
    cartId: uuid(),
    amount: integer().notNull(),
    currency: text().notNull(),
    status: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payments_provider_ref_key").on(t.provider, t.providerRef),
    uniqueIndex("payments_idempotency_key").on(t.idempotencyKey),
    index("payments_order_idx").on(t.orderId),
    // What the reconcile sweep reads: charges no order holds, not yet settled (a few at any time).
    index("payments_unsettled_idx")
      .on(t.updatedAt)
      .where(sql`${t.orderId} is null and ${t.status} in ('charging', 'succeeded', 'refunding')`),
  ],
);

export const refunds = pgTable(
  "refunds",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer()
      .notNull()
      .references(() => orders.id),
    paymentId: integer().references(() => payments.id),
    amount: integer().notNull(),
    currency: text().notNull(),
    reason: text().notNull().default(""),
    providerRef: text(),
    status: text().notNull().default("pending"),
    /** The staff form's submit key: a double submit refunds once. */
    idempotencyKey: text(),
    /**
     * Why a failed refund failed: "refused" (the provider answered and made nothing) or "unanswered"
     * (a timeout, a dropped connection, the provider's 5xx: it may have made it). Null on a refund that
     * didn't fail, and on failed ones recorded before this was kept (migration 0043): unknown.
     */
    failure: text().$type<"refused" | "unanswered">(),
    /** Who asked for it ("staff:3", "system"); null on Stripe's own (charge.refunded) and on older rows. */
    actor: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("refunds_order_idx").on(t.orderId), uniqueIndex("refunds_idempotency_key").on(t.idempotencyKey)],
);

export const shipments = pgTable(
  "shipments",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer()
      .notNull()
      .references(() => orders.id),
    carrier: text().notNull(),
    trackingNumber: text().notNull(),
    shippedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("shipments_order_idx").on(t.orderId)],
);

/** Every provider event we have seen, once: replays and duplicates stop at the unique key. */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    provider: text().notNull(),
    eventId: text().notNull(),
    type: text().notNull(),
    payload: jsonb().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("webhook_events_provider_event_key").on(t.provider, t.eventId)],
);

/** Order-level history (paid, packed, shipped, refunded…); production has its own events. */
export const orderEvents = pgTable(
  "order_events",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    orderLineId: integer(),
    type: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    actor: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("order_events_order_idx").on(t.orderId, t.at)],
);

export type Customer = typeof customers.$inferSelect;
export type CustomerPasswordReset = typeof customerPasswordResets.$inferSelect;
export type Cart = typeof carts.$inferSelect;
export type CartLine = typeof cartLines.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type OrderLine = typeof orderLines.$inferSelect;
export type DiscountCode = typeof discountCodes.$inferSelect;
