/**
 * Cartons for orders that came by EDI: the hub says how the pieces go into cartons (n cartons, which
 * lines in each), each carton gets an SSCC-18 from the `sscc_serials` sequence, and the 856 and the
 * GS1-128 labels say the same. Re-splitting before the order ships gives new numbers (an SSCC is
 * never printed on two different cartons); once shipped the cartons are what the 856 said.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { EdiPartner, EdiTransaction } from "#db/schema";
import { audit } from "~/domain/audit/index.server";
import { envNow } from "~/lib/env.server";
import { Refusal, type Refused } from "~/lib/refusal";
import { refusable } from "~/lib/transaction.server";
import { db, schema, type Executor } from "~/lib/db.server";
import { planCartons, splitText, type PlannedCarton } from "./cartons";
import { readPurchaseOrder, type PurchaseOrder } from "./po";
import { isDropShip } from "./ship-notice";
import { sscc } from "./sscc";

const { cartons, cartonLines, orderLines, orders, ediTransactions, ediPartners } = schema;

export type EdiOrder = { partner: EdiPartner; set: EdiTransaction; po: PurchaseOrder; dropShip: boolean };

/** The 850 an order was placed from, with its partner; null for an order that did not come by EDI. */
export async function ediOrderOf(tx: Executor, orderId: number): Promise<EdiOrder | null> {
  const [row] = await tx
    .select({ set: ediTransactions, partner: ediPartners })
    .from(ediTransactions)
    .innerJoin(ediPartners, eq(ediPartners.id, ediTransactions.partnerId))
    .where(and(eq(ediTransactions.orderId, orderId), eq(ediTransactions.type, "850")))
    .orderBy(desc(ediTransactions.id))
    .limit(1);
  if (!row) return null;
  const po = readPurchaseOrder(row.set.segments);
  return { ...row, po, dropShip: isDropShip(po) };
}

export type CartonView = { position: number; sscc: string; lines: Array<{ orderLineId: number; sku: string; quantity: number }> };

/** The order's cartons, in order, with what is in each. */
export async function cartonsOf(tx: Executor, orderId: number): Promise<CartonView[]> {
  const rows = await tx
    .select({
      position: cartons.position,
      sscc: cartons.sscc,
      orderLineId: cartonLines.orderLineId,
      sku: orderLines.sku,
      quantity: cartonLines.quantity,
    })
    .from(cartons)
    .innerJoin(cartonLines, eq(cartonLines.cartonId, cartons.id))
    .innerJoin(orderLines, eq(orderLines.id, cartonLines.orderLineId))
    .where(eq(cartons.orderId, orderId))
    .orderBy(asc(cartons.position), asc(orderLines.id));
  const out: CartonView[] = [];
  for (const r of rows) {
    let carton = out.at(-1);
    if (carton?.position !== r.position) {
      carton = { position: r.position, sscc: r.sscc, lines: [] };
      out.push(carton);
    }
    carton.lines.push({ orderLineId: r.orderLineId, sku: r.sku, quantity: r.quantity });
  }
  return out;
}

/** Writes the planned cartons with fresh SSCCs (the caller holds the order's row lock). */
async function writeCartons(tx: Executor, orderId: number, planned: PlannedCarton[]) {
  const prefix = envNow("GS1_COMPANY_PREFIX").GS1_COMPANY_PREFIX;
  await tx.delete(cartons).where(eq(cartons.orderId, orderId));
  for (const carton of planned) {
    const [{ serial }] = await tx.execute<{ serial: string }>(sql`select nextval('sscc_serials')::text as serial`);
    const [row] = await tx
      .insert(cartons)
      .values({ orderId, position: carton.position, sscc: sscc(prefix, Number(serial)) })
      .returning({ id: cartons.id });
    await tx.insert(cartonLines).values(carton.lines.map((l) => ({ cartonId: row.id, ...l })));
  }
}

/** The order's cartons, one with everything when the hub packed it without saying (an order packed before the form existed). */
export async function ensureCartons(tx: Executor, orderId: number): Promise<CartonView[]> {
  const existing = await cartonsOf(tx, orderId);
  if (existing.length) return existing;
  const lines = await tx
    .select({ id: orderLines.id, quantity: orderLines.quantity })
    .from(orderLines)
    .where(eq(orderLines.orderId, orderId));
  await writeCartons(tx, orderId, [{ position: 1, lines: lines.map((l) => ({ orderLineId: l.id, quantity: l.quantity })) }]);
  return cartonsOf(tx, orderId);
}

const OPEN_STATUSES = new Set(["open", "in_production", "ready", "packed"]);

/**
 * The hub's carton split for an EDI order: `split` maps each order line's id to its pieces per
 * carton ("12, 12"). Refused (nothing written) for an order that is not EDI, has shipped or is
 * cancelled, or a split that does not add up.
 */
export async function assignCartons(input: {
  number: string;
  split: Record<string, string>;
  actor: string;
}): Promise<{ ok: true; message: string; cartons: CartonView[] } | Refused> {
  return refusable(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.number, input.number)).for("update");
    if (!order) throw new Refusal(404, `There is no order ${input.number}.`);
    if (!(await ediOrderOf(tx, order.id))) throw new Refusal(409, `${order.number} did not come by EDI: it ships without an ASN.`);
    if (!OPEN_STATUSES.has(order.status)) throw new Refusal(409, `${order.number} is ${order.status}: its cartons can no longer change.`);
    const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.id));
    const plan = planCartons(
      lines.map((l) => ({ orderLineId: l.id, sku: l.sku, quantity: l.quantity, split: input.split[String(l.id)] ?? "" })),
    );
    if (!plan.ok) throw new Refusal(422, plan.message);
    await writeCartons(tx, order.id, plan.cartons);
    const written = await cartonsOf(tx, order.id);
    await audit(tx, {
      actor: input.actor,
      action: "order.cartons",
      subject: `order:${order.number}`,
      data: { cartons: written.map((c) => ({ sscc: c.sscc, lines: c.lines.map((l) => [l.sku, l.quantity]) })) },
    });
    const n = written.length;
    return {
      ok: true as const,
      message: `${order.number} is in ${n} ${n === 1 ? "carton" : "cartons"}. Print the carton labels.`,
      cartons: written,
    };
  });
}

export type PackingEdi = {
  partnerName: string;
  poNumber: string;
  dropShip: boolean;
  cartons: CartonView[];
  /** Each line with its pieces per carton as the form shows them. */
  lines: Array<{ orderLineId: number; sku: string; title: string; quantity: number; split: string }>;
};

/** For the hub's packing lists: which of these orders came by EDI, their cartons and the split to show. */
export async function packingEdi(numbers: string[]): Promise<Record<string, PackingEdi>> {
  if (!numbers.length) return {};
  const rows = await db
    .select({ orderId: orders.id, number: orders.number })
    .from(orders)
    .where(
      and(
        inArray(orders.number, numbers),
        sql`exists (select 1 from edi_transactions t where t.order_id = ${orders.id} and t.type = '850')`,
      ),
    );
  const out: Record<string, PackingEdi> = {};
  for (const row of rows) {
    const [edi, boxes, lines] = await Promise.all([
      ediOrderOf(db, row.orderId),
      cartonsOf(db, row.orderId),
      db.select().from(orderLines).where(eq(orderLines.orderId, row.orderId)).orderBy(asc(orderLines.id)),
    ]);
    if (!edi) continue;
    out[row.number] = {
      partnerName: edi.partner.name,
      poNumber: edi.po.poNumber,
      dropShip: edi.dropShip,
      cartons: boxes,
      lines: lines.map((l) => ({
        orderLineId: l.id,
        sku: l.sku,
        title: l.title,
        quantity: l.quantity,
        split: boxes.length ? splitText(boxes.map((b) => b.lines.find((x) => x.orderLineId === l.id)?.quantity ?? 0)) : String(l.quantity),
      })),
    };
  }
  return out;
}
