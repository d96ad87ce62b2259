/**
 * The storefront catalog loaders against a real database: 404s, availability, who "made by" shows,
 * collection filters, sort and pagination, the home page, sitemap and robots.
 */
process.env.CATALOG_CACHE_SECONDS = "0";
process.env.PUBLIC_URL = "https://soko.test";

import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createCollection, createLocation, createProduct, createSkill, setStock } from "#db/seed/factories";
import { loader as homeLoader } from "~/routes/_index";
import { loader as collectionLoader } from "~/routes/collections.$handle";
import { loader as productLoader } from "~/routes/products.$handle";
import { productSeo } from "~/domain/catalog";
import { loader as robotsLoader } from "~/routes/robots[.]txt";
import { loader as sitemapLoader } from "~/routes/sitemap[.]xml";
import { db, schema } from "~/lib/db.server";

const args = (path: string, params: Record<string, string> = {}) => ({
  request: new Request(`https://soko.test${path}`),
  params,
  context: {},
});
const product = (handle: string, qs = "") => productLoader(args(`/products/${handle}${qs}`, { handle }));
const collection = (handle: string, qs = "") => collectionLoader(args(`/collections/${handle}${qs}`, { handle }));
const day = (n: number) => new Date(Date.UTC(2025, 0, n));

describe("product page", () => {
  let ids: { inStock: number; madeToOrder: number };

  beforeAll(async () => {
    const hub = await createLocation(db, { code: "HUB", kind: "hub", shipDays: 5 });
    const store = await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
    const casting = await createSkill(db, { slug: "brass-casting" });
    const beads = await createSkill(db, { slug: "beadwork" });
    const { variants } = await createProduct(db, {
      handle: "kiondo-hoops",
      title: "Kiondo Hoops",
      story: "Hammered brass hoops wrapped in beads </script><b>bold</b>.",
      category: "earrings",
      materials: ["brass", "beads"],
      care: "Keep dry.",
      skills: [casting, beads],
      variants: [
        { title: "Small", options: { size: "Small" }, price: 4800, compareAtPrice: 6000, leadTimeDays: 14 },
        { title: "Large", options: { size: "Large" }, price: 6500, leadTimeDays: 21 },
      ],
    });
    ids = { inStock: variants[0].id, madeToOrder: variants[1].id };
    // Small: 2 free at the hub (5 days); the store's one piece is reserved, so it does not count.
    await setStock(db, variants[0].id, hub.id, 2);
    await setStock(db, variants[0].id, store.id, 1);
    await db.update(schema.inventoryLevels).set({ reserved: 1 }).where(eq(schema.inventoryLevels.locationId, store.id));
    // Large: everything reserved.
    await setStock(db, variants[1].id, hub.id, 3);
    await db.update(schema.inventoryLevels).set({ reserved: 3 }).where(eq(schema.inventoryLevels.variantId, variants[1].id));

    const both = [casting, beads];
    await createArtisan(db, {
      handle: "amina",
      firstName: "Amina",
      settlement: "Kibera",
      county: "Nairobi",
      skills: both,
      piecesMade: 50,
      qualityScore: 9000,
    });
    await createArtisan(db, { handle: "baraka", firstName: "Baraka", skills: both, piecesMade: 50, qualityScore: 9800 });
    await createArtisan(db, { handle: "chebet", firstName: "Chebet", skills: both, piecesMade: 300 });
    await createArtisan(db, { handle: "daudi", firstName: "Daudi", skills: both, piecesMade: 10 });
    await createArtisan(db, { handle: "esther", firstName: "Esther", skills: both, piecesMade: 5 });
    await createArtisan(db, { handle: "one-skill", firstName: "Faith", skills: [casting], piecesMade: 999 });
    await createArtisan(db, { handle: "private", firstName: "Grace", skills: both, piecesMade: 999, publicProfile: false });
    await createArtisan(db, { handle: "retired", firstName: "Hassan", skills: both, piecesMade: 999, active: false });

    // Stock on the flagship's shelf is sold at the counter, not online.
    const flagship = await createLocation(db, { code: "SF-FLAGSHIP", kind: "store", shipDays: 1 });
    const shelfOnly = await createProduct(db, { handle: "shelf-only-ring", category: "rings", variants: [{ leadTimeDays: 10 }] });
    await setStock(db, shelfOnly.variants[0].id, flagship.id, 5);
    await createProduct(db, { handle: "shanga-studs", category: "earrings", featured: true, publishedAt: day(3) });
    await createProduct(db, { handle: "draft-studs", category: "earrings", status: "draft" });
    await createProduct(db, { handle: "horn-cuff", category: "bracelets" });
  });

  it("does not count the flagship's shelf as stock for the web", async () => {
    const page = await product("shelf-only-ring");
    expect(JSON.stringify(page)).toContain("Made to order by hand, ships in 10 days");
  });

  it("is a 404 for an unknown, draft, archived or malformed handle", async () => {
    await createProduct(db, { handle: "old-piece", status: "archived" });
    for (const handle of ["no-such-piece", "draft-studs", "old-piece", "../etc", "UPPER"]) {
      await expect(product(handle)).rejects.toMatchObject({ status: 404 });
    }
  });

  it("shows stock net of reservations, with the fastest holding location's ship time", async () => {
    const data = await product("kiondo-hoops");
    expect(data.product.variants.map((v) => [v.id, v.availability.label])).toEqual([
      [ids.inStock, "In stock, ships in 5 days"],
      [ids.madeToOrder, "Made to order by hand, ships in 21 days"],
    ]);
    expect(data.product.variants[0]).toMatchObject({
      price: { amount: 4800, currency: "USD" },
      compareAtPrice: { amount: 6000, currency: "USD" },
      options: { size: "Small" },
    });
    expect(data.product.variants[1].compareAtPrice).toBeNull();
    expect(data.product.materials).toEqual(["brass", "beads"]);
    expect(data.product.images).toHaveLength(2);
  });

  it("uses the faster location once it has free stock", async () => {
    await db.update(schema.inventoryLevels).set({ onHand: 4 }).where(eq(schema.inventoryLevels.variantId, ids.inStock));
    await db.update(schema.inventoryLevels).set({ reserved: 0 }).where(eq(schema.inventoryLevels.variantId, ids.inStock));
    const data = await product("kiondo-hoops");
    expect(data.product.variants[0].availability.label).toBe("In stock, ships in 2 days");
  });

  it("selects the first variant in stock, or the one in ?variant=", async () => {
    expect((await product("kiondo-hoops")).selectedVariantId).toBe(ids.inStock);
    expect((await product("kiondo-hoops", `?variant=${ids.madeToOrder}`)).selectedVariantId).toBe(ids.madeToOrder);
    expect((await product("kiondo-hoops", "?variant=999999")).selectedVariantId).toBe(ids.inStock);
    expect((await product("kiondo-hoops", "?variant=evil")).selectedVariantId).toBe(ids.inStock);
  });

  it("lists up to four consenting, active makers with every skill, by pieces made then quality", async () => {
    const { product: p } = await product("kiondo-hoops");
    expect(p.makers.map((m) => m.handle)).toEqual(["chebet", "baraka", "amina", "daudi"]);
    expect(p.makers.find((m) => m.handle === "amina")).toEqual({
      handle: "amina",
      firstName: "Amina",
      settlement: "Kibera",
      county: "Nairobi",
      portraitUrl: "/images/makers/amina.svg",
    });
  });

  it("shows no makers for a product that needs no recorded skill", async () => {
    expect((await product("shanga-studs")).product.makers).toEqual([]);
  });

  it("relates active pieces of the same category only", async () => {
    const { product: p } = await product("kiondo-hoops");
    expect(p.related.map((r) => r.handle)).toEqual(["shanga-studs"]);
    expect(p.related[0]).toMatchObject({ price: { amount: 4800, currency: "USD" }, image: { url: "/images/products/shanga-studs-1.svg" } });
  });

  it("has absolute SEO URLs and escaped Product JSON-LD with one offer per variant", async () => {
    const loaded = await product("kiondo-hoops");
    // The page derives them from the product it already carries: not sent twice in the loader data.
    expect(loaded).not.toHaveProperty("jsonLd");
    expect(loaded).not.toHaveProperty("seo");
    const data = { ...loaded, ...productSeo(loaded.product, loaded.publicUrl) };
    expect(data.seo).toMatchObject({
      title: "Kiondo Hoops | Soko",
      url: "https://soko.test/products/kiondo-hoops",
      image: "https://soko.test/images/products/kiondo-hoops-1.svg",
      type: "product",
    });
    expect(data.jsonLd).not.toContain("</script>");
    const ld = JSON.parse(data.jsonLd);
    expect(ld).toMatchObject({ "@type": "Product", name: "Kiondo Hoops", brand: { name: "Soko" } });
    expect(ld.offers).toEqual([
      expect.objectContaining({
        sku: data.product.variants[0].sku,
        price: "48.00",
        priceCurrency: "USD",
        availability: "https://schema.org/InStock",
      }),
      expect.objectContaining({ price: "65.00", availability: "https://schema.org/BackOrder" }),
    ]);
  });
});

describe("collection page", () => {
  beforeAll(async () => {
    await createCollection(db, { handle: "necklaces", title: "Necklaces", kind: "category", description: "Long and short." });
    // 30 necklaces: prices 3000, 4000, … ; every third is horn, the rest brass; one has bone too.
    for (let i = 0; i < 30; i++) {
      await createProduct(db, {
        handle: `necklace-${String(i).padStart(2, "0")}`,
        category: "necklaces",
        materials: i % 3 === 0 ? ["horn"] : i === 7 ? ["brass", "bone"] : ["brass"],
        publishedAt: day(i + 1),
        featured: i === 5,
        variants: [{ price: 3000 + i * 1000 }, { price: 3000 + i * 1000 + 500 }],
      });
    }
    await createProduct(db, { handle: "draft-necklace", category: "necklaces", status: "draft", materials: ["gold"] });
    await createProduct(db, { handle: "a-ring", category: "rings", materials: ["silver"] });
    // A curated collection, in its own order.
    const gifts = await createCollection(db, { handle: "gifts", title: "Gifts", kind: "curated" });
    const rows = await db
      .select({ id: schema.products.id, handle: schema.products.handle })
      .from(schema.products)
      .where(inArray(schema.products.handle, ["necklace-04", "a-ring", "necklace-20"]));
    const order = ["necklace-20", "a-ring", "necklace-04"];
    await db
      .insert(schema.collectionProducts)
      .values(rows.map((r) => ({ collectionId: gifts.id, productId: r.id, position: order.indexOf(r.handle) })));
  });

  it("is a 404 for an unknown handle", async () => {
    await expect(collection("no-such-collection")).rejects.toMatchObject({ status: 404 });
    await expect(collection("Bad Handle!")).rejects.toMatchObject({ status: 404 });
  });

  it("pages a category collection 24 at a time, featured first, with the materials present", async () => {
    const first = await collection("necklaces");
    expect(first.total).toBe(30);
    expect(first.pageCount).toBe(2);
    expect(first.products).toHaveLength(24);
    expect(first.products[0].handle).toBe("necklace-05");
    expect(first.products[1].handle).toBe("necklace-29");
    expect(first.materials).toEqual(["bone", "brass", "horn"]);
    const second = await collection("necklaces", "?page=2");
    expect(second.page).toBe(2);
    expect(second.products).toHaveLength(6);
    const all = [...first.products, ...second.products].map((p) => p.handle);
    expect(new Set(all).size).toBe(30);
    expect(all).not.toContain("draft-necklace");
  });

  it("sends a page past the end to the last page, at its own address (filters and market kept)", async () => {
    const past = await collection("necklaces", "?page=99").catch((response: Response) => response);
    expect(past).toBeInstanceOf(Response);
    expect((past as Response).status).toBe(302);
    expect((past as Response).headers.get("Location")).toBe("/collections/necklaces?page=2");
    const data = await collection("necklaces", "?page=2");
    expect(data.page).toBe(2);
    expect(data.products).toHaveLength(6);
    // One page of results: page 2 is page 1, without a page number.
    const filtered = await collectionLoader(args("/en-gb/collections/necklaces?material=bone&page=3", { handle: "necklaces" })).catch(
      (response: Response) => response,
    );
    expect((filtered as Response).headers.get("Location")).toBe("/en-gb/collections/necklaces?material=bone");
  });

  it.each(["?page=-1", "?page=abc", "?sort=evil", "?price=xyz", "?min=abc&max=", "?material=", "?page=1e9"])(
    "ignores bad query values (%s)",
    async (qs) => {
      const data = await collection("necklaces", qs);
      expect(data.page).toBe(1);
      expect(data.total).toBe(30);
    },
  );

  it("filters by any of the chosen materials", async () => {
    const horn = await collection("necklaces", "?material=horn");
    expect(horn.total).toBe(10);
    expect(horn.products.every((p) => Number(p.handle.slice(-2)) % 3 === 0)).toBe(true);
    expect((await collection("necklaces", "?material=horn&material=bone")).total).toBe(11);
    // The facet still lists every material, not only the filtered ones.
    expect(horn.materials).toEqual(["bone", "brass", "horn"]);
  });

  it("filters by price band or typed bounds on the lowest variant price", async () => {
    const under50 = await collection("necklaces", "?price=under-50&sort=price-asc");
    expect(under50.products.map((p) => p.price?.amount)).toEqual([3000, 4000]);
    expect((await collection("necklaces", "?price=50-100")).total).toBe(5); // 5000..9000
    expect((await collection("necklaces", "?price=100-200")).total).toBe(10); // 10000..19000
    expect((await collection("necklaces", "?price=over-200")).total).toBe(13); // 20000..32000
    expect((await collection("necklaces", "?min=100&max=120")).total).toBe(3); // 10000, 11000, 12000
  });

  it("sorts by price both ways and by newest", async () => {
    const asc = (await collection("necklaces", "?sort=price-asc")).products.map((p) => p.price!.amount);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(asc[0]).toBe(3000);
    const desc = (await collection("necklaces", "?sort=price-desc")).products.map((p) => p.price!.amount);
    expect(desc[0]).toBe(32000);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    const newest = (await collection("necklaces", "?sort=newest")).products.map((p) => p.handle);
    expect(newest.slice(0, 3)).toEqual(["necklace-29", "necklace-28", "necklace-27"]);
  });

  it("is empty, not an error, when the filters match nothing", async () => {
    const past = await collection("necklaces", "?material=gold&page=3").catch((response: Response) => response);
    expect((past as Response).headers.get("Location")).toBe("/collections/necklaces?material=gold");
    const data = await collection("necklaces", "?material=gold");
    expect(data).toMatchObject({ total: 0, products: [], page: 1, pageCount: 1, filtered: true });
  });

  it("keeps a curated collection's own order and members", async () => {
    const data = await collection("gifts");
    expect(data.products.map((p) => p.handle)).toEqual(["necklace-20", "a-ring", "necklace-04"]);
    expect(data.materials).toEqual(["brass", "silver"]);
  });

  it("has a canonical URL without filters", async () => {
    expect((await collection("necklaces", "?material=horn&sort=newest")).seo.url).toBe("https://soko.test/collections/necklaces");
    expect((await collection("necklaces", "?page=2")).seo.url).toBe("https://soko.test/collections/necklaces?page=2");
  });
});

describe("home page, sitemap and robots", () => {
  it("shows collections, the newest pieces and consenting makers only", async () => {
    const data = await homeLoader(args("/"));
    expect(data.collections.map((c) => c.handle)).toEqual(expect.arrayContaining(["necklaces", "gifts"]));
    expect(data.collections.find((c) => c.handle === "gifts")?.image?.url).toBe("/images/products/necklace-20-1.svg");
    expect(data.newArrivals.length).toBeGreaterThan(0);
    expect(data.newArrivals.length).toBeLessThanOrEqual(8);
    const dates = await db
      .select({ handle: schema.products.handle, publishedAt: schema.products.publishedAt })
      .from(schema.products)
      .where(
        inArray(
          schema.products.handle,
          data.newArrivals.map((p) => p.handle),
        ),
      );
    const times = data.newArrivals.map((p) => dates.find((d) => d.handle === p.handle)!.publishedAt!.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(data.makers.length).toBe(3);
    expect(data.makers.map((m) => m.handle)).not.toContain("private");
    expect(data.makers.map((m) => m.handle)).not.toContain("retired");
    expect(data.seo.url).toBe("https://soko.test/");
  });

  it("lists home, collections, active products and public makers in the sitemap", async () => {
    const response = await sitemapLoader(args("/sitemap.xml"));
    expect(response.headers.get("Content-Type")).toContain("application/xml");
    const xml = await response.text();
    for (const path of [
      "/",
      "/collections/necklaces",
      "/collections/gifts",
      "/products/kiondo-hoops",
      "/products/necklace-00",
      "/makers/amina",
      "/makers",
    ]) {
      expect(xml).toContain(`<loc>https://soko.test${path}</loc>`);
    }
    for (const path of ["/products/draft-studs", "/products/old-piece", "/makers/private", "/makers/retired"]) {
      expect(xml).not.toContain(`<loc>https://soko.test${path}</loc>`);
    }
    expect(xml).toMatch(/<loc>https:\/\/soko\.test\/products\/necklace-00<\/loc><lastmod>2025-01-01<\/lastmod>/);
  });

  it("points robots at the sitemap and keeps private surfaces out", async () => {
    const text = await robotsLoader(args("/robots.txt")).text();
    expect(text).toContain("Sitemap: https://soko.test/sitemap.xml");
    expect(text).toContain("Disallow: /ops");
    expect(text).toContain("Disallow: /checkout");
  });
});
