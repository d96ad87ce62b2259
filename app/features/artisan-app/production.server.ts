/**
 * An artisan's offers, work and deliveries. Every query and change is scoped by the signed-in
 * artisan's id: a request or pickup of anyone else is "not found" (404) and nothing changes.
 * Status changes go through factory's advanceRequest, which writes the event the shopper's live
 * order page shows.
 */
import { and, asc, desc, eq, gt, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { ProductionStatus } from "#db/schema";
import { Refusal } from "~/lib/refusal";
import { advanceRequest, TransitionRefused } from "~/domain/production/index.server";
import { enqueueJob } from "~/lib/jobs/enqueue.server";
import { removeWorkPhoto, saveWorkPhoto } from "./photos.server";
import { db, schema, type Executor } from "~/lib/db.server";
import {
  DECLINE_NOTES,
  WORK_STATUSES,
  canRecordMade,
  canStart,
  isOfferOpen,
  isValidPart,
  readyRefusal,
  type DeclineReason,
} from "~/domain/production";

const { productionRequests: requests, variants, products, pickups } = schema;

const NOT_FOUND = () => new Refusal(404, "Not found");
const actorOf = (artisanId: number) => `artisan:${artisanId}`;

/** The columns a card needs: what to make, how many, by when, for how much, with its first picture. */
const cardColumns = {
  id: requests.id,
  number: requests.number,
  quantity: requests.quantity,
  unitsMade: requests.unitsMade,
  status: requests.status,
  dueDate: requests.dueDate,
  pieceRate: requests.pieceRate,
  currency: requests.pieceRateCurrency,
  offerExpiresAt: requests.offerExpiresAt,
  product: products.title,
  variant: variants.title,
  imageUrl: sql<
    string | null
  >`(select pi.url from product_images pi where pi.product_id = ${products.id} order by pi.position, pi.id limit 1)`,
  imageAlt: sql<
    string | null
  >`(select pi.alt from product_images pi where pi.product_id = ${products.id} order by pi.position, pi.id limit 1)`,
};

export type RequestCard = Awaited<ReturnType<typeof listOffers>>[number];

/** Open offers to this artisan (offered to them, not yet expired), soonest expiry first. */
export async function listOffers(artisanId: number, now = new Date()) {
  return db
    .select(cardColumns)
    .from(requests)
    .innerJoin(variants, eq(variants.id, requests.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(
      and(
        eq(requests.artisanId, artisanId),
        eq(requests.status, "offered"),
        or(isNull(requests.offerExpiresAt), gt(requests.offerExpiresAt, now)),
      ),
    )
    .orderBy(asc(requests.offerExpiresAt), asc(requests.id));
}

/** Work this artisan has accepted, started or must redo, earliest due first, with the hub's note on a failed QC. */
export async function listWork(artisanId: number) {
  return db
    .select({
      ...cardColumns,
      defect: sql<
        string | null
      >`(select qi.defect_reason from qc_inspections qi where qi.request_id = ${requests.id} order by qi.at desc, qi.id desc limit 1)`,
    })
    .from(requests)
    .innerJoin(variants, eq(variants.id, requests.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(and(eq(requests.artisanId, artisanId), inArray(requests.status, [...WORK_STATUSES])))
    .orderBy(asc(requests.dueDate), asc(requests.id));
}

export type ActionOutcome = { ok: true } | { ok: false; reason: "expired" | "stale" | "bad_quantity" | "bad_photo" | "not_all_made" };

/** Locks this artisan's request for a change; anyone else's (or a missing one) is a 404. */
async function lockMine(tx: Executor, artisanId: number, requestId: number) {
  const [row] = await tx
    .select()
    .from(requests)
    .where(and(eq(requests.id, requestId), eq(requests.artisanId, artisanId)))
    .for("update");
  if (!row) throw NOT_FOUND();
  return row;
}

/** Runs a change; a transition someone else already made (a double tap, an expiry) reads as "stale". */
async function guarded(work: () => Promise<ActionOutcome>): Promise<ActionOutcome> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TransitionRefused) return { ok: false, reason: "stale" };
    throw error;
  }
}

function offerCheck(row: { status: ProductionStatus; offerExpiresAt: Date | null }, now: Date): ActionOutcome | null {
  if (row.status !== "offered") return { ok: false, reason: "stale" };
  if (!isOfferOpen(row, now)) return { ok: false, reason: "expired" };
  return null;
}

/** Accepts the whole offer. */
export async function acceptOffer(artisanId: number, requestId: number, now = new Date()): Promise<ActionOutcome> {
  return guarded(() =>
    db.transaction(async (tx) => {
      const row = await lockMine(tx, artisanId, requestId);
      const refused = offerCheck(row, now);
      if (refused) return refused;
      await advanceRequest(tx, requestId, "accepted", actorOf(artisanId), { expectArtisanId: artisanId });
      return { ok: true } as const;
    }),
  );
}

/**
 * Accepts `accepted` of the offer's pieces. The request keeps those (its allocation shrinks to
 * match); the rest becomes a new request on the same order line, recorded as declined by this
 * artisan so the dispatch job offers it to someone else.
 */
export async function acceptPartOfOffer(artisanId: number, requestId: number, accepted: number, now = new Date()): Promise<ActionOutcome> {
  return guarded(() =>
    db.transaction(async (tx) => {
      const row = await lockMine(tx, artisanId, requestId);
      const refused = offerCheck(row, now);
      if (refused) return refused;
      if (!isValidPart(row.quantity, accepted)) return { ok: false, reason: "bad_quantity" } as const;
      const rest = row.quantity - accepted;
      const actor = actorOf(artisanId);

      await tx.update(requests).set({ quantity: accepted, updatedAt: sql`now()` }).where(eq(requests.id, row.id));
      if (row.orderLineId) {
        await tx
          .update(schema.allocations)
          .set({ quantity: accepted })
          .where(and(eq(schema.allocations.productionRequestId, row.id), isNull(schema.allocations.releasedAt)));
      }
      const [{ next }] = await tx.execute<{ next: string }>(sql`select nextval('production_request_numbers')::text as next`);
      const [split] = await tx
        .insert(requests)
        .values({
          number: `PR-${next}`,
          orderId: row.orderId,
          orderLineId: row.orderLineId,
          variantId: row.variantId,
          quantity: rest,
          artisanId,
          pieceRate: row.pieceRate,
          pieceRateCurrency: row.pieceRateCurrency,
          dueDate: row.dueDate,
          status: "offered",
          offerExpiresAt: row.offerExpiresAt,
        })
        .returning({ id: requests.id });
      if (row.orderLineId) {
        await tx
          .insert(schema.allocations)
          .values({ orderLineId: row.orderLineId, kind: "production", productionRequestId: split.id, quantity: rest });
      }
      await tx.insert(schema.productionEvents).values({
        requestId: split.id,
        orderId: row.orderId,
        artisanId,
        fromStatus: null,
        toStatus: "offered",
        actor,
        note: `Split from ${row.number}: ${accepted} of ${row.quantity} accepted`,
      });
      await advanceRequest(tx, row.id, "accepted", actor, {
        expectArtisanId: artisanId,
        note: `Accepted ${accepted} of ${row.quantity}; ${rest} go back to dispatch`,
      });
      await advanceRequest(tx, split.id, "declined", actor, {
        expectArtisanId: artisanId,
        note: `Declined: ${rest} of ${row.quantity} not accepted`,
      });
      await advanceRequest(tx, split.id, "unassigned", actor, { artisanId: null, offerExpiresAt: null });
      await enqueueRedispatch(tx);
      return { ok: true } as const;
    }),
  );
}

/** Declines with a reason: the request goes back to the pool without this artisan and is planned again. */
export async function declineOffer(artisanId: number, requestId: number, reason: DeclineReason, now = new Date()): Promise<ActionOutcome> {
  return guarded(() =>
    db.transaction(async (tx) => {
      const row = await lockMine(tx, artisanId, requestId);
      const refused = offerCheck(row, now);
      if (refused) return refused;
      const actor = actorOf(artisanId);
      await advanceRequest(tx, requestId, "declined", actor, { expectArtisanId: artisanId, note: DECLINE_NOTES[reason] });
      await advanceRequest(tx, requestId, "unassigned", actor, { artisanId: null, offerExpiresAt: null });
      await enqueueRedispatch(tx);
      return { ok: true } as const;
    }),
  );
}

// The same job and key as expired offers: one re-plan of everything unassigned, on the one-at-a-time queue.
async function enqueueRedispatch(tx: Executor) {
  await enqueueJob(tx, "dispatch_requests", {}, { queueName: "dispatch", jobKey: "dispatch:all" });
}

/** Starts accepted work (or rework after a failed QC). */
export async function startWork(artisanId: number, requestId: number): Promise<ActionOutcome> {
  return guarded(() =>
    db.transaction(async (tx) => {
      const row = await lockMine(tx, artisanId, requestId);
      if (!canStart(row.status)) return { ok: false, reason: "stale" } as const;
      await advanceRequest(tx, requestId, "in_progress", actorOf(artisanId), {
        expectArtisanId: artisanId,
        ...(row.status === "qc_failed" ? { unitsMade: 0, note: "Rework started" } : {}),
      });
      return { ok: true } as const;
    }),
  );
}

/** Records how many pieces are made so far (0..quantity) on work in progress. */
export async function recordUnitsMade(artisanId: number, requestId: number, unitsMade: number): Promise<ActionOutcome> {
  return db.transaction(async (tx) => {
    const row = await lockMine(tx, artisanId, requestId);
    if (!canRecordMade(row.status)) return { ok: false, reason: "stale" } as const;
    if (!Number.isInteger(unitsMade) || unitsMade < 0 || unitsMade > row.quantity) return { ok: false, reason: "bad_quantity" } as const;
    await tx
      .update(requests)
      .set({ unitsMade, updatedAt: sql`now()` })
      .where(and(eq(requests.id, row.id), eq(requests.artisanId, artisanId)));
    return { ok: true } as const;
  });
}

/**
 * Ready for pickup, with an optional photo of the finished work. Ready means every piece made
 * (production's readyRefusal): `allMade` is her "all N pieces are made" (needed when fewer are
 * recorded); without it, work with fewer recorded is refused ("not_all_made") and nothing changes.
 * The photo is written only once the request is known to be this artisan's and ready to be marked
 * (nothing lands on disk for anyone else's request), and removed again if the change does not
 * commit: no orphan files.
 */
export async function markReady(
  artisanId: number,
  requestId: number,
  input: { allMade: boolean; photo?: File | null },
): Promise<ActionOutcome> {
  const { photo } = input;
  let savedUrl: string | null = null;
  let outcome: ActionOutcome | null = null;
  try {
    outcome = await guarded(() =>
      db.transaction(async (tx): Promise<ActionOutcome> => {
        const row = await lockMine(tx, artisanId, requestId);
        const refused = readyRefusal(row, input.allMade ? row.quantity : row.unitsMade);
        if (refused) return { ok: false, reason: refused };
        if (photo && photo.size > 0) {
          const saved = await saveWorkPhoto(photo);
          if (!saved.ok) return { ok: false, reason: "bad_photo" };
          savedUrl = saved.url;
        }
        await advanceRequest(tx, requestId, "ready", actorOf(artisanId), {
          expectArtisanId: artisanId,
          unitsMade: row.quantity,
          photoUrl: savedUrl ?? undefined,
        });
        return { ok: true };
      }),
    );
    return outcome;
  } finally {
    if (savedUrl && !outcome?.ok) await removeWorkPhoto(savedUrl);
  }
}

/**
 * Finished work waiting for a rider (ready) and recent hand-overs, each with its latest pickup
 * (none yet: "waiting for a pickup time"). Pickups are booked by the hub.
 */
export async function listDeliveries(artisanId: number, now = new Date()) {
  const since = new Date(now.getTime() - 14 * 24 * 60 * 60_000);
  const rows = await db
    .select({
      ...cardColumns,
      updatedAt: requests.updatedAt,
      pickupId: pickups.id,
      scheduledFor: pickups.scheduledFor,
      riderName: pickups.riderName,
      riderPhone: pickups.riderPhone,
      artisanConfirmedAt: pickups.artisanConfirmedAt,
      riderConfirmedAt: pickups.riderConfirmedAt,
      deliveredAt: pickups.deliveredAt,
      pickupStatus: pickups.status,
    })
    .from(requests)
    .innerJoin(variants, eq(variants.id, requests.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    // The request's latest pickup that wasn't cancelled.
    .leftJoin(
      pickups,
      sql`${pickups.id} = (select p.id from pickups p where p.request_id = ${requests.id} and p.artisan_id = ${artisanId} and p.status <> 'cancelled' order by p.scheduled_for desc, p.id desc limit 1)`,
    )
    .where(
      and(
        eq(requests.artisanId, artisanId),
        or(
          eq(requests.status, "ready"),
          and(inArray(requests.status, ["collected", "received", "qc_passed"]), gt(requests.updatedAt, since)),
        ),
      ),
    )
    .orderBy(desc(sql`${requests.status} = 'ready'`), asc(pickups.scheduledFor), desc(requests.updatedAt));
  return rows;
}

export type HandOverOutcome = { ok: true } | { ok: false; reason: "stale" };

/**
 * The artisan's side of the hand-over. When the rider has confirmed too, the pickup is handed
 * over and the request collected (whichever side confirms last makes that move).
 */
export async function confirmHandOver(artisanId: number, pickupId: number, now = new Date()): Promise<HandOverOutcome> {
  return guarded(() =>
    db.transaction(async (tx) => {
      const [pickup] = await tx
        .select()
        .from(pickups)
        .where(and(eq(pickups.id, pickupId), eq(pickups.artisanId, artisanId)))
        .for("update");
      if (!pickup) throw NOT_FOUND();
      // The request must be this artisan's too (a pickup row is the hub's; trust but check).
      const request = await lockMine(tx, artisanId, pickup.requestId);
      if (pickup.artisanConfirmedAt || pickup.status === "cancelled") return { ok: false, reason: "stale" } as const;
      const both = !!pickup.riderConfirmedAt;
      await tx
        .update(pickups)
        .set({ artisanConfirmedAt: now, ...(both && pickup.status === "scheduled" ? { status: "handed_over" as const } : {}) })
        .where(
          and(
            eq(pickups.id, pickupId),
            eq(pickups.artisanId, artisanId),
            isNull(pickups.artisanConfirmedAt),
            ne(pickups.status, "cancelled"),
          ),
        );
      if (both && request.status === "ready") {
        await advanceRequest(tx, request.id, "collected", actorOf(artisanId), {
          expectArtisanId: artisanId,
          note: "Handed over to the rider",
        });
      }
      return { ok: true } as const;
    }),
  ) as Promise<HandOverOutcome>;
}

export { pendingPay as pendingEarnings } from "~/domain/production/index.server";
