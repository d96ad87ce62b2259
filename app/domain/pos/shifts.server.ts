/**
 * The register and its shifts: opened with a cash float, closed with the drawer counted, the
 * closing report (expected vs counted cash, sales by tender, refunds) kept on the shift row.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { Refusal } from "~/lib/refusal";
import { audit } from "~/domain/audit/index.server";
import { STORE_LOCATION_CODE } from "~/domain/inventory";
import { db, schema, type Executor } from "~/lib/db.server";
import { frozenReport, shiftReport, type ShiftReport, type ShiftTender } from "./tender";

/** The flagship's one register; more registers would be chosen at sign-in. */
export const DEFAULT_REGISTER = { code: "SF-1", name: "Flagship counter", location: STORE_LOCATION_CODE } as const;

const { registers, shifts, tenders, orders, staffUsers, locations } = schema;

/** The register row, created on first use at the flagship location (the seed makes it too). */
export async function ensureRegister(tx: Executor = db) {
  const [found] = await tx.select().from(registers).where(eq(registers.code, DEFAULT_REGISTER.code));
  if (found) return found;
  const [location] = await tx.select({ id: locations.id }).from(locations).where(eq(locations.code, DEFAULT_REGISTER.location));
  if (!location) throw new Refusal(409, `There is no ${DEFAULT_REGISTER.location} location yet: operations must create the store first.`);
  await tx
    .insert(registers)
    .values({ code: DEFAULT_REGISTER.code, name: DEFAULT_REGISTER.name, locationId: location.id })
    .onConflictDoNothing();
  const [row] = await tx.select().from(registers).where(eq(registers.code, DEFAULT_REGISTER.code));
  return row;
}

export type OpenShift = {
  id: number;
  registerId: number;
  registerCode: string;
  locationId: number;
  openedAt: Date;
  openingFloat: number;
  currency: string;
  openedByName: string;
};

/** The register's open shift, or null. */
export async function currentShift(executor: Executor = db): Promise<OpenShift | null> {
  const [row] = await executor
    .select({
      id: shifts.id,
      registerId: shifts.registerId,
      registerCode: registers.code,
      locationId: registers.locationId,
      openedAt: shifts.openedAt,
      openingFloat: shifts.openingFloat,
      currency: shifts.currency,
      openedByName: staffUsers.name,
    })
    .from(shifts)
    .innerJoin(registers, eq(registers.id, shifts.registerId))
    .innerJoin(staffUsers, eq(staffUsers.id, shifts.openedBy))
    .where(and(eq(registers.code, DEFAULT_REGISTER.code), eq(shifts.status, "open")))
    .limit(1);
  return row ?? null;
}

export async function openShift(input: { openingFloat: number; staffId: number; actor: string }): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    const register = await ensureRegister(tx);
    const [row] = await tx
      .insert(shifts)
      .values({ registerId: register.id, openedBy: input.staffId, openingFloat: input.openingFloat, currency: "USD" })
      // The partial unique index allows one open shift per register.
      .onConflictDoNothing()
      .returning({ id: shifts.id });
    if (!row) throw new Refusal(409, `A shift is already open on ${register.code}. Close it at Shift before opening another.`);
    await audit(tx, {
      actor: input.actor,
      action: "pos.shift_open",
      subject: `shift:${row.id}`,
      data: { register: register.code, openingFloat: input.openingFloat },
    });
    return row;
  });
}

async function shiftTenders(executor: Executor, shiftId: number): Promise<ShiftTender[]> {
  return executor
    .select({
      id: tenders.id,
      kind: tenders.kind,
      amount: tenders.amount,
      returnId: tenders.returnId,
      orderNumber: orders.number,
      createdAt: tenders.createdAt,
      cashGiven: tenders.cashGiven,
      changeDue: tenders.changeDue,
      providerRef: tenders.providerRef,
    })
    .from(tenders)
    .innerJoin(orders, eq(orders.id, tenders.orderId))
    .where(eq(tenders.shiftId, shiftId))
    .orderBy(asc(tenders.createdAt), asc(tenders.id));
}

/** The returns taken in a shift, each marked an exchange or not (its one return record says). */
async function shiftReturns(executor: Executor, shiftId: number): Promise<Array<{ id: number; exchange: boolean }>> {
  const rows = await executor.execute<{ id: number; exchange: boolean }>(sql`
    select pr.id, exists (select 1 from ${schema.returns} r
                           where r.idempotency_key = 'pos-return:' || pr.idempotency_key and r.exchange_order_id is not null) as exchange
      from ${schema.posReturns} pr
     where pr.shift_id = ${shiftId}
     order by pr.id`);
  return rows.map((r) => ({ id: Number(r.id), exchange: Boolean(r.exchange) }));
}

/** The running report of an open shift (nothing counted yet). */
export async function liveReport(shift: OpenShift): Promise<{ report: ShiftReport; tenders: ShiftTender[] }> {
  const [rows, returns] = await Promise.all([shiftTenders(db, shift.id), shiftReturns(db, shift.id)]);
  return { report: shiftReport({ currency: shift.currency, openingFloat: shift.openingFloat, tenders: rows, returns }), tenders: rows };
}

/**
 * Closes the shift: the drawer's count against what it should hold, the report frozen on the row.
 * The row is locked, so a second close (another tab, a double tap) finds it closed.
 */
export async function closeShift(input: {
  shiftId: number;
  countedCash: number;
  note: string | null;
  staffId: number;
  actor: string;
}): Promise<ShiftReport> {
  return db.transaction(async (tx) => {
    const [shift] = await tx.select().from(shifts).where(eq(shifts.id, input.shiftId)).for("update");
    if (!shift) throw new Refusal(404, `There is no shift ${input.shiftId}.`);
    if (shift.status === "closed") throw new Refusal(409, `Shift ${shift.id} is already closed; its report is in the history.`);
    const rows = await shiftTenders(tx, shift.id);
    const report = shiftReport({
      currency: shift.currency,
      openingFloat: shift.openingFloat,
      tenders: rows,
      returns: await shiftReturns(tx, shift.id),
      countedCash: input.countedCash,
    });
    await tx
      .update(shifts)
      .set({
        status: "closed",
        closedBy: input.staffId,
        closedAt: sql`now()`,
        expectedCash: report.expectedCash,
        countedCash: input.countedCash,
        variance: report.variance,
        report: report as unknown as Record<string, unknown>,
        note: input.note,
      })
      .where(eq(shifts.id, shift.id));
    await audit(tx, {
      actor: input.actor,
      action: "pos.shift_close",
      subject: `shift:${shift.id}`,
      data: { expectedCash: report.expectedCash, countedCash: input.countedCash, variance: report.variance },
    });
    return report;
  });
}

const closer = alias(staffUsers, "closer");

/** Closed shifts, newest first. */
export async function shiftHistory(limit = 20) {
  return db
    .select({
      id: shifts.id,
      register: registers.code,
      openedAt: shifts.openedAt,
      closedAt: shifts.closedAt,
      openingFloat: shifts.openingFloat,
      expectedCash: shifts.expectedCash,
      countedCash: shifts.countedCash,
      variance: shifts.variance,
      currency: shifts.currency,
      openedBy: staffUsers.name,
      closedBy: closer.name,
    })
    .from(shifts)
    .innerJoin(registers, eq(registers.id, shifts.registerId))
    .innerJoin(staffUsers, eq(staffUsers.id, shifts.openedBy))
    .leftJoin(closer, eq(closer.id, shifts.closedBy))
    .where(eq(shifts.status, "closed"))
    .orderBy(desc(shifts.closedAt), desc(shifts.id))
    .limit(limit);
}

/** One shift with its report (frozen at close, or live while open) and its tenders. */
export async function shiftDetail(shiftId: number) {
  const [shift] = await db
    .select({
      id: shifts.id,
      status: shifts.status,
      register: registers.code,
      openedAt: shifts.openedAt,
      closedAt: shifts.closedAt,
      openingFloat: shifts.openingFloat,
      currency: shifts.currency,
      countedCash: shifts.countedCash,
      report: shifts.report,
      note: shifts.note,
      openedBy: staffUsers.name,
      closedBy: closer.name,
    })
    .from(shifts)
    .innerJoin(registers, eq(registers.id, shifts.registerId))
    .innerJoin(staffUsers, eq(staffUsers.id, shifts.openedBy))
    .leftJoin(closer, eq(closer.id, shifts.closedBy))
    .where(eq(shifts.id, shiftId));
  if (!shift) return null;
  const [rows, returns] = await Promise.all([shiftTenders(db, shift.id), shiftReturns(db, shift.id)]);
  const live = shiftReport({
    currency: shift.currency,
    openingFloat: shift.openingFloat,
    tenders: rows,
    returns,
    countedCash: shift.countedCash,
  });
  const report = shift.status === "closed" && shift.report ? frozenReport(shift.report, live) : live;
  return { shift, report, tenders: rows };
}
