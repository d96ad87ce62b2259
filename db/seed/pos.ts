/**
 * The flagship's point of sale in the demo: register SF-1 at the SF-FLAGSHIP location, and a
 * store manager whose password is also the PIN that approves discounts above 20% at the counter.
 * The manager is in demo.ts's staff list; the register is created here, or by the register itself
 * on the first shift (domain/pos ensureRegister), so a database seeded before the POS works too.
 */
import { eq } from "drizzle-orm";
import type { Executor } from "../client";
import * as schema from "../schema";

export const POS_DEMO_MANAGER = { email: "manager@soko.test", name: "Ana Ruiz", password: "soko-demo" } as const;
export const POS_DEMO_REGISTER = { code: "SF-1", name: "Flagship counter", location: "SF-FLAGSHIP" } as const;

/** Creates register SF-1 at the flagship (once; a second call changes nothing). */
export async function seedPos(db: Executor): Promise<void> {
  const [location] = await db
    .select({ id: schema.locations.id })
    .from(schema.locations)
    .where(eq(schema.locations.code, POS_DEMO_REGISTER.location));
  if (!location) return;
  await db
    .insert(schema.registers)
    .values({ code: POS_DEMO_REGISTER.code, name: POS_DEMO_REGISTER.name, locationId: location.id })
    .onConflictDoNothing();
}

/**
 * Regulars of the flagship the register's customer search finds on a fresh demo: "maya" (her store
 * credit from a return shows), "555" (the San Francisco numbers), "0712" (a Kenyan number), and one
 * known by phone only. No passwords: signing up on the storefront with the email claims the record.
 */
export const POS_DEMO_CUSTOMERS = [
  { name: "Maya Chen", email: "maya@example.com", phone: "+14155550142" },
  { name: "Amina Odhiambo", email: "amina@example.com", phone: "+14155550117" },
  { name: "Grace Wanjiru", email: "grace.wanjiru@example.com", phone: "+254712345001" },
  { name: "Daniel Okafor", email: "", phone: "+14155550190" },
  { name: "Marcus Bell", email: "marcus.bell@example.com", phone: null },
] as const;

export async function seedPosCustomers(db: Executor): Promise<void> {
  await db
    .insert(schema.customers)
    .values(POS_DEMO_CUSTOMERS.map((c) => ({ ...c })))
    .onConflictDoNothing();
}
