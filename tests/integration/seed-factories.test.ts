import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, schema } from "#db/client";
import { isValidEan13 } from "#db/seed/codes";
import {
  createArtisan,
  createCollection,
  createCustomer,
  createDiscountCode,
  createLocation,
  createProduct,
  createRetailer,
  createSkill,
  createStaff,
  setStock,
} from "#db/seed/factories";
import { verifySecret } from "~/domain/accounts/password.server";

const { db, sql } = createDb(process.env.DATABASE_URL!, { max: 2 });
afterAll(() => sql.end());

describe("test factories", () => {
  it("createProduct fills deterministic defaults and links skills and collections", async () => {
    const { product, variants, images, skills } = await createProduct(db, {
      title: "Kuzi Brass Ring",
      category: "rings",
      variants: [
        { price: 6800, options: { size: "7" } },
        { price: 6800, options: { size: "8" } },
      ],
      skills: ["brass-casting", "polishing"],
      collections: ["rings"],
    });
    expect(product).toMatchObject({ handle: "kuzi-brass-ring", status: "active", category: "rings" });
    expect(variants).toHaveLength(2);
    expect(variants.map((v) => v.position)).toEqual([0, 1]);
    for (const v of variants) {
      expect(v.wholesalePrice).toBe(3400);
      expect(v.pieceRate).toBeGreaterThan(0);
      expect(isValidEan13(v.barcode)).toBe(true);
    }
    expect(new Set(variants.map((v) => v.sku)).size).toBe(2);
    expect(images.map((i) => i.url)).toEqual(["/images/products/kuzi-brass-ring-1.svg", "/images/products/kuzi-brass-ring-2.svg"]);
    expect(skills.map((s) => s.slug)).toEqual(["brass-casting", "polishing"]);

    // A second product reuses the same skill and collection rows.
    const second = await createProduct(db, { skills: ["polishing"], collections: ["rings"] });
    expect(second.skills[0].id).toBe(skills[1].id);
    const members = await db.select().from(schema.collectionProducts);
    expect(members.map((m) => m.position).sort()).toEqual([0, 1]);
    const collection = await createCollection(db, { handle: "rings" });
    expect(members.every((m) => m.collectionId === collection.id)).toBe(true);
  });

  it("createArtisan hashes the PIN and records skills with capacity", async () => {
    const polishing = await createSkill(db, { slug: "polishing" });
    const { artisan, skills } = await createArtisan(db, {
      firstName: "Achieng",
      pin: "4321",
      skills: [{ skill: "beadwork", weeklyCapacity: 35 }, polishing],
    });
    expect(artisan.firstName).toBe("Achieng");
    expect(artisan.phone).toMatch(/^\+2547999\d{5}$/);
    expect(artisan.payoutPhone).toBe(artisan.phone);
    expect(await verifySecret("4321", artisan.pinHash)).toBe(true);
    expect(skills.map((s) => s.weeklyCapacity).sort()).toEqual([20, 35]);
    const other = await createArtisan(db);
    expect(other.artisan.handle).not.toBe(artisan.handle);
    expect(other.artisan.pinHash).toBeNull();
  });

  it("setStock upserts the level and records each change as a movement", async () => {
    const { variants } = await createProduct(db);
    const location = await createLocation(db, { code: "US-FC", kind: "fulfilment" });
    expect((await setStock(db, variants[0].id, location.id, 5)).onHand).toBe(5);
    expect((await setStock(db, variants[0].id, location.id, 3)).onHand).toBe(3);
    await setStock(db, variants[0].id, location.id, 3);
    const movements = await db.select().from(schema.inventoryMovements).where(eq(schema.inventoryMovements.variantId, variants[0].id));
    expect(movements.map((m) => m.onHandDelta)).toEqual([5, -2]);
  });

  it("creates staff, customers, retailers with buyers and discount codes", async () => {
    const staff = await createStaff(db, { email: "Boss@Soko.test", roles: ["admin"], password: "pw-123456" });
    expect(staff.email).toBe("boss@soko.test");
    expect(await verifySecret("pw-123456", staff.passwordHash)).toBe(true);

    const guest = await createCustomer(db);
    expect(guest.passwordHash).toBeNull();
    const member = await createCustomer(db, { email: "amina@example.test", password: "hunter22" });
    expect(await verifySecret("hunter22", member.passwordHash)).toBe(true);

    const { retailer, buyer } = await createRetailer(db, { name: "Nordic Goods", paymentTerms: "net30", creditLimit: 500_000 });
    expect(retailer).toMatchObject({ status: "approved", paymentTerms: "net30", creditLimit: 500_000 });
    expect(buyer?.retailerId).toBe(retailer.id);
    expect(await verifySecret("soko-demo", buyer?.passwordHash)).toBe(true);
    const noBuyer = await createRetailer(db, { buyer: false, status: "applied" });
    expect(noBuyer.buyer).toBeNull();

    const code = await createDiscountCode(db, { code: "SPRING5", kind: "fixed", value: 500 });
    expect(code).toMatchObject({ code: "SPRING5", kind: "fixed", value: 500, currency: "USD" });
    expect((await createDiscountCode(db)).value).toBe(10);
  });
});
