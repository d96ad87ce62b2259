/**
 * Checkout commit throughput: commitOrder (order, stock reservation, allocation, production
 * requests and events, jobs) in its own transaction, from N concurrent workers, straight against
 * the bench database. Half the orders ask for a stocked variant, half for a made-to-order one.
 */
import { randomUUID } from "node:crypto";
import { WEB_STOCK_LOCATIONS } from "~/domain/checkout/checkout.server";
import { commitOrder } from "~/domain/orders/commit.server";
import { db, sqlClient } from "~/lib/db.server";
import { perSecond, record, verdict } from "./report";
import { pick, purchasableVariants, seeded, type BenchVariant } from "./variants";

const BUDGET = 200;

export async function placeOrder(variant: BenchVariant, tag: string) {
  const total = variant.price;
  return db.transaction((tx) =>
    commitOrder(tx, {
      channel: "web",
      email: `bench-${tag}@example.com`,
      shippingAddress: {
        name: "Bench Shopper",
        line1: "1 Valencia St",
        city: "San Francisco",
        region: "CA",
        postalCode: "94110",
        country: "US",
      },
      shippingMethod: "standard",
      currency: variant.currency,
      lines: [{ variantId: variant.id, quantity: 1, unitPrice: variant.price }],
      totals: { subtotal: total, discountTotal: 0, shippingTotal: 0, taxTotal: 0, total },
      idempotencyKey: randomUUID(),
      stockLocationCodes: WEB_STOCK_LOCATIONS,
      payment: { provider: "bench", providerRef: `bench_${randomUUID()}`, amount: total, currency: variant.currency },
      paymentStatus: "paid",
      actor: "bench",
    }),
  );
}

export async function benchCommit({ databaseUrl, seconds, workers }: { databaseUrl: string; seconds: number; workers: number }) {
  const { stocked, madeToOrder } = await purchasableVariants(databaseUrl);
  if (!stocked.length || !madeToOrder.length)
    throw new Error(`need both kinds of variant: ${stocked.length} stocked, ${madeToOrder.length} made to order`);
  const rand = seeded(2);
  let placed = 0;
  let failed = 0;
  let firstError: unknown = null;
  const latencies: number[] = [];

  const worker = async (id: number, until: number, count: boolean) => {
    for (let i = 0; performance.now() < until; i++) {
      const variant = (i + id) % 2 === 0 ? pick(stocked, rand) : pick(madeToOrder, rand);
      const started = performance.now();
      try {
        await placeOrder(variant, `${id}-${i}`);
        if (count) {
          placed++;
          latencies.push(performance.now() - started);
        }
      } catch (error) {
        failed++;
        firstError ??= error;
      }
    }
  };
  const runFor = async (s: number, count: boolean) => {
    const until = performance.now() + s * 1000;
    await Promise.all(Array.from({ length: workers }, (_, id) => worker(id, until, count)));
  };

  await runFor(Math.min(2, seconds / 3), false); // warm-up: connections, plans, JIT
  const [before] = await sqlClient()<{ lines: number; production: number }[]>`
    select (select count(*) from order_lines)::int as lines, (select count(*) from production_requests)::int as production`;
  const started = performance.now();
  await runFor(seconds, true);
  const elapsed = (performance.now() - started) / 1000;
  const [after] = await sqlClient()<{ lines: number; production: number }[]>`
    select (select count(*) from order_lines)::int as lines, (select count(*) from production_requests)::int as production`;

  if (firstError) console.error(`  first commit error: ${firstError instanceof Error ? firstError.message : String(firstError)}`);
  const rate = placed / elapsed;
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const lines = after.lines - before.lines;
  const production = after.production - before.production;
  record({
    section: "checkout commit",
    metric: `commitOrder, ${workers} concurrent transactions`,
    value: `${perSecond(rate, "orders/s")} (${placed} in ${elapsed.toFixed(1)} s; ${production}/${lines} lines to production; p50 ${p(0.5).toFixed(1)} ms, p99 ${p(0.99).toFixed(1)} ms${failed ? `; ${failed} failed` : ""})`,
    budget: `≥ ${BUDGET} orders/s`,
    verdict: verdict(rate >= BUDGET && failed === 0),
    data: {
      ordersPerSecond: rate,
      placed,
      failed,
      seconds: elapsed,
      workers,
      lines,
      productionRequests: production,
      p50: p(0.5),
      p99: p(0.99),
    },
  });
}
