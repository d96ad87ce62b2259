/**
 * `npm start`: build if the build is missing or stale, start the embedded PostgreSQL unless
 * DATABASE_URL is set, migrate, seed the demo once, then serve and run the job worker.
 */
import { execFileSync } from "node:child_process";
import cluster from "node:cluster";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { EmbeddedDatabaseRefused, ensureDatabase, startEmbeddedPostgres } from "#db/embedded";
import { migrateDatabase } from "#db/migrate";
import { ConfigError, installSecretsFile, parseEnv } from "~/lib/env.server";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const buildDir = process.env.SOKO_BUILD_DIR ? path.resolve(root, process.env.SOKO_BUILD_DIR) : null;
const buildPath = buildDir ? path.join(buildDir, "server/index.js") : path.join(root, "build/index.js");
const assetsDir = buildDir ? path.join(buildDir, "public/build") : path.join(root, "public/build");

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function buildIfStale() {
  const sources = ["app", "emails", "remix.config.js", "package.json", "tsconfig.json"].map((p) => path.join(root, p)).filter(existsSync);
  const newestSource = Math.max(...sources.map(newestMtime));
  if (existsSync(buildPath) && statSync(buildPath).mtimeMs >= newestSource) return;
  console.log(existsSync(buildPath) ? "Sources changed since the last build: rebuilding…" : "No build yet: building…");
  execFileSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", VITE_CJS_IGNORE_WARNING: "true" },
  });
}

/**
 * Refuses a configuration that would leave a door open (no SESSION_SECRET outside demo mode, vendor
 * keys without their callback token or webhook secret…) before anything starts: the message, exit 1.
 */
function checkConfiguration() {
  try {
    parseEnv(process.env, { requireDatabase: false });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

async function main() {
  process.env.NODE_ENV ??= "production";
  let databaseUrl = process.env.DATABASE_URL;
  const embedded = !databaseUrl;
  // Demo data is the default only on the embedded database; a real server is seeded on request.
  process.env.DEMO_MODE ??= embedded ? "true" : "false";
  // Absolute, so every process (and demo mode's secrets file beside it) agrees on the folder.
  const dataDir = path.resolve(root, process.env.SOKO_DATA_DIR ?? ".data/postgres");
  process.env.SOKO_DATA_DIR = dataDir;
  const port = Number(process.env.PORT ?? 3000);
  process.env.PUBLIC_URL ??= `http://localhost:${port}`;
  checkConfiguration();
  buildIfStale();

  let stopDatabase = async () => {};
  if (embedded) {
    const cluster = await startEmbeddedPostgres({ dataDir, fast: process.env.SOKO_PG_FAST === "true" });
    await ensureDatabase(cluster.url("postgres"), "soko");
    databaseUrl = cluster.url("soko");
    process.env.DATABASE_URL = databaseUrl;
    stopDatabase = cluster.stop;
  }
  await migrateDatabase(databaseUrl!);
  // Invoices issued before migration 0034 get the receivable (and settlement) the ledger lacks; idempotent.
  const backfilled = await (await import("~/domain/wholesale/index.server")).backfillInvoiceReceivables();
  if (backfilled.issued.length || backfilled.paid.length)
    console.log(`Booked the receivables of ${backfilled.issued.length} earlier invoices (${backfilled.paid.length} settled).`);
  // Wholesale card orders placed before their sale was booked with them get it now; idempotent.
  const cardSales = await (await import("~/domain/wholesale/index.server")).backfillWholesaleCardSales();
  if (cardSales.length) console.log(`Booked the sales of ${cardSales.length} earlier wholesale card orders.`);
  // Web exchange orders placed before they carried their worth get it now (their pieces refund it); idempotent.
  const exchanges = await (await import("~/domain/returns/index.server")).backfillExchangeWorths();
  if (exchanges.orders.length) console.log(`Gave ${exchanges.orders.length} earlier exchange orders their worth.`);
  if (exchanges.refundedNothing.length)
    console.log(
      `Returns of earlier exchange pieces refunded nothing before this (finance to settle): ${exchanges.refundedNothing.join(", ")}.`,
    );
  // Lets end-to-end tests reach the same database as the server they drive.
  if (process.env.SOKO_URL_FILE) writeFileSync(process.env.SOKO_URL_FILE, databaseUrl!);

  if (process.env.DEMO_MODE === "true") {
    const { seedIfEmpty } = await import("#db/seed/index");
    const seeded = await seedIfEmpty(databaseUrl!, { progress: true });
    // The EDI demo: Hollis & Vane's sample 850s wait in its inbox folder for the worker.
    if (seeded.seeded) await (await import("~/domain/edi/index.server")).dropDemoInterchanges();
  }

  const processes = webConcurrency();
  const http = processes > 1 ? await forkHttpWorkers(processes, port) : await serveHttp(port);
  const { startWorker } = await import("./worker.server");
  const worker = process.env.WORKER === "false" ? null : await startWorker(databaseUrl!);

  console.log(
    `\nSoko is running at http://localhost:${http.port}${embedded ? ` (embedded PostgreSQL, data in ${path.relative(root, dataDir) || dataDir})` : ""}${processes > 1 ? `, ${processes} HTTP processes` : ""}`,
  );
  if (process.env.DEMO_MODE === "true") {
    console.log(`
Demo logins (password soko-demo unless noted):
  operations admin   ops@soko.test           http://localhost:${http.port}/ops
  flagship cashier   cashier@soko.test       http://localhost:${http.port}/pos
  store manager      manager@soko.test       http://localhost:${http.port}/pos   (approves discounts above 20%)
  Nairobi hub        hub@soko.test           http://localhost:${http.port}/ops/hub   (receiving, QC, packing; no payouts)
  finance            finance@soko.test       http://localhost:${http.port}/ops/payouts   (payouts, refunds, invoices; no hub)
  retail buyer       buyer@retailer.test     http://localhost:${http.port}/wholesale/login    (past orders: an invoice paid, one overdue)
  UK shopper         harriet.uk@soko.test    http://localhost:${http.port}/account          (orders in pounds, one partly refunded)
  artisan            +254700000001, PIN 1234 http://localhost:${http.port}/artisan
`);
    const secrets = installSecretsFile(dataDir);
    if (existsSync(secrets))
      console.log(
        `This install's session secret and callback tokens (?token= on /api/ussd, /api/sms/inbound, /webhooks/mpesa/*): ${secrets}\n`,
      );
  }

  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    await http.close();
    await worker?.stop();
    await stopDatabase();
    process.exit(code);
  };
  process.on("SIGINT", () => stop());
  process.on("SIGTERM", () => stop());
  stopAfterCrash = stop;
  // A worker pool that stops on its own (it gave up completing jobs after minutes without the
  // database) takes no more jobs: restart rather than serve pages with no worker (decision 0027).
  worker?.promise.then(
    () => stopping || crashed(new Error("the job worker stopped"), "job worker"),
    (error) => stopping || crashed(error, "job worker"),
  );
}

/** How the process stops after an exception nothing caught (set once it serves; before that, exit at once). */
let stopAfterCrash: (code: number) => Promise<void> = async (code) => process.exit(code);

/**
 * An exception nothing caught leaves the process in a state nobody can vouch for (docs/decisions/0027):
 * it is logged, the process stops as on SIGTERM (the HTTP server and the job worker stop; a job
 * cut short is retried, each is idempotent) and exits 1, so whatever supervises it starts a fresh
 * one. `npm start` has no supervisor of its own: run it under one (systemd Restart=on-failure, a
 * container's restart policy). Ten seconds at most, then out regardless.
 */
function crashed(error: unknown, origin: string) {
  console.error(`Stopping after an uncaught exception (${origin}):`, error);
  setTimeout(() => process.exit(1), 10_000).unref();
  void stopAfterCrash(1).catch(() => process.exit(1));
}
process.on("uncaughtException", crashed);

/** WEB_CONCURRENCY HTTP processes (default 1); the primary keeps the database, migrations and jobs. */
function webConcurrency() {
  const n = Number(process.env.WEB_CONCURRENCY ?? 1);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 64) : 1;
}

async function serveHttp(port: number) {
  const { startHttpServer } = await import("./server");
  return startHttpServer({ buildPath, assetsDir, port });
}

/**
 * The app is stateless, so several processes share the port (node:cluster); a process that dies is
 * replaced. Each worker is this same script, started with the environment the primary settled.
 */
async function forkHttpWorkers(count: number, port: number) {
  let stopping = false;
  const fork = () => cluster.fork({ ...process.env, SOKO_HTTP_WORKER: "true" });
  const ready = Array.from({ length: count }, () => {
    const worker = fork();
    return new Promise<void>((resolve, reject) => {
      worker.once("message", (message) => (message === "listening" ? resolve() : undefined));
      worker.once("exit", (code) => reject(new Error(`HTTP worker exited with code ${code} before listening`)));
    });
  });
  await Promise.all(ready);
  cluster.on("exit", (worker, code) => {
    if (stopping) return;
    console.error(`HTTP worker ${worker.process.pid} exited (${code}); starting another`);
    fork();
  });
  return {
    port,
    close: async () => {
      stopping = true;
      await Promise.all(
        Object.values(cluster.workers ?? {}).map(
          (w) =>
            new Promise<void>((resolve) => {
              if (!w || w.isDead()) return resolve();
              w.once("exit", () => resolve());
              w.kill("SIGTERM");
            }),
        ),
      );
    },
  };
}

async function httpWorker() {
  const http = await serveHttp(Number(process.env.PORT ?? 3000));
  process.send?.("listening");
  const stop = async (code = 0) => {
    await http.close();
    process.exit(code);
  };
  process.on("SIGINT", () => stop());
  process.on("SIGTERM", () => stop());
  stopAfterCrash = stop;
}

// A failed background promise is logged, never allowed to take the server down.
process.on("unhandledRejection", (reason) => console.error("Unhandled rejection:", reason));

(cluster.isWorker && process.env.SOKO_HTTP_WORKER === "true" ? httpWorker() : main()).catch((error) => {
  // A refusal a person can act on is said in its own words; anything else with its stack.
  console.error(error instanceof EmbeddedDatabaseRefused ? error.message : error);
  process.exit(1);
});
