/**
 * What a feature-phone artisan can see and do, always scoped to their own artisan id: offers,
 * work in progress, balance, and the accept / decline / ready actions. Used by the USSD menu and the
 * SMS keywords.
 *
 * Idempotency: every action records its production event with an `actor` that names the channel
 * conversation (`artisan:<id>:ussd:<sessionId>`, `artisan:<id>:sms:<messageId>`). Replaying the same
 * conversation finds its own event and answers as the first time, without moving anything again.
 */
import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { artisanBalance } from "~/domain/ledger/index.server";
import { enqueueJob } from "~/lib/jobs/enqueue.server";
import { advanceRequest, pendingPay } from "~/domain/production/index.server";
import { WORK_STATUSES, readyRefusal } from "~/domain/production";
import { db, schema, type Executor } from "~/lib/db.server";
import { USSD_LIST_SIZE } from "./screens";
import type { OfferView, PayoutView, PendingView, WorkView } from "~/domain/messaging";

const { productionRequests: requests, productionEvents: events, variants, products, artisans, payouts } = schema;

export type FeaturePhoneArtisan = {
  id: number;
  firstName: string;
  language: "sw" | "en";
  active: boolean;
  phone: string;
  pinHash: string | null;
};

export async function findArtisanByPhone(phone: string, executor: Executor = db): Promise<FeaturePhoneArtisan | null> {
  const [row] = await executor
    .select({
      id: artisans.id,
      firstName: artisans.firstName,
      language: artisans.language,
      active: artisans.active,
      phone: artisans.phone,
      pinHash: artisans.pinHash,
    })
    .from(artisans)
    .where(eq(artisans.phone, phone))
    .limit(1);
  return row ?? null;
}

export type RequestItem = OfferView & WorkView & { id: number; status: string };

const itemColumns = {
  id: requests.id,
  number: requests.number,
  quantity: requests.quantity,
  unitsMade: requests.unitsMade,
  pieceRate: requests.pieceRate,
  currency: requests.pieceRateCurrency,
  dueDate: requests.dueDate,
  status: requests.status,
  title: products.title,
};

/** Requests whose event for this conversation moved them to one of `statuses`. */
const actedOnHere = (artisanId: number, actor: string, statuses: string[]) =>
  db
    .select({ id: events.requestId })
    .from(events)
    .where(and(eq(events.actor, actor), eq(events.artisanId, artisanId), inArray(events.toStatus, statuses)));

/**
 * The artisan's open offers, oldest offer first (so the soonest to expire, and a new offer lands at
 * the end: the numbers an artisan saw keep meaning the same request). Offers answered in this same
 * conversation stay in the list, so a replayed "1*1*1" still points at the request it accepted.
 */
export async function listOffers(artisanId: number, actor: string): Promise<RequestItem[]> {
  const offeredAt = sql<number>`(select max(e.id) from production_events e where e.request_id = ${requests.id} and e.to_status = 'offered' and e.artisan_id = ${artisanId})`;
  return db
    .select(itemColumns)
    .from(requests)
    .innerJoin(variants, eq(variants.id, requests.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(
      or(
        and(eq(requests.status, "offered"), eq(requests.artisanId, artisanId)),
        inArray(requests.id, actedOnHere(artisanId, actor, ["accepted", "declined"])),
      ),
    )
    .orderBy(asc(offeredAt), asc(requests.id))
    .limit(USSD_LIST_SIZE);
}

/**
 * Accepted and in-progress work, and work the hub sent back for rework (qc_failed), soonest due
 * first, as on the app's "my work"; work marked ready in this conversation stays listed.
 */
export async function listWork(artisanId: number, actor: string): Promise<RequestItem[]> {
  return db
    .select(itemColumns)
    .from(requests)
    .innerJoin(variants, eq(variants.id, requests.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(
      or(
        and(inArray(requests.status, [...WORK_STATUSES]), eq(requests.artisanId, artisanId)),
        and(eq(requests.artisanId, artisanId), inArray(requests.id, actedOnHere(artisanId, actor, ["ready"]))),
      ),
    )
    .orderBy(asc(requests.dueDate), asc(requests.id))
    .limit(USSD_LIST_SIZE);
}

/** One of the artisan's own requests by number ("PR-50012"), or null: another artisan's is never found. */
export async function findOwnRequestByNumber(artisanId: number, number: string): Promise<RequestItem | null> {
  const [row] = await db
    .select(itemColumns)
    .from(requests)
    .innerJoin(variants, eq(variants.id, requests.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(and(eq(requests.number, number), eq(requests.artisanId, artisanId)))
    .limit(1);
  return row ?? null;
}

async function lockRequest(tx: Executor, requestId: number) {
  const [row] = await tx
    .select({
      id: requests.id,
      status: requests.status,
      artisanId: requests.artisanId,
      offerExpiresAt: requests.offerExpiresAt,
      quantity: requests.quantity,
    })
    .from(requests)
    .where(eq(requests.id, requestId))
    .for("update");
  return row ?? null;
}

async function actedBefore(tx: Executor, requestId: number, artisanId: number, actor: string, toStatus: string) {
  const [row] = await tx
    .select({ id: events.id })
    .from(events)
    .where(and(eq(events.requestId, requestId), eq(events.actor, actor), eq(events.artisanId, artisanId), eq(events.toStatus, toStatus)))
    .limit(1);
  return !!row;
}

export type AcceptOutcome = "accepted" | "already_accepted" | "expired" | "unavailable";

/** Accepts an offer made to this artisan. A replay of the same conversation answers "accepted" again. */
export async function acceptOffer(artisanId: number, requestId: number, actor: string, now = new Date()): Promise<AcceptOutcome> {
  return db.transaction(async (tx) => {
    const request = await lockRequest(tx, requestId);
    if (!request) return "unavailable";
    if (await actedBefore(tx, requestId, artisanId, actor, "accepted")) return "accepted";
    if (request.artisanId !== artisanId) return "unavailable";
    if (request.status !== "offered") {
      return ["accepted", "in_progress", "ready", "collected", "received", "qc_passed"].includes(request.status)
        ? "already_accepted"
        : "unavailable";
    }
    if (request.offerExpiresAt && request.offerExpiresAt.getTime() <= now.getTime()) return "expired";
    await advanceRequest(tx, requestId, "accepted", actor, { expectArtisanId: artisanId });
    return "accepted";
  });
}

export type DeclineOutcome = "declined" | "already_accepted" | "unavailable";

/**
 * Declines an offer: declined (with this artisan on the event, so dispatch never offers it to them
 * again), back to unassigned, and a dispatch run queued, in one transaction.
 */
export async function declineOffer(artisanId: number, requestId: number, actor: string, reason: string): Promise<DeclineOutcome> {
  return db.transaction(async (tx) => {
    const request = await lockRequest(tx, requestId);
    if (!request) return "unavailable";
    if (await actedBefore(tx, requestId, artisanId, actor, "declined")) return "declined";
    if (request.artisanId !== artisanId) return "unavailable";
    if (request.status !== "offered")
      return request.status === "accepted" || request.status === "in_progress" ? "already_accepted" : "unavailable";
    await advanceRequest(tx, requestId, "declined", actor, {
      artisanId,
      note: `Declined: ${reason.toLowerCase()} (USSD)`,
      expectArtisanId: artisanId,
    });
    await advanceRequest(tx, requestId, "unassigned", actor, { artisanId: null, offerExpiresAt: null });
    await enqueueJob(tx, "dispatch_requests", {}, { queueName: "dispatch", jobKey: "dispatch:all" });
    return "declined";
  });
}

export type ReadyOutcome = "ready" | "already_ready" | "unavailable";

/**
 * Marks the artisan's accepted, in-progress or rework request ready for pickup. The menu's option
 * reads "all N made": choosing it says every piece is made (production's readyRefusal), and the
 * request's made count becomes its quantity, as in the app.
 */
export async function markReady(artisanId: number, requestId: number, actor: string): Promise<ReadyOutcome> {
  return db.transaction(async (tx) => {
    const request = await lockRequest(tx, requestId);
    if (!request || request.artisanId !== artisanId) return "unavailable";
    if (await actedBefore(tx, requestId, artisanId, actor, "ready")) return "ready";
    if (request.status === "ready" || request.status === "collected" || request.status === "received") return "already_ready";
    if (readyRefusal(request, request.quantity)) return "unavailable";
    await advanceRequest(tx, requestId, "ready", actor, { unitsMade: request.quantity, expectArtisanId: artisanId });
    return "ready";
  });
}

/**
 * The balance (what Soko owes now), what is pending (accepted work not yet paid, in the balance's
 * currency) and the last payment that reached the artisan's M-Pesa.
 */
export async function balanceSummary(
  artisanId: number,
): Promise<{ amount: number; currency: string; pending: PendingView | null; lastPayout: PayoutView | null }> {
  const [balance, pending, [last]] = await Promise.all([
    artisanBalance(artisanId),
    pendingPay(artisanId),
    db
      .select({ amount: payouts.amount, currency: payouts.currency, at: payouts.updatedAt, receipt: payouts.receipt })
      .from(payouts)
      .where(and(eq(payouts.artisanId, artisanId), eq(payouts.status, "succeeded")))
      .orderBy(desc(payouts.updatedAt), desc(payouts.id))
      .limit(1),
  ]);
  const owed = pending.find((p) => p.currency === balance.currency) ?? pending[0] ?? null;
  return { amount: balance.amount, currency: balance.currency, pending: owed, lastPayout: last ?? null };
}

export async function setLanguage(artisanId: number, language: "sw" | "en") {
  await db
    .update(artisans)
    .set({ language })
    .where(and(eq(artisans.id, artisanId), sql`${artisans.language} <> ${language}`));
}
