/**
 * A retailer's own account: its buyers (invite a colleague by email) and ship-to locations. Every
 * query is scoped by the signed-in buyer's retailer id; another retailer's ids are simply not found.
 */
import { and, asc, count, desc, eq, getTableColumns, isNull, sql } from "drizzle-orm";
import { audit } from "~/domain/audit/index.server";
import { normalizeEmail } from "~/domain/accounts/index.server";
import { queueEmail } from "~/domain/notifications/index.server";
import { db, schema } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { INVITE_DAYS, inviteUrl, newInviteToken, type BuyerContext } from "./auth.server";

const { buyerUsers, retailerLocations, wholesaleOrders } = schema;

export type AccountResult = { ok: true; message: string } | { ok: false; status: 404 | 409 | 422; message: string; field?: string };

export async function listBuyers(retailerId: number) {
  return db
    .select({
      id: buyerUsers.id,
      name: buyerUsers.name,
      email: buyerUsers.email,
      acceptedAt: buyerUsers.acceptedAt,
      inviteExpiresAt: buyerUsers.inviteExpiresAt,
      active: sql<boolean>`${buyerUsers.passwordHash} is not null`,
    })
    .from(buyerUsers)
    .where(eq(buyerUsers.retailerId, retailerId))
    .orderBy(asc(buyerUsers.id));
}

/** Invites a colleague: a buyer row without a password and an emailed link to set one. */
export async function inviteBuyer(
  { buyer, retailer }: BuyerContext,
  input: { name: string; email: string },
  now = new Date(),
): Promise<AccountResult> {
  const email = normalizeEmail(input.email);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: buyerUsers.id, retailerId: buyerUsers.retailerId })
      .from(buyerUsers)
      .where(eq(buyerUsers.email, email))
      .limit(1);
    if (existing) {
      return existing.retailerId === retailer.id
        ? { ok: false as const, status: 409 as const, field: "email", message: `${email} is already on your account.` }
        : {
            ok: false as const,
            status: 409 as const,
            field: "email",
            message: `${email} can't be invited: it already has a Soko wholesale login. Use another email, or contact us.`,
          };
    }
    const invite = newInviteToken(now);
    const [created] = await tx
      .insert(buyerUsers)
      .values({
        retailerId: retailer.id,
        email,
        name: input.name,
        inviteTokenHash: invite.hash,
        inviteExpiresAt: invite.expiresAt,
        invitedBy: buyer.id,
      })
      .returning({ id: buyerUsers.id });
    await audit(tx, {
      actor: `buyer:${buyer.id}`,
      action: "buyer.invite",
      subject: `retailer:${retailer.id}`,
      data: { email, buyerId: created.id },
    });
    await sendInvitation(tx, {
      buyerId: created.id,
      email,
      name: input.name,
      inviter: buyer.name,
      retailerName: retailer.name,
      token: invite.token,
      now,
    });
    return { ok: true as const, message: `Invitation sent to ${email}.` };
  });
}

/** A fresh link for a colleague who has not accepted yet (the old link stops working). */
export async function resendInvitation({ buyer, retailer }: BuyerContext, buyerId: number, now = new Date()): Promise<AccountResult> {
  return db.transaction(async (tx) => {
    const invite = newInviteToken(now);
    const [row] = await tx
      .update(buyerUsers)
      .set({ inviteTokenHash: invite.hash, inviteExpiresAt: invite.expiresAt })
      .where(
        and(
          eq(buyerUsers.id, buyerId),
          eq(buyerUsers.retailerId, retailer.id),
          isNull(buyerUsers.acceptedAt),
          isNull(buyerUsers.passwordHash),
        ),
      )
      .returning({ id: buyerUsers.id, email: buyerUsers.email, name: buyerUsers.name });
    if (!row)
      return { ok: false as const, status: 404 as const, message: "There is no pending invitation for that buyer on your account." };
    await audit(tx, {
      actor: `buyer:${buyer.id}`,
      action: "buyer.invite_resent",
      subject: `retailer:${retailer.id}`,
      data: { email: row.email, buyerId: row.id },
    });
    await sendInvitation(tx, {
      buyerId: row.id,
      email: row.email,
      name: row.name,
      inviter: buyer.name,
      retailerName: retailer.name,
      token: invite.token,
      now,
    });
    return { ok: true as const, message: `A new invitation is on its way to ${row.email}.` };
  });
}

async function sendInvitation(
  tx: Parameters<Parameters<typeof db.transaction>[0]>[0],
  input: { buyerId: number; email: string; name: string; inviter: string; retailerName: string; token: string; now: Date },
) {
  await queueEmail(tx, {
    template: "wholesale-buyer-invitation",
    to: input.email,
    // One email per invitation link: a resend is a new fact.
    dedupeKey: `wholesale-buyer-invitation:${input.buyerId}:${input.now.getTime()}`,
    props: {
      inviteeName: input.name,
      inviterName: input.inviter,
      businessName: input.retailerName,
      inviteUrl: inviteUrl(env().PUBLIC_URL, input.token),
      inviteDays: INVITE_DAYS,
    },
  });
}

/** The retailer's ship-to locations, the default first; `hasOrders`: an order names it, so it can't be removed. */
export async function listLocations(retailerId: number) {
  return db
    .select({
      ...getTableColumns(retailerLocations),
      // Through the retailer's own orders (their index): no index leads from a location to its orders.
      hasOrders: sql<boolean>`exists (select 1 from ${wholesaleOrders} where ${wholesaleOrders.retailerId} = ${retailerId} and ${wholesaleOrders.retailerLocationId} = ${retailerLocations.id})`,
    })
    .from(retailerLocations)
    .where(eq(retailerLocations.retailerId, retailerId))
    .orderBy(desc(retailerLocations.isDefault), asc(retailerLocations.name), asc(retailerLocations.id));
}

export type LocationInput = {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode?: string;
  country: string;
};

/** Adds a ship-to location; the first one becomes the default. */
export async function addLocation({ buyer, retailer }: BuyerContext, input: LocationInput): Promise<AccountResult> {
  return db.transaction(async (tx) => {
    const [{ n }] = await tx.select({ n: count() }).from(retailerLocations).where(eq(retailerLocations.retailerId, retailer.id));
    if (n >= 200) return { ok: false as const, status: 422 as const, message: "An account can keep up to 200 ship-to locations." };
    const [row] = await tx
      .insert(retailerLocations)
      .values({
        retailerId: retailer.id,
        name: input.name,
        line1: input.line1,
        line2: input.line2 ?? null,
        city: input.city,
        region: input.region ?? null,
        postalCode: input.postalCode ?? null,
        country: input.country,
        isDefault: n === 0,
      })
      .returning({ id: retailerLocations.id });
    await audit(tx, {
      actor: `buyer:${buyer.id}`,
      action: "retailer.location_added",
      subject: `retailer:${retailer.id}`,
      data: { locationId: row.id, name: input.name },
    });
    return { ok: true as const, message: `Added ${input.name}.` };
  });
}

export async function setDefaultLocation({ retailer }: BuyerContext, locationId: number): Promise<AccountResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: retailerLocations.id, name: retailerLocations.name })
      .from(retailerLocations)
      .where(and(eq(retailerLocations.id, locationId), eq(retailerLocations.retailerId, retailer.id)))
      .for("update");
    if (!row) return { ok: false as const, status: 404 as const, message: "There is no such location on your account." };
    await tx
      .update(retailerLocations)
      .set({ isDefault: sql`${retailerLocations.id} = ${locationId}` })
      .where(eq(retailerLocations.retailerId, retailer.id));
    return { ok: true as const, message: `${row.name} is now your default ship-to location.` };
  });
}

/** Removes a location no order has shipped to (those stay, for the order's record). */
export async function removeLocation({ buyer, retailer }: BuyerContext, locationId: number): Promise<AccountResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(retailerLocations)
      .where(and(eq(retailerLocations.id, locationId), eq(retailerLocations.retailerId, retailer.id)))
      .for("update");
    if (!row) return { ok: false as const, status: 404 as const, message: "There is no such location on your account." };
    const [{ used }] = await tx.select({ used: count() }).from(wholesaleOrders).where(eq(wholesaleOrders.retailerLocationId, locationId));
    if (used > 0)
      return { ok: false as const, status: 409 as const, message: `${row.name} has orders shipped to it, so it stays on your account.` };
    await tx.delete(retailerLocations).where(eq(retailerLocations.id, locationId));
    if (row.isDefault) {
      const [next] = await tx
        .select({ id: retailerLocations.id })
        .from(retailerLocations)
        .where(eq(retailerLocations.retailerId, retailer.id))
        .orderBy(asc(retailerLocations.id))
        .limit(1);
      if (next) await tx.update(retailerLocations).set({ isDefault: true }).where(eq(retailerLocations.id, next.id));
    }
    await audit(tx, {
      actor: `buyer:${buyer.id}`,
      action: "retailer.location_removed",
      subject: `retailer:${retailer.id}`,
      data: { locationId, name: row.name },
    });
    return { ok: true as const, message: `Removed ${row.name}.` };
  });
}
