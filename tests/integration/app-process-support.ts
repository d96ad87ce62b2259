/**
 * The app as `npm start` runs it, in child processes, for tests that need real HTTP processes
 * (the page cache, LISTEN across processes): a production build of the test file's own, rebuilt only
 * when the sources are newer, and HTTP or worker-only processes against the file's database. Every
 * process is killed on exit, whatever happens.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
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

/** A build in .data/<name> (each test file its own: files run in parallel), made when missing or stale. */
export function buildIfStale(name: string): string {
  const buildDir = path.join(root, ".data", name);
  const server = path.join(buildDir, "server/index.js");
  const sources = ["app", "emails", "remix.config.js", "package.json", "tsconfig.json"].map((p) => path.join(root, p));
  if (existsSync(server) && statSync(server).mtimeMs >= Math.max(...sources.map(newestMtime))) return buildDir;
  execFileSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: root,
    stdio: "ignore",
    env: { ...process.env, NODE_ENV: "production", VITE_CJS_IGNORE_WARNING: "true", SOKO_BUILD_DIR: buildDir },
  });
  return buildDir;
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
