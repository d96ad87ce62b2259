import { sql } from "drizzle-orm";
import type { Address, Channel } from "#db/schema";
import { jobCallText } from "~/lib/jobs/enqueue.server";
import { reserveStock } from "~/domain/inventory/index.server";
import { sendText, TextParams, type Executor } from "~/lib/db.server";
import { addDays, isoDate } from "./dates";
import { Refusal } from "~/lib/refusal";

/**
 * `discount`: minor units off the whole line (POS line discounts). `giftCard`: the line sells a gift
 * card (domain/giftcards issues it in the same transaction): nothing to reserve or make, and two
 * cards of different values are two lines.
 */
export type OrderLineInput = { variantId: number; quantity: number; unitPrice: number; discount?: number; giftCard?: boolean };

export type CommitOrderInput = {
  channel: Channel;
  email: string;
  customerId?: number | null;
  retailerId?: number | null;
  shippingAddress?: Address | null;
  shippingMethod?: string | null;
  currency: string;
  /** A web order's market (docs/decisions/0021); `currency` is its presentment currency. */
  market?: string | null;
  /** The total in US dollars and the rate used (USD → `currency`, ppm); a USD order settles as its total. */
  settlement?: { currency: string; total: number; ratePpm: number } | null;
  lines: OrderLineInput[];
  totals: { subtotal: number; discountTotal: number; shippingTotal: number; taxTotal: number; taxIncluded?: number; total: number };
  discountCode?: string | null;
  idempotencyKey: string;
  /** Stock locations that may fill this order, by code (web: fulfilment centre and hub; POS: the store). */
  stockLocationCodes: string[];
  /**
   * The payment the order was paid with. With `idempotencyKey`, the charge's row already on record
   * under that key (a web checkout writes it before charging) becomes this order's; otherwise a new row.
   */
  payment?: { provider: string; providerRef: string; amount: number; currency: string; idempotencyKey?: string } | null;
  paymentStatus: "paid" | "on_terms" | "pending";
  actor: string;
  today?: Date;
  /**
   * The bag the order is made from (a web checkout): deleted in the order's own insert, and no bag,
   * no order. Deleting its row serialises two submits of one bag: the second waits on the row, finds
   * none, and gets the order the first made under its key — or a refusal when it has none.
   */
  takeCartId?: string;
};

export type CommittedOrder = { id: number; number: string; created: boolean };

/**
 * The one place an order is made, for every channel. Inside the caller's transaction: the order and
 * its lines, stock reserved with conditional updates, each line allocated to stock or to new
 * production requests, the events, and the jobs that dispatch the work and send the confirmation.
 * The same idempotency key twice returns the first order and changes nothing.
 */
export async function commitOrder(tx: Executor, input: CommitOrderInput): Promise<CommittedOrder> {
  const { written, ...order } = await commitOrderPipelined(tx, input);
  await written;
  return order;
}

/**
 * commitOrder without waiting for its last batch of writes (the allocations, the payment, the
 * events, the jobs): they are sent, and `written` settles once PostgreSQL has answered them. For a
 * lean transaction (db/client.ts), whose COMMIT then goes out in the same write as that batch: one
 * round trip fewer for the web checkout (#14). A failure in the batch rolls the transaction back
 * there; anywhere else, await `written` before committing (commitOrder does).
 */
export async function commitOrderPipelined(tx: Executor, input: CommitOrderInput): Promise<CommittedOrder & { written: Promise<void> }> {
  const lines = mergeLines(input.lines);
  const { subtotal, discountTotal, shippingTotal, taxTotal, taxIncluded, total } = input.totals;
  // What the order settles as in USD (docs/decisions/0021): the caller's (a market's rate), a USD order as itself.
  const settlement = input.settlement ?? {
    currency: "USD",
    total: input.currency === "USD" ? total : null,
    ratePpm: input.currency === "USD" ? 1_000_000 : null,
  };
  const variantIds = lines.map((l) => l.variantId);
  // Written as SQL text with its parameters collected as it is written, neither with drizzle's
  // query builder nor its `sql` template: building these statements with them cost more app CPU
  // than everything else the order's transaction does (docs/performance.md, #14).
  // One statement: the order (the same submit key twice: the unique index keeps the first order),
  // its lines with their SKUs and titles read from the variants, and the variants with the stock
  // locations that may fill it — one row per variant, the order's columns null when it was not made.
  const p = new TextParams();
  const values = `'SK-' || nextval('order_numbers'), ${p.$(input.channel)}, 'open', ${p.$(input.paymentStatus)}, ${p.$(input.customerId ?? null)},
              ${p.$(input.retailerId ?? null)}, ${p.$(input.email)}, ${p.$(jsonb(input.shippingAddress))}, ${p.$(input.shippingMethod ?? null)},
              ${p.$(input.currency)}, ${p.$(subtotal)}, ${p.$(discountTotal)}, ${p.$(shippingTotal)}, ${p.$(taxTotal)}, ${p.$(total)}, ${p.$(input.discountCode ?? null)},
              ${p.$(input.idempotencyKey)}, ${p.$(taxIncluded ?? 0)}, ${p.$(input.market ?? null)}, ${p.$(settlement.currency)}, ${p.$(settlement.total)},
              ${p.$(settlement.ratePpm)}`;
  const taken = input.takeCartId ? `taken as (delete from carts where id = ${p.$(input.takeCartId)} returning id), ` : "";
  const lineValues = lines
    .map((line, i) => {
      const discount = line.discount ?? 0;
      return `(${p.$(line.variantId)}::int, ${p.$(line.quantity)}::int, ${p.$(line.unitPrice)}::int, ${p.$(discount)}::int, ${p.$(line.unitPrice * line.quantity - discount)}::int, ${i}::int)`;
    })
    .join(", ");
  const locationIds = input.stockLocationCodes.length
    ? `(select array_agg(id order by id) from locations where code in (${input.stockLocationCodes.map((code) => p.$(code)).join(", ")}))`
    : "null::int[]";
  const rows = await sendText<OrderVariantRow>(
    tx,
    `
    with ${taken}
    placed as (
      insert into orders (number, channel, status, payment_status, customer_id, retailer_id, email, shipping_address,
                          shipping_method, currency, subtotal, discount_total, shipping_total, tax_total, total, discount_code, idempotency_key,
                          tax_included, market, settlement_currency, settlement_total, settlement_rate_ppm)
      ${taken ? `select ${values} where exists (select 1 from taken)` : `values (${values})`}
      on conflict (idempotency_key) do nothing
      returning id, number
    ),
    placed_lines as (
      insert into order_lines (order_id, variant_id, sku, title, quantity, unit_price, discount, total)
      select placed.id, x.variant_id, v.sku,
             case when coalesce(v.title, '') not in ('', 'Default') then p.title || ' — ' || v.title else p.title end,
             x.quantity, x.unit_price, x.discount, x.total
        from placed
        cross join (values ${lineValues}) as x (variant_id, quantity, unit_price, discount, total, position)
        join variants v on v.id = x.variant_id
        join products p on p.id = v.product_id
       order by x.position
      returning id, variant_id
    )
    select placed.id as order_id, placed.number, v.id, v.lead_time_days, v.piece_rate, v.piece_rate_currency,
           (select min(pl.id) from placed_lines pl where pl.variant_id = v.id) as line_id,
           ${locationIds} as location_ids
      from (select 1) as one
      left join placed on true
      left join variants v on v.id in (${variantIds.map((id) => p.$(id)).join(", ")})`,
    p,
  );
  const head = rows[0];
  if (!head?.order_id) {
    const [first] = await tx.execute<{ id: number; number: string }>(
      sql`select id, number from orders where idempotency_key = ${input.idempotencyKey}`,
    );
    // No bag to take and no order under this key: the bag went with another submit (or never was).
    if (!first) throw new Refusal(409, "Your bag is empty.");
    return { ...first, created: false, written: Promise.resolve() };
  }
  const order = { id: head.order_id, number: head.number! };
  const { number } = order;
  const variantRows = rows.filter((row): row is OrderVariantRow & { id: number } => row.id !== null);
  const variantsById = new Map(variantRows.map((v) => [v.id, v]));
  const stockLocationIds = head.location_ids ?? [];
  const today = input.today ?? new Date();
  // A line whose variant is unknown got no row: refused, and the transaction rolls back.
  for (const line of lines) if (!variantsById.has(line.variantId)) throw new Refusal(422, `Unknown variant ${line.variantId}`);

  // The stock reservations run one after another in variant order, so concurrent checkouts lock
  // rows without deadlock (sent together on the transaction's connection: one round trip).
  const reservations = await Promise.all(
    lines.map((line) => (line.giftCard ? [] : reserveStock(tx, line.variantId, line.quantity, stockLocationIds, number))),
  );
  const lineIdByVariant = new Map(variantRows.map((v) => [v.id, v.line_id!]));

  // Stock first, the rest to make.
  const stockAllocations: Array<{ orderLineId: number; locationId: number; quantity: number }> = [];
  const toMake: Array<{ line: OrderLineInput; orderLineId: number; quantity: number }> = [];
  lines.forEach((line, i) => {
    if (line.giftCard) return;
    const orderLineId = lineIdByVariant.get(line.variantId)!;
    const reserved = reservations[i];
    for (const r of reserved) stockAllocations.push({ orderLineId, locationId: r.locationId, quantity: r.quantity });
    const remaining = line.quantity - reserved.reduce((sum, r) => sum + r.quantity, 0);
    if (remaining > 0) toMake.push({ line, orderLineId, quantity: remaining });
  });

  const r = new TextParams();
  const requests = toMake.length
    ? await sendText<{ id: number; order_line_id: number; quantity: number }>(
        tx,
        `insert into production_requests (number, order_id, order_line_id, variant_id, quantity, piece_rate, piece_rate_currency, due_date, status)
         values ${toMake
           .map(({ line, orderLineId, quantity }) => {
             const variant = variantsById.get(line.variantId)!;
             const due = isoDate(addDays(today, variant.lead_time_days));
             return `('PR-' || nextval('production_request_numbers'), ${r.$(order.id)}::int, ${r.$(orderLineId)}::int, ${r.$(line.variantId)}::int,
                      ${r.$(quantity)}::int, ${r.$(variant.piece_rate)}::int, ${r.$(variant.piece_rate_currency)}, ${r.$(due)}::date, 'unassigned')`;
           })
           .join(", ")}
         returning id, order_line_id, quantity`,
        r,
      )
    : [];
  // The last writes in one statement, as SQL text too (see above): each a data-modifying WITH
  // clause, all of which run whatever the select reads; it fails as a whole, and with it the order.
  const b = new TextParams();
  const orderId = b.$(order.id);
  const writes: string[] = [];
  const allocations = [
    ...stockAllocations.map((a) => `(${b.$(a.orderLineId)}::int, 'stock', ${b.$(a.locationId)}::int, null::int, ${b.$(a.quantity)}::int)`),
    ...requests.map((r) => `(${b.$(r.order_line_id)}::int, 'production', null::int, ${b.$(r.id)}::int, ${b.$(r.quantity)}::int)`),
  ];
  if (allocations.length)
    writes.push(
      `allocated as (insert into allocations (order_line_id, kind, location_id, production_request_id, quantity) values ${allocations.join(", ")})`,
    );
  if (input.discountCode)
    writes.push(
      `code_used as (update discount_codes set used_count = used_count + 1 where upper(code) = upper(${b.$(input.discountCode)}))`,
    );
  const payment = input.payment;
  const paymentValues = payment
    ? `${orderId}::int, ${b.$(payment.provider)}, ${b.$(payment.providerRef)}, ${payment.idempotencyKey ? `${b.$(payment.idempotencyKey)}, ` : ""}${b.$(payment.amount)}::int, ${b.$(payment.currency)}, 'succeeded'`
    : "";
  // The charge's own row, written before the card was charged, becomes this order's (and says how
  // the charge went: the checkout does not write that separately first). A charge whose money went
  // back (another submit of the key gave it back) is never claimed: the statement fails, and with it
  // the order ("charge-returned", checkout.server.ts).
  if (payment?.idempotencyKey)
    writes.push(`claimed as (
      insert into payments (order_id, provider, provider_ref, idempotency_key, amount, currency, status)
      values (${paymentValues})
      on conflict (idempotency_key) do update
        set order_id = excluded.order_id, status = 'succeeded', provider_ref = excluded.provider_ref, updated_at = now()
        where payments.status not in ('refunding', 'refunded')
      returning 1
    )`);
  else if (payment)
    writes.push(
      `paid as (insert into payments (order_id, provider, provider_ref, amount, currency, status) values (${paymentValues}) on conflict do nothing)`,
    );
  const events = [
    `(${orderId}::int, 'placed', ${b.$(input.actor)}, ${b.$(JSON.stringify({ channel: input.channel }))}::jsonb)`,
    ...(input.paymentStatus === "paid"
      ? [
          `(${orderId}::int, 'paid', ${b.$(input.payment?.provider ?? "system")}, ${b.$(JSON.stringify({ amount: total, currency: input.currency }))}::jsonb)`,
        ]
      : []),
  ];
  writes.push(`placed_events as (insert into order_events (order_id, type, actor, data) values ${events.join(", ")})`);
  // Lines to make: their requests' events and the order's status.
  if (requests.length)
    writes.push(
      `made_events as (
         insert into production_events (request_id, order_id, from_status, to_status, actor, note)
         values ${requests.map((request) => `(${b.$(request.id)}::int, ${orderId}::int, null, 'unassigned', 'system', ${b.$(`${request.quantity} to make`)})`).join(", ")}
       )`,
      `in_production as (update orders set status = 'in_production' where id = ${orderId}::int)`,
    );
  const answers = [
    ...(payment?.idempotencyKey
      ? ["(select case when count(*) = 1 then 1 else ('charge-returned ' || count(*))::int end from claimed)"]
      : []),
    // The dispatch plan's job first, as when it was a statement of its own. One queue: dispatch
    // plans never race each other for the same artisans' capacity. Both keys name this order, made
    // by this statement's transaction: no job holds them yet (`key: "new"`, docs/decisions/0034).
    ...(requests.length
      ? [
          jobCallText(
            b,
            "dispatch_requests",
            { orderId: order.id },
            { queueName: "dispatch", jobKey: `dispatch:order:${order.id}`, key: "new" },
          ),
        ]
      : []),
    jobCallText(b, "order_placed", { orderId: order.id }, { jobKey: `order_placed:${order.id}`, key: "new" }),
  ];
  // Sent on the transaction's connection and not waited for here.
  const written = sendText(tx, `with ${writes.join(",\n")}\nselect ${answers.join(", ")}`, b).then(() => undefined);
  // Whoever awaits it gets its failure; left to a lean transaction, its COMMIT reports it instead.
  written.catch(() => {});
  return { id: order.id, number, created: true, written };
}

/** The order's statement's answer: the order (null when not made) beside each of its variants. */
type OrderVariantRow = {
  order_id: number | null;
  number: string | null;
  id: number | null;
  lead_time_days: number;
  piece_rate: number;
  piece_rate_currency: string;
  /** The order's line for this variant (a gift card's lines are not allocated: any one of them). */
  line_id: number | null;
  location_ids: number[] | null;
};

/** A jsonb parameter (drizzle's builder sends the same JSON text). */
const jsonb = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** One line per variant (quantities summed), in variant order. Two prices for one variant is a caller's bug. */
function mergeLines(lines: OrderLineInput[]): OrderLineInput[] {
  const byVariant = new Map<number, OrderLineInput>();
  const giftCards = lines.filter((line) => line.giftCard);
  for (const line of lines) {
    if (line.giftCard) continue;
    const seen = byVariant.get(line.variantId);
    if (seen && seen.unitPrice !== line.unitPrice) throw new Refusal(422, `Variant ${line.variantId} appears at two prices`);
    byVariant.set(
      line.variantId,
      seen ? { ...seen, quantity: seen.quantity + line.quantity, discount: (seen.discount ?? 0) + (line.discount ?? 0) } : { ...line },
    );
  }
  return [...[...byVariant.values()].sort((a, b) => a.variantId - b.variantId), ...giftCards];
}
