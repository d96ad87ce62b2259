/**
 * PIN and one-time-code rules. Pure: the numbers and decisions, no I/O, so they are tested in
 * milliseconds and the same on every app instance. How many wrong PINs lock a phone, and for how
 * long, is the one throttle's rule (THROTTLES.artisanPin in ~/domain/accounts/throttle-rules).
 */
export const OTP_TTL_MINUTES = 10;
export const OTP_MAX_ATTEMPTS = 5;
export const OTP_RESEND_SECONDS = 60;

export const PIN_PATTERN = /^\d{4,6}$/;
export const OTP_PATTERN = /^\d{6}$/;

/** True when another code may be sent: the last one went out at least a minute ago. */
export function canSendOtp(lastSentAt: Date | null | undefined, now: Date): boolean {
  return !lastSentAt || now.getTime() - lastSentAt.getTime() >= OTP_RESEND_SECONDS * 1000;
}

/** A uniformly random 6-digit code, from the caller's random source (crypto on the server). */
export function formatOtp(random: number): string {
  return String(Math.floor(random) % 1_000_000).padStart(6, "0");
}
