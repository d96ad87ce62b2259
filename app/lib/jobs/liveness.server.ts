/**
 * Jobs held by a dead worker go back to the queue within a minute.
 *
 * graphile-worker (0.17) frees a job locked by a worker that vanished — kill -9, a crash, a lost
 * machine — only after four hours; a paid order's confirmation email (the guest's only link to the
 * order page) would wait that long. So each worker pool announces that it is alive with a session-level
 * PostgreSQL advisory lock named after the id it locks jobs with, held on a connection of its own for as long as
 * the process lives: PostgreSQL drops the lock the moment that connection goes, however the process
 * ended. A sweep in every worker process frees the jobs of any worker id whose lock nobody holds.
 */
import { EventEmitter } from "node:events";
import { run, type Runner, type RunnerOptions, type WorkerEvents } from "graphile-worker";
import { reconnectBackoff } from "#db/client";
import { isDatabaseUnavailable } from "~/lib/db-health";
import { env } from "~/lib/env.server";
import postgres from "postgres";

/** The advisory lock class for worker liveness (any constant no other lock in the app uses). */
const LIVENESS_LOCK_CLASS = 73_556_101;

export type LivenessOptions = {
  /** How often each worker process sweeps (default 15 s, so a dead worker's jobs wait under a minute). */
  sweepIntervalMs?: number;
  /** A job locked more recently than this is never judged: its worker may be taking its lock right now. */
  graceSeconds?: number;
};

const defaults = (options: LivenessOptions) => ({
  sweepIntervalMs: options.sweepIntervalMs ?? env().SOKO_LIVENESS_SWEEP_MS,
  graceSeconds: options.graceSeconds ?? env().SOKO_LIVENESS_GRACE_SECONDS,
});

/**
 * graphile-worker's run() with liveness: every worker it creates holds its lock while it runs (the
 * events emitter goes in before run() starts, so no worker is created unseen), and this process
 * sweeps for dead workers' jobs at start and then every interval. Stopping the runner stops both.
 */
export async function runWithLiveness(
  options: RunnerOptions & { connectionString: string },
  liveness: LivenessOptions = {},
): Promise<Runner> {
  const { sweepIntervalMs, graceSeconds } = defaults(liveness);
  const sql = postgres(options.connectionString, { max: 1, onnotice: () => {}, backoff: reconnectBackoff });
  // The locks live on one connection of their own. When it drops (the backend terminated, the
  // database restarted) PostgreSQL lets them go, so they are taken again on the next connection at
  // once: until then another process's sweep could judge this worker dead and free jobs it runs.
  let stopped = false;
  const holder = postgres(options.connectionString, {
    max: 1,
    onnotice: () => {},
    // Never recycled: the locks would go with it (0 turns both timers off).
    idle_timeout: 0,
    max_lifetime: 0,
    backoff: reconnectBackoff,
    onclose: () => {
      if (!stopped) for (const id of held) take(id);
    },
  });
  const events = (options.events ?? new EventEmitter()) as WorkerEvents;
  // Jobs are locked in the name of the worker pool (or of a single worker): hold a lock for each.
  const held = new Set<string>();
  const take = (id: string) =>
    holder`select pg_advisory_lock(${LIVENESS_LOCK_CLASS}, hashtext(${id}))`.catch((error) => {
      // While the database is away every try fails; the next connection (onclose) tries again.
      if (!isDatabaseUnavailable(error)) console.error(`worker liveness: could not hold ${id}:`, error);
    });
  const hold = (id: string) => {
    held.add(id);
    void take(id);
  };
  const letGo = (id: string) => {
    if (!held.delete(id)) return;
    holder`select pg_advisory_unlock(${LIVENESS_LOCK_CLASS}, hashtext(${id}))`.catch(() => {});
  };
  events.on("pool:create", ({ workerPool }) => hold(workerPool.id));
  events.on("pool:release", ({ workerPool }) => letGo(workerPool.id));
  events.on("worker:create", ({ worker }) => hold(worker.workerId));
  events.on("worker:stop", ({ worker }) => letGo(worker.workerId));

  // graphile-worker takes a connection string or a pool of the caller's, not both.
  const { connectionString, ...runOptions } = options;
  const runner = await run({ ...runOptions, ...(runOptions.pgPool ? {} : { connectionString }), events });
  // This process's own workers are alive by definition, even while their locks are being taken again.
  const sweep = () =>
    releaseDeadWorkersJobs(sql, { graceSeconds, alive: held }).catch((error) => {
      if (!isDatabaseUnavailable(error)) console.error("worker liveness sweep failed:", error);
    });
  await sweep();
  const timer = setInterval(sweep, sweepIntervalMs);
  timer.unref();
  const stop = runner.stop.bind(runner);
  runner.stop = async () => {
    clearInterval(timer);
    await stop();
    stopped = true;
    await Promise.all([holder.end({ timeout: 5 }), sql.end({ timeout: 5 })]);
  };
  return runner;
}

/**
 * Frees every job and queue locked by a worker id whose liveness lock nobody holds, and says which
 * worker ids those were. Safe from any process, any number of times.
 */
export async function releaseDeadWorkersJobs(
  sql: postgres.Sql,
  options: { graceSeconds?: number; alive?: ReadonlySet<string> } = {},
): Promise<string[]> {
  const grace = options.graceSeconds ?? defaults({}).graceSeconds;
  return sql.begin(async (tx) => {
    const lockers = await tx<{ locked_by: string }[]>`
      select locked_by from graphile_worker._private_jobs
        where locked_by is not null and locked_at < now() - make_interval(secs => ${grace})
      union
      select locked_by from graphile_worker._private_job_queues
        where locked_by is not null and locked_at < now() - make_interval(secs => ${grace})`;
    const dead: string[] = [];
    for (const { locked_by: workerId } of lockers) {
      if (options.alive?.has(workerId)) continue;
      // Taking the lock proves nobody holds it; it is let go again when this transaction ends.
      const [probe] = await tx<
        { free: boolean }[]
      >`select pg_try_advisory_xact_lock(${LIVENESS_LOCK_CLASS}, hashtext(${workerId})) as free`;
      if (probe.free) dead.push(workerId);
    }
    if (dead.length) {
      await tx`select graphile_worker.force_unlock_workers(${dead}::text[])`;
      console.warn(`Released the jobs of ${dead.length} dead job worker(s): ${dead.join(", ")}`);
    }
    return dead;
  });
}
