import { and, eq, sql } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { formatMoney } from "~/modules/money/money";
import { db, schema } from "~/utils/db.server";

/** The SMS an artisan gets for a new offer, in their language. Pure. */
export function offerSmsText(offer: { language: "sw" | "en"; number: string; quantity: number; product: string; pieceRate: number; currency: string; dueDate: string }) {
  const pay = formatMoney({ amount: offer.pieceRate, currency: offer.currency });
  const total = formatMoney({ amount: offer.pieceRate * offer.quantity, currency: offer.currency });
  return offer.language === "sw"
    ? `Soko: Kazi mpya ${offer.number}: ${offer.quantity} x ${offer.product}, ${pay} kila moja (jumla ${total}), tarehe ${offer.dueDate}. Fungua programu au piga *384*76# kukubali.`
    : `Soko: New offer ${offer.number}: ${offer.quantity} x ${offer.product} at ${pay} each (${total} in all), due ${offer.dueDate}. Open the app or dial *384*76# to accept.`;
}

/**
 * One SMS per offer (artisan + request), written to the outbox. The dedupe key makes a rerun send
 * nothing new. Local mode stores them; the SMS adapter delivers them when configured.
 */
export async function notifyNewOffers() {
  const offers = await db
    .select({
      id: schema.productionRequests.id, number: schema.productionRequests.number, quantity: schema.productionRequests.quantity,
      pieceRate: schema.productionRequests.pieceRate, currency: schema.productionRequests.pieceRateCurrency, dueDate: schema.productionRequests.dueDate,
      artisanId: schema.artisans.id, phone: schema.artisans.phone, language: schema.artisans.language, product: schema.products.title,
    })
    .from(schema.productionRequests)
    .innerJoin(schema.artisans, eq(schema.artisans.id, schema.productionRequests.artisanId))
    .innerJoin(schema.variants, eq(schema.variants.id, schema.productionRequests.variantId))
    .innerJoin(schema.products, eq(schema.products.id, schema.variants.productId))
    .where(and(eq(schema.productionRequests.status, "offered"), sql`not exists (select 1 from outbox o where o.dedupe_key = 'offer-sms:' || ${schema.productionRequests.id} || ':' || ${schema.artisans.id})`));
  if (!offers.length) return 0;
  await db
    .insert(schema.outbox)
    .values(offers.map((o) => ({
      channel: "sms" as const,
      to: o.phone,
      template: "offer",
      text: offerSmsText({ ...o, language: o.language }),
      status: "stored" as const,
      dedupeKey: `offer-sms:${o.id}:${o.artisanId}`,
    })))
    .onConflictDoNothing();
  return offers.length;
}

export const notifyOffersTask: Task = async () => {
  await notifyNewOffers();
};
