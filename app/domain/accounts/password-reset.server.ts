/**
 * "Forgot your password?" for shopper accounts.
 *
 * 1. requestPasswordReset (the /account/forgot form): throttled per email and per client address
 *    (./throttle.server, counted atomically before anything else), then only a job is queued, with
 *    the same answer and the same work whether or not an account exists, so neither the page nor
 *    its timing tells anyone which emails have accounts.
 * 2. issuePasswordReset (that job): for an account WITH a password only (a guest row without one must
 *    never get a link that would let someone claim the guest's orders), revokes older live links,
 *    stores the hash of a new token and queues the email, all in one transaction.
 * 3. resetPassword (the /account/reset form): a live token sets the new password, is used up, and
 *    revokes every other live link of that customer, in one transaction.
 */
import { redirect } from "@remix-run/node";
import { and, eq, isNotNull, isNull, ne, sql } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { z } from "zod";
import { enqueueJob } from "~/lib/jobs/enqueue.server";
import { queueEmail } from "~/domain/notifications/index.server";
import { db, schema } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { ACCOUNT_PATH, LOGIN_OK_ACTION, startCustomerSession, type Customer } from "./customer.server";
import { markEmailVerified } from "./email-verification.server";
import { hashSecret } from "./password.server";
import {
  RESET_TOKEN_LIFETIME_MINUTES,
  hashResetToken,
  isWellFormedResetToken,
  newResetToken,
  resetTokenState,
  resetUrl,
  type ResetTokenState,
} from "./password-reset";
import { normalizeEmail } from "./staff.server";
import { THROTTLES, beginAttempt, clearCounter, counters } from "./throttle.server";
import { tryAgainIn } from "./throttle-rules";

export { RESET_TOKEN_LIFETIME_MINUTES, clientAddress } from "./password-reset";

/** Requests per email, and per client address, in a window (THROTTLES.resetEmail, THROTTLES.resetAddress). */
export const MAX_RESET_REQUESTS_PER_EMAIL = THROTTLES.resetEmail.maxFailures;
export const MAX_RESET_REQUESTS_PER_ADDRESS = THROTTLES.resetAddress.maxFailures;
export const RESET_WINDOW_MINUTES = THROTTLES.resetEmail.windowMinutes;

export const RESET_REQUESTED_ACTION = "customer.password_reset_requested";
export const RESET_DONE_ACTION = "customer.password_reset";
export const PASSWORD_RESET_TASK = "customer_password_reset" as const;

/** The one answer to every accepted request, whether or not the address has an account. */
export const RESET_REQUESTED_MESSAGE = `If an account exists for that address, we've sent a link to reset the password. It works for ${RESET_TOKEN_LIFETIME_MINUTES / 60} hour.`;
/** The answer to a throttled request, with when to come back. */
export function resetThrottledMessage(lockedUntil: Date, now = new Date()) {
  return `Too many password reset requests for this email or from your network. ${tryAgainIn(lockedUntil, now)}`;
}

const { customers, customerPasswordResets, auditLog } = schema;

export type RequestResult = { ok: true } | { ok: false; reason: "throttled"; lockedUntil: Date };

/**
 * Asks for a reset link to be sent to `email` if it belongs to an account. Counts against the
 * email and the client address (null when unknown: then only the email counts) before anything
 * else, so parallel requests cannot pass the limit; refused requests are not counted, so waiting
 * out the lock always works. The lookup happens in the job.
 */
export async function requestPasswordReset(input: { email: string; address: string | null; now?: Date }): Promise<RequestResult> {
  const email = normalizeEmail(input.email);
  const gate = await beginAttempt(
    counters({ rule: THROTTLES.resetEmail, key: email }, { rule: THROTTLES.resetAddress, address: input.address }),
    input.now,
  );
  if (!gate.ok) return { ok: false, reason: "throttled", lockedUntil: gate.lockedUntil };

  await db.transaction(async (tx) => {
    await tx
      .insert(auditLog)
      .values({ actor: "anonymous", action: RESET_REQUESTED_ACTION, subject: emailSubject(email), data: { address: input.address } });
    // One pending job per email: a double submit replaces it instead of sending two links.
    await enqueueJob(tx, PASSWORD_RESET_TASK, { email }, { jobKey: `password-reset:${email}`, maxAttempts: 5 });
  });
  return { ok: true };
}

/**
 * Issues a link for the account with this email, if it has a password; returns null (and sends
 * nothing) otherwise. Older live links of the customer are revoked. The token is returned for tests
 * only: what is stored is its hash, and it travels in the email.
 */
export async function issuePasswordReset(
  rawEmail: string,
  options: { now?: Date } = {},
): Promise<{ resetId: number; token: string } | null> {
  const email = normalizeEmail(rawEmail);
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    // Locked: two requests for one customer issue one after the other, so only the newest link stays live.
    const [customer] = await tx
      .select({ id: customers.id, email: customers.email, name: customers.name })
      .from(customers)
      .where(and(sql`lower(${customers.email}) = ${email}`, isNotNull(customers.passwordHash)))
      .for("update")
      .limit(1);
    if (!customer) return null;
    await tx
      .update(customerPasswordResets)
      .set({ revokedAt: now })
      .where(
        and(
          eq(customerPasswordResets.customerId, customer.id),
          isNull(customerPasswordResets.usedAt),
          isNull(customerPasswordResets.revokedAt),
        ),
      );
    const { token, hash, expiresAt } = newResetToken(now);
    const [reset] = await tx
      .insert(customerPasswordResets)
      .values({ customerId: customer.id, tokenHash: hash, expiresAt, createdAt: now })
      .returning({ id: customerPasswordResets.id });
    await queueEmail(tx, {
      template: "password-reset",
      to: customer.email,
      dedupeKey: `password-reset:${reset.id}`,
      props: {
        customerName: customer.name || undefined,
        resetUrl: resetUrl(env().PUBLIC_URL, token),
        expiresInMinutes: RESET_TOKEN_LIFETIME_MINUTES,
      },
    });
    return { resetId: reset.id, token };
  });
}

const taskPayload = z.object({ email: z.string().min(1).max(254) });

/** The graphile-worker task `customer_password_reset`, payload `{ email }`. */
export const passwordResetTask: Task = async (payload) => {
  const { email } = taskPayload.parse(payload);
  await issuePasswordReset(email);
};

export type ResetCheck = { ok: true; email: string } | { ok: false; reason: "malformed" | "unknown" | Exclude<ResetTokenState, "live"> };

/** Whether a link's token can still set a password (for the page, before the form is filled in). */
export async function checkResetToken(token: unknown, now = new Date()): Promise<ResetCheck> {
  if (!isWellFormedResetToken(token)) return { ok: false, reason: "malformed" };
  const [row] = await db
    .select({
      usedAt: customerPasswordResets.usedAt,
      revokedAt: customerPasswordResets.revokedAt,
      expiresAt: customerPasswordResets.expiresAt,
      email: customers.email,
      passwordHash: customers.passwordHash,
    })
    .from(customerPasswordResets)
    .innerJoin(customers, eq(customers.id, customerPasswordResets.customerId))
    .where(eq(customerPasswordResets.tokenHash, hashResetToken(token)))
    .limit(1);
  if (!row?.passwordHash) return { ok: false, reason: "unknown" };
  const state = resetTokenState(row, now);
  return state === "live" ? { ok: true, email: row.email } : { ok: false, reason: state };
}

export type ResetResult = { ok: true; customer: Customer } | Extract<ResetCheck, { ok: false }>;

/**
 * Sets the new password with a live token, once. Everything or nothing: the password, the token
 * marked used, the customer's other live links revoked, and the audit rows.
 */
export async function resetPassword(token: unknown, password: string, options: { now?: Date } = {}): Promise<ResetResult> {
  if (!isWellFormedResetToken(token)) return { ok: false, reason: "malformed" };
  const now = options.now ?? new Date();
  const passwordHash = await hashSecret(password); // before the transaction: ~40 ms of CPU
  return db.transaction(async (tx): Promise<ResetResult> => {
    // Locked: the same link submitted twice at once sets the password once; the second finds it used.
    const [row] = await tx
      .select({
        id: customerPasswordResets.id,
        customerId: customerPasswordResets.customerId,
        usedAt: customerPasswordResets.usedAt,
        revokedAt: customerPasswordResets.revokedAt,
        expiresAt: customerPasswordResets.expiresAt,
      })
      .from(customerPasswordResets)
      .where(eq(customerPasswordResets.tokenHash, hashResetToken(token)))
      .for("update")
      .limit(1);
    if (!row) return { ok: false, reason: "unknown" };
    const state = resetTokenState(row, now);
    if (state !== "live") return { ok: false, reason: state };
    // Only accounts that already had a password: a reset never turns a guest row into an account.
    const [customer] = await tx
      .update(customers)
      .set({ passwordHash })
      .where(and(eq(customers.id, row.customerId), isNotNull(customers.passwordHash)))
      .returning({ id: customers.id, email: customers.email, name: customers.name, createdAt: customers.createdAt });
    if (!customer) return { ok: false, reason: "unknown" };
    await tx.update(customerPasswordResets).set({ usedAt: now }).where(eq(customerPasswordResets.id, row.id));
    await tx
      .update(customerPasswordResets)
      .set({ revokedAt: now })
      .where(
        and(
          eq(customerPasswordResets.customerId, customer.id),
          ne(customerPasswordResets.id, row.id),
          isNull(customerPasswordResets.usedAt),
          isNull(customerPasswordResets.revokedAt),
        ),
      );
    const email = normalizeEmail(customer.email);
    await tx.insert(auditLog).values([
      { actor: `customer:${customer.id}`, action: RESET_DONE_ACTION, subject: emailSubject(email), data: { resetId: row.id } },
      { actor: `customer:${customer.id}`, action: LOGIN_OK_ACTION, subject: `customer-login:${email}`, data: { via: "password_reset" } },
    ]);
    // The link reached the account's inbox: that proves the email, so its guest orders join the account.
    await markEmailVerified(tx, customer.id, now, "password_reset");
    // The reset signs them in: like a good sign-in, it clears the email's sign-in lock.
    await clearCounter(tx, THROTTLES.customerPassword, email);
    return { ok: true, customer };
  });
}

/** Signs the customer in after a reset and goes to the account page with a success message. */
export async function signInAfterReset(request: Request, customer: Pick<Customer, "id">) {
  const cookie = await startCustomerSession(request, customer.id, {
    flash: { kind: "success", message: "Your password has been changed and you're signed in." },
  });
  return redirect(ACCOUNT_PATH, { status: 303, headers: { "Set-Cookie": cookie } });
}

function emailSubject(email: string) {
  return `password-reset:${email}`;
}
