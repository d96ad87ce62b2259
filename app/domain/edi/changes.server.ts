/**
 * 860 purchase order changes. A cancellation (BCH01 01) of a PO we ordered cancels the order through
 * the orders domain's own `cancelOrder` (production not started is cancelled, reserved stock goes
 * back), run by the `edi_cancel_order` job once the interchange has committed. A change (BCH01 04) is
 * held for ops with each line change spelled out: changing an order already in production is a
 * person's decision.
 */
import { and, eq } from "drizzle-orm";
import type { Task } from "graphile-worker";
import type { EdiPartner, EdiTransaction } from "#db/schema";
import { cancelOrder } from "~/domain/orders/index.server";
import { enqueueJob } from "~/lib/jobs/enqueue.server";
import { db, schema, type Executor } from "~/lib/db.server";
import { centsFromDecimal, decimalFromCents } from "./po";
import type { Problem } from "./purchase-orders.server";

const { ediTransactions, wholesaleOrders, orders } = schema;

const CHANGE_WORDS: Record<string, string> = {
  AI: "add line",
  CA: "change line",
  DI: "delete line",
  QD: "reduce quantity",
  QI: "increase quantity",
  PC: "change price",
};

export async function applyChangeOrder(
  tx: Executor,
  partner: EdiPartner,
  set: EdiTransaction,
  now: Date,
): Promise<{ status: "held" | "changed"; problems: Problem[] }> {
  const bch = set.segments.find((s) => s.tag === "BCH")?.elements ?? [];
  const poNumber = bch[2] ?? "";
  const [order] = await tx
    .select({ id: orders.id, number: orders.number, status: orders.status })
    .from(wholesaleOrders)
    .innerJoin(orders, eq(orders.id, wholesaleOrders.orderId))
    .where(and(eq(wholesaleOrders.retailerId, partner.retailerId), eq(wholesaleOrders.poNumber, poNumber)));
  const hold = async (problems: Problem[]) => {
    await tx
      .update(ediTransactions)
      .set({ status: "held", poNumber, orderId: order?.id ?? null, problems, processedAt: now })
      .where(eq(ediTransactions.id, set.id));
    return { status: "held" as const, problems };
  };
  if (!order) return hold([{ code: "unknown_po", message: `PO ${poNumber} is not on any order of ${partner.name}; nothing to change.` }]);
  if (bch[0] === "01") {
    await tx
      .update(ediTransactions)
      .set({ status: "changed", poNumber, orderId: order.id, processedAt: now })
      .where(eq(ediTransactions.id, set.id));
    await enqueueJob(tx, "edi_cancel_order", { transactionId: set.id }, { jobKey: `edi_cancel_order:${set.id}` });
    return { status: "changed", problems: [] };
  }
  const changes = set.segments
    .filter((s) => s.tag === "POC")
    .map((s) => {
      const e = s.elements;
      const price = e[5] ? centsFromDecimal(e[5]) : null;
      const ids = [];
      for (let i = 7; i + 1 < e.length; i += 2) if (e[i] && e[i + 1]) ids.push(`${e[i]} ${e[i + 1]}`);
      return {
        code: "change",
        message: `Line ${e[0] || "?"}: ${CHANGE_WORDS[e[1]] ?? e[1]}${e[2] ? `, quantity ${e[2]}` : ""}${price !== null ? `, price ${decimalFromCents(price)}` : ""}${ids.length ? ` (${ids.join(", ")})` : ""}.`,
      };
    });
  return hold([
    {
      code: "change_order",
      message: `PO ${poNumber} (order ${order.number}) changed by the partner: make these changes on the order, or cancel it.`,
    },
    ...changes,
  ]);
}

/** The `edi_cancel_order` job: the 860's cancellation, through the orders domain. */
export const ediCancelOrderTask: Task = async (payload) => {
  const { transactionId } = payload as { transactionId: number };
  await cancelForTransaction(transactionId);
};

export async function cancelForTransaction(transactionId: number) {
  const [row] = await db
    .select({ id: ediTransactions.id, poNumber: ediTransactions.poNumber, number: orders.number, status: orders.status })
    .from(ediTransactions)
    .innerJoin(orders, eq(orders.id, ediTransactions.orderId))
    .where(eq(ediTransactions.id, transactionId));
  if (!row || row.status === "cancelled") {
    if (row) await db.update(ediTransactions).set({ status: "cancelled" }).where(eq(ediTransactions.id, row.id));
    return;
  }
  const result = await cancelOrder({
    number: row.number,
    actor: `edi:860:${transactionId}`,
    reason: `cancelled by the retailer's 860 (PO ${row.poNumber})`,
  });
  await db
    .update(ediTransactions)
    .set(
      result.ok
        ? { status: "cancelled", problems: [] }
        : {
            status: "held",
            problems: [{ code: "cancel_refused", message: `The 860 asks to cancel order ${row.number}, but: ${result.message}` }],
          },
    )
    .where(eq(ediTransactions.id, row.id));
}
