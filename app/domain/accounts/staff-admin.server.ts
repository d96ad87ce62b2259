/**
 * Managing the people who use the console (/ops/staff, admin only) and their passwords.
 *
 * - An admin invites a colleague (name, email, roles): the account exists at once with a password
 *   nobody knows, and an email carries a 7-day link to choose one (/ops/password).
 * - An admin changes someone's roles, deactivates them (every session ends at once: the database
 *   trigger staff_users_end_sessions deletes them with the change), reactivates them, or sends them a 1-hour link to choose a new password.
 * - Anyone changes their own password on /ops/account, with the current one (throttled like a
 *   sign-in); their other sessions end.
 *
 * Every change is one transaction with its audit row. The admin rows are locked while a change is
 * checked, so two admins demoting each other at the same moment cannot leave Soko without one.
 */
import { randomBytes } from "node:crypto";
import { and, count, desc, eq, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import type { StaffRole } from "#db/schema";
import { queueEmail } from "~/domain/notifications/index.server";
import { db, schema, type Executor } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { Refusal, type Refused } from "~/lib/refusal";
import { startSession, type Flash } from "~/lib/session.server";
import { escapeLike, uniqueViolation } from "~/lib/sql";
import { refusable } from "~/lib/transaction.server";
import { hashResetToken, isWellFormedResetToken, newResetToken, resetTokenState, type ResetTokenState } from "./password-reset";
import { hashSecret, verifySecret } from "./password.server";
import { LOGIN_OK_ACTION, normalizeEmail, staffCounters, type Staff } from "./staff.server";
import {
  STAFF_LINK_LIFETIME_MINUTES,
  STAFF_PAGE_SIZE,
  staffChangeRefusal,
  staffPasswordUrl,
  type StaffForm,
  type StaffLinkPurpose,
} from "./staff-admin";
import { attemptSucceeded, beginAttempt, throttled, type SignInRefusal } from "./throttle.server";

const { staffUsers, staffPasswordLinks, sessions, auditLog } = schema;

export type StaffStatus = "active" | "invited" | "deactivated";
export type StaffRow = {
  id: number;
  name: string;
  email: string;
  roles: StaffRole[];
  status: StaffStatus;
  sessions: number;
  lastSignInAt: Date | null;
};

// Columns inside these subqueries are written out with their table: drizzle renders its own columns
// unqualified in a one-table select, and an unqualified "id" would be the subquery's own.
const statusSql = sql<StaffStatus>`case
  when not staff_users.active then 'deactivated'
  when exists (select 1 from staff_password_links l where l.staff_user_id = staff_users.id and l.purpose = 'invite')
   and not exists (select 1 from staff_password_links l where l.staff_user_id = staff_users.id and l.used_at is not null)
  then 'invited' else 'active' end`;

function rowColumns(now: Date) {
  return {
    id: staffUsers.id,
    name: staffUsers.name,
    email: staffUsers.email,
    roles: staffUsers.roles,
    status: statusSql,
    sessions: sql<number>`(select count(*)::int from sessions s where s.staff_user_id = staff_users.id and s.expires_at > ${now.toISOString()}::timestamptz)`,
    lastSignInAt: sql<Date | null>`(select max(a.at) from audit_log a
      where a.subject = 'staff-login:' || staff_users.email and a.action = ${LOGIN_OK_ACTION})`.mapWith((v) => (v ? new Date(v) : null)),
  };
}

export type StaffQuery = { q?: string; status?: StaffStatus; page: number };

/** The staff list, newest first, searched by name or email and filtered by status. */
export async function listStaff(query: StaffQuery, now = new Date()): Promise<{ rows: StaffRow[]; total: number; pageSize: number }> {
  const filters: SQL[] = [];
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    filters.push(or(ilike(staffUsers.name, like), ilike(staffUsers.email, like))!);
  }
  if (query.status) filters.push(sql`${statusSql} = ${query.status}`);
  const where = filters.length ? and(...filters) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select(rowColumns(now))
      .from(staffUsers)
      .where(where)
      .orderBy(desc(staffUsers.createdAt), desc(staffUsers.id))
      .limit(STAFF_PAGE_SIZE)
      .offset((query.page - 1) * STAFF_PAGE_SIZE),
    db.select({ n: count() }).from(staffUsers).where(where),
  ]);
  return { rows, total: total?.n ?? 0, pageSize: STAFF_PAGE_SIZE };
}

/** One staff member's row, or a 404. */
export async function loadStaffMember(id: number, now = new Date()): Promise<StaffRow> {
  const [row] = await db.select(rowColumns(now)).from(staffUsers).where(eq(staffUsers.id, id)).limit(1);
  if (!row) throw new Response("No staff member with that id.", { status: 404 });
  return row;
}

/** A password nobody knows: an invited account cannot be signed in to until its link is used. */
async function unusablePassword() {
  return hashSecret(randomBytes(32).toString("base64url"));
}

/** Revokes the target's live links, stores a new one, and queues its email. */
async function issueLink(
  tx: Executor,
  input: { staff: { id: number; name: string; email: string }; purpose: StaffLinkPurpose; by: Staff; now: Date },
) {
  const { staff, purpose, by, now } = input;
  await tx
    .update(staffPasswordLinks)
    .set({ revokedAt: now })
    .where(and(eq(staffPasswordLinks.staffUserId, staff.id), isNull(staffPasswordLinks.usedAt), isNull(staffPasswordLinks.revokedAt)));
  const { token, hash } = newResetToken(now);
  const minutes = STAFF_LINK_LIFETIME_MINUTES[purpose];
  const [link] = await tx
    .insert(staffPasswordLinks)
    .values({
      staffUserId: staff.id,
      purpose,
      tokenHash: hash,
      expiresAt: new Date(now.getTime() + minutes * 60_000),
      createdBy: by.id,
      createdAt: now,
    })
    .returning({ id: staffPasswordLinks.id });
  await queueEmail(tx, {
    template: "staff-password",
    to: staff.email,
    dedupeKey: `staff-password:${link.id}`,
    props: { name: staff.name, purpose, sentBy: by.name, url: staffPasswordUrl(env().PUBLIC_URL, token), expiresInMinutes: minutes },
  });
  return token;
}

/** Adds a colleague and emails them their invitation. A taken email is a 409 on the email field. */
export async function inviteStaff(
  by: Staff,
  form: StaffForm,
  now = new Date(),
): Promise<{ ok: true; id: number; token: string } | Refused> {
  const passwordHash = await unusablePassword();
  try {
    return await refusable(async (tx) => {
      const [created] = await tx
        .insert(staffUsers)
        .values({ email: normalizeEmail(form.email), name: form.name, roles: form.roles, passwordHash, createdAt: now })
        .returning({ id: staffUsers.id, name: staffUsers.name, email: staffUsers.email });
      const token = await issueLink(tx, { staff: created, purpose: "invite", by, now });
      await tx.insert(auditLog).values({
        actor: `staff:${by.id}`,
        action: "staff.invited",
        subject: `staff:${created.id}`,
        data: { email: created.email, roles: form.roles },
        at: now,
      });
      return { ok: true as const, id: created.id, token };
    });
  } catch (error) {
    if (uniqueViolation(error) === "staff_users_email_key")
      return { ok: false, status: 409, message: "Someone on the staff already has this email.", field: "email" };
    throw error;
  }
}

/** Locks the target and every active admin, and checks the change against the guard. */
async function guardedChange(
  tx: Executor,
  by: Staff,
  id: number,
  after: (t: { roles: StaffRole[]; active: boolean }) => { roles: StaffRole[]; active: boolean },
) {
  const admins = await tx
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(and(eq(staffUsers.active, true), sql`'admin' = any(${staffUsers.roles})`))
    .orderBy(staffUsers.id)
    .for("update");
  const [target] = await tx
    .select({ id: staffUsers.id, name: staffUsers.name, email: staffUsers.email, roles: staffUsers.roles, active: staffUsers.active })
    .from(staffUsers)
    .where(eq(staffUsers.id, id))
    .for("update");
  if (!target) throw new Refusal(404, "No staff member with that id.");
  const next = after(target);
  const refusal = staffChangeRefusal({ actorId: by.id, target, after: next, activeAdmins: admins.length });
  if (refusal) throw new Refusal(409, refusal);
  return { target, next };
}

/** New name and roles. Roles apply on their next page: every request reads them afresh. */
export async function updateStaff(by: Staff, id: number, form: { name: string; roles: StaffRole[] }, now = new Date()) {
  return refusable(async (tx) => {
    const { target } = await guardedChange(tx, by, id, (t) => ({ roles: form.roles, active: t.active }));
    await tx.update(staffUsers).set({ name: form.name, roles: form.roles }).where(eq(staffUsers.id, id));
    await tx.insert(auditLog).values({
      actor: `staff:${by.id}`,
      action: "staff.updated",
      subject: `staff:${id}`,
      data: { name: [target.name, form.name], roles: [target.roles, form.roles] },
      at: now,
    });
    return { ok: true as const, message: `${form.name}'s account is saved.` };
  });
}

/** Deactivates (every session ends now) or reactivates an account. */
export async function setStaffActive(by: Staff, id: number, active: boolean, now = new Date()) {
  return refusable(async (tx) => {
    const { target } = await guardedChange(tx, by, id, (t) => ({ roles: t.roles, active }));
    if (target.active === active) return { ok: true as const, message: `${target.name} is already ${active ? "active" : "deactivated"}.` };
    // Counted first: the update's trigger (staff_users_end_sessions, migration 0014) ends them.
    const [{ n: ended }] = active ? [{ n: 0 }] : await tx.select({ n: count() }).from(sessions).where(eq(sessions.staffUserId, id));
    await tx.update(staffUsers).set({ active }).where(eq(staffUsers.id, id));
    await tx.insert(auditLog).values({
      actor: `staff:${by.id}`,
      action: active ? "staff.reactivated" : "staff.deactivated",
      subject: `staff:${id}`,
      data: active ? {} : { sessionsEnded: ended },
      at: now,
    });
    return {
      ok: true as const,
      message: active
        ? `${target.name} can sign in again.`
        : `${target.name} is deactivated and signed out everywhere (${ended} session${ended === 1 ? "" : "s"} ended).`,
    };
  });
}

/** Emails a fresh link: an invitation again for someone who never chose a password, else a reset. */
export async function sendStaffPasswordLink(by: Staff, id: number, now = new Date()) {
  return refusable(async (tx) => {
    const [target] = await tx
      .select({ id: staffUsers.id, name: staffUsers.name, email: staffUsers.email, active: staffUsers.active, status: statusSql })
      .from(staffUsers)
      .where(eq(staffUsers.id, id))
      .for("update");
    if (!target) throw new Refusal(404, "No staff member with that id.");
    if (!target.active) throw new Refusal(409, `${target.name} is deactivated: reactivate them first.`);
    const purpose: StaffLinkPurpose = target.status === "invited" ? "invite" : "reset";
    const token = await issueLink(tx, { staff: target, purpose, by, now });
    await tx
      .insert(auditLog)
      .values({ actor: `staff:${by.id}`, action: "staff.password_link_sent", subject: `staff:${id}`, data: { purpose }, at: now });
    return {
      ok: true as const,
      token,
      message: `${purpose === "invite" ? "A new invitation" : "A password link"} is on its way to ${target.email}.`,
    };
  });
}

export type StaffLinkCheck =
  | { ok: true; name: string; email: string; purpose: StaffLinkPurpose }
  | { ok: false; reason: "malformed" | "unknown" | "inactive" | Exclude<ResetTokenState, "live"> };

async function findLink(executor: Executor, token: string, lock: boolean) {
  const query = executor
    .select({
      id: staffPasswordLinks.id,
      staffUserId: staffPasswordLinks.staffUserId,
      purpose: staffPasswordLinks.purpose,
      usedAt: staffPasswordLinks.usedAt,
      revokedAt: staffPasswordLinks.revokedAt,
      expiresAt: staffPasswordLinks.expiresAt,
      name: staffUsers.name,
      email: staffUsers.email,
      roles: staffUsers.roles,
      active: staffUsers.active,
    })
    .from(staffPasswordLinks)
    .innerJoin(staffUsers, eq(staffUsers.id, staffPasswordLinks.staffUserId))
    .where(eq(staffPasswordLinks.tokenHash, hashResetToken(token)))
    .limit(1);
  const [row] = lock ? await query.for("update", { of: staffPasswordLinks }) : await query;
  return row;
}

/** Whether a link can still set a password (for the page, before the form is filled in). */
export async function checkStaffLink(token: unknown, now = new Date()): Promise<StaffLinkCheck> {
  if (!isWellFormedResetToken(token)) return { ok: false, reason: "malformed" };
  const row = await findLink(db, token, false);
  if (!row) return { ok: false, reason: "unknown" };
  if (!row.active) return { ok: false, reason: "inactive" };
  const state = resetTokenState(row, now);
  return state === "live" ? { ok: true, name: row.name, email: row.email, purpose: row.purpose } : { ok: false, reason: state };
}

export type SetPasswordResult = { ok: true; staff: { id: number; roles: StaffRole[] } } | Extract<StaffLinkCheck, { ok: false }>;

/** Sets the password with a live link, once; every session of the account ends (a new one is started by the caller). */
export async function setStaffPassword(token: unknown, password: string, now = new Date()): Promise<SetPasswordResult> {
  if (!isWellFormedResetToken(token)) return { ok: false, reason: "malformed" };
  const passwordHash = await hashSecret(password);
  return db.transaction(async (tx): Promise<SetPasswordResult> => {
    // Locked: the same link sent twice at once sets the password once; the second finds it used.
    const row = await findLink(tx, token, true);
    if (!row) return { ok: false, reason: "unknown" };
    if (!row.active) return { ok: false, reason: "inactive" };
    const state = resetTokenState(row, now);
    if (state !== "live") return { ok: false, reason: state };
    // A new password hash ends every session of the account (trigger staff_users_end_sessions).
    await tx.update(staffUsers).set({ passwordHash }).where(eq(staffUsers.id, row.staffUserId));
    await tx.update(staffPasswordLinks).set({ usedAt: now }).where(eq(staffPasswordLinks.id, row.id));
    await tx.insert(auditLog).values({
      actor: `staff:${row.staffUserId}`,
      action: row.purpose === "invite" ? "staff.invitation_accepted" : "staff.password_reset",
      subject: `staff:${row.staffUserId}`,
      data: {},
      at: now,
    });
    return { ok: true, staff: { id: row.staffUserId, roles: row.roles } };
  });
}

export type ChangePasswordResult = { ok: true; cookie: string } | SignInRefusal;

/**
 * Changes one's own password: the current one is checked under the sign-in throttle (a stolen
 * session cannot guess it), then the new one is set, every session ends and this browser gets a
 * fresh one.
 */
export async function changeOwnPassword(
  request: Request,
  staff: Staff,
  input: { current: string; password: string; address: string | null; now?: Date; flash?: Flash },
): Promise<ChangePasswordResult> {
  const gate = await beginAttempt(staffCounters(staff.email, input.address), input.now);
  if (!gate.ok) return throttled(gate);
  const [row] = await db.select({ passwordHash: staffUsers.passwordHash }).from(staffUsers).where(eq(staffUsers.id, staff.id));
  if (!row || !(await verifySecret(input.current, row.passwordHash))) return { ok: false, reason: "invalid" };
  await attemptSucceeded(gate);
  const passwordHash = await hashSecret(input.password);
  await db.transaction(async (tx) => {
    // Ends every session, this one too (trigger staff_users_end_sessions); this browser gets a new one below.
    await tx.update(staffUsers).set({ passwordHash }).where(eq(staffUsers.id, staff.id));
    await tx.insert(auditLog).values({
      actor: `staff:${staff.id}`,
      action: "staff.password_changed",
      subject: `staff:${staff.id}`,
      data: {},
      at: input.now ?? new Date(),
    });
  });
  return { ok: true, cookie: await startSession(request, { kind: "staff", id: staff.id }, { flash: input.flash, now: input.now }) };
}
