/**
 * Returns (and the return half of an exchange) against an original counter sale: the pieces go
 * back on the flagship's shelf (movement "returned in store"), the money goes back to the sale's
 * own tenders (card first through the terminal, the rest in cash from the drawer of the open
 * shift), all in one transaction with the order locked. The form's key makes a double submit
 * return once.
 */
import { and, eq, sql } from "drizzle-orm";
import { audit } from "~/domain/audit/index.server";
import type { Staff } from "~/domain/accounts/index.server";
import { formatMoney } from "~/lib/money";
import { queueEmail } from "~/domain/notifications/index.server";
import { statusUrl } from "~/domain/orders/index.server";
import { recordCounterReturn } from "~/domain/returns/index.server";
import { answeredPayments } from "~/domain/payments";
import { db, schema } from "~/lib/db.server";
import { currentShift } from "./shifts.server";
import { giftCardOfPayment } from "~/domain/giftcards";
import { refundToGiftCard } from "~/domain/giftcards/index.server";
import { Refusal } from "~/lib/refusal";
import { actorOf } from "./staff.server";
import { lineReturnGoods, planRefund, returnAmount, type RefundPart } from "./tender";
import { cardTerminal } from "./terminal.server";

const { orders, orderLines, allocations, tenders, posReturns, posReturnLines, inventoryLevels, inventoryMovements, payments, refunds } =
  schema;

export type ReturnInput = {
  number: string;
  key: string;
  reason: string;
  lines: Array<{ orderLineId: number; quantity: number }>;
  staff: Staff;
};
export type ReturnDone = { returnId: number; amount: number; currency: string; parts: RefundPart[]; duplicate: boolean; message: string };

export async function recordReturn(input: ReturnInput): Promise<ReturnDone> {
  const shift = await currentShift();
  if (!shift) throw new Refusal(409, "No shift is open on this register: open one before taking a return (cash comes from the drawer).");
  const wanted = input.lines.filter((l) => l.quantity > 0);
  if (wanted.length === 0) throw new Refusal(422, "Choose at least one piece to return (a quantity of 1 or more).", "lines");
  const actor = actorOf(input.staff);
  const terminal = cardTerminal();

  return db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.number, input.number)).for("update");
    if (order?.channel !== "pos") throw new Refusal(404, `There is no store sale ${input.number}.`);
    const money = (amount: number) => formatMoney({ amount, currency: order.currency });

    const [already] = await tx.select().from(posReturns).where(eq(posReturns.idempotencyKey, input.key));
    if (already) {
      return {
        returnId: already.id,
        amount: already.amount,
        currency: order.currency,
        parts: [],
        duplicate: true,
        message: `That return (${money(already.amount)}) was already made; nothing more was refunded.`,
      };
    }

    const [lines, taken, returnedRows, saleTenders, previous] = await Promise.all([
      tx.select().from(orderLines).where(eq(orderLines.orderId, order.id)),
      tx
        .select({
          orderLineId: allocations.orderLineId,
          locationId: allocations.locationId,
          quantity: sql<number>`sum(${allocations.quantity})::int`,
        })
        .from(allocations)
        .innerJoin(orderLines, eq(orderLines.id, allocations.orderLineId))
        .where(and(eq(orderLines.orderId, order.id), eq(allocations.kind, "stock"), sql`${allocations.consumedAt} is not null`))
        .groupBy(allocations.orderLineId, allocations.locationId),
      tx
        .select({ orderLineId: posReturnLines.orderLineId, quantity: sql<number>`sum(${posReturnLines.quantity})::int` })
        .from(posReturnLines)
        .innerJoin(posReturns, eq(posReturns.id, posReturnLines.returnId))
        .where(eq(posReturns.orderId, order.id))
        .groupBy(posReturnLines.orderLineId),
      tx.select().from(tenders).where(eq(tenders.orderId, order.id)),
      tx.select({ amount: posReturns.amount }).from(posReturns).where(eq(posReturns.orderId, order.id)),
    ]);
    const byId = new Map(lines.map((l) => [l.id, l]));
    const takenBy = new Map(taken.map((t) => [t.orderLineId, t.quantity]));
    const returnedBy = new Map(returnedRows.map((r) => [r.orderLineId, r.quantity]));

    const returnLines: Array<{ orderLineId: number; variantId: number; quantity: number; amount: number }> = [];
    for (const want of wanted) {
      const line = byId.get(want.orderLineId);
      if (!line) throw new Refusal(422, `That line isn't on sale ${order.number}.`, "lines");
      const before = returnedBy.get(line.id) ?? 0;
      const returnable = (takenBy.get(line.id) ?? 0) - before;
      if (want.quantity > returnable) {
        throw new Refusal(
          422,
          returnable <= 0
            ? `${line.title}: nothing left to return${line.quantity > (takenBy.get(line.id) ?? 0) ? " (a special order is returned once it has been delivered, through operations)" : ""}.`
            : `${line.title}: at most ${returnable} can be returned.`,
          "lines",
        );
      }
      returnLines.push({
        orderLineId: line.id,
        variantId: line.variantId,
        quantity: want.quantity,
        amount: lineReturnGoods(line, before, want.quantity),
      });
    }

    const goods = returnLines.reduce((sum, l) => sum + l.amount, 0);
    const returnsEverything = lines.every(
      (l) => (returnedBy.get(l.id) ?? 0) + (returnLines.find((r) => r.orderLineId === l.id)?.quantity ?? 0) >= l.quantity,
    );
    const refundedBefore = previous.reduce((sum, r) => sum + r.amount, 0);
    const amount = returnAmount({
      goods,
      saleGoods: order.subtotal - order.discountTotal,
      saleTax: order.taxTotal,
      saleTotal: order.total,
      refundedBefore,
      returnsEverything,
    });
    if (amount <= 0 && goods > 0) throw new Refusal(409, `Sale ${order.number} has already been refunded in full.`);

    const [ret] = await tx
      .insert(posReturns)
      .values({ orderId: order.id, shiftId: shift.id, amount, reason: input.reason, createdBy: input.staff.id, idempotencyKey: input.key })
      .returning({ id: posReturns.id });
    await tx
      .insert(posReturnLines)
      .values(returnLines.map((l) => ({ returnId: ret.id, orderLineId: l.orderLineId, quantity: l.quantity, amount: l.amount })));
    // The same return record web returns write (the console's queue, reasons and money read it).
    const { returnNumber } = await recordCounterReturn(tx, {
      orderId: order.id,
      orderNumber: order.number,
      currency: order.currency,
      amount,
      note: input.reason,
      key: input.key,
      actor,
      lines: returnLines.map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity, amount: l.amount })),
    });

    // Money back to the sale's tenders. A refused card refund rolls everything back.
    const parts = planRefund(
      saleTenders.map((t) => ({ id: t.id, kind: t.kind, amount: t.amount, providerRef: t.providerRef })),
      amount,
    );
    const refundRefs: Array<string | null> = [];
    for (const [i, part] of parts.entries()) {
      if (part.kind === "gift_card") {
        // Back onto the gift card that paid, in this transaction.
        const giftCardId = giftCardOfPayment(part.providerRef ?? "");
        if (giftCardId === null) throw new Refusal(409, "This sale's gift card payment can't be found: refund it from the console.");
        await refundToGiftCard(tx, {
          giftCardId,
          amount: part.amount,
          orderId: order.id,
          reference: `pos-return:${input.key}:${i}`,
          actor,
          memo: input.reason,
        });
        refundRefs.push(part.providerRef);
        continue;
      }
      if (part.kind !== "card") {
        refundRefs.push(null);
        continue;
      }
      try {
        const refund = await terminal.refund({
          providerRef: part.providerRef!,
          amount: part.amount,
          idempotencyKey: `pos-return:${input.key}:${i}`,
        });
        refundRefs.push(refund.refundRef);
      } catch (error) {
        throw new Refusal(
          502,
          `The card refund of ${money(part.amount)} didn't go through (${error instanceof Error ? error.message : String(error)}). Nothing was returned; try again.`,
        );
      }
    }
    const salePayments = answeredPayments(
      await tx
        .select()
        .from(payments)
        .where(and(eq(payments.orderId, order.id), eq(payments.status, "succeeded"))),
    );
    await Promise.all([
      tx.insert(tenders).values(
        parts.map((p) => ({
          orderId: order.id,
          shiftId: shift.id,
          kind: p.kind,
          amount: -p.amount,
          currency: order.currency,
          returnId: ret.id,
          providerRef: p.kind === "cash" ? null : p.providerRef,
        })),
      ),
      tx.insert(refunds).values(
        parts.map((p, i) => ({
          orderId: order.id,
          paymentId:
            salePayments.find((pay) => (p.kind === "cash" ? pay.providerRef.startsWith("cash:") : pay.providerRef === p.providerRef))?.id ??
            null,
          amount: p.amount,
          currency: order.currency,
          reason: input.reason,
          providerRef: refundRefs[i],
          status: "succeeded",
          idempotencyKey: `pos-return:${input.key}:${i}`,
        })),
      ),
      tx
        .update(orders)
        .set({ paymentStatus: refundedBefore + amount >= order.total ? "refunded" : "partially_refunded" })
        .where(eq(orders.id, order.id)),
    ]);

    // The pieces go back on the shelf they came from.
    for (const line of returnLines) {
      const locationId = taken.find((t) => t.orderLineId === line.orderLineId)?.locationId ?? shift.locationId;
      await tx
        .insert(inventoryLevels)
        .values({ variantId: line.variantId, locationId, onHand: line.quantity })
        .onConflictDoUpdate({
          target: [inventoryLevels.variantId, inventoryLevels.locationId],
          set: { onHand: sql`${inventoryLevels.onHand} + ${line.quantity}` },
        });
      await tx.insert(inventoryMovements).values({
        variantId: line.variantId,
        locationId,
        onHandDelta: line.quantity,
        reason: "returned in store",
        reference: order.number,
        actor,
      });
    }

    await Promise.all([
      tx.insert(schema.orderEvents).values({
        orderId: order.id,
        type: "returned_in_store",
        actor,
        data: {
          returnId: ret.id,
          returnNumber,
          amount,
          currency: order.currency,
          reason: input.reason,
          refunds: parts.map((p) => ({ kind: p.kind, amount: p.amount })),
          key: input.key,
        },
      }),
      audit(tx, {
        actor,
        action: "pos.return",
        subject: `order:${order.number}`,
        data: {
          returnId: ret.id,
          shift: shift.id,
          amount,
          lines: returnLines.map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity })),
          refunds: parts.map((p, i) => ({ kind: p.kind, amount: p.amount, ref: refundRefs[i] })),
        },
      }),
      order.email
        ? queueEmail(tx, {
            template: "refund-issued",
            to: order.email,
            dedupeKey: `pos-return:${ret.id}`,
            props: {
              orderNumber: order.number,
              customerName: order.shippingAddress?.name,
              amount,
              currency: order.currency,
              reason: input.reason,
              statusUrl: statusUrl(order.number),
            },
          })
        : null,
    ]);

    const said = parts.map((p) => `${money(p.amount)} ${p.kind === "card" ? "to the card" : "in cash from the drawer"}`).join(" and ");
    return {
      returnId: ret.id,
      amount,
      currency: order.currency,
      parts,
      duplicate: false,
      message: `Returned: ${said}. The pieces are back on the shelf.`,
    };
  });
}
