/**
 * graphile-worker's add_jobs finds a keyed job by its index once PL/pgSQL has cached the statement's
 * generic plan, however many jobs wait (db/job-queue-plan.ts), and queues jobs as before.
 */
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { tuneJobQueuePlan } from "#db/job-queue-plan";

const url = process.env.DATABASE_URL!;
const sql = postgres(url, { max: 1, onnotice: () => {} });
afterAll(() => sql.end());

const addJobsDefinition = async () =>
  (await sql<{ definition: string }[]>`select pg_get_functiondef('graphile_worker.add_jobs'::regproc) as definition`)[0].definition;

/**
 * The keyed-job update's plans, as auto_explain gives them, on one pooled connection that queued
 * its first jobs while the queue was short (PL/pgSQL then keeps a generic plan made for a short
 * table) and queues two more after a backlog of 3,000 jobs built up, as when the worker is behind or
 * jobs are scheduled ahead. Autovacuum is off for the table, so no ANALYZE replans it meanwhile.
 */
async function keyUpdatePlansAfterABacklog() {
  await sql`alter table graphile_worker._private_jobs set (autovacuum_enabled = false)`;
  await sql`truncate graphile_worker._private_jobs`;
  const plans: string[] = [];
  const pooled = postgres(url, { max: 1, onnotice: (notice) => plans.push(notice.message) });
  const addJob = (i: number) =>
    pooled`select graphile_worker.add_job('plan_probe', '{}'::json, job_key => ${`plan-probe-${i}`}, run_at => now() + interval '1 day')`;
  try {
    await pooled.unsafe("load 'auto_explain'");
    await pooled.unsafe(
      "set auto_explain.log_min_duration = 0; set auto_explain.log_nested_statements = on; set auto_explain.log_level = notice",
    );
    for (let i = 0; i < 8; i++) await addJob(i);
    await sql`select graphile_worker.add_jobs(array(select ('backlog', '{}'::json, null, now() + interval '1 day', null, null, null, null)::graphile_worker.job_spec from generate_series(1, 3000)))`;
    plans.length = 0;
    for (let i = 8; i < 10; i++) await addJob(i);
  } finally {
    await pooled.end();
  }
  return plans.filter((plan) => plan.includes("key = null,"));
}

describe("the job queue's keyed-job update", () => {
  it("is tuned by the migrations, and a second tune changes nothing", async () => {
    expect(await addJobsDefinition()).toContain("where jobs.key = any(array(select spec.job_key from unnest(specs) spec");
    expect(await tuneJobQueuePlan(sql)).toBe("already tuned");
  });

  it("reads keyed jobs by their index with thousands of jobs waiting, where graphile-worker's own statement scans them all", async () => {
    const tuned = await keyUpdatePlansAfterABacklog();
    expect(tuned).toHaveLength(2);
    for (const plan of tuned) {
      expect(plan).toMatch(/Index Scan using jobs_key_key1 on _private_jobs|Bitmap Index Scan on jobs_key_key1/);
      expect(plan).not.toMatch(/Seq Scan on _private_jobs/);
    }

    // The same with graphile-worker's statement put back: a sequential scan of every job.
    const definition = await addJobsDefinition();
    const upstream = definition.replace(
      "  where jobs.key = any(array(select spec.job_key from unnest(specs) spec where spec.job_key is not null))\n",
      "  from unnest(specs) spec\n  where spec.job_key is not null\n  and jobs.key = spec.job_key\n",
    );
    expect(upstream).not.toBe(definition);
    await sql.unsafe(upstream);
    try {
      const untuned = await keyUpdatePlansAfterABacklog();
      expect(untuned).toHaveLength(2);
      for (const plan of untuned) expect(plan).toMatch(/Seq Scan on _private_jobs/);
    } finally {
      await sql.unsafe(definition);
    }
  });

  it("still replaces a waiting job with the same key, and gives a new job when the old one is running", async () => {
    await sql`select graphile_worker.add_job('keyed', '{"n":1}'::json, job_key => 'same-key')`;
    await sql`select graphile_worker.add_job('keyed', '{"n":2}'::json, job_key => 'same-key')`;
    const waiting = await sql<{ payload: { n: number }; revision: number }[]>`
      select payload, revision from graphile_worker._private_jobs where key = 'same-key'`;
    expect(waiting).toEqual([{ payload: { n: 2 }, revision: 1 }]);

    // A worker holds it: the running job gives up its key and stops retrying; a new job takes the key.
    await sql`update graphile_worker._private_jobs set locked_at = now(), locked_by = 'a-worker' where key = 'same-key'`;
    await sql`select graphile_worker.add_job('keyed', '{"n":3}'::json, job_key => 'same-key')`;
    const jobs = await sql<{ key: string | null; payload: { n: number }; locked: boolean; retries_left: boolean }[]>`
      select key, payload, locked_at is not null as locked, attempts < max_attempts as retries_left
        from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
       where t.identifier = 'keyed' order by j.id`;
    expect(jobs).toEqual([
      { key: null, payload: { n: 2 }, locked: true, retries_left: false },
      { key: "same-key", payload: { n: 3 }, locked: false, retries_left: true },
    ]);
  });

  it("leaves an add_jobs it does not know as it is, and says so", async () => {
    const definition = await addJobsDefinition();
    const other = definition.replace("-- Ensure all the tasks exist", "-- Ensure all the tasks exist (another version)");
    await sql.unsafe(
      other.replace(
        "  where jobs.key = any(array(select spec.job_key from unnest(specs) spec where spec.job_key is not null))\n",
        "  from unnest(specs) spec\n  where spec.job_key is not null\n  and jobs.key = spec.job_key\n",
      ),
    );
    try {
      const warnings: string[] = [];
      expect(await tuneJobQueuePlan(sql, (message) => warnings.push(message))).toBe("left as it is");
      expect(warnings).toEqual([expect.stringContaining("left as it is")]);
      expect(await addJobsDefinition()).toContain("(another version)");
    } finally {
      await sql.unsafe(definition);
    }
  });
});
