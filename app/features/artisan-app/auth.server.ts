/**
 * Artisan sign-in: phone + PIN, a lock after five wrong PINs, and PIN (re)set by a one-time code
 * sent by SMS. Stateless app processes: the PIN's counter is the one throttle's (auth_throttles,
 * THROTTLES.artisanPin by phone), shared with USSD so guesses cannot move between channels; the
 * codes (hashed) are in artisan_otps, the session in the sessions table (a new PIN or deactivation
 * ends every session of the artisan there).
 */
import { randomInt } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { redirect } from "@remix-run/node";
import { hashSecret, verifyAgainstNothing, verifySecret } from "~/domain/accounts/index.server";
import { THROTTLES, attemptSucceeded, attemptWithdrawn, beginAttempt, clearCounter, counters } from "~/domain/accounts/index.server";
import { db, schema } from "~/lib/db.server";
import { endSession, getSession, startSession, type Flash } from "~/lib/session.server";
import { t, type Lang } from "~/domain/artisans";
import { OTP_MAX_ATTEMPTS, OTP_TTL_MINUTES, canSendOtp, formatOtp } from "~/domain/accounts";
import { queueArtisanSms } from "~/domain/messaging/index.server";

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
  id: artisans.id,
  handle: artisans.handle,
  firstName: artisans.firstName,
  lastName: artisans.lastName,
  phone: artisans.phone,
  language: artisans.language,
  active: artisans.active,
};

/** The active artisan signed in on this request, or null. */
export async function getArtisan(request: Request): Promise<ArtisanActor | null> {
  const session = await getSession(request);
  const artisanId = session.get("artisanId");
  if (typeof artisanId !== "number") return null;
  const [row] = await db.select(actorColumns).from(artisans).where(eq(artisans.id, artisanId)).limit(1);
  if (!row?.active) return null;
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
  | { ok: false; reason: "locked"; lockedUntil: Date; per: "account" | "address" };

/**
 * Checks a phone (already normalised to +254…) and PIN. Every attempt is counted against the phone
 * (the same counter as USSD) and the client address before the PIN is checked; the fifth wrong PIN
 * locks the phone (15 minutes, then longer: THROTTLES.artisanPin), during which even the right PIN
 * is refused unchecked. An unknown phone is counted and answered like a wrong PIN.
 */
export async function authenticateArtisan(input: {
  phone: string;
  pin: string;
  address?: string | null;
  now?: Date;
}): Promise<ArtisanLoginResult> {
  const gate = await beginAttempt(pinCounters(input.phone, input.address), input.now);
  if (!gate.ok) return { ok: false, reason: "locked", lockedUntil: gate.lockedUntil, per: gate.rule.per };
  const [row] = await db
    .select({ id: artisans.id, active: artisans.active, pinHash: artisans.pinHash })
    .from(artisans)
    .where(eq(artisans.phone, input.phone));
  if (row?.active && !row.pinHash) {
    // Nothing to guess: not counted (she is told to get a code, which anyone could learn anyway).
    await attemptWithdrawn(gate);
    return { ok: false, reason: "no_pin" };
  }
  const pinOk = row?.active && row.pinHash ? await verifySecret(input.pin, row.pinHash) : await verifyAgainstNothing(input.pin);
  if (row && pinOk) {
    await attemptSucceeded(gate);
    return { ok: true, artisanId: row.id };
  }
  if (gate.locksNow) return { ok: false, reason: "locked", lockedUntil: gate.lockedUntil!, per: "account" };
  return { ok: false, reason: "invalid" };
}

export type PinCheck = { ok: true } | Exclude<ArtisanLoginResult, { ok: true }>;

/**
 * The signed-in artisan's PIN asked again before something a stolen session must not do alone (a
 * new M-Pesa number for her payouts): counted like a sign-in (the same phone and address counters,
 * so guesses here and at sign-in add up and lock both), and right only for her own account.
 */
export async function confirmArtisanPin(input: {
  artisanId: number;
  phone: string;
  pin: string;
  address?: string | null;
  now?: Date;
}): Promise<PinCheck> {
  const result = await authenticateArtisan({ phone: input.phone, pin: input.pin, address: input.address, now: input.now });
  if (!result.ok) return result;
  return result.artisanId === input.artisanId ? { ok: true } : { ok: false, reason: "invalid" };
}

/** An artisan PIN's counters: the phone's (app and USSD alike) and, in the app, the client address's. */
export function pinCounters(phone: string, address?: string | null) {
  return counters({ rule: THROTTLES.artisanPin, key: phone }, { rule: THROTTLES.pinAddress, address });
}

/**
 * Signs the artisan in (a new session) and opens the offers. `language` is the one the page she
 * signed in on was shown in: it becomes her profile's (the app, SMS and USSD speak it from now on),
 * so what she read before signing in is what she reads after. Profile can change it again.
 */
export async function signInArtisan(request: Request, artisanId: number, options: { language?: Lang; flash?: Flash; to?: string } = {}) {
  if (options.language) await saveLanguage(artisanId, options.language);
  const cookie = await startSession(request, { kind: "artisan", id: artisanId }, { flash: options.flash });
  return redirect(options.to ?? ARTISAN_HOME_PATH, { headers: { "Set-Cookie": cookie } });
}

async function saveLanguage(artisanId: number, language: Lang) {
  await db
    .update(artisans)
    .set({ language })
    .where(and(eq(artisans.id, artisanId), sql`${artisans.language} <> ${language}`));
}

/** Ends the artisan's session: every copy of the cookie (a shared phone, a copied one) stops working. */
export async function signOutArtisan(request: Request) {
  return redirect(ARTISAN_LOGIN_PATH, { headers: { "Set-Cookie": await endSession(request) } });
}

export type SendCodeResult =
  | { ok: true }
  | { ok: false; reason: "wait" }
  | { ok: false; reason: "throttled"; lockedUntil: Date; per: "account" | "address" };

/**
 * Sends a new 6-digit code by SMS (in the artisan's language) and keeps only its hash, valid for
 * 10 minutes. At most one SMS a minute per artisan, and few an hour per phone and per client
 * address (THROTTLES.pinCodePhone, THROTTLES.pinCodeAddress, counted before anything else). An
 * unknown phone gets the same answer, is counted the same, and gets no SMS, so the form doesn't
 * tell strangers who works with Soko. A new code replaces earlier ones.
 */
export async function sendPinCode(input: { phone: string; address?: string | null; now?: Date }): Promise<SendCodeResult> {
  const now = input.now ?? new Date();
  const gate = await beginAttempt(
    counters({ rule: THROTTLES.pinCodePhone, key: input.phone }, { rule: THROTTLES.pinCodeAddress, address: input.address }),
    now,
  );
  if (!gate.ok) return { ok: false, reason: "throttled", lockedUntil: gate.lockedUntil, per: gate.rule.per };
  const code = formatOtp(randomInt(0, 1_000_000));
  const codeHash = await hashSecret(code);
  const result = await db.transaction(async (tx) => {
    const [artisan] = await tx
      .select({ id: artisans.id, phone: artisans.phone, language: artisans.language, active: artisans.active })
      .from(artisans)
      .where(eq(artisans.phone, input.phone))
      .for("update");
    if (!artisan?.active) return { ok: true } as const;
    const [last] = await tx
      .select({ createdAt: artisanOtps.createdAt })
      .from(artisanOtps)
      .where(eq(artisanOtps.artisanId, artisan.id))
      .orderBy(desc(artisanOtps.createdAt))
      .limit(1);
    if (!canSendOtp(last?.createdAt, now)) return { ok: false, reason: "wait" } as const;
    await tx
      .update(artisanOtps)
      .set({ usedAt: now })
      .where(and(eq(artisanOtps.artisanId, artisan.id), isNull(artisanOtps.usedAt)));
    const [otp] = await tx
      .insert(artisanOtps)
      .values({ artisanId: artisan.id, codeHash, createdAt: now, expiresAt: new Date(now.getTime() + OTP_TTL_MINUTES * 60_000) })
      .returning({ id: artisanOtps.id });
    await queueArtisanSms(tx, {
      to: artisan.phone,
      template: "artisan_pin_code",
      text: t(artisan.language, "pin.sms", { code }),
      dedupeKey: `artisan-otp:${otp.id}`,
    });
    return { ok: true } as const;
  });
  // "Wait a minute" sent nothing: it does not use up the hour's allowance.
  if (!result.ok) await attemptWithdrawn(gate);
  return result;
}

export type SetPinResult = { ok: true; artisanId: number } | { ok: false; reason: "bad_code" | "too_many" };

/**
 * Sets a new PIN when the code matches the artisan's latest unused, unexpired code. Each wrong
 * code counts; after five the code is dead. A good code is used up, and the PIN lock is lifted
 * (app and USSD: it is one counter). The caller signs her in with the returned id: the code proved
 * the phone and she just chose the PIN, so asking for it again would prove nothing more.
 */
export async function setPinWithCode(input: { phone: string; code: string; pin: string; now?: Date }): Promise<SetPinResult> {
  const now = input.now ?? new Date();
  const pinHash = await hashSecret(input.pin);
  return db.transaction(async (tx) => {
    const [otp] = await tx
      .select({
        id: artisanOtps.id,
        artisanId: artisanOtps.artisanId,
        codeHash: artisanOtps.codeHash,
        expiresAt: artisanOtps.expiresAt,
        attempts: artisanOtps.attempts,
      })
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
      await tx
        .update(artisanOtps)
        .set({ attempts, ...(attempts >= OTP_MAX_ATTEMPTS ? { usedAt: now } : {}) })
        .where(eq(artisanOtps.id, otp.id));
      return { ok: false, reason: attempts >= OTP_MAX_ATTEMPTS ? "too_many" : "bad_code" } as const;
    }
    await tx
      .update(artisanOtps)
      .set({ usedAt: now, attempts: sql`${artisanOtps.attempts} + 1` })
      .where(eq(artisanOtps.id, otp.id));
    const [artisan] = await tx
      .update(artisans)
      .set({ pinHash })
      .where(eq(artisans.id, otp.artisanId))
      .returning({ id: artisans.id, phone: artisans.phone });
    await clearCounter(tx, THROTTLES.artisanPin, artisan.phone);
    return { ok: true, artisanId: artisan.id } as const;
  });
}
