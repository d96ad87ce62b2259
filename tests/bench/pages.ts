/**
 * Storefront pages under load: `/`, `/collections/earrings` and product pages cycling through every
 * product, 32 connections, each beside the same bytes served by a bare node:http server. With
 * `visitors`, each page is loaded in the same run by anonymous visitors, shoppers with a bag and
 * signed-in shoppers (each kind cycling through several cookies of its own), the personal kinds held
 * to half the anonymous rate (docs/decisions/0018-personal-bits-stitched.md).
 */
import { get as httpGet } from "node:http";
import autocannon, { type AutocannonRequest, type AutocannonResult } from "autocannon";
import postgres from "postgres";
import { startBareServer, type CpuMeters } from "./harness";
import { ms, perSecond, record, verdict } from "./report";

export const CONNECTIONS = 32;
const P99_BUDGET_MS = 50;
const PRODUCT_RPS_BUDGET = 1_000;
/** An uncached product page: app CPU per page (loaders, render, HTTP), PAGE_CACHE=false. */
export const RENDER_CPU_BUDGET_MS = 1.5;
/**
 * Pages rendered before the uncached pass measures a target: a freshly started app spends a quarter of
 * its CPU on V8's compiler threads for the first few thousand product pages, and its main thread runs
 * bytecode until then (docs/performance.md, "Session 15: the render"). The budget is about a server
 * that has been up a while, so the pass measures one; the warm-up's own CPU a page is printed beside.
 */
export const WARM_PAGES = 6_000;
const WARM_LIMIT_SECONDS = 60;
/** Cached anonymous pages against a bare node:http server sending the same bytes, side by side. */
const BARE_RATIO_BUDGET = 0.25;
/** A shopper with a bag, or signed in, against anonymous visitors in the same run. */
const PERSONAL_RATE_BUDGET = 0.5;

type Target = { name: string; paths: string[]; budgeted: { p99: boolean; rps: boolean } };

/** A kind of visitor: the Cookie headers its requests cycle through (none: anonymous). */
export type Visitor = { name: string; cookies: string[] };

async function load(
  url: string,
  paths: string[],
  seconds: number,
  connections = CONNECTIONS,
  cookies: string[] = [],
): Promise<AutocannonResult> {
  let next = 0;
  const request: AutocannonRequest = {
    method: "GET",
    path: paths[0],
    setupRequest: (req) => {
      const n = next++;
      const path = paths[n % paths.length];
      return cookies.length ? { ...req, path, headers: { ...req.headers, cookie: cookies[n % cookies.length] } } : { ...req, path };
    },
  };
  return autocannon({ url, connections, duration: seconds, timeout: 10, requests: [request] });
}

/**
 * Shoppers for the personal passes, made over HTTP as a browser would: `count` with a bag of their
 * own (the cart cookie), and `count` signed in with a bag (a new account each: session + cart).
 */
export async function makeVisitors(appUrl: string, databaseUrl: string, count = 16): Promise<Visitor[]> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const [variant] = await sql<{ id: number }[]>`
    select v.id from variants v join products p on p.id = v.product_id where p.status = 'active' order by v.id limit 1`;
  await sql.end();
  const post = async (path: string, form: Record<string, string>, cookie: string) => {
    const response = await fetch(appUrl + path, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: appUrl, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    });
    if (response.status >= 400) throw new Error(`POST ${path} answered ${response.status}`);
    const taken = response.headers.getSetCookie().map((c) => c.split(";")[0]);
    return [cookie, ...taken].filter(Boolean).join("; ");
  };
  const addToBag = (cookie: string, quantity: number) =>
    post("/cart", { intent: "add", variantId: String(variant.id), quantity: String(quantity) }, cookie);
  const run = Date.now().toString(36);
  const bags: string[] = [];
  const signedIn: string[] = [];
  for (let i = 0; i < count; i++) {
    bags.push(await addToBag("", 1 + (i % 5)));
    const session = await post(
      "/account/signup",
      { name: `Bench Shopper${i}`, email: `bench-${run}-${i}@example.test`, password: "bench-password-1", confirm: "bench-password-1" },
      "",
    );
    signedIn.push(await addToBag(session, 1 + (i % 3)));
  }
  return [
    { name: "with a bag", cookies: bags },
    { name: "signed in, with a bag", cookies: signedIn },
  ];
}

const failures = (r: AutocannonResult) => r.non2xx + r.errors + r.timeouts;

export async function benchPages({
  appUrl,
  databaseUrl,
  seconds,
  label = "",
  cpu,
  renderBudgetMs,
  visitors = [],
}: {
  appUrl: string;
  databaseUrl: string;
  seconds: number;
  label?: string;
  /** The app's CPU meter: with it, each page's app CPU per request is reported. */
  cpu?: CpuMeters;
  /** The product pages' CPU budget (the uncached pass). */
  renderBudgetMs?: number;
  /** Personal visitors loaded after the anonymous ones, each page in the same run (the cached pass). */
  visitors?: Visitor[];
}) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const handles = (await sql<{ handle: string }[]>`select handle from products where status = 'active' order by id`).map((r) => r.handle);
  await sql.end();
  if (!handles.length) throw new Error("no active products in the bench database");

  const section = `pages${label}`;
  const targets: Target[] = [
    { name: "/", paths: ["/"], budgeted: { p99: false, rps: false } },
    { name: "/collections/earrings", paths: ["/collections/earrings"], budgeted: { p99: true, rps: false } },
    {
      name: `/products/:handle (all ${handles.length})`,
      paths: handles.map((h) => `/products/${encodeURIComponent(h)}`),
      budgeted: { p99: true, rps: true },
    },
  ];
  const warmup = Math.max(2, Math.min(5, Math.round(seconds / 3)));

  for (const target of targets) {
    // Every page twice, each time on a new connection: node:cluster hands connections to the HTTP
    // processes in turn, so each process renders (and caches) every page before anything is measured.
    for (const p of target.paths) {
      for (let i = 0; i < 2; i++) {
        const status = await getOnNewConnection(appUrl + p);
        if (status !== 200) throw new Error(`GET ${p} answered ${status}`);
      }
    }
    if (renderBudgetMs === undefined) await load(appUrl, target.paths, warmup);
    else await warmRender(appUrl, target, section, cpu);
    for (const visitor of visitors) await load(appUrl, target.paths, Math.min(2, warmup), CONNECTIONS, visitor.cookies);
    // One request at a time: the cost of a page with no queueing in front of it.
    const alone = await load(appUrl, target.paths, Math.min(3, seconds), 1);
    // Anonymous and each personal kind in turns of one second, so that whatever else the machine
    // runs weighs on every kind alike (without visitors: one run of `seconds`).
    const kinds: Visitor[] = [{ name: "anonymous", cookies: [] }, ...visitors];
    const measured = await interleaved(appUrl, target.paths, kinds, seconds, cpu);
    const app = measured[0];

    // The same bytes (the first path's page) from node:http with nothing in between.
    const sample = await fetch(appUrl + target.paths[0]);
    const body = Buffer.from(await sample.arrayBuffer());
    const bare = await startBareServer(body, sample.headers.get("content-type") ?? "text/html; charset=utf-8");
    let bareResult: AutocannonResult;
    try {
      await load(bare.url, target.paths, Math.min(2, warmup));
      bareResult = await load(bare.url, target.paths, seconds);
    } finally {
      await bare.stop();
    }

    const failed = app.failed;
    // The rate and p99 budgets belong to the pages as deployed (cached); a pass that renders every
    // page (`renderBudgetMs`) is held to its CPU budget alone, its rate and latency reported as info.
    const budgeted = renderBudgetMs === undefined ? target.budgeted : { p99: false, rps: false };
    const p99Ok = app.p99 < P99_BUDGET_MS && failed === 0;
    const rpsOk = app.rps >= PRODUCT_RPS_BUDGET && failed === 0;
    const ratio = bareResult.requests.average / Math.max(1, app.rps);
    const rounds = visitors.length ? ` (${app.rounds} one-second turns, each kind in turn)` : "";
    record({
      section,
      metric: `${target.name} throughput`,
      value: `${perSecond(app.rps)} (${(body.length / 1024).toFixed(1)} KB page${failed ? `, ${failed} failed` : ""})${rounds}`,
      budget: budgeted.rps ? `≥ ${perSecond(PRODUCT_RPS_BUDGET)}` : "",
      verdict: budgeted.rps ? verdict(rpsOk) : "info",
      data: { rps: app.rps, total: app.total, failed, bytes: body.length },
    });
    record({
      section,
      metric: `${target.name} latency p50 / p99`,
      value: `${ms(app.p50)} / ${ms(app.p99)} (one connection alone: p50 ${ms(alone.latency.p50)}, ${perSecond(alone.requests.average)})`,
      budget: budgeted.p99 ? `p99 < ${P99_BUDGET_MS} ms` : "",
      verdict: budgeted.p99 ? verdict(p99Ok) : "info",
      data: { p50: app.p50, p99: app.p99, aloneP50: alone.latency.p50, aloneRps: alone.requests.average },
    });
    if (app.cpuMs !== null) {
      const cpuBudgeted = target.budgeted.rps && renderBudgetMs !== undefined;
      record({
        section,
        metric: `${target.name} app CPU per page`,
        value: `${app.cpuMs.toFixed(2)} ms`,
        budget: cpuBudgeted ? `≤ ${renderBudgetMs} ms` : "",
        verdict: cpuBudgeted ? verdict(app.cpuMs <= renderBudgetMs! && failed === 0) : "info",
        data: { ms: app.cpuMs, requests: app.total },
      });
    }
    // The cached pass holds anonymous pages to a share of what a bare server does with the same bytes.
    const appShare = app.rps / Math.max(1, bareResult.requests.average);
    const shareBudgeted = visitors.length > 0;
    record({
      section,
      metric: `${target.name} bare node:http, same bytes`,
      value: `${perSecond(bareResult.requests.average)}, p99 ${ms(bareResult.latency.p99)}; app/bare ${appShare.toFixed(2)} (bare/app ${ratio.toFixed(1)}×)`,
      budget: shareBudgeted ? `app/bare ≥ ${BARE_RATIO_BUDGET}` : "",
      verdict: shareBudgeted ? verdict(appShare >= BARE_RATIO_BUDGET && failed === 0) : "info",
      data: { rps: bareResult.requests.average, p50: bareResult.latency.p50, p99: bareResult.latency.p99, ratio, appShare },
    });

    for (const [i, visitor] of visitors.entries()) {
      const personal = measured[i + 1];
      const share = personal.rps / Math.max(1, app.rps);
      const personalBudgeted = target.budgeted.p99;
      const ok = personal.p99 < P99_BUDGET_MS && share >= PERSONAL_RATE_BUDGET && personal.failed === 0;
      record({
        section,
        metric: `${target.name} ${visitor.name}: rate, p50 / p99`,
        value:
          `${perSecond(personal.rps)} (${(share * 100).toFixed(0)}% of anonymous), ${ms(personal.p50)} / ${ms(personal.p99)}` +
          `${personal.cpuMs !== null ? `, app CPU ${personal.cpuMs.toFixed(2)} ms a page` : ""}${personal.failed ? `, ${personal.failed} failed` : ""}`,
        budget: personalBudgeted ? `p99 < ${P99_BUDGET_MS} ms, ≥ ${PERSONAL_RATE_BUDGET * 100}% of anonymous` : "",
        verdict: personalBudgeted ? verdict(ok) : "info",
        data: { visitor: visitor.name, ...personal, share },
      });
    }
  }
}

/**
 * The uncached pass's warm-up: WARM_PAGES of the target's pages at full load (at most a minute of
 * them, on a machine too busy to render that many), with their app CPU a page reported as info.
 */
async function warmRender(appUrl: string, target: Target, section: string, cpu?: CpuMeters) {
  const started = performance.now();
  const cpuBefore = cpu?.app();
  let pages = 0;
  while (pages < WARM_PAGES && performance.now() - started < WARM_LIMIT_SECONDS * 1000) {
    const result = await load(appUrl, target.paths, 2);
    if (failures(result)) throw new Error(`warming ${target.name}: ${failures(result)} failed requests`);
    pages += result.requests.total;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuMs = cpu && cpuBefore !== undefined ? ((cpu.app() - cpuBefore) * 1000) / Math.max(1, pages) : null;
  record({
    section,
    metric: `${target.name} warm-up: the first pages, while the JIT compiles (not measured against the budget)`,
    value: `${pages.toLocaleString("en-US")} pages in ${seconds.toFixed(1)} s (${perSecond(pages / seconds)})${cpuMs === null ? "" : `, app CPU ${cpuMs.toFixed(2)} ms a page`}`,
    budget: "",
    verdict: "info",
    data: { pages, seconds, appMs: cpuMs },
  });
}

type Measured = { rps: number; total: number; p50: number; p99: number; failed: number; cpuMs: number | null; rounds: number };

/**
 * Each kind of visitor loaded in turns of one second, `seconds` turns each: the rate is all requests
 * over all the kind's time, p50 and p99 the median of its turns' (one turn caught by a burst of other
 * work on the machine does not decide the figure). With one kind, one run of `seconds`.
 */
async function interleaved(url: string, paths: string[], kinds: Visitor[], seconds: number, cpu?: CpuMeters): Promise<Measured[]> {
  const turns = kinds.length > 1 ? Math.max(2, Math.round(seconds)) : 1;
  const turnSeconds = kinds.length > 1 ? 1 : seconds;
  const results: AutocannonResult[][] = kinds.map(() => []);
  const cpuSeconds = kinds.map(() => 0);
  for (let turn = 0; turn < turns; turn++) {
    for (const [i, kind] of kinds.entries()) {
      const before = cpu?.app();
      results[i].push(await load(url, paths, turnSeconds, CONNECTIONS, kind.cookies));
      if (cpu && before !== undefined) cpuSeconds[i] += cpu.app() - before;
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return results.map((runs, i) => {
    const total = runs.reduce((n, r) => n + r.requests.total, 0);
    const duration = runs.reduce((n, r) => n + r.duration, 0);
    return {
      rps: total / Math.max(duration, 0.001),
      total,
      p50: median(runs.map((r) => r.latency.p50)),
      p99: median(runs.map((r) => r.latency.p99)),
      failed: runs.reduce((n, r) => n + failures(r), 0),
      cpuMs: cpu && total ? (cpuSeconds[i] * 1000) / total : null,
      rounds: turns,
    };
  });
}

function getOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { agent: false, headers: { Connection: "close" } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("error", reject);
  });
}
