/**
 * The dispatch engine's I/O: load who can make what (skills, capacity used, recent income), plan
 * with the pure planDispatch, and write the plan as offers. One graphile-worker queue ("dispatch")
 * runs these one at a time, so two plans never promise the same capacity twice.
 */
import { and, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { z } from "zod";
import { enqueueJob } from "~/lib/jobs/enqueue.server";
import { isoDate } from "~/domain/orders";
import { db, schema, type Executor } from "~/lib/db.server";
import { offerExpiry, planDispatch, type DispatchArtisan, type DispatchRequestInput } from "./dispatch";
import { advanceRequest } from "./requests.server";

const { productionRequests: requests, artisans, artisanSkills, productSkills, variants, productionEvents } = schema;

/** Every active artisan as the planner sees them today. */
export async function loadDispatchArtisans(tx: Executor): Promise<DispatchArtisan[]> {
  const [rows, used, income] = await Promise.all([
    tx
      .select({
        id: artisans.id,
        qualityScore: artisans.qualityScore,
        hubDistanceKm: artisans.hubDistanceKm,
        available: artisans.available,
        active: artisans.active,
        awayFrom: artisans.awayFrom,
        awayUntil: artisans.awayUntil,
        skillId: artisanSkills.skillId,
        weeklyCapacity: artisanSkills.weeklyCapacity,
      })
      .from(artisans)
      .innerJoin(artisanSkills, eq(artisanSkills.artisanId, artisans.id))
      .where(eq(artisans.active, true)),
    // Capacity already promised: units offered, accepted or in progress, per skill they need.
    tx.execute<{ artisan_id: number; skill_id: number; units: number }>(sql`
      select pr.artisan_id, ps.skill_id, sum(pr.quantity - pr.units_made)::int as units
      from production_requests pr
      join variants v on v.id = pr.variant_id
      join product_skills ps on ps.product_id = v.product_id
      where pr.artisan_id is not null and pr.status in ('offered', 'accepted', 'in_progress')
      group by pr.artisan_id, ps.skill_id`),
    tx.execute<{ artisan_id: number; income: number }>(sql`
      select artisan_id, sum(quantity * piece_rate)::bigint::float8 as income
      from production_requests
      where status = 'qc_passed' and artisan_id is not null and updated_at > now() - interval '30 days'
      group by artisan_id`),
  ]);
  const usedBy = new Map(used.map((u) => [`${u.artisan_id}:${u.skill_id}`, u.units]));
  const incomeBy = new Map(income.map((i) => [i.artisan_id, Number(i.income)]));
  const byId = new Map<number, DispatchArtisan>();
  for (const row of rows) {
    let artisan = byId.get(row.id);
    if (!artisan) {
      artisan = {
        id: row.id,
        skills: [],
        qualityScore: row.qualityScore,
        recentIncome: incomeBy.get(row.id) ?? 0,
        hubDistanceKm: row.hubDistanceKm,
        available: row.available && row.active,
        awayFrom: row.awayFrom,
        awayUntil: row.awayUntil,
      };
      byId.set(row.id, artisan);
    }
    artisan.skills.push({
      skillId: row.skillId,
      weeklyCapacity: row.weeklyCapacity,
      usedThisWeek: usedBy.get(`${row.id}:${row.skillId}`) ?? 0,
    });
  }
  return [...byId.values()];
}

export type DispatchSummary = { offered: number; late: number; requests: number };

/**
 * Plans every unassigned request (of one order, or all) and writes offers. A request split across
 * artisans becomes one request per artisan (the order line's allocation follows); units nobody can
 * make in time stay unassigned and are flagged late for operations.
 */
export async function dispatchUnassigned(options: { orderId?: number; now?: Date } = {}): Promise<DispatchSummary> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const pending = await tx
      .select({
        id: requests.id,
        number: requests.number,
        quantity: requests.quantity,
        dueDate: requests.dueDate,
        pieceRate: requests.pieceRate,
        variantId: requests.variantId,
        orderId: requests.orderId,
        orderLineId: requests.orderLineId,
        productId: variants.productId,
        pieceRateCurrency: requests.pieceRateCurrency,
      })
      .from(requests)
      .innerJoin(variants, eq(variants.id, requests.variantId))
      .where(and(eq(requests.status, "unassigned"), options.orderId ? eq(requests.orderId, options.orderId) : undefined))
      .orderBy(requests.dueDate, requests.id)
      .for("update", { of: requests, skipLocked: true });
    if (!pending.length) return { offered: 0, late: 0, requests: 0 };

    const productIds = [...new Set(pending.map((p) => p.productId))];
    const requestIds = pending.map((p) => p.id);
    const [skills, refusals, artisanInputs] = await Promise.all([
      tx.select().from(productSkills).where(inArray(productSkills.productId, productIds)),
      tx
        .select({ requestId: productionEvents.requestId, artisanId: productionEvents.artisanId })
        .from(productionEvents)
        .where(
          and(
            inArray(productionEvents.requestId, requestIds),
            inArray(productionEvents.toStatus, ["declined", "expired", "qc_failed"]),
            isNotNull(productionEvents.artisanId),
          ),
        ),
      loadDispatchArtisans(tx),
    ]);
    const skillsByProduct = new Map<number, number[]>();
    for (const s of skills) skillsByProduct.set(s.productId, [...(skillsByProduct.get(s.productId) ?? []), s.skillId]);
    const excluded = new Map<number, number[]>();
    for (const r of refusals) excluded.set(r.requestId, [...(excluded.get(r.requestId) ?? []), r.artisanId!]);

    const inputs: DispatchRequestInput[] = pending.map((p) => ({
      id: p.id,
      quantity: p.quantity,
      skillIds: skillsByProduct.get(p.productId) ?? [],
      dueDate: p.dueDate,
      pieceRate: p.pieceRate,
      excludeArtisanIds: excluded.get(p.id),
    }));
    const plan = planDispatch({ today: isoDate(now), requests: inputs, artisans: artisanInputs });
    const expiresAt = offerExpiry(now);
    let offered = 0;
    let late = 0;

    for (const request of pending) {
      const parts = plan.assignments.filter((a) => a.requestId === request.id);
      const lateUnits = plan.late.filter((l) => l.requestId === request.id).reduce((sum, l) => sum + l.quantity, 0);
      // The request row itself carries the first part; others become new requests on the same line.
      const rows: Array<{ artisanId: number | null; quantity: number }> = [
        ...parts.map((p) => ({ artisanId: p.artisanId, quantity: p.quantity })),
        ...(lateUnits ? [{ artisanId: null, quantity: lateUnits }] : []),
      ];
      for (const [i, part] of rows.entries()) {
        let id = request.id;
        if (i === 0) {
          if (part.quantity !== request.quantity) {
            await tx.update(requests).set({ quantity: part.quantity }).where(eq(requests.id, request.id));
            if (request.orderLineId)
              await tx
                .update(schema.allocations)
                .set({ quantity: part.quantity })
                .where(eq(schema.allocations.productionRequestId, request.id));
          }
        } else {
          const [{ next }] = await tx.execute<{ next: string }>(sql`select nextval('production_request_numbers')::text as next`);
          const [created] = await tx
            .insert(requests)
            .values({
              number: `PR-${next}`,
              orderId: request.orderId,
              orderLineId: request.orderLineId,
              variantId: request.variantId,
              quantity: part.quantity,
              pieceRate: request.pieceRate,
              pieceRateCurrency: request.pieceRateCurrency,
              dueDate: request.dueDate,
              status: "unassigned",
            })
            .returning({ id: requests.id });
          id = created.id;
          if (request.orderLineId)
            await tx
              .insert(schema.allocations)
              .values({ orderLineId: request.orderLineId, kind: "production", productionRequestId: id, quantity: part.quantity });
          await tx.insert(productionEvents).values({
            requestId: id,
            orderId: request.orderId,
            toStatus: "unassigned",
            actor: "dispatch",
            note: `Split from ${request.number}`,
          });
        }
        if (part.artisanId) {
          await advanceRequest(tx, id, "offered", "dispatch", { artisanId: part.artisanId, offerExpiresAt: expiresAt, late: false });
          offered += 1;
        } else {
          await tx.update(requests).set({ late: true, updatedAt: sql`now()` }).where(eq(requests.id, id));
          late += 1;
        }
      }
    }
    if (offered) await enqueueJob(tx, "notify_offers", { at: now.toISOString() }, { jobKey: "notify_offers", runAt: now });
    return { offered, late, requests: pending.length };
  });
}

/** Offers past their expiry go back to the pool without that artisan, and are planned again. */
export async function expireOffers(now = new Date()) {
  return db.transaction(async (tx) => {
    const stale = await tx
      .select({ id: requests.id })
      .from(requests)
      .where(and(eq(requests.status, "offered"), lt(requests.offerExpiresAt, now)))
      .for("update", { skipLocked: true });
    for (const { id } of stale) {
      await advanceRequest(tx, id, "expired", "system", { note: "Offer expired" });
      await advanceRequest(tx, id, "unassigned", "system", { artisanId: null, offerExpiresAt: null });
    }
    if (stale.length) await enqueueJob(tx, "dispatch_requests", {}, { queueName: "dispatch", jobKey: "dispatch:all" });
    return stale.length;
  });
}

const dispatchPayload = z.object({ orderId: z.number().int().positive().optional() });

export const dispatchRequestsTask: Task = async (payload) => {
  const { orderId } = dispatchPayload.parse(payload ?? {});
  await dispatchUnassigned({ orderId });
};

export const expireOffersTask: Task = async () => {
  await expireOffers();
};
