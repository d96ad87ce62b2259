import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { db, schema, type Executor } from "~/lib/db.server";
import { PENDING_PAY_STATUSES } from "./work-rules";

const { productionRequests: requests } = schema;

/**
 * What she will be paid for work accepted and not yet paid (production's PENDING_PAY_STATUSES):
 * piece rate × pieces, per currency, and how many requests. Credited to her balance when the hub
 * passes the work.
 */
export async function pendingPay(artisanId: number, executor: Executor = db) {
  return executor
    .select({
      currency: requests.pieceRateCurrency,
      amount: sql<number>`coalesce(sum(${requests.pieceRate} * ${requests.quantity}), 0)::int`,
      requests: sql<number>`count(*)::int`,
    })
    .from(requests)
    .where(and(eq(requests.artisanId, artisanId), inArray(requests.status, [...PENDING_PAY_STATUSES])))
    .groupBy(requests.pieceRateCurrency)
    .orderBy(asc(requests.pieceRateCurrency));
}
