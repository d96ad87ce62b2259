/**
 * The wholesale programme's front door: a store applies at /wholesale, operations approve (tier,
 * payment terms, credit limit; the first buyer gets an invitation) or reject (with a reason) at
 * /ops/retailers. Each decision is audited and emailed in the same transaction.
 */
import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Retailer } from "#db/schema";
import { audit } from "~/domain/audit/index.server";
import { normalizeEmail } from "~/domain/accounts/index.server";
import { queueEmail } from "~/domain/notifications/index.server";
import { db, schema, type Executor } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { INVITE_DAYS, inviteUrl, newInviteToken } from "./auth.server";
import { EXPECTED_VOLUME_LABEL, type applicationSchema } from "./forms";
import type { WholesaleCurrency } from "./pricing";
import { PAYMENT_LABEL } from "./rules";
import type { z } from "zod";
import { escapeLike } from "~/lib/sql";

const { retailers, buyerUsers, priceTiers, retailerLocations, retailerPrices, wholesaleOrders } = schema;

export type Application = z.infer<typeof applicationSchema>;

/** Files an application: a retailer row with status "applied", and the "we received it" email. */
export async function submitApplication(input: Application): Promise<{ id: number }> {
  const email = normalizeEmail(input.email);
  return db.transaction(async (tx) => {
    const handle = await freeHandle(tx, input.businessName);
    const [row] = await tx
      .insert(retailers)
      .values({
        handle,
        name: input.businessName,
        taxId: input.taxId,
        website: input.website ? (/^https?:\/\//i.test(input.website) ? input.website : `https://${input.website}`) : null,
        status: "applied",
        contactName: input.contactName,
        contactEmail: email,
        storeLocations: input.storeLocations,
        expectedVolume: EXPECTED_VOLUME_LABEL[input.expectedVolume],
      })
      .returning({ id: retailers.id });
    await audit(tx, {
      actor: `applicant:${email}`,
      action: "retailer.apply",
      subject: `retailer:${row.id}`,
      data: { name: input.businessName },
    });
    await queueEmail(tx, {
      template: "wholesale-application-received",
      to: email,
      dedupeKey: `wholesale-application-received:${row.id}`,
      props: { contactName: input.contactName, businessName: input.businessName },
    });
    return row;
  });
}

async function freeHandle(tx: Executor, name: string): Promise<string> {
  const base = slug(name) || "retailer";
  const taken = await tx
    .select({ handle: retailers.handle })
    .from(retailers)
    .where(or(eq(retailers.handle, base), ilike(retailers.handle, `${base}-%`)));
  const used = new Set(taken.map((t) => t.handle));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

function slug(name: string) {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

export const RETAILER_FILTERS = ["applied", "approved", "rejected", "suspended"] as const;
export type RetailerFilter = { status?: (typeof RETAILER_FILTERS)[number]; q?: string; page: number; perPage?: number };

/** Newest applications first; approved accounts by name. */
export async function listRetailers({ status, q, page, perPage = 25 }: RetailerFilter) {
  const conditions: SQL[] = [];
  if (status) conditions.push(eq(retailers.status, status));
  if (q) conditions.push(or(ilike(retailers.name, `%${escapeLike(q)}%`), ilike(retailers.contactEmail, `%${escapeLike(q)}%`))!);
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [{ total }], counts] = await Promise.all([
    db
      .select({
        id: retailers.id,
        name: retailers.name,
        kind: retailers.kind,
        city: retailers.city,
        country: retailers.country,
        status: retailers.status,
        tier: retailers.tier,
        paymentTerms: retailers.paymentTerms,
        creditLimit: retailers.creditLimit,
        createdAt: retailers.createdAt,
        contactEmail: retailers.contactEmail,
      })
      .from(retailers)
      .where(where)
      .orderBy(status === "applied" ? asc(retailers.createdAt) : desc(retailers.createdAt), desc(retailers.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db.select({ total: count() }).from(retailers).where(where),
    db.select({ status: retailers.status, n: count() }).from(retailers).groupBy(retailers.status),
  ]);
  return {
    rows,
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / perPage)),
    counts: Object.fromEntries(counts.map((c) => [c.status, c.n])) as Partial<Record<Retailer["status"], number>>,
  };
}

export async function priceTierOptions(executor: Executor = db) {
  const rows = await executor.select().from(priceTiers).orderBy(desc(priceTiers.percentOfRetail));
  return rows.length ? rows : [{ code: "standard", name: "Standard", percentOfRetail: 5000 }];
}

/** One retailer for operations: the application, its buyers and ship-to locations, its order count. */
export async function retailerDetail(id: number) {
  const [retailer] = await db.select().from(retailers).where(eq(retailers.id, id)).limit(1);
  if (!retailer) return null;
  const [buyers, locations, [{ orders }], tiers] = await Promise.all([
    db
      .select({
        id: buyerUsers.id,
        name: buyerUsers.name,
        email: buyerUsers.email,
        acceptedAt: buyerUsers.acceptedAt,
        inviteExpiresAt: buyerUsers.inviteExpiresAt,
        hasPassword: sql<boolean>`${buyerUsers.passwordHash} is not null`,
      })
      .from(buyerUsers)
      .where(eq(buyerUsers.retailerId, id))
      .orderBy(asc(buyerUsers.id)),
    db
      .select()
      .from(retailerLocations)
      .where(eq(retailerLocations.retailerId, id))
      .orderBy(desc(retailerLocations.isDefault), asc(retailerLocations.id)),
    db.select({ orders: count() }).from(wholesaleOrders).where(eq(wholesaleOrders.retailerId, id)),
    priceTierOptions(),
  ]);
  return { retailer, buyers, locations, orders, tiers };
}

/**
 * Why a retailer's currency can't change now, or null when it can: once it has an order (cancelled
 * ones too) its orders, invoices and receivables are amounts in its currency (docs/decisions/0025).
 * Call with the retailer row locked.
 */
export async function currencyChangeRefusal(executor: Executor, retailer: Pick<Retailer, "id" | "currency">): Promise<string | null> {
  const [{ orders }] = await executor.select({ orders: count() }).from(wholesaleOrders).where(eq(wholesaleOrders.retailerId, retailer.id));
  if (orders === 0) return null;
  return `This retailer already has ${orders === 1 ? "an order" : `${orders} orders`} in ${retailer.currency}, so its currency can't change: its orders, invoices and credit are in ${retailer.currency}. Open a new account for another currency.`;
}

export type DecisionResult = { ok: true } | { ok: false; status: 404 | 409 | 422; message: string; field?: string };

/**
 * Approves an application (or changes an approved account's terms). The first approval creates the
 * contact as the first buyer, with an invitation link in the approval email.
 */
export async function approveRetailer(
  id: number,
  input: { tier: string; paymentTerms: "card" | "net30" | "net60"; creditLimit: number; currency?: WholesaleCurrency },
  actor: string,
  now = new Date(),
): Promise<DecisionResult> {
  return db.transaction(async (tx) => {
    // Locked as every placement locks it: a currency change and a first order never cross.
    const [retailer] = await tx.select().from(retailers).where(eq(retailers.id, id)).for("update");
    if (!retailer) return { ok: false, status: 404, message: "There is no retailer with that number." };
    const tiers = await priceTierOptions(tx);
    const tier = tiers.find((t) => t.code === input.tier);
    if (!tier) return { ok: false, status: 422, field: "tier", message: "Choose one of the price tiers." };
    const currency = input.currency ?? retailer.currency;
    let droppedPrices = 0;
    if (currency !== retailer.currency) {
      const refusal = await currencyChangeRefusal(tx, retailer);
      if (refusal) return { ok: false, status: 409, field: "currency", message: refusal };
      // Negotiated prices are amounts in the old currency: they mean nothing in the new one.
      droppedPrices = (await tx.delete(retailerPrices).where(eq(retailerPrices.retailerId, id)).returning()).length;
    }
    if (retailer.status === "approved") {
      await tx
        .update(retailers)
        .set({ tier: tier.code, paymentTerms: input.paymentTerms, creditLimit: input.creditLimit, currency })
        .where(eq(retailers.id, id));
      await audit(tx, {
        actor,
        action: "retailer.terms_changed",
        subject: `retailer:${id}`,
        data: {
          from: {
            tier: retailer.tier,
            paymentTerms: retailer.paymentTerms,
            creditLimit: retailer.creditLimit,
            currency: retailer.currency,
          },
          to: { ...input, currency },
          ...(droppedPrices ? { negotiatedPricesRemoved: droppedPrices } : {}),
        },
      });
      return { ok: true };
    }
    if (retailer.status !== "applied")
      return { ok: false, status: 409, message: `This retailer is ${retailer.status}; only applications can be approved.` };
    const contactEmail = retailer.contactEmail ? normalizeEmail(retailer.contactEmail) : null;
    if (!contactEmail) return { ok: false, status: 409, message: "This application has no contact email to invite." };
    const [existing] = await tx
      .select({ id: buyerUsers.id, retailerId: buyerUsers.retailerId })
      .from(buyerUsers)
      .where(eq(buyerUsers.email, contactEmail))
      .limit(1);
    if (existing && existing.retailerId !== id)
      return {
        ok: false,
        status: 409,
        message: `${contactEmail} already buys for another retailer. Ask the applicant for another email before approving.`,
      };

    await tx
      .update(retailers)
      .set({
        status: "approved",
        tier: tier.code,
        paymentTerms: input.paymentTerms,
        creditLimit: input.creditLimit,
        currency,
        decidedAt: now,
        decidedBy: actor,
        decisionNote: null,
      })
      .where(eq(retailers.id, id));
    const invite = newInviteToken(now);
    const name = retailer.contactName?.trim() || contactEmail.split("@")[0];
    if (existing) {
      await tx
        .update(buyerUsers)
        .set({ inviteTokenHash: invite.hash, inviteExpiresAt: invite.expiresAt })
        .where(eq(buyerUsers.id, existing.id));
    } else {
      await tx
        .insert(buyerUsers)
        .values({ retailerId: id, email: contactEmail, name, inviteTokenHash: invite.hash, inviteExpiresAt: invite.expiresAt });
    }
    await audit(tx, {
      actor,
      action: "retailer.approve",
      subject: `retailer:${id}`,
      data: { tier: tier.code, paymentTerms: input.paymentTerms, creditLimit: input.creditLimit, currency, buyer: contactEmail },
    });
    await queueEmail(tx, {
      template: "wholesale-application-approved",
      to: contactEmail,
      dedupeKey: `wholesale-application-approved:${id}`,
      props: {
        contactName: name,
        businessName: retailer.name,
        termsLabel: PAYMENT_LABEL[input.paymentTerms],
        creditLimit: input.creditLimit,
        currency,
        tierName: tier.name,
        inviteUrl: inviteUrl(env().PUBLIC_URL, invite.token),
        inviteDays: INVITE_DAYS,
      },
    });
    return { ok: true };
  });
}

/** Rejects an application with a reason the applicant reads. */
export async function rejectRetailer(id: number, reason: string, actor: string, now = new Date()): Promise<DecisionResult> {
  return db.transaction(async (tx) => {
    const [retailer] = await tx.select().from(retailers).where(eq(retailers.id, id)).for("update");
    if (!retailer) return { ok: false, status: 404, message: "There is no retailer with that number." };
    if (retailer.status !== "applied")
      return { ok: false, status: 409, message: `This retailer is ${retailer.status}; only applications can be rejected.` };
    await tx
      .update(retailers)
      .set({ status: "rejected", decidedAt: now, decidedBy: actor, decisionNote: reason })
      .where(eq(retailers.id, id));
    await audit(tx, { actor, action: "retailer.reject", subject: `retailer:${id}`, data: { reason } });
    if (retailer.contactEmail) {
      await queueEmail(tx, {
        template: "wholesale-application-rejected",
        to: retailer.contactEmail,
        dedupeKey: `wholesale-application-rejected:${id}`,
        props: { contactName: retailer.contactName?.trim() || "there", businessName: retailer.name, reason },
      });
    }
    return { ok: true };
  });
}
