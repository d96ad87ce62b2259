/**
 * The job worker's CPU per order: what an order costs after its requests are answered (its
 * `order_placed` job — the confirmation email rendered and queued, the sale in the ledger —, the
 * emails and SMS it queues, the dispatch plan and the artisans' offers). The bench runs the app with
 * WORKER=false, so the checkout steps leave their jobs queued; here one more app process, as
 * `npm start` runs it (worker on, no HTTP traffic), runs them all, and its CPU from ready until no
 * job is runnable is divided by the orders whose `order_placed` job it ran. Jobs due later (the
 * review request days after delivery) are not counted and not waited for.
 */
import postgres from "postgres";
import { processTreeCpuSeconds, sleep, startApp, type AppTree } from "./harness";
import { record, rows, verdict } from "./report";

const DRAIN_LIMIT_MS = 300_000;
/** Worker CPU an order (docs/performance.md): at most this, one core drains more orders than the app takes over HTTP. */
export const WORKER_CPU_BUDGET_MS = 8;

/** The checkout rate this run measured (over HTTP if it ran, else commitOrder in process), to set the drain rate beside. */
function checkoutRate(): { label: string; ordersPerSecond: number } | null {
  for (const [section, label] of [
    ["checkout over HTTP", "taken over HTTP"],
    ["checkout commit", "committed in process"],
  ] as const) {
    const row = rows.find((r) => r.section === section && typeof r.data?.ordersPerSecond === "number");
    if (row) return { label, ordersPerSecond: row.data!.ordersPerSecond as number };
  }
  return null;
}

type Waiting = { task: string; n: number };

/** `from`: the code the worker runs (tests/bench/side-by-side-jobs.ts gives each side's). */
export async function benchJobs({ databaseUrl, from }: { databaseUrl: string; from?: AppTree }) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const runnable = () =>
      sql<Waiting[]>`select task_identifier as task, count(*)::int as n from graphile_worker.jobs
                      where run_at <= now() and attempts < max_attempts group by 1 order by 2 desc`;
    const before = await runnable();
    const orders = before.find((w) => w.task === "order_placed")?.n ?? 0;
    if (orders === 0) {
      record({
        section: "jobs",
        metric: "worker CPU per order",
        value: "no orders queued (run with the checkout or http step)",
        budget: "",
        verdict: "n/a",
      });
      return;
    }
    const jobs = before.reduce((sum, w) => sum + w.n, 0);
    const worker = await startApp({ databaseUrl, env: { WORKER: "true" }, from });
    const cpuAtStart = processTreeCpuSeconds(worker.pid);
    const started = performance.now();
    let left: Waiting[] = before;
    while (performance.now() - started < DRAIN_LIMIT_MS) {
      await sleep(250);
      const [{ busy }] = await sql<{ busy: number }[]>`select count(*)::int as busy from graphile_worker.jobs where locked_at is not null`;
      left = await runnable();
      if (busy === 0 && left.length === 0) break;
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuMs = (processTreeCpuSeconds(worker.pid) - cpuAtStart) * 1000;
    await worker.stop();
    const [{ failed }] = await sql<
      { failed: number }[]
    >`select count(*)::int as failed from graphile_worker.jobs where last_error is not null`;
    const drained = left.length === 0;
    const cpuPerOrder = cpuMs / orders;
    const drainRate = orders / seconds;
    const taken = checkoutRate();
    const mix = before
      .slice(0, 5)
      .map((w) => `${w.n} ${w.task}`)
      .join(", ");
    record({
      section: "jobs",
      metric: "worker CPU per order (its jobs run after the checkout steps, one worker process)",
      value: `${cpuPerOrder.toFixed(1)} ms an order (${orders} orders, ${jobs} jobs queued: ${mix}${before.length > 5 ? ", …" : ""}; ${drained ? `drained in ${seconds.toFixed(1)} s` : `NOT drained in ${seconds.toFixed(0)} s: ${left.map((w) => `${w.n} ${w.task}`).join(", ")}`}${failed ? `; ${failed} failed` : ""})`,
      budget: `≤ ${WORKER_CPU_BUDGET_MS} ms an order`,
      verdict: verdict(drained && failed === 0 && cpuPerOrder <= WORKER_CPU_BUDGET_MS),
      data: { orders, jobs, before, cpuMs, cpuPerOrder, seconds, drainRate, drained, failed, budgetMs: WORKER_CPU_BUDGET_MS },
    });
    record({
      section: "jobs",
      metric: "orders drained a second by the worker, beside the checkouts taken",
      value: `${drainRate.toFixed(1)} orders/s drained${taken ? ` (${Math.round(taken.ordersPerSecond)} orders/s ${taken.label} in this run)` : ""}; one core's worth at this CPU: ${Math.round(1000 / cpuPerOrder)} orders/s`,
      budget: "",
      verdict: "info",
      data: { drainRate, oneCoreRate: 1000 / cpuPerOrder, checkoutRate: taken?.ordersPerSecond ?? null },
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
