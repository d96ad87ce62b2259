/**
 * The 810 invoice: a rendering, for the retailer's EDI system, of the wholesale invoice the order
 * already has (made at placement for terms orders, with the receivable it is). It never makes a
 * second invoice: no wholesale invoice, no 810. BIG02 is our invoice number, TDS01 its amount in cents
 * (the receivable the ledger holds for it): the lines, less the allowance the order was placed under
 * (SAC*A, the order's discount and percent), plus the freight it pays (SAC*C, the order's shipping).
 */
import { and, asc, eq, ne } from "drizzle-orm";
import type { Order } from "#db/schema";
import { schema, type Executor } from "~/lib/db.server";
import type { EdiOrder } from "./cartons.server";
import { writeDocument } from "./documents.server";
import { REMIT_TO, invoiceSegments, type Party } from "./ship-notice";
import type { ProductId } from "./po";

const { invoices, wholesaleOrders, retailers } = schema;

type Shipment = typeof schema.shipments.$inferSelect;
type Line = { lineId: string; ids: ProductId[]; quantity: number; unitPrice: number };

const NET_DAYS: Record<string, number> = { net30: 30, net60: 60 };

export async function writeInvoice(
  tx: Executor,
  o: { edi: EdiOrder; order: Order; shipment: Shipment; lines: Line[]; shipTo: Party; now: Date },
): Promise<number | null> {
  const [row] = await tx
    .select({
      invoice: invoices,
      terms: wholesaleOrders.paymentTerms,
      allowanceBps: wholesaleOrders.allowanceBps,
      retailerName: retailers.name,
    })
    .from(invoices)
    .innerJoin(wholesaleOrders, eq(wholesaleOrders.orderId, invoices.orderId))
    .innerJoin(retailers, eq(retailers.id, invoices.retailerId))
    .where(and(eq(invoices.orderId, o.order.id), ne(invoices.status, "void")))
    .orderBy(asc(invoices.id))
    .limit(1);
  if (!row) return null;
  const segments = invoiceSegments({
    invoiceNumber: row.invoice.number,
    invoiceDate: o.shipment.shippedAt.toISOString().slice(0, 10),
    shipDate: o.shipment.shippedAt.toISOString().slice(0, 10),
    poNumber: o.edi.po.poNumber,
    poDate: o.edi.po.poDate,
    netDays: NET_DAYS[row.terms] ?? 30,
    remitTo: REMIT_TO,
    billTo: { name: row.retailerName },
    shipTo: o.shipTo,
    lines: o.lines.map((l) => ({ lineId: l.lineId, ids: l.ids, quantity: l.quantity, uom: "EA", unitPrice: l.unitPrice })),
    allowance: { amount: o.order.discountTotal, bps: row.allowanceBps },
    freight: o.order.shippingTotal,
    total: row.invoice.amount,
    currency: row.invoice.currency,
  });
  return writeDocument(tx, o.edi.partner, "810", [segments], {
    orderId: o.order.id,
    transactionId: o.edi.set.id,
    reference: `Invoice ${row.invoice.number} · PO ${o.edi.po.poNumber}`,
    now: o.now,
  });
}
