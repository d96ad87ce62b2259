/**
 * Delivered web orders and their buyers' reviews: the factory tests use (`createDeliveredOrder`) and
 * the demo's reviews (`seedDemoReviews`): approved reviews, some with photos, on a dozen products,
 * each piece's maker a public artisan who can make it, and a few reviews waiting in the ops queue.
 * Demo photos are the product's generated art from another angle (images are generated, never
 * downloaded), so the seed stores no files.
 */
import { sql } from "drizzle-orm";
import { productImageUrl } from "../../app/domain/images/urls";
import type { Executor } from "../client";
import { Random } from "./random";

export type DeliveredLine = { variantId: number; quantity?: number; artisanId?: number | null };

export type DeliveredOrder = { id: number; number: string; lines: Array<{ id: number; variantId: number; productId: number }> };

/**
 * A web order that went the whole way: placed, each line made by `artisanId` (a QC-passed production
 * request, when given; from stock otherwise), shipped and delivered at `deliveredAt`.
 */
export async function createDeliveredOrder(
  db: Executor,
  input: {
    email: string;
    name?: string;
    customerId?: number | null;
    lines: DeliveredLine[];
    deliveredAt?: Date;
    status?: "delivered" | "shipped";
  },
): Promise<DeliveredOrder> {
  const deliveredAt = input.deliveredAt ?? new Date();
  const placedAt = new Date(deliveredAt.getTime() - 21 * 86_400_000);
  const variants = await db.execute<{ id: number; product_id: number; sku: string; title: string; price: number; currency: string }>(sql`
    select v.id, v.product_id, v.sku, p.title || case when v.title = '' then '' else ' · ' || v.title end as title, v.price, v.currency
    from variants v join products p on p.id = v.product_id
    where v.id in (${sql.join(
      input.lines.map((l) => sql`${l.variantId}`),
      sql`, `,
    )})`);
  const byId = new Map(variants.map((v) => [v.id, v]));
  const lines = input.lines.map((line) => {
    const v = byId.get(line.variantId);
    if (!v) throw new Error(`createDeliveredOrder: no variant ${line.variantId}`);
    return { ...line, quantity: line.quantity ?? 1, v };
  });
  const subtotal = lines.reduce((sum, l) => sum + l.quantity * l.v.price, 0);
  const status = input.status ?? "delivered";
  const [order] = await db.execute<{ id: number; number: string }>(sql`
    insert into orders (number, channel, status, payment_status, customer_id, email, shipping_address, shipping_method, currency, subtotal, total, placed_at)
    values ('SK-' || nextval('order_numbers'), 'web', ${status}, 'paid', ${input.customerId ?? null}, ${input.email},
      ${JSON.stringify({ name: input.name ?? "Amina Wanjiru", line1: "77 Mission St", city: "San Francisco", region: "CA", postalCode: "94105", country: "US" })}::jsonb,
      'standard', ${lines[0].v.currency}, ${subtotal}, ${subtotal}, ${placedAt.toISOString()})
    returning id, number`);
  const made: DeliveredOrder["lines"] = [];
  for (const line of lines) {
    const [row] = await db.execute<{ id: number }>(sql`
      insert into order_lines (order_id, variant_id, sku, title, quantity, unit_price, total)
      values (${order.id}, ${line.v.id}, ${line.v.sku}, ${line.v.title}, ${line.quantity}, ${line.v.price}, ${line.quantity * line.v.price})
      returning id`);
    made.push({ id: row.id, variantId: line.v.id, productId: line.v.product_id });
    if (line.artisanId) {
      await db.execute(sql`
        insert into production_requests (number, order_id, order_line_id, variant_id, quantity, units_made, artisan_id, piece_rate, due_date, status, created_at, updated_at)
        values ('PR-' || nextval('production_request_numbers'), ${order.id}, ${row.id}, ${line.v.id}, ${line.quantity}, ${line.quantity},
          ${line.artisanId}, 35000, ${placedAt.toISOString().slice(0, 10)}::date + 10, 'qc_passed', ${placedAt.toISOString()}, ${placedAt.toISOString()})`);
    }
  }
  const shippedAt = new Date(deliveredAt.getTime() - 4 * 86_400_000);
  await db.execute(sql`
    insert into shipments (order_id, carrier, tracking_number, shipped_at, delivered_at)
    values (${order.id}, 'DHL Express', ${`JD0146${order.id}`}, ${shippedAt.toISOString()}, ${status === "delivered" ? deliveredAt.toISOString() : null})`);
  await db.execute(sql`
    insert into order_events (order_id, type, actor, data, at) values
      (${order.id}, 'placed', 'shopper', '{}'::jsonb, ${placedAt.toISOString()}),
      (${order.id}, 'shipped', 'seed', '{}'::jsonb, ${shippedAt.toISOString()})`);
  if (status === "delivered")
    await db.execute(
      sql`insert into order_events (order_id, type, actor, data, at) values (${order.id}, 'delivered', 'seed', '{}'::jsonb, ${deliveredAt.toISOString()})`,
    );
  return { ...order, lines: made };
}

const BUYERS = [
  "Amina Wanjiru",
  "Grace Liu",
  "Sofia Marquez",
  "Hannah Becker",
  "Olivia Chen",
  "Priya Natarajan",
  "Emma Thompson",
  "Zawadi Otieno",
  "Chloe Martin",
  "Isabel Rossi",
  "Nadia Haddad",
  "Maya Johnson",
];

const PRAISE: Array<{ rating: number; title: string; body: string }> = [
  {
    rating: 5,
    title: "Even lovelier in person",
    body: "The finish is beautiful and it is lighter than I expected. I have worn it every day for two weeks and it still looks new.",
  },
  {
    rating: 5,
    title: "A gift that made her cry",
    body: "Bought this for my sister. The card telling us who made it was a lovely touch, and the piece itself is stunning.",
  },
  {
    rating: 4,
    title: "Beautiful, runs a little big",
    body: "Gorgeous work and well packed. It is slightly larger than the photos suggest, but I love it.",
  },
  {
    rating: 5,
    title: "You can feel it was made by hand",
    body: "Every detail is careful. I like knowing the artisan was paid fairly for it. Already planning my next order.",
  },
  { rating: 4, title: "Lovely, took a while", body: "Made to order, so it took about three weeks, which the site said. Worth the wait." },
  {
    rating: 3,
    title: "Nice but not for me",
    body: "Well made, but the colour is warmer than on my screen. It suits my mother better, so it went to her.",
  },
  {
    rating: 5,
    title: "Compliments every time",
    body: "People stop me to ask where it is from. Comfortable enough to forget I am wearing it.",
  },
];

const WAITING: Array<{ rating: number; title: string; body: string }> = [
  {
    rating: 5,
    title: "Perfect for a wedding",
    body: "Wore it to my friend's wedding and it went with everything. Thank you to the maker!",
  },
  { rating: 2, title: "Clasp came loose", body: "Pretty piece, but the clasp opened twice on the first day. I would like a sturdier one." },
  {
    rating: 4,
    title: "Good everyday piece",
    body: "Simple and well made. Slightly tarnished after a month of daily wear, which polishing fixed.",
  },
];

/**
 * The demo's reviews: a dozen active products (the first by id, so the demo is the same every time)
 * with two to five approved reviews each (the first eleven; about half with a photo), three reviews waiting in the
 * queue, and every one on a delivered order whose maker is a public artisan with the product's skill.
 */
export async function seedDemoReviews(db: Executor, now = new Date()): Promise<{ approved: number; pending: number }> {
  const rng = new Random("demo-reviews");
  const products = await db.execute<{ id: number; handle: string; variant_id: number; artisan_id: number | null }>(sql`
    select p.id, p.handle,
      (select v.id from variants v where v.product_id = p.id order by v.position, v.id limit 1) as variant_id,
      (select a.id from artisans a join artisan_skills s on s.artisan_id = a.id join product_skills ps on ps.skill_id = s.skill_id
        where ps.product_id = p.id and a.active and a.public_profile order by a.id limit 1) as artisan_id
    from products p where p.status = 'active' order by p.id limit 12`);
  let approved = 0;
  let pending = 0;
  let buyer = 0;
  const day = 86_400_000;
  const write = async (
    product: (typeof products)[number],
    review: { rating: number; title: string; body: string },
    status: "approved" | "pending",
    photo: boolean,
  ) => {
    const name = BUYERS[buyer++ % BUYERS.length];
    const deliveredAt = new Date(now.getTime() - (12 + rng.int(0, 60)) * day);
    const order = await createDeliveredOrder(db, {
      email: `buyer${buyer}@example.test`,
      name,
      // From stock (an artisan made it for stock earlier, and was paid for it in the history): a
      // production request here would be QC-passed work with no credit, which the books never have.
      lines: [{ variantId: product.variant_id, artisanId: null }],
      deliveredAt,
    });
    await db.execute(
      sql`insert into review_requests (order_id, requested_at) values (${order.id}, ${new Date(deliveredAt.getTime() + 7 * day).toISOString()})`,
    );
    const writtenAt = new Date(deliveredAt.getTime() + (8 + rng.int(0, 3)) * day);
    const [row] = await db.execute<{ id: number }>(sql`
      insert into reviews (order_line_id, order_id, product_id, artisan_id, author_name, rating, title, body, status, moderated_at, helpful_count, created_at, updated_at)
      values (${order.lines[0].id}, ${order.id}, ${product.id}, ${product.artisan_id}, ${`${name.split(" ")[0]} ${name.split(" ")[1][0]}.`},
        ${review.rating}, ${review.title}, ${review.body}, ${status}, ${status === "approved" ? new Date(writtenAt.getTime() + day).toISOString() : null},
        ${status === "approved" ? rng.int(0, 9) : 0}, ${writtenAt.toISOString()}, ${writtenAt.toISOString()})
      returning id`);
    if (photo)
      await db.execute(sql`
        insert into review_photos (review_id, url, key, width, height, position)
        values (${row.id}, ${productImageUrl(product.handle, 4 + rng.int(0, 2))}, null, 800, 800, 0)`);
  };
  for (const [i, product] of products.entries()) {
    if (!product.variant_id) continue;
    // The first has eleven: its page shows the most helpful three, its reviews page three pages of them.
    const drawn = 2 + rng.int(0, 3);
    const count = i === 0 ? 11 : drawn;
    for (let k = 0; k < count; k++) {
      await write(product, PRAISE[(i + k * 3) % PRAISE.length], "approved", rng.next() < 0.5);
      approved += 1;
    }
  }
  for (const [i, review] of WAITING.entries()) {
    const product = products[(i * 5 + 1) % products.length];
    if (!product?.variant_id) continue;
    await write(product, review, "pending", i === 0);
    pending += 1;
  }
  return { approved, pending };
}
