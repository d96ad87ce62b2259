/** A retailer's wholesale orders, newest first. Scoped by retailer id in the query. */
import { count, desc, eq } from "drizzle-orm";
import { db, schema } from "~/lib/db.server";

const { orders, wholesaleOrders, buyerUsers } = schema;
export const ORDERS_PAGE_SIZE = 20;

export async function listRetailerOrders(retailerId: number, page: number) {
  const [{ total }] = await db.select({ total: count() }).from(wholesaleOrders).where(eq(wholesaleOrders.retailerId, retailerId));
  const pageCount = Math.max(1, Math.ceil(total / ORDERS_PAGE_SIZE));
  const rows = total
    ? await db
        .select({
          number: orders.number,
          placedAt: orders.placedAt,
          status: orders.status,
          paymentStatus: orders.paymentStatus,
          total: orders.total,
          currency: orders.currency,
          poNumber: wholesaleOrders.poNumber,
          paymentTerms: wholesaleOrders.paymentTerms,
          buyer: buyerUsers.name,
        })
        .from(wholesaleOrders)
        .innerJoin(orders, eq(orders.id, wholesaleOrders.orderId))
        .leftJoin(buyerUsers, eq(buyerUsers.id, wholesaleOrders.buyerId))
        .where(eq(wholesaleOrders.retailerId, retailerId))
        .orderBy(desc(orders.placedAt), desc(orders.id))
        .limit(ORDERS_PAGE_SIZE)
        .offset((page - 1) * ORDERS_PAGE_SIZE)
    : [];
  return { orders: rows, total, page, pageCount };
}
