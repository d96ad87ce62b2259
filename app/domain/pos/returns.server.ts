/**
 * Returns and exchanges against an original counter sale (docs/decisions/0020-returns.md): the
 * pieces go back on the flagship's shelf (movement "returned in store"); each piece is refunded or
 * exchanged for another size or finish of the same piece (or the same piece again), handed over
 * from the shelf at once as the exchange's own order. The new piece is priced on the same terms as
 * the one coming back (the returns rules: the same discount share and tax rate, the sale's
 * currency). What comes back goes to the sale's own tenders (card first through the terminal, the
 * rest in cash from the drawer of the open shift); a dearer exchange's difference is taken by card
 * on the terminal or in cash into the drawer. All in one transaction with the sale and its exchanges
 * locked, the original sale first (decision 0020's order, as every web step and refund takes them): the
 * form's key makes a double submit one return, and a declined card leaves nothing written.
 */
import { and, desc, eq, inArray, like, sql } from "drizzle-orm";
import { audit } from "~/domain/audit/index.server";
import type { Staff } from "~/domain/accounts/index.server";
import { formatMoney } from "~/lib/money";
import { queueEmail } from "~/domain/notifications/index.server";
import { exchangeSmsText } from "~/domain/messaging";
import { queueSms } from "~/domain/messaging/index.server";
import { commitOrder, statusUrl } from "~/domain/orders/index.server";
import { familyOf, loadReturnPolicy, lockOrder, recordCounterReturn } from "~/domain/returns/index.server";
import { apportion, exchangeDifference, exchangeDue, reasonLabel, returnWindow, type ReturnReason } from "~/domain/returns";
import { STORE_LOCATION_CODE } from "~/domain/inventory";
import { CASH_PROVIDER, answeredPayments } from "~/domain/payments";
import { db, schema, type Executor } from "~/lib/db.server";
import { currentShift } from "./shifts.server";
import { giftCardOfPayment } from "~/domain/giftcards";
import { refundToGiftCard } from "~/domain/giftcards/index.server";
import { Refusal } from "~/lib/refusal";
import { STORE_NAME, consumeShelfStock } from "./sales.server";
import { actorOf } from "./staff.server";
import { cardLabel, lineReturnGoods, planRefund, planTenders, returnAmount, type RefundPart } from "./tender";
import { cardTerminal } from "./terminal.server";

const {
  orders,
  orderLines,
  allocations,
  tenders,
  posReturns,
  posReturnLines,
  inventoryLevels,
  inventoryMovements,
  payments,
  refunds,
  variants,
  products,
  locations,
} = schema;

export type ReturnLineInput = {
  orderLineId: number;
  quantity: number;
  /** Exchange this piece for that variant (another size or finish of the same piece, or the same one again); null: refund it. */
  exchangeVariantId?: number | null;
};
export type ReturnInput = {
  number: string;
  key: string;
  /** One of the web's reasons (the reasons report counts both channels together). */
  reason: ReturnReason;
  /** The cashier's own words, kept on the return record. */
  note?: string;
  lines: ReturnLineInput[];
  /** How a dearer exchange's difference is taken: card on the terminal, or cash (what the customer handed over). */
  difference?: { mode: "card" | "cash"; cashGiven: number | null } | null;
  staff: Staff;
};
export type ReturnDone = {
  returnId: number;
  amount: number;
  /** A dearer exchange: the difference taken (0 otherwise). */
  taken: number;
  changeDue: number;
  currency: string;
  parts: RefundPart[];
  exchangeNumber: string | null;
  duplicate: boolean;
  message: string;
};

type OrderRow = typeof orders.$inferSelect;
type Planned = {
  orderLineId: number;
  variantId: number;
  title: string;
  quantity: number;
  /** The line's goods share for these units (as counter returns always stored it). */
  goods: number;
  /** What these units are worth: goods and their tax, the refund if they were refunded. */
  value: number;
  exchange: { variantId: number; title: string; sku: string; unitPrice: number } | null;
  back: number;
  due: number;
};

export async function recordReturn(input: ReturnInput): Promise<ReturnDone> {
  const shift = await currentShift();
  if (!shift) throw new Refusal(409, "No shift is open on this register: open one before taking a return (cash comes from the drawer).");
  const wanted = input.lines.filter((l) => l.quantity > 0);
  if (wanted.length === 0) throw new Refusal(422, "Choose at least one piece to return (a quantity of 1 or more).", "lines");
  const actor = actorOf(input.staff);
  const terminal = cardTerminal();
  // A card approved for the difference whose exchange then fails to record is voided before the error goes on.
  let collected: { providerRef: string; amount: number } | null = null;

  try {
    return await db.transaction(async (tx) => {
      // The sale's family in decision 0020's order (the original sale first, then its exchanges' orders):
      // an exchange's own order was paid on the sale it came from, so that sale's tenders pay it back,
      // its window counts, and a return of either waits for the other.
      const order = await lockOrder(tx, { number: input.number });
      if (order?.channel !== "pos") throw new Refusal(404, `There is no store sale ${input.number}.`);
      const family = await familyOf(tx, order);
      const money = (amount: number) => formatMoney({ amount, currency: order.currency });
      const note = input.note?.trim() ?? "";
      // What the refund rows, the audit and the email say: the reason in words, the note beside.
      const why = note ? `${reasonLabel(input.reason)}: ${note}` : reasonLabel(input.reason);

      const [already] = await tx.select().from(posReturns).where(eq(posReturns.idempotencyKey, input.key));
      if (already) {
        if (already.orderId !== order.id) throw new Refusal(409, "This form is out of date. Reload the page and try again.");
        return {
          returnId: already.id,
          amount: already.amount,
          taken: 0,
          changeDue: 0,
          currency: order.currency,
          parts: [],
          exchangeNumber: null,
          duplicate: true,
          message: `That return (${money(already.amount)} back) was already made; nothing more was refunded or taken.`,
        };
      }

      const window = returnWindow({
        deliveredAt: family.root.placedAt,
        now: new Date(),
        madeToOrder: false,
        policy: await loadReturnPolicy(tx),
      });
      if (!window.open)
        throw new Refusal(
          422,
          `${window.message.replace(/\.$/, "")}${family.root.id === order.id ? "" : ` (counted from the original sale, ${family.root.number})`}. Nothing was returned.`,
          "lines",
        );
      const { planned, saleTenders, refundedBefore, takenFrom } = await planReturn(tx, order, wanted, family.ids);
      const back = planned.reduce((sum, l) => sum + l.back, 0);
      const owed = planned.reduce((sum, l) => sum + l.due, 0);
      const amount = Math.max(0, back - owed);
      const taken = Math.max(0, owed - back);
      const value = planned.reduce((sum, l) => sum + l.value, 0);
      const exchanges = planned.filter((l) => l.exchange);

      // The new pieces are handed over: they must be on the flagship's shelf (the ones coming back don't count).
      const [flagship] = await tx.select({ id: locations.id }).from(locations).where(eq(locations.code, STORE_LOCATION_CODE));
      if (exchanges.length && !flagship) throw new Refusal(409, `There is no ${STORE_LOCATION_CODE} location to hand pieces over from.`);
      const wantedStock = new Map<number, { quantity: number; title: string }>();
      for (const l of exchanges) {
        const seen = wantedStock.get(l.exchange!.variantId);
        wantedStock.set(l.exchange!.variantId, { quantity: (seen?.quantity ?? 0) + l.quantity, title: l.exchange!.title });
      }
      for (const [variantId, want] of [...wantedStock].sort(([a], [b]) => a - b)) {
        const [level] = await tx
          .select({ free: sql<number>`(${inventoryLevels.onHand} - ${inventoryLevels.reserved})::int` })
          .from(inventoryLevels)
          .where(and(eq(inventoryLevels.variantId, variantId), eq(inventoryLevels.locationId, flagship.id)))
          .for("update");
        const free = Math.max(0, level?.free ?? 0);
        if (free < want.quantity)
          throw new Refusal(
            409,
            `${want.title} isn't on the shelf here${free > 0 ? ` (only ${free})` : ""}, so it can't be handed over. Refund the piece instead and order the new one on the web shop for delivery, or ring it up on the register as a special order. Nothing was exchanged.`,
            "lines",
          );
      }

      // A dearer exchange: how the difference is paid, checked before anything is written.
      let cash: { amount: number; given: number; change: number } | null = null;
      if (taken > 0) {
        if (!input.difference)
          throw new Refusal(422, `The new pieces cost ${money(taken)} more: choose card or cash for the difference.`, "difference");
        // No cash amount typed: the customer handed over the difference exactly.
        const plan = planTenders({
          mode: input.difference.mode,
          total: taken,
          cashGiven: input.difference.cashGiven ?? taken,
          cardAmount: null,
        });
        if (!plan.ok) throw new Refusal(422, plan.message, plan.field);
        cash = plan.plan.cash;
      }

      const [ret] = await tx
        .insert(posReturns)
        .values({
          orderId: order.id,
          shiftId: shift.id,
          amount,
          exchangeValue: value - amount,
          reason: input.reason,
          createdBy: input.staff.id,
          idempotencyKey: input.key,
        })
        .returning({ id: posReturns.id });
      await tx
        .insert(posReturnLines)
        .values(planned.map((l) => ({ returnId: ret.id, orderLineId: l.orderLineId, quantity: l.quantity, amount: l.goods })));

      // The exchange is a new order through commitOrder: the new pieces at their price with an equal
      // discount (paid for on this sale), from the flagship's shelf, handed over at once.
      let exchangeOrder: { id: number; number: string } | null = null;
      // What the customer paid for the new pieces: the returned ones' worth, less what came back or plus what she paid.
      const worths = exchanges.map((l) => exchangeWorth(l));
      if (exchanges.length) {
        const committed = await commitOrder(tx, {
          channel: "pos",
          email: order.email,
          customerId: order.customerId,
          shippingAddress: null,
          shippingMethod: null,
          currency: order.currency,
          lines: worths.map((w) => ({ variantId: w.variantId, quantity: w.quantity, unitPrice: w.unitPrice, discount: w.discount })),
          totals: {
            subtotal: worths.reduce((sum, w) => sum + w.unitPrice * w.quantity, 0),
            discountTotal: worths.reduce((sum, w) => sum + w.discount, 0),
            shippingTotal: 0,
            taxTotal: worths.reduce((sum, w) => sum + w.tax, 0),
            total: worths.reduce((sum, w) => sum + w.worth, 0),
          },
          idempotencyKey: `pos-exchange:${input.key}`,
          stockLocationCodes: [STORE_LOCATION_CODE],
          payment: null,
          paymentStatus: "paid",
          actor,
        });
        await consumeShelfStock(tx, committed.id, committed.number, actor);
        await tx.update(orders).set({ status: "delivered" }).where(eq(orders.id, committed.id));
        exchangeOrder = { id: committed.id, number: committed.number };
      }

      // The difference taken: on the terminal (a decline throws, and everything rolls back), or cash into the drawer.
      let card: { providerRef: string; brand: string | null; last4: string | null } | null = null;
      if (taken > 0 && !cash) {
        const outcome = await terminal.collect({
          amount: taken,
          currency: order.currency,
          idempotencyKey: `pos-exchange:${input.key}:card`,
          description: `Exchange difference on ${order.number}`,
          metadata: { register: shift.registerCode, shift: String(shift.id), key: input.key, order: order.number },
        });
        if (outcome.status === "declined")
          throw new Refusal(402, `Card declined: ${outcome.message} Nothing was exchanged; try another card or cash.`, "difference");
        collected = { providerRef: outcome.providerRef, amount: taken };
        card = { providerRef: outcome.providerRef, brand: outcome.card.brand, last4: outcome.card.last4 };
      }
      let duePaymentId: number | null = null;
      if (taken > 0) {
        const [payment] = await tx
          .insert(payments)
          .values({
            orderId: order.id,
            provider: card ? terminal.name : CASH_PROVIDER,
            providerRef: card ? card.providerRef : `cash:${order.number}:exchange:${ret.id}`,
            amount: taken,
            currency: order.currency,
            status: "succeeded",
          })
          .returning({ id: payments.id });
        duePaymentId = payment.id;
      }

      const refundBy = planRefund(
        saleTenders.map((t) => ({ id: t.id, kind: t.kind, amount: t.amount, providerRef: t.providerRef })),
        amount,
      );
      const differenceWords =
        taken > 0
          ? { direction: "paid" as const, amount: taken, by: card ? `by card (${cardLabel(card.brand, card.last4)})` : "in cash" }
          : amount > 0 && exchanges.length
            ? { direction: "back" as const, amount, by: refundWords(refundBy) }
            : undefined;
      // The same return record web returns write (the console's queue, reasons and money read it).
      const { returnNumber } = await recordCounterReturn(tx, {
        orderId: order.id,
        orderNumber: order.number,
        currency: order.currency,
        amount,
        reason: input.reason,
        note,
        key: input.key,
        actor,
        lines: planned.map((l) => ({
          orderLineId: l.orderLineId,
          quantity: l.quantity,
          amount: l.goods,
          exchangeVariantId: l.exchange?.variantId ?? null,
        })),
        exchange: exchangeOrder
          ? {
              orderId: exchangeOrder.id,
              orderNumber: exchangeOrder.number,
              due: taken,
              paymentId: duePaymentId,
              tender: taken > 0 ? (card ? "card" : "cash") : null,
              difference: differenceWords,
            }
          : null,
      });

      const parts = await payBack(tx, { order, key: input.key, reason: why, actor, parts: refundBy, terminal });
      const salePayments = answeredPayments(
        await tx
          .select()
          .from(payments)
          .where(and(inArray(payments.orderId, family.ids), eq(payments.status, "succeeded"))),
      );
      const tenderRows: Array<typeof tenders.$inferInsert> = parts.map((p) => ({
        orderId: order.id,
        shiftId: shift.id,
        kind: p.kind,
        amount: -p.amount,
        currency: order.currency,
        returnId: ret.id,
        providerRef: p.kind === "cash" ? null : p.providerRef,
      }));
      if (taken > 0)
        tenderRows.push({
          orderId: order.id,
          shiftId: shift.id,
          kind: card ? "card" : "cash",
          amount: taken,
          currency: order.currency,
          returnId: ret.id,
          providerRef: card?.providerRef ?? null,
          cardBrand: card?.brand ?? null,
          cardLast4: card?.last4 ?? null,
          cashGiven: cash?.given ?? null,
          changeDue: cash?.change ?? null,
        });
      await Promise.all([
        tenderRows.length ? tx.insert(tenders).values(tenderRows) : null,
        parts.length
          ? tx.insert(refunds).values(
              parts.map((p) => ({
                // The money leaves the sale that took it (its refund cap counts it), for an exchange's piece too.
                orderId: family.root.id,
                paymentId:
                  salePayments.find((pay) =>
                    p.kind === "cash" ? pay.providerRef === `cash:${family.root.number}` : pay.providerRef === p.providerRef,
                  )?.id ?? null,
                amount: p.amount,
                currency: order.currency,
                reason: why,
                providerRef: p.refundRef,
                status: "succeeded",
                idempotencyKey: `pos-return:${input.key}:${p.index}`,
              })),
            )
          : null,
        amount > 0
          ? tx
              .update(orders)
              .set({ paymentStatus: refundedBefore + amount >= order.total ? "refunded" : "partially_refunded" })
              .where(eq(orders.id, order.id))
          : null,
      ]);

      // The pieces go back on the shelf they came from.
      for (const line of planned) {
        const locationId = takenFrom.get(line.orderLineId) ?? shift.locationId;
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

      const refundsSaid = parts.map((p) => ({ kind: p.kind, amount: p.amount }));
      await Promise.all([
        tx.insert(schema.orderEvents).values({
          orderId: order.id,
          type: exchangeOrder ? "exchanged_in_store" : "returned_in_store",
          actor,
          data: {
            returnId: ret.id,
            returnNumber,
            amount,
            currency: order.currency,
            reason: input.reason,
            note,
            refunds: refundsSaid,
            key: input.key,
            ...(exchangeOrder ? { exchangeNumber: exchangeOrder.number, taken, takenBy: taken > 0 ? (card ? "card" : "cash") : null } : {}),
          },
        }),
        audit(tx, {
          actor,
          action: exchangeOrder ? "pos.exchange" : "pos.return",
          subject: `order:${order.number}`,
          data: {
            returnId: ret.id,
            shift: shift.id,
            amount,
            lines: planned.map((l) => ({
              orderLineId: l.orderLineId,
              quantity: l.quantity,
              exchangeVariantId: l.exchange?.variantId ?? null,
            })),
            refunds: parts.map((p) => ({ kind: p.kind, amount: p.amount, ref: p.refundRef })),
            ...(exchangeOrder
              ? { exchangeOrder: exchangeOrder.number, taken, card: card?.providerRef ?? null, cash: cash?.amount ?? null }
              : {}),
          },
        }),
        // An exchange's receipt is the return's own email (recordCounterReturn); a plain return keeps its refund email.
        order.email && !exchangeOrder
          ? queueEmail(tx, {
              template: "refund-issued",
              to: order.email,
              dedupeKey: `pos-return:${ret.id}`,
              props: {
                orderNumber: order.number,
                customerName: order.shippingAddress?.name,
                amount,
                currency: order.currency,
                reason: why,
                statusUrl: statusUrl(order.number),
              },
            })
          : null,
      ]);

      // The exchange's receipt by text too, to the number the sale's receipt went to (or its customer's).
      const phone = exchangeOrder ? await receiptPhone(tx, order) : null;
      if (exchangeOrder && phone) {
        await queueSms(tx, {
          to: phone,
          text: exchangeSmsText({
            store: STORE_NAME,
            saleNumber: order.number,
            exchangeNumber: exchangeOrder.number,
            currency: order.currency,
            difference: differenceWords ?? null,
          }),
          template: "pos-exchange",
          dedupeKey: `pos-exchange-sms:${returnNumber}`,
        });
      }

      return {
        returnId: ret.id,
        amount,
        taken,
        changeDue: cash?.change ?? 0,
        currency: order.currency,
        parts,
        exchangeNumber: exchangeOrder?.number ?? null,
        duplicate: false,
        message: doneMessage({ money, parts, taken, cash, card: Boolean(card), exchangeNumber: exchangeOrder?.number ?? null }),
      };
    });
  } catch (error) {
    if (collected) {
      const { providerRef, amount } = collected;
      await terminal.refund({ providerRef, amount, idempotencyKey: `pos-exchange:${input.key}:void` }).catch(() => undefined);
    }
    throw error;
  }
}

/**
 * An exchanged piece's worth on its own order: what was paid for it (the returned units' worth, less
 * the difference given back or plus the difference taken), split into goods and tax at the returned
 * units' rate, the rest of the price as the line's discount. A later return of it refunds this.
 */
function exchangeWorth(l: Planned) {
  const { variantId, unitPrice } = l.exchange!;
  const worth = l.value - l.back + l.due;
  const rateTax = Math.max(0, l.value - l.goods);
  let tax = l.value > 0 ? Math.round((worth * rateTax) / l.value) : 0;
  const gross = unitPrice * l.quantity;
  const discount = Math.max(0, gross - (worth - tax));
  tax = worth - (gross - discount);
  return { variantId, unitPrice, quantity: l.quantity, discount, tax, worth };
}

/** Where the sale's receipt was texted (the latest number), else its customer's mobile; null: no text. */
async function receiptPhone(tx: Executor, order: OrderRow): Promise<string | null> {
  const [texted] = await tx
    .select({ to: schema.outbox.to })
    .from(schema.outbox)
    .where(and(eq(schema.outbox.channel, "sms"), like(schema.outbox.dedupeKey, `pos-receipt-sms:${order.number}:%`)))
    .orderBy(desc(schema.outbox.id))
    .limit(1);
  if (texted) return texted.to;
  if (order.customerId === null) return null;
  const [customer] = await tx
    .select({ phone: schema.customers.phone })
    .from(schema.customers)
    .where(eq(schema.customers.id, order.customerId));
  return customer?.phone ?? null;
}

function refundWords(parts: Array<{ kind: string; amount: number }>): string {
  const kinds = [...new Set(parts.map((p) => p.kind))];
  return kinds.map((k) => (k === "card" ? "to the card" : k === "gift_card" ? "to the gift card" : "in cash")).join(" and ");
}

function doneMessage(d: {
  money: (amount: number) => string;
  parts: Array<{ kind: string; amount: number }>;
  taken: number;
  cash: { change: number } | null;
  card: boolean;
  exchangeNumber: string | null;
}): string {
  const said = d.parts
    .map(
      (p) =>
        `${d.money(p.amount)} ${p.kind === "card" ? "to the card" : p.kind === "gift_card" ? "to the gift card" : "in cash from the drawer"}`,
    )
    .join(" and ");
  if (!d.exchangeNumber) return `Returned: ${said}. The pieces are back on the shelf.`;
  const money = d.taken
    ? `Difference of ${d.money(d.taken)} taken ${d.card ? "by card" : `in cash${d.cash?.change ? `; change ${d.money(d.cash.change)}` : ""}`}.`
    : said
      ? `Difference back: ${said}.`
      : "Same price: nothing to pay or refund.";
  return `Exchanged as ${d.exchangeNumber}: hand over the new pieces. ${money} The returned pieces are back on the shelf.`;
}

/**
 * Checks what is asked against the sale (what was taken home, less what came back before) and
 * prices it: each piece's worth (its goods and their tax, the counter's refund rule), and for an
 * exchange the new piece on the same terms (the returns rules: exchangeDifference / exchangeDue).
 */
async function planReturn(tx: Executor, order: OrderRow, wanted: ReturnLineInput[], familyIds: number[]) {
  const [lines, taken, returnedRows, saleTenders, previous] = await Promise.all([
    saleLinesWithProduct(tx, order.id),
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
    // Every tender of the sale and its exchanges: what each card has left to refund counts them all.
    tx.select().from(tenders).where(inArray(tenders.orderId, familyIds)),
    tx
      .select({ amount: posReturns.amount, exchangeValue: posReturns.exchangeValue })
      .from(posReturns)
      .where(eq(posReturns.orderId, order.id)),
  ]);
  const byId = new Map(lines.map((l) => [l.id, l]));
  const takenBy = new Map<number, number>();
  const takenFrom = new Map<number, number>();
  for (const t of taken) {
    takenBy.set(t.orderLineId, (takenBy.get(t.orderLineId) ?? 0) + t.quantity);
    if (t.locationId !== null) takenFrom.set(t.orderLineId, t.locationId);
  }
  const returnedBy = new Map(returnedRows.map((r) => [r.orderLineId, r.quantity]));

  const asked = new Set<number>();
  const checked: Array<{ line: (typeof lines)[number]; want: ReturnLineInput; goods: number }> = [];
  for (const want of wanted) {
    const line = byId.get(want.orderLineId);
    if (!line || asked.has(line.id)) throw new Refusal(422, `That line isn't on sale ${order.number}.`, "lines");
    asked.add(line.id);
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
    checked.push({ line, want, goods: lineReturnGoods(line, before, want.quantity) });
  }

  // What the pieces are worth: the counter's refund rule (goods and their tax, never more than is left).
  const refundedBefore = previous.reduce((sum, r) => sum + r.amount, 0);
  const consumedBefore = refundedBefore + previous.reduce((sum, r) => sum + r.exchangeValue, 0);
  const goods = checked.reduce((sum, c) => sum + c.goods, 0);
  const returnsEverything = lines.every(
    (l) => (returnedBy.get(l.id) ?? 0) + (checked.find((c) => c.line.id === l.id)?.want.quantity ?? 0) >= l.quantity,
  );
  const worth = returnAmount({
    goods,
    saleGoods: order.subtotal - order.discountTotal,
    saleTax: order.taxTotal,
    saleTotal: order.total,
    refundedBefore: consumedBefore,
    returnsEverything,
  });
  if (worth <= 0 && goods > 0) throw new Refusal(409, `Sale ${order.number} has already been refunded in full.`);
  const values = apportion(
    worth,
    checked.map((c) => c.goods),
  );

  const exchangeIds = [...new Set(checked.flatMap((c) => (c.want.exchangeVariantId ? [c.want.exchangeVariantId] : [])))];
  const options = exchangeIds.length
    ? await tx
        .select({
          id: variants.id,
          productId: variants.productId,
          title: variants.title,
          sku: variants.sku,
          price: variants.price,
          currency: variants.currency,
          product: products.title,
          status: products.status,
        })
        .from(variants)
        .innerJoin(products, eq(products.id, variants.productId))
        .where(inArray(variants.id, exchangeIds))
    : [];

  const planned: Planned[] = checked.map(({ line, want, goods: lineGoods }, i) => {
    const value = values[i];
    if (!want.exchangeVariantId)
      return {
        orderLineId: line.id,
        variantId: line.variantId,
        title: line.title,
        quantity: want.quantity,
        goods: lineGoods,
        value,
        exchange: null,
        back: value,
        due: 0,
      };
    const option = options.find((o) => o.id === want.exchangeVariantId);
    if (!option || option.productId !== line.productId)
      throw new Refusal(422, `${line.title} can be exchanged only for another size or finish of the same piece.`, "lines");
    const same = option.id === line.variantId;
    if (!same && option.status !== "active") throw new Refusal(422, `${line.title}: that size or finish is no longer sold.`, "lines");
    if (!same && option.currency !== order.currency)
      throw new Refusal(422, `${line.title}: that size or finish has no price in ${order.currency}, the sale's currency.`, "lines");
    const unitPrice = same ? line.unitPrice : option.price;
    const name = option.title && option.title !== "Default" ? `${option.product} — ${option.title}` : option.product;
    return {
      orderLineId: line.id,
      variantId: line.variantId,
      title: line.title,
      quantity: want.quantity,
      goods: lineGoods,
      value,
      exchange: { variantId: option.id, title: name, sku: option.sku, unitPrice },
      back: exchangeDifference(value, line.unitPrice, unitPrice) ?? 0,
      due: exchangeDue(value, line.unitPrice, unitPrice),
    };
  });
  return { planned, saleTenders, refundedBefore, takenFrom };
}

/** Money back to the sale's tenders: gift cards in this transaction, cards through the terminal (a refusal rolls everything back). */
async function payBack(
  tx: Executor,
  p: { order: OrderRow; key: string; reason: string; actor: string; parts: RefundPart[]; terminal: ReturnType<typeof cardTerminal> },
): Promise<Array<RefundPart & { refundRef: string | null; index: number }>> {
  const money = (amount: number) => formatMoney({ amount, currency: p.order.currency });
  const done: Array<RefundPart & { refundRef: string | null; index: number }> = [];
  for (const [i, part] of p.parts.entries()) {
    if (part.kind === "gift_card") {
      const giftCardId = giftCardOfPayment(part.providerRef ?? "");
      if (giftCardId === null) throw new Refusal(409, "This sale's gift card payment can't be found: refund it from the console.");
      await refundToGiftCard(tx, {
        giftCardId,
        amount: part.amount,
        orderId: p.order.id,
        reference: `pos-return:${p.key}:${i}`,
        actor: p.actor,
        memo: p.reason,
      });
      done.push({ ...part, refundRef: part.providerRef, index: i });
      continue;
    }
    if (part.kind !== "card") {
      done.push({ ...part, refundRef: null, index: i });
      continue;
    }
    try {
      const refund = await p.terminal.refund({
        providerRef: part.providerRef!,
        amount: part.amount,
        idempotencyKey: `pos-return:${p.key}:${i}`,
      });
      done.push({ ...part, refundRef: refund.refundRef, index: i });
    } catch (error) {
      throw new Refusal(
        502,
        `The card refund of ${money(part.amount)} didn't go through (${error instanceof Error ? error.message : String(error)}). Nothing was returned; try again.`,
      );
    }
  }
  return done;
}

export type ExchangeChoice = {
  variantId: number;
  label: string;
  unitPrice: number;
  onShelf: number;
  /** For one piece, on the sale's terms: what the customer pays on top, or gets back. */
  duePerUnit: number;
  backPerUnit: number;
};

/**
 * What each line of a sale may be exchanged for at the counter: the same piece again, or another
 * size or finish of it priced in the sale's currency, with what is on the flagship's shelf and the
 * difference for one piece on the sale's terms (the form's guide; the exchange prices the real one).
 */
export async function exchangeChoices(number: string): Promise<Record<number, ExchangeChoice[]>> {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.number, number), eq(orders.channel, "pos")));
  if (!order) return {};
  const lines = await saleLinesWithProduct(db, order.id);
  const productIds = [...new Set(lines.map((l) => l.productId))];
  if (productIds.length === 0) return {};
  const options = await db
    .select({
      id: variants.id,
      productId: variants.productId,
      title: variants.title,
      price: variants.price,
      currency: variants.currency,
      status: products.status,
      onShelf: sql<number>`coalesce((select (il.on_hand - il.reserved) from inventory_levels il join locations loc on loc.id = il.location_id
        where il.variant_id = ${variants.id} and loc.code = ${STORE_LOCATION_CODE}), 0)::int`,
    })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(inArray(variants.productId, productIds))
    .orderBy(variants.position, variants.id);
  const saleGoods = order.subtotal - order.discountTotal;
  const out: Record<number, ExchangeChoice[]> = {};
  for (const line of lines) {
    const unitGoods = lineReturnGoods(line, 0, 1);
    const unitValue = unitGoods + (saleGoods > 0 ? Math.round((unitGoods * order.taxTotal) / saleGoods) : 0);
    out[line.id] = options
      .filter(
        (o) => o.productId === line.productId && (o.id === line.variantId || (o.status === "active" && o.currency === order.currency)),
      )
      .map((o) => {
        const unitPrice = o.id === line.variantId ? line.unitPrice : o.price;
        return {
          variantId: o.id,
          label: o.id === line.variantId ? `The same piece again${o.title && o.title !== "Default" ? ` (${o.title})` : ""}` : o.title,
          unitPrice,
          onShelf: Math.max(0, o.onShelf),
          duePerUnit: exchangeDue(unitValue, line.unitPrice, unitPrice),
          backPerUnit: exchangeDifference(unitValue, line.unitPrice, unitPrice) ?? 0,
        };
      });
  }
  return out;
}

/** A sale's lines with each piece's product: an exchange stays within the product it replaces. */
function saleLinesWithProduct(executor: Executor, orderId: number) {
  return executor
    .select({
      id: orderLines.id,
      variantId: orderLines.variantId,
      title: orderLines.title,
      quantity: orderLines.quantity,
      unitPrice: orderLines.unitPrice,
      total: orderLines.total,
      productId: variants.productId,
    })
    .from(orderLines)
    .innerJoin(variants, eq(variants.id, orderLines.variantId))
    .where(eq(orderLines.orderId, orderId));
}
