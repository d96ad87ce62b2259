/**
 * `npm run bench`: the budgets of docs/performance.md measured against a production build on a
 * throwaway embedded PostgreSQL seeded with the demo catalog ×10.
 *
 *   npm run bench -- --only pages,checkout,http,dispatch,sse,purge,jobs,js,edi --duration 10 --json out.json
 *
 * The app runs as `npm start` runs it (app/start.ts), with DEMO_MODE=false (the bench seeds first)
 * and WORKER=false (jobs are enqueued by every order but not run, so the dispatch job does not move
 * the production requests the live-status step moves).
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  buildDir,
  buildForBench,
  cleanupAll,
  installSignalHandlers,
  postmasterPid,
  processTreeCpuSeconds,
  root,
  wasInterrupted,
  startApp,
  startBenchDatabase,
  type CpuMeters,
  type RunningApp,
} from "./harness";
import { printTable, rows } from "./report";

const STEPS = ["pages", "checkout", "http", "dispatch", "sse", "purge", "jobs", "js", "edi"] as const;
type Step = (typeof STEPS)[number];

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: "string" },
      duration: { type: "string", default: "10" },
      json: { type: "string" },
      scale: { type: "string", default: "10" },
      "fast-pg": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(`usage: npm run bench -- [--only ${STEPS.join(",")}] [--duration seconds] [--json file] [--scale N] [--fast-pg]`);
    process.exit(0);
  }
  const only = values.only
    ? values.only
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : [...STEPS];
  const unknown = only.filter((s) => !(STEPS as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`--only: unknown step ${unknown.join(", ")} (choose from ${STEPS.join(", ")})`);
  const duration = Number(values.duration);
  if (!(duration > 0 && duration <= 600)) throw new Error(`--duration must be a number of seconds from 1 to 600, got "${values.duration}"`);
  const scale = Number(values.scale);
  if (!Number.isInteger(scale) || scale < 1 || scale > 100) throw new Error(`--scale must be a whole number from 1 to 100`);
  return { steps: new Set(only as Step[]), duration, json: values.json ?? null, scale, fastPg: values["fast-pg"] ?? false };
}

function printHost() {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "app", "db"], { cwd: root, encoding: "utf8" }).trim();
    if (dirty) commit += " + uncommitted changes in app/ or db/";
  } catch {
    /* not a checkout */
  }
  console.log("Soko bench");
  console.log(
    `  host:  ${cpus.length} × ${cpus[0]?.model.trim() ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, ${os.platform()} ${os.release()}`,
  );
  console.log(`  node:  ${process.version}`);
  console.log(`  load:  ${load} (1 / 5 / 15 min) at start — a shared machine: other work skews every number`);
  console.log(`  code:  ${commit}`);
  return load;
}

/** CPU-second counters for the app's processes, the database's and this process (the shoppers). */
function cpuMeters(app: RunningApp, databaseDir: string): CpuMeters {
  const postgres = postmasterPid(databaseDir);
  return {
    app: () => processTreeCpuSeconds(app.pid),
    postgres: () => (postgres ? processTreeCpuSeconds(postgres) : 0),
    client: () => {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1e6;
    },
  };
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  installSignalHandlers();
  const startedAt = Date.now();
  const loadAtStart = printHost();
  const { steps, duration } = options;
  const section = (title: string) => console.log(`\n▸ ${title}`);

  if (steps.has("dispatch")) {
    section("dispatch plan (in process)");
    const { benchDispatch } = await import("./dispatch");
    benchDispatch({ runs: 20 });
  }

  const needsApp = steps.has("pages") || steps.has("http") || steps.has("sse") || steps.has("purge") || steps.has("jobs");
  const needsDatabase = needsApp || steps.has("checkout") || steps.has("edi");
  if (needsApp || steps.has("js")) {
    section("production build");
    const t = performance.now();
    await buildForBench();
    console.log(`  remix build into ${path.relative(root, buildDir)} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  }

  let app: RunningApp | null = null;
  let databaseUrl = "";
  let databaseDir = "";
  if (needsDatabase) {
    section(`bench database: embedded PostgreSQL${options.fastPg ? " (fsync off)" : ""}, demo ×${options.scale}`);
    const database = await startBenchDatabase({ scale: options.scale, fast: options.fastPg });
    databaseUrl = database.url;
    databaseDir = database.dataDir;
    console.log(
      `  seeded ${database.products} products, ${database.variants} variants in ${(database.seedMs / 1000).toFixed(1)} s (${path.relative(root, database.dataDir)})`,
    );
    // The app modules this process calls (commitOrder, advanceRequest, statusToken) use this database.
    process.env.DATABASE_URL = databaseUrl;
    process.env.DB_POOL_MAX ??= "20";
    process.env.NODE_ENV = "production";
    // One secret for this process and the app it starts: the SSE step signs status links here that
    // the app verifies (outside demo mode the app refuses to run without one).
    process.env.SESSION_SECRET ??= randomBytes(32).toString("base64url");
  }
  if (needsApp) {
    const t = performance.now();
    app = await startApp({ databaseUrl });
    console.log(`  app (app/start.ts, one process) at ${app.url}, ready in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }

  if (steps.has("pages") && app) {
    // Two passes: every page rendered by one process (no page cache), then how the app is run in
    // production on this machine: one HTTP process per core with the shared page cache.
    const { benchPages, makeVisitors, RENDER_CPU_BUDGET_MS, WARM_PAGES } = await import("./pages");
    section(
      `storefront pages, rendered every time (PAGE_CACHE=false, one process): ${32} connections, ${duration} s each after ${WARM_PAGES.toLocaleString("en-US")} pages of warm-up, beside bare node:http`,
    );
    await app.stop();
    app = await startApp({ databaseUrl, env: { PAGE_CACHE: "false" } });
    await benchPages({
      appUrl: app.url,
      databaseUrl,
      seconds: duration,
      label: " (rendered, 1 process)",
      cpu: cpuMeters(app, databaseDir),
      renderBudgetMs: RENDER_CPU_BUDGET_MS,
    });
    const processes = String(os.cpus().length);
    section(
      `storefront pages, as deployed (WEB_CONCURRENCY=${processes}, page cache on): anonymous, with a bag, signed in with a bag, in one run`,
    );
    await app.stop();
    app = await startApp({ databaseUrl, env: { WEB_CONCURRENCY: processes } });
    await benchPages({
      appUrl: app.url,
      databaseUrl,
      seconds: duration,
      label: ` (WEB_CONCURRENCY=${processes}, page cache)`,
      cpu: cpuMeters(app, databaseDir),
      visitors: await makeVisitors(app.url, databaseUrl),
    });
  }

  if (steps.has("edi")) {
    section("EDI: a 500-line 850 received, ordered and acknowledged (in process)");
    const { benchEdi } = await import("./edi");
    await benchEdi({ runs: 5 });
  }

  if (steps.has("checkout")) {
    const seconds = Math.max(3, Math.round(duration / 2));
    section(`checkout commit: commitOrder in process, 16 concurrent transactions, ${seconds} s`);
    const { benchCommit } = await import("./commit");
    await benchCommit({ databaseUrl, seconds, workers: 16 });
  }

  if (steps.has("http") && app) {
    // The app as `npm start` runs it by default (WEB_CONCURRENCY=1), as with `--only http`: the pages
    // step leaves a process per core, each of which would be warmed by half the checkouts.
    if (steps.has("pages")) {
      await app.stop();
      app = await startApp({ databaseUrl });
    }
    section(`whole guest checkouts over HTTP: 16 shoppers, ${duration} s, one app process (as npm start runs it)`);
    const { benchHttpCheckout } = await import("./http-checkout");
    await benchHttpCheckout({ appUrl: app.url, databaseUrl, seconds: duration, cpu: cpuMeters(app, databaseDir) });
  }

  if (steps.has("sse") && app) {
    section("live status: production event → SSE");
    const { benchSse } = await import("./sse");
    await benchSse({ appUrl: app.url, databaseUrl, clients: 20, events: 200, writers: 4 });
  }

  if (steps.has("purge") && app) {
    section("edits live: a price edit → the cached product page on two HTTP processes, 100 edits");
    const { benchPurge } = await import("./purge");
    const other = await startApp({ databaseUrl });
    await benchPurge({ appUrls: [app.url, other.url], edits: 100 });
    await other.stop();
  }

  if (steps.has("jobs")) {
    section("jobs: the worker runs what the checkouts queued (one more app process, worker on)");
    const { benchJobs } = await import("./jobs");
    await benchJobs({ databaseUrl });
  }

  if (steps.has("js")) {
    section("JS size (the bench build's Remix manifest)");
    const { benchJsSizes, benchPageWeights } = await import("./js-size");
    benchJsSizes();
    if (app) await benchPageWeights(app.url, undefined, { headers: { "Accept-Encoding": "identity" } });
  }

  if (needsDatabase) {
    const { sqlClient } = await import("~/lib/db.server");
    await sqlClient().end({ timeout: 5 });
  }
  await cleanupAll();

  const loadAtEnd = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");
  printTable(
    `Results (${((Date.now() - startedAt) / 1000).toFixed(0)} s; load average ${loadAtStart} at start, ${loadAtEnd} at end; ${os.cpus().length} cpus, node ${process.version})`,
  );
  if (options.json) {
    writeFileSync(
      options.json,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          host: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadAtStart, loadAtEnd },
          options: { ...options, steps: [...options.steps] },
          rows,
        },
        null,
        2,
      ),
    );
    console.log(`wrote ${options.json}`);
  }
  process.exit(0);
}

main().catch(async (error) => {
  if (wasInterrupted()) return; // the signal handler cleans up and exits
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  await cleanupAll();
  process.exit(1);
});
