/**
 * Two builds of the app measured side by side on whole guest checkouts over HTTP, as
 * docs/performance.md describes: both served from one bench database at the same time, loaded in
 * alternating turns (A B B A …), each turn's app CPU per order read from /proc, the medians
 * compared. On a shared machine both builds then suffer the other work alike.
 *
 *   npx tsx tests/bench/side-by-side.ts --before ../wt-base --after . [--turns 10] [--seconds 3]
 *   npx tsx tests/bench/side-by-side.ts --before . --after . --after-node-args=--max-semi-space-size=32
 *
 * `--before` / `--after`: a checkout of the code (a git worktree with node_modules), built here.
 * `--before-node-args` / `--after-node-args`: node options for that side's process (the same tree
 * with two settings).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { freePort } from "../../db/embedded";
import { cleanupAll, installSignalHandlers, onCleanup, postmasterPid, processTreeCpuSeconds, sleep, startBenchDatabase } from "./harness";
import { rows } from "./report";

const { values } = parseArgs({
  options: {
    before: { type: "string" },
    after: { type: "string", default: "." },
    turns: { type: "string", default: "10" },
    seconds: { type: "string", default: "3" },
    "before-node-args": { type: "string", default: "" },
    "after-node-args": { type: "string", default: "" },
  },
});
if (!values.before) throw new Error("--before <checkout> is required");
const sides = { before: path.resolve(values.before), after: path.resolve(values.after!) };
const turns = Number(values.turns);
const seconds = Number(values.seconds);

function run(command: string, args: string[], cwd: string, env: Record<string, string>) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let errors = "";
    child.stderr!.on("data", (d) => (errors += d));
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(" ")} in ${cwd}: ${code}\n${errors.slice(-2000)}`)),
    );
  });
}

/** Inside the checkout, so the build finds its node_modules (.data is ignored by git). */
const buildDirOf = (name: "before" | "after", cwd: string) => path.join(cwd, ".data", `side-by-side-${process.pid}-${name}`);

async function buildSide(name: "before" | "after", cwd: string) {
  const buildDir = buildDirOf(name, cwd);
  rmSync(buildDir, { recursive: true, force: true });
  onCleanup(async () => rmSync(buildDir, { recursive: true, force: true }));
  await run(process.execPath, [path.join(cwd, "node_modules/@remix-run/dev/dist/cli.js"), "build"], cwd, {
    NODE_ENV: "production",
    SOKO_BUILD_DIR: buildDir,
  });
}

async function startSide(name: "before" | "after", cwd: string, databaseUrl: string, secret: string) {
  const nodeArgs = (values[`${name}-node-args`] ?? "").split(" ").filter(Boolean);
  const buildDir = buildDirOf(name, cwd);
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "app/start.ts"], {
    cwd,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DEMO_MODE: "false",
      SESSION_SECRET: secret,
      WORKER: "false",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SOKO_BUILD_DIR: buildDir,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const keep = (d: Buffer) => {
    log = (log + d.toString()).slice(-4000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let exited = false;
  child.on("exit", () => (exited = true));
  onCleanup(async () => {
    child.kill("SIGTERM");
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (exited || i > 1200) throw new Error(`${name}: no answer from /healthz\n${log}`);
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await sleep(250);
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { name, url, pid: child.pid!, stop };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  installSignalHandlers();
  const database = await startBenchDatabase({ scale: 10, fast: false });
  process.env.DATABASE_URL = database.url;
  const secret = randomBytes(32).toString("base64url");
  await buildSide("before", sides.before);
  await buildSide("after", sides.after);
  // Each side started once and stopped first, both at the same time: a process whose tsx compiled
  // the tree's TypeScript at its start spent up to ~30% more CPU a page afterwards than one that
  // found tsx's cache filled, and the side started first was the one to compile a tree new to tsx
  // (docs/performance.md, "Session 17: the harness's lean").
  const startBoth = () =>
    Promise.all([startSide("before", sides.before, database.url, secret), startSide("after", sides.after, database.url, secret)]);
  for (const side of await startBoth()) await side.stop();
  const [before, after] = await startBoth();
  const postgres = postmasterPid(database.dataDir);
  const { benchHttpCheckout } = await import("./http-checkout");
  const results: Record<string, { app: number[]; postgres: number[]; rate: number[] }> = {
    before: { app: [], postgres: [], rate: [] },
    after: { app: [], postgres: [], rate: [] },
  };
  for (let turn = 0; turn < turns; turn++) {
    for (const side of turn % 2 ? [after, before] : [before, after]) {
      await benchHttpCheckout({
        appUrl: side.url,
        databaseUrl: database.url,
        seconds,
        // Three seconds of warm-up a turn, as before: the turns alternate, so both sides warm alike.
        warmOrders: 0,
        cpu: {
          app: () => processTreeCpuSeconds(side.pid),
          postgres: () => (postgres ? processTreeCpuSeconds(postgres) : 0),
          client: () => 0,
        },
      });
      const [rate, cpu] = rows.slice(-2);
      const perOrder = cpu.data as { app: number; postgres: number };
      results[side.name].app.push(perOrder.app);
      results[side.name].postgres.push(perOrder.postgres);
      results[side.name].rate.push((rate.data as { ordersPerSecond: number }).ordersPerSecond);
      console.log(
        `turn ${turn + 1} ${side.name}: app ${perOrder.app.toFixed(2)} ms · PostgreSQL ${perOrder.postgres.toFixed(2)} ms an order`,
      );
    }
  }
  const lower = results.after.app.filter((a, i) => a < results.before.app[i]).length;
  for (const name of ["before", "after"] as const) {
    const r = results[name];
    console.log(
      `${name.padEnd(6)}: median app CPU ${median(r.app).toFixed(2)} ms, PostgreSQL ${median(r.postgres).toFixed(2)} ms an order; ${median(r.rate).toFixed(0)} orders/s`,
    );
  }
  console.log(`after lower in ${lower} turns of ${turns}`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => cleanupAll());
