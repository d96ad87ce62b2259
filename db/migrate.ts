import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { runMigrations } from "graphile-worker";
import postgres from "postgres";
import { tuneJobQueuePlan } from "./job-queue-plan";

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** Applies our migrations and graphile-worker's (then its queue's plan: db/job-queue-plan.ts). */
export async function migrateDatabase(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(sql), { migrationsFolder });
    await runMigrations({ connectionString: url, logger: quietLogger });
    await tuneJobQueuePlan(sql);
  } finally {
    await sql.end();
  }
}

import { Logger } from "graphile-worker";
export const quietLogger = new Logger(() => (level: string, message: string) => {
  if (level === "error" || level === "warning") console.error(`[worker] ${message}`);
});

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set. `npm start` migrates the embedded database by itself.");
    process.exit(2);
  }
  await migrateDatabase(url);
  console.log("migrations applied");
}
