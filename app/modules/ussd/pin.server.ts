/**
 * The USSD PIN check. Same rules and the same counters as the app's login (five wrong PINs lock
 * the account for 15 minutes, artisans.pinFailedAttempts / pinLockedUntil), so guessing on one
 * channel cannot continue on the other.
 *
 * Africa's Talking resends a request it got no answer to, with the same session id and text: a wrong
 * PIN is therefore counted once per session (the session's failure is recorded in the audit log and
 * looked up before counting). A session ends at its first wrong PIN, so that is one guess per dial.
 */
import { and, eq } from "drizzle-orm";
import { afterWrongPin, isLocked, MAX_PIN_FAILURES } from "~/modules/artisan-app/pin-rules";
import { verifySecret } from "~/modules/auth/password.server";
import { db, schema } from "~/utils/db.server";

const { artisans, auditLog } = schema;

export type PinCheck = { ok: true } | { ok: false; reason: "wrong"; triesLeft: number } | { ok: false; reason: "locked"; lockedUntil: Date } | { ok: false; reason: "no_pin" };

export async function checkUssdPin(input: { artisanId: number; pin: string; sessionId: string; now?: Date }): Promise<PinCheck> {
  const now = input.now ?? new Date();
  const subject = `ussd-session:${input.sessionId}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ pinHash: artisans.pinHash, failures: artisans.pinFailedAttempts, lockedUntil: artisans.pinLockedUntil })
      .from(artisans)
      .where(eq(artisans.id, input.artisanId))
      .for("update");
    if (!row) return { ok: false, reason: "no_pin" } as const;
    if (isLocked(row.lockedUntil, now)) return { ok: false, reason: "locked", lockedUntil: row.lockedUntil! } as const;
    if (!row.pinHash) return { ok: false, reason: "no_pin" } as const;
    if (await verifySecret(input.pin, row.pinHash)) {
      if (row.failures || row.lockedUntil) await tx.update(artisans).set({ pinFailedAttempts: 0, pinLockedUntil: null }).where(eq(artisans.id, input.artisanId));
      return { ok: true } as const;
    }
    const [counted] = await tx
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.subject, subject), eq(auditLog.action, "artisan.ussd_pin_failed")))
      .limit(1);
    if (counted) {
      // A resend of a request already counted: the same answer, nothing counted again.
      return { ok: false, reason: "wrong", triesLeft: Math.max(0, MAX_PIN_FAILURES - row.failures) } as const;
    }
    const next = afterWrongPin({ failures: row.failures, lockedUntil: row.lockedUntil }, now);
    await tx.update(artisans).set({ pinFailedAttempts: next.failures, pinLockedUntil: next.lockedUntil }).where(eq(artisans.id, input.artisanId));
    await tx.insert(auditLog).values({
      actor: `artisan:${input.artisanId}`,
      action: "artisan.ussd_pin_failed",
      subject,
      data: { failures: next.failures, locked: !!next.lockedUntil },
    });
    if (next.lockedUntil) return { ok: false, reason: "locked", lockedUntil: next.lockedUntil } as const;
    return { ok: false, reason: "wrong", triesLeft: MAX_PIN_FAILURES - next.failures } as const;
  });
}
