/**
 * A payout worker process for the fault test (tests/integration/payout-fault.test.ts): graphile-worker
 * with the payouts module's tasks and the local simulator, slowed down so that a SIGKILL lands
 * between "the provider accepted" and "we recorded it". Every request the provider receives is
 * appended (synchronously, so it survives the kill) to PROVIDER_LOG as "<idempotency key>".
 */
import { appendFileSync } from "node:fs";
import { Logger, run } from "graphile-worker";
import { taskList } from "~/modules/jobs/worker.server";
import { simulatedProvider } from "~/modules/payouts/simulated-provider.server";
import type { PayoutProvider } from "~/modules/payouts/provider";
import { payoutTasks } from "~/modules/payouts/tasks.server";

const log = process.env.PROVIDER_LOG!;
const slowMs = Number(process.env.PROVIDER_SLOW_MS ?? 150);
const inner = simulatedProvider({ delayMs: 0 });
const provider: PayoutProvider = {
  ...inner,
  async requestPayment(request) {
    appendFileSync(log, `${request.idempotencyKey}\n`);
    const accepted = await inner.requestPayment(request);
    await new Promise((resolve) => setTimeout(resolve, slowMs));
    return accepted;
  },
};

const runner = await run({
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
