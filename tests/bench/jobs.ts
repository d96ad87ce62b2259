/**
 * The job worker's CPU per order: what an order costs after its requests are answered (its
 * `order_placed` job — the confirmation email rendered and queued, the sale in the ledger —, the
 * emails and SMS it queues, the dispatch plan and the artisans' offers). The bench runs the app with
 * WORKER=false, so the checkout steps leave their jobs queued; here one more app process, as
 * `npm start` runs it (worker on, no HTTP traffic), runs them all, and its CPU from ready until no
 * job is runnable is divided by the orders whose `order_placed` job it ran. Jobs due later (the
 * review request days after delivery, a charge's reconcile) are not counted and not waited for.
 */
import postgres from "postgres";
import { processTreeCpuSeconds, sleep, startApp } from "./harness";
import { record } from "./report";

const DRAIN_LIMIT_MS = 300_000;

type Waiting = { task: string; n: number };

export async function benchJobs({ databaseUrl }: { databaseUrl: string }) {
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
    const worker = await startApp({ databaseUrl, env: { WORKER: "true" } });
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
    const mix = before
      .slice(0, 5)
      .map((w) => `${w.n} ${w.task}`)
      .join(", ");
    record({
      section: "jobs",
      metric: "worker CPU per order (its jobs run after the checkout steps, one worker process)",
      value: `${(cpuMs / orders).toFixed(1)} ms an order (${orders} orders, ${jobs} jobs queued: ${mix}${before.length > 5 ? ", …" : ""}; ${drained ? `drained in ${seconds.toFixed(1)} s` : `NOT drained in ${seconds.toFixed(0)} s: ${left.map((w) => `${w.n} ${w.task}`).join(", ")}`}${failed ? `; ${failed} failed` : ""})`,
      budget: "",
      verdict: "info",
      data: { orders, jobs, before, cpuMs, seconds, drained, failed },
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
