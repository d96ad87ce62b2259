/**
 * Live status latency: K browsers hold /orders/:number/events open on real orders; production
 * requests of those orders move (advanceRequest: unassigned → offered → declined → unassigned …),
 * and each move is timed from its COMMIT to the `event: change` line arriving at its browser.
 */
import http from "node:http";
import { advanceRequest } from "~/domain/production/requests.server";
import { statusPath } from "~/domain/orders/status-link.server";
import { db, sqlClient } from "~/lib/db.server";
import type { ProductionStatus } from "#db/schema";
import { placeOrder } from "./commit";
import { sleep } from "./harness";
import { ms, record, verdict } from "./report";
import { purchasableVariants, seeded, pick } from "./variants";

const BUDGET_MS = 250;
const NEXT: Partial<Record<ProductionStatus, ProductionStatus>> = { unassigned: "offered", offered: "declined", declined: "unassigned" };

type Client = {
  number: string;
  requestId: number;
  status: ProductionStatus;
  received: number[];
  waiter: ((at: number) => void) | null;
  close: () => void;
};

function openStream(baseUrl: string, path: string, onChange: (at: number) => void): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const request = http.get(baseUrl + path, { agent: false, headers: { Accept: "text/event-stream" } }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`GET ${path} answered ${response.statusCode}`));
        response.resume();
        return;
      }
      response.setEncoding("utf8");
      let buffer = "";
      let opened = false;
      response.on("data", (chunk: string) => {
        const at = performance.now();
        buffer += chunk;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!opened) {
            opened = true;
            resolve(() => request.destroy());
          }
          if (frame.split("\n").includes("event: change")) onChange(at);
          end = buffer.indexOf("\n\n");
        }
      });
      response.on("error", () => {});
    });
    request.on("error", reject);
  });
}

/** Web orders with a production request still unassigned (the job worker is off), topped up to `count`. */
async function ordersWithProduction(databaseUrl: string, count: number) {
  const find = () => sqlClient()<{ number: string; requestId: number; status: ProductionStatus }[]>`
    select distinct on (o.id) o.number, pr.id as "requestId", pr.status
    from orders o join production_requests pr on pr.order_id = o.id
    where o.channel = 'web' and pr.status in ('unassigned', 'offered', 'declined')
    order by o.id desc, pr.id
    limit ${count}`;
  let found = await find();
  if (found.length < count) {
    const { madeToOrder } = await purchasableVariants(databaseUrl);
    const rand = seeded(5);
    for (let i = found.length; i < count; i++) await placeOrder(pick(madeToOrder, rand), `sse-${i}`);
    found = await find();
  }
  return found;
}

export async function benchSse({
  appUrl,
  databaseUrl,
  clients: k = 20,
  events = 200,
  writers = 4,
}: {
  appUrl: string;
  databaseUrl: string;
  clients?: number;
  events?: number;
  writers?: number;
}) {
  const orders = await ordersWithProduction(databaseUrl, k);
  const clients: Client[] = [];
  for (const order of orders) {
    const client: Client = { ...order, received: [], waiter: null, close: () => {} };
    const [pathOnly, query] = statusPath(order.number).split("?");
    client.close = await openStream(appUrl, `${pathOnly}/events?${query}`, (at) => {
      client.received.push(at);
      const waiter = client.waiter;
      client.waiter = null;
      waiter?.(at);
    });
    clients.push(client);
  }
  // The first subscriber makes the app LISTEN: give it a moment, then drop anything that arrived.
  await sleep(500);

  const latencies: number[] = [];
  let timeouts = 0;
  let sent = 0;
  const writer = async (w: number) => {
    const mine = clients.filter((_, i) => i % writers === w);
    for (let i = 0; sent < events; i++) {
      sent++;
      const client = mine[i % mine.length];
      const to = NEXT[client.status]!;
      let committedAt = 0;
      const arrived = new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => {
          client.waiter = null;
          resolve(null);
        }, 5_000);
        client.waiter = (at) => {
          clearTimeout(timer);
          resolve(at);
        };
      });
      await db.transaction(async (tx) => {
        await advanceRequest(tx, client.requestId, to, "bench");
        committedAt = performance.now(); // the callback's end: COMMIT goes out now
      });
      client.status = to;
      const at = await arrived;
      if (at === null) timeouts++;
      else latencies.push(at - committedAt);
    }
  };
  await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
  for (const client of clients) client.close();

  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  record({
    section: "live status",
    metric: `COMMIT → SSE 'change', ${clients.length} open streams, ${writers} writers`,
    value: `p50 ${ms(p(0.5))}, p99 ${ms(p(0.99))}, max ${ms(latencies[latencies.length - 1] ?? Number.NaN)} over ${latencies.length} events${timeouts ? `; ${timeouts} never arrived` : ""}`,
    budget: `p99 < ${BUDGET_MS} ms`,
    verdict: verdict(latencies.length > 0 && p(0.99) < BUDGET_MS && timeouts === 0),
    data: { p50: p(0.5), p99: p(0.99), max: latencies[latencies.length - 1], events: latencies.length, timeouts, clients: clients.length },
  });
}
