import { sql } from "drizzle-orm";
import type { Executor } from "~/lib/db.server";

type JobOptions = { queueName?: string; runAt?: Date; maxAttempts?: number; jobKey?: string; priority?: number };

/**
 * Adds a graphile-worker job through the caller's transaction: it exists exactly when the
 * business change that asked for it commits.
 */
export async function enqueueJob(tx: Executor, task: string, payload: Record<string, unknown>, options: JobOptions = {}) {
  await tx.execute(sql`select graphile_worker.add_job(
    ${task},
    ${JSON.stringify(payload)}::json,
    queue_name => ${options.queueName ?? null}::text,
    run_at => ${options.runAt?.toISOString() ?? null}::timestamptz,
    max_attempts => ${options.maxAttempts ?? 25}::int,
    job_key => ${options.jobKey ?? null}::text,
    priority => ${options.priority ?? 0}::int
  )`);
}
