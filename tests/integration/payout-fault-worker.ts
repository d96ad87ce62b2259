/**
 * A payout worker process for the fault test (tests/integration/payout-fault.test.ts): graphile-worker
 * with the payouts module's tasks and the local simulator, slowed down so that a SIGKILL lands
 * between "the provider accepted" and "we recorded it". Every request the provider receives is
 * appended (synchronously, so it survives the kill) to PROVIDER_LOG as "<idempotency key>".
 */
import { appendFileSync } from "node:fs";
import { Logger } from "graphile-worker";
import { runWithLiveness } from "~/lib/jobs/liveness.server";
import { taskList } from "~/worker.server";
import { simulatedProvider } from "~/domain/payouts/simulated-provider.server";
import type { PayoutProvider } from "~/domain/payouts/provider";
import { payoutTasks } from "~/domain/payouts/tasks.server";

const log = process.env.PROVIDER_LOG!;
const slowMs = Number(process.env.PROVIDER_SLOW_MS ?? 150);
// PROVIDER_HANG_AFTER=n: every request after the first n is accepted and then never answered, so the
// kill is sure to land between "M-Pesa accepted" and "we recorded it", however busy the machine.
const hangAfter = process.env.PROVIDER_HANG_AFTER ? Number(process.env.PROVIDER_HANG_AFTER) : Infinity;
let requests = 0;
const inner = simulatedProvider({ delayMs: 0 });
const provider: PayoutProvider = {
  ...inner,
  async requestPayment(request) {
    appendFileSync(log, `${request.idempotencyKey}\n`);
    const accepted = await inner.requestPayment(request);
    const wait = ++requests > hangAfter ? 600_000 : slowMs;
    await new Promise((resolve) => setTimeout(resolve, wait));
    return accepted;
  },
};

// As the app runs its workers: with liveness, so a restarted worker frees a killed one's jobs.
const runner = await runWithLiveness({
  connectionString: process.env.DATABASE_URL!,
  // Every task (the payout SMS has its own send job), with the payout ones on the logging provider.
  taskList: { ...taskList, ...payoutTasks(() => provider) },
  concurrency: 2,
  pollInterval: 50,
  noHandleSignals: true,
  logger: new Logger(() => () => {}),
});
process.stdout.write("worker ready\n");
await runner.promise;
