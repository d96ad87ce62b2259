/**
 * A job locked by a worker that died is freed by the next sweep; a live worker's never is
 * (app/lib/jobs/liveness.server.ts). The kill -9 itself is in payout-fault.test.ts.
 */
import { Logger, makeWorkerUtils } from "graphile-worker";
import pg from "pg";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { releaseDeadWorkersJobs, runWithLiveness } from "~/lib/jobs/liveness.server";

const url = process.env.DATABASE_URL!;
const sql = postgres(url, { max: 2, onnotice: () => {} });
afterAll(() => sql.end());

const lockedBy = async (key: string) =>
  (await sql<{ locked_by: string | null }[]>`select locked_by from graphile_worker._private_jobs where key = ${key}`)[0]?.locked_by ?? null;

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("dead job workers", () => {
  it("never frees the jobs of a worker that is alive, and frees a dead worker's at once", async () => {
    let finish!: () => void;
    const hanging = new Promise<void>((resolve) => (finish = resolve));
    // A pool of our own, ended here: none of its connections is left for the file's database drop to cut.
    const pgPool = new pg.Pool({ connectionString: url, max: 4 });
    pgPool.on("error", () => {});
    const runner = await runWithLiveness(
      {
        connectionString: url,
        pgPool,
        concurrency: 1,
        pollInterval: 50,
        noHandleSignals: true,
        logger: new Logger(() => () => {}),
        taskList: { hang: () => hanging },
      },
      { sweepIntervalMs: 60_000 },
    );
    const lib = await makeWorkerUtils({ pgPool });
    try {
      await lib.addJob("hang", {}, { jobKey: "alive" });
      const holder = await until("the live worker to lock its job", () => lockedBy("alive"));

      // However old its lock, a worker whose liveness lock is held keeps its job.
      await sql`update graphile_worker._private_jobs set locked_at = now() - interval '1 hour' where key = 'alive'`;
      expect(await releaseDeadWorkersJobs(sql, { graceSeconds: 0 })).toEqual([]);
      expect(await lockedBy("alive")).toBe(holder);

      // Its lock connection's backend terminated (PostgreSQL lets the lock go): taken again on the
      // next connection at once, so the worker is still alive to every sweep.
      const lockHolders = () =>
        sql<{ pid: number }[]>`select pid from pg_locks where locktype = 'advisory' and classid = 73556101 and granted`;
      const [before] = await lockHolders();
      expect(before).toBeDefined();
      await sql`select pg_terminate_backend(${before.pid})`;
      const after = await until("the lock to be taken again", async () => {
        const [row] = await lockHolders();
        return row && row.pid !== before.pid ? row : null;
      });
      expect(after.pid).not.toBe(before.pid);
      expect(await releaseDeadWorkersJobs(sql, { graceSeconds: 0 })).toEqual([]);
      expect(await lockedBy("alive")).toBe(holder);

      // A job locked by a worker id nobody holds (its process died): freed, ready to run again.
      await lib.addJob("hang", {}, { jobKey: "orphan", runAt: new Date(Date.now() + 3_600_000) });
      await sql`update graphile_worker._private_jobs set locked_by = 'pool-dead-0001', locked_at = now() - interval '2 minutes' where key = 'orphan'`;
      expect(await releaseDeadWorkersJobs(sql, { graceSeconds: 0 })).toEqual(["pool-dead-0001"]);
      expect(await lockedBy("orphan")).toBeNull();

      // One locked a moment ago is not judged yet (its worker may be taking its lock right now).
      await sql`update graphile_worker._private_jobs set locked_by = 'pool-dead-0002', locked_at = now() where key = 'orphan'`;
      expect(await releaseDeadWorkersJobs(sql, { graceSeconds: 10 })).toEqual([]);
      expect(await lockedBy("orphan")).toBe("pool-dead-0002");
    } finally {
      finish();
      await lib.release();
      await runner.stop();
      await pgPool.end();
    }
  });
});
