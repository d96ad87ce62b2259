/** /ops/products against the real database: validation, uniqueness, variants, images, publishing and the storefront. */
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { ean13 } from "#db/seed/codes";
import { createCollection, createProduct, createSkill, createStaff } from "#db/seed/factories";
import { action as productAction, loader as productLoader } from "~/routes/ops.products.$id";
import { loader as listRoute } from "~/routes/ops.products._index";
import { loader as storefrontLoader } from "~/routes/products.$handle";
import { db, schema } from "~/lib/db.server";
import { staffSessionCookie } from "./session-support";

const BASE = "http://soko.test";

/** The list's loader answers with its flash headers: its body. */
const listLoader = async (args: Parameters<typeof listRoute>[0]) => (await listRoute(args)).data;
const cookies: Record<string, string> = {};
let skillIds: number[] = [];
let collectionId: number;

async function cookieFor(staffId: number) {
  return staffSessionCookie(staffId);
}

type Outcome = {
  status: number;
  location: string | null;
  body: { intent?: string; errors?: Record<string, string>; values?: Record<string, string> } | null;
};

async function post(id: string, fields: Record<string, string | string[]> | FormData, who = "ops"): Promise<Outcome> {
  let body: FormData | URLSearchParams;
  if (fields instanceof FormData) body = fields;
  else {
    body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  }
  const request = new Request(`${BASE}/ops/products/${id}`, { method: "POST", headers: { Cookie: cookies[who] }, body });
  try {
    const result = await productAction({ request, params: { id }, context: {} });
    if (result instanceof Response) return { status: result.status, location: result.headers.get("Location"), body: null };
    const r = result as unknown as { data: Outcome["body"]; init: { status: number } };
    return { status: r.init.status, location: null, body: r.data };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: null, body: null };
    throw error;
  }
}

async function storefront(handle: string): Promise<number> {
  try {
    await storefrontLoader({ request: new Request(`${BASE}/products/${handle}`), params: { handle }, context: {} });
    return 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

const newProduct = (over: Record<string, string | string[]> = {}) => ({
  intent: "product",
  title: "Kisumu Brass Leaf Earrings",
  handle: "",
  category: "earrings",
  materials: "Brass, recycled glass",
  story: "Cast in Kibera.",
  care: "Keep dry.",
  skills: skillIds.map(String),
  collections: [String(collectionId)],
  ...over,
});

const variant = (over: Record<string, string> = {}) => ({
  intent: "variant",
  title: "Default",
  sku: "KBL-001",
  barcode: ean13("29", 500001),
  options: "finish: Brass",
  price: "48.50",
  compareAtPrice: "",
  wholesalePrice: "24",
  minQty: "6",
  casePack: "6",
  leadTimeDays: "14",
  pieceRate: "350",
  ...over,
});

function productIdOf(location: string | null) {
  const match = /^\/ops\/products\/(\d+)/.exec(location ?? "");
  expect(match, `redirected to the product (${location})`).toBeTruthy();
  return match![1];
}

// A PNG header says everything the upload checks look at (type and size).
function pngBytes(width: number, height: number) {
  const b = new Uint8Array(64);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, width);
  new DataView(b.buffer).setUint32(20, height);
  return b;
}

beforeAll(async () => {
  process.env.UPLOAD_DIR = await mkdtemp(path.join(tmpdir(), "soko-product-uploads-"));
  delete process.env.S3_BUCKET;
  const [ops, admin, cashier] = await Promise.all([
    createStaff(db, { email: "ops-products@soko.test", roles: ["ops"] }),
    createStaff(db, { email: "admin-products@soko.test", roles: ["admin"] }),
    createStaff(db, { email: "cashier-products@soko.test", roles: ["cashier"] }),
  ]);
  cookies.ops = await cookieFor(ops.id);
  cookies.admin = await cookieFor(admin.id);
  cookies.cashier = await cookieFor(cashier.id);
  skillIds = [(await createSkill(db, { slug: "brass-casting" })).id, (await createSkill(db, { slug: "polishing" })).id];
  collectionId = (await createCollection(db, { handle: "new-in" })).id;
});

describe("/ops/products", () => {
  it("refuses a cashier, lets ops and admin in", async () => {
    const asCashier = await listLoader({
      request: new Request(`${BASE}/ops/products`, { headers: { Cookie: cookies.cashier } }),
      params: {},
      context: {},
    }).catch((e: Response) => e);
    expect((asCashier as Response).status).toBe(403);
    expect((await post("new", newProduct(), "cashier")).status).toBe(403);
    for (const who of ["ops", "admin"]) {
      const page = await listLoader({
        request: new Request(`${BASE}/ops/products`, { headers: { Cookie: cookies[who] } }),
        params: {},
        context: {},
      });
      expect(page.page).toBe(1);
    }
  });

  it("explains each bad field and writes nothing", async () => {
    const before = await db.$count(schema.products);
    const result = await post("new", newProduct({ title: "", category: "hats", handle: "Not A Slug!" }));
    expect(result.status).toBe(400);
    expect(result.body?.errors).toMatchObject({ title: expect.stringContaining("title"), category: "Choose a category." });
    expect(result.body?.values?.handle).toBe("Not A Slug!");
    expect(await db.$count(schema.products)).toBe(before);
  });

  it("creates a draft with a handle from the title, its skills and collections, audited", async () => {
    const created = await post("new", newProduct());
    expect(created.status).toBe(302);
    const id = Number(productIdOf(created.location));
    const [product] = await db.select().from(schema.products).where(eq(schema.products.id, id));
    expect(product).toMatchObject({ handle: "kisumu-brass-leaf-earrings", status: "draft", materials: ["brass", "recycled glass"] });
    const skills = await db.select().from(schema.productSkills).where(eq(schema.productSkills.productId, id));
    expect(skills.map((s) => s.skillId).sort()).toEqual([...skillIds].sort());
    expect(await db.$count(schema.collectionProducts, eq(schema.collectionProducts.productId, id))).toBe(1);
    const [entry] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "product.create"), eq(schema.auditLog.subject, `product:${id}`)));
    expect(entry.actor).toMatch(/^staff:\d+$/);
    expect(await storefront("kisumu-brass-leaf-earrings")).toBe(404);
  });

  it("a handle already taken is a message on the handle field, not a 500", async () => {
    await createProduct(db, { handle: "taken-handle" });
    const result = await post("new", newProduct({ title: "Another", handle: "taken-handle" }));
    expect(result.status).toBe(422);
    expect(result.body?.errors?.handle).toMatch(/already uses this handle/);
  });

  it("variants: dollars and shillings become minor units; bad amounts and rules are field messages; SKU and barcode must be unique", async () => {
    const id = productIdOf((await post("new", newProduct({ title: "Variant Test Cuff", category: "bracelets" }))).location);
    const bad = await post(
      id,
      variant({ price: "forty", wholesalePrice: "60", minQty: "0", barcode: "1234567890123", compareAtPrice: "10", pieceRate: "-5" }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body?.errors).toMatchObject({
      price: expect.stringContaining("Price"),
      minQty: "Minimum quantity must be at least 1.",
      barcode: expect.stringContaining("barcode"),
      pieceRate: expect.stringContaining("Piece rate"),
    });

    const ok = await post(
      id,
      variant({
        sku: "vtc-001",
        barcode: ean13("29", 500002),
        price: "$1,250.5",
        compareAtPrice: "1400",
        wholesalePrice: "600",
        pieceRate: "1,200",
      }),
    );
    expect(ok.status).toBe(302);
    const [row] = await db
      .select()
      .from(schema.variants)
      .where(eq(schema.variants.productId, Number(id)));
    expect(row).toMatchObject({
      sku: "VTC-001",
      price: 125050,
      compareAtPrice: 140000,
      wholesalePrice: 60000,
      pieceRate: 120000,
      pieceRateCurrency: "KES",
      options: { finish: "Brass" },
      minQty: 6,
      casePack: 6,
      leadTimeDays: 14,
    });

    const other = await createProduct(db, { variants: [{ sku: "DUP-SKU-1", barcode: ean13("29", 500003) }] });
    const dupSku = await post(id, variant({ sku: "dup-sku-1", barcode: ean13("29", 500004) }));
    expect(dupSku.status).toBe(422);
    expect(dupSku.body?.errors?.sku).toMatch(/already uses this SKU/);
    const dupBarcode = await post(id, variant({ sku: "VTC-002", barcode: other.variants[0].barcode }));
    expect(dupBarcode.status).toBe(422);
    expect(dupBarcode.body?.errors?.barcode).toMatch(/already uses this barcode/);

    // Editing keeps the row and records what changed.
    const edited = await post(
      id,
      variant({
        variantId: String(row.id),
        sku: "VTC-001",
        barcode: ean13("29", 500002),
        price: "99",
        wholesalePrice: "40",
        pieceRate: "500",
      }),
    );
    expect(edited.status).toBe(302);
    const [after] = await db.select().from(schema.variants).where(eq(schema.variants.id, row.id));
    expect(after).toMatchObject({ price: 9900, wholesalePrice: 4000, pieceRate: 50000, compareAtPrice: null });
    const [entry] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "variant.update"), eq(schema.auditLog.subject, `variant:${row.id}`)));
    expect(entry.data).toMatchObject({ changed: { price: { from: 125050, to: 9900 } } });

    // Another product's variant id is not this product's: 404, nothing changed.
    expect((await post(id, variant({ variantId: String(other.variants[0].id), sku: "HIJACK", barcode: ean13("29", 500005) }))).status).toBe(
      404,
    );
    const [untouched] = await db.select().from(schema.variants).where(eq(schema.variants.id, other.variants[0].id));
    expect(untouched.sku).toBe("DUP-SKU-1");
  });

  it("publishing needs a variant; published is on the storefront, unpublished and archived are not", async () => {
    const id = productIdOf((await post("new", newProduct({ title: "Publish Test Hoops" }))).location);
    const early = await post(id, { intent: "status", status: "active" });
    expect(early.status).toBe(422);
    expect(early.body?.errors?.status).toMatch(/at least one variant/);
    expect(await storefront("publish-test-hoops")).toBe(404);

    expect((await post(id, variant({ sku: "PTH-1", barcode: ean13("29", 500006) }))).status).toBe(302);
    expect((await post(id, { intent: "status", status: "active" })).status).toBe(302);
    expect(await storefront("publish-test-hoops")).toBe(200);
    const [published] = await db
      .select()
      .from(schema.products)
      .where(eq(schema.products.id, Number(id)));
    expect(published.publishedAt).not.toBeNull();

    expect((await post(id, { intent: "status", status: "draft" })).status).toBe(302);
    expect(await storefront("publish-test-hoops")).toBe(404);
    expect((await post(id, { intent: "status", status: "active" })).status).toBe(302);
    expect(await storefront("publish-test-hoops")).toBe(200);
    expect((await post(id, { intent: "status", status: "archived" })).status).toBe(302);
    expect(await storefront("publish-test-hoops")).toBe(404);

    const actions = (
      await db
        .select({ action: schema.auditLog.action })
        .from(schema.auditLog)
        .where(eq(schema.auditLog.subject, `product:${id}`))
        .orderBy(asc(schema.auditLog.id))
    ).map((a) => a.action);
    expect(actions).toEqual(["product.create", "product.publish", "product.unpublish", "product.publish", "product.archive"]);
  });

  it("images: upload needs alt text and a real image ≤ 5 MB; stored, served, reordered and removed", async () => {
    const id = productIdOf((await post("new", newProduct({ title: "Image Test Pendant", category: "necklaces" }))).location);
    const upload = (bytes: Uint8Array, alt: string, name = "photo.png") => {
      const form = new FormData();
      form.set("intent", "image-upload");
      form.set("alt", alt);
      form.set("image", new File([Buffer.from(bytes)], name, { type: "image/png" }));
      return post(id, form);
    };
    const noAlt = await upload(pngBytes(1200, 900), "");
    expect(noAlt.status).toBe(400);
    expect(noAlt.body?.errors?.alt).toMatch(/Describe the image/);
    const notImage = await upload(new TextEncoder().encode("<svg onload=alert(1)>"), "A pendant", "evil.png");
    expect(notImage.status).toBe(422);
    expect(notImage.body?.errors?.image).toMatch(/JPEG, PNG or WebP/);
    const tooBig = await upload(new Uint8Array(5 * 1024 * 1024 + 1), "A pendant");
    expect(tooBig.status).toBe(422);
    expect(tooBig.body?.errors?.image).toMatch(/5 MB/);
    expect(await db.$count(schema.productImages, eq(schema.productImages.productId, Number(id)))).toBe(0);

    expect((await upload(pngBytes(1200, 900), "The pendant on a linen cloth")).status).toBe(302);
    expect((await upload(pngBytes(800, 800), "The pendant worn")).status).toBe(302);
    const images = await db
      .select()
      .from(schema.productImages)
      .where(eq(schema.productImages.productId, Number(id)))
      .orderBy(asc(schema.productImages.position));
    expect(images.map((i) => [i.alt, i.width, i.height])).toEqual([
      ["The pendant on a linen cloth", 1200, 900],
      ["The pendant worn", 800, 800],
    ]);
    expect(images[0].url).toMatch(/^\/uploads\/products\/[a-f0-9-]{36}\.png$/);
    expect(await readdir(path.join(process.env.UPLOAD_DIR!, "products"))).toHaveLength(2);

    const { loader: serve } = await import("~/routes/uploads.$");
    const served = await serve({
      request: new Request(`${BASE}${images[0].url}`),
      params: { "*": images[0].url.replace("/uploads/", "") },
      context: {},
    });
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/png");
    expect(
      (await serve({ request: new Request(`${BASE}/uploads/../../etc/passwd`), params: { "*": "../../etc/passwd" }, context: {} })).status,
    ).toBe(404);

    expect((await post(id, { intent: "image-down", imageId: String(images[0].id) })).status).toBe(302);
    const reordered = await db
      .select({ id: schema.productImages.id })
      .from(schema.productImages)
      .where(eq(schema.productImages.productId, Number(id)))
      .orderBy(asc(schema.productImages.position));
    expect(reordered.map((r) => r.id)).toEqual([images[1].id, images[0].id]);

    const blankAlt = await post(id, { intent: "image-alt", imageId: String(images[1].id), alt: " " });
    expect(blankAlt.status).toBe(400);
    expect((await post(id, { intent: "image-alt", imageId: String(images[1].id), alt: "Worn with a white shirt" })).status).toBe(302);

    expect((await post(id, { intent: "image-remove", imageId: String(images[0].id) })).status).toBe(302);
    expect(await readdir(path.join(process.env.UPLOAD_DIR!, "products"))).toHaveLength(1);
    const left = await db
      .select()
      .from(schema.productImages)
      .where(eq(schema.productImages.productId, Number(id)));
    expect(left).toHaveLength(1);
    expect(left[0].alt).toBe("Worn with a white shirt");

    const page = await productLoader({
      request: new Request(`${BASE}/ops/products/${id}`, { headers: { Cookie: cookies.ops } }),
      params: { id },
      context: {},
    });
    const body = ("data" in page ? page.data : page) as { images: unknown[]; product: { title: string } | null };
    expect(body.product?.title).toBe("Image Test Pendant");
    expect(body.images).toHaveLength(1);
  });

  it("lists with search, status and category filters", async () => {
    await createProduct(db, { title: "Filter Ring Alpha", category: "rings", status: "active", variants: [{ sku: "FRA-1" }] });
    await createProduct(db, { title: "Filter Ring Beta", category: "rings", status: "draft" });
    const list = (qs: string) =>
      listLoader({ request: new Request(`${BASE}/ops/products${qs}`, { headers: { Cookie: cookies.ops } }), params: {}, context: {} });
    expect((await list("?q=filter+ring")).rows.map((r) => r.title).sort()).toEqual(["Filter Ring Alpha", "Filter Ring Beta"]);
    expect((await list("?q=filter+ring&status=draft")).rows.map((r) => r.title)).toEqual(["Filter Ring Beta"]);
    expect((await list("?q=fra-1")).rows.map((r) => r.title)).toEqual(["Filter Ring Alpha"]);
    expect((await list("?category=rings&status=active")).rows.every((r) => r.category === "rings" && r.status === "active")).toBe(true);
    const bad = await list("?status=gone").catch((e: Response) => e);
    expect((bad as Response).status).toBe(400);
  });

  it("each row shows its own image, variant count and price range (issue 15: every row showed the same)", async () => {
    // A few products first, so product ids and variant ids part ways as they do in real data.
    for (let i = 0; i < 3; i++) await createProduct(db, { title: `Row Filler ${i}`, variants: [{}, {}] });
    const three = await createProduct(db, {
      title: "Row Check Three",
      variants: [{ price: 3200 }, { price: 5400 }, { price: 6100 }],
      images: [{ url: "/images/row-check-three.jpg", alt: "Three" }],
    });
    const one = await createProduct(db, {
      title: "Row Check One",
      variants: [{ price: 9900, sku: "ROWCHK-ONE-1", barcode: ean13("29", 777001) }],
      images: [{ url: "/images/row-check-one.jpg", alt: "One" }],
    });
    const none = await createProduct(db, { title: "Row Check None", images: 0 });
    await db.delete(schema.variants).where(eq(schema.variants.productId, none.product.id));
    const page = await listLoader({
      request: new Request(`${BASE}/ops/products?q=row+check`, { headers: { Cookie: cookies.ops } }),
      params: {},
      context: {},
    });
    const byId = new Map(page.rows.map((r) => [r.id, r]));
    expect(byId.get(three.product.id)).toMatchObject({
      variantCount: 3,
      fromPrice: 3200,
      toPrice: 6100,
      image: { url: three.images[0].url },
    });
    expect(byId.get(one.product.id)).toMatchObject({ variantCount: 1, fromPrice: 9900, toPrice: 9900, image: { url: one.images[0].url } });
    expect(byId.get(none.product.id)).toMatchObject({ variantCount: 0, fromPrice: null, toPrice: null, image: null });
    // A SKU finds its own product, not the one whose id matches the variant's.
    const bySku = await listLoader({
      request: new Request(`${BASE}/ops/products?q=rowchk-one`, { headers: { Cookie: cookies.ops } }),
      params: {},
      context: {},
    });
    expect(bySku.rows.map((r) => r.title)).toEqual(["Row Check One"]);
  });
});
