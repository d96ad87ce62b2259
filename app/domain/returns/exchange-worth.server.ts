/**
 * What a web exchange's own order is worth (docs/decisions/0020), one computation for placing it
 * (returns.server.ts) and for the exchange orders placed before it was (backfillExchangeWorths): what
 * was paid for the new pieces — the returned units' worth, less the cheaper difference given back,
 * plus the dearer one paid — at the returned pieces' tax rate, the rest of each price a line
 * discount; in a market whose prices include VAT/GST, the tax inside it as the checkout computes it.
 */
import { asc, eq } from "drizzle-orm";
import { includedTaxOfOrder, toSettlement } from "~/domain/markets";
import { schema, type Executor } from "~/lib/db.server";
import { exchangeWorths, lineValues } from "./rules";

const { orders, orderLines, returns } = schema;

type OrderRow = typeof orders.$inferSelect;
type ReturnRow = typeof returns.$inferSelect;

/** A returned line and the piece that replaces it: `value` is what the returned units were worth. */
export type ExchangePiece = {
  orderLineId: number;
  variantId: number;
  quantity: number;
  value: number;
  paidUnitPrice: number;
  newUnitPrice: number;
};

export type ExchangeWorth = {
  lines: Array<{ variantId: number; quantity: number; unitPrice: number; discount: number }>;
  totals: { subtotal: number; discountTotal: 0; shippingTotal: 0; taxTotal: number; taxIncluded: number; total: number };
  /** Settled at the original order's rate, so a refund of it nets against the original sale exactly. */
  settlement: { currency: string; total: number; ratePpm: number } | null;
};

/** `order` is the order the return `ret` is on (the one its pieces were bought on, or an earlier exchange's). */
export async function exchangeWorth(
  tx: Executor,
  ret: ReturnRow,
  order: OrderRow,
  pieces: readonly ExchangePiece[],
): Promise<ExchangeWorth> {
  const priced = await tx
    .select({ id: orderLines.id, quantity: orderLines.quantity, total: orderLines.total })
    .from(orderLines)
    .where(eq(orderLines.orderId, order.id))
    .orderBy(asc(orderLines.id));
  const values = new Map(lineValues({ discountTotal: order.discountTotal, taxTotal: order.taxTotal, lines: priced }).map((v) => [v.id, v]));
  const total = pieces.reduce((sum, p) => sum + p.value, 0) - ret.amount + (ret.dueState === "paid" ? ret.due : 0);
  const worths = exchangeWorths(
    total,
    pieces.map((p) => {
      const v = values.get(p.orderLineId)!;
      return {
        value: p.value,
        taxRate: { tax: v.tax, of: v.goods + v.tax },
        paidUnitPrice: p.paidUnitPrice,
        newUnitPrice: p.newUnitPrice,
        quantity: p.quantity,
      };
    }),
  );
  const lines = pieces.map((p, i) => ({
    variantId: p.variantId,
    quantity: p.quantity,
    unitPrice: p.newUnitPrice,
    discount: worths[i].discount,
  }));
  const goods = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity - l.discount, 0);
  const tax = worths.reduce((sum, w) => sum + w.tax, 0);
  const worth = goods + tax;
  return {
    lines,
    // The lines carry their discounts: the order's own discount is none (its line values are the worth).
    totals: {
      subtotal: goods,
      discountTotal: 0,
      shippingTotal: 0,
      taxTotal: tax,
      // GB, the EU, AU: the VAT inside what the new pieces are worth, at the rate of where they are sent.
      taxIncluded: includedTaxOfOrder(order.market, order.shippingAddress?.country, worth),
      total: worth,
    },
    settlement:
      order.settlementCurrency && order.settlementRatePpm && order.settlementCurrency !== order.currency
        ? { currency: order.settlementCurrency, total: toSettlement(worth, order.settlementRatePpm), ratePpm: order.settlementRatePpm }
        : null,
  };
}
