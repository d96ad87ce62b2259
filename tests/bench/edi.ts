/**
 * EDI: a 500-line 850 from the demo's department store (Hollis & Vane) received whole — read,
 * validated, mapped, placed as one wholesale order through commitPlacement (stock reserved, the rest
 * to production), its 997 and 855 written — in process against the bench database. Budget: 2 s.
 */
import { asc, eq, sql } from "drizzle-orm";
import { receiveInterchange } from "~/domain/edi/index.server";
import { sample850 } from "~/domain/edi/samples";
import { db, schema } from "~/lib/db.server";
import { ms, record, verdict } from "./report";

const BUDGET_MS = 2000;
const LINES = 500;
const ymd = (d: Date) => d.toISOString().slice(0, 10).replaceAll("-", "");

export async function benchEdi({ runs = 5 }: { runs?: number } = {}) {
  const [partner] = await db.select().from(schema.ediPartners).where(eq(schema.ediPartners.theirId, "HOLLISVANE"));
  if (!partner) throw new Error("the bench database has no demo EDI partner (db/seed/edi.ts)");
  // Enough credit for every run's order; the rules are what they are for anyone.
  await db.update(schema.retailers).set({ creditLimit: 2_000_000_000 }).where(eq(schema.retailers.id, partner.retailerId));
  const skus = await db
    .select({ sku: schema.variants.sku })
    .from(schema.variants)
    .innerJoin(schema.products, eq(schema.products.id, schema.variants.productId))
    .where(sql`${schema.products.status} = 'active' and ${schema.variants.minQty} <= 12 and 12 % ${schema.variants.casePack} = 0`)
    .orderBy(asc(schema.variants.id))
    .limit(LINES);
  if (skus.length < LINES) throw new Error(`need ${LINES} orderable variants, found ${skus.length}`);
  const now = new Date();
  const times: number[] = [];
  for (let run = 0; run < runs + 1; run++) {
    const raw = sample850({
      from: { qualifier: partner.theirQualifier, id: partner.theirId, gsId: partner.theirGsId },
      to: { qualifier: partner.ourQualifier, id: partner.ourId, gsId: partner.ourGsId },
      control: 800_000 + run,
      poNumber: `BENCH-${Date.now()}-${run}`,
      poDate: ymd(now),
      shipNotBefore: ymd(new Date(now.getTime() + 14 * 86_400_000)),
      shipTo: { code: "0588" },
      lines: skus.map((s) => ({ qty: 12, ids: [["VN", s.sku]] as Array<[string, string]> })),
    });
    const started = performance.now();
    const result = await receiveInterchange({ raw, source: "http", actor: "bench", partnerId: partner.id, now });
    const took = performance.now() - started;
    if (!result.ok || result.sets[0]?.status !== "ordered")
      throw new Error(`the 500-line 850 was not ordered: ${JSON.stringify(result.ok ? result.sets[0]?.problems : result.message)}`);
    // The first run warms caches and connections; it is not counted.
    if (run > 0) times.push(took);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const max = times[times.length - 1];
  record({
    section: "edi",
    metric: `850 with ${LINES} lines → order + 997 + 855, ${runs} runs`,
    value: `median ${ms(median)}, max ${ms(max)}`,
    budget: `max < ${BUDGET_MS} ms`,
    verdict: verdict(max < BUDGET_MS),
    data: { medianMs: median, maxMs: max, runs, times },
  });
}
