/**
 * An accepted 850 becomes one wholesale order through the portal's own placement: the partner's
 * item ids and ship-to code are mapped, the lines priced and dated by `reviewDraft` (stock, or the
 * artisans' capacity), a draft written and `commitPlacement` run — every wholesale rule checked,
 * `commitOrder` reserving stock and sending the rest to production, the invoice made for terms — all
 * inside the caller's savepoint. Anything we cannot decide alone (an unknown item or ship-to, a rule
 * the order fails) holds the set for ops, with nothing written but the set's own row.
 */
import { isoDate } from "~/domain/orders";
import { and, eq, inArray, or } from "drizzle-orm";
import type { EdiPartner, EdiTransaction } from "#db/schema";
import { commitPlacement, reviewDraft } from "~/domain/wholesale/index.server";
import { schema, type Executor } from "~/lib/db.server";
import { laterIsoDate } from "~/lib/time";
import { expects, writeDocument } from "./documents.server";
import { isDropShip } from "./ship-notice";
import { ack855Segments, lineStatus, readPurchaseOrder, type LineOutcome, type ProductId, type PurchaseOrder } from "./po";

const {
  ediItemRefs,
  ediShipTos,
  ediTransactions,
  retailers,
  buyerUsers,
  variants,
  retailerLocations,
  wholesaleOrders,
  orders,
  wholesaleDrafts,
} = schema;

export type Problem = { code: string; message: string };

/** Thrown inside the savepoint to undo the placement and hold the set. */
export class Held extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => p.message).join(" "));
  }
}

/** The partner's item ids → our variants: its cross-reference first, then our SKU as its vendor number. */
export async function mapItems(tx: Executor, partnerId: number, po: { lines: Array<{ ids: ProductId[] }> }): Promise<Array<number | null>> {
  const values = [...new Set(po.lines.flatMap((l) => l.ids.map((i) => i.value)))];
  if (!values.length) return po.lines.map(() => null);
  const [refs, skus] = await Promise.all([
    tx
      .select({ qualifier: ediItemRefs.qualifier, value: ediItemRefs.value, variantId: ediItemRefs.variantId })
      .from(ediItemRefs)
      .where(and(eq(ediItemRefs.partnerId, partnerId), inArray(ediItemRefs.value, values))),
    tx.select({ id: variants.id, sku: variants.sku }).from(variants).where(inArray(variants.sku, values)),
  ]);
  const byRef = new Map(refs.map((r) => [`${r.qualifier}:${r.value}`, r.variantId]));
  const bySku = new Map(skus.map((v) => [v.sku, v.id]));
  return po.lines.map((line) => {
    for (const id of line.ids) {
      const hit =
        byRef.get(`${id.qualifier}:${id.value}`) ?? (id.qualifier === "VN" || id.qualifier === "SK" ? bySku.get(id.value) : undefined);
      if (hit) return hit;
    }
    return null;
  });
}

type Placed = { orderId: number; orderNumber: string };

/**
 * Places the 850 held in `set` (a row of edi_transactions) and records the outcome on that row:
 * `ordered` with its 855 written, or `held` with the problems for ops. Runs in a savepoint of `tx`, so
 * a refusal halfway leaves nothing of the order.
 */
export async function processPurchaseOrder(
  tx: Executor,
  partner: EdiPartner,
  set: EdiTransaction,
  now: Date,
): Promise<{ status: "ordered" | "held"; poNumber: string; problems: Problem[]; order?: Placed }> {
  const po = readPurchaseOrder(set.segments);
  try {
    const placed = await tx.transaction((sp) => place(sp, partner, set, po, now));
    await tx
      .update(ediTransactions)
      .set({ status: "ordered", orderId: placed.orderId, problems: [], poNumber: po.poNumber, processedAt: now })
      .where(eq(ediTransactions.id, set.id));
    return { status: "ordered", poNumber: po.poNumber, problems: [], order: placed };
  } catch (error) {
    if (!(error instanceof Held)) throw error;
    await tx
      .update(ediTransactions)
      .set({ status: "held", problems: error.problems, poNumber: po.poNumber, processedAt: now })
      .where(eq(ediTransactions.id, set.id));
    return { status: "held", poNumber: po.poNumber, problems: error.problems };
  }
}

async function place(tx: Executor, partner: EdiPartner, set: EdiTransaction, po: PurchaseOrder, now: Date): Promise<Placed> {
  const today = isoDate(now);
  const problems: Problem[] = [];
  if (po.purpose !== "00")
    throw new Held([{ code: "purpose", message: `BEG01 ${po.purpose}: only original orders (00) are placed; nothing was ordered.` }]);
  const [[retailer], [buyer], variantIds, [existing]] = await Promise.all([
    tx.select().from(retailers).where(eq(retailers.id, partner.retailerId)),
    tx.select({ id: buyerUsers.id, email: buyerUsers.email }).from(buyerUsers).where(eq(buyerUsers.id, partner.buyerId)),
    mapItems(tx, partner.id, po),
    tx
      .select({ number: orders.number })
      .from(wholesaleOrders)
      .innerJoin(orders, eq(orders.id, wholesaleOrders.orderId))
      // A cancelled PO's number is free: a new 850 with it after a cancel is a new order (X12 practice).
      .where(
        and(
          eq(wholesaleOrders.retailerId, partner.retailerId),
          eq(wholesaleOrders.poNumber, po.poNumber),
          eq(wholesaleOrders.cancelled, false),
        ),
      ),
  ]);
  if (existing)
    throw new Held([
      { code: "duplicate_po", message: `PO ${po.poNumber} is already order ${existing.number}; nothing was ordered again.` },
    ]);
  po.lines.forEach((line, i) => {
    if (variantIds[i] === null)
      problems.push({
        code: "unknown_item",
        message: `Line ${line.lineId}: no item of ours for ${line.ids.map((id) => `${id.qualifier} ${id.value}`).join(", ") || "a line without item ids"}. Add it to the partner's cross-reference.`,
      });
    else if (line.uom !== "EA") problems.push({ code: "uom", message: `Line ${line.lineId}: unit ${line.uom}; we sell each (EA).` });
  });
  // A drop-ship PO ships to its consumer; the order is still on the retailer's own (default) location's books.
  const dropShip = isDropShip(po);
  const location = await shipToLocation(tx, partner, dropShip ? { ...po, shipTo: {} } : po);
  if (dropShip && !po.shipTo.address)
    problems.push({
      code: "drop_ship_address",
      message: "A drop-ship PO needs the customer's name and address (N1*ST with N3 and N4); nothing was ordered.",
    });
  if (!location)
    problems.push({
      code: "unknown_ship_to",
      message: po.shipTo.code
        ? `Ship-to ${po.shipTo.code} is not one of the partner's distribution centres. Map it on the partner's page.`
        : "The PO names no ship-to and the retailer has no default location.",
    });
  if (retailer?.paymentTerms === "card")
    problems.push({
      code: "terms",
      message: `${retailer.name} pays by card; EDI orders are on terms. Set Net 30 or Net 60 on the retailer.`,
    });
  // The PO's prices are read in the retailer's currency (docs/decisions/0025): a PO in another is not ours to convert.
  if (retailer && po.currency && po.currency !== retailer.currency)
    problems.push({
      code: "currency",
      message: `The PO's prices are in ${po.currency} (CUR02); ${retailer.name} buys in ${retailer.currency}. Nothing was ordered.`,
    });
  if (!retailer || !buyer) problems.push({ code: "partner", message: "The partner's retailer or buyer no longer exists." });
  if (problems.length || !retailer || !buyer || !location) throw new Held(problems);

  const lines = po.lines.map((l, i) => ({ variantId: variantIds[i]!, quantity: l.quantity }));
  const review = await reviewDraft(retailer, lines, tx, now, { shipDates: true, dropShip });
  const outcomes: LineOutcome[] = po.lines.map((line, i) => {
    const r = review.lines[i];
    // When it can ship (today from stock, else when the artisans can have it made), and never before
    // the PO's ship window opens: the 855 answers with the day the goods will leave.
    const ready = r.availability.kind === "in_stock" ? today : r.availability.shipDate;
    const shipDate = ready && po.shipNotBefore ? laterIsoDate(ready, po.shipNotBefore) : ready;
    const status = lineStatus({
      rejected: Boolean(r.problem),
      requested: po.shipNotBefore,
      shipDate,
      poPrice: line.unitPrice,
      ourPrice: r.unitPrice,
    });
    return { line, status, quantity: line.quantity, unitPrice: r.unitPrice, shipDate, reason: r.problem ?? undefined };
  });
  const kept = review.lines.filter((r) => !r.problem);
  if (!kept.length) throw new Held(outcomes.map((o) => ({ code: "line_refused", message: `Line ${o.line.lineId}: ${o.reason}` })));
  const details = {
    name: `EDI PO ${po.poNumber}`,
    poNumber: po.poNumber,
    retailerLocationId: location.id,
    // A window already begun starts today (the PO may have sat in a mailbox overnight).
    shipWindowStart: po.shipNotBefore && po.shipNotBefore > today ? po.shipNotBefore : undefined,
    shipWindowEnd: po.shipNoLater,
  };
  const [draft] = await tx
    .insert(wholesaleDrafts)
    .values({
      retailerId: retailer.id,
      createdBy: buyer.id,
      name: details.name,
      lines: kept.map((r) => ({ variantId: r.variantId, quantity: r.quantity })),
      poNumber: details.poNumber,
      retailerLocationId: details.retailerLocationId,
      shipWindowStart: details.shipWindowStart ?? null,
      shipWindowEnd: details.shipWindowEnd ?? null,
    })
    .returning({ id: wholesaleDrafts.id });
  const placed = await commitPlacement(tx, {
    retailerId: retailer.id,
    buyer,
    draftId: draft.id,
    details,
    input: { payment: retailer.paymentTerms, expectedTotal: kept.reduce((n, r) => n + r.lineTotal, 0), today: now },
    // Per set: the same PO number after a cancel is another order; re-processing a held set is the same one.
    orderKey: `edi:${partner.id}:${po.poNumber}:${set.id}`,
    paid: null,
    today,
    shipTo: dropShip ? po.shipTo.address : undefined,
    // The partner's agreed allowance and freight: on the order and its one invoice, so the 810's SACs add up to it.
    charges: { allowanceBps: partner.allowanceBps, freightCharge: partner.freightCharge },
  });
  if (!placed.ok) throw new Held([{ code: "placement", message: placed.message }]);
  const order = placed.order;
  if (expects(partner, "855"))
    await writeDocument(
      tx,
      partner,
      "855",
      [ack855Segments(po, outcomes, { today, orderNumber: order.number, currency: retailer.currency })],
      {
        orderId: order.id,
        transactionId: set.id,
        reference: `PO ${po.poNumber}`,
        now,
      },
    );
  return { orderId: order.id, orderNumber: order.number };
}

/** The PO's ship-to: its code mapped to a DC, or the retailer's default location when it names none. */
async function shipToLocation(tx: Executor, partner: EdiPartner, po: PurchaseOrder) {
  if (po.shipTo.code) {
    const [row] = await tx
      .select({ id: retailerLocations.id })
      .from(ediShipTos)
      .innerJoin(retailerLocations, eq(retailerLocations.id, ediShipTos.retailerLocationId))
      .where(
        and(
          eq(ediShipTos.partnerId, partner.id),
          eq(ediShipTos.code, po.shipTo.code),
          eq(retailerLocations.retailerId, partner.retailerId),
        ),
      );
    return row ?? null;
  }
  const [row] = await tx
    .select({ id: retailerLocations.id })
    .from(retailerLocations)
    .where(and(eq(retailerLocations.retailerId, partner.retailerId), or(eq(retailerLocations.isDefault, true))))
    .limit(1);
  return row ?? null;
}

/** The 855 that refuses a PO ops decided not to take (BAK02 RJ, every line IR). */
export async function refusePurchaseOrder(tx: Executor, partner: EdiPartner, set: EdiTransaction, now: Date) {
  const po = readPurchaseOrder(set.segments);
  const today = isoDate(now);
  const outcomes: LineOutcome[] = po.lines.map((line) => ({
    line,
    status: "IR",
    quantity: line.quantity,
    unitPrice: null,
    shipDate: null,
  }));
  await tx.update(ediTransactions).set({ status: "refused", processedAt: now }).where(eq(ediTransactions.id, set.id));
  if (expects(partner, "855"))
    await writeDocument(tx, partner, "855", [ack855Segments(po, outcomes, { today, rejected: true })], {
      transactionId: set.id,
      reference: `PO ${po.poNumber}`,
      now,
    });
}
