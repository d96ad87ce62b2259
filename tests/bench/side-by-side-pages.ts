/**
 * Two builds of the app judged side by side on pages (tests/bench/side-by-side.ts does whole
 * checkouts) on one bench database (docs/performance.md, "Render and
 * checkout CPU"): on a shared machine app CPU per request moves with everyone else's work, so the
 * before and after are served at the same time and loaded at the same time, turn after turn, over
 * the same paths, and each turn's app CPU per request is read from /proc; the medians are compared.
 * Loaded in alternating turns instead, the two sides met different machines: other work comes and
 * goes within seconds here, and one side's 2-second windows could run at half the other's rate with
 * the same code (docs/performance.md, "Session 17: the harness's lean"). Both sides are also started
 * and warmed at the same time, so neither sits idle while the other warms, and each is started
 * once and stopped before, so both find their TypeScript in tsx's cache.
 *
 *   npx tsx tests/bench/side-by-side-pages.ts --before /tmp/main-tree [--after .] [--turns 10] [--seconds 2]
 *     [--connections 4] [--paths products|/|/collections/earrings|/healthz] [--scale 1] [--env PAGE_CACHE=false]
 *     [--warm 6000] [--compare]
 *
 * Each side first renders `--warm` pages (a fresh app's first few thousand pages cost more while V8
 * compiles: docs/performance.md, "Session 15: the render"). `--compare` first fetches every product
 * page and a set of other pages from both sides and compares them byte for byte, nonces, the app's
 * port, build hashes and random form keys aside; a difference stops the run.
 *
 * `--before` and `--after` are source trees (a checkout with node_modules, or `git archive` of a
 * commit with node_modules linked in): each is built into its own folder and started from its tree.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import postgres from "postgres";
import { freePort } from "../../db/embedded";
import { cleanupAll, installSignalHandlers, onCleanup, processTreeCpuSeconds, root, sleep, startBenchDatabase } from "./harness";
import { WARM_PAGES } from "./pages";

const { values } = parseArgs({
  options: {
    before: { type: "string" },
    after: { type: "string", default: root },
    turns: { type: "string", default: "10" },
    seconds: { type: "string", default: "2" },
    connections: { type: "string", default: "4" },
    paths: { type: "string", default: "products" },
    scale: { type: "string", default: "10" },
    env: { type: "string", multiple: true, default: ["PAGE_CACHE=false"] },
    warm: { type: "string", default: String(WARM_PAGES) },
    compare: { type: "boolean", default: false },
  },
});
if (!values.before) throw new Error("--before <source tree> is required");

function build(tree: string, dir: string) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(tree, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
      cwd: tree,
      env: { ...process.env, NODE_ENV: "production", VITE_CJS_IGNORE_WARNING: "true", SOKO_BUILD_DIR: dir },
      stdio: "inherit",
    });
    child.on("exit", (code) =>
      code === 0 && existsSync(path.join(dir, "server/index.js")) ? resolve() : reject(new Error(`build in ${tree} failed`)),
    );
  });
}

async function start(tree: string, buildDir: string, databaseUrl: string, extra: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "app/start.ts"], {
    cwd: tree,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DEMO_MODE: "false",
      SESSION_SECRET: randomBytes(32).toString("base64url"),
      WORKER: "false",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      VITE_CJS_IGNORE_WARNING: "true",
      SOKO_BUILD_DIR: buildDir,
      ...extra,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  onCleanup(async () => {
    child.kill("SIGTERM");
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (i > 1200) throw new Error(`${tree} did not start`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not yet */
    }
    await sleep(250);
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { url, pid: child.pid!, stop };
}

async function main() {
  installSignalHandlers();
  const trees = { before: path.resolve(values.before!), after: path.resolve(values.after!) };
  const dirs = {
    before: path.join(root, ".data", `sbs-before-${process.pid}`),
    after: path.join(root, ".data", `sbs-after-${process.pid}`),
  };
  for (const dir of Object.values(dirs)) onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  await build(trees.before, dirs.before);
  await build(trees.after, dirs.after);
  const database = await startBenchDatabase({ scale: Number(values.scale), fast: true });
  const extra = Object.fromEntries(values.env!.map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
  // Each side started once and stopped before the run: tsx compiles a tree's TypeScript on its first
  // start (then keeps it in its cache), and a process that compiled at its start spent up to ~30%
  // more CPU a page afterwards than one that found the cache filled (docs/performance.md, "Session
  // 17: the harness's lean"). A tree new to tsx, started first, was the side that came out worse.
  const startBoth = () =>
    Promise.all([start(trees.before, dirs.before, database.url, extra), start(trees.after, dirs.after, database.url, extra)]);
  for (const app of await startBoth()) await app.stop();
  const [before, after] = await startBoth();
  const apps = { before, after };
  let paths = [values.paths!];
  if (values.paths === "products") {
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    paths = (await sql<{ handle: string }[]>`select handle from products where status = 'active' order by id`).map(
      (r) => `/products/${r.handle}`,
    );
    await sql.end();
  }
  const load = (url: string, seconds: number, amount?: number) => {
    let n = 0;
    return autocannon({
      url,
      connections: Number(values.connections),
      duration: seconds,
      amount,
      requests: [{ method: "GET", path: paths[0], setupRequest: (req) => ({ ...req, path: paths[n++ % paths.length] }) }],
    });
  };
  if (values.compare) await compare(apps.before.url, apps.after.url, database.url);
  // Every path on each side before anything is measured, `--warm` pages in all: a first render of a
  // page pays for its route match and cold code once, and V8 compiles the render's code meanwhile.
  const warm = Math.max(200, paths.length * 2, Number(values.warm));
  await Promise.all([load(apps.before.url, 3, warm), load(apps.after.url, 3, warm)]);
  const perTurn: Record<"before" | "after", number[]> = { before: [], after: [] };
  const rate: Record<"before" | "after", number[]> = { before: [], after: [] };
  const idle: Record<"before" | "after", number> = { before: 0, after: 0 };
  for (let turn = 0; turn < Number(values.turns); turn++) {
    // Each side's CPU while nothing loads it: a background duty on one side only would show here.
    const rested = { before: processTreeCpuSeconds(apps.before.pid), after: processTreeCpuSeconds(apps.after.pid) };
    await sleep(250);
    for (const side of ["before", "after"] as const) idle[side] += processTreeCpuSeconds(apps[side].pid) - rested[side];
    const order = turn % 2 ? (["after", "before"] as const) : (["before", "after"] as const);
    const cpu = { before: processTreeCpuSeconds(apps.before.pid), after: processTreeCpuSeconds(apps.after.pid) };
    const results = await Promise.all(order.map((side) => load(apps[side].url, Number(values.seconds))));
    const spent = { before: processTreeCpuSeconds(apps.before.pid), after: processTreeCpuSeconds(apps.after.pid) };
    order.forEach((side, i) => {
      const result = results[i];
      if (result.non2xx || result.errors) throw new Error(`${side}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      perTurn[side].push(((spent[side] - cpu[side]) * 1000) / Math.max(1, result.requests.total));
      rate[side].push(result.requests.total / Number(values.seconds));
    });
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  const lower = perTurn.after.filter((ms, i) => ms < perTurn.before[i]).length;
  console.log(`paths: ${values.paths} (${paths.length}), ${values.connections} connections, ${values.turns} turns of ${values.seconds} s`);
  for (const side of ["before", "after"] as const)
    console.log(
      `${side}: median ${median(perTurn[side]).toFixed(2)} ms app CPU a request, ${median(rate[side]).toFixed(0)} requests/s; turns ${perTurn[side].map((m) => m.toFixed(2)).join(" ")}; idle ${Math.round(idle[side] * 1000)} ms CPU in ${values.turns} × 250 ms`,
    );
  const ratios = perTurn.after.map((ms, i) => ms / perTurn.before[i]);
  console.log(
    `after lower in ${lower} turns of ${perTurn.after.length}; after/before turn by turn: median ${median(ratios).toFixed(3)} (${ratios.map((r) => r.toFixed(2)).join(" ")})`,
  );
}

/** What differs between two builds' answers for the same page that is not the page. */
const normalize = (html: string) =>
  html
    .replace(/nonce="[^"]*"/g, 'nonce=""')
    .replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:PORT")
    .replace(/-[A-Z0-9]{8}\.(js|css)/g, "-HASH.$1")
    .replace(/"version": ?"[0-9a-f]+"/g, '"version": ""')
    // A form's idempotency key, new on every render.
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "UUID");

async function compare(before: string, after: string, databaseUrl: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const handles = (await sql<{ handle: string }[]>`select handle from products where status = 'active' order by id`).map((r) => r.handle);
  const [reviewed] = await sql<{ handle: string }[]>`
    select p.handle from products p join reviews r on r.product_id = p.id where p.status = 'active' group by p.handle order by count(*) desc limit 1`;
  await sql.end();
  const pages = [
    ...handles.map((h) => `/products/${h}`),
    ...handles.slice(0, 5).flatMap((h) => ["/en-gb", "/en-eu", "/en-ca", "/en-au"].map((m) => `${m}/products/${h}`)),
    `/products/${handles[0]}?variant=2`,
    `/products/${reviewed?.handle ?? handles[0]}/reviews`,
    `/products/${handles[0]}/photos/1`,
    "/",
    "/en-gb",
    "/collections/earrings",
    "/collections/necklaces?page=2",
    "/makers",
    "/search?q=ring",
    "/cart",
    "/account/login",
    "/gift-cards",
    "/no-such-page",
    "/ops/login",
    "/artisan/pin",
  ];
  let same = 0;
  for (const page of pages) {
    for (let time = 0; time < 2; time++) {
      const [a, b] = await Promise.all([before, after].map((url) => fetch(url + page).then(async (r) => `${r.status}\n${await r.text()}`)));
      const [x, y] = [normalize(a), normalize(b)];
      if (x !== y) {
        let at = 0;
        while (x[at] === y[at]) at++;
        throw new Error(
          `${page} differs at ${at}:\nbefore …${x.slice(Math.max(0, at - 120), at + 120)}\nafter  …${y.slice(Math.max(0, at - 120), at + 120)}`,
        );
      }
      same++;
    }
  }
  console.log(`compared: ${same} answers of ${pages.length} pages the same byte for byte (nonces, port, build hashes and form keys aside)`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => cleanupAll());
