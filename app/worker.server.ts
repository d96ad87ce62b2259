import type { Runner, Task } from "graphile-worker";
import type { JobName } from "~/lib/jobs/jobs";
import { quietLogger } from "#db/migrate";
import { runWithLiveness } from "~/lib/jobs/liveness.server";
import { sendEmailTask } from "~/domain/notifications/index.server";
import { sendSmsTask } from "~/domain/messaging/index.server";
import { remindDueWorkTask } from "~/domain/production/index.server";
import { dispatchRequestsTask, expireOffersTask } from "~/domain/production/index.server";
import { notifyOffersTask } from "~/domain/production/index.server";
import { SALES_SWEEP_CRONTAB, orderPlacedTask, postMissingSalesTask } from "~/domain/orders/index.server";
import { CHARGE_SWEEP_CRONTAB, reconcileChargeTask, reconcileChargesTask } from "~/domain/checkout/index.server";
import { passwordResetTask, signUpTask } from "~/domain/accounts/index.server";
import { purgeSessionsTask } from "~/lib/session.server";
import {
  PRUNE_SIGNUPS_TASK,
  PRUNE_THROTTLES_TASK,
  SIGNUP_PRUNE_CRONTAB,
  THROTTLE_CRONTAB,
  pruneSignUpsTask,
  pruneThrottlesTask,
} from "~/domain/accounts/index.server";
import { PAYOUT_CRONTAB, payoutTasks } from "~/domain/payouts/index.server";
import { INVOICE_CRONTAB, invoiceTasks } from "~/domain/wholesale/index.server";
import { orderShippedTask } from "~/domain/wholesale/index.server";
import { GIFT_CARD_CRONTAB, giftCardTasks } from "~/domain/giftcards/index.server";
import { EDI_CRONTAB, ediOrderShippedTask, ediTasks } from "~/domain/edi/index.server";
import { REVIEW_REQUEST_CRONTAB, requestReviewsTask } from "~/domain/reviews/index.server";
import { expireReturnsTask } from "~/domain/returns/index.server";

/**
 * Every background task, by name: exactly the jobs of ~/lib/jobs/jobs (one missing, or one more,
 * does not compile). A domain's tasks are registered here, outside the domains.
 */
export const taskList: { [Name in JobName]: Task } = {
  send_email: sendEmailTask,
  send_sms: sendSmsTask,
  remind_due_work: remindDueWorkTask,
  order_placed: orderPlacedTask,
  post_missing_sales: postMissingSalesTask,
  // A shipped order: a wholesale order's buyers get the packing list; one that came by EDI, its 856 and 810 (each idempotent, so a retry repeats nothing).
  order_shipped: async (payload, helpers) => {
    await orderShippedTask(payload, helpers);
    await ediOrderShippedTask(payload, helpers);
  },
  reconcile_charge: reconcileChargeTask,
  reconcile_charges: reconcileChargesTask,
  dispatch_requests: dispatchRequestsTask,
  expire_offers: expireOffersTask,
  notify_offers: notifyOffersTask,
  customer_password_reset: passwordResetTask,
  customer_signup: signUpTask,
  purge_sessions: purgeSessionsTask,
  [PRUNE_THROTTLES_TASK]: pruneThrottlesTask,
  [PRUNE_SIGNUPS_TASK]: pruneSignUpsTask,
  ...payoutTasks(),
  ...invoiceTasks(),
  ...giftCardTasks(),
  ...ediTasks(),
  request_reviews: requestReviewsTask,
  expire_returns: expireReturnsTask,
};

/** A crontab line for one of the jobs (a typo in its name does not compile). */
function cron(schedule: string, job: JobName, options = ""): string {
  return `${schedule} ${job}${options ? ` ${options}` : ""}`;
}

/**
 * Jobs fetched (and locked, in this pool's name: liveness covers them) a batch at a time, and
 * completions sent together: measured with `npm run bench -- --only checkout,jobs` at load ~15,
 * 8.5 → 5.9 ms of worker CPU an order and 31 → 61 orders/s drained (docs/performance.md). A batch of
 * completions that fails is retried (app/patches/graphile-worker+0.17.3.patch).
 */
export const workerPreset = (concurrency: number) => ({
  worker: { localQueue: { size: concurrency * 4 }, completeJobBatchDelay: 0, failJobBatchDelay: 0 },
});

export async function startWorker(connectionString: string, concurrency = 4): Promise<Runner> {
  // A job locked by a worker that died (kill -9, a lost machine) is free again within a minute.
  return runWithLiveness({
    connectionString,
    taskList,
    concurrency,
    logger: quietLogger,
    noHandleSignals: true,
    pollInterval: 1000,
    preset: workerPreset(concurrency),
    // Offers that ran out go to the next artisan; any request left unplanned is retried; expired sessions, stale throttle counters and spent sign-ups go; charges left without their order get their reconcile job.
    crontab: [
      cron("* * * * *", "expire_offers"),
      cron("*/10 * * * *", "dispatch_requests", "?queue=dispatch&jobKey=dispatch:all"),
      cron("0 6 * * *", "remind_due_work", "?jobKey=remind_due_work"),
      cron("17 * * * *", "purge_sessions", "?jobKey=purge_sessions"),
      cron("23 * * * *", "expire_returns", "?jobKey=expire_returns"),
      PAYOUT_CRONTAB,
      INVOICE_CRONTAB,
      THROTTLE_CRONTAB,
      SIGNUP_PRUNE_CRONTAB,
      GIFT_CARD_CRONTAB,
      EDI_CRONTAB,
      REVIEW_REQUEST_CRONTAB,
      SALES_SWEEP_CRONTAB,
      CHARGE_SWEEP_CRONTAB,
    ].join("\n"),
  });
}
