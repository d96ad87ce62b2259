/**
 * Operations' hand on the virtual factory: move one production request to an artisan they choose,
 * and send a batch of waiting requests back to the dispatch engine.
 *
 * A request only ever moves through the transitions in factory/transitions.ts, each with its event:
 * - unassigned → offered (to the chosen artisan, a fresh 24-hour expiry and an offer SMS);
 * - declined / expired / qc_failed → unassigned → offered;
 * - offered to someone else → expired ("offer withdrawn: reassigned by operations") → unassigned → offered;
 * - accepted (or in progress with nothing made yet): an accepted request can't go back to the pool, so it
 *   is cancelled with a note naming its replacement, a new request for the same order line, units,
 *   piece rate and due date is created and offered to the chosen artisan, the order line's allocation
 *   follows the new request, and the first artisan gets an SMS telling them to stop;
 * - work with pieces already made, or ready and beyond, is not reassigned: it is collected and checked
 *   at the hub first (a failed QC can then be reassigned).
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { ProductionStatus } from "#db/schema";
import { audit } from "~/domain/audit/index.server";
import { offerExpiry } from "./dispatch";
import { loadDispatchArtisans } from "./dispatch.server";
import { advanceRequest } from "./requests.server";
import { enqueueJob } from "~/lib/jobs/enqueue.server";
import { isoDate } from "~/domain/orders";
import { queueSms } from "~/domain/messaging/index.server";
import { offerSmsText } from "~/domain/messaging";
import { db, schema, type Executor } from "~/lib/db.server";
import { REDISPATCHABLE } from "./board";
import { rankCandidates } from "./candidates";
import { workMovedSmsText } from "./sms";
import { Refusal } from "~/lib/refusal";

const {
  productionRequests: requests,
  productionEvents,
  artisans,
  artisanSkills,
  productSkills,
  variants,
  products,
  orders,
  allocations,
} = schema;

const REASSIGNABLE: readonly ProductionStatus[] = ["unassigned", "declined", "expired", "qc_failed", "offered", "accepted", "in_progress"];

/** One request with what the reassign page needs, and the ranked candidates (names, places, capacity). */
export async function reassignView(number: string, now = new Date()) {
  const [request] = await db
    .select({
      id: requests.id,
      number: requests.number,
      status: requests.status,
      quantity: requests.quantity,
      unitsMade: requests.unitsMade,
      dueDate: requests.dueDate,
      late: requests.late,
      pieceRate: requests.pieceRate,
      pieceRateCurrency: requests.pieceRateCurrency,
      offerExpiresAt: requests.offerExpiresAt,
      artisanId: requests.artisanId,
      productId: products.id,
      product: products.title,
      variant: variants.title,
      sku: variants.sku,
      orderNumber: orders.number,
      channel: orders.channel,
    })
    .from(requests)
    .innerJoin(variants, eq(variants.id, requests.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .leftJoin(orders, eq(orders.id, requests.orderId))
    .where(eq(requests.number, number));
  if (!request) return null;
  const [skillRows, history, refusals, holder] = await Promise.all([
    db
      .select({ id: schema.skills.id, name: schema.skills.name })
      .from(productSkills)
      .innerJoin(schema.skills, eq(schema.skills.id, productSkills.skillId))
      .where(eq(productSkills.productId, request.productId)),
    db.select().from(productionEvents).where(eq(productionEvents.requestId, request.id)).orderBy(productionEvents.at, productionEvents.id),
    refusedBy(db, request.id),
    request.artisanId
      ? db
          .select({
            id: artisans.id,
            firstName: artisans.firstName,
            lastName: artisans.lastName,
            county: artisans.county,
            settlement: artisans.settlement,
            phone: artisans.phone,
          })
          .from(artisans)
          .where(eq(artisans.id, request.artisanId))
      : Promise.resolve([]),
  ]);
  const blocked = reassignBlocker(request.status, request.unitsMade);
  let candidates: Array<
    ReturnType<typeof rankCandidates>[number] & { name: string; county: string; settlement: string; qualityScore: number }
  > = [];
  if (!blocked && skillRows.length) {
    const pool = await loadDispatchArtisans(db);
    const ranked = rankCandidates({
      today: isoDate(now),
      request: {
        quantity: request.quantity - request.unitsMade,
        skillIds: skillRows.map((s) => s.id),
        dueDate: request.dueDate,
        pieceRate: request.pieceRate,
        excludeArtisanIds: [...refusals, ...(request.artisanId ? [request.artisanId] : [])],
      },
      artisans: pool,
    });
    const people = ranked.length
      ? await db
          .select({
            id: artisans.id,
            firstName: artisans.firstName,
            lastName: artisans.lastName,
            county: artisans.county,
            settlement: artisans.settlement,
            qualityScore: artisans.qualityScore,
          })
          .from(artisans)
          .where(
            inArray(
              artisans.id,
              ranked.map((c) => c.artisanId),
            ),
          )
      : [];
    const byId = new Map(people.map((p) => [p.id, p]));
    candidates = ranked.map((c) => {
      const p = byId.get(c.artisanId)!;
      return { ...c, name: `${p.firstName} ${p.lastName}`, county: p.county, settlement: p.settlement, qualityScore: p.qualityScore };
    });
  }
  return {
    request: { ...request, offerExpiresAt: request.offerExpiresAt?.toISOString() ?? null },
    skills: skillRows,
    holder: holder[0] ? { ...holder[0], name: `${holder[0].firstName} ${holder[0].lastName}` } : null,
    blocked,
    candidates,
    history: history.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      from: e.fromStatus,
      to: e.toStatus,
      actor: e.actor,
      note: e.note,
      artisanId: e.artisanId,
    })),
  };
}

/** Why this request can't be reassigned now, or null. */
export function reassignBlocker(status: ProductionStatus, unitsMade: number): string | null {
  if (status === "in_progress" && unitsMade > 0)
    return `${unitsMade} ${unitsMade === 1 ? "piece is" : "pieces are"} already made: have the hub collect and check them first; a failed check can then be reassigned.`;
  if (!REASSIGNABLE.includes(status))
    return status === "qc_passed" || status === "cancelled"
      ? "This request is finished."
      : "This work is made and on its way through the hub: it can't be moved to another artisan.";
  return null;
}

async function refusedBy(tx: Executor, requestId: number): Promise<number[]> {
  const rows = await tx
    .selectDistinct({ artisanId: productionEvents.artisanId })
    .from(productionEvents)
    .where(
      and(
        eq(productionEvents.requestId, requestId),
        inArray(productionEvents.toStatus, ["declined", "qc_failed"]),
        sql`${productionEvents.artisanId} is not null`,
      ),
    );
  return rows.map((r) => r.artisanId!);
}

export type ReassignResult =
  | { ok: true; requestNumber: string; replacedNumber: string | null; artisanName: string }
  | { ok: false; message: string };

/** Offers the request (or its replacement) to `artisanId`. Refuses artisans without every skill the product needs. */
export async function reassignRequest(input: { number: string; artisanId: number; actor: string; now?: Date }): Promise<ReassignResult> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx): Promise<ReassignResult> => {
    const [request] = await tx.select().from(requests).where(eq(requests.number, input.number)).for("update");
    if (!request) throw new Refusal(404, "There is no production request with this number.");
    const blocked = reassignBlocker(request.status, request.unitsMade);
    if (blocked) return { ok: false, message: blocked };
    if (request.artisanId === input.artisanId && request.status !== "qc_failed")
      return { ok: false, message: "This work is already with that artisan. Choose someone else." };

    const [target] = await tx.select().from(artisans).where(eq(artisans.id, input.artisanId));
    if (!target?.active) return { ok: false, message: "Choose an active artisan from the list." };
    const [product] = await tx
      .select({ id: variants.productId, title: products.title })
      .from(variants)
      .innerJoin(products, eq(products.id, variants.productId))
      .where(eq(variants.id, request.variantId));
    const needed = (
      await tx.select({ skillId: productSkills.skillId }).from(productSkills).where(eq(productSkills.productId, product.id))
    ).map((s) => s.skillId);
    if (!needed.length)
      return {
        ok: false,
        message: "This product has no skills set, so nobody can be matched to it. Set its skills on the product page first.",
      };
    const held = new Set(
      (
        await tx
          .select({ skillId: artisanSkills.skillId })
          .from(artisanSkills)
          .where(and(eq(artisanSkills.artisanId, target.id), sql`${artisanSkills.weeklyCapacity} > 0`))
      ).map((s) => s.skillId),
    );
    const missing = needed.filter((id) => !held.has(id));
    if (missing.length)
      return {
        ok: false,
        message: `${target.firstName} ${target.lastName} doesn't have every skill this product needs. Choose someone from the list.`,
      };

    const name = `${target.firstName} ${target.lastName}`;
    const note = `Reassigned to ${name} by operations`;
    let offerId = request.id;
    let offerNumber = request.number;
    let replacedNumber: string | null = null;
    const previousArtisanId = request.artisanId;

    switch (request.status) {
      case "unassigned":
        break;
      case "declined":
      case "expired":
      case "qc_failed":
        await advanceRequest(tx, request.id, "unassigned", input.actor, { artisanId: null, offerExpiresAt: null, note });
        break;
      case "offered":
        await advanceRequest(tx, request.id, "expired", input.actor, { note: `Offer withdrawn: ${note.toLowerCase()}` });
        await advanceRequest(tx, request.id, "unassigned", input.actor, { artisanId: null, offerExpiresAt: null, note });
        break;
      case "accepted":
      case "in_progress": {
        const [{ next }] = await tx.execute<{ next: string }>(sql`select nextval('production_request_numbers')::text as next`);
        offerNumber = `PR-${next}`;
        replacedNumber = request.number;
        const [created] = await tx
          .insert(requests)
          .values({
            number: offerNumber,
            orderId: request.orderId,
            orderLineId: request.orderLineId,
            variantId: request.variantId,
            quantity: request.quantity,
            pieceRate: request.pieceRate,
            pieceRateCurrency: request.pieceRateCurrency,
            dueDate: request.dueDate,
            status: "unassigned",
          })
          .returning({ id: requests.id });
        offerId = created.id;
        await tx.insert(productionEvents).values({
          requestId: offerId,
          orderId: request.orderId,
          toStatus: "unassigned",
          actor: input.actor,
          note: `Replaces ${request.number}: ${note.toLowerCase()}`,
        });
        await advanceRequest(tx, request.id, "cancelled", input.actor, { note: `${note}: replaced by ${offerNumber}` });
        await tx.update(allocations).set({ productionRequestId: offerId }).where(eq(allocations.productionRequestId, request.id));
        if (previousArtisanId) {
          const [before] = await tx
            .select({ phone: artisans.phone, language: artisans.language })
            .from(artisans)
            .where(eq(artisans.id, previousArtisanId));
          if (before)
            await queueSms(tx, {
              to: before.phone,
              template: "work_moved",
              text: workMovedSmsText({ language: before.language, number: request.number }),
              dedupeKey: `work-moved-sms:${request.id}`,
            });
        }
        break;
      }
    }

    await advanceRequest(tx, offerId, "offered", input.actor, {
      artisanId: target.id,
      offerExpiresAt: offerExpiry(now),
      late: false,
      note,
    });
    // Same key as the dispatch engine's offer SMS, so the notify_offers job never sends this one twice.
    await queueSms(tx, {
      to: target.phone,
      template: "offer",
      text: offerSmsText({
        language: target.language,
        number: offerNumber,
        quantity: request.quantity,
        product: product.title,
        pieceRate: request.pieceRate,
        currency: request.pieceRateCurrency,
        dueDate: request.dueDate,
      }),
      dedupeKey: `offer-sms:${offerId}:${target.id}`,
    });
    await audit(tx, {
      actor: input.actor,
      action: "production.reassign",
      subject: `production_request:${offerNumber}`,
      data: {
        from: { status: request.status, artisanId: previousArtisanId },
        to: { artisanId: target.id },
        ...(replacedNumber ? { replaces: replacedNumber } : {}),
      },
    });
    return { ok: true, requestNumber: offerNumber, replacedNumber, artisanName: name };
  });
}

export type RedispatchResult = { queued: number; skipped: string[] };

/**
 * Puts the chosen waiting requests (unassigned, late, declined or expired) back in the pool and asks the
 * dispatch engine to plan now, on its own queue (one plan at a time, so capacity is never promised twice).
 */
export async function redispatchRequests(input: { ids: number[]; actor: string }): Promise<RedispatchResult> {
  const ids = [...new Set(input.ids)];
  return db.transaction(async (tx) => {
    const rows = ids.length
      ? await tx
          .select({ id: requests.id, number: requests.number, status: requests.status })
          .from(requests)
          .where(inArray(requests.id, ids))
          .for("update")
      : [];
    const queued: string[] = [];
    const skipped: string[] = [];
    for (const row of rows) {
      if (!REDISPATCHABLE.includes(row.status)) {
        skipped.push(row.number);
        continue;
      }
      if (row.status !== "unassigned")
        await advanceRequest(tx, row.id, "unassigned", input.actor, {
          artisanId: null,
          offerExpiresAt: null,
          note: "Sent back to dispatch by operations",
        });
      queued.push(row.number);
    }
    if (queued.length) {
      await enqueueJob(tx, "dispatch_requests", {}, { queueName: "dispatch", jobKey: "dispatch:all" });
      await audit(tx, {
        actor: input.actor,
        action: "production.redispatch",
        subject: "production_requests",
        data: { requests: queued, skipped },
      });
    }
    return { queued: queued.length, skipped };
  });
}
