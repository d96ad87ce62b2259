/**
 * Where an uncached page's CPU goes, from the floor up (docs/performance.md, "The floor under a
 * page"): app CPU per request (utime + stime from /proc) at 32 connections, PAGE_CACHE=false, one
 * process, for answers that each add one layer:
 *
 *   bare node:http sending a product page's bytes → our listener answering a string before Remix →
 *   the same through our fetch Request/Response round trip → a Remix resource route returning a
 *   constant → /healthz (one database round trip) → a document route rendering only the root layout
 *   → product pages (all of them, in turn).
 *
 * Each is loaded in turn, several turns, the median taken (other work on a shared machine weighs on
 * every layer alike).
 *
 *   npx tsx tests/bench/floor.ts [--turns 5] [--seconds 2] [--scale 10] [--env NAME=value] [--only listener,products]
 *     [--before <source tree>]
 *
 * With `--before` (a checkout or `git archive` of another commit with node_modules, holding these
 * floor files), that tree is built and served too, from the same database, and each layer is loaded
 * on both in alternating turns: before → after per layer.
 *
 * BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the app (the whole run).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import postgres from "postgres";
import { freePort } from "../../db/embedded";
import {
  buildDir,
  buildForBench,
  cleanupAll,
  installSignalHandlers,
  onCleanup,
  processTreeCpuSeconds,
  root,
  sleep,
  startBareServer,
  startBenchDatabase,
} from "./harness";

const { values } = parseArgs({
  options: {
    turns: { type: "string", default: "5" },
    seconds: { type: "string", default: "2" },
    connections: { type: "string", default: "32" },
    scale: { type: "string", default: "10" },
    only: { type: "string" },
    env: { type: "string", multiple: true, default: [] },
    /** Where to keep the first product page's HTML, to look at. */
    save: { type: "string" },
    before: { type: "string" },
  },
});

function buildTree(tree: string, dir: string) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(tree, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
      cwd: tree,
      env: { ...process.env, NODE_ENV: "production", VITE_CJS_IGNORE_WARNING: "true", SOKO_BUILD_DIR: dir },
      stdio: "ignore",
    });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`build in ${tree} failed`))));
  });
}

async function startFloorServer(databaseUrl: string, extra: Record<string, string>, tree = root, build = buildDir) {
  const port = await freePort();
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "tests/bench/floor-server.ts"], {
    cwd: tree,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DEMO_MODE: "false",
      SESSION_SECRET: randomBytes(32).toString("base64url"),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SOKO_BUILD_DIR: build,
      PAGE_CACHE: "false",
      ...extra,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  onCleanup(async () => {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (i > 1200) throw new Error("the floor server did not start");
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not yet */
    }
    await sleep(250);
  }
  return { url, pid: child.pid! };
}

async function main() {
  installSignalHandlers();
  await buildForBench();
  const beforeDir = path.join(root, ".data", `floor-before-${process.pid}`);
  if (values.before) {
    onCleanup(async () => rmSync(beforeDir, { recursive: true, force: true }));
    await buildTree(path.resolve(values.before), beforeDir);
  }
  const database = await startBenchDatabase({ scale: Number(values.scale), fast: true });
  const extra = Object.fromEntries(values.env!.map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
  const app = await startFloorServer(database.url, extra);
  const before = values.before ? await startFloorServer(database.url, extra, path.resolve(values.before), beforeDir) : null;
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  const products = (await sql<{ handle: string }[]>`select handle from products where status = 'active' order by id`).map(
    (r) => `/products/${encodeURIComponent(r.handle)}`,
  );
  await sql.end();
  const sample = await fetch(app.url + products[0]);
  const page = Buffer.from(await sample.arrayBuffer());
  if (values.save) writeFileSync(values.save, page);
  const bare = await startBareServer(page, "text/html; charset=utf-8");

  type Layer = { name: string; url: string; pid: number; paths: string[] };
  let layers: Layer[] = [
    { name: `bare node:http, a product page's bytes (${(page.length / 1024).toFixed(1)} KB)`, url: bare.url, pid: bare.pid, paths: ["/"] },
    { name: "our listener, a string before Remix", url: app.url, pid: app.pid, paths: ["/__floor/listener"] },
    { name: "… through our fetch Request/Response", url: app.url, pid: app.pid, paths: ["/__floor/fetch"] },
    { name: "Remix resource route, constant", url: app.url, pid: app.pid, paths: ["/__floor/resource"] },
    { name: "/healthz (select 1)", url: app.url, pid: app.pid, paths: ["/healthz"] },
    { name: "document route, root layout only", url: app.url, pid: app.pid, paths: ["/__floor/layout"] },
    { name: `product pages (all ${products.length})`, url: app.url, pid: app.pid, paths: products },
  ];
  if (values.only) layers = layers.filter((l) => values.only!.split(",").some((o) => l.name.includes(o) || l.paths[0].includes(o)));
  if (before)
    layers = layers.flatMap((l) =>
      l.pid === app.pid
        ? [
            { ...l, name: `${l.name} [before]`, url: before.url, pid: before.pid },
            { ...l, name: `${l.name} [after]` },
          ]
        : [l],
    );
  const load = (layer: Layer, seconds: number) => {
    let n = 0;
    return autocannon({
      url: layer.url,
      connections: Number(values.connections),
      duration: seconds,
      requests: [{ method: "GET", path: layer.paths[0], setupRequest: (req) => ({ ...req, path: layer.paths[n++ % layer.paths.length] }) }],
    });
  };
  for (const layer of layers) {
    const r = await load(layer, 2);
    if (r.non2xx || r.errors) throw new Error(`${layer.name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  }
  const perTurn = layers.map(() => [] as number[]);
  const rates = layers.map(() => [] as number[]);
  for (let turn = 0; turn < Number(values.turns); turn++) {
    // Every other turn in reverse, so that neither side of a pair always goes first.
    const order = [...layers.keys()];
    if (turn % 2) order.reverse();
    for (const i of order) {
      const layer = layers[i];
      const before = processTreeCpuSeconds(layer.pid);
      const result = await load(layer, Number(values.seconds));
      perTurn[i].push(((processTreeCpuSeconds(layer.pid) - before) * 1000) / Math.max(1, result.requests.total));
      rates[i].push(result.requests.average);
    }
  }
  await bare.stop();
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  const { loadavg } = await import("node:os");
  console.log(
    `floor: ${values.connections} connections, ${values.turns} turns of ${values.seconds} s, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")}`,
  );
  for (const [i, layer] of layers.entries())
    console.log(
      `  ${layer.name.padEnd(58)} ${median(perTurn[i]).toFixed(3)} ms CPU a request, ${Math.round(median(rates[i]))} req/s  (turns ${perTurn[i].map((m) => m.toFixed(2)).join(" ")})`,
    );
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => cleanupAll());
