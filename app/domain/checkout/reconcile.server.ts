/**
 * The reconcile_charge job: a web checkout's charge that never reached its order — the process died
 * between the card and the order, or the refund after a failed order failed too — is finished
 * or given back. checkout.server.ts writes the charge's row before it charges; the reconcile sweep
 * (every minute) queues this job for each row still unsettled a couple of minutes on, so no charge
 * is left without one or the other (docs/decisions/0033).
 */
import type { Task } from "graphile-worker";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { audit } from "~/domain/audit/index.server";
import { commitPaidCart } from "./stripe-checkout.server";
import { paymentProvider } from "~/domain/payments/index.server";
import type { PaymentProvider } from "~/domain/payments";
import { db, schema, type Executor } from "~/lib/db.server";
import type { JobName } from "~/lib/jobs/jobs";

export type ReconcileOutcome = "settled" | "placed" | "refunded" | "void" | "waiting";

const payloadSchema = z.object({ idempotencyKey: z.string().min(1), cartId: z.string().uuid() });

export async function reconcileCharge(
  input: { idempotencyKey: string; cartId: string },
  provider: PaymentProvider = paymentProvider(),
): Promise<ReconcileOutcome> {
  const { payments } = schema;
  return db.transaction(async (tx) => {
    const [charge] = await tx.select().from(payments).where(eq(payments.idempotencyKey, input.idempotencyKey)).for("update");
    if (!charge || charge.orderId !== null || !["charging", "succeeded", "refunding"].includes(charge.status)) return "settled";
    const record = async (status: "succeeded" | "refunded" | "void", providerRef: string | null, note: string) => {
      await tx.update(payments).set({ status, providerRef, updatedAt: new Date() }).where(eq(payments.id, charge.id));
      await audit(tx, {
        actor: "job:reconcile_charge",
        action: `payment.${status === "void" ? "voided" : status}`,
        subject: `payment:${charge.id}`,
        data: { idempotencyKey: input.idempotencyKey, providerRef, note },
      });
    };

    let providerRef = charge.providerRef;
    if (charge.status === "refunding" && providerRef) {
      // The checkout meant to give this back and its refund failed: try again (a failure retries the job).
      await provider.refund({ providerRef, amount: charge.amount, idempotencyKey: `void:${input.idempotencyKey}` });
      await record("refunded", providerRef, "Refund retried after the checkout's own attempt failed.");
      return "refunded";
    }
    if (charge.status === "charging") {
      // We never heard how the charge went: ask the provider by the key it was made with.
      const found = await provider.findCharge(input.idempotencyKey);
      if (!found) {
        await record("void", null, "The provider made no charge with this key.");
        return "void";
      }
      providerRef = found.providerRef;
      if (found.status === "unknown") {
        // The provider cannot tell (the local test provider keeps no state): giving back by the
        // key's reference is safe whether or not the card was charged. The bag stays to pay again.
        await provider.refund({
          providerRef,
          amount: charge.amount,
          idempotencyKey: `void:${input.idempotencyKey}`,
          reason: "requested_by_customer",
        });
        await record("void", providerRef, "Outcome unknown after an interrupted checkout: any charge was refunded.");
        return "void";
      }
      if (found.status !== "succeeded") {
        if (found.status === "processing") return "waiting"; // the job runs again (thrown below)
        await provider.cancel(providerRef).catch(() => {});
        await record("void", providerRef, `Never completed (${found.status}): cancelled.`);
        return "void";
      }
      // The row takes the provider's reference first, so the order below finds it rather than adding another.
      await tx.update(payments).set({ status: "succeeded", providerRef, updatedAt: new Date() }).where(eq(payments.id, charge.id));
    }

    // Stripe's own record of the payment, not our row, says what was taken: an order is made only
    // for the amount and currency our row (and so the bag) expects. Anything else goes back whole.
    // The local test provider keeps no record to ask.
    if (provider.name !== "local") {
      const remote = await provider.retrieve(providerRef!);
      const mismatch = paidOtherThanRecorded(remote, charge);
      if (mismatch) {
        await provider.refund({
          providerRef: providerRef!,
          amount: remote.amount,
          idempotencyKey: `void:${input.idempotencyKey}`,
          reason: "requested_by_customer",
        });
        await record("refunded", providerRef, mismatch);
        return "refunded";
      }
    }

    // Charged with no order: the bag's order if the bag is still there and still costs what was
    // paid (the shopper gets their confirmation email); the money back otherwise.
    const placed = await commitPaidCart(
      input.cartId,
      { providerRef: providerRef!, amount: charge.amount, currency: charge.currency, provider: charge.provider as "stripe" | "local" },
      input.idempotencyKey,
      { executor: tx },
    );
    if (placed.status === "placed") {
      await tx
        .update(payments)
        .set({ orderId: placed.orderId, status: "succeeded", providerRef, updatedAt: new Date() })
        .where(eq(payments.id, charge.id));
      await audit(tx, {
        actor: "job:reconcile_charge",
        action: "payment.order_finished",
        subject: `payment:${charge.id}`,
        data: { order: placed.orderNumber, providerRef },
      });
      return "placed";
    }
    await record("refunded", providerRef, placed.message);
    return "refunded";
  });
}

/** Why the provider's record of a payment is not the charge we recorded (amount or currency), or null when it is. */
export function paidOtherThanRecorded(
  remote: { amount: number; currency: string },
  recorded: { amount: number; currency: string },
): string | null {
  const same = remote.amount === recorded.amount && remote.currency.toUpperCase() === recorded.currency.toUpperCase();
  if (same) return null;
  return `The provider took ${remote.amount} ${remote.currency.toUpperCase()}, not the ${recorded.amount} ${recorded.currency.toUpperCase()} on record: refunded, no order.`;
}

export const reconcileChargeTask: Task = async (payload) => {
  const outcome = await reconcileCharge(payloadSchema.parse(payload));
  // Still processing at the provider: fail this attempt so graphile-worker tries again later.
  if (outcome === "waiting") throw new Error("The charge is still processing at the provider; trying again later.");
};

/** How long a charge may stay without its order (its request still running) before the sweep queues its job. */
export const CHARGE_RECONCILE_AFTER_MS = 2 * 60_000;

/**
 * The sweep's crontab line (app/worker.server.ts): every minute; a worker that was down makes up the
 * runs it missed in the last ten minutes when it starts (one run queues all that is due: the key
 * keeps them to one job).
 */
export const CHARGE_SWEEP_CRONTAB = "* * * * * reconcile_charges ?fill=10m&jobKey=reconcile_charges";

/**
 * Queues the reconcile_charge job of every web checkout charge left unsettled — "charging" (the
 * request died, or the provider asked for more), "succeeded" with no order, "refunding" (a refund
 * that failed) — for longer than CHARGE_RECONCILE_AFTER_MS since its last write, oldest first, at
 * most `limit` of those with no job yet. Keyed by the charge: a job already there for it (waiting,
 * retrying after a failure, running) is left as it is, so two sweeps never double it and a retry keeps its backoff. Returns
 * how many jobs it queued.
 */
export async function queueUnsettledCharges(limit = 500, executor: Executor = db): Promise<number> {
  const task: JobName = "reconcile_charge";
  const rows = await executor.execute<{ queued: boolean }>(sql`
    select (graphile_worker.add_job(${task}::text,
              json_build_object('idempotencyKey', p.idempotency_key, 'cartId', p.cart_id),
              job_key => ${`${task}:`}::text || p.idempotency_key, job_key_mode => 'unsafe_dedupe')).revision = 0 as queued
      from payments p
     where p.order_id is null and p.status in ('charging', 'succeeded', 'refunding')
       and p.updated_at < now() - make_interval(secs => ${CHARGE_RECONCILE_AFTER_MS / 1000})
       and p.idempotency_key is not null and p.cart_id is not null
       -- Charges whose job is already there (retrying, or out of attempts: staff's to look at) take no
       -- place under the limit, so they can never hold newer charges back.
       and not exists (select 1 from graphile_worker.jobs j where j.key = ${`${task}:`}::text || p.idempotency_key)
     order by p.updated_at
     limit ${limit}`);
  return rows.filter((row) => row.queued).length;
}

export const reconcileChargesTask: Task = async (_payload, helpers) => {
  const queued = await queueUnsettledCharges();
  if (queued) helpers.logger.info(`Queued ${queued} reconcile_charge job(s) for charges left without their order.`);
};
