/**
 * Staff sign-in for the operations console: who is asking, and may they.
 *
 * Sessions live in PostgreSQL (~/lib/session.server), so every app instance sees the same ones and
 * signing out ends a session everywhere. Sign-ins are throttled per email and per client address in
 * PostgreSQL too (./throttle.server), counted before the password is checked; failures are also
 * written to the audit log (`staff.login_failed`).
 */
import { eq } from "drizzle-orm";
import { redirect } from "@remix-run/node";
import { verifyAgainstNothing, verifySecret } from "./password.server";
import { db, schema } from "~/lib/db.server";
import { endAllSessions, endSession, getSession, startSession } from "~/lib/session.server";
import { THROTTLES, attemptSucceeded, beginAttempt, counters, throttled, type SignInRefusal } from "./throttle.server";
import type { StaffRole, StaffUser } from "#db/schema";
import { OPS_ACCESS, type OpsRouteId, type OpsRoutePolicy } from "./ops-access";

export type { StaffRole } from "#db/schema";
/** The signed-in staff member, without the password hash. */
export type Staff = Omit<StaffUser, "passwordHash">;

export const LOGIN_PATH = "/ops/login";
export const LOGIN_FAILED_ACTION = "staff.login_failed";
export const LOGIN_OK_ACTION = "staff.login";
/** Failures per email before it is locked (THROTTLES.staffPassword). */
export const MAX_FAILED_LOGINS = THROTTLES.staffPassword.maxFailures;

const { staffUsers, auditLog } = schema;
const staffColumns = {
  id: staffUsers.id,
  email: staffUsers.email,
  name: staffUsers.name,
  roles: staffUsers.roles,
  active: staffUsers.active,
  createdAt: staffUsers.createdAt,
};

export function normalizeEmail(email: string) {
  return email.trim().toLowerCase();
}

/** True when `staff` holds one of `roles` (admin holds them all). No roles asked: any staff member. */
export function hasRole(staff: Pick<Staff, "roles">, roles?: readonly StaffRole[]) {
  if (!roles || roles.length === 0) return true;
  return staff.roles.includes("admin") || roles.some((role) => staff.roles.includes(role));
}

/**
 * Where to go after signing in: only a path on this site ("/ops/orders?page=2"), never another origin
 * ("//evil.test", "/\\evil.test", "https://…"), so the login form cannot be used as an open redirect.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/ops") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // Control characters and backslashes can be read as a new origin by some browsers.
  if (/[\\\u0000-\u001f\u007f]/.test(to)) return fallback;
  return to;
}

/** The active staff member signed in on this request, or null. */
export async function getStaff(request: Request): Promise<Staff | null> {
  const session = await getSession(request);
  const staffId = session.get("staffId");
  if (typeof staffId !== "number") return null;
  const [staff] = await db.select(staffColumns).from(staffUsers).where(eq(staffUsers.id, staffId)).limit(1);
  return staff?.active ? staff : null;
}

/**
 * The signed-in staff member holding one of `roles` (admin passes every check). Otherwise throws:
 * a redirect to the login page (back here afterwards) when nobody is signed in, or a 403 when the
 * staff member lacks the role. Every /ops loader and action calls this first.
 */
export async function requireStaff(request: Request, roles?: readonly StaffRole[]): Promise<Staff> {
  const staff = await getStaff(request);
  if (!staff) {
    const url = new URL(request.url);
    const back = request.method === "GET" ? `${url.pathname}${url.search}` : url.pathname;
    const params = new URLSearchParams({ redirectTo: back });
    throw redirect(`${LOGIN_PATH}?${params}`);
  }
  if (!hasRole(staff, roles)) {
    throw new Response(`Your account doesn't have access to this page. It needs one of these roles: ${roles!.join(", ")}.`, {
      status: 403,
    });
  }
  return staff;
}

/**
 * requireStaff with the roles the console's access table gives this route's loader or action
 * (./ops-access): the one way an /ops route checks who may use it. "any" is any staff member.
 */
export async function requireOpsStaff(request: Request, route: OpsRouteId, handler: "loader" | "action"): Promise<Staff> {
  const access = (OPS_ACCESS[route] as OpsRoutePolicy)[handler];
  if (access === undefined || access === "public")
    throw new Error(`${route} has no ${handler} row in OPS_ACCESS that needs a staff member.`);
  return requireStaff(request, access === "any" ? undefined : access);
}

export type LoginResult = { ok: true; staff: Staff } | SignInRefusal;

/**
 * Checks an email and password. Unknown email, wrong password and inactive account give the same
 * answer in about the same time. Every attempt is counted against the email and the client address
 * before anything is checked; a locked one is refused unchecked (THROTTLES.staffPassword,
 * THROTTLES.passwordAddress). A good sign-in clears the email's count.
 */
export async function authenticateStaff(input: {
  email: string;
  password: string;
  address?: string | null;
  now?: Date;
}): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const subject = loginSubject(email);
  const gate = await beginAttempt(staffCounters(email, input.address), input.now);
  if (!gate.ok) return throttled(gate);

  const [user] = await db.select().from(staffUsers).where(eq(staffUsers.email, email)).limit(1);
  const passwordOk = user ? await verifySecret(input.password, user.passwordHash) : await verifyAgainstNothing(input.password);
  if (!user || !passwordOk || !user.active) {
    const reason = !user ? "unknown_email" : !passwordOk ? "wrong_password" : "inactive";
    await db
      .insert(auditLog)
      .values({ actor: "anonymous", action: LOGIN_FAILED_ACTION, subject, data: { reason, address: input.address ?? null } });
    return { ok: false, reason: "invalid" };
  }
  await attemptSucceeded(gate);
  await db.insert(auditLog).values({ actor: `staff:${user.id}`, action: LOGIN_OK_ACTION, subject, data: {} });
  const { passwordHash: _hash, ...staff } = user;
  return { ok: true, staff };
}

/** A staff password's counters: the email's, shared by sign-in and the POS manager approval, and the address's. */
export function staffCounters(email: string, address: string | null | undefined) {
  return counters({ rule: THROTTLES.staffPassword, key: normalizeEmail(email) }, { rule: THROTTLES.passwordAddress, address });
}

/** Where someone lands without a destination: the console, or the register for store staff. */
export function homeFor(staff: Pick<Staff, "roles">) {
  return staff.roles.every((role) => role === "cashier" || role === "manager") ? "/pos" : "/ops";
}

/** Signs the staff member in (a new session) and sends them on: a redirect that carries the session cookie. */
export async function signInStaff(request: Request, staff: Pick<Staff, "id" | "roles">, redirectTo: string | null | undefined) {
  const cookie = await startSession(request, { kind: "staff", id: staff.id });
  return redirect(safeRedirect(redirectTo, homeFor(staff)), { headers: { "Set-Cookie": cookie } });
}

/** Ends the session (every copy of the cookie) and returns to the login page. */
export async function signOutStaff(request: Request) {
  return redirect(LOGIN_PATH, { headers: { "Set-Cookie": await endSession(request) } });
}

/** Ends every session of the signed-in staff member, on every device, this one included. */
export async function signOutStaffEverywhere(request: Request) {
  const staff = await requireStaff(request);
  const ended = await endAllSessions({ kind: "staff", id: staff.id });
  await db
    .insert(auditLog)
    .values({ actor: `staff:${staff.id}`, action: "staff.signed_out_everywhere", subject: `staff:${staff.id}`, data: { sessions: ended } });
  return redirect(LOGIN_PATH, { headers: { "Set-Cookie": await endSession(request) } });
}

function loginSubject(email: string) {
  return `staff-login:${email}`;
}
