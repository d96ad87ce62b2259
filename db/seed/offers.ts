/**
 * Work waiting on the demo artisan's phone: a few stock-replenishment requests offered to Grace
 * (+254700000001), so a first look at /artisan has offers to accept. Expiry is counted from the
 * moment of seeding, so the offers are live when the app starts.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { schema, type Executor } from "../client";
import { DEMO_LOGINS } from "./demo";

const OFFER_HOURS = 72;

export async function seedDemoOffers(db: Executor, now = new Date()) {
  const [grace] = await db
    .select({ id: schema.artisans.id })
    .from(schema.artisans)
    .where(eq(schema.artisans.phone, DEMO_LOGINS.artisan.phone));
  if (!grace) return 0;
  // Variants whose every required skill she has.
  const makeable = await db.execute<{ variant_id: number; piece_rate: number; lead_time_days: number }>(sql`
    select v.id as variant_id, v.piece_rate, v.lead_time_days from variants v
    join products p on p.id = v.product_id and p.status = 'active'
    where exists (select 1 from product_skills ps where ps.product_id = p.id)
      and not exists (
        select 1 from product_skills ps where ps.product_id = p.id
          and ps.skill_id not in (select skill_id from artisan_skills where artisan_id = ${grace.id}))
    order by v.id limit 3`);
  if (!makeable.length) return 0;
  const quantities = [6, 12, 4];
  const requests = await db
    .insert(schema.productionRequests)
    .values(
      makeable.map((v, i) => ({
        number: sql`'PR-' || nextval('production_request_numbers')`,
        variantId: v.variant_id,
        quantity: quantities[i] ?? 6,
        artisanId: grace.id,
        pieceRate: v.piece_rate,
        dueDate: new Date(now.getTime() + (v.lead_time_days + 7) * 86_400_000).toISOString().slice(0, 10),
        status: "offered" as const,
        offerExpiresAt: new Date(now.getTime() + OFFER_HOURS * 3_600_000),
      })),
    )
    .returning({ id: schema.productionRequests.id });
  await db.insert(schema.productionEvents).values(
    requests.flatMap((r) => [
      { requestId: r.id, toStatus: "unassigned", actor: "seed", note: "Restock for the Nairobi hub" },
      { requestId: r.id, artisanId: grace.id, fromStatus: "unassigned", toStatus: "offered", actor: "seed" },
    ]),
  );
  return requests.length;
}

/** For tests: the demo artisan's open offers. */
export async function demoOffers(db: Executor) {
  const [grace] = await db
    .select({ id: schema.artisans.id })
    .from(schema.artisans)
    .where(eq(schema.artisans.phone, DEMO_LOGINS.artisan.phone));
  if (!grace) return [];
  return db
    .select()
    .from(schema.productionRequests)
    .where(and(eq(schema.productionRequests.artisanId, grace.id), inArray(schema.productionRequests.status, ["offered"])));
}
