/**
 * Who may use the register: the same staff accounts and signed session as the operations console,
 * with the flagship's roles (cashier, manager; admin passes everywhere). Signed-out visitors are
 * sent to the POS sign-in at /pos rather than the console's.
 */
import { redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { verifyAgainstNothing, verifySecret } from "~/domain/accounts/index.server";
import { getStaff, hasRole, normalizeEmail, staffCounters, type Staff } from "~/domain/accounts/index.server";
import { attemptSucceeded, beginAttempt } from "~/domain/accounts/index.server";
import { tryAgainIn } from "~/domain/accounts";
import { db, schema } from "~/lib/db.server";
import { endSession } from "~/lib/session.server";

export const POS_ROLES = ["cashier", "manager"] as const;
export const POS_HOME = "/pos";

export async function requirePosStaff(request: Request): Promise<Staff> {
  const staff = await getStaff(request);
  if (!staff) {
    const url = new URL(request.url);
    const back = request.method === "GET" ? `${url.pathname}${url.search}` : url.pathname;
    throw redirect(`${POS_HOME}?${new URLSearchParams({ redirectTo: back })}`);
  }
  if (!hasRole(staff, POS_ROLES)) {
    throw new Response("The register is for flagship staff: your account needs the cashier or manager role.", { status: 403 });
  }
  return staff;
}

export const actorOf = (staff: Pick<Staff, "id">) => `staff:${staff.id}`;

export type Approval = { ok: true; managerId: number; managerName: string } | { ok: false; status: 403 | 429; message: string };

/**
 * A manager's approval for a large discount: a manager signed in at the register approves by
 * being there; otherwise a manager types their email and password (their staff password: staff accounts
 * have one secret) on the cashier's screen. That is a sign-in by another door, so it is throttled
 * as one, on the same counters: the manager's email (shared with /ops and /pos sign-in) and the
 * register's client address, counted before the password is checked. Failures are audited.
 */
export async function managerApproval(
  staff: Staff,
  input: { email?: string | null; pin?: string | null; address?: string | null; now?: Date },
): Promise<Approval> {
  if (hasRole(staff, ["manager"])) return { ok: true, managerId: staff.id, managerName: staff.name };
  const email = normalizeEmail(input.email ?? "");
  const pin = input.pin ?? "";
  if (!email || !pin)
    return {
      ok: false,
      status: 403,
      message: "A discount above 20% needs a manager's approval: the manager enters their email and password.",
    };
  const gate = await beginAttempt(staffCounters(email, input.address), input.now);
  if (!gate.ok) {
    const who = gate.rule.per === "address" ? "from this register's network" : "for that manager";
    return {
      ok: false,
      status: 429,
      message: `Too many wrong manager passwords ${who}: the discount above 20% was not approved. ${tryAgainIn(gate.lockedUntil, gate.now)} A manager signed in at the register can still approve it.`,
    };
  }
  const [manager] = await db.select().from(schema.staffUsers).where(eq(schema.staffUsers.email, email)).limit(1);
  const secretOk = manager ? await verifySecret(pin, manager.passwordHash) : await verifyAgainstNothing(pin);
  if (!manager || !secretOk || !manager.active || !hasRole(manager, ["manager"])) {
    await db.insert(schema.auditLog).values({
      actor: actorOf(staff),
      action: "pos.approval_failed",
      subject: `staff-approval:${email}`,
      data: { address: input.address ?? null },
    });
    return {
      ok: false,
      status: 403,
      message: "That email and password don't match an active manager. The discount above 20% was not approved.",
    };
  }
  await attemptSucceeded(gate);
  return { ok: true, managerId: manager.id, managerName: manager.name };
}

export async function signOutPos(request: Request) {
  return redirect(POS_HOME, { headers: { "Set-Cookie": await endSession(request) } });
}
