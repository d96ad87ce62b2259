/**
 * Insert helpers shared by the demo seed and by tests, so demo data and test data cannot drift
 * apart. Each takes a drizzle database or transaction and optional overrides, fills the rest with
 * sensible, deterministic defaults (a per-process counter, never Math.random) and returns the rows
 * it inserted.
 *
 *   const { product, variants } = await createProduct(db, { category: "rings", variants: [{ price: 4800 }] });
 *   const { artisan } = await createArtisan(db, { skills: ["beadwork"], pin: "1234" });
 *   await setStock(db, variants[0].id, location.id, 5);
 *
 * Defaults never collide with the demo seed (handles start with `test-`, SKUs with `TEST-`,
 * barcodes with 29, phones with +2547999), so a test may seed the demo and still use these.
 *
 * The `*Values` builders are pure: they return the row to insert without touching the database,
 * and the demo seed runs its generated rows through them before inserting in bulk.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { hashSecret } from "../../app/domain/accounts/password.server";
import { makerPortraitUrl, PRODUCT_IMAGE_SIZE, productImageUrl } from "../../app/domain/images/urls";
import type { Executor } from "../client";
import * as schema from "../schema";
import { ean13, pieceRateForPrice, slugify, wholesaleForPrice } from "./codes";

type NewProduct = typeof schema.products.$inferInsert;
type NewVariant = typeof schema.variants.$inferInsert;
type NewProductImage = typeof schema.productImages.$inferInsert;
type NewArtisan = typeof schema.artisans.$inferInsert;
type NewLocation = typeof schema.locations.$inferInsert;
type NewStaff = typeof schema.staffUsers.$inferInsert;
type NewCustomer = typeof schema.customers.$inferInsert;
type NewRetailer = typeof schema.retailers.$inferInsert;
type NewCollection = typeof schema.collections.$inferInsert;
type NewDiscountCode = typeof schema.discountCodes.$inferInsert;

export type StaffRole = schema.StaffRole;
export type BuyerUser = typeof schema.buyerUsers.$inferSelect;

/** A skill given by slug (found or created) or by a row already loaded. */
export type SkillRef = string | { id: number };
/** A collection given by handle (found or created as "curated") or by a row already loaded. */
export type CollectionRef = string | { id: number };

let sequence = 0;
/** Next number of this process's counter: deterministic for a given order of calls. */
function next() {
  sequence += 1;
  return sequence;
}

const DEFAULT_PASSWORD = "soko-demo";

// ---------------------------------------------------------------------------------------------
// Pure builders

/** A product row: `title` defaults from `handle` and the other way round. */
export function productValues(overrides: Partial<NewProduct> = {}): NewProduct {
  const n = overrides.handle || overrides.title ? 0 : next();
  const handle = overrides.handle ?? (overrides.title ? slugify(overrides.title) : `test-product-${n}`);
  const title = overrides.title ?? titleFromHandle(handle);
  const status = overrides.status ?? "active";
  return {
    story: `${title} is cut, shaped and finished by hand by an artisan in Kenya.`,
    category: "earrings",
    materials: ["brass"],
    care: "Keep dry. Polish brass with a soft cloth; oil horn and bone now and then.",
    featured: false,
    publishedAt: status === "active" ? new Date() : null,
    ...overrides,
    handle,
    title,
    status,
  };
}

/**
 * A variant row. Wholesale price defaults to half of retail, the piece rate (KES) to Soko's scale
 * for the price, SKU and barcode to unique test values.
 */
export function variantValues(productId: number, overrides: Partial<Omit<NewVariant, "productId">> = {}, position = 0): NewVariant {
  const price = overrides.price ?? 4800;
  const n = overrides.sku && overrides.barcode ? 0 : next();
  return {
    title: "Default",
    options: {},
    currency: "USD",
    compareAtPrice: null,
    minQty: 6,
    casePack: 6,
    leadTimeDays: 14,
    pieceRateCurrency: "KES",
    ...overrides,
    productId,
    position: overrides.position ?? position,
    sku: overrides.sku ?? `TEST-${String(n).padStart(5, "0")}`,
    barcode: overrides.barcode ?? ean13("29", n),
    price,
    wholesalePrice: overrides.wholesalePrice ?? wholesaleForPrice(price),
    pieceRate: overrides.pieceRate ?? pieceRateForPrice(price),
  };
}

/** A generated 800×800 SVG shot of the product (`index` from 1). */
export function productImageValues(
  productId: number,
  handle: string,
  title: string,
  index: number,
  overrides: Partial<NewProductImage> = {},
): NewProductImage {
  return {
    url: productImageUrl(handle, index),
    alt: index === 1 ? title : `${title}, view ${index}`,
    width: PRODUCT_IMAGE_SIZE,
    height: PRODUCT_IMAGE_SIZE,
    position: index - 1,
    ...overrides,
    productId,
  };
}

/** An artisan row (no PIN hash: pass `pinHash`, or use createArtisan's `pin`). */
export function artisanValues(overrides: Partial<NewArtisan> = {}): NewArtisan {
  const n = overrides.handle && overrides.phone && overrides.lastName ? 0 : next();
  const firstName = overrides.firstName ?? "Wanjiru";
  const lastName = overrides.lastName ?? `Test${n}`;
  const handle = overrides.handle ?? `test-${slugify(`${firstName} ${lastName}`)}-${n}`;
  const phone = overrides.phone ?? `+2547999${String(n).padStart(5, "0")}`;
  return {
    county: "Nairobi",
    settlement: "Kibera",
    latitude: -1.3133,
    longitude: 36.7876,
    hubDistanceKm: 8,
    bio: "I make jewelry in my workshop at home.",
    portraitUrl: makerPortraitUrl(handle),
    language: "sw",
    publicProfile: true,
    qualityScore: 9000,
    available: true,
    active: true,
    baselineMonthlyEarnings: 500_000,
    piecesMade: 0,
    ...overrides,
    firstName,
    lastName,
    handle,
    phone,
    payoutPhone: overrides.payoutPhone ?? phone,
  };
}

// ---------------------------------------------------------------------------------------------
// Inserts

/** Finds a skill by slug or creates it (name from the slug unless given). */
export async function createSkill(db: Executor, overrides: { slug?: string; name?: string } = {}): Promise<schema.Skill> {
  const slug = overrides.slug ?? `test-skill-${next()}`;
  const name = overrides.name ?? titleFromHandle(slug);
  const [inserted] = await db.insert(schema.skills).values({ slug, name }).onConflictDoNothing().returning();
  if (inserted) return inserted;
  const [existing] = await db.select().from(schema.skills).where(eq(schema.skills.slug, slug));
  return existing;
}

async function resolveSkills(db: Executor, refs: SkillRef[]): Promise<schema.Skill[]> {
  const result: schema.Skill[] = [];
  for (const ref of refs) {
    if (typeof ref === "string") result.push(await createSkill(db, { slug: ref }));
    else {
      const [row] = await db.select().from(schema.skills).where(eq(schema.skills.id, ref.id));
      if (!row) throw new Error(`skill ${ref.id} does not exist`);
      result.push(row);
    }
  }
  return result;
}

/** Finds a collection by handle or creates it (kind "curated" unless given). */
export async function createCollection(db: Executor, overrides: Partial<NewCollection> = {}): Promise<schema.Collection> {
  const handle = overrides.handle ?? `test-collection-${next()}`;
  const [inserted] = await db
    .insert(schema.collections)
    .values({ kind: "curated", title: titleFromHandle(handle), description: "", ...overrides, handle })
    .onConflictDoNothing()
    .returning();
  if (inserted) return inserted;
  const [existing] = await db.select().from(schema.collections).where(eq(schema.collections.handle, handle));
  return existing;
}

export type ProductInput = Partial<NewProduct> & {
  /** One entry per variant (default: one $48 variant). */
  variants?: Partial<Omit<NewVariant, "productId">>[];
  /** How many generated images (default 2), or the rows themselves. */
  images?: number | Partial<Omit<NewProductImage, "productId">>[];
  /** Skills an artisan needs to make it (slugs are found or created). Default: none. */
  skills?: SkillRef[];
  /** Collections to appear in (handles are found or created). Default: none. */
  collections?: CollectionRef[];
};

export type CreatedProduct = {
  product: schema.Product;
  variants: schema.Variant[];
  images: schema.ProductImage[];
  skills: schema.Skill[];
};

/** A product with its variants, images, skills and collection memberships. */
export async function createProduct(db: Executor, input: ProductInput = {}): Promise<CreatedProduct> {
  const { variants: variantInputs, images: imageInput, skills: skillRefs, collections: collectionRefs, ...overrides } = input;
  const [product] = await db.insert(schema.products).values(productValues(overrides)).returning();
  const variants = await db
    .insert(schema.variants)
    .values((variantInputs ?? [{}]).map((v, i) => variantValues(product.id, v, i)))
    .returning();
  const imageRows =
    typeof imageInput === "object"
      ? imageInput.map((image, i) => productImageValues(product.id, product.handle, product.title, i + 1, image))
      : Array.from({ length: imageInput ?? 2 }, (_, i) => productImageValues(product.id, product.handle, product.title, i + 1));
  const images = imageRows.length ? await db.insert(schema.productImages).values(imageRows).returning() : [];
  const skills = await resolveSkills(db, skillRefs ?? []);
  if (skills.length) {
    await db.insert(schema.productSkills).values(skills.map((s) => ({ productId: product.id, skillId: s.id })));
  }
  for (const ref of collectionRefs ?? []) {
    const collection = typeof ref === "string" ? await createCollection(db, { handle: ref }) : ref;
    const [{ position }] = await db
      .select({ position: sql<number>`coalesce(max(${schema.collectionProducts.position}) + 1, 0)::int` })
      .from(schema.collectionProducts)
      .where(eq(schema.collectionProducts.collectionId, collection.id));
    await db.insert(schema.collectionProducts).values({ collectionId: collection.id, productId: product.id, position });
  }
  return { product, variants, images, skills };
}

export type ArtisanInput = Partial<NewArtisan> & {
  /** Hashed into pinHash. */
  pin?: string;
  /** Skills with weekly capacity (a bare slug or row means capacity 20). Default: none. */
  skills?: (SkillRef | { skill: SkillRef; weeklyCapacity: number })[];
};

/** An artisan with skills and weekly capacity; `pin` is hashed. */
export async function createArtisan(
  db: Executor,
  input: ArtisanInput = {},
): Promise<{ artisan: schema.Artisan; skills: schema.ArtisanSkill[] }> {
  const { pin, skills: skillInputs, ...overrides } = input;
  const values = artisanValues(overrides);
  if (pin !== undefined) values.pinHash = await hashSecret(pin);
  const [artisan] = await db.insert(schema.artisans).values(values).returning();
  const entries = (skillInputs ?? []).map((s) => (typeof s === "object" && "skill" in s ? s : { skill: s, weeklyCapacity: 20 }));
  const resolved = await resolveSkills(
    db,
    entries.map((e) => e.skill),
  );
  const skills = resolved.length
    ? await db
        .insert(schema.artisanSkills)
        .values(resolved.map((skill, i) => ({ artisanId: artisan.id, skillId: skill.id, weeklyCapacity: entries[i].weeklyCapacity })))
        .returning()
    : [];
  return { artisan, skills };
}

/** A stock location (default: a store with 2 ship days). */
export async function createLocation(db: Executor, overrides: Partial<NewLocation> = {}): Promise<schema.Location> {
  const n = overrides.code ? 0 : next();
  const code = overrides.code ?? `TEST-LOC-${n}`;
  const [location] = await db
    .insert(schema.locations)
    .values({ name: titleFromHandle(code.toLowerCase()), kind: "store", shipDays: 2, ...overrides, code })
    .returning();
  return location;
}

/**
 * Sets on-hand stock of a variant at a location (reserved is kept), and records the change as an
 * inventory movement (reason "adjustment" unless given) when it changes anything.
 */
export async function setStock(
  db: Executor,
  variantId: number,
  locationId: number,
  onHand: number,
  options: { reason?: string; actor?: string } = {},
): Promise<schema.InventoryLevel> {
  const { inventoryLevels: levels } = schema;
  const [before] = await db
    .select({ onHand: levels.onHand })
    .from(levels)
    .where(and(eq(levels.variantId, variantId), eq(levels.locationId, locationId)));
  const [level] = await db
    .insert(levels)
    .values({ variantId, locationId, onHand })
    .onConflictDoUpdate({ target: [levels.variantId, levels.locationId], set: { onHand } })
    .returning();
  const delta = onHand - (before?.onHand ?? 0);
  if (delta !== 0 || !before) {
    await db.insert(schema.inventoryMovements).values({
      variantId,
      locationId,
      onHandDelta: delta,
      reason: options.reason ?? "adjustment",
      actor: options.actor ?? "factory",
    });
  }
  return level;
}

/** A staff user; the password (default "soko-demo") is hashed. Roles default to ["ops"]. */
export async function createStaff(
  db: Executor,
  input: Partial<Omit<NewStaff, "passwordHash">> & { password?: string } = {},
): Promise<schema.StaffUser> {
  const { password, ...overrides } = input;
  const n = overrides.email ? 0 : next();
  const email = (overrides.email ?? `staff${n}@soko.test`).toLowerCase();
  const [staff] = await db
    .insert(schema.staffUsers)
    .values({
      name: nameFromEmail(email),
      roles: ["ops"],
      ...overrides,
      email,
      passwordHash: await hashSecret(password ?? DEFAULT_PASSWORD),
    })
    .returning();
  return staff;
}

/** A shopper account; with `password` it can log in, without it is a guest record. */
export async function createCustomer(
  db: Executor,
  input: Partial<Omit<NewCustomer, "passwordHash">> & { password?: string } = {},
): Promise<schema.Customer> {
  const { password, ...overrides } = input;
  const n = overrides.email ? 0 : next();
  const email = overrides.email ?? `shopper${n}@example.test`;
  const [customer] = await db
    .insert(schema.customers)
    .values({
      name: nameFromEmail(email),
      ...overrides,
      email,
      passwordHash: password === undefined ? null : await hashSecret(password),
    })
    .returning();
  return customer;
}

export type RetailerInput = Partial<NewRetailer> & {
  /** The retailer's buyer login (password default "soko-demo"); `false` for none. */
  buyer?: false | { email?: string; name?: string; password?: string };
};

/** A retailer (default: an approved boutique paying by card) with one buyer user. */
export async function createRetailer(
  db: Executor,
  input: RetailerInput = {},
): Promise<{ retailer: schema.Retailer; buyer: BuyerUser | null }> {
  const { buyer: buyerInput, ...overrides } = input;
  const n = next();
  const name = overrides.name ?? `Test Boutique ${n}`;
  const handle = overrides.handle ?? slugify(overrides.name ? `${name}-${n}` : name);
  const [retailer] = await db
    .insert(schema.retailers)
    .values({
      kind: "boutique",
      city: "Portland",
      country: "US",
      status: "approved",
      tier: "standard",
      paymentTerms: "card",
      creditLimit: 0,
      website: `https://${handle}.example`,
      ...overrides,
      name,
      handle,
    })
    .returning();
  if (buyerInput === false) return { retailer, buyer: null };
  const email = (buyerInput?.email ?? `buyer${n}@${handle}.test`).toLowerCase();
  const [buyer] = await db
    .insert(schema.buyerUsers)
    .values({
      retailerId: retailer.id,
      email,
      name: buyerInput?.name ?? nameFromEmail(email),
      passwordHash: await hashSecret(buyerInput?.password ?? DEFAULT_PASSWORD),
    })
    .returning();
  return { retailer, buyer };
}

/** A discount code (default: 10% off, no minimum, no expiry). */
export async function createDiscountCode(db: Executor, overrides: Partial<NewDiscountCode> = {}): Promise<schema.DiscountCode> {
  const code = overrides.code ?? `TEST${next()}`;
  const [discount] = await db
    .insert(schema.discountCodes)
    .values({ kind: "percent", value: 10, currency: "USD", minSubtotal: 0, ...overrides, code })
    .returning();
  return discount;
}

/** Loads skills by slug (for tests that seeded the demo and want its skill rows). */
export async function skillsBySlug(db: Executor, slugs: string[]): Promise<schema.Skill[]> {
  if (!slugs.length) return [];
  return db.select().from(schema.skills).where(inArray(schema.skills.slug, slugs));
}

// ---------------------------------------------------------------------------------------------

function titleFromHandle(handle: string): string {
  return handle
    .split(/[-_]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(" ");
}

function nameFromEmail(email: string): string {
  return titleFromHandle(email.split("@")[0].replace(/[.+]/g, "-"));
}
