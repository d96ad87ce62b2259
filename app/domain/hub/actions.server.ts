/**
 * What a hub worker does to a production request: book a rider, confirm the rider collected it,
 * receive it at the hub, and quality check it. Each action locks the request, checks its status
 * (./rules), moves it only through advanceRequest (whose event updates the shopper's live status
 * page), writes an audit row, and commits all of it or nothing. Refusals come back as results
 * with a 4xx status and a message for the page, never as half-written changes.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { audit } from "~/domain/audit/index.server";
import { advanceRequest } from "~/domain/production/index.server";
import { enqueueJob } from "~/lib/jobs/enqueue.server";
import { creditArtisanForQc } from "~/domain/ledger/index.server";
import { isoDate } from "~/domain/orders";
import { queueSms } from "~/domain/messaging/index.server";
import { Refusal, type Refused } from "~/lib/refusal";
import { refusable } from "~/lib/transaction.server";
import { schema, type Executor } from "~/lib/db.server";
import {
  defectText,
  formatNairobi,
  inspectRefusal,
  nextQualityScore,
  pickupRefusal,
  pickupSmsText,
  pickupTimeRefusal,
  planQc,
  qcOutcome,
  receiveRefusal,
  statusWords,
  reworkDueDate,
  type DefectReason,
  type FailedAction,
  type QcPlan,
} from "./rules";

const {
  productionRequests: requests,
  pickups,
  artisans,
  variants,
  products,
  qcInspections,
  allocations,
  productionEvents,
  orders,
  orderEvents,
} = schema;

export type { Refused };
export type Done<T = object> = { ok: true; message: string; duplicate?: boolean } & T;
export type Result<T = object> = Done<T> | Refused;

/** A Refusal thrown inside rolls the transaction back and becomes a Refused result (~/lib/transaction.server). */
const transaction = <T>(work: (tx: Executor) => Promise<Done<T>>): Promise<Result<T>> => refusable(work);

/** The request with what the actions need, locked until the transaction ends. */
async function lockRequest(tx: Executor, number: string) {
  const [row] = await tx
    .select({
      id: requests.id,
      number: requests.number,
      status: requests.status,
      quantity: requests.quantity,
      unitsMade: requests.unitsMade,
      artisanId: requests.artisanId,
      orderId: requests.orderId,
      orderLineId: requests.orderLineId,
      variantId: requests.variantId,
      pieceRate: requests.pieceRate,
      currency: requests.pieceRateCurrency,
      dueDate: requests.dueDate,
      leadTimeDays: variants.leadTimeDays,
      product: products.title,
    })
    .from(requests)
    .innerJoin(variants, eq(variants.id, requests.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(requests.number, number))
    .for("update", { of: requests });
  if (!row) throw new Refusal(404, `There is no production request ${number}. Check the number on the label.`);
  return row;
}

const subjectOf = (number: string) => `production_request:${number}`;
/** Where finished pieces arrive and are checked. */
export { HUB_LOCATION_CODE } from "./rules";
import { HUB_LOCATION_CODE } from "./rules";

// ---------------------------------------------------------------- pickups

export type ScheduleInput = { number: string; scheduledFor: Date; riderName: string; riderPhone: string; actor: string; now?: Date };

/**
 * Books a rider to collect a ready request, and texts the artisan. A request has at most one pickup
 * under way: scheduling again changes it (and texts the new time); submitting the same booking
 * twice changes nothing.
 */
export async function schedulePickup(input: ScheduleInput): Promise<Result<{ pickupId: number }>> {
  return transaction(async (tx) => {
    const request = await lockRequest(tx, input.number);
    const refusal = pickupRefusal(request.number, request.status);
    if (refusal) throw new Refusal(409, refusal);
    const late = pickupTimeRefusal(input.scheduledFor, input.now ?? new Date());
    if (late) throw new Refusal(422, late);
    if (!request.artisanId) throw new Refusal(409, `${request.number} has no artisan to collect from.`);

    const [artisan] = await tx
      .select({ phone: artisans.phone, language: artisans.language, firstName: artisans.firstName })
      .from(artisans)
      .where(eq(artisans.id, request.artisanId));
    const [existing] = await tx
      .select()
      .from(pickups)
      .where(and(eq(pickups.requestId, request.id), eq(pickups.status, "scheduled")))
      .orderBy(sql`${pickups.id} desc`)
      .limit(1);
    const when = formatNairobi(input.scheduledFor);
    if (
      existing &&
      existing.scheduledFor.getTime() === input.scheduledFor.getTime() &&
      existing.riderName === input.riderName &&
      existing.riderPhone === input.riderPhone
    ) {
      return {
        ok: true,
        duplicate: true,
        pickupId: existing.id,
        message: `The pickup of ${request.number} was already booked for ${when}; nothing changed.`,
      };
    }

    let pickupId: number;
    if (existing) {
      await tx
        .update(pickups)
        .set({ scheduledFor: input.scheduledFor, riderName: input.riderName, riderPhone: input.riderPhone })
        .where(eq(pickups.id, existing.id));
      pickupId = existing.id;
    } else {
      const [created] = await tx
        .insert(pickups)
        .values({
          requestId: request.id,
          artisanId: request.artisanId,
          scheduledFor: input.scheduledFor,
          riderName: input.riderName,
          riderPhone: input.riderPhone,
        })
        .returning({ id: pickups.id });
      pickupId = created.id;
    }
    await queueSms(tx, {
      to: artisan.phone,
      template: "pickup",
      // One text per booking and time: a reschedule texts again, a double submit doesn't.
      dedupeKey: `pickup-sms:${pickupId}:${input.scheduledFor.toISOString()}:${input.riderPhone}`,
      text: pickupSmsText({
        language: artisan.language,
        number: request.number,
        quantity: request.quantity,
        product: request.product,
        when: input.scheduledFor,
        riderName: input.riderName,
        riderPhone: input.riderPhone,
      }),
    });
    await audit(tx, {
      actor: input.actor,
      action: existing ? "hub.pickup_reschedule" : "hub.pickup_schedule",
      subject: subjectOf(request.number),
      data: {
        pickupId,
        scheduledFor: input.scheduledFor.toISOString(),
        riderName: input.riderName,
        riderPhone: input.riderPhone,
        previous: existing ? existing.scheduledFor.toISOString() : null,
      },
    });
    return {
      ok: true,
      pickupId,
      message: `${existing ? "Pickup moved" : "Pickup booked"}: ${input.riderName} collects ${request.number} from ${artisan.firstName} on ${when} (Nairobi time). ${artisan.firstName} has been sent an SMS.`,
    };
  });
}

/**
 * The rider confirms they have the pieces: the request is collected (on its way to the hub). If the
 * artisan's own confirmation already moved it, only the rider's time is recorded.
 */
export async function confirmCollection(input: { number: string; actor: string }): Promise<Result> {
  return transaction(async (tx) => {
    const request = await lockRequest(tx, input.number);
    const [pickup] = await tx
      .select()
      .from(pickups)
      .where(and(eq(pickups.requestId, request.id), inArray(pickups.status, ["scheduled", "handed_over"])))
      .orderBy(sql`${pickups.id} desc`)
      .limit(1);
    if (request.status === "collected" && pickup?.riderConfirmedAt) {
      return { ok: true, duplicate: true, message: `${request.number} was already marked collected; nothing changed.` };
    }
    if (request.status !== "ready" && request.status !== "collected") {
      throw new Refusal(
        409,
        request.status === "received" || request.status === "qc_passed" || request.status === "qc_failed"
          ? `${request.number} is already at the hub.`
          : `${request.number} is ${statusWords(request.status)}; it isn't waiting for a rider.`,
      );
    }
    if (!pickup)
      throw new Refusal(409, `No pickup is booked for ${request.number}. Book a rider first (or receive it if the artisan brought it in).`);
    if (request.status === "ready") {
      await advanceRequest(tx, request.id, "collected", input.actor, {
        note: `Collected by ${pickup.riderName}${pickup.riderPhone ? ` (${pickup.riderPhone})` : ""}`,
      });
    }
    await tx.update(pickups).set({ riderConfirmedAt: sql`now()`, status: "handed_over" }).where(eq(pickups.id, pickup.id));
    await audit(tx, {
      actor: input.actor,
      action: "hub.collect",
      subject: subjectOf(request.number),
      data: { pickupId: pickup.id, riderName: pickup.riderName },
    });
    return { ok: true, message: `${request.number} is on its way to the hub with ${pickup.riderName}.` };
  });
}

// ---------------------------------------------------------------- receiving

/**
 * The pieces are at the hub: from collected (a rider brought them) or straight from ready (the
 * artisan dropped them off; any booked rider is stood down). Receiving twice changes nothing.
 */
export async function receiveRequest(input: { number: string; actor: string }): Promise<Result> {
  return transaction(async (tx) => {
    const request = await lockRequest(tx, input.number);
    const refusal = receiveRefusal(request.number, request.status);
    if (refusal) throw new Refusal(409, refusal);
    if (request.status === "received") {
      return {
        ok: true,
        duplicate: true,
        message: `${request.number} was already received; nothing changed. It is waiting for its quality check.`,
      };
    }
    const from = request.status;
    await advanceRequest(tx, request.id, "received", input.actor, {
      note: from === "ready" ? "Brought to the hub by the artisan" : "Delivered to the hub by the rider",
    });
    if (from === "collected") {
      await tx
        .update(pickups)
        .set({ deliveredAt: sql`now()`, status: "delivered" })
        .where(and(eq(pickups.requestId, request.id), inArray(pickups.status, ["scheduled", "handed_over"])));
    } else {
      await tx
        .update(pickups)
        .set({ status: "cancelled" })
        .where(and(eq(pickups.requestId, request.id), eq(pickups.status, "scheduled")));
    }
    await audit(tx, {
      actor: input.actor,
      action: "hub.receive",
      subject: subjectOf(request.number),
      data: { from, quantity: request.quantity },
    });
    return { ok: true, message: `${request.number} received: ${request.quantity} × ${request.product}. Quality check it next.` };
  });
}

// ---------------------------------------------------------------- quality check

export type InspectInput = {
  number: string;
  passed: number;
  failed: number;
  defect?: DefectReason;
  defectNote?: string;
  failedAction?: FailedAction;
  actor: string;
  now?: Date;
};

export type InspectDone = { inspectionId: number; plan: QcPlan; credited: number; splitNumber: string | null };

/**
 * Records a quality check. Passed units pass on this request (which keeps only them when some
 * failed) and credit the artisan units × piece rate in the same transaction; failed units go back
 * to the same artisan (rework) or to dispatch, on this request or, after a partial pass, on a new
 * request split from it (its order-line allocation follows, like dispatch's splits). The artisan's
 * pieces-made count and quality score move with the result.
 */
export async function inspectRequest(input: InspectInput): Promise<Result<InspectDone>> {
  return transaction<InspectDone>(async (tx) => {
    const request = await lockRequest(tx, input.number);
    const refusal = inspectRefusal(request.number, request.status);
    if (refusal) throw new Refusal(409, refusal);
    const planned = planQc(request.quantity, input);
    if (!planned.ok) throw new Refusal(422, planned.message);
    const plan = planned.plan;
    if (!request.artisanId)
      throw new Refusal(409, `${request.number} has no artisan on record, so its work can't be credited. Ask operations to check it.`);
    const artisanId = request.artisanId;
    const defect = defectText(input.defect, input.defectNote);
    const failNote = (n: number) => `${n} ${n === 1 ? "unit" : "units"} failed QC${defect ? `: ${defect}` : ""}`;
    const today = isoDate(input.now ?? new Date());
    const newDue = reworkDueDate(request.dueDate, today, request.leadTimeDays);

    const [inspection] = await tx
      .insert(qcInspections)
      .values({
        requestId: request.id,
        unitsPassed: input.passed,
        unitsFailed: input.failed,
        defectReason: defect,
        outcome: qcOutcome(plan),
        inspector: input.actor,
      })
      .returning({ id: qcInspections.id });

    let splitNumber: string | null = null;
    let failedRequestId: number | null = null;
    if (plan.kind === "pass") {
      await advanceRequest(tx, request.id, "qc_passed", input.actor, {
        note: `${plan.passed} ${plan.passed === 1 ? "unit" : "units"} passed QC`,
      });
    } else if (plan.kind === "fail") {
      await advanceRequest(tx, request.id, "qc_failed", input.actor, { note: failNote(plan.failed) });
      failedRequestId = request.id;
    } else {
      // This request keeps the passed units; the failed ones become a new request on the same order line.
      await tx
        .update(requests)
        .set({ quantity: plan.passed, unitsMade: plan.passed, updatedAt: sql`now()` })
        .where(eq(requests.id, request.id));
      if (request.orderLineId) {
        await tx
          .update(allocations)
          .set({ quantity: plan.passed })
          .where(and(eq(allocations.productionRequestId, request.id), sql`${allocations.releasedAt} is null`));
      }
      const [{ next }] = await tx.execute<{ next: string }>(sql`select nextval('production_request_numbers')::text as next`);
      splitNumber = `PR-${next}`;
      const [created] = await tx
        .insert(requests)
        .values({
          number: splitNumber,
          orderId: request.orderId,
          orderLineId: request.orderLineId,
          variantId: request.variantId,
          quantity: plan.failed,
          unitsMade: plan.failed,
          artisanId,
          pieceRate: request.pieceRate,
          pieceRateCurrency: request.currency,
          dueDate: request.dueDate,
          status: "received",
        })
        .returning({ id: requests.id });
      failedRequestId = created.id;
      if (request.orderLineId)
        await tx
          .insert(allocations)
          .values({ orderLineId: request.orderLineId, kind: "production", productionRequestId: created.id, quantity: plan.failed });
      await tx.insert(productionEvents).values({
        requestId: created.id,
        orderId: request.orderId,
        artisanId,
        fromStatus: null,
        toStatus: "received",
        actor: input.actor,
        note: `Split from ${request.number}: ${plan.failed} of ${request.quantity} units failed QC`,
      });
      await advanceRequest(tx, created.id, "qc_failed", input.actor, { note: failNote(plan.failed) });
      await advanceRequest(tx, request.id, "qc_passed", input.actor, {
        note: `${plan.passed} of ${request.quantity} units passed QC; ${plan.failed} moved to ${splitNumber}`,
      });
    }

    if (failedRequestId !== null && plan.kind !== "pass") {
      await tx.update(requests).set({ dueDate: newDue }).where(eq(requests.id, failedRequestId));
      if (plan.action === "rework") {
        await advanceRequest(tx, failedRequestId, "in_progress", input.actor, {
          note: `Back to the artisan to remake (due ${newDue})`,
          unitsMade: 0,
        });
      } else {
        await advanceRequest(tx, failedRequestId, "unassigned", input.actor, {
          note: `To be made by another artisan (due ${newDue})`,
          artisanId: null,
          offerExpiresAt: null,
          unitsMade: 0,
          late: false,
        });
        await enqueueJob(tx, "dispatch_requests", request.orderId ? { orderId: request.orderId } : {}, {
          queueName: "dispatch",
          jobKey: request.orderId ? `dispatch:order:${request.orderId}` : "dispatch:all",
        });
      }
    }

    const passed = plan.kind === "fail" ? 0 : plan.passed;
    let credited = 0;
    if (passed > 0) {
      const credit = await creditArtisanForQc(tx, {
        requestId: request.id,
        inspectionId: inspection.id,
        artisanId,
        units: passed,
        pieceRate: request.pieceRate,
        currency: request.currency,
        requestNumber: request.number,
      });
      credited = credit.amount;
    }
    const [artisan] = await tx
      .select({ qualityScore: artisans.qualityScore })
      .from(artisans)
      .where(eq(artisans.id, artisanId))
      .for("update");
    await tx
      .update(artisans)
      .set({
        piecesMade: sql`${artisans.piecesMade} + ${passed}`,
        qualityScore: nextQualityScore(artisan.qualityScore, passed, input.failed),
      })
      .where(eq(artisans.id, artisanId));

    if (request.orderId && passed > 0) await markOrderReadyIfDone(tx, request.orderId, input.actor);
    // Units made for an order line belong to that line (its production allocation) and leave with
    // the order's shipment: they never enter the hub's stock. Only work made for stock (no order)
    // becomes sellable stock at the hub, with a movement row like every other stock change.
    if (!request.orderId && passed > 0)
      await addHubStock(tx, { variantId: request.variantId, units: passed, reference: request.number, actor: input.actor });

    const data = {
      inspectionId: inspection.id,
      passed,
      failed: input.failed,
      defect,
      outcome: qcOutcome(plan),
      splitNumber,
      credited,
      currency: request.currency,
      qualityScore: { before: artisan.qualityScore, after: nextQualityScore(artisan.qualityScore, passed, input.failed) },
    };
    await audit(tx, { actor: input.actor, action: "hub.qc", subject: subjectOf(request.number), data });
    return { ok: true, inspectionId: inspection.id, plan, credited, splitNumber, message: qcMessage(request.number, plan, splitNumber) };
  });
}

function qcMessage(number: string, plan: QcPlan, splitNumber: string | null): string {
  const units = (n: number) => `${n} ${n === 1 ? "unit" : "units"}`;
  const next = (action: FailedAction) =>
    action === "rework" ? "goes back to the same artisan to remake" : "goes back to dispatch for another artisan";
  switch (plan.kind) {
    case "pass":
      return `${number} passed QC: ${units(plan.passed)} credited to the artisan.`;
    case "fail":
      return `${number} failed QC (${units(plan.failed)}) and ${next(plan.action)}.`;
    case "split":
      return `${number}: ${units(plan.passed)} passed and were credited to the artisan; the ${units(plan.failed)} that failed became ${splitNumber}, which ${next(plan.action)}.`;
  }
}

/** QC-passed units made for stock go on the Nairobi hub's shelf. */
async function addHubStock(tx: Executor, input: { variantId: number; units: number; reference: string; actor: string }) {
  const [hub] = await tx.select({ id: schema.locations.id }).from(schema.locations).where(eq(schema.locations.code, HUB_LOCATION_CODE));
  if (!hub) throw new Refusal(409, `There is no ${HUB_LOCATION_CODE} location to put the passed pieces in. Ask operations to create it.`);
  await tx
    .insert(schema.inventoryLevels)
    .values({ variantId: input.variantId, locationId: hub.id, onHand: input.units })
    .onConflictDoUpdate({
      target: [schema.inventoryLevels.variantId, schema.inventoryLevels.locationId],
      set: { onHand: sql`${schema.inventoryLevels.onHand} + ${input.units}` },
    });
  await tx.insert(schema.inventoryMovements).values({
    variantId: input.variantId,
    locationId: hub.id,
    onHandDelta: input.units,
    reason: "made (QC passed)",
    reference: input.reference,
    actor: input.actor,
  });
}

/** When nothing on the order is still being made, the order is ready to pack (status and event). */
async function markOrderReadyIfDone(tx: Executor, orderId: number, actor: string) {
  const open = await tx
    .select({ id: requests.id })
    .from(requests)
    .where(and(eq(requests.orderId, orderId), sql`${requests.status} not in ('qc_passed', 'cancelled')`))
    .limit(1);
  if (open.length) return;
  const [moved] = await tx
    .update(orders)
    .set({ status: "ready" })
    .where(and(eq(orders.id, orderId), inArray(orders.status, ["open", "in_production"])))
    .returning({ id: orders.id });
  if (moved) await tx.insert(orderEvents).values({ orderId, type: "ready", actor, data: {} });
}
