/**
 * One PostgreSQL for the whole run (embedded unless DATABASE_URL points at a server), with a
 * migrated template database. Each test file then clones the template (tests/setup/database-per-file.ts).
 */
import { rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureDatabase, startEmbeddedPostgres } from "../../db/embedded";
import { migrateDatabase } from "../../db/migrate";

export const TEMPLATE = "soko_test_template";

export default async function setup(project: TestProject) {
  let adminUrl = process.env.DATABASE_URL ? withDatabase(process.env.DATABASE_URL, "postgres") : "";
  let stop = async () => {};
  if (!adminUrl) {
    const dataDir = path.resolve(".data", `vitest-${process.pid}`);
    rmSync(dataDir, { recursive: true, force: true });
    const cluster = await startEmbeddedPostgres({ dataDir, fast: true });
    adminUrl = cluster.url("postgres");
    stop = async () => {
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const { default: postgres } = await import("postgres");
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${TEMPLATE} with (force)`);
  await admin.end();
  await ensureDatabase(adminUrl, TEMPLATE);
  await migrateDatabase(withDatabase(adminUrl, TEMPLATE));
  project.provide("adminDatabaseUrl", adminUrl);
  return stop;
}

export function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}
