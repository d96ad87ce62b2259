import { sql } from "drizzle-orm";
import { boolean, date, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { skills } from "./catalog";

export const LANGUAGES = ["sw", "en"] as const;

export const artisans = pgTable(
  "artisans",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    handle: text().notNull(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    phone: text().notNull(),
    county: text().notNull(),
    settlement: text().notNull(),
    latitude: doublePrecision().notNull(),
    longitude: doublePrecision().notNull(),
    /** Road distance to the Nairobi hub, km: the dispatch tie-breaker. */
    hubDistanceKm: integer().notNull(),
    bio: text().notNull().default(""),
    portraitUrl: text(),
    language: text({ enum: LANGUAGES }).notNull().default("sw"),
    payoutPhone: text().notNull(),
    publicProfile: boolean().notNull().default(false),
    /** QC pass rate in basis points (0..10000). */
    qualityScore: integer().notNull().default(9000),
    available: boolean().notNull().default(true),
    awayFrom: date(),
    awayUntil: date(),
    active: boolean().notNull().default(true),
    /** Wrong PINs are counted in auth_throttles (scope artisan-pin, by phone), shared by the app and USSD. */
    pinHash: text(),
    /** Monthly earnings (KES minor units) before joining, recorded at onboarding. */
    baselineMonthlyEarnings: integer().notNull().default(0),
    piecesMade: integer().notNull().default(0),
    joinedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("artisans_handle_key").on(t.handle),
    uniqueIndex("artisans_phone_key").on(t.phone),
    index("artisans_county_idx").on(t.county),
    index("artisans_public_idx").on(t.publicProfile, t.lastName, t.firstName).where(sql`${t.active}`),
  ],
);

export const artisanSkills = pgTable(
  "artisan_skills",
  {
    artisanId: integer()
      .notNull()
      .references(() => artisans.id, { onDelete: "cascade" }),
    skillId: integer()
      .notNull()
      .references(() => skills.id),
    /** Units of this skill's work the artisan can finish in a week. */
    weeklyCapacity: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.artisanId, t.skillId] }), index("artisan_skills_skill_idx").on(t.skillId)],
);

export type Artisan = typeof artisans.$inferSelect;
export type ArtisanSkill = typeof artisanSkills.$inferSelect;

/** One-time codes sent by SMS to set or reset a PIN. Only a hash is kept. */
export const artisanOtps = pgTable(
  "artisan_otps",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    artisanId: integer()
      .notNull()
      .references(() => artisans.id, { onDelete: "cascade" }),
    codeHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("artisan_otps_artisan_idx").on(t.artisanId, t.createdAt)],
);

/** Raw materials an artisan keeps (brass sheet, horn blanks, beads), with a low-stock warning level. */
export const artisanMaterials = pgTable(
  "artisan_materials",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    artisanId: integer()
      .notNull()
      .references(() => artisans.id, { onDelete: "cascade" }),
    name: text().notNull(),
    unit: text().notNull().default("pieces"),
    onHand: integer().notNull().default(0),
    lowStockAt: integer().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("artisan_materials_name_key").on(t.artisanId, t.name)],
);
