import { createDb, leanTransaction as leanTransactionOn, type Database, type Transaction } from "#db/client";
import { env } from "./env.server";

export type { Database, Executor, Transaction } from "#db/client";
export { schema, sendText, TextParams } from "#db/client";

// One pool per process, kept across dev rebuilds.
const globalForDb = globalThis as unknown as { __sokoDb?: ReturnType<typeof createDb> };

function connection() {
  globalForDb.__sokoDb ??= createDb(env().DATABASE_URL, { max: env().DB_POOL_MAX });
  return globalForDb.__sokoDb;
}

export const db: Database = new Proxy({} as Database, {
  get(_target, property) {
    const value = Reflect.get(connection().db, property);
    return typeof value === "function" ? value.bind(connection().db) : value;
  },
});

/**
 * A transaction for the hottest writes (the web checkout's order): BEGIN pipelined with the first
 * statements, and no `tx.query` (db/client.ts says why). Anything else uses `db.transaction`.
 */
export function leanTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  return leanTransactionOn(connection(), work);
}

/** The raw postgres.js client, for LISTEN/NOTIFY and hand-written SQL. */
export function sqlClient() {
  return connection().sql;
}
