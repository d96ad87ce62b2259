import { count, eq, sql as dsql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, schema } from "#db/client";
import { isValidEan13 } from "#db/seed/codes";
import { DEMO_LOGINS, demoFingerprint, generateDemoData, seedIfEmpty } from "#db/seed/index";
import { verifySecret } from "~/domain/accounts/password.server";
import { demoOffers } from "#db/seed/offers";
import { CATEGORIES } from "#db/schema";

const url = process.env.DATABASE_URL!;
const { db, sql } = createDb(url, { max: 2 });
afterAll(() => sql.end());

let firstRun: Awaited<ReturnType<typeof seedIfEmpty>>;

beforeAll(async () => {
  const started = performance.now();
  firstRun = await seedIfEmpty(url, {});
  console.log(`demo seed took ${Math.round(performance.now() - started)} ms`, firstRun);
}, 120_000);

async function countOf(table: PgTable) {
  const [{ n }] = await db.select({ n: count() }).from(table);
  return n;
}

describe("demo seed", () => {
  it("fills the catalog: 60+ active products in all four categories, with variants, images, skills", async () => {
    expect(firstRun.seeded).toBe(true);
    const byCategory = await db
      .select({ category: schema.products.category, n: count() })
      .from(schema.products)
      .where(eq(schema.products.status, "active"))
      .groupBy(schema.products.category);
    expect(byCategory.reduce((s, r) => s + r.n, 0)).toBeGreaterThanOrEqual(60);
    expect(byCategory.map((r) => r.category).sort()).toEqual([...CATEGORIES].sort());
    for (const row of byCategory) expect(row.n).toBeGreaterThanOrEqual(10);

    const products = await db.query.products.findMany({ with: { variants: true, images: true } });
    for (const p of products) {
      expect(p.variants.length).toBeGreaterThanOrEqual(1);
      expect(p.variants.length).toBeLessThanOrEqual(4);
      expect(p.images.length).toBeGreaterThanOrEqual(2);
      expect(p.materials.length).toBeGreaterThanOrEqual(1);
      // Each finish its own pictures, drawn in that finish.
      const finishes = new Set(p.variants.map((v) => v.options.finish));
      expect(new Set(p.images.map((i) => i.finish))).toEqual(finishes);
      for (const image of p.images) {
        expect(image.url).toMatch(new RegExp(`^/images/products/${p.handle}-\\d\\.[a-z-]+\\.svg$`));
        expect(image.alt.toLowerCase()).toContain(image.finish!.toLowerCase());
        expect(image.alt.length).toBeGreaterThan(10);
        expect([image.width, image.height]).toEqual([800, 800]);
      }
    }
    const [{ missing }] = await db.execute<{ missing: number }>(
      dsql`select count(*)::int as missing from products p where not exists (select 1 from product_skills s where s.product_id = p.id)`,
    );
    expect(missing).toBe(0);
    expect(products.some((p) => p.featured)).toBe(true);
    expect(products.find((p) => p.handle === "petite-horn-paddle-stud")?.materials).toEqual(["horn"]);
  });

  it("gives every variant a unique SKU and a valid, unique EAN-13 and sane prices", async () => {
    const variants = await db.select().from(schema.variants);
    expect(new Set(variants.map((v) => v.sku)).size).toBe(variants.length);
    expect(new Set(variants.map((v) => v.barcode)).size).toBe(variants.length);
    for (const v of variants) {
      expect(isValidEan13(v.barcode)).toBe(true);
      expect(v.price).toBeGreaterThanOrEqual(2800);
      expect(v.price).toBeLessThanOrEqual(22000);
      expect(v.wholesalePrice).toBe(Math.round(v.price / 2));
      if (v.compareAtPrice !== null) expect(v.compareAtPrice).toBeGreaterThan(v.price);
      expect(v.pieceRate).toBeGreaterThanOrEqual(15000);
      expect(v.pieceRate).toBeLessThanOrEqual(120000);
      expect(v.pieceRateCurrency).toBe("KES");
      expect(v.leadTimeDays).toBeGreaterThanOrEqual(7);
      expect(v.leadTimeDays).toBeLessThanOrEqual(28);
      expect(v.minQty % v.casePack).toBe(0);
    }
  });

  it("has category and curated collections, some featured", async () => {
    const collections = await db.query.collections.findMany({ with: { products: true } });
    const handles = collections.map((c) => c.handle);
    for (const h of [...CATEGORIES, "new-arrivals", "bestsellers", "the-brass-edit", "horn-and-bone", "gifts-under-100"]) {
      expect(handles).toContain(h);
    }
    for (const c of collections) {
      expect(c.products.length).toBeGreaterThan(0);
      expect(c.description.length).toBeGreaterThan(10);
    }
    expect(collections.filter((c) => c.kind === "category")).toHaveLength(4);
    expect(collections.some((c) => c.featured)).toBe(true);
  });

  it("creates 1,300 artisans with skills, unique phones, plausible places, and a demo artisan first", async () => {
    expect(await countOf(schema.artisans)).toBe(1300);
    const artisans = await db.select().from(schema.artisans).orderBy(schema.artisans.id);
    expect(new Set(artisans.map((a) => a.phone)).size).toBe(1300);
    for (const a of artisans) {
      expect(a.phone).toMatch(/^\+2547\d{8}$/);
      expect(a.latitude).toBeGreaterThan(-4.8);
      expect(a.latitude).toBeLessThan(1.0);
      expect(a.longitude).toBeGreaterThan(33.9);
      expect(a.longitude).toBeLessThan(41.5);
      expect(a.qualityScore).toBeGreaterThanOrEqual(7500);
      expect(a.qualityScore).toBeLessThanOrEqual(9900);
      expect(a.portraitUrl).toBe(`/images/makers/${a.handle}.svg`);
    }
    const publicShare = artisans.filter((a) => a.publicProfile).length / artisans.length;
    expect(publicShare).toBeGreaterThan(0.6);
    expect(publicShare).toBeLessThan(0.8);
    expect(new Set(artisans.map((a) => a.county)).size).toBeGreaterThanOrEqual(10);

    const demo = artisans[0];
    expect(demo.phone).toBe(DEMO_LOGINS.artisan.phone);
    expect(demo.publicProfile).toBe(true);
    expect(await verifySecret(DEMO_LOGINS.artisan.pin, demo.pinHash)).toBe(true);
    expect(await verifySecret("0000", demo.pinHash)).toBe(false);

    // Every artisan has 1–3 skills (the demo artisan more), and every product can be made by many.
    const perArtisan = await db.execute<{ n: number }>(dsql`select count(*)::int as n from artisan_skills group by artisan_id`);
    expect(perArtisan).toHaveLength(1300);
    expect(perArtisan.filter((r) => r.n > 3)).toHaveLength(1);
    const capable = await db.execute<{ handle: string; makers: number }>(dsql`
      select p.handle, (
        select count(*)::int from artisans a
        where not exists (
          select 1 from product_skills ps where ps.product_id = p.id
          and not exists (select 1 from artisan_skills ak where ak.artisan_id = a.id and ak.skill_id = ps.skill_id)
        )
      ) as makers
      from products p`);
    for (const row of capable) expect(row.makers, row.handle).toBeGreaterThanOrEqual(10);
    const demoCan = await db.execute<{ n: number }>(dsql`
      select count(*)::int as n from products p where not exists (
        select 1 from product_skills ps where ps.product_id = p.id
        and not exists (select 1 from artisan_skills ak where ak.artisan_id = ${demo.id} and ak.skill_id = ps.skill_id))`);
    expect(demoCan[0].n / capable.length).toBeGreaterThan(0.5);
  });

  it("creates 400 retailers (and the EDI demo's department store and TV retailer, and the UK store in pounds), each with a buyer, and the demo buyer on net 30 with credit", async () => {
    expect(await countOf(schema.retailers)).toBe(403);
    expect(await countOf(schema.buyerUsers)).toBe(403);
    expect(await countOf(schema.ediPartners)).toBe(2);
    const [tv] = await db.select().from(schema.ediPartners).where(eq(schema.ediPartners.theirId, "BRIGHTLINETV"));
    expect(tv).toMatchObject({
      name: "Brightline TV Shopping",
      folder: "brightline",
      packingSlipText: expect.stringContaining("Brightline"),
    });
    expect(await db.select().from(schema.ediItemRefs).where(eq(schema.ediItemRefs.partnerId, tv.id))).not.toHaveLength(0);
    const statuses = await db
      .select({ status: schema.retailers.status, n: count() })
      .from(schema.retailers)
      .groupBy(schema.retailers.status);
    const approved = statuses.find((s) => s.status === "approved")?.n ?? 0;
    expect(approved).toBeGreaterThan(300);
    expect(statuses.find((s) => s.status === "applied")?.n ?? 0).toBeGreaterThan(0);

    const [buyer] = await db
      .select({ passwordHash: schema.buyerUsers.passwordHash, retailer: schema.retailers })
      .from(schema.buyerUsers)
      .innerJoin(schema.retailers, eq(schema.retailers.id, schema.buyerUsers.retailerId))
      .where(eq(schema.buyerUsers.email, DEMO_LOGINS.buyer.email));
    expect(await verifySecret(DEMO_LOGINS.buyer.password, buyer.passwordHash)).toBe(true);
    expect(buyer.retailer).toMatchObject({ status: "approved", paymentTerms: "net30" });
    expect(buyer.retailer.creditLimit).toBeGreaterThan(0);

    // Its order history: three net-30 orders, each with one invoice and its receivable in the ledger.
    const history = await db.execute<{
      po: string;
      status: string;
      invoice: string;
      paid: boolean;
      overdue: boolean;
      owed: number;
      total: number;
    }>(dsql`
      select w.po_number as po, o.status, i.status as invoice, i.status = 'paid' as paid, i.due_date < current_date as overdue,
             (select coalesce(sum(l.amount), 0)::int from ledger_entries e join ledger_lines l on l.entry_id = e.id
                join ledger_accounts a on a.id = l.account_id
               where e.reference in ('invoice:' || i.number, 'invoice:' || i.number || ':paid') and a.code = 'soko:receivables:USD') as owed,
             o.total
        from wholesale_orders w join orders o on o.id = w.order_id join invoices i on i.order_id = o.id
       where w.retailer_id = ${buyer.retailer.id} order by o.placed_at`);
    expect(history.map((h) => [h.po, h.status, h.invoice, h.paid, h.overdue])).toEqual([
      ["JG-0412", "delivered", "paid", true, true],
      ["JG-0527", "delivered", "open", false, true],
      ["JG-0603", "shipped", "open", false, false],
    ]);
    for (const h of history) expect(h.owed).toBe(h.paid ? 0 : h.total);

    // The UK department store buys in pounds (docs/decisions/0025): its orders and invoices in GBP,
    // booked in USD at the GBP list's rate, an open invoice's pounds still receivable, a paid one's none.
    const [uk] = await db
      .select({ passwordHash: schema.buyerUsers.passwordHash, retailer: schema.retailers })
      .from(schema.buyerUsers)
      .innerJoin(schema.retailers, eq(schema.retailers.id, schema.buyerUsers.retailerId))
      .where(eq(schema.buyerUsers.email, DEMO_LOGINS.ukBuyer.email));
    expect(await verifySecret(DEMO_LOGINS.ukBuyer.password, uk.passwordHash)).toBe(true);
    expect(uk.retailer).toMatchObject({ status: "approved", currency: "GBP", paymentTerms: "net60" });
    const ukHistory = await db.execute<{ po: string; currency: string; invoice: string; owed: number; amount: number }>(dsql`
      select w.po_number as po, i.currency, i.status as invoice, i.amount,
             (select coalesce(sum(l.presentment_amount), 0)::int from ledger_entries e join ledger_lines l on l.entry_id = e.id
                join ledger_accounts a on a.id = l.account_id
               where e.reference in ('invoice:' || i.number, 'invoice:' || i.number || ':paid') and a.code = 'soko:receivables:USD'
                 and l.presentment_currency = 'GBP') as owed
        from wholesale_orders w join orders o on o.id = w.order_id join invoices i on i.order_id = o.id
       where w.retailer_id = ${uk.retailer.id} order by o.placed_at`);
    expect(ukHistory.map((h) => [h.po, h.currency, h.invoice])).toEqual([
      ["HF-2207", "GBP", "paid"],
      ["HF-2291", "GBP", "open"],
    ]);
    expect(ukHistory.map((h) => h.owed)).toEqual([0, ukHistory[1].amount]);
  });

  it("creates the three locations, stock for about half the variants, staff logins and WELCOME10", async () => {
    const locations = await db.select().from(schema.locations);
    expect(locations.map((l) => l.code).sort()).toEqual(["NBO-HUB", "SF-FLAGSHIP", "US-FC"]);
    expect(locations.find((l) => l.code === "US-FC")).toMatchObject({ kind: "fulfilment", shipDays: 2 });

    const [{ variants }] = await db.select({ variants: count() }).from(schema.variants);
    const stocked = await db.execute<{ code: string; n: number }>(dsql`
      select l.code, count(*)::int as n from inventory_levels i join locations l on l.id = i.location_id
      where i.on_hand > 0 group by l.code`);
    const usFc = stocked.find((s) => s.code === "US-FC")?.n ?? 0;
    expect(usFc / variants).toBeGreaterThan(0.3);
    expect(usFc / variants).toBeLessThan(0.7);
    expect(stocked.find((s) => s.code === "SF-FLAGSHIP")?.n ?? 0).toBeGreaterThan(0);
    const [{ mismatched }] = await db.execute<{ mismatched: number }>(dsql`
      select count(*)::int as mismatched from inventory_levels i
      where i.on_hand <> coalesce((select sum(m.on_hand_delta) from inventory_movements m
        where m.variant_id = i.variant_id and m.location_id = i.location_id), 0)`);
    expect(mismatched).toBe(0);

    for (const [email, roles] of [
      [DEMO_LOGINS.ops.email, ["admin", "ops", "hub", "finance"]],
      [DEMO_LOGINS.cashier.email, ["cashier"]],
      [DEMO_LOGINS.hub.email, ["hub"]],
      [DEMO_LOGINS.finance.email, ["finance"]],
    ] as const) {
      const [staff] = await db.select().from(schema.staffUsers).where(eq(schema.staffUsers.email, email));
      expect(staff.roles).toEqual(roles);
      expect(await verifySecret("soko-demo", staff.passwordHash)).toBe(true);
    }
    const [welcome] = await db.select().from(schema.discountCodes).where(eq(schema.discountCodes.code, "WELCOME10"));
    expect(welcome).toMatchObject({ kind: "percent", value: 10, minSubtotal: 5000 });
  });

  it("leaves live offers on the demo artisan's phone, for work she has every skill for", async () => {
    const offers = await demoOffers(db);
    expect(offers.length).toBeGreaterThanOrEqual(2);
    for (const offer of offers) {
      expect(offer.offerExpiresAt!.getTime()).toBeGreaterThan(Date.now());
      const [missing] = await db.execute<{ n: number }>(dsql`
        select count(*)::int as n from product_skills ps join variants v on v.product_id = ps.product_id
        where v.id = ${offer.variantId} and ps.skill_id not in (select skill_id from artisan_skills where artisan_id = ${offer.artisanId})`);
      expect(missing.n).toBe(0);
    }
  });

  it("shows a return at each step: on its way, waiting for QC, closed with its refund in the ledger, and a dearer exchange awaiting payment", async () => {
    const rows = (await db.select().from(schema.returns).orderBy(schema.returns.id)).filter((r) =>
      r.idempotencyKey.startsWith("demo-returns:"),
    );
    expect(rows.map((r) => r.status)).toEqual(["requested", "received", "closed", "awaiting_payment"]);
    expect(rows[3]).toMatchObject({ resolution: "exchange", dueState: "awaiting", amount: 0 });
    expect(rows[3].due).toBeGreaterThan(0);
    const closed = rows[2];
    expect(closed.refundState).toBe("issued");
    const [entry] = await db
      .select()
      .from(schema.ledgerEntries)
      .where(eq(schema.ledgerEntries.reference, `return-refund:${closed.number}`));
    const lines = await db.select().from(schema.ledgerLines).where(eq(schema.ledgerLines.entryId, entry.id));
    expect(lines.map((l) => l.amount).sort((a, b) => a - b)).toEqual([-closed.amount, closed.amount]);
  });

  it("books every paid retail order's sale, and a UK shopper's pounds in USD beside, one order partly refunded", async () => {
    const uk = await db.execute<{
      number: string;
      currency: string;
      payment_status: string;
      sale_usd: string;
      sale_gbp: string;
      refund_gbp: string | null;
    }>(dsql`
      select o.number, o.currency, o.payment_status,
             (select sum(l.amount) from ledger_lines l join ledger_entries e on e.id = l.entry_id
               where e.reference = 'sale:' || o.number and l.amount > 0)::text as sale_usd,
             (select sum(l.presentment_amount) from ledger_lines l join ledger_entries e on e.id = l.entry_id
               where e.reference = 'sale:' || o.number and l.amount > 0)::text as sale_gbp,
             (select sum(l.presentment_amount) from ledger_lines l join ledger_entries e on e.id = l.entry_id
               join returns r on e.reference = 'return-refund:' || r.number where r.order_id = o.id and l.amount > 0)::text as refund_gbp
        from orders o join customers c on c.id = o.customer_id
       where c.email = 'harriet.uk@soko.test' order by o.id`);
    expect(uk.map((o) => [o.currency, o.payment_status])).toEqual([
      ["GBP", "paid"],
      ["GBP", "partially_refunded"],
    ]);
    for (const order of uk) expect(Number(order.sale_usd)).toBeGreaterThan(Number(order.sale_gbp));
    expect(Number(uk[1].refund_gbp)).toBeGreaterThan(0);
    // Her lines are titled as the checkout titles them: two sizes of one ring read apart on her order and return pages.
    const ukLines = await db.execute<{ title: string; expected: string }>(dsql`
      select l.title, case when coalesce(v.title, '') not in ('', 'Default') then p.title || ' — ' || v.title else p.title end as expected
        from order_lines l join orders o on o.id = l.order_id join customers c on c.id = o.customer_id
        join variants v on v.id = l.variant_id join products p on p.id = v.product_id
       where c.email = 'harriet.uk@soko.test'`);
    expect(ukLines.length).toBe(3);
    for (const line of ukLines) expect(line.title).toBe(line.expected);
    expect(new Set(ukLines.map((l) => l.title)).size).toBe(3);
    const [unbooked] = await db.execute<{ n: number }>(dsql`
      select count(*)::int as n from orders o
       where o.channel in ('web', 'pos') and o.payment_status in ('paid', 'partially_refunded', 'refunded')
         and exists (select 1 from payments p where p.order_id = o.id and p.status = 'succeeded' and p.provider <> 'gift_card')
         and exists (select 1 from order_lines l where l.order_id = o.id and l.sku <> 'GIFT-CARD')
         and not exists (select 1 from ledger_entries e where e.reference = 'sale:' || o.number)`);
    expect(unbooked.n).toBe(0);
    const [books] = await db.execute<{ off: number }>(
      dsql`select count(*)::int as off from (select currency from ledger_lines group by currency having sum(amount) <> 0) x`,
    );
    expect(books.off).toBe(0);
  });

  it("leaves paid web orders at the hub's packing step, Standard and Express, each piece credited with its work photo on disk", async () => {
    const { packingList } = await import("~/domain/hub/index.server");
    const list = await packingList("to_pack", 1);
    expect(list.total).toBeGreaterThanOrEqual(4);
    expect(new Set(list.orders.map((o) => o.express))).toEqual(new Set([true, false]));
    const pieces = await db.execute<{ number: string; photo_url: string | null; credit: string | null }>(dsql`
      select pr.number,
        (select e.photo_url from production_events e where e.request_id = pr.id and e.photo_url is not null limit 1) as photo_url,
        (select qe.reference from ledger_entries qe join qc_inspections qi on qe.reference = 'qc:' || qi.id
          where qi.request_id = pr.id and qi.outcome = 'passed') as credit
      from production_requests pr join orders o on o.id = pr.order_id
      where o.idempotency_key like 'demo-packing:%'`);
    expect(pieces.length).toBeGreaterThanOrEqual(5);
    const { readWorkPhoto } = await import("~/features/artisan-app/photos.server");
    for (const piece of pieces) {
      expect(piece.photo_url, piece.number).toMatch(/^\/artisan\/photos\//);
      const photo = await readWorkPhoto(piece.photo_url!.split("/").pop()!);
      expect(photo?.contentType, piece.number).toBe("image/jpeg");
    }
    // Every QC-passed piece has its credit; the one still waiting for QC has none yet.
    expect(pieces.filter((p) => p.credit === null)).toHaveLength(1);
  });

  it("does nothing the second time", async () => {
    const before = await countOf(schema.products);
    expect(await seedIfEmpty(url)).toEqual({ seeded: false });
    expect(await countOf(schema.products)).toBe(before);
    expect(await countOf(schema.artisans)).toBe(1300);
  });

  it("generates the same data every run, and a bigger unique catalog with scale", () => {
    const a = generateDemoData();
    const b = generateDemoData();
    expect(demoFingerprint(a)).toBe(demoFingerprint(b));
    expect(a.products.map((p) => p.product.handle)).toEqual(b.products.map((p) => p.product.handle));

    const big = generateDemoData({ scale: 3 });
    expect(big.products.length).toBe(a.products.length * 3);
    expect(big.artisans.length).toBe(1300);
    const skus = big.products.flatMap((p) => p.variants.map((v) => v.sku));
    const barcodes = big.products.flatMap((p) => p.variants.map((v) => v.barcode));
    expect(new Set(big.products.map((p) => p.product.handle)).size).toBe(big.products.length);
    expect(new Set(skus).size).toBe(skus.length);
    expect(new Set(barcodes).size).toBe(barcodes.length);
    expect(() => generateDemoData({ scale: 0 })).toThrow(/scale/);
  });
});
