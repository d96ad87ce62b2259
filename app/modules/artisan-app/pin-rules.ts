/**
 * PIN and one-time-code rules. Pure: the numbers and decisions, no I/O, so they are tested in
 * milliseconds and the same on every app instance (the state itself lives on the artisan row).
 */
export const MAX_PIN_FAILURES = 5;
export const PIN_LOCK_MINUTES = 15;
export const OTP_TTL_MINUTES = 10;
export const OTP_MAX_ATTEMPTS = 5;
export const OTP_RESEND_SECONDS = 60;

export const PIN_PATTERN = /^\d{4,6}$/;
export const OTP_PATTERN = /^\d{6}$/;

export function isLocked(lockedUntil: Date | null | undefined, now: Date): boolean {
  return !!lockedUntil && lockedUntil.getTime() > now.getTime();
}

/**
 * After a wrong PIN: the new failure count and, on the fifth failure, the lock's end. A lock that
 * has run out starts the count again from zero.
 */
export function afterWrongPin(state: { failures: number; lockedUntil: Date | null }, now: Date): { failures: number; lockedUntil: Date | null } {
  const lockExpired = !!state.lockedUntil && state.lockedUntil.getTime() <= now.getTime();
  const failures = (lockExpired ? 0 : state.failures) + 1;
  if (failures >= MAX_PIN_FAILURES) return { failures, lockedUntil: new Date(now.getTime() + PIN_LOCK_MINUTES * 60_000) };
  return { failures, lockedUntil: null };
}

/** True when another code may be sent: the last one went out at least a minute ago. */
export function canSendOtp(lastSentAt: Date | null | undefined, now: Date): boolean {
  return !lastSentAt || now.getTime() - lastSentAt.getTime() >= OTP_RESEND_SECONDS * 1000;
}

/** A uniformly random 6-digit code, from the caller's random source (crypto on the server). */
export function formatOtp(random: number): string {
  return String(Math.floor(random) % 1_000_000).padStart(6, "0");
}
