/**
 * When the hub ships an order that came by EDI (the `order_shipped` job, after the shipment commits):
 * the 856 advance ship notice — the shipment, the order, each carton with its SSCC-18 and what is in
 * it under the partner's own item numbers — and the 810 invoice (invoice.server.ts), each once per
 * order, under the order's row lock so a retried job writes nothing twice.
 */
import { and, asc, desc, eq } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { db, schema, type Executor } from "~/lib/db.server";
import { ensureCartons, ediOrderOf, type EdiOrder } from "./cartons.server";
import { expects, writeDocument, x12Clock } from "./documents.server";
import { writeInvoice } from "./invoice.server";
import type { ProductId } from "./po";
import { mapItems } from "./purchase-orders.server";
import { SHIP_FROM, cartonWeight, shipNoticeSegments, type Party } from "./ship-notice";

const { orders, orderLines, shipments, ediDocuments, variants } = schema;

/** Whether this order already has a document of this type (a retried job, a second shipment event). */
export async function hasDocument(tx: Executor, partnerId: number, orderId: number, type: "856" | "810") {
  const [row] = await tx
    .select({ id: ediDocuments.id })
    .from(ediDocuments)
    .where(and(eq(ediDocuments.partnerId, partnerId), eq(ediDocuments.orderId, orderId), eq(ediDocuments.type, type)))
    .limit(1);
  return Boolean(row);
}

/** The ship-to as the 850 named it: its DC code and name, or (drop-ship) the consumer's address. */
export function shipToParty(edi: EdiOrder): Party {
  const n1 = edi.set.segments.find((s) => s.tag === "N1" && s.elements[0] === "ST");
  const name = n1?.elements[1] || edi.po.shipTo.address?.name || edi.partner.name;
  return edi.po.shipTo.code ? { name, code: edi.po.shipTo.code } : { name, address: edi.po.shipTo.address };
}

export type EdiLine = {
  orderLineId: number;
  lineId: string;
  ids: ProductId[];
  quantity: number;
  unitPrice: number;
  sku: string;
  /** One piece as packed (the variant's weight), for the 856's carton weights. */
  weightGrams: number;
};

/**
 * Each order line under the partner's numbers: the 850 line that ordered its variant (its PO101 and
 * the ids the partner sent), with our SKU added as the vendor's number when the partner sent none.
 */
export async function ediLines(tx: Executor, edi: EdiOrder, orderId: number): Promise<EdiLine[]> {
  const [lines, variantIds] = await Promise.all([
    tx
      .select({
        id: orderLines.id,
        variantId: orderLines.variantId,
        sku: orderLines.sku,
        quantity: orderLines.quantity,
        unitPrice: orderLines.unitPrice,
        weightGrams: variants.weightGrams,
      })
      .from(orderLines)
      .innerJoin(variants, eq(variants.id, orderLines.variantId))
      .where(eq(orderLines.orderId, orderId))
      .orderBy(asc(orderLines.id)),
    mapItems(tx, edi.partner.id, edi.po),
  ]);
  return lines.map((line, i) => {
    const at = variantIds.indexOf(line.variantId);
    const poLine = at >= 0 ? edi.po.lines[at] : null;
    const ids = [...(poLine?.ids ?? [])];
    if (!ids.some((id) => id.qualifier === "VN")) ids.push({ qualifier: "VN", value: line.sku });
    return {
      orderLineId: line.id,
      lineId: poLine?.lineId ?? String(i + 1),
      ids,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      sku: line.sku,
      weightGrams: line.weightGrams,
    };
  });
}

export type ShippedDocuments = { shipNotice: number | null; invoice: number | null };

/**
 * Writes the order's 856 and 810 if it came by EDI, has shipped, and the partner expects them (and
 * they are not written yet). Returns the documents' ids (null where none was written).
 */
export async function sendShipmentDocuments(orderId: number, now = new Date()): Promise<ShippedDocuments> {
  return db.transaction(async (tx) => {
    const none = { shipNotice: null, invoice: null };
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
    if (!order || (order.status !== "shipped" && order.status !== "delivered")) return none;
    const edi = await ediOrderOf(tx, orderId);
    if (!edi) return none;
    const [shipment] = await tx
      .select()
      .from(shipments)
      .where(eq(shipments.orderId, orderId))
      .orderBy(desc(shipments.shippedAt), desc(shipments.id))
      .limit(1);
    if (!shipment) return none;
    const lines = await ediLines(tx, edi, orderId);
    const shipTo = shipToParty(edi);
    let shipNotice: number | null = null;
    if (expects(edi.partner, "856") && !(await hasDocument(tx, edi.partner.id, orderId, "856"))) {
      const boxes = await ensureCartons(tx, orderId);
      const byLine = new Map(lines.map((l) => [l.orderLineId, l]));
      const shipped = x12Clock(shipment.shippedAt);
      const segments = shipNoticeSegments({
        shipmentId: `${order.number}-${shipment.id}`,
        shipDate: shipment.shippedAt.toISOString().slice(0, 10),
        shipTime: shipped.time,
        carrier: shipment.carrier,
        trackingNumber: shipment.trackingNumber,
        shipFrom: SHIP_FROM,
        shipTo,
        poNumber: edi.po.poNumber,
        poDate: edi.po.poDate,
        cartons: boxes.map((b) => ({
          sscc: b.sscc,
          items: b.lines.map((l) => {
            const line = byLine.get(l.orderLineId)!;
            return { lineId: line.lineId, ids: line.ids, quantity: l.quantity, uom: "EA" };
          }),
          weightGrams: cartonWeight(b.lines.map((l) => ({ quantity: l.quantity, weightGrams: byLine.get(l.orderLineId)!.weightGrams }))),
        })),
      });
      shipNotice = await writeDocument(tx, edi.partner, "856", [segments], {
        orderId,
        transactionId: edi.set.id,
        reference: `PO ${edi.po.poNumber} · ${order.number} shipped`,
        now,
      });
    }
    let invoice: number | null = null;
    if (expects(edi.partner, "810") && !(await hasDocument(tx, edi.partner.id, orderId, "810")))
      invoice = await writeInvoice(tx, { edi, order, shipment, lines, shipTo, now });
    return { shipNotice, invoice };
  });
}

/** The `order_shipped` job's EDI half (the worker runs it beside the wholesale packing-list email). */
export const ediOrderShippedTask: Task = async (payload) => {
  const { orderId } = payload as { orderId: number };
  await sendShipmentDocuments(orderId);
};
