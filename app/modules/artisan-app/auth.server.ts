/**
 * Artisan sign-in: phone + PIN, a lock after five wrong PINs, and PIN (re)set by a one-time code
 * sent by SMS. Stateless app processes: the failure count and lock live on the artisan row, the
 * codes (hashed) in artisan_otps, the session in the sessions table (a new PIN or deactivation ends
 * every session of the artisan there).
 */
import { randomInt } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { redirect } from "@remix-run/node";
import { hashSecret, verifyAgainstNothing, verifySecret } from "~/modules/auth/password.server";
import { db, schema } from "~/utils/db.server";
import { endSession, getSession, startSession } from "~/utils/session.server";
import { t, type Lang } from "./i18n";
import {
  OTP_MAX_ATTEMPTS, OTP_TTL_MINUTES, afterWrongPin, canSendOtp, formatOtp, isLocked,
} from "./pin-rules";
import { queueArtisanSms } from "./sms.server";

const { artisans, artisanOtps } = schema;

export const ARTISAN_LOGIN_PATH = "/artisan";
export const ARTISAN_HOME_PATH = "/artisan/offers";

/** What every artisan page knows about who is signed in (never the PIN hash). */
export type ArtisanActor = {
  id: number;
  handle: string;
  firstName: string;
  lastName: string;
  phone: string;
  language: Lang;
};

const actorColumns = {
  id: artisans.id, handle: artisans.handle, firstName: artisans.firstName, lastName: artisans.lastName,
  phone: artisans.phone, language: artisans.language, active: artisans.active,
};

/** The active artisan signed in on this request, or null. */
export async function getArtisan(request: Request): Promise<ArtisanActor | null> {
  const session = await getSession(request);
  const artisanId = session.get("artisanId");
  if (typeof artisanId !== "number") return null;
  const [row] = await db.select(actorColumns).from(artisans).where(eq(artisans.id, artisanId)).limit(1);
  if (!row || !row.active) return null;
  const { active: _active, ...actor } = row;
  return actor;
}

/**
 * The signed-in artisan, or a redirect to the login page. Every artisan loader and action calls
 * this first, then scopes every query by the returned id.
 */
export async function requireArtisan(request: Request): Promise<ArtisanActor> {
  const artisan = await getArtisan(request);
  if (!artisan) throw redirect(ARTISAN_LOGIN_PATH);
  return artisan;
}

export type ArtisanLoginResult =
  | { ok: true; artisanId: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "no_pin" }
  | { ok: false; reason: "locked"; lockedUntil: Date };

/**
 * Checks a phone (already normalised to +254…) and PIN. A wrong PIN counts on the artisan row;
 * the fifth locks the account for 15 minutes, during which even the right PIN is refused. The row
 * is locked while checking, so parallel guesses are all counted.
 */
export async function authenticateArtisan(input: { phone: string; pin: string; now?: Date }): Promise<ArtisanLoginResult> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: artisans.id, active: artisans.active, pinHash: artisans.pinHash, failures: artisans.pinFailedAttempts, lockedUntil: artisans.pinLockedUntil })
      .from(artisans)
      .where(eq(artisans.phone, input.phone))
      .for("update");
    if (!row || !row.active) {
      await verifyAgainstNothing(input.pin);
      return { ok: false, reason: "invalid" } as const;
    }
    if (isLocked(row.lockedUntil, now)) return { ok: false, reason: "locked", lockedUntil: row.lockedUntil! } as const;
    if (!row.pinHash) return { ok: false, reason: "no_pin" } as const;
    if (await verifySecret(input.pin, row.pinHash)) {
      if (row.failures || row.lockedUntil) await tx.update(artisans).set({ pinFailedAttempts: 0, pinLockedUntil: null }).where(eq(artisans.id, row.id));
      return { ok: true, artisanId: row.id } as const;
    }
    const next = afterWrongPin({ failures: row.failures, lockedUntil: row.lockedUntil }, now);
    await tx.update(artisans).set({ pinFailedAttempts: next.failures, pinLockedUntil: next.lockedUntil }).where(eq(artisans.id, row.id));
    if (next.lockedUntil) return { ok: false, reason: "locked", lockedUntil: next.lockedUntil } as const;
    return { ok: false, reason: "invalid" } as const;
  });
}

/** Signs the artisan in (a new session) and opens the offers. */
export async function signInArtisan(request: Request, artisanId: number, to = ARTISAN_HOME_PATH) {
  const cookie = await startSession(request, { kind: "artisan", id: artisanId });
  return redirect(to, { headers: { "Set-Cookie": cookie } });
}

/** Ends the artisan's session: every copy of the cookie (a shared phone, a copied one) stops working. */
export async function signOutArtisan(request: Request) {
  return redirect(ARTISAN_LOGIN_PATH, { headers: { "Set-Cookie": await endSession(request) } });
}

export type SendCodeResult = { ok: true } | { ok: false; reason: "wait" };

/**
 * Sends a new 6-digit code by SMS (in the artisan's language) and keeps only its hash, valid for
 * 10 minutes. At most one SMS a minute per artisan. An unknown phone gets the same answer and no
 * SMS, so the form doesn't tell strangers who works with Soko. A new code replaces earlier ones.
 */
export async function sendPinCode(input: { phone: string; now?: Date }): Promise<SendCodeResult> {
  const now = input.now ?? new Date();
  const code = formatOtp(randomInt(0, 1_000_000));
  const codeHash = await hashSecret(code);
  return db.transaction(async (tx) => {
    const [artisan] = await tx
      .select({ id: artisans.id, phone: artisans.phone, language: artisans.language, active: artisans.active })
      .from(artisans)
      .where(eq(artisans.phone, input.phone))
      .for("update");
    if (!artisan || !artisan.active) return { ok: true } as const;
    const [last] = await tx
      .select({ createdAt: artisanOtps.createdAt })
      .from(artisanOtps)
      .where(eq(artisanOtps.artisanId, artisan.id))
      .orderBy(desc(artisanOtps.createdAt))
      .limit(1);
    if (!canSendOtp(last?.createdAt, now)) return { ok: false, reason: "wait" } as const;
    await tx.update(artisanOtps).set({ usedAt: now }).where(and(eq(artisanOtps.artisanId, artisan.id), isNull(artisanOtps.usedAt)));
    const [otp] = await tx
      .insert(artisanOtps)
      .values({ artisanId: artisan.id, codeHash, createdAt: now, expiresAt: new Date(now.getTime() + OTP_TTL_MINUTES * 60_000) })
      .returning({ id: artisanOtps.id });
    await queueArtisanSms(tx, { to: artisan.phone, template: "artisan_pin_code", text: t(artisan.language, "pin.sms", { code }), dedupeKey: `artisan-otp:${otp.id}` });
    return { ok: true } as const;
  });
}

export type SetPinResult = { ok: true } | { ok: false; reason: "bad_code" | "too_many" };

/**
 * Sets a new PIN when the code matches the artisan's latest unused, unexpired code. Each wrong
 * code counts; after five the code is dead. A good code is used up, and the PIN lock is lifted.
 */
export async function setPinWithCode(input: { phone: string; code: string; pin: string; now?: Date }): Promise<SetPinResult> {
  const now = input.now ?? new Date();
  const pinHash = await hashSecret(input.pin);
  return db.transaction(async (tx) => {
    const [otp] = await tx
      .select({ id: artisanOtps.id, artisanId: artisanOtps.artisanId, codeHash: artisanOtps.codeHash, expiresAt: artisanOtps.expiresAt, attempts: artisanOtps.attempts })
      .from(artisanOtps)
      .innerJoin(artisans, eq(artisans.id, artisanOtps.artisanId))
      .where(and(eq(artisans.phone, input.phone), eq(artisans.active, true), isNull(artisanOtps.usedAt)))
      .orderBy(desc(artisanOtps.createdAt))
      .limit(1)
      .for("update", { of: artisanOtps });
    if (!otp || otp.expiresAt.getTime() <= now.getTime()) {
      await verifyAgainstNothing(input.code);
      return { ok: false, reason: "bad_code" } as const;
    }
    if (otp.attempts >= OTP_MAX_ATTEMPTS) return { ok: false, reason: "too_many" } as const;
    if (!(await verifySecret(input.code, otp.codeHash))) {
      const attempts = otp.attempts + 1;
      await tx.update(artisanOtps).set({ attempts, ...(attempts >= OTP_MAX_ATTEMPTS ? { usedAt: now } : {}) }).where(eq(artisanOtps.id, otp.id));
      return { ok: false, reason: attempts >= OTP_MAX_ATTEMPTS ? "too_many" : "bad_code" } as const;
    }
    await tx.update(artisanOtps).set({ usedAt: now, attempts: sql`${artisanOtps.attempts} + 1` }).where(eq(artisanOtps.id, otp.id));
    await tx.update(artisans).set({ pinHash, pinFailedAttempts: 0, pinLockedUntil: null }).where(eq(artisans.id, otp.artisanId));
    return { ok: true } as const;
  });
}
