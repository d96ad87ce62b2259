/**
 * What ops sees and does: the document log (received and sent), the sets to fix and re-process or
 * refuse, and each partner's compliance.
 */
import { and, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { audit } from "~/domain/audit/index.server";
import { db, schema } from "~/lib/db.server";
import { applyChangeOrder } from "./changes.server";
import { processPurchaseOrder, refusePurchaseOrder, type Problem } from "./purchase-orders.server";

const { ediInterchanges, ediTransactions, ediDocuments, ediPartners, orders } = schema;

const PER_PAGE = 25;

export async function receivedLog(filter: { partnerId?: number; page: number }) {
  const where = filter.partnerId ? eq(ediInterchanges.partnerId, filter.partnerId) : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: ediInterchanges.id,
        partnerName: ediPartners.name,
        controlNumber: ediInterchanges.controlNumber,
        source: ediInterchanges.source,
        status: ediInterchanges.status,
        receivedAt: ediInterchanges.receivedAt,
        sets: sql<string>`(select string_agg(t.type || ' ' || coalesce(t.po_number, t.control_number) || ' ' || t.status, ', ' order by t.id) from ${ediTransactions} t where t.interchange_id = ${ediInterchanges.id})`,
      })
      .from(ediInterchanges)
      .innerJoin(ediPartners, eq(ediPartners.id, ediInterchanges.partnerId))
      .where(where)
      .orderBy(desc(ediInterchanges.receivedAt), desc(ediInterchanges.id))
      .limit(PER_PAGE)
      .offset((filter.page - 1) * PER_PAGE),
    db.select({ total: count() }).from(ediInterchanges).where(where),
  ]);
  return { rows, total, page: filter.page, pageCount: Math.max(1, Math.ceil(total / PER_PAGE)) };
}

export async function sentLog(filter: { partnerId?: number; overdue?: boolean; page: number }) {
  const conditions: SQL[] = [];
  if (filter.partnerId) conditions.push(eq(ediDocuments.partnerId, filter.partnerId));
  if (filter.overdue) conditions.push(inArray(ediDocuments.status, ["pending", "sent"]), sql`${ediDocuments.ackDueAt} < now()`);
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: ediDocuments.id,
        partnerName: ediPartners.name,
        type: ediDocuments.type,
        controlNumber: ediDocuments.controlNumber,
        reference: ediDocuments.reference,
        status: ediDocuments.status,
        attempts: ediDocuments.attempts,
        lastError: ediDocuments.lastError,
        createdAt: ediDocuments.createdAt,
        overdue: sql<boolean>`${ediDocuments.status} in ('pending', 'sent') and ${ediDocuments.ackDueAt} < now()`,
        orderNumber: orders.number,
      })
      .from(ediDocuments)
      .innerJoin(ediPartners, eq(ediPartners.id, ediDocuments.partnerId))
      .leftJoin(orders, eq(orders.id, ediDocuments.orderId))
      .where(where)
      .orderBy(desc(ediDocuments.createdAt), desc(ediDocuments.id))
      .limit(PER_PAGE)
      .offset((filter.page - 1) * PER_PAGE),
    db.select({ total: count() }).from(ediDocuments).where(where),
  ]);
  return { rows, total, page: filter.page, pageCount: Math.max(1, Math.ceil(total / PER_PAGE)) };
}

export async function interchangeDetail(id: number) {
  const [ix] = await db
    .select({ ix: ediInterchanges, partnerName: ediPartners.name })
    .from(ediInterchanges)
    .innerJoin(ediPartners, eq(ediPartners.id, ediInterchanges.partnerId))
    .where(eq(ediInterchanges.id, id));
  if (!ix) return null;
  const sets = await db
    .select({ set: ediTransactions, orderNumber: orders.number })
    .from(ediTransactions)
    .leftJoin(orders, eq(orders.id, ediTransactions.orderId))
    .where(eq(ediTransactions.interchangeId, id))
    .orderBy(ediTransactions.id);
  const answers = sets.length
    ? await db
        .select({
          id: ediDocuments.id,
          type: ediDocuments.type,
          controlNumber: ediDocuments.controlNumber,
          status: ediDocuments.status,
          transactionId: ediDocuments.transactionId,
        })
        .from(ediDocuments)
        .where(
          inArray(
            ediDocuments.transactionId,
            sets.map((s) => s.set.id),
          ),
        )
    : [];
  return { interchange: ix.ix, partnerName: ix.partnerName, sets, answers };
}

export async function documentDetail(id: number) {
  const [row] = await db
    .select({
      doc: ediDocuments,
      partnerName: ediPartners.name,
      orderNumber: orders.number,
      overdue: sql<boolean>`${ediDocuments.status} in ('pending', 'sent') and ${ediDocuments.ackDueAt} < now()`,
    })
    .from(ediDocuments)
    .innerJoin(ediPartners, eq(ediPartners.id, ediDocuments.partnerId))
    .leftJoin(orders, eq(orders.id, ediDocuments.orderId))
    .where(eq(ediDocuments.id, id));
  return row ?? null;
}

/** Sets waiting for a person (held) and sets the partner must send again (rejected by our 997). */
export async function errorList(filter: { partnerId?: number; page: number }) {
  const where = and(
    inArray(ediTransactions.status, ["held", "rejected"]),
    filter.partnerId ? eq(ediTransactions.partnerId, filter.partnerId) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: ediTransactions.id,
        interchangeId: ediTransactions.interchangeId,
        partnerId: ediTransactions.partnerId,
        partnerName: ediPartners.name,
        type: ediTransactions.type,
        controlNumber: ediTransactions.controlNumber,
        poNumber: ediTransactions.poNumber,
        status: ediTransactions.status,
        problems: ediTransactions.problems,
        processedAt: ediTransactions.processedAt,
      })
      .from(ediTransactions)
      .innerJoin(ediPartners, eq(ediPartners.id, ediTransactions.partnerId))
      .where(where)
      .orderBy(desc(ediTransactions.processedAt), desc(ediTransactions.id))
      .limit(PER_PAGE)
      .offset((filter.page - 1) * PER_PAGE),
    db.select({ total: count() }).from(ediTransactions).where(where),
  ]);
  return { rows, total, page: filter.page, pageCount: Math.max(1, Math.ceil(total / PER_PAGE)) };
}

export type ReprocessResult =
  | { ok: true; message: string; status: string; problems: Problem[] }
  | { ok: false; status: 404 | 409; message: string };

/** Runs a held set again, as received, against the profile as it is now (a fixed cross-reference…). */
export async function reprocessTransaction(id: number, actor: string, now = new Date()): Promise<ReprocessResult> {
  const result = await db.transaction(async (tx): Promise<ReprocessResult & { cancel?: boolean }> => {
    const [row] = await tx.select().from(ediTransactions).where(eq(ediTransactions.id, id)).for("update");
    if (!row) return { ok: false, status: 404, message: "That transaction set is not on record." };
    if (row.status !== "held")
      return {
        ok: false,
        status: 409,
        message:
          row.status === "rejected"
            ? "A set our 997 rejected cannot be re-processed: the partner must send it again."
            : `This set is already ${row.status}.`,
      };
    const [partner] = await tx.select().from(ediPartners).where(eq(ediPartners.id, row.partnerId));
    await audit(tx, { actor, action: "edi.reprocess", subject: `edi_transaction:${id}`, data: { type: row.type, poNumber: row.poNumber } });
    if (row.type === "850") {
      const r = await processPurchaseOrder(tx, partner, row, now);
      return r.status === "ordered"
        ? {
            ok: true,
            status: r.status,
            problems: [],
            message: `PO ${row.poNumber} is order ${r.order?.orderNumber}; its 855 is on its way.`,
          }
        : {
            ok: true,
            status: r.status,
            problems: r.problems,
            message: `PO ${row.poNumber} is still held: ${r.problems.map((p) => p.message).join(" ")}`,
          };
    }
    if (row.type === "860") {
      const r = await applyChangeOrder(tx, partner, row, now);
      return {
        ok: true,
        status: r.status,
        problems: r.problems,
        message:
          r.status === "held"
            ? `Still held: ${r.problems[0]?.message}`
            : row.segments.find((s) => s.tag === "BCH")?.elements[0] === "01"
              ? "The cancellation is applied."
              : "The change is applied to the order; its 855 is on its way.",
      };
    }
    return { ok: false, status: 409, message: `A ${row.type} is not re-processed.` };
  });
  return result;
}

/** Refuses a held set: an 850 gets its 855 with BAK02 RJ; an 860 is closed without change. */
export async function refuseTransaction(id: number, actor: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(ediTransactions).where(eq(ediTransactions.id, id)).for("update");
    if (!row) return { ok: false as const, status: 404 as const, message: "That transaction set is not on record." };
    if (row.status !== "held") return { ok: false as const, status: 409 as const, message: `This set is already ${row.status}.` };
    const [partner] = await tx.select().from(ediPartners).where(eq(ediPartners.id, row.partnerId));
    await audit(tx, { actor, action: "edi.refuse", subject: `edi_transaction:${id}`, data: { type: row.type, poNumber: row.poNumber } });
    if (row.type === "850") await refusePurchaseOrder(tx, partner, row, now);
    else await tx.update(ediTransactions).set({ status: "refused", processedAt: now }).where(eq(ediTransactions.id, id));
    return {
      ok: true as const,
      message:
        row.type === "850"
          ? `PO ${row.poNumber} refused; an 855 rejecting it is on its way.`
          : "The change is closed without changing the order.",
    };
  });
}

/**
 * An order's EDI side, for its ops page: the partner and PO it came from (the 850 set and its
 * interchange), and every document of ours about it with its status. Null for an order not from EDI.
 */
export async function orderEdi(orderNumber: string) {
  const [origin] = await db
    .select({
      orderId: orders.id,
      partnerId: ediPartners.id,
      partnerName: ediPartners.name,
      poNumber: ediTransactions.poNumber,
      interchangeId: ediTransactions.interchangeId,
    })
    .from(ediTransactions)
    .innerJoin(ediPartners, eq(ediPartners.id, ediTransactions.partnerId))
    .innerJoin(orders, eq(orders.id, ediTransactions.orderId))
    .where(and(eq(orders.number, orderNumber), eq(ediTransactions.type, "850")))
    .orderBy(ediTransactions.id)
    .limit(1);
  if (!origin) return null;
  const documents = await db
    .select({
      id: ediDocuments.id,
      type: ediDocuments.type,
      controlNumber: ediDocuments.controlNumber,
      status: ediDocuments.status,
      overdue: sql<boolean>`${ediDocuments.status} in ('pending', 'sent') and ${ediDocuments.ackDueAt} < now()`,
    })
    .from(ediDocuments)
    .where(eq(ediDocuments.orderId, origin.orderId))
    .orderBy(ediDocuments.id);
  return { ...origin, documents };
}
