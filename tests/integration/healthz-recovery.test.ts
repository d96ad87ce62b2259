/**
 * The app survives a database restart: /healthz says 503 while PostgreSQL is down and 200 again once
 * it is back, on the same process and pool. This file runs its own cluster so it can stop it.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedCluster } from "#db/embedded";

const dataDir = path.resolve(".data", `recovery-${process.pid}-${Date.now()}`);
let cluster: EmbeddedCluster;

afterAll(async () => {
  await cluster?.stop().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

describe("GET /healthz across a database restart", () => {
  it("answers 503 while the database is down and recovers without a restart of the app", async () => {
    cluster = await startEmbeddedPostgres({ dataDir, fast: true });
    await ensureDatabase(cluster.url("postgres"), "soko");
    process.env.DATABASE_URL = cluster.url("soko");
    const { loader } = await import("~/routes/healthz");
    const check = async () => (await loader({ request: new Request("http://test/healthz"), params: {}, context: {} })).status;

    expect(await check()).toBe(200);
    await cluster.stop();
    expect(await check()).toBe(503);
    expect(await check()).toBe(503);
    cluster = await startEmbeddedPostgres({ dataDir, fast: true, port: cluster.port });
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = await check();
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
  });
});
