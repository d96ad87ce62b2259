import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { artisans } from "./artisans";
import { products } from "./catalog";
import { customers, orderLines, orders } from "./commerce";
import { staffUsers } from "./platform";

export const REVIEW_STATUSES = ["pending", "approved", "rejected"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/**
 * A verified buyer's review of one order line (one per line: the piece they received). Written
 * through the order's signed review link or the buyer's account; shown on the product page only
 * once ops approved it. The maker is the artisan whose work the line was (null from stock).
 */
export const reviews = pgTable(
  "reviews",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orderLineId: integer()
      .notNull()
      .references(() => orderLines.id, { onDelete: "cascade" }),
    orderId: integer()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    productId: integer()
      .notNull()
      .references(() => products.id),
    artisanId: integer().references(() => artisans.id),
    customerId: integer().references(() => customers.id),
    /** The name the buyer chose to show ("Amina K."). */
    authorName: text().notNull(),
    rating: integer().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    status: text({ enum: REVIEW_STATUSES }).notNull().default("pending"),
    rejectionReason: text(),
    moderatedBy: integer().references(() => staffUsers.id),
    moderatedAt: timestamp({ withTimezone: true }),
    /** "Was this helpful?" yes votes, kept beside the review so the product page sorts by it with an index. */
    helpfulCount: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("reviews_order_line_key").on(t.orderLineId),
    index("reviews_product_shown_idx")
      .on(t.productId, t.helpfulCount.desc(), t.createdAt.desc(), t.id.desc())
      .where(sql`${t.status} = 'approved'`),
    index("reviews_queue_idx").on(t.status, t.createdAt),
    index("reviews_order_idx").on(t.orderId),
    check("reviews_rating", sql`${t.rating} between 1 and 5`),
    check("reviews_helpful", sql`${t.helpfulCount} >= 0`),
  ],
);

/** A review's photos: uploads (key set, a file in the upload store) or, in the demo, generated art (key null). */
export const reviewPhotos = pgTable(
  "review_photos",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    reviewId: integer()
      .notNull()
      .references(() => reviews.id, { onDelete: "cascade" }),
    url: text().notNull(),
    key: text(),
    width: integer().notNull(),
    height: integer().notNull(),
    position: integer().notNull().default(0),
  },
  (t) => [index("review_photos_review_idx").on(t.reviewId, t.position)],
);

/** One "helpful" vote per voter (a shopper's account, or a browser's voter cookie) per review. */
export const reviewVotes = pgTable(
  "review_votes",
  {
    reviewId: integer()
      .notNull()
      .references(() => reviews.id, { onDelete: "cascade" }),
    voter: text().notNull(),
    /** A hash of the client address, for the throttle (never the address itself). */
    addressKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.reviewId, t.voter] }),
    index("review_votes_voter_idx").on(t.voter, t.createdAt),
    index("review_votes_address_idx").on(t.addressKey, t.createdAt),
  ],
);

/** The review request email, once per delivered order (the scheduled job's memory). */
export const reviewRequests = pgTable("review_requests", {
  orderId: integer()
    .primaryKey()
    .references(() => orders.id, { onDelete: "cascade" }),
  requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type Review = typeof reviews.$inferSelect;
export type ReviewPhoto = typeof reviewPhotos.$inferSelect;
