import { and, eq, sql } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { queueSms } from "~/domain/messaging/index.server";
import { offerSmsText } from "~/domain/messaging";
import { db, schema } from "~/lib/db.server";

export { offerSmsText } from "~/domain/messaging";

/**
 * One SMS per offer (artisan + request), queued through the SMS outbox: Africa's Talking delivers
 * it when configured, local mode stores it for /ops/outbox. The dedupe key makes a rerun send
 * nothing new. Returns how many were queued.
 */
export async function notifyNewOffers() {
  const offers = await db
    .select({
      id: schema.productionRequests.id,
      number: schema.productionRequests.number,
      quantity: schema.productionRequests.quantity,
      pieceRate: schema.productionRequests.pieceRate,
      currency: schema.productionRequests.pieceRateCurrency,
      dueDate: schema.productionRequests.dueDate,
      artisanId: schema.artisans.id,
      phone: schema.artisans.phone,
      language: schema.artisans.language,
      product: schema.products.title,
    })
    .from(schema.productionRequests)
    .innerJoin(schema.artisans, eq(schema.artisans.id, schema.productionRequests.artisanId))
    .innerJoin(schema.variants, eq(schema.variants.id, schema.productionRequests.variantId))
    .innerJoin(schema.products, eq(schema.products.id, schema.variants.productId))
    .where(
      and(
        eq(schema.productionRequests.status, "offered"),
        sql`not exists (select 1 from outbox o where o.dedupe_key = 'offer-sms:' || ${schema.productionRequests.id} || ':' || ${schema.artisans.id})`,
      ),
    );
  if (!offers.length) return 0;
  return db.transaction(async (tx) => {
    let queued = 0;
    for (const offer of offers) {
      const id = await queueSms(tx, {
        to: offer.phone,
        template: "offer",
        text: offerSmsText(offer),
        dedupeKey: `offer-sms:${offer.id}:${offer.artisanId}`,
      });
      if (id !== null) queued += 1;
    }
    return queued;
  });
}

export const notifyOffersTask: Task = async () => {
  await notifyNewOffers();
};
