/**
 * Web orders the Nairobi hub is about to pack, so a fresh `npm start` shows the packing step: every
 * piece made by an artisan who has the product's skills, sent with her work photo at "ready", passed
 * at QC (inspection, event and her ledger credit, as the hub's QC writes them), the order "ready".
 * Some ship Standard, some Express. One more order's piece waits for QC, its photo beside the check.
 *
 * Deterministic: the first suitable variants by id, made by artisans already owed since the last
 * payout run where one has the skills (so the next run's list does not grow), at times between that
 * run and `now` (owed, never "forgotten" by a run; the demo artisan gets none). The
 * photos are small JPEGs of the piece's own picture, stored where the artisan app stores them
 * (UPLOAD_DIR/work-photos) under names fixed by the request number, so re-seeding writes the same.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { renderProductArt } from "../../app/domain/images/product-art";
import { svgToJpeg } from "../../app/domain/images/raster.server";
import { uploadDir } from "../../app/domain/images/store.server";
import { describeAccount, qcCreditEntry } from "../../app/domain/ledger/entries";
import { lastScheduledPayoutRun } from "../../app/domain/payouts/schedule";
import type { Executor } from "../client";
import * as schema from "../schema";
import { DEMO_LOGINS } from "./demo";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PHOTO_SIZE = 480;

/** Who ordered what, and how it ships. `qc: false` — the piece waits for QC (not on the packing list yet). */
const ORDERS = [
  {
    name: "Amara Okafor",
    email: "amara.demo@example.com",
    city: "Oakland",
    region: "CA",
    postalCode: "94612",
    method: "express",
    qc: true,
  },
  {
    name: "Lena Brooks",
    email: "lena.demo@example.com",
    city: "Portland",
    region: "OR",
    postalCode: "97205",
    method: "standard",
    qc: true,
  },
  { name: "Sofia Marin", email: "sofia.demo@example.com", city: "Austin", region: "TX", postalCode: "78701", method: "standard", qc: true },
  { name: "Hana Ito", email: "hana.demo@example.com", city: "Seattle", region: "WA", postalCode: "98101", method: "express", qc: true },
  {
    name: "Priya Raman",
    email: "priya.demo@example.com",
    city: "Chicago",
    region: "IL",
    postalCode: "60607",
    method: "standard",
    qc: false,
  },
] as const;
const SHIPPING = { standard: 900, express: 1800 } as const;

/** A photo name the artisan app's PHOTO_NAME accepts, fixed by the request number. */
export function demoWorkPhotoName(requestNumber: string): string {
  const digits = requestNumber.replace(/\D/g, "").padStart(12, "0").slice(-12);
  return `5eed0000-0000-4000-8000-${digits}.jpg`;
}

export async function seedPacking(db: Executor, options: { now?: Date } = {}): Promise<{ orders: number }> {
  const now = options.now ?? new Date();
  // Web orders are paid in dollars; the pieces made for them in Nairobi are paid in shillings.
  const candidates = await db.execute<{
    variant_id: number;
    sku: string;
    price: number;
    piece_rate: number;
    title: string;
    handle: string;
    category: string;
    materials: string[];
    artisan_id: number;
  }>(sql`
    select v.id as variant_id, v.sku, v.price, v.piece_rate, p.title, p.handle, p.category, p.materials,
      (select a.id from artisans a
        where a.active and a.phone <> ${DEMO_LOGINS.artisan.phone}
          and not exists (select 1 from product_skills ps where ps.product_id = p.id
                          and ps.skill_id not in (select s.skill_id from artisan_skills s where s.artisan_id = a.id))
        -- Artisans already owed since the last run first: the next run's list stays one page.
        order by exists (select 1 from production_requests w where w.artisan_id = a.id and w.status = 'qc_passed'
                           and w.updated_at > ${new Date(lastScheduledPayoutRun(now)).toISOString()}::timestamptz) desc, a.id
        limit 1) as artisan_id
    from variants v join products p on p.id = v.product_id
    where p.status = 'active' and v.currency = 'USD' and v.piece_rate_currency = 'KES'
      and exists (select 1 from product_skills ps where ps.product_id = p.id)
    order by p.id, v.position, v.id`);
  // One variant per product, every third product, so the orders show different pieces.
  const seen = new Set<string>();
  const pieces = candidates
    .filter((c) => c.artisan_id !== null && !seen.has(c.handle) && seen.add(c.handle))
    .filter((_, i) => i % 3 === 1)
    .slice(0, ORDERS.length + 2);
  if (pieces.length < ORDERS.length + 2) return { orders: 0 };

  // After the last payout run and before now: credits owed until the next run, never in the future.
  const lastRun = lastScheduledPayoutRun(now).getTime();
  const span = Math.max(0, now.getTime() - lastRun);
  const qcTime = (i: number) => new Date(lastRun + Math.floor((span * (i + 1)) / (ORDERS.length + 3)));

  const photos = path.join(uploadDir(), "work-photos");
  await mkdir(photos, { recursive: true });

  let pieceIndex = 0;
  for (const [i, shopper] of ORDERS.entries()) {
    // The first two orders have two pieces (two artisans), the others one.
    const lines = pieces.slice(pieceIndex, pieceIndex + (i < 2 ? 2 : 1));
    pieceIndex += lines.length;
    const qcAt = qcTime(i);
    const placedAt = new Date(qcAt.getTime() - (6 + i) * DAY);
    const subtotal = lines.reduce((s, l) => s + Number(l.price), 0);
    const taxTotal = Math.round((subtotal * 850) / 10_000);
    const shippingTotal = SHIPPING[shopper.method];
    const total = subtotal + shippingTotal + taxTotal;
    const [order] = await db
      .insert(schema.orders)
      .values({
        number: sql`'SK-' || nextval('order_numbers')`,
        channel: "web",
        status: shopper.qc ? "ready" : "in_production",
        paymentStatus: "paid",
        email: shopper.email,
        shippingAddress: {
          name: shopper.name,
          line1: `${120 + i * 7} Market St`,
          city: shopper.city,
          region: shopper.region,
          postalCode: shopper.postalCode,
          country: "US",
        },
        shippingMethod: shopper.method,
        currency: "USD",
        subtotal,
        shippingTotal,
        taxTotal,
        total,
        idempotencyKey: `demo-packing:${i}`,
        placedAt,
      })
      .returning({ id: schema.orders.id, number: schema.orders.number });
    await db.insert(schema.payments).values({
      orderId: order.id,
      provider: "local",
      providerRef: `lpi_demopacking${i}`,
      amount: total,
      currency: "USD",
      status: "succeeded",
      createdAt: placedAt,
    });
    await db
      .insert(schema.orderEvents)
      .values([
        { orderId: order.id, type: "placed", actor: "seed", data: { channel: "web" }, at: placedAt },
        { orderId: order.id, type: "paid", actor: "local", data: { amount: total, currency: "USD" }, at: placedAt },
        ...(shopper.qc ? [{ orderId: order.id, type: "ready", actor: "hub:demo", data: {}, at: qcAt }] : []),
      ]);

    for (const piece of lines) {
      const artisanId = Number(piece.artisan_id);
      const pieceRate = Number(piece.piece_rate);
      const [line] = await db
        .insert(schema.orderLines)
        .values({
          orderId: order.id,
          variantId: piece.variant_id,
          sku: piece.sku,
          title: piece.title,
          quantity: 1,
          unitPrice: piece.price,
          total: piece.price,
        })
        .returning({ id: schema.orderLines.id });
      const [{ next }] = await db.execute<{ next: string }>(sql`select nextval('production_request_numbers')::text as next`);
      const number = `PR-${next}`;
      const readyAt = new Date(qcAt.getTime() - (shopper.qc ? 2 * DAY : 3 * HOUR));
      const receivedAt = new Date(readyAt.getTime() + (shopper.qc ? DAY : 2 * HOUR));
      const [request] = await db
        .insert(schema.productionRequests)
        .values({
          number,
          orderId: order.id,
          orderLineId: line.id,
          variantId: piece.variant_id,
          quantity: 1,
          unitsMade: 1,
          artisanId,
          pieceRate,
          pieceRateCurrency: "KES",
          dueDate: new Date(placedAt.getTime() + 14 * DAY).toISOString().slice(0, 10),
          status: shopper.qc ? "qc_passed" : "received",
          createdAt: placedAt,
          updatedAt: shopper.qc ? qcAt : receivedAt,
        })
        .returning({ id: schema.productionRequests.id });
      await db
        .insert(schema.allocations)
        .values({ orderLineId: line.id, kind: "production", productionRequestId: request.id, quantity: 1 });

      const photoName = demoWorkPhotoName(number);
      const art = renderProductArt({
        handle: piece.handle,
        title: piece.title,
        category: piece.category,
        materials: piece.materials,
        index: 2,
      });
      await writeFile(path.join(photos, photoName), svgToJpeg(art, PHOTO_SIZE));
      const artisan = `artisan:${artisanId}`;
      const step = (from: string | null, to: string, at: Date, actor: string, extra: { note?: string; photoUrl?: string } = {}) => ({
        requestId: request.id,
        orderId: order.id,
        artisanId,
        fromStatus: from,
        toStatus: to,
        actor,
        at,
        ...extra,
      });
      await db
        .insert(schema.productionEvents)
        .values([
          step(null, "offered", new Date(placedAt.getTime() + HOUR), "dispatch"),
          step("offered", "accepted", new Date(placedAt.getTime() + 3 * HOUR), artisan),
          step("accepted", "in_progress", new Date(placedAt.getTime() + DAY), artisan),
          step("in_progress", "ready", readyAt, artisan, { photoUrl: `/artisan/photos/${photoName}` }),
          step("ready", "received", receivedAt, "hub:demo"),
          ...(shopper.qc ? [step("received", "qc_passed", qcAt, "hub:demo", { note: "1 unit passed QC" })] : []),
        ]);
      if (!shopper.qc) continue;

      const [inspection] = await db
        .insert(schema.qcInspections)
        .values({ requestId: request.id, unitsPassed: 1, unitsFailed: 0, outcome: "passed", inspector: "hub:demo", at: qcAt })
        .returning({ id: schema.qcInspections.id });
      const entry = qcCreditEntry({ inspectionId: inspection.id, artisanId, units: 1, pieceRate, currency: "KES", requestNumber: number });
      const accounts: number[] = [];
      for (const l of entry.lines) {
        const { kind, name, artisanId: owner } = describeAccount(l.accountCode);
        await db
          .insert(schema.ledgerAccounts)
          .values({ code: l.accountCode, kind, name, artisanId: owner, currency: "KES" })
          .onConflictDoNothing();
        const [account] = await db
          .select({ id: schema.ledgerAccounts.id })
          .from(schema.ledgerAccounts)
          .where(eq(schema.ledgerAccounts.code, l.accountCode));
        accounts.push(account.id);
      }
      // Both lines in one statement: the ledger's trigger checks each entry balances.
      await db.execute(sql`
        with e as (
          insert into ledger_entries (kind, reference, memo, at)
          values (${entry.kind}, ${entry.reference}, ${entry.memo ?? ""}, ${qcAt.toISOString()}::timestamptz) returning id
        )
        insert into ledger_lines (entry_id, account_id, amount, currency)
        select e.id, v.account_id, v.amount, 'KES' from e,
          (values (${accounts[0]}::int, ${entry.lines[0].amount}::int), (${accounts[1]}::int, ${entry.lines[1].amount}::int)) as v(account_id, amount)`);
      await db
        .update(schema.artisans)
        .set({ piecesMade: sql`${schema.artisans.piecesMade} + 1` })
        .where(eq(schema.artisans.id, artisanId));
    }
  }
  return { orders: ORDERS.filter((o) => o.qc).length };
}
