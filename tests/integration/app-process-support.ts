/**
 * The app as `npm start` runs it, in child processes, for tests that need real HTTP processes
 * (the page cache, LISTEN across processes): one production build shared by those files, rebuilt only
 * when the sources are newer, and HTTP or worker-only processes against the file's database. Every
 * process is killed on exit, whatever happens.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "#db/embedded";

const root = path.resolve(import.meta.dirname, "../..");
const children = new Set<ChildProcess>();
const killAll = () => {
  for (const child of children) child.kill("SIGKILL");
};
process.on("exit", killAll);

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

const BUILD_DIR = path.join(root, ".data", "test-app-build");
const BUILT = path.join(BUILD_DIR, ".built");
const LOCK = `${BUILD_DIR}.lock`;
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function isFresh(): boolean {
  if (!existsSync(BUILT)) return false;
  const sources = ["app", "emails", "remix.config.js", "package.json", "tsconfig.json"].map((p) => path.join(root, p));
  return statSync(BUILT).mtimeMs >= Math.max(...sources.map(newestMtime));
}

/**
 * One production build in .data/test-app-build for every test file that starts app processes, made
 * when missing or stale. Files run in parallel: the first to find it stale builds it under a lock
 * (a directory, made atomically) while the others wait, and `.built` is written only once the whole
 * build is there, so nobody starts an app from half a build.
 */
export function buildIfStale(): string {
  for (const deadline = Date.now() + 300_000; Date.now() < deadline; ) {
    if (isFresh()) return BUILD_DIR;
    try {
      mkdirSync(LOCK, { recursive: false });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A builder killed mid-build leaves its lock: a build takes seconds, so one minutes old is abandoned.
      const since = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > 180_000) rmSync(LOCK, { recursive: true, force: true });
      pause(200);
      continue;
    }
    try {
      if (!isFresh()) {
        rmSync(BUILD_DIR, { recursive: true, force: true });
        execFileSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
          cwd: root,
          stdio: "ignore",
          env: { ...process.env, NODE_ENV: "production", VITE_CJS_IGNORE_WARNING: "true", SOKO_BUILD_DIR: BUILD_DIR },
        });
        writeFileSync(BUILT, "");
      }
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
    return BUILD_DIR;
  }
  throw new Error(`no app build in ${BUILD_DIR} after 5 minutes (is ${LOCK} left over?)`);
}

export type App = { url: string; log: () => string };

export function spawnProcess(buildDir: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DEMO_MODE: "false",
      SOKO_BUILD_DIR: buildDir,
      VITE_CJS_IGNORE_WARNING: "true",
      DB_POOL_MAX: "3",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  return { child, log: () => log };
}

/** An HTTP process (no worker) on a free port, once it answers /healthz. */
export async function startHttp(buildDir: string, env: Record<string, string> = {}): Promise<App> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { child, log } = spawnProcess(buildDir, ["app/start.ts"], { PORT: String(port), WORKER: "false", PUBLIC_URL: url, ...env });
  for (const deadline = Date.now() + 60_000; ; ) {
    if (child.exitCode !== null) throw new Error(`the app exited:\n${log().slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`the app did not answer /healthz:\n${log().slice(-3000)}`);
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, log };
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stops every process this file started: SIGTERM, then SIGKILL after half a second. */
export async function stopAll() {
  for (const child of children) child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  killAll();
}
