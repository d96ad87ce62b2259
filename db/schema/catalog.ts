import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { tsvector } from "./types";

export const CATEGORIES = ["earrings", "necklaces", "bracelets", "rings"] as const;
export type Category = (typeof CATEGORIES)[number];
export const PRODUCT_STATUSES = ["active", "draft", "archived"] as const;

export const products = pgTable(
  "products",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    handle: text().notNull(),
    title: text().notNull(),
    story: text().notNull().default(""),
    category: text({ enum: CATEGORIES }).notNull(),
    materials: text().array().notNull().default(sql`'{}'::text[]`),
    care: text().notNull().default(""),
    status: text({ enum: PRODUCT_STATUSES }).notNull().default("draft"),
    featured: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp({ withTimezone: true }),
    searchVector: tsvector().generatedAlwaysAs(
      sql`setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(category, '') || ' ' || immutable_array_text(materials)), 'B') || setweight(to_tsvector('english', coalesce(story, '')), 'C')`,
    ),
  },
  (t) => [
    uniqueIndex("products_handle_key").on(t.handle),
    index("products_category_idx").on(t.category, t.status),
    index("products_search_idx").using("gin", t.searchVector),
  ],
);

export const variants = pgTable(
  "variants",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    productId: integer()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    sku: text().notNull(),
    barcode: text().notNull(),
    title: text().notNull(),
    /** e.g. { finish: "Brass", size: "Medium" } */
    options: jsonb().$type<Record<string, string>>().notNull().default({}),
    position: integer().notNull().default(0),
    currency: text().notNull().default("USD"),
    price: integer().notNull(),
    compareAtPrice: integer(),
    wholesalePrice: integer().notNull(),
    minQty: integer().notNull().default(1),
    casePack: integer().notNull().default(1),
    leadTimeDays: integer().notNull().default(14),
    /** One piece as packed (pouch, card, tissue), grams: carton weights on the 856 (TD1) add these up. */
    weightGrams: integer().notNull().default(40),
    pieceRate: integer().notNull(),
    pieceRateCurrency: text().notNull().default("KES"),
  },
  (t) => [
    uniqueIndex("variants_sku_key").on(t.sku),
    uniqueIndex("variants_barcode_key").on(t.barcode),
    index("variants_product_idx").on(t.productId, t.position),
    check("variants_price_positive", sql`${t.price} > 0 and ${t.wholesalePrice} > 0 and ${t.pieceRate} > 0`),
    check("variants_qty_rules", sql`${t.minQty} >= 1 and ${t.casePack} >= 1 and ${t.leadTimeDays} >= 0`),
    check("variants_weight_positive", sql`${t.weightGrams} > 0`),
  ],
);

export const productImages = pgTable(
  "product_images",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    productId: integer()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    url: text().notNull(),
    alt: text().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    position: integer().notNull().default(0),
    /**
     * The variant option value this picture shows (a variant's `options.finish`, e.g. "Natural Horn"):
     * the product page shows a finish's own pictures when it is chosen. Null: it shows every finish.
     */
    finish: text(),
  },
  (t) => [index("product_images_product_idx").on(t.productId, t.position)],
);

export const skills = pgTable(
  "skills",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    slug: text().notNull(),
    name: text().notNull(),
  },
  (t) => [uniqueIndex("skills_slug_key").on(t.slug)],
);

/** Which skills a product needs: an artisan must have all of them to make it. */
export const productSkills = pgTable(
  "product_skills",
  {
    productId: integer()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    skillId: integer()
      .notNull()
      .references(() => skills.id),
  },
  (t) => [primaryKey({ columns: [t.productId, t.skillId] }), index("product_skills_skill_idx").on(t.skillId)],
);

export const COLLECTION_KINDS = ["category", "curated"] as const;

export const collections = pgTable(
  "collections",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    handle: text().notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
    kind: text({ enum: COLLECTION_KINDS }).notNull(),
    featured: boolean().notNull().default(false),
    position: integer().notNull().default(0),
  },
  (t) => [uniqueIndex("collections_handle_key").on(t.handle)],
);

export const collectionProducts = pgTable(
  "collection_products",
  {
    collectionId: integer()
      .notNull()
      .references(() => collections.id, { onDelete: "cascade" }),
    productId: integer()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    position: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.collectionId, t.productId] }), index("collection_products_product_idx").on(t.productId)],
);

export type Product = typeof products.$inferSelect;
export type Variant = typeof variants.$inferSelect;
export type ProductImage = typeof productImages.$inferSelect;
export type Collection = typeof collections.$inferSelect;
export type Skill = typeof skills.$inferSelect;

/** What a bulk edit on /ops/products does to its products (app/domain/catalog/bulk-edit.ts). */
export const BULK_EDIT_KINDS = [
  "status",
  "collection-add",
  "collection-remove",
  "price",
  "lead-time",
  "skill-add",
  "skill-remove",
] as const;
export type BulkEditKind = (typeof BULK_EDIT_KINDS)[number];

/**
 * One value a bulk edit changed: a product's status, its place in a collection, its need of a skill,
 * or one variant's price or lead time, before and after. The product's title is kept so the audit
 * and the undo can name it.
 */
export type BulkEditChange = {
  productId: number;
  title: string;
  variantId: number | null;
  variantTitle: string | null;
  from: string | number | null;
  to: string | number | null;
  /** A status change: when it was first published, before (publishing sets it the first time). */
  publishedAt?: string | null;
};

/**
 * A bulk edit of products as applied: what it did (kind, params, summary) and every value it
 * changed, so the last one can be undone within a few minutes, and refused if a product it touched
 * was edited since (any audit entry after `lastAuditId`, or a value no longer what it set).
 */
export const productBulkEdits = pgTable(
  "product_bulk_edits",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    actor: text().notNull(),
    kind: text({ enum: BULK_EDIT_KINDS }).notNull(),
    summary: text().notNull(),
    params: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    changes: jsonb().$type<BulkEditChange[]>().notNull(),
    productCount: integer().notNull(),
    lastAuditId: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp({ withTimezone: true }),
    undoneBy: text(),
  },
  (t) => [index("product_bulk_edits_created_idx").on(t.createdAt)],
);
export type ProductBulkEdit = typeof productBulkEdits.$inferSelect;
