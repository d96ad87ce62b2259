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

const { productionRequests: requests, productSkills, variants, productionEvents } = schema;

/**
 * Every active artisan as the planner sees them today: read once per plan, in plain SQL (a plan
 * covers a whole burst of orders, and drizzle's row mapping of ~1,300 artisans × skills was most of
 * a per-order plan's cost). One row per artisan and skill, with the units already promised for that
 * skill (offered, accepted or in progress) and the artisan's income over 30 days beside it.
 */
export async function loadDispatchArtisans(tx: Executor): Promise<DispatchArtisan[]> {
  const rows = await tx.execute<{
    id: number;
    quality_score: number;
    hub_distance_km: number;
    available: boolean;
    away_from: string | null;
    away_until: string | null;
    skill_id: number;
    weekly_capacity: number;
    used: number;
    income: number;
  }>(sql`
    with used as (
      select pr.artisan_id, ps.skill_id, sum(pr.quantity - pr.units_made)::int as units
        from production_requests pr
        join variants v on v.id = pr.variant_id
        join product_skills ps on ps.product_id = v.product_id
       where pr.artisan_id is not null and pr.status in ('offered', 'accepted', 'in_progress')
       group by pr.artisan_id, ps.skill_id
    ), income as (
      select artisan_id, sum(quantity * piece_rate)::bigint::float8 as income
        from production_requests
       where status = 'qc_passed' and artisan_id is not null and updated_at > now() - interval '30 days'
       group by artisan_id
    )
    select a.id, a.quality_score, a.hub_distance_km, a.available, a.away_from::text as away_from, a.away_until::text as away_until,
           s.skill_id, s.weekly_capacity, coalesce(u.units, 0) as used, coalesce(i.income, 0) as income
      from artisans a
      join artisan_skills s on s.artisan_id = a.id
      left join used u on u.artisan_id = a.id and u.skill_id = s.skill_id
      left join income i on i.artisan_id = a.id
     where a.active
     order by a.id`);
  const artisans: DispatchArtisan[] = [];
  let artisan: DispatchArtisan | undefined;
  for (const row of rows) {
    if (artisan?.id !== row.id) {
      artisan = {
        id: row.id,
        skills: [],
        qualityScore: row.quality_score,
        recentIncome: Number(row.income),
        hubDistanceKm: row.hub_distance_km,
        available: row.available,
        awayFrom: row.away_from,
        awayUntil: row.away_until,
      };
      artisans.push(artisan);
    }
    artisan.skills.push({ skillId: row.skill_id, weeklyCapacity: row.weekly_capacity, usedThisWeek: row.used });
  }
  return artisans;
}

export type DispatchSummary = { offered: number; late: number; requests: number };

/** Which unassigned requests a plan covers: some orders', or every one. */
export type DispatchScope = { orderIds: number[] } | "all";

/**
 * Plans every unassigned request (of one order, or all) and writes offers. A request split across
 * artisans becomes one request per artisan (the order line's allocation follows); units nobody can
 * make in time stay unassigned and are flagged late for operations.
 */
export async function dispatchUnassigned(options: { orderId?: number; now?: Date } = {}): Promise<DispatchSummary> {
  const now = options.now ?? new Date();
  return db.transaction((tx) => planAndOffer(tx, options.orderId ? { orderIds: [options.orderId] } : "all", now));
}

/** At most this many queued dispatch jobs join one plan (the rest join the next). */
const MAX_JOBS_PER_PLAN = 1000;

export type QueuedDispatchSummary = DispatchSummary & { jobs: number };

/**
 * One plan for every dispatch job waiting, not one per order: a burst of 100 orders queues 100
 * `dispatch_requests` jobs (each order's own, added in its transaction), and whichever runs first
 * plans all of their orders at once — the artisans read once — and completes the others in the same
 * transaction. Jobs are claimed by the transaction's first statement: an order committed later is
 * not seen by it, so its job stays queued and runs the next plan (the dispatch queue runs one at a
 * time, right after this one). If the plan dies half-way nothing is completed and every job reruns.
 */
export async function dispatchQueued(own: { jobId?: string | number; orderId?: number }, now = new Date()): Promise<QueuedDispatchSummary> {
  return db.transaction(async (tx) => {
    // Waiting, due and not held by a worker (a job in another pool's local queue is locked, and runs itself).
    const waiting = await tx.execute<{ id: string; order_id: number | null }>(sql`
      select j.id::text as id, (j.payload->>'orderId')::int as order_id
        from graphile_worker._private_jobs j
        join graphile_worker._private_tasks t on t.id = j.task_id
       where t.identifier = 'dispatch_requests' and j.locked_at is null and j.run_at <= now()
         and j.attempts < j.max_attempts and j.id <> ${own.jobId === undefined ? -1 : Number(own.jobId)}
       order by j.id
       limit ${MAX_JOBS_PER_PLAN}`);
    const orderIds = [own.orderId, ...waiting.map((w) => w.order_id)];
    const scope: DispatchScope = orderIds.some((id) => id === null || id === undefined)
      ? "all"
      : { orderIds: [...new Set(orderIds as number[])] };
    const summary = await planAndOffer(tx, scope, now);
    if (waiting.length)
      await tx.execute(sql`
        select graphile_worker.complete_jobs(array(select value::bigint from json_array_elements_text(${JSON.stringify(waiting.map((w) => w.id))}::json)))`);
    return { ...summary, jobs: (own.jobId === undefined ? 0 : 1) + waiting.length };
  });
}

async function planAndOffer(tx: Executor, scope: DispatchScope, now: Date): Promise<DispatchSummary> {
  if (scope !== "all" && !scope.orderIds.length) return { offered: 0, late: 0, requests: 0 };
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
    .where(and(eq(requests.status, "unassigned"), scope === "all" ? undefined : inArray(requests.orderId, scope.orderIds)))
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
  const partsOf = new Map<number, Array<{ artisanId: number; quantity: number }>>();
  for (const a of plan.assignments)
    partsOf.set(Number(a.requestId), [...(partsOf.get(Number(a.requestId)) ?? []), { artisanId: a.artisanId, quantity: a.quantity }]);
  const lateOf = new Map<number, number>();
  for (const l of plan.late) lateOf.set(Number(l.requestId), (lateOf.get(Number(l.requestId)) ?? 0) + l.quantity);

  const offers: Array<{ id: number; artisan_id: number }> = [];
  const lateIds: number[] = [];
  for (const request of pending) {
    const lateUnits = lateOf.get(request.id) ?? 0;
    // The request row itself carries the first part; others become new requests on the same line.
    const rows: Array<{ artisanId: number | null; quantity: number }> = [
      ...(partsOf.get(request.id) ?? []),
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
      if (part.artisanId) offers.push({ id, artisan_id: part.artisanId });
      else lateIds.push(id);
    }
  }
  // Every offer in one statement and its events in the same one (the rows are this plan's, locked
  // above or made here; the status guard is advanceRequest's unassigned → offered, for all at once).
  if (offers.length) {
    const [{ moved }] = await tx.execute<{ moved: number }>(sql`
      with offer as (
        select * from json_to_recordset(${JSON.stringify(offers)}::json) as o(id int, artisan_id int)
      ), moved as (
        update production_requests pr
           set status = 'offered', artisan_id = offer.artisan_id, offer_expires_at = ${expiresAt.toISOString()}::timestamptz,
               late = false, updated_at = now()
          from offer
         where pr.id = offer.id and pr.status = 'unassigned'
        returning pr.id, pr.order_id, pr.artisan_id
      ), logged as (
        insert into production_events (request_id, order_id, artisan_id, from_status, to_status, actor)
        select id, order_id, artisan_id, 'unassigned', 'offered', 'dispatch' from moved
      )
      select count(*)::int as moved from moved`);
    if (moved !== offers.length) throw new Error(`Dispatch: ${offers.length - moved} of ${offers.length} offers found their request moved`);
  }
  if (lateIds.length)
    await tx.execute(sql`
      update production_requests set late = true, updated_at = now()
       where id in (select value::int from json_array_elements_text(${JSON.stringify(lateIds)}::json))`);
  if (offers.length) await enqueueJob(tx, "notify_offers", { at: now.toISOString() }, { jobKey: "notify_offers", runAt: now });
  return { offered: offers.length, late: lateIds.length, requests: pending.length };
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

/** One plan for this job and every other dispatch job waiting (see dispatchQueued). */
export const dispatchRequestsTask: Task = async (payload, helpers) => {
  const { orderId } = dispatchPayload.parse(payload ?? {});
  const summary = await dispatchQueued({ jobId: helpers.job.id, orderId });
  helpers.logger.debug(
    `dispatch_requests: ${summary.jobs} job(s), ${summary.requests} request(s), ${summary.offered} offered, ${summary.late} late`,
  );
};

export const expireOffersTask: Task = async () => {
  await expireOffers();
};
