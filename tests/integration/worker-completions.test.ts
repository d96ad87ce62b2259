/**
 * The job worker lives through its database connections being cut while jobs complete
 * (docs/decisions/0027). graphile-worker sends completions in batches (app/worker.server.ts's
 * preset); in 0.17.3 a batch that failed once (57P01, the backend terminated) was never retried: the
 * pool shut down ("queue is in an inconsistent state"), its promise rejected with nobody listening,
 * and the app went on serving pages with no worker. Patched (app/patches/graphile-worker+0.17.3.patch).
 */
import { randomUUID } from "node:crypto";
import { Logger } from "graphile-worker";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWithLiveness } from "~/lib/jobs/liveness.server";
import { workerPreset } from "~/worker.server";

const APP = `soko-gw-${randomUUID().slice(0, 8)}`;
const databaseName = new URL(process.env.DATABASE_URL!).pathname.slice(1);
// This file's own connection (never terminated): the jobs write here, the test reads here.
const sql = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

beforeAll(async () => {
  await sql`create table worker_ticks (job_id bigint not null)`;
  process.on("unhandledRejection", onRejection);
});

afterAll(async () => {
  process.off("unhandledRejection", onRejection);
  await sql.end();
});

async function until<T>(what: string, probe: () => Promise<T | null>, ms = 45_000): Promise<T> {
  for (const deadline = Date.now() + ms; ; ) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const jobsLeft = async () => (await sql<{ left: number }[]>`select count(*)::int as left from graphile_worker.jobs`)[0].left;

describe("the job worker when its connections are cut while jobs complete", () => {
  it("completes every job once, takes new jobs after, and leaves no rejection unhandled", async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.searchParams.set("application_name", APP);
    const errors: string[] = [];
    const logger = new Logger(() => (level, message) => {
      if (level === "error") errors.push(message);
    });
    const runner = await runWithLiveness({
      connectionString: url.toString(),
      concurrency: 4,
      pollInterval: 100,
      noHandleSignals: true,
      logger,
      preset: workerPreset(4),
      taskList: {
        tick: async (_payload, helpers) => {
          await sql`insert into worker_ticks (job_id) values (${helpers.job.id})`;
        },
      },
    });
    // Settled only when the pool stops on its own: it must not, while the test runs.
    let ended: string | null = null;
    runner.promise.then(
      () => (ended = "finished"),
      (error) => (ended = `failed: ${error}`),
    );
    const terminate = () =>
      sql`select pid, pg_terminate_backend(pid) from pg_stat_activity where datname = ${databaseName} and application_name = ${APP}`;
    try {
      let added = 0;
      for (let round = 0; round < 8; round++) {
        await sql`select graphile_worker.add_job('tick', '{}'::json) from generate_series(1, 150)`;
        added += 150;
        // Cut every connection of the worker's, again and again, while its jobs run and complete.
        for (let cut = 0; cut < 6; cut++) {
          await new Promise((r) => setTimeout(r, 20 + Math.random() * 60));
          await terminate();
        }
      }
      await until("every job to complete", async () => ((await jobsLeft()) === 0 ? true : null)).catch((error) => {
        throw new Error(`${error.message}; the pool ${ended ?? "is running"}; logged: ${errors.slice(0, 3).join(" | ")}`);
      });

      // Each job ran, and only once (a completion retried after a cut connection does not run it again).
      const [{ ran, twice }] = await sql<{ ran: number; twice: number }[]>`
        select count(distinct job_id)::int as ran, (count(*) - count(distinct job_id))::int as twice from worker_ticks`;
      expect({ ran, twice }).toEqual({ ran: added, twice: 0 });
      // None is left locked.
      const [{ locked }] = await sql<{ locked: number }[]>`
        select count(*)::int as locked from graphile_worker._private_jobs where locked_by is not null`;
      expect(locked).toBe(0);

      // The pool is still taking jobs.
      const [{ id }] = await sql<{ id: string }[]>`select id from graphile_worker.add_job('tick', '{}'::json)`;
      await until("a job added after the cuts to run", async () => {
        const [row] = await sql`select 1 from worker_ticks where job_id = ${id}`;
        return row ? true : null;
      });
      expect(ended).toBeNull();
      expect(errors.filter((e) => e.includes("inconsistent state"))).toEqual([]);
      expect(rejections).toEqual([]);
    } finally {
      await runner.stop().catch(() => {});
    }
  }, 120_000);
});
