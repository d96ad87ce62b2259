/**
 * Drop-ship: a partner's 850 whose ship-to is a consumer (BEG02 DS, or an address without a DC code)
 * ships from the hub straight to that consumer in the retailer's name. The hub asks here whose name
 * goes on the packing slip and label; the 856 and 810 still go to the retailer (asn.server.ts).
 */
import { eq } from "drizzle-orm";
import { db, schema } from "~/lib/db.server";
import { ediOrderOf } from "./cartons.server";

export type DropShipBrand = { retailerName: string; slipText: string; poNumber: string };

/** The retailer whose name a drop-ship order's slip and label carry; null for any other order. */
export async function dropShipBrand(orderNumber: string): Promise<DropShipBrand | null> {
  const [order] = await db.select({ id: schema.orders.id }).from(schema.orders).where(eq(schema.orders.number, orderNumber));
  if (!order) return null;
  const edi = await ediOrderOf(db, order.id);
  if (!edi?.dropShip) return null;
  return { retailerName: edi.partner.name, slipText: edi.partner.packingSlipText, poNumber: edi.po.poNumber };
}
