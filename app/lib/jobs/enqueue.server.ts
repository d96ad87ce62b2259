import { sql, type SQL } from "drizzle-orm";
import { sendText, TextParams, type Executor } from "~/lib/db.server";
import type { JobName, JobPayloads } from "./jobs";

export type { JobName, JobPayloads } from "./jobs";

type JobOptions = {
  queueName?: string;
  runAt?: Date;
  maxAttempts?: number;
  jobKey?: string;
  priority?: number;
  /**
   * `"new"`: no job can hold `jobKey` yet, as it names a row the same transaction has just written
   * (`order_placed:<the new order's id>`). The job is then written with graphile-worker's
   * `unsafe_dedupe` mode, one insert, rather than through `add_jobs`, whose replacing of a job with
   * the key costs PostgreSQL about twice as much a job and finds nothing to replace here
   * (docs/decisions/0034). Never for a key an earlier job may hold: that job would be kept as it is.
   */
  key?: "new";
};

/**
 * The `graphile_worker.add_job(…)` call for a job, as an SQL expression: for a statement that writes
 * a row and adds its job at once (one round trip, atomic as any single statement), e.g.
 * `with written as (insert … returning id) select <jobCall> from written`.
 */
export function jobCall<Name extends JobName>(task: Name, payload: JobPayloads[Name], options: JobOptions = {}): SQL {
  return sql`graphile_worker.add_job(
    ${task},
    ${JSON.stringify(payload)}::json,
    queue_name => ${options.queueName ?? null}::text,
    run_at => ${options.runAt?.toISOString() ?? null}::timestamptz,
    max_attempts => ${options.maxAttempts ?? 25}::int,
    job_key => ${options.jobKey ?? null}::text,
    priority => ${options.priority ?? 0}::int${options.key === "new" ? sql`, job_key_mode => 'unsafe_dedupe'` : sql``}
  )`;
}

/** jobCall as SQL text, its parameters added to `p` (for statements written with db/client.ts sendText). */
export function jobCallText<Name extends JobName>(p: TextParams, task: Name, payload: JobPayloads[Name], options: JobOptions = {}): string {
  return `graphile_worker.add_job(${p.$(task)}, ${p.$(JSON.stringify(payload))}::json, queue_name => ${p.$(options.queueName ?? null)}::text,
       run_at => ${p.$(options.runAt?.toISOString() ?? null)}::timestamptz, max_attempts => ${p.$(options.maxAttempts ?? 25)}::int,
       job_key => ${p.$(options.jobKey ?? null)}::text, priority => ${p.$(options.priority ?? 0)}::int${options.key === "new" ? ", job_key_mode => 'unsafe_dedupe'" : ""})`;
}

/**
 * An outbox row's send job (`{ outboxId }`, job key `<task>:<id>`) as SQL text, where `id` is the
 * row's id as an SQL expression: for the statement that writes the row, e.g.
 * `with queued as (insert into outbox … returning id) select id, <this> from queued`.
 */
export function outboxJobCallText(p: TextParams, task: "send_email" | "send_sms", id: string, maxAttempts: number): string {
  const name = p.$(task);
  return `graphile_worker.add_job(${name}::text, json_build_object('outboxId', ${id}::int),
       job_key => ${name}::text || ':' || ${id}::int, max_attempts => ${p.$(maxAttempts)}::int)`;
}

/**
 * Adds a graphile-worker job through the caller's transaction: it exists exactly when the
 * business change that asked for it commits.
 */
export async function enqueueJob<Name extends JobName>(tx: Executor, task: Name, payload: JobPayloads[Name], options: JobOptions = {}) {
  // SQL text (db/client.ts sendText): the checkout queues one with every order (#14).
  const p = new TextParams();
  await sendText(tx, `select ${jobCallText(p, task, payload, options)}`, p);
}
