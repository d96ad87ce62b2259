/**
 * Trading partner profiles: made for an approved retailer on terms, edited by ops, their item
 * cross-reference imported from CSV (all rows or none), their DCs mapped, and the bearer token of
 * their HTTP endpoint issued (shown once; only its sha256 is kept) and checked in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { EdiPartner } from "#db/schema";
import { audit } from "~/domain/audit/index.server";
import { db, schema } from "~/lib/db.server";
import type { PartnerInput, XrefRow } from "./forms";

const { ediPartners, ediItemRefs, ediShipTos, ediTransactions, ediDocuments, retailers, retailerLocations, buyerUsers, variants } = schema;

export type Outcome<T = object> =
  | ({ ok: true; message: string } & T)
  | { ok: false; status: 404 | 409 | 422; message: string; field?: string; errors?: string[] };

export async function listPartners() {
  const rows = await db
    .select({
      id: ediPartners.id,
      name: ediPartners.name,
      retailerName: retailers.name,
      usage: ediPartners.usage,
      active: ediPartners.active,
      theirId: ediPartners.theirId,
      held: sql<number>`(select count(*)::int from ${ediTransactions} t where t.partner_id = ${ediPartners.id} and t.status in ('held', 'rejected'))`,
      overdue: sql<number>`(select count(*)::int from ${ediDocuments} d where d.partner_id = ${ediPartners.id} and d.status in ('pending', 'sent') and d.ack_due_at < now())`,
      lastReceived: sql<Date | null>`(select max(t.processed_at) from ${ediTransactions} t where t.partner_id = ${ediPartners.id})`,
    })
    .from(ediPartners)
    .innerJoin(retailers, eq(retailers.id, ediPartners.retailerId))
    .orderBy(asc(ediPartners.name));
  return rows.map((r) => ({ ...r, lastReceived: r.lastReceived ? new Date(r.lastReceived) : null }));
}

export async function getPartner(id: number): Promise<EdiPartner | null> {
  const [p] = await db.select().from(ediPartners).where(eq(ediPartners.id, id));
  return p ?? null;
}

export async function partnerDetail(id: number, refsPage = 1) {
  const partner = await getPartner(id);
  if (!partner) return null;
  const perPage = 50;
  const [[retailer], locations, buyers, shipTos, [{ refCount }], refs] = await Promise.all([
    db
      .select({ id: retailers.id, name: retailers.name, paymentTerms: retailers.paymentTerms })
      .from(retailers)
      .where(eq(retailers.id, partner.retailerId)),
    db
      .select({ id: retailerLocations.id, name: retailerLocations.name, city: retailerLocations.city })
      .from(retailerLocations)
      .where(eq(retailerLocations.retailerId, partner.retailerId))
      .orderBy(asc(retailerLocations.name)),
    db
      .select({ id: buyerUsers.id, name: buyerUsers.name, email: buyerUsers.email })
      .from(buyerUsers)
      .where(eq(buyerUsers.retailerId, partner.retailerId)),
    db
      .select({ id: ediShipTos.id, code: ediShipTos.code, locationName: retailerLocations.name, city: retailerLocations.city })
      .from(ediShipTos)
      .innerJoin(retailerLocations, eq(retailerLocations.id, ediShipTos.retailerLocationId))
      .where(eq(ediShipTos.partnerId, id))
      .orderBy(asc(ediShipTos.code)),
    db.select({ refCount: count() }).from(ediItemRefs).where(eq(ediItemRefs.partnerId, id)),
    db
      .select({ id: ediItemRefs.id, qualifier: ediItemRefs.qualifier, value: ediItemRefs.value, sku: variants.sku })
      .from(ediItemRefs)
      .innerJoin(variants, eq(variants.id, ediItemRefs.variantId))
      .where(eq(ediItemRefs.partnerId, id))
      .orderBy(asc(variants.sku), asc(ediItemRefs.qualifier))
      .limit(perPage)
      .offset((refsPage - 1) * perPage),
  ]);
  const { inboundTokenHash, ...rest } = partner;
  return {
    partner: { ...rest, hasToken: Boolean(inboundTokenHash) },
    retailer,
    locations,
    buyers,
    shipTos,
    refs,
    refCount,
    refsPage,
    refsPageCount: Math.max(1, Math.ceil(refCount / perPage)),
  };
}

/** Retailers that may become partners: approved, on terms, not one already. */
export async function partnerCandidates() {
  return db
    .select({ id: retailers.id, name: retailers.name })
    .from(retailers)
    .where(
      and(
        eq(retailers.status, "approved"),
        inArray(retailers.paymentTerms, ["net30", "net60"]),
        sql`not exists (select 1 from ${ediPartners} p where p.retailer_id = ${retailers.id})`,
      ),
    )
    .orderBy(asc(retailers.name));
}

/** A new profile with test usage and placeholder ids named after the retailer, to be edited next. */
export async function createPartner(input: { retailerId: number; actor: string }): Promise<Outcome<{ id: number }>> {
  return db.transaction(async (tx) => {
    const [retailer] = await tx.select().from(retailers).where(eq(retailers.id, input.retailerId)).for("update");
    if (retailer?.status !== "approved") return { ok: false, status: 422, field: "retailerId", message: "Choose an approved retailer." };
    if (retailer.paymentTerms === "card")
      return {
        ok: false,
        status: 422,
        field: "retailerId",
        message: `${retailer.name} pays by card; EDI orders are on terms. Set Net 30 or Net 60 first.`,
      };
    // Orders are placed under the retailer's first buyer until ops chooses another on the profile.
    const [buyer] = await tx
      .select({ id: buyerUsers.id })
      .from(buyerUsers)
      .where(eq(buyerUsers.retailerId, retailer.id))
      .orderBy(asc(buyerUsers.id))
      .limit(1);
    if (!buyer) return { ok: false, status: 422, field: "retailerId", message: `${retailer.name} has no buyer yet; invite one first.` };
    const id =
      retailer.handle
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, "")
        .slice(0, 15) || `R${retailer.id}`;
    const [row] = await tx
      .insert(ediPartners)
      .values({
        retailerId: retailer.id,
        buyerId: buyer.id,
        name: retailer.name,
        theirId: id,
        theirGsId: id,
        ourId: "SOKOEDI",
        ourGsId: "SOKOEDI",
        folder: id.toLowerCase(),
      })
      .onConflictDoNothing()
      .returning({ id: ediPartners.id });
    if (!row)
      return { ok: false, status: 409, message: `${retailer.name} already has an EDI profile, or another partner uses the id ${id}.` };
    await audit(tx, {
      actor: input.actor,
      action: "edi.partner.create",
      subject: `edi_partner:${row.id}`,
      data: { retailerId: retailer.id },
    });
    return { ok: true, id: row.id, message: `${retailer.name} is set up for EDI in test mode. Fill in its interchange ids next.` };
  });
}

export async function updatePartner(id: number, input: PartnerInput, actor: string): Promise<Outcome> {
  const partner = await getPartner(id);
  if (!partner) return { ok: false, status: 404, message: "That partner no longer exists." };
  const [buyer] = await db
    .select({ id: buyerUsers.id })
    .from(buyerUsers)
    .where(and(eq(buyerUsers.id, input.buyerId), eq(buyerUsers.retailerId, partner.retailerId)));
  if (!buyer) return { ok: false, status: 422, field: "buyerId", message: "Choose one of the retailer's buyers." };
  try {
    const [row] = await db
      .update(ediPartners)
      .set({ ...input, folder: input.folder ?? null, endpointUrl: input.endpointUrl ?? null })
      .where(eq(ediPartners.id, id))
      .returning({ id: ediPartners.id });
    if (!row) return { ok: false, status: 404, message: "That partner no longer exists." };
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    if (e.code === "23505" || e.cause?.code === "23505")
      return { ok: false, status: 409, field: "theirId", message: "Another partner already sends with that qualifier and interchange id." };
    throw error;
  }
  await audit(db, {
    actor,
    action: "edi.partner.update",
    subject: `edi_partner:${id}`,
    data: { usage: input.usage, active: input.active },
  });
  return { ok: true, message: "Profile saved." };
}

const sha256 = (s: string) => createHash("sha256").update(s).digest();

/** A new bearer token for the partner's POST /edi/inbound (the old one stops working). Shown once. */
export async function issueInboundToken(id: number, actor: string): Promise<string | null> {
  const secret = randomBytes(32).toString("base64url");
  const token = `${id}.${secret}`;
  const [row] = await db
    .update(ediPartners)
    .set({ inboundTokenHash: sha256(secret).toString("hex") })
    .where(eq(ediPartners.id, id))
    .returning({ id: ediPartners.id });
  if (!row) return null;
  await audit(db, { actor, action: "edi.partner.token", subject: `edi_partner:${id}`, data: {} });
  return token;
}

/** The partner a bearer token belongs to, or null; the hashes are compared in constant time. */
export async function partnerForToken(authorization: string | null): Promise<EdiPartner | null> {
  const m = /^Bearer (\d{1,9})\.([A-Za-z0-9_-]{20,100})$/.exec(authorization ?? "");
  // Hash anyway, so a malformed header costs what a wrong token does.
  const presented = sha256(m?.[2] ?? "");
  if (!m) return null;
  const partner = await getPartner(Number(m[1]));
  const stored = Buffer.from(partner?.inboundTokenHash ?? "0".repeat(64), "hex");
  const same = stored.length === presented.length && timingSafeEqual(stored, presented);
  return partner?.inboundTokenHash && same ? partner : null;
}

/** Imports cross-reference rows: every SKU must be ours; rows replace the same (qualifier, value). */
export async function importCrossReference(id: number, rows: XrefRow[], actor: string): Promise<Outcome<{ imported: number }>> {
  const skus = [...new Set(rows.map((r) => r.sku))];
  const found = await db.select({ id: variants.id, sku: variants.sku }).from(variants).where(inArray(variants.sku, skus));
  const bySku = new Map(found.map((v) => [v.sku, v.id]));
  const errors = rows.filter((r) => !bySku.has(r.sku)).map((r) => `Line ${r.line}: ${r.sku} is not one of our SKUs.`);
  if (errors.length)
    return {
      ok: false,
      status: 422,
      message: `Nothing was imported: ${errors.length} ${errors.length === 1 ? "row needs" : "rows need"} fixing.`,
      errors: errors.slice(0, 50),
    };
  return db.transaction(async (tx) => {
    const [partner] = await tx.select({ id: ediPartners.id }).from(ediPartners).where(eq(ediPartners.id, id)).for("update");
    if (!partner) return { ok: false as const, status: 404 as const, message: "That partner no longer exists." };
    const values = [...new Map(rows.map((r) => [`${r.qualifier}:${r.value}`, r])).values()];
    for (let i = 0; i < values.length; i += 1000)
      await tx
        .insert(ediItemRefs)
        .values(
          values.slice(i, i + 1000).map((r) => ({ partnerId: id, qualifier: r.qualifier, value: r.value, variantId: bySku.get(r.sku)! })),
        )
        .onConflictDoUpdate({
          target: [ediItemRefs.partnerId, ediItemRefs.qualifier, ediItemRefs.value],
          set: { variantId: sql`excluded.variant_id` },
        });
    await audit(tx, { actor, action: "edi.partner.xref", subject: `edi_partner:${id}`, data: { rows: values.length } });
    return {
      ok: true as const,
      imported: values.length,
      message: `${values.length} cross-reference ${values.length === 1 ? "row" : "rows"} imported.`,
    };
  });
}

export async function removeItemRef(partnerId: number, refId: number, actor: string): Promise<Outcome> {
  const [row] = await db
    .delete(ediItemRefs)
    .where(and(eq(ediItemRefs.id, refId), eq(ediItemRefs.partnerId, partnerId)))
    .returning({ value: ediItemRefs.value });
  if (!row) return { ok: false, status: 404, message: "That cross-reference row is already gone." };
  await audit(db, { actor, action: "edi.partner.xref_remove", subject: `edi_partner:${partnerId}`, data: { value: row.value } });
  return { ok: true, message: `${row.value} removed from the cross-reference.` };
}

export async function addShipTo(partnerId: number, input: { code: string; retailerLocationId: number }, actor: string): Promise<Outcome> {
  const partner = await getPartner(partnerId);
  if (!partner) return { ok: false, status: 404, message: "That partner no longer exists." };
  const [loc] = await db
    .select({ id: retailerLocations.id, name: retailerLocations.name })
    .from(retailerLocations)
    .where(and(eq(retailerLocations.id, input.retailerLocationId), eq(retailerLocations.retailerId, partner.retailerId)));
  if (!loc) return { ok: false, status: 422, field: "retailerLocationId", message: "Choose one of the retailer's locations." };
  await db
    .insert(ediShipTos)
    .values({ partnerId, code: input.code, retailerLocationId: loc.id })
    .onConflictDoUpdate({ target: [ediShipTos.partnerId, ediShipTos.code], set: { retailerLocationId: loc.id } });
  await audit(db, {
    actor,
    action: "edi.partner.ship_to",
    subject: `edi_partner:${partnerId}`,
    data: { code: input.code, locationId: loc.id },
  });
  return { ok: true, message: `Ship-to ${input.code} goes to ${loc.name}.` };
}

export async function removeShipTo(partnerId: number, shipToId: number, actor: string): Promise<Outcome> {
  const [row] = await db
    .delete(ediShipTos)
    .where(and(eq(ediShipTos.id, shipToId), eq(ediShipTos.partnerId, partnerId)))
    .returning({ code: ediShipTos.code });
  if (!row) return { ok: false, status: 404, message: "That ship-to is already gone." };
  await audit(db, { actor, action: "edi.partner.ship_to_remove", subject: `edi_partner:${partnerId}`, data: { code: row.code } });
  return { ok: true, message: `Ship-to ${row.code} removed.` };
}
