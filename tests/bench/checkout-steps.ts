/**
 * Where a whole guest checkout's app CPU goes, step by step (#14): 16 shoppers take each step
 * together (all add to the bag, then all give an address, …), and the app's CPU over each step is
 * divided by the shoppers' number of them. `/healthz` first: what any request costs at the least.
 *
 *   npx tsx tests/bench/checkout-steps.ts [--rounds 40] [--warm 70]
 *   BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" STEPS_WINDOWS=/tmp/steps.tsv npx tsx tests/bench/checkout-steps.ts
 */
import { appendFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { buildForBench, cleanupAll, installSignalHandlers, processTreeCpuSeconds, startApp, startBenchDatabase } from "./harness";
import { CookieJar, requester, SHOPPERS } from "./http-checkout";
import { pick, purchasableVariants, seeded } from "./variants";

// --warm N: N rounds first (16 checkouts each) that are neither counted nor windowed, so the figures
// are a warm server's (V8 compiles the checkout's code over the first ~1,000 checkouts: session 14).
const { values } = parseArgs({ options: { rounds: { type: "string", default: "40" }, warm: { type: "string", default: "0" } } });
const rounds = Number(values.rounds);
const warmRounds = Number(values.warm);

async function main() {
  installSignalHandlers();
  await buildForBench();
  const database = await startBenchDatabase({ scale: 2, fast: true });
  const app = await startApp({ databaseUrl: database.url });
  const { stocked } = await purchasableVariants(database.url);
  const rand = seeded(5);
  const request = requester(app.url);
  const totals: Record<string, { cpu: number; count: number }> = {};
  let counting = false;
  const step = async (name: string, each: (jar: CookieJar, i: number) => Promise<void>, jars: CookieJar[]) => {
    if (!counting) return void (await Promise.all(jars.map((jar, i) => each(jar, i))));
    const before = processTreeCpuSeconds(app.pid);
    const from = process.hrtime.bigint() / 1000n;
    await Promise.all(jars.map((jar, i) => each(jar, i)));
    // STEPS_WINDOWS=<file>: each step's window on the monotonic clock (µs), to read a --cpu-prof of the app by step.
    if (process.env.STEPS_WINDOWS) appendFileSync(process.env.STEPS_WINDOWS, `${name}\t${from}\t${process.hrtime.bigint() / 1000n}\n`);
    const spent = processTreeCpuSeconds(app.pid) - before;
    totals[name] ??= { cpu: 0, count: 0 };
    totals[name].cpu += spent;
    totals[name].count += jars.length;
  };
  const expect = (status: number, ok: number[], what: string) => {
    if (!ok.includes(status)) throw new Error(`${what}: ${status}`);
  };
  const forms = new Map<CookieJar, Record<string, string>>();
  for (let round = 0; round < warmRounds + rounds; round++) {
    counting = round >= warmRounds;
    const jars = Array.from({ length: SHOPPERS }, () => new CookieJar());
    await step("GET /healthz", async (jar) => expect((await request("GET", "/healthz", jar)).status, [200], "healthz"), jars);
    await step(
      "POST /cart (add)",
      async (jar) => {
        const form = { intent: "add", variantId: String(pick(stocked, rand).id), quantity: "1" };
        expect((await request("POST", "/cart", jar, form)).status, [302, 303], "add");
      },
      jars,
    );
    await step(
      "POST /checkout (address)",
      async (jar, i) => {
        const form = {
          intent: "address",
          email: `steps-${round}-${i}@example.com`,
          name: "Bench Shopper",
          line1: "1 Valencia St",
          city: "San Francisco",
          region: "CA",
          postalCode: "94110",
          country: "US",
        };
        expect((await request("POST", "/checkout", jar, form)).status, [302, 303], "address");
      },
      jars,
    );
    await step(
      "POST /checkout (shipping)",
      async (jar) =>
        expect(
          (await request("POST", "/checkout", jar, { intent: "shipping", shippingMethod: "standard" })).status,
          [302, 303],
          "shipping",
        ),
      jars,
    );
    await step(
      "GET /checkout (pay page)",
      async (jar) => {
        const page = await request("GET", "/checkout", jar);
        expect(page.status, [200], "pay page");
        const key = /name="idempotencyKey" value="([^"]+)"/.exec(page.body)?.[1];
        const total = /name="expectedTotal" value="([^"]+)"/.exec(page.body)?.[1];
        if (!key || !total) throw new Error("pay page: no pay form");
        forms.set(jar, { idempotencyKey: key, expectedTotal: total });
      },
      jars,
    );
    await step(
      "POST /checkout (pay)",
      async (jar) => {
        const form = { intent: "pay", cardNumber: "4242424242424242", cardExpiry: "12/30", cardCvc: "123", ...forms.get(jar)! };
        expect((await request("POST", "/checkout", jar, form)).status, [303], "pay");
      },
      jars,
    );
  }
  let whole = 0;
  // Without --warm the first rounds warm the JIT: reported, but the figures are over all rounds.
  for (const [name, { cpu, count }] of Object.entries(totals)) {
    const ms = (cpu * 1000) / count;
    if (name !== "GET /healthz") whole += ms;
    console.log(`${name.padEnd(28)} ${ms.toFixed(2)} ms app CPU a request (${count})`);
  }
  console.log(`${"whole checkout".padEnd(28)} ${whole.toFixed(2)} ms`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => cleanupAll());
