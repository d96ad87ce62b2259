/**
 * The reconcile_charge job: a web checkout's charge that never reached its order — the process died
 * between the card and the order, or the refund after a failed order failed too — is finished
 * or given back. checkout.server.ts writes the charge's row and this job (a couple of minutes
 * out) in one transaction before it charges, so no charge can be left without one or the other.
 */
import type { Task } from "graphile-worker";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { audit } from "~/domain/audit/index.server";
import { commitPaidCart } from "./stripe-checkout.server";
import { paymentProvider } from "~/domain/payments/index.server";
import type { PaymentProvider } from "~/domain/payments";
import { db, schema } from "~/lib/db.server";

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
