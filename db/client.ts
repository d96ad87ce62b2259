import type { PgDialect } from "drizzle-orm/pg-core";
import { drizzle, PostgresJsSession, PostgresJsTransaction } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Database = ReturnType<typeof createDb>["db"];
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Either the database or a transaction: modules take this so callers can compose them. */
export type Executor = Database | Transaction;

/** Seconds before the next connect after `retries` failed ones: 0.05, 0.1, 0.2 … at most 2, with jitter. */
export function reconnectBackoff(retries: number): number {
  return Math.min(0.05 * 2 ** retries, 2) * (0.75 + Math.random() / 2);
}

export function createDb(url: string, options: { max?: number } = {}) {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // Survive a database restart: broken connections are dropped and re-made on next use.
    idle_timeout: 30,
    connect_timeout: 5,
    // After a failed connect, the next try waits at most 2 s (postgres.js's own waits reach 20 s, so
    // the app would stay down that long after the database came back).
    backoff: reconnectBackoff,
    // Named prepared statements (below) live as long as their connection: renew connections hourly.
    max_lifetime: 60 * 60,
    // SQL_LOG=true prints every statement as it is sent (counting round trips per request).
    debug:
      process.env.SQL_LOG === "true"
        ? (_connection: number, query: string) => console.log("SQL", query.replace(/\s+/g, " ").slice(0, 160))
        : undefined,
  });
  const db = drizzle(preparing(sql), { schema, casing: "snake_case" });
  return { db, sql };
}

/** What ends a connection rather than a statement: no ROLLBACK can be sent on it, and the pool re-makes it. */
const CONNECTION_GONE = new Set(["CONNECTION_CLOSED", "CONNECTION_DESTROYED", "CONNECTION_ENDED", "ECONNRESET", "EPIPE"]);

/**
 * A transaction for the hottest writes (the web checkout's order, docs/performance.md, #14), cheaper
 * than `db.transaction` in two ways: its BEGIN goes out with the first statements in one write
 * (postgres.js's begin waits for BEGIN's answer first: a round trip per transaction), and its drizzle
 * handle carries no relational schema (drizzle builds a query builder for every table at each
 * transaction). So `tx.query` is not there: `execute` and the query builders only. A statement that
 * fails rolls the whole transaction back and its error is thrown, even if the work caught it
 * (as postgres.js's own begin does).
 *
 * Its COMMIT goes out as soon as the work returns, in the same write as any statements the work
 * sent and left in flight (commitOrderPipelined's last batch): PostgreSQL runs them in order, and
 * answers COMMIT in a transaction where one of them failed by rolling it back, so that failure is
 * thrown here as above. A statement must be sent (awaited, or handed to a Promise.all) before the
 * work returns: one started after COMMIT is refused (and logged), never run outside the transaction.
 */
export async function leanTransaction<T>(
  { db, sql: pool }: ReturnType<typeof createDb>,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  statements += 2;
  const failed: LeanState = {};
  // What drizzle's own transaction makes, minus the relational schema (db's dialect and options).
  const { dialect, session } = db as unknown as {
    dialect: PgDialect;
    session: { options: ConstructorParameters<typeof PostgresJsSession>[3] };
  };
  const connection = await pool.reserve();
  const begun = connection.unsafe("begin").execute();
  begun.catch(() => {}); // awaited below; its failure fails the first statement too
  let reusable = true;
  try {
    const leanSession = new PostgresJsSession(preparing(connection, failed), dialect, undefined, session.options);
    // Typed as the schema's transaction: only its `query` (relational) part is missing, as said above.
    const tx = new PostgresJsTransaction(dialect, leanSession as never, undefined) as unknown as Transaction;
    const result = await work(tx);
    failed.ended = true;
    const committed = connection.unsafe("commit").execute();
    committed.catch(() => {}); // awaited below, after the statements ahead of it
    await begun;
    const answer = await committed;
    // PostgreSQL answered COMMIT with a rollback: a statement in flight failed (its error says which).
    if ("error" in failed) throw failed.error;
    if (answer.command !== "COMMIT") throw new Error(`The transaction was not committed (${answer.command}).`);
    return result;
  } catch (error) {
    failed.ended = true; // nothing more goes out behind the ROLLBACK
    const gone = (e: unknown) => CONNECTION_GONE.has(String((e as { code?: unknown } | null)?.code));
    if (gone(error) || gone(failed.error)) reusable = false;
    else
      await connection.unsafe("rollback").catch(() => {
        reusable = false;
      });
    throw error;
  } finally {
    if (reusable) connection.release();
  }
}

/**
 * A statement written as SQL text with `$1…$n` parameters, sent on the executor's connection (the
 * pool, or a transaction's) as drizzle's `execute` sends it: a named prepared statement, counted by
 * statementsSent. For the hottest statements only (the checkout's, #14): drizzle's `sql` template
 * and its query building cost more app CPU than the rest of the statement's work (a tenth of a pay
 * request, profiled). `params` collects the parameters while the text is written.
 */
export function sendText<T>(executor: Executor, text: string, params: TextParams): Promise<T[]> {
  const { client } = (executor as unknown as { session: { client: postgres.Sql } }).session;
  return client.unsafe(text, params.values as never[], { prepare: true }) as unknown as Promise<T[]>;
}

/** A statement's parameters as its text is written: `params.$(value)` adds one and says its `$n`. */
export class TextParams {
  readonly values: unknown[] = [];
  $(value: unknown): string {
    this.values.push(value === undefined ? null : value);
    return `$${this.values.length}`;
  }
}

let statements = 0;

/**
 * How many statements this process has sent through drizzle so far (a transaction's BEGIN and COMMIT
 * count as two): tests read it before and after a request to pin down its round trips.
 */
export function statementsSent(): number {
  return statements;
}

/** A lean transaction's state, shared with its client: its first failed statement, and whether COMMIT went out. */
type LeanState = { error?: unknown; ended?: boolean };

/**
 * drizzle sends every query it builds as an unnamed statement, so PostgreSQL parses and plans it
 * on every execution. Our queries are parameterised, so their texts are few: this hands drizzle a
 * client whose `unsafe` asks postgres.js for named statements, prepared once per connection (and
 * dropped with it: `max_lifetime` recycles connections). Transactions get the same client.
 */
function preparing(sql: postgres.Sql, failed?: LeanState): postgres.Sql {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        return (query: string, parameters?: postgres.ParameterOrJSON<never>[], queryOptions?: postgres.UnsafeQueryOptions) => {
          if (failed?.ended) {
            // Behind the COMMIT it would run outside the transaction: refused (a bug in the work, said loudly).
            const late = new Error("A statement was started after its lean transaction's work returned: send it before returning.");
            console.error(late);
            return Promise.reject(late);
          }
          statements++;
          const pending = target.unsafe(query, parameters, { ...queryOptions, prepare: true });
          // In a lean transaction: the first statement that fails dooms it, whoever awaits it.
          if (failed)
            pending.catch((error) => {
              if (!("error" in failed)) failed.error = error;
            });
          return pending;
        };
      }
      if (failed && (property === "begin" || property === "savepoint")) {
        return () => Promise.reject(new Error("A lean transaction has no nested transactions (savepoints): use db.transaction."));
      }
      if (property === "begin" || property === "savepoint") {
        return (...args: unknown[]) => {
          const callback = args.pop() as (scoped: postgres.Sql) => unknown;
          const open = Reflect.get(target, property) as (...a: unknown[]) => unknown;
          statements += 2;
          return open.apply(target, [...args, (scoped: postgres.Sql) => callback(preparing(scoped))]);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

export { schema };
