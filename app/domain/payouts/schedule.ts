/**
 * When the weekly payout run happens: Mondays at 06:00 in Nairobi. Kenya keeps East Africa Time
 * (UTC+3) all year, so that is Mondays 03:00 UTC — the worker's crontab (tasks.server.ts) says the
 * same thing in cron's words, and the demo history (db/seed/history.ts) places its last run here.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONDAY = 1;
const RUN_HOUR_UTC = 3;

/** The crontab line graphile-worker reads (UTC). */
export const PAYOUT_CRON = `0 ${RUN_HOUR_UTC} * * ${MONDAY}`;

/** The latest scheduled run at or before `now` (today's, once 06:00 Nairobi has come). */
export function lastScheduledPayoutRun(now: Date): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), RUN_HOUR_UTC);
  const back = (now.getUTCDay() - MONDAY + 7) % 7;
  const candidate = today - back * DAY;
  return new Date(candidate <= now.getTime() ? candidate : candidate - 7 * DAY);
}

/** The next scheduled run strictly after `now`. */
export function nextScheduledPayoutRun(now: Date): Date {
  return new Date(lastScheduledPayoutRun(now).getTime() + 7 * DAY);
}
