import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Database = ReturnType<typeof createDb>["db"];
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Either the database or a transaction: modules take this so callers can compose them. */
export type Executor = Database | Transaction;

export function createDb(url: string, options: { max?: number } = {}) {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // Survive a database restart: broken connections are dropped and re-made on next use.
    idle_timeout: 30,
    connect_timeout: 5,
    // SQL_LOG=true prints every statement as it is sent (counting round trips per request).
    debug: process.env.SQL_LOG === "true" ? (_connection: number, query: string) => console.log("SQL", query.replace(/\s+/g, " ").slice(0, 160)) : undefined,
  });
  const db = drizzle(sql, { schema, casing: "snake_case" });
  return { db, sql };
}

export { schema };
