/**
 * The demo data, generated without touching the database: a seeded PRNG (never Math.random) and a
 * fixed "now", so every run and every machine gets the same products, artisans and retailers.
 * db/seed/load.ts writes it; tests fingerprint it to prove determinism.
 */
import { createHash } from "node:crypto";
import { finishSlug } from "../../app/domain/images/materials";
import { PRODUCT_IMAGE_SIZE, productImageUrl } from "../../app/domain/images/urls";
import { CATEGORIES, type Category } from "../schema";
import type * as schema from "../schema";
import { ean13, pieceRateForPrice, slugify } from "./codes";
import {
  CARE,
  CATEGORY_COLLECTIONS,
  CLOSINGS,
  FINISHES,
  LEAD_TIMES,
  MATERIAL_SKILL,
  MATERIAL_STORY,
  MATERIAL_WORD,
  PRICES,
  PRIMARY_MATERIAL_WEIGHTS,
  SECOND_MATERIAL,
  SHAPE_WORDS,
  SIZES,
  SIZE_WORDS,
  SKILLS,
  STYLE_WORDS,
  SWAHILI_NAMES,
  TYPES,
  type Material,
  type ProductType,
  type SkillSlug,
} from "./data/catalog";
import { COMMON_FEMALE, COMMON_MALE, COUNTIES, NAME_GROUPS, type County } from "./data/kenya";
import {
  BIO_EXTRAS,
  BIO_TEMPLATES,
  BOUTIQUE_FIRST,
  BOUTIQUE_SECOND,
  BUYER_FIRST,
  BUYER_LAST,
  CITIES,
  CRAFT_PHRASE,
  DEPARTMENT_STORES,
  LEARNED_FROM,
  MUSEUM,
  ONLINE,
  RETAILER_KINDS,
  TV_SHOPPING,
} from "./data/people";
import { artisanValues, productImageValues, productValues, variantValues } from "./factories";
import { Random } from "./random";

/** The demo's "today": fixed, so dates are the same on every run. */
export const DEMO_NOW = new Date("2026-11-01T09:00:00Z");
export const BASE_PRODUCT_COUNT = 64;
export const ARTISAN_COUNT = 1300;
export const RETAILER_COUNT = 400;
export const DEMO_PASSWORD = "soko-demo";

export const DEMO_LOGINS = {
  ops: { email: "ops@soko.test", password: DEMO_PASSWORD },
  cashier: { email: "cashier@soko.test", password: DEMO_PASSWORD },
  /** The Nairobi hub alone: receiving, QC, packing and shipping; refused finance's pages. */
  hub: { email: "hub@soko.test", password: DEMO_PASSWORD },
  /** Finance alone: payouts, refunds, invoices, gift cards; refused the hub's pages. */
  finance: { email: "finance@soko.test", password: DEMO_PASSWORD },
  buyer: { email: "buyer@retailer.test", password: DEMO_PASSWORD },
  /** A storefront shopper in the UK market: delivered orders in pounds, one partly refunded (db/seed/sales.ts). */
  ukShopper: { email: "harriet.uk@soko.test", password: DEMO_PASSWORD },
  /** A UK department store's buyer: a wholesale account in pounds with two past orders (db/seed/wholesale-uk.ts). */
  ukBuyer: { email: "buyer.uk@retailer.test", password: DEMO_PASSWORD },
  artisan: { phone: "+254700000001", pin: "1234" },
} as const;

type NewProduct = typeof schema.products.$inferInsert;
type NewVariant = Omit<typeof schema.variants.$inferInsert, "productId">;
type NewImage = Omit<typeof schema.productImages.$inferInsert, "productId">;
type NewArtisan = typeof schema.artisans.$inferInsert;
type NewRetailer = typeof schema.retailers.$inferInsert;

export type DemoProduct = {
  product: NewProduct;
  variants: NewVariant[];
  images: NewImage[];
  skills: SkillSlug[];
};
export type DemoArtisan = { artisan: NewArtisan; pin?: string; skills: { slug: SkillSlug; weeklyCapacity: number }[] };
export type DemoRetailer = { retailer: NewRetailer; buyer: { email: string; name: string; password?: string } };
export type DemoData = {
  skills: { slug: string; name: string }[];
  products: DemoProduct[];
  collections: (typeof schema.collections.$inferInsert & { productHandles: string[] })[];
  artisans: DemoArtisan[];
  retailers: DemoRetailer[];
  locations: (typeof schema.locations.$inferInsert)[];
  stock: { sku: string; location: string; onHand: number }[];
  staff: { email: string; name: string; roles: schema.StaffRole[]; password: string }[];
  discountCodes: (typeof schema.discountCodes.$inferInsert)[];
};

export type DemoOptions = {
  /** Multiplies the catalog (products, variants, images, stock) for benchmarks; artisans stay 1,300. */
  scale?: number;
};

export function generateDemoData(options: DemoOptions = {}): DemoData {
  const scale = options.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`scale must be an integer ≥ 1, got ${scale}`);
  const products = generateProducts(scale);
  return {
    skills: SKILLS.map((s) => ({ ...s })),
    products,
    collections: generateCollections(products),
    artisans: generateArtisans(),
    retailers: generateRetailers(),
    locations: [
      {
        code: "NBO-HUB",
        name: "Nairobi Hub",
        kind: "hub",
        shipDays: 7,
        address: ["Soko Nairobi Hub", "Baba Dogo Road, Ruaraka", "Nairobi 00618", "Kenya"],
        phone: "+254 20 000 0000",
      },
      { code: "SF-FLAGSHIP", name: "San Francisco Flagship", kind: "store", shipDays: 3 },
      { code: "US-FC", name: "US Fulfilment Centre", kind: "fulfilment", shipDays: 2 },
    ],
    stock: generateStock(products),
    staff: [
      { email: DEMO_LOGINS.ops.email, name: "Njeri Odhiambo", roles: ["admin", "ops", "hub", "finance"], password: DEMO_PASSWORD },
      { email: DEMO_LOGINS.cashier.email, name: "Maya Lindgren", roles: ["cashier"], password: DEMO_PASSWORD },
      // One role each, so the demo can try what the hub and finance may and may not do.
      { email: DEMO_LOGINS.hub.email, name: "Otieno Mwangi", roles: ["hub"], password: DEMO_PASSWORD },
      { email: DEMO_LOGINS.finance.email, name: "Grace Wambui", roles: ["finance"], password: DEMO_PASSWORD },
      { email: "manager@soko.test", name: "Ana Ruiz", roles: ["cashier", "manager"], password: DEMO_PASSWORD }, // POS discount approvals (db/seed/pos.ts)
    ],
    discountCodes: [{ code: "WELCOME10", kind: "percent", value: 10, currency: "USD", minSubtotal: 5000 }],
  };
}

/** A stable hash of the generated data: equal fingerprints mean identical demo data. */
export function demoFingerprint(data: DemoData): string {
  return createHash("sha256").update(JSON.stringify(data)).digest("hex");
}

// ---------------------------------------------------------------------------------------------
// Catalog

const CATEGORY_CODE: Record<Category, string> = { earrings: "EAR", necklaces: "NEC", bracelets: "BRA", rings: "RIN" };

/** The pieces named in the article Soko is known for, first in the catalog and featured. */
const SIGNATURES: { title: string; category: Category; type: string; materials: Material[] }[] = [
  { title: "Petite Horn Paddle Stud", category: "earrings", type: "Paddle Stud", materials: ["horn"] },
  { title: "Contrast Sabi Pendant Necklace", category: "necklaces", type: "Pendant Necklace", materials: ["brass", "horn"] },
  { title: "Mixed Shapes Stacking Cuff", category: "bracelets", type: "Stacking Cuff", materials: ["brass"] },
  { title: "Kuzi Sculpted Stacking Ring", category: "rings", type: "Stacking Ring", materials: ["brass"] },
];

const CASE_PACKS: Record<Category, readonly (readonly [readonly [number, number], number])[]> = {
  earrings: [
    [[12, 6], 3],
    [[6, 6], 2],
    [[12, 12], 1],
  ],
  necklaces: [
    [[6, 3], 3],
    [[6, 6], 2],
    [[4, 2], 1],
  ],
  bracelets: [
    [[6, 3], 3],
    [[6, 6], 2],
  ],
  rings: [
    [[6, 3], 2],
    [[12, 6], 2],
  ],
};

const TEXTURE_PHRASE: Record<Material, string> = {
  brass: "hand-polished brass surface",
  horn: "natural striations in the horn",
  bone: "smooth, carved bone",
  "recycled glass": "translucent recycled glass",
  beads: "hand-strung beads",
};

const THIRD_VIEW: Record<Category, string> = {
  earrings: "shown as a pair",
  necklaces: "laid flat with its chain",
  bracelets: "shown stacked",
  rings: "shown from the side",
};

function generateProducts(scale: number): DemoProduct[] {
  const rng = new Random("soko-demo:catalog");
  const used = new Set<string>();
  const products: DemoProduct[] = [];
  let variantSerial = 0;
  const perCategory = (BASE_PRODUCT_COUNT / CATEGORIES.length) * scale;
  for (let round = 0; round < perCategory; round++) {
    for (const category of CATEGORIES) {
      const signature = round === 0 ? SIGNATURES.find((s) => s.category === category) : undefined;
      const design = signature ? signatureDesign(signature) : randomDesign(rng, category, used);
      used.add(design.handle);
      const number = products.length + 1;
      const built = buildProduct(rng, number, category, design, !!signature, () => ++variantSerial);
      products.push(built);
    }
  }
  return products;
}

type Design = {
  title: string;
  handle: string;
  type: ProductType;
  materials: Material[];
  swahili?: readonly [string, string];
  shape?: string;
};

function signatureDesign(s: (typeof SIGNATURES)[number]): Design {
  const type = TYPES[s.category].find((t) => t.name === s.type)!;
  const swahili = SWAHILI_NAMES.find(([word]) => s.title.includes(word));
  const shape = SHAPE_WORDS.find((word) => s.title.includes(word));
  return { title: s.title, handle: slugify(s.title), type, materials: s.materials, swahili, shape };
}

function randomDesign(rng: Random, category: Category, used: Set<string>): Design {
  for (let attempt = 0; ; attempt++) {
    const type = rng.pick(TYPES[category]);
    const primary = type.materials ? rng.pick(type.materials) : rng.weighted(PRIMARY_MATERIAL_WEIGHTS);
    const style = rng.chance(0.22) ? rng.pick(STYLE_WORDS) : undefined;
    const secondChoices = SECOND_MATERIAL[primary];
    const materials: Material[] = style || rng.chance(0.15) ? [primary, rng.pick(secondChoices)] : [primary];
    const swahili = rng.pick(SWAHILI_NAMES);
    const shape = rng.pick(SHAPE_WORDS);
    const size = rng.pick(SIZE_WORDS);
    const materialWord = type.name.includes(MATERIAL_WORD[primary]) ? "" : MATERIAL_WORD[primary];
    const template = style ? 0 : rng.int(1, 5);
    const words = [
      [style, swahili[0], type.name],
      [size, materialWord, shape, type.name],
      [shape, type.name],
      [swahili[0], materialWord, type.name],
      [swahili[0], shape, type.name],
      [size, shape, type.name],
    ][template];
    let title = words.filter(Boolean).join(" ");
    if (attempt > 40) title = `${title} No. ${attempt}`;
    const handle = slugify(title);
    if (used.has(handle)) continue;
    return {
      title,
      handle,
      type,
      materials,
      swahili: template === 0 || template === 3 || template === 4 ? swahili : undefined,
      shape: template === 1 || template === 2 || template === 4 || template === 5 ? shape : undefined,
    };
  }
}

function productSkills(design: Design): SkillSlug[] {
  const [primary] = design.materials;
  const skills = new Set<SkillSlug>(design.materials.map((m) => MATERIAL_SKILL[m]));
  if (primary === "brass" || primary === "horn" || primary === "bone") skills.add("polishing");
  // Wire work goes with brass, beads and glass (the artisans who wrap wire work in those).
  if (design.type.wire && design.materials.length === 1 && primary !== "horn" && primary !== "bone") skills.add("wire-wrapping");
  return [...skills];
}

function buildProduct(
  rng: Random,
  number: number,
  category: Category,
  design: Design,
  signature: boolean,
  nextSerial: () => number,
): DemoProduct {
  const [primary, secondary] = design.materials;
  const story = [
    design.swahili ? `${design.swahili[0]} means ${design.swahili[1]} in Swahili.` : undefined,
    design.shape ? `A ${design.shape.toLowerCase()} silhouette, simple enough to wear every day and bold enough to notice.` : undefined,
    rng.pick(MATERIAL_STORY[primary]),
    secondary ? `It is paired with ${secondary === "beads" ? "hand-strung beads" : secondary} for contrast.` : undefined,
    rng.pick(CLOSINGS),
  ]
    .filter(Boolean)
    .join(" ");
  const care = [CARE[primary], secondary ? CARE[secondary] : undefined].filter(Boolean).join(" ");
  const createdAt = daysBefore(DEMO_NOW, signature ? rng.int(400, 700) : rng.int(0, 720), rng.int(0, 23));

  // Variants: finishes from the leading material, sizes where the category has them, at most four.
  const finishes = FINISHES[primary];
  const sizes = SIZES[category];
  let finishCount = rng.int(1, Math.min(sizes ? 2 : 3, finishes.length));
  let chosenSizes: readonly string[] = [];
  if (sizes) {
    const maxSizes = Math.min(sizes.values.length, Math.floor(4 / finishCount));
    const count = category === "rings" && finishCount === 1 ? rng.int(3, 4) : rng.int(1, maxSizes);
    const start = rng.int(0, sizes.values.length - count);
    chosenSizes = sizes.values.slice(start, start + count);
  }
  if (finishCount * Math.max(1, chosenSizes.length) > 4) finishCount = 1;
  const chosenFinishes = rng.sample(finishes, finishCount);
  const basePrice = rng.pick(PRICES[category]) * 100;
  const onSale = !signature && rng.chance(0.15);
  const [minQty, casePack] = rng.weighted(CASE_PACKS[category]);
  const [minLead, maxLead] = LEAD_TIMES[primary];
  const leadTimeDays = rng.int(minLead, maxLead);
  const rateFactor = (secondary ? 1.1 : 1) * (0.9 + rng.next() * 0.2);

  const variants: NewVariant[] = [];
  for (const finish of chosenFinishes) {
    for (const size of chosenSizes.length ? chosenSizes : [undefined]) {
      const position = variants.length;
      const price = basePrice + (size === '20"' ? 600 : 0);
      const pieceRate = Math.min(120_000, Math.max(15_000, Math.round((pieceRateForPrice(price) * rateFactor) / 1000) * 1000));
      const options: Record<string, string> = { finish };
      if (size && sizes) options[sizes.option] = size;
      const { productId: _unused, ...values } = variantValues(
        0,
        {
          sku: `SK-${CATEGORY_CODE[category]}-${String(number).padStart(4, "0")}-${position + 1}`,
          barcode: ean13("20", nextSerial()),
          title: size ? `${finish} / ${size}` : finish,
          options,
          price,
          compareAtPrice: onSale ? Math.round((price * 1.3) / 100) * 100 : null,
          minQty,
          casePack,
          leadTimeDays,
          pieceRate,
        },
        position,
      );
      variants.push(values);
    }
  }

  const product = productValues({
    handle: design.handle,
    title: design.title,
    story,
    category,
    materials: design.materials,
    care,
    status: "active",
    featured: signature || rng.chance(0.12),
    createdAt,
    publishedAt: createdAt,
  });

  // Every finish has its own pictures (the same views in its colours), the first finish's first,
  // so the product page shows Natural Horn when Natural Horn is chosen. No further draws from rng.
  const imageCount = signature ? 3 : rng.int(2, 3);
  const images = chosenFinishes.flatMap((finish, f) => {
    const words = finish.toLowerCase();
    const alts = [
      `${design.title} in ${words}, on a warm sand background`,
      `Close-up of the ${design.title} in ${words}, showing the ${TEXTURE_PHRASE[primary]}`,
      `${design.title} in ${words}, ${THIRD_VIEW[category]}`,
    ];
    return Array.from({ length: imageCount }, (_, i) => {
      const { productId: _unused, ...values } = productImageValues(0, design.handle, design.title, i + 1, {
        url: productImageUrl(design.handle, i + 1, finishSlug(finish)),
        alt: alts[i],
        width: PRODUCT_IMAGE_SIZE,
        height: PRODUCT_IMAGE_SIZE,
        position: f * imageCount + i,
        finish,
      });
      return values;
    });
  });

  return { product, variants, images, skills: productSkills(design) };
}

function generateCollections(products: DemoProduct[]): DemoData["collections"] {
  const rng = new Random("soko-demo:collections");
  const handles = (list: DemoProduct[]) => list.map((p) => p.product.handle);
  const minPrice = (p: DemoProduct) => Math.min(...p.variants.map((v) => v.price));
  const newest = products
    .slice()
    .sort((a, b) => b.product.createdAt!.getTime() - a.product.createdAt!.getTime() || a.product.handle.localeCompare(b.product.handle));
  const featured = products.filter((p) => p.product.featured);
  const others = rng.shuffle(products.filter((p) => !p.product.featured));
  const bestsellers = [...featured, ...others].slice(0, Math.max(16, featured.length));

  const categoryCollections = CATEGORIES.map((category, i) => ({
    handle: category,
    title: CATEGORY_COLLECTIONS[category].title,
    description: CATEGORY_COLLECTIONS[category].description,
    kind: "category" as const,
    featured: false,
    position: 10 + i,
    productHandles: handles(products.filter((p) => p.product.category === category)),
  }));
  return [
    {
      handle: "new-arrivals",
      title: "New Arrivals",
      description: "The newest designs from our Nairobi studio, made to order by artisans across Kenya.",
      kind: "curated",
      featured: true,
      position: 0,
      productHandles: handles(newest.slice(0, 12)),
    },
    {
      handle: "bestsellers",
      title: "Bestsellers",
      description: "The pieces our customers come back for: everyday brass, carved horn and easy stacking cuffs.",
      kind: "curated",
      featured: true,
      position: 1,
      productHandles: handles(bestsellers),
    },
    {
      handle: "the-brass-edit",
      title: "The Brass Edit",
      description: "Reclaimed brass, cast and hand-polished to a warm glow that deepens with wear.",
      kind: "curated",
      featured: true,
      position: 2,
      productHandles: handles(products.filter((p) => p.product.materials!.includes("brass"))),
    },
    {
      handle: "horn-and-bone",
      title: "Horn & Bone",
      description: "Upcycled horn and bone, carved by hand: no two pieces share the same grain.",
      kind: "curated",
      featured: false,
      position: 3,
      productHandles: handles(products.filter((p) => p.product.materials!.some((m) => m === "horn" || m === "bone"))),
    },
    {
      handle: "gifts-under-100",
      title: "Gifts Under $100",
      description: "Thoughtful, handmade and made to order: pieces under $100 that arrive gift-ready.",
      kind: "curated",
      featured: false,
      position: 4,
      productHandles: handles(products.filter((p) => minPrice(p) < 10_000)),
    },
    ...categoryCollections,
  ];
}

// ---------------------------------------------------------------------------------------------
// Artisans

/** Skill sets artisans actually have; each product's skills are contained in at least one. */
const ARCHETYPES: readonly { skills: SkillSlug[]; weight: number; kind: "metal" | "beads" | "any" }[] = [
  { skills: ["brass-casting", "polishing"], weight: 18, kind: "metal" },
  { skills: ["brass-casting", "polishing", "wire-wrapping"], weight: 8, kind: "metal" },
  { skills: ["horn-carving", "polishing"], weight: 10, kind: "metal" },
  { skills: ["horn-carving", "bone-carving", "polishing"], weight: 8, kind: "metal" },
  { skills: ["bone-carving", "polishing"], weight: 5, kind: "metal" },
  { skills: ["brass-casting", "horn-carving", "polishing"], weight: 8, kind: "metal" },
  { skills: ["brass-casting", "bone-carving", "polishing"], weight: 5, kind: "metal" },
  { skills: ["beadwork"], weight: 8, kind: "beads" },
  { skills: ["beadwork", "wire-wrapping"], weight: 6, kind: "beads" },
  { skills: ["glass-recycling"], weight: 4, kind: "beads" },
  { skills: ["glass-recycling", "beadwork"], weight: 6, kind: "beads" },
  { skills: ["glass-recycling", "wire-wrapping"], weight: 3, kind: "beads" },
  { skills: ["beadwork", "brass-casting"], weight: 3, kind: "any" },
  { skills: ["brass-casting", "beadwork", "polishing"], weight: 3, kind: "any" },
  { skills: ["polishing", "wire-wrapping"], weight: 2, kind: "any" },
];

const EARLIEST_JOIN = new Date("2013-03-01T00:00:00Z");

function generateArtisans(): DemoArtisan[] {
  const rng = new Random("soko-demo:artisans");
  const handleCounts = new Map<string, number>();
  const phones = new Set<string>();
  const uniqueHandle = (first: string, last: string) => {
    const base = slugify(`${first} ${last}`);
    const count = (handleCounts.get(base) ?? 0) + 1;
    handleCounts.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  };
  const newPhone = () => {
    for (;;) {
      const phone = `+2547${String(rng.int(0, 99_999_999)).padStart(8, "0")}`;
      // +2547999… belongs to the test factories.
      if (!phones.has(phone) && !phone.startsWith("+2547999") && phone !== DEMO_LOGINS.artisan.phone) {
        phones.add(phone);
        return phone;
      }
    }
  };

  // The demo artisan: first, consenting, with skills that cover most of the catalog so offers reach her.
  const demoHandle = uniqueHandle("Grace", "Wanjiku");
  phones.add(DEMO_LOGINS.artisan.phone);
  const demoJoined = new Date("2016-04-12T08:00:00Z");
  const artisans: DemoArtisan[] = [
    {
      artisan: artisanValues({
        handle: demoHandle,
        firstName: "Grace",
        lastName: "Wanjiku",
        phone: DEMO_LOGINS.artisan.phone,
        payoutPhone: DEMO_LOGINS.artisan.phone,
        county: "Nairobi",
        settlement: "Kibera",
        latitude: -1.3129,
        longitude: 36.7881,
        hubDistanceKm: 9,
        bio: "I learned brass casting from my mother in Kibera. Now orders come to my phone and I can plan my week. I am teaching my daughter the craft.",
        language: "en",
        publicProfile: true,
        qualityScore: 9600,
        baselineMonthlyEarnings: 600_000,
        piecesMade: 2480,
        joinedAt: demoJoined,
        portraitUrl: `/images/makers/${demoHandle}.svg`,
      }),
      pin: DEMO_LOGINS.artisan.pin,
      skills: (["brass-casting", "horn-carving", "bone-carving", "polishing", "wire-wrapping"] as const).map((slug) => ({
        slug,
        weeklyCapacity: 40,
      })),
    },
  ];

  const countyWeights = COUNTIES.map((c) => [c, c.weight] as const);
  const joinSpanDays = Math.floor((DEMO_NOW.getTime() - EARLIEST_JOIN.getTime()) / 86_400_000) - 14;
  while (artisans.length < ARTISAN_COUNT) {
    const county = rng.weighted(countyWeights);
    const settlement = rng.pick(county.settlements);
    const group = NAME_GROUPS[rng.weighted(county.groups)];
    const female = rng.chance(0.78);
    let firstName = "";
    let lastName = "";
    do {
      firstName = rng.chance(0.55) ? rng.pick(female ? group.female : group.male) : rng.pick(female ? COMMON_FEMALE : COMMON_MALE);
      lastName = rng.pick(group.surnames);
    } while (firstName === lastName);
    const handle = uniqueHandle(firstName, lastName);
    const phone = newPhone();
    // Recent years are heavier: the network grew.
    const daysAgo = 14 + Math.floor(rng.next() ** 1.7 * joinSpanDays);
    const joinedAt = daysBefore(DEMO_NOW, daysAgo, rng.int(6, 18));
    const skills = artisanSkills(rng, county);
    const monthsIn = Math.max(1, Math.floor(daysAgo / 30));
    artisans.push({
      artisan: artisanValues({
        handle,
        firstName,
        lastName,
        phone,
        payoutPhone: rng.chance(0.88) ? phone : newPhone(),
        county: county.name,
        settlement: settlement.name,
        latitude: round5(settlement.lat + (rng.next() - 0.5) * 0.02),
        longitude: round5(settlement.lng + (rng.next() - 0.5) * 0.02),
        hubDistanceKm: Math.max(1, settlement.hubKm + rng.int(-3, 3)),
        bio: artisanBio(rng, settlement.name, skills[0].slug, joinedAt),
        language: rng.chance(county.english) ? "en" : "sw",
        publicProfile: rng.chance(0.7),
        qualityScore: 7500 + Math.round((rng.next() ** 0.6 * 2400) / 10) * 10,
        available: rng.chance(0.94),
        active: rng.chance(0.98),
        baselineMonthlyEarnings: rng.int(25, 120) * 10_000,
        piecesMade: monthsIn * rng.int(8, 60),
        joinedAt,
        portraitUrl: `/images/makers/${handle}.svg`,
      }),
      skills,
    });
  }
  return artisans;
}

function artisanSkills(rng: Random, county: County): DemoArtisan["skills"] {
  const boost = (kind: string) =>
    (county.crafts === "metal-horn-bone" && kind === "metal") || (county.crafts === "beads-glass" && kind === "beads") ? 2.5 : 1;
  const archetype = rng.weighted(ARCHETYPES.map((a) => [a, a.weight * boost(a.kind)] as const));
  return archetype.skills.map((slug) => ({ slug, weeklyCapacity: rng.int(2, 12) * 5 }));
}

function artisanBio(rng: Random, settlement: string, skill: SkillSlug, joinedAt: Date): string {
  const craft = CRAFT_PHRASE[skill];
  const values: Record<string, string> = {
    craft,
    craftCap: craft[0].toUpperCase() + craft.slice(1),
    teacher: rng.pick(LEARNED_FROM),
    settlement,
    years: String(rng.int(3, 25)),
    kids: ["two", "three", "four", "five"][rng.int(0, 3)],
    age: String(rng.int(14, 30)),
    count: ["three", "four", "five", "six", "eight"][rng.int(0, 4)],
    joinYear: String(joinedAt.getUTCFullYear()),
  };
  const text = rng.pick(BIO_TEMPLATES).replace(/\{(\w+)\}/g, (_, key: string) => values[key]);
  return rng.chance(0.45) ? `${text} ${rng.pick(BIO_EXTRAS)}` : text;
}

// ---------------------------------------------------------------------------------------------
// Retailers

function generateRetailers(): DemoRetailer[] {
  const rng = new Random("soko-demo:retailers");
  const handles = new Set<string>();
  const emails = new Set<string>();
  const retailers: DemoRetailer[] = [];

  const add = (retailer: NewRetailer, buyer: DemoRetailer["buyer"]) => {
    handles.add(retailer.handle);
    emails.add(buyer.email);
    retailers.push({ retailer, buyer });
  };

  add(
    {
      handle: "juniper-and-gold",
      name: "Juniper & Gold",
      kind: "boutique",
      taxId: "94-3187265",
      website: "https://www.juniper-and-gold.example",
      city: "Oakland",
      country: "US",
      status: "approved",
      tier: "preferred",
      paymentTerms: "net30",
      creditLimit: 2_500_000,
      createdAt: new Date("2019-09-03T17:00:00Z"),
    },
    { email: DEMO_LOGINS.buyer.email, name: "Maya Chen", password: DEMO_PASSWORD },
  );

  const pools: Record<string, readonly string[]> = {
    department_store: DEPARTMENT_STORES,
    tv_shopping: TV_SHOPPING,
    online: ONLINE,
    museum_shop: MUSEUM,
  };
  while (retailers.length < RETAILER_COUNT) {
    const kind = rng.weighted(RETAILER_KINDS);
    const [city, country] = rng.pick(CITIES);
    const base = kind === "boutique" ? `${rng.pick(BOUTIQUE_FIRST)} ${rng.pick(BOUTIQUE_SECOND)}` : rng.pick(pools[kind]);
    let name = base;
    let handle = slugify(name.replace(/&/g, " and ").replace(/\+/g, " and "));
    if (handles.has(handle)) {
      name = `${base} ${city}`;
      handle = slugify(name.replace(/&/g, " and ").replace(/\+/g, " and "));
    }
    for (let n = 2; handles.has(handle); n++) handle = `${slugify(name.replace(/&/g, " and "))}-${n}`;

    const status = rng.weighted([
      ["approved", 85],
      ["applied", 12],
      ["rejected", 2],
      ["suspended", 1],
    ] as const);
    const big = kind === "department_store" || kind === "tv_shopping";
    let paymentTerms: NewRetailer["paymentTerms"] = big
      ? rng.chance(0.6)
        ? "net60"
        : "net30"
      : kind === "museum_shop"
        ? "net30"
        : rng.chance(0.5)
          ? "card"
          : "net30";
    if (status === "applied") paymentTerms = "card";
    const creditDollars =
      paymentTerms === "card"
        ? 0
        : kind === "tv_shopping"
          ? rng.int(10, 50) * 5000
          : kind === "department_store"
            ? rng.int(5, 30) * 5000
            : kind === "online"
              ? rng.int(10, 40) * 500
              : rng.int(4, 20) * 500;
    const first = rng.pick(BUYER_FIRST);
    const last = rng.pick(BUYER_LAST);
    let email = `${slugify(first)}.${slugify(last)}@${handle}.example`;
    for (let n = 2; emails.has(email); n++) email = `${slugify(first)}.${slugify(last)}${n}@${handle}.example`;
    add(
      {
        handle,
        name,
        kind,
        taxId: taxId(rng, country),
        website: `https://www.${handle}.example`,
        city,
        country,
        status,
        tier: big ? "key" : rng.chance(0.25) ? "preferred" : "standard",
        paymentTerms,
        creditLimit: creditDollars * 100,
        createdAt: daysBefore(DEMO_NOW, rng.int(0, 2500), rng.int(0, 23)),
      },
      { email, name: `${first} ${last}` },
    );
  }
  return retailers;
}

function taxId(rng: Random, country: string): string {
  if (country === "US") return `${rng.int(10, 99)}-${rng.int(1_000_000, 9_999_999)}`;
  return `${country}${rng.int(100_000_000, 999_999_999)}`;
}

// ---------------------------------------------------------------------------------------------
// Stock: about half the variants sit at the US fulfilment centre, some at the flagship; the rest
// are made to order.

function generateStock(products: DemoProduct[]): DemoData["stock"] {
  const rng = new Random("soko-demo:stock");
  const stock: DemoData["stock"] = [];
  for (const { variants } of products) {
    for (const { sku } of variants) {
      if (rng.chance(0.5)) stock.push({ sku, location: "US-FC", onHand: rng.chance(0.06) ? 0 : rng.int(3, 40) });
      if (rng.chance(0.3)) stock.push({ sku, location: "SF-FLAGSHIP", onHand: rng.int(1, 8) });
      if (rng.chance(0.08)) stock.push({ sku, location: "NBO-HUB", onHand: rng.int(1, 6) });
    }
  }
  return stock;
}

// ---------------------------------------------------------------------------------------------

function daysBefore(date: Date, days: number, hour = 9): Date {
  const d = new Date(date.getTime() - days * 86_400_000);
  d.setUTCHours(hour, (days * 7) % 60, 0, 0);
  return d;
}

function round5(n: number) {
  return Math.round(n * 1e5) / 1e5;
}
