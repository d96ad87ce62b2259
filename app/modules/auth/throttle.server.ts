import { data } from "@remix-run/node";
import { and, count, eq, gt, max } from "drizzle-orm";
import { db, schema } from "~/utils/db.server";

export const MAX_FAILED_LOGINS = 10;
export const FAILED_LOGIN_WINDOW_MINUTES = 15;

/**
 * Failed logins for a subject (e.g. "customer-login:a@b.c") in the window, not counting those
 * before its last good login. Counted from audit_log rows, so every app process agrees.
 */
export async function recentFailures(subject: string, actions: { failed: string; ok: string }): Promise<number> {
  const { auditLog } = schema;
  const windowStart = new Date(Date.now() - FAILED_LOGIN_WINDOW_MINUTES * 60_000);
  const [lastGood] = await db
    .select({ at: max(auditLog.at) })
    .from(auditLog)
    .where(and(eq(auditLog.subject, subject), eq(auditLog.action, actions.ok), gt(auditLog.at, windowStart)));
  const since = lastGood?.at && lastGood.at > windowStart ? lastGood.at : windowStart;
  const [{ failures }] = await db
    .select({ failures: count() })
    .from(auditLog)
    .where(and(eq(auditLog.subject, subject), eq(auditLog.action, actions.failed), gt(auditLog.at, since)));
  return failures;
}

export const THROTTLED_MESSAGE = `Too many failed sign-in attempts for this email. Try again in ${FAILED_LOGIN_WINDOW_MINUTES} minutes.`;

/** A refused sign-in, as every email + password form answers it: 429 when throttled, else 401 and one generic message. */
export function refusedSignIn(reason: string, email: string, wrongCredentials: string) {
  const throttled = reason === "throttled";
  return data(
    { errors: {} as Record<string, string>, formError: throttled ? THROTTLED_MESSAGE : wrongCredentials, email },
    { status: throttled ? 429 : 401 },
  );
}
