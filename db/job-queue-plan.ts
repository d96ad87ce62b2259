import { createHash } from "node:crypto";
import type { Sql } from "postgres";

/**
 * graphile-worker 0.17.3's `add_jobs` (every `add_job` goes through it) first clears the key of a
 * locked job that a new job with the same key replaces:
 *
 *   update _private_jobs as jobs set key = null, … from unnest(specs) spec
 *    where spec.job_key is not null and jobs.key = spec.job_key and is_available is not true;
 *
 * PL/pgSQL keeps that statement's plan. After five calls it is the generic plan, made without
 * knowing the specs, and that plan hash-joins them against a sequential scan of the whole job table:
 * every job queued reads every job waiting (the checkout's reconcile jobs scheduled ahead, failed
 * jobs, a backlog), with or without a key. Written as `jobs.key = any(array(…))` the same statement's
 * generic plan is an index scan on the key, whatever the table holds; the rows it touches are the same.
 *
 * Only that statement is changed, and only in the function this version of graphile-worker
 * installs (its source's md5 below): any other `add_jobs` (an upgrade's) is left as it is, with a
 * warning, so that an upgrade is never silently undone (docs/decisions/0031-job-queue-plan.md).
 */
const UPSTREAM_SOURCE_MD5 = "0dca59653b119c7104174fcdb47dfc90";

const UPSTREAM_STATEMENT = `  from unnest(specs) spec
  where spec.job_key is not null
  and jobs.key = spec.job_key
  and is_available is not true;`;

const INDEXED_STATEMENT = `  where jobs.key = any(array(select spec.job_key from unnest(specs) spec where spec.job_key is not null))
  and is_available is not true;`;

const md5 = (text: string) => createHash("md5").update(text).digest("hex");

export type JobQueuePlan = "tuned" | "already tuned" | "left as it is";

/** Makes graphile-worker's `add_jobs` find keyed jobs by their index (after its migrations). */
export async function tuneJobQueuePlan(sql: Sql, warn: (message: string) => void = console.warn): Promise<JobQueuePlan> {
  return sql.begin(async (tx) => {
    // One process at a time (two starting together would both replace the function).
    await tx`select pg_advisory_xact_lock(hashtext('soko:job-queue-plan'))`;
    const [found] = await tx<{ source: string; definition: string }[]>`
      select p.prosrc as source, pg_get_functiondef(p.oid) as definition
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'graphile_worker' and p.proname = 'add_jobs'`;
    if (!found) throw new Error("graphile_worker.add_jobs is missing: run graphile-worker's migrations first");
    if (found.source.includes(INDEXED_STATEMENT)) return "already tuned";
    if (md5(found.source) !== UPSTREAM_SOURCE_MD5 || !found.definition.includes(UPSTREAM_STATEMENT)) {
      warn(
        "graphile_worker.add_jobs is not the function graphile-worker 0.17.3 installs: its keyed-job update was left as it is " +
          "(see docs/decisions/0031-job-queue-plan.md; check whether this version still needs it).",
      );
      return "left as it is";
    }
    await tx.unsafe(found.definition.replace(UPSTREAM_STATEMENT, INDEXED_STATEMENT));
    return "tuned";
  });
}
