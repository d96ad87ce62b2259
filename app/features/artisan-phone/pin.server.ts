/**
 * The USSD PIN check: the app's counter (THROTTLES.artisanPin, keyed by the artisan's phone), so an
 * artisan locked in the app is locked here and the other way round, and guesses cannot move between
 * channels. Each PIN is counted before it is checked. No per-address counter: every USSD request
 * comes from Africa's Talking's gateway, not from the caller.
 *
 * A session ends at its first wrong PIN. Two things follow:
 * - Africa's Talking resends a request it got no answer to (same session id and text): such a resend
 *   gets the same answer and is not counted again. It is recognised by a digest of the session id and
 *   the PIN, keyed with the artisan's PIN hash (so the audit log holds nothing that reveals a PIN
 *   more than the hash itself does).
 * - Any other PIN in a session that already had a wrong one is not from a phone that followed our
 *   END: it is counted and refused without being checked, so a session is worth one guess.
 */
import { createHmac } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { verifySecret } from "~/domain/accounts/index.server";
import { THROTTLES, attemptSucceeded, beginAttempt, counterState } from "~/domain/accounts/index.server";
import { db, schema } from "~/lib/db.server";

const { artisans, auditLog } = schema;

export const USSD_PIN_FAILED_ACTION = "artisan.ussd_pin_failed";

export type PinCheck =
  | { ok: true }
  | { ok: false; reason: "wrong"; triesLeft: number }
  | { ok: false; reason: "locked"; lockedUntil: Date }
  | { ok: false; reason: "no_pin" };

export async function checkUssdPin(input: { artisanId: number; pin: string; sessionId: string; now?: Date }): Promise<PinCheck> {
  const now = input.now ?? new Date();
  const subject = `ussd-session:${input.sessionId}`;
  const [row] = await db
    .select({ phone: artisans.phone, pinHash: artisans.pinHash })
    .from(artisans)
    .where(eq(artisans.id, input.artisanId));
  if (!row?.pinHash) return { ok: false, reason: "no_pin" };

  const attempt = createHmac("sha256", row.pinHash).update(`${input.sessionId}\n${input.pin}`).digest("base64url");
  const earlier = await db
    .select({ data: auditLog.data })
    .from(auditLog)
    .where(and(eq(auditLog.subject, subject), eq(auditLog.action, USSD_PIN_FAILED_ACTION)));
  if (earlier.some((e) => e.data.attempt === attempt)) {
    // A resend of a request already counted: the same answer, nothing counted again.
    const state = await counterState(THROTTLES.artisanPin, row.phone, now);
    return state.lockedUntil
      ? { ok: false, reason: "locked", lockedUntil: state.lockedUntil }
      : { ok: false, reason: "wrong", triesLeft: state.left };
  }

  const gate = await beginAttempt([{ rule: THROTTLES.artisanPin, key: row.phone }], now);
  if (!gate.ok) return { ok: false, reason: "locked", lockedUntil: gate.lockedUntil };
  if (earlier.length === 0 && (await verifySecret(input.pin, row.pinHash))) {
    await attemptSucceeded(gate);
    return { ok: true };
  }
  await db.insert(auditLog).values({
    actor: `artisan:${input.artisanId}`,
    action: USSD_PIN_FAILED_ACTION,
    subject,
    data: { attempt, failures: gate.failures, locked: gate.locksNow, afterWrongPin: earlier.length > 0 },
  });
  if (gate.locksNow) return { ok: false, reason: "locked", lockedUntil: gate.lockedUntil! };
  return { ok: false, reason: "wrong", triesLeft: THROTTLES.artisanPin.maxFailures - gate.failures };
}
