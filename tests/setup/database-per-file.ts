/** Gives this test file its own database, cloned from the migrated template in ~50 ms. */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, inject } from "vitest";

const adminUrl = inject("adminDatabaseUrl");
const name = `soko_t_${randomBytes(5).toString("hex")}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
// FILE_COPY copies the template's files; PostgreSQL's default since 15 (WAL_LOG) writes all 13 MB of it
// through the WAL, 2-8 times slower for each of the suite's ~140 databases.
await admin.unsafe(`create database ${name} template soko_test_template strategy file_copy`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
process.env.NODE_ENV = "test";
process.env.SESSION_SECRET ??= "test-session-secret-0123456789-abcdefghij";
// Vendor callbacks are refused without a token: tests post with these (tests/integration/callback-support.ts).
process.env.AT_CALLBACK_TOKEN ??= "test-at-callback-token";
process.env.MPESA_CALLBACK_TOKEN ??= "test-mpesa-callback-token";

afterAll(async () => {
  const g = globalThis as unknown as { __sokoDb?: { sql: { end: () => Promise<void> } } };
  await g.__sokoDb?.sql.end();
  // A query still running (a job's completion a worker is flushing) ends before the drop cuts it off.
  for (let wait = 0; wait < 40; wait++) {
    const [{ active }] = await admin<{ active: number }[]>`
      select count(*)::int as active from pg_stat_activity where datname = ${name} and state not in ('idle', 'idle in transaction')`;
    if (active === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});
