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

let statements = 0;

/**
 * How many statements this process has sent through drizzle so far (a transaction's BEGIN and COMMIT
 * count as two): tests read it before and after a request to pin down its round trips.
 */
export function statementsSent(): number {
  return statements;
}

/**
 * drizzle sends every query it builds as an unnamed statement, so PostgreSQL parses and plans it
 * on every execution. Our queries are parameterised, so their texts are few: this hands drizzle a
 * client whose `unsafe` asks postgres.js for named statements, prepared once per connection (and
 * dropped with it: `max_lifetime` recycles connections). Transactions get the same client.
 */
function preparing(sql: postgres.Sql): postgres.Sql {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        return (query: string, parameters?: postgres.ParameterOrJSON<never>[], queryOptions?: postgres.UnsafeQueryOptions) => {
          statements++;
          return target.unsafe(query, parameters, { ...queryOptions, prepare: true });
        };
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
