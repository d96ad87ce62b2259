import { FLAGSHIP_TIME_ZONE } from "~/lib/time";
/**
 * When an offline sale can be booked as it was sent. The register stamps each queued sale with its
 * own clock; a sale stamped outside the shift it syncs into — before the shift opened, or later than
 * now — is a wrong tablet clock or a replayed or forged sale, so it is held for a manager instead.
 */

/** How far a tablet's clock may drift from the server's before its sales are held (stated on /pos/shift). */
export const OFFLINE_CLOCK_SKEW_MS = 5 * 60_000;

/** The flagship's clock: what the cashier and the manager read on /pos/shift. */
export const STORE_TIME_ZONE = FLAGSHIP_TIME_ZONE;
const storeTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: STORE_TIME_ZONE });
const when = (date: Date) => storeTime.format(date);

/** Why this sale is held for a manager, or null when it fits the shift (no stamp: sold now). */
export function offlineSaleTimeProblem(soldAt: Date | null, shiftOpenedAt: Date, now: Date): string | null {
  if (!soldAt) return null;
  if (soldAt.getTime() < shiftOpenedAt.getTime() - OFFLINE_CLOCK_SKEW_MS) {
    return `It says it was sold at ${when(soldAt)}, before this shift opened (${when(shiftOpenedAt)}).`;
  }
  if (soldAt.getTime() > now.getTime() + OFFLINE_CLOCK_SKEW_MS) {
    return `It says it was sold at ${when(soldAt)}, later than now (${when(now)}): the tablet's clock is wrong.`;
  }
  return null;
}
