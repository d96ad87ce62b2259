/**
 * Does an uncached page get cheaper as a freshly started app warms? (docs/performance.md, "Session 15:
 * the render"). One app process (PAGE_CACHE=false by default) is started on a bench database and
 * loaded with product pages cycling all of them, in successive windows of `--pages` pages each; for
 * every window the app's CPU per page is read from /proc thread by thread: the main thread (the
 * event loop: JavaScript, the render) against the rest (V8's compiler and collector helpers, libuv's
 * pool), the rest also by thread name.
 *
 *   npx tsx tests/bench/render-threads.ts [--windows 12] [--pages 640] [--connections 32] [--scale 10]
 *     [--env PAGE_CACHE=false] [--build <dir with server/index.js>]
 *
 * BENCH_APP_NODE_ARGS (read by the harness) passes flags to the app, e.g. "--single-threaded".
 */
import { readdirSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import postgres from "postgres";
import { buildForBench, cleanupAll, installSignalHandlers, startApp, startBenchDatabase } from "./harness";

const { values } = parseArgs({
  options: {
    windows: { type: "string", default: "12" },
    pages: { type: "string", default: "640" },
    connections: { type: "string", default: "32" },
    scale: { type: "string", default: "10" },
    env: { type: "string", multiple: true, default: ["PAGE_CACHE=false"] },
  },
});

const CLOCK_TICKS = 100;

/** CPU ticks (utime + stime) of each thread of `pid`, by thread id, with the thread's name. */
function threadTicks(pid: number): Map<number, { name: string; ticks: number }> {
  const threads = new Map<number, { name: string; ticks: number }>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const line = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const name = line.slice(line.indexOf("(") + 1, line.lastIndexOf(")"));
      const rest = line.slice(line.lastIndexOf(")") + 2).split(" ");
      threads.set(Number(tid), { name, ticks: Number(rest[11]) + Number(rest[12]) });
    } catch {
      /* the thread ended meanwhile */
    }
  }
  return threads;
}

async function main() {
  installSignalHandlers();
  await buildForBench();
  const database = await startBenchDatabase({ scale: Number(values.scale), fast: true });
  const env = Object.fromEntries(values.env!.map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
  const app = await startApp({ databaseUrl: database.url, env });
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  const paths = (await sql<{ handle: string }[]>`select handle from products where status = 'active' order by id`).map(
    (r) => `/products/${encodeURIComponent(r.handle)}`,
  );
  await sql.end();
  console.log(`app pid ${app.pid}, ${paths.length} product pages, ${values.connections} connections, windows of ${values.pages} pages`);
  console.log("window | pages so far | pages/s | app ms a page | main | other threads | other threads by name");
  let next = 0;
  let done = 0;
  for (let w = 1; w <= Number(values.windows); w++) {
    const before = threadTicks(app.pid);
    const started = performance.now();
    const result = await autocannon({
      url: app.url,
      connections: Number(values.connections),
      amount: Number(values.pages),
      timeout: 30,
      requests: [{ method: "GET", path: paths[0], setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }],
    });
    const seconds = (performance.now() - started) / 1000;
    const after = threadTicks(app.pid);
    if (result.non2xx || result.errors || result.timeouts)
      throw new Error(`window ${w}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    const pages = result.requests.total;
    done += pages;
    let main = 0;
    let other = 0;
    const byName = new Map<string, number>();
    for (const [tid, t] of after) {
      const spent = t.ticks - (before.get(tid)?.ticks ?? 0);
      if (tid === app.pid) main += spent;
      else {
        other += spent;
        byName.set(t.name, (byName.get(t.name) ?? 0) + spent);
      }
    }
    const perPage = (ticks: number) => ((ticks / CLOCK_TICKS) * 1000) / Math.max(1, pages);
    const names = [...byName]
      .filter(([, ticks]) => ticks > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([name, ticks]) => `${name} ${perPage(ticks).toFixed(2)}`)
      .join(", ");
    console.log(
      `${w} | ${done} | ${Math.round(pages / seconds)} | ${perPage(main + other).toFixed(2)} | ${perPage(main).toFixed(2)} | ${perPage(other).toFixed(2)} (${((other / Math.max(1, main + other)) * 100).toFixed(0)}%) | ${names}`,
    );
  }
  await app.stop();
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => cleanupAll());
