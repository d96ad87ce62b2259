/** A department store set up for EDI on a real database: retailer on terms, DC, items, cross-reference. */
import x12 from "node-x12";
import { eq } from "drizzle-orm";
import { createArtisan, createLocation, createProduct, createRetailer, setStock } from "#db/seed/factories";
import type { SampleParty } from "~/domain/edi/samples";
import { db, schema } from "~/lib/db.server";

export const STORE: SampleParty = { qualifier: "ZZ", id: "GRANDSTORE", gsId: "GRANDSTORE" };
export const SOKO: SampleParty = { qualifier: "ZZ", id: "SOKOEDI", gsId: "SOKOEDI" };
export const UPC_STOCKED = "012345678905";
export const ITEM_MADE = "88812";

export const ymd = (d: Date) => d.toISOString().slice(0, 10).replaceAll("-", "");
export const daysFrom = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

export async function setUpPartner(options: { handle?: string; party?: SampleParty; stock?: number } = {}) {
  const hub = await createLocation(db, { code: "NBO-HUB", kind: "hub", shipDays: 8 }).catch(async () => {
    const [row] = await db.select().from(schema.locations).where(eq(schema.locations.code, "NBO-HUB"));
    return row;
  });
  const suffix = options.handle ?? "grand";
  const stocked = await createProduct(db, {
    title: `Brass Leaf Earrings ${suffix}`,
    status: "active",
    variants: [{ sku: `EAR-LEAF-${suffix}`, price: 4800, minQty: 1, casePack: 1 }],
  });
  const made = await createProduct(db, {
    title: `Horn Bangle ${suffix}`,
    status: "active",
    skills: [`horn-${suffix}`],
    variants: [{ sku: `BRC-HORN-${suffix}`, price: 6400, minQty: 1, casePack: 1 }],
  });
  await createArtisan(db, { firstName: "Wanjiru", skills: [{ skill: `horn-${suffix}`, weeklyCapacity: 40 }] });
  await setStock(db, stocked.variants[0].id, hub.id, options.stock ?? 100);
  const { retailer, buyer } = await createRetailer(db, {
    name: `Grand Store ${suffix}`,
    paymentTerms: "net30",
    creditLimit: 100_000_000,
    buyer: { email: `edi-${suffix}@grand.test`, name: "EDI Buyer" },
  });
  const [dc] = await db
    .insert(schema.retailerLocations)
    .values({
      retailerId: retailer.id,
      name: "Reno DC",
      line1: "1 Distribution Way",
      city: "Reno",
      region: "NV",
      postalCode: "89502",
      country: "US",
      isDefault: true,
    })
    .returning();
  const party = options.party ?? STORE;
  const [partner] = await db
    .insert(schema.ediPartners)
    .values({
      retailerId: retailer.id,
      buyerId: buyer!.id,
      name: retailer.name,
      theirId: party.id,
      theirGsId: party.gsId,
      ourId: SOKO.id,
      ourGsId: SOKO.gsId,
      folder: suffix,
    })
    .returning();
  await db.insert(schema.ediShipTos).values({ partnerId: partner.id, code: "0588", retailerLocationId: dc.id });
  await db.insert(schema.ediItemRefs).values([
    { partnerId: partner.id, qualifier: "UP", value: UPC_STOCKED, variantId: stocked.variants[0].id },
    { partnerId: partner.id, qualifier: "IN", value: ITEM_MADE, variantId: made.variants[0].id },
  ]);
  return { hub, partner, retailer, buyer: buyer!, dc, stocked: stocked.variants[0], made: made.variants[0] };
}

/** Parses what we sent with the same library, strictly (SE01, GE01/GE02 and IEA are checked as it reads). */
export function parseStrict(raw: string) {
  const ix = new x12.X12Parser(true).parse(raw) as InstanceType<typeof x12.X12Interchange>;
  const group = ix.functionalGroups[0];
  const sets = group.transactions.map((t) => ({
    st: t.header.elements.map((e) => e.value),
    se: t.trailer.elements.map((e) => e.value),
    segments: t.segments.map((s) => [s.tag, ...s.elements.map((e) => e.value)]),
  }));
  return {
    isa: ix.header.elements.map((e) => e.value),
    iea: ix.trailer.elements.map((e) => e.value),
    gs: group.header.elements.map((e) => e.value),
    ge: group.trailer.elements.map((e) => e.value),
    sets,
  };
}

export async function documentsOf(partnerId: number, type?: string) {
  const rows = await db
    .select()
    .from(schema.ediDocuments)
    .where(eq(schema.ediDocuments.partnerId, partnerId))
    .orderBy(schema.ediDocuments.id);
  return type ? rows.filter((r) => r.type === type) : rows;
}
