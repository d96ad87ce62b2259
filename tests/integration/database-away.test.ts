/**
 * The server keeps running when PostgreSQL goes away (docs/architecture.md, "When the database goes
 * away"; docs/decisions/0027). The app as `npm start` runs it (HTTP and the job worker in one
 * process) against this file's database:
 *  - every one of its backends terminated, three times, while pages are asked for: it lives on;
 *  - the database refusing connections: pages answer 503 "We'll be right back" with Retry-After, at
 *    once, and /healthz 503; a price changed meanwhile (its NOTIFY lost to the app) is not served stale;
 *  - the database back: pages again, a purge reaches the app again (LISTEN re-made), and the worker
 *    runs a job queued after.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProduct } from "#db/seed/factories";
import { db, schema } from "~/lib/db.server";
import { type App, buildIfStale, startHttp, stopAll } from "./app-process-support";

const APP = `soko-app-${randomUUID().slice(0, 8)}`;
const databaseName = new URL(process.env.DATABASE_URL!).pathname.slice(1);
let admin: postgres.Sql;
let app: App;
let product: Awaited<ReturnType<typeof createProduct>>;

beforeAll(async () => {
  const adminUrl = new URL(process.env.DATABASE_URL!);
  adminUrl.pathname = "/postgres";
  admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  product = await createProduct(db, { handle: "away-hoops", title: "Away Hoops", status: "active", variants: [{ price: 5000 }] });
  const buildDir = buildIfStale();
  // The app's connections carry a name of their own, so only they are terminated.
  const url = new URL(process.env.DATABASE_URL!);
  url.searchParams.set("application_name", APP);
  app = await startHttp(buildDir, { DATABASE_URL: url.toString(), WORKER: "true", PGAPPNAME: APP });
  for (const deadline = Date.now() + 60_000; !app.log().includes("Soko is running"); ) {
    if (Date.now() > deadline) throw new Error(`the worker did not start:\n${app.log().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 300_000);

afterAll(async () => {
  await admin?.unsafe(`alter database "${databaseName}" allow_connections true`).catch(() => {});
  await stopAll();
  await admin?.end();
});

const get = async (path: string) => {
  const started = performance.now();
  const response = await fetch(`${app.url}${path}`, { headers: { Accept: "text/html" }, signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: await response.text(), headers: response.headers, ms: performance.now() - started };
};

// pg_terminate_backend in the select list: it runs only for the rows the where clause keeps.
const terminateApp = () =>
  admin<{ pid: number }[]>`
    select pid, pg_terminate_backend(pid) from pg_stat_activity where datname = ${databaseName} and application_name = ${APP}`;

async function until<T>(what: string, probe: () => Promise<T | null>, ms = 15_000): Promise<T> {
  for (const deadline = Date.now() + ms; ; ) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms:\n${app.log().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const setPrice = (price: number) => db.update(schema.variants).set({ price }).where(eq(schema.variants.id, product.variants[0].id));

describe("the database goes away under the running app", () => {
  it("lives through its backends being terminated while it answers", async () => {
    expect((await get("/products/away-hoops")).status).toBe(200);
    let stop = false;
    const statuses: number[] = [];
    const load = Promise.all(
      ["/products/away-hoops", "/", "/healthz"].map(async (path) => {
        for (let i = 0; !stop; i++)
          statuses.push((await get(`${path}${path === "/healthz" ? "" : `?n=${i}`}`).catch(() => ({ status: 0 }))).status);
      }),
    );
    for (let round = 0; round < 3; round++) {
      expect((await terminateApp()).length).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 400));
    }
    stop = true;
    await load;
    // Every request was answered (200, or 503 in the moment a connection was lost), none dropped.
    expect(statuses.length).toBeGreaterThan(3);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(app.log()).not.toContain("reading 'write'");
    expect(app.log()).not.toContain("Stopping after an uncaught exception");
    await until("a page after the terminations", async () => ((await get("/products/away-hoops")).status === 200 ? true : null));
  });

  it("answers 503 at once while it cannot connect, and serves, purges and runs jobs again after", async () => {
    // Cached, so a stale copy would show if the purge were lost (and this file's own pool is warm).
    await setPrice(5000);
    await get("/products/away-hoops");
    expect((await get("/products/away-hoops")).headers.get("x-page-cache")).toBe("HIT");

    await admin.unsafe(`alter database "${databaseName}" allow_connections false`);
    await terminateApp();
    // A page no cache holds (a product nobody asked for: its loader needs the database).
    const down = await until("a 503", async () => {
      const page = await get("/products/away-not-cached-1");
      return page.status === 503 ? page : null;
    });
    expect(down.body).toContain("We'll be right back");
    expect(down.headers.get("retry-after")).toBe("10");
    expect(down.headers.get("content-type")).toContain("text/html");
    // While it is away, answers come at once (no request waits on the pool), /healthz says so.
    const again = await get("/products/away-not-cached-2");
    expect(again.status).toBe(503);
    expect(again.ms).toBeLessThan(1_000);
    expect((await get("/healthz")).status).toBe(503);
    // A page the cache holds is still answered from it.
    const cached = await get("/products/away-hoops");
    expect([cached.status, cached.headers.get("x-page-cache")]).toEqual([200, "HIT"]);

    // Changed while the app cannot hear it: the trigger's NOTIFY goes out, the app is not listening.
    await setPrice(6100);
    await admin.unsafe(`alter database "${databaseName}" allow_connections true`);

    // Back on its own: pages, with the new price (everything cached was dropped), and healthz.
    const back = await until("the page with the new price", async () => {
      const page = await get("/products/away-hoops");
      return page.status === 200 && page.body.includes("$61.00") ? page : null;
    });
    expect(back.body).not.toContain("$50.00");
    expect((await get("/healthz")).status).toBe(200);

    // The LISTEN is back: a change now purges the cached page within a second or two.
    await get("/products/away-hoops");
    expect((await get("/products/away-hoops")).headers.get("x-page-cache")).toBe("HIT");
    await setPrice(7200);
    await until("the purge after recovery", async () => ((await get("/products/away-hoops")).body.includes("$72.00") ? true : null), 3_000);

    // The worker takes a job queued after the outage.
    const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      const [{ id }] = await sql<{ id: string }[]>`select id from graphile_worker.add_job('purge_sessions', '{}'::json)`;
      await until("the job after the outage to run", async () => {
        const [{ left }] = await sql<{ left: number }[]>`select count(*)::int as left from graphile_worker.jobs where id = ${id}`;
        return left === 0 ? true : null;
      });
    } finally {
      await sql.end();
    }
    expect(app.log()).not.toContain("reading 'write'");
  });
});
