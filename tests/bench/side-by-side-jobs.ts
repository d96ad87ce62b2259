/**
 * Two trees' job workers measured side by side on the same orders' jobs (docs/performance.md, the
 * `jobs` step): one bench database, one app taking guest checkouts over HTTP with its worker off,
 * and in alternating turns (before after after before …) a few seconds of checkouts, then one side's
 * worker process, as `npm start` runs it, draining what they queued. Each turn's worker CPU an order
 * is read from /proc as the bench's `jobs` step reads it; the medians are compared. On a shared
 * machine both sides then suffer the other work alike.
 *
 *   npx tsx tests/bench/side-by-side-jobs.ts --before ../wt-base --after . [--turns 8] [--seconds 10]
 *
 * A fresh worker's first jobs are compiled as they run (the bench's own `jobs` step pays that too, over
 * ~1,200 orders): turns of a few hundred orders each, after a warm-up of the app taking checkouts
 * (its jobs drained first, not counted), keep that share small.
 * `--before` / `--after`: a checkout of the code (a git worktree with node_modules), built here.
 */
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildTree, cleanupAll, installSignalHandlers, startApp, startBenchDatabase, type AppTree } from "./harness";
import { rows } from "./report";

const { values } = parseArgs({
  options: {
    before: { type: "string" },
    after: { type: "string", default: "." },
    turns: { type: "string", default: "8" },
    seconds: { type: "string", default: "10" },
  },
});
if (!values.before) throw new Error("--before <checkout> is required");
const turns = Number(values.turns);
const seconds = Number(values.seconds);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");

async function main() {
  installSignalHandlers();
  console.log(`load at start ${load()}`);
  const database = await startBenchDatabase({ scale: 10, fast: false });
  process.env.DATABASE_URL = database.url;
  const sides: Record<"before" | "after", AppTree> = { before: { tree: "", build: "" }, after: { tree: "", build: "" } };
  for (const name of ["before", "after"] as const) {
    const tree = path.resolve(values[name]!);
    // Inside the checkout, so the build finds its node_modules (.data is ignored by git).
    sides[name] = { tree, build: path.join(tree, ".data", `side-by-side-jobs-${process.pid}-${name}`) };
    await buildTree(tree, sides[name].build);
  }
  const shop = await startApp({ databaseUrl: database.url, from: sides.after });
  const { benchHttpCheckout } = await import("./http-checkout");
  const { benchJobs } = await import("./jobs");
  await benchHttpCheckout({ appUrl: shop.url, databaseUrl: database.url, seconds: 1, warmOrders: 500 });
  // A worker from each tree drains once before the turns: the first process started from a tree new
  // to tsx compiles its TypeScript, and such a process spent up to ~30% more CPU a page afterwards in
  // the pages' side by side (docs/performance.md, "Session 17: the harness's lean"): neither side's
  // first turn is that one.
  await benchJobs({ databaseUrl: database.url, from: sides.before });
  await benchHttpCheckout({ appUrl: shop.url, databaseUrl: database.url, seconds: 1, warmOrders: 0 });
  await benchJobs({ databaseUrl: database.url, from: sides.after });
  const results = { before: [] as number[], after: [] as number[] };
  for (let turn = 0; turn < turns; turn++) {
    for (const name of turn % 2 ? (["after", "before"] as const) : (["before", "after"] as const)) {
      await benchHttpCheckout({ appUrl: shop.url, databaseUrl: database.url, seconds, warmOrders: 0 });
      await benchJobs({ databaseUrl: database.url, from: sides[name] });
      const drain = rows.findLast((r) => r.section === "jobs" && r.data?.cpuPerOrder !== undefined)!.data as {
        cpuPerOrder: number;
        orders: number;
        seconds: number;
        drained: boolean;
        failed: number;
      };
      if (!drain.drained || drain.failed) throw new Error(`turn ${turn + 1} ${name}: not drained, or jobs failed`);
      results[name].push(drain.cpuPerOrder);
      console.log(
        `turn ${turn + 1} ${name.padEnd(6)}: ${drain.cpuPerOrder.toFixed(2)} ms an order (${drain.orders} orders, ${drain.seconds.toFixed(1)} s; load ${load()})`,
      );
    }
  }
  const lower = results.after.filter((a, i) => a < results.before[i]).length;
  for (const name of ["before", "after"] as const)
    console.log(`${name.padEnd(6)}: median worker CPU ${median(results[name]).toFixed(2)} ms an order over ${turns} turns`);
  console.log(`after lower in ${lower} turns of ${turns}; load at end ${load()}`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => cleanupAll());
