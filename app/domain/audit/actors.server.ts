import { eq, inArray } from "drizzle-orm";
import { db, schema, type Executor } from "~/lib/db.server";
import { actorRef, describeActor, type ActorView } from "./actors";

const { staffUsers, artisans, customers, buyerUsers, retailers } = schema;

/**
 * Names for the actors recorded on events and in the audit log, four queries at most whatever the
 * count: staff by name, artisans by name with a link to their page, shoppers by name (or email),
 * retail buyers with their retailer and a link to it. An actor nobody matches reads as
 * `describeActor` says. Keyed by the actor as recorded.
 */
export async function resolveActors(actors: Iterable<string | null>, executor: Executor = db): Promise<Record<string, ActorView>> {
  const keys = [...new Set([...actors].map((a) => a ?? "system"))];
  const result: Record<string, ActorView> = Object.fromEntries(keys.map((k) => [k, describeActor(k)]));
  const ids = { staff: [] as number[], artisan: [] as number[], customer: [] as number[], buyer: [] as number[] };
  for (const key of keys) {
    const ref = actorRef(key);
    if (ref) ids[ref.kind].push(ref.id);
  }
  const [staffRows, artisanRows, customerRows, buyerRows] = await Promise.all([
    ids.staff.length
      ? executor.select({ id: staffUsers.id, name: staffUsers.name }).from(staffUsers).where(inArray(staffUsers.id, ids.staff))
      : [],
    ids.artisan.length
      ? executor
          .select({ id: artisans.id, firstName: artisans.firstName, lastName: artisans.lastName })
          .from(artisans)
          .where(inArray(artisans.id, ids.artisan))
      : [],
    ids.customer.length
      ? executor
          .select({ id: customers.id, name: customers.name, email: customers.email })
          .from(customers)
          .where(inArray(customers.id, ids.customer))
      : [],
    ids.buyer.length
      ? executor
          .select({ id: buyerUsers.id, name: buyerUsers.name, retailerId: buyerUsers.retailerId, retailer: retailers.name })
          .from(buyerUsers)
          .innerJoin(retailers, eq(retailers.id, buyerUsers.retailerId))
          .where(inArray(buyerUsers.id, ids.buyer))
      : [],
  ]);
  for (const s of staffRows) result[`staff:${s.id}`] = { ...result[`staff:${s.id}`], name: s.name };
  for (const a of artisanRows)
    result[`artisan:${a.id}`] = {
      ...result[`artisan:${a.id}`],
      name: `${a.firstName} ${a.lastName}`,
      href: `/ops/artisans/${a.id}`,
      route: "ops.artisans.$id",
    };
  for (const c of customerRows) result[`customer:${c.id}`] = { ...result[`customer:${c.id}`], name: c.name.trim() || c.email };
  for (const b of buyerRows)
    result[`buyer:${b.id}`] = {
      ...result[`buyer:${b.id}`],
      name: `${b.name} (${b.retailer})`,
      href: `/ops/retailers/${b.retailerId}`,
      route: "ops.retailers.$id",
    };
  return result;
}
