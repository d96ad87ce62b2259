/**
 * The server-side bag. The browser holds only the signed cart id (cartCookie); the lines live here.
 * Every function that changes a cart takes its id and touches only that cart's lines, so a line id
 * from someone else's bag matches nothing.
 */
import { randomBytes } from "node:crypto";
import { and, eq, sql, sum } from "drizzle-orm";
import type { Address } from "#db/schema";
import { MARKETS, type MarketCode } from "~/domain/markets";
import type { Money } from "~/lib/money";
import { db, schema, sendText, TextParams, type Executor } from "~/lib/db.server";
import { cartCookieValue, serializeCartCookie } from "~/lib/session.server";
import { LINE_NOT_FOUND, VARIANT_NOT_FOUND, type CartNotice } from "./forms";
import { availability, cartTotals, lineTotal, MAX_QUANTITY, mergeQuantity, type Availability } from "./totals";

const { cartLines, variants, products } = schema;

/**
 * The signed cookie value: the cart id and, since every change of the bag sets the cookie again, a
 * random revision (`<uuid>.<revision>`). A header therefore names one state of the bag, and what is
 * read for it can be remembered (the storefront header's count). A value without a revision (set
 * before revisions) still names the cart.
 */
const CART_COOKIE_VALUE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\.([A-Za-z0-9_-]{8,24}))?$/;

/** The signed cart id from the request, if any. A missing, forged or malformed cookie is no cart. */
export function cartIdFrom(request: Request): Promise<string | null> {
  return cartIdFromCookie(request.headers.get("Cookie"));
}

/** The same, from a Cookie header. */
export async function cartIdFromCookie(cookieHeader: string | null | undefined): Promise<string | null> {
  return (await cartCookieFrom(cookieHeader))?.id ?? null;
}

/** The cart id and revision a Cookie header carries (signature checked), or null. */
async function cartCookieFrom(cookieHeader: string | null | undefined): Promise<{ id: string; revision: string | null } | null> {
  const value = await cartCookieValue(cookieHeader);
  const match = typeof value === "string" ? CART_COOKIE_VALUE.exec(value) : null;
  return match ? { id: match[1], revision: match[2] ?? null } : null;
}

/**
 * The Set-Cookie value that makes the browser remember this cart, with a fresh revision: set on
 * every change of the bag, so the browser's Cookie header changes with its contents.
 */
export function commitCartId(cartId: string): Promise<string> {
  return serializeCartCookie(`${cartId}.${randomBytes(9).toString("base64url")}`);
}

/**
 * Units in the bag of the cart a Cookie header names (the header's personal bit). No cookie, no
 * query. `settled`: the header names one state of the bag (no cart, or a cookie with a revision),
 * so the count holds for as long as the header does.
 */
export async function bagUnitsFor(cookieHeader: string | null | undefined): Promise<{ units: number; settled: boolean }> {
  const cart = await cartCookieFrom(cookieHeader);
  if (!cart) return { units: 0, settled: true };
  return { units: await unitsIn(cart.id), settled: cart.revision !== null };
}

/**
 * The market of the bag a Cookie header names, or null (no bag cookie, or its bag is gone). Once a
 * visitor has a bag, its market is theirs on every page that is theirs alone (docs/decisions/0021):
 * the header, the prices and the bag agree. No cookie, no query.
 */
export async function bagMarketFor(cookieHeader: string | null | undefined): Promise<MarketCode | null> {
  const cart = await cartCookieFrom(cookieHeader);
  if (!cart) return null;
  const [row] = await db.select({ market: schema.carts.market }).from(schema.carts).where(eq(schema.carts.id, cart.id));
  return (row?.market as MarketCode | undefined) ?? null;
}

async function unitsIn(id: string): Promise<number> {
  const [row] = await db
    .select({ units: sum(cartLines.quantity).mapWith(Number) })
    .from(cartLines)
    .where(eq(cartLines.cartId, id));
  return row?.units ?? 0;
}

export type CartLineView = {
  id: number;
  variantId: number;
  quantity: number;
  sku: string;
  variantTitle: string;
  options: Record<string, string>;
  unitPrice: Money;
  lineTotal: Money;
  product: { id: number; handle: string; title: string };
  image: { url: string; alt: string; width: number; height: number } | null;
  /** False when the product is no longer for sale (or not in the cart's currency): flagged, left out of the subtotal. */
  purchasable: boolean;
  availability: Availability;
};

export type CartView = {
  id: string;
  /** The market the bag is in: its lines are priced from that market's stored list, in `currency`. */
  market: MarketCode;
  currency: string;
  email: string | null;
  lines: CartLineView[];
  /** Minor units of `currency`; purchasable lines only. */
  subtotal: Money;
  itemCount: number;
  unavailableLines: number;
};

type CartRow = {
  /** The caller's write alongside the read (loadCartWithCheckout), when there is one. */
  alongside?: unknown;
  id: string;
  market: MarketCode;
  currency: string;
  rate_ppm: number;
  email: string | null;
  shipping_address: Address | null;
  shipping_method: string | null;
  discount_code: string | null;
  line_id: number | null;
  variant_id: number | null;
  quantity: number | null;
  sku: string | null;
  variant_title: string | null;
  options: Record<string, string> | null;
  price: number | null;
  variant_currency: string | null;
  lead_time_days: number | null;
  product_id: number | null;
  handle: string | null;
  product_title: string | null;
  product_status: string | null;
  image: { url: string; alt: string; width: number; height: number } | null;
  stock: Array<{ available: number; shipDays: number }> | null;
  gift_cards: AppliedGiftCard[] | null;
};

/** A gift card applied to the bag at checkout (domain/giftcards decides what it pays). */
export type AppliedGiftCard = { id: number; last4: string; balance: number; currency: string; status: string };

/** The cart row with its checkout details (address, shipping, code) and every line, in one statement. */
async function cartRows(cartId: string, executor: Executor, alongside?: Alongside): Promise<CartRow[]> {
  // SQL text (db/client.ts sendText): the pay page and pay read the bag with it (#14).
  const p = new TextParams();
  const cart = p.$(cartId);
  const along = alongside?.(p, cart);
  return sendText<CartRow>(
    executor,
    `
    ${along ? `with ${along.ctes} ` : ""}select ${along ? `${along.value} as alongside, ` : ""}c.id, c.market, c.currency, m.rate_ppm, c.email, c.shipping_address, c.shipping_method, c.discount_code,
           (select json_agg(json_build_object('id', g.id, 'last4', g.last4, 'balance', g.balance, 'currency', g.currency, 'status', g.status)
                            order by cg.added_at, g.id)
              from cart_gift_cards cg join gift_cards g on g.id = cg.gift_card_id where cg.cart_id = c.id) as gift_cards,
           cl.id as line_id, cl.variant_id, cl.quantity,
           v.sku, v.title as variant_title, v.options, v.lead_time_days,
           -- The bag's market's stored price (the US list is the variants' own): never converted here.
           case when c.market = 'us' then v.price else mp.price end as price,
           case when c.market = 'us' then v.currency else mp.currency end as variant_currency,
           p.id as product_id, p.handle, p.title as product_title, p.status as product_status,
           (select json_build_object('url', i.url, 'alt', i.alt, 'width', i.width, 'height', i.height)
              from product_images i where i.product_id = p.id order by i.position, i.id limit 1) as image,
           (select json_agg(json_build_object('available', l.on_hand - l.reserved, 'shipDays', loc.ship_days))
              from inventory_levels l join locations loc on loc.id = l.location_id
             where l.variant_id = v.id and loc.kind in ('fulfilment', 'hub')) as stock
      from carts c
      join markets m on m.code = c.market
      left join cart_lines cl on cl.cart_id = c.id
      left join variants v on v.id = cl.variant_id
      left join market_prices mp on mp.market = c.market and mp.variant_id = v.id and c.market <> 'us'
      left join products p on p.id = v.product_id
     where c.id = ${cart}
     order by cl.added_at, cl.id`,
    p,
  );
}

export type CartCheckoutFields = {
  /** The market's stored rate now (USD → the bag's currency, parts per million): settlement and USD minimums. */
  ratePpm: number;
  shippingAddress: Address | null;
  shippingMethod: string | null;
  discountCode: string | null;
  /** Gift cards applied at checkout, in the order applied, with their balances now. */
  giftCards: AppliedGiftCard[];
};

/**
 * The whole bag in one SQL statement: lines, variant, product, its first image and the stock a web
 * order can be filled from. Null when no such cart.
 */
export async function loadCart(cartId: string, executor: Executor = db): Promise<CartView | null> {
  return (await loadCartWithCheckout(cartId, executor))?.cart ?? null;
}

/**
 * A caller's write that rides along with the bag's read, in the same statement (one round trip
 * fewer, #14): given the statement's parameters and the bag id's placeholder, `ctes` are
 * data-modifying CTEs (they run whatever the bag holds), `value` a scalar expression over them,
 * handed back as `alongside` when the bag exists.
 */
export type Alongside = (params: TextParams, cartId: string) => { ctes: string; value: string };

/** The bag plus what the shopper has entered at checkout, in the same single statement. */
export async function loadCartWithCheckout(
  cartId: string,
  executor: Executor = db,
  alongside?: Alongside,
): Promise<{ cart: CartView; checkout: CartCheckoutFields; alongside?: unknown } | null> {
  const rows = await cartRows(cartId, executor, alongside);
  const head = rows[0];
  if (!head) return null;
  const lines: CartLineView[] = rows
    .filter((row) => row.line_id !== null)
    .map((row) => {
      // A variant without a price in the bag's market (none should be: a trigger prices every new one) is not for sale in it.
      const unitPrice = { amount: row.price ?? 0, currency: row.variant_currency ?? head.currency };
      return {
        id: row.line_id!,
        variantId: row.variant_id!,
        quantity: row.quantity!,
        sku: row.sku!,
        variantTitle: row.variant_title!,
        options: row.options ?? {},
        unitPrice,
        lineTotal: { amount: lineTotal(unitPrice.amount, row.quantity!), currency: unitPrice.currency },
        product: { id: row.product_id!, handle: row.handle!, title: row.product_title! },
        image: row.image,
        // A variant repriced into another currency can't be charged with this cart: flagged like an unavailable one.
        purchasable: row.product_status === "active" && row.price !== null && row.variant_currency === head.currency,
        availability: availability(row.quantity!, row.stock ?? [], row.lead_time_days!),
      };
    });
  const totals = cartTotals(lines, head.currency);
  return {
    cart: {
      id: head.id,
      market: head.market,
      currency: head.currency,
      email: head.email,
      lines,
      subtotal: totals.subtotal,
      itemCount: totals.itemCount,
      unavailableLines: totals.excludedLines,
    },
    checkout: {
      ratePpm: head.rate_ppm,
      shippingAddress: head.shipping_address,
      shippingMethod: head.shipping_method,
      discountCode: head.discount_code,
      giftCards: head.gift_cards ?? [],
    },
    ...(alongside ? { alongside: head.alongside } : {}),
  };
}

/** The bag of whoever is asking, or null (no cookie, a forged one, or a cart that no longer exists). */
export async function getCart(request: Request): Promise<CartView | null> {
  const cartId = await cartIdFrom(request);
  return cartId ? loadCart(cartId) : null;
}

export type Refusal = { ok: false; status: 400 | 404 | 409; message: string };
export type AddResult =
  | {
      ok: true;
      cartId: string;
      cartCreated: boolean;
      variantId: number;
      title: string;
      quantity: number;
      /** The bag was in another market: it is now priced from `market`'s list (say so). */
      repriced: boolean;
    }
  | Refusal;
export type LineChange = { ok: true; variantId: number; quantity: number } | Refusal;

/**
 * Adds `quantity` of a variant to the bag, summing with a line already there. With no cart (or a
 * stale id) it creates one: check `cartCreated` to set the cookie. A refused add changes no line.
 * `mode: "restore"` is the undo of a removal: it puts the line back only if it isn't there already,
 * so a second click changes nothing. `market`: the market the shopper added from; the whole bag is
 * in it from now on (re-priced from its stored list when it was in another: `repriced`).
 *
 * One statement (one round trip): look the variant up, and only when it is on sale touch the cart
 * (setting its market and currency together) or make one, then upsert the line. The upsert settles
 * races with concurrent adds, and its condition keeps a line within MAX_QUANTITY.
 */
export async function addLine(
  cartId: string | null,
  variantId: number,
  quantity: number,
  options: { mode?: "add" | "restore"; market?: MarketCode } = {},
): Promise<AddResult> {
  const restore = options.mode === "restore";
  const market = options.market ?? "us";
  // SQL text (db/client.ts sendText): drizzle's `sql` template cost more app CPU than the add's own work (#14).
  const p = new TextParams();
  const onConflict = restore
    ? "do nothing"
    : `do update set quantity = cart_lines.quantity + excluded.quantity where cart_lines.quantity + excluded.quantity <= ${p.$(MAX_QUANTITY)}`;
  const currency = MARKETS[market].currency;
  const [variant] = await sendText<{
    title: string;
    status: string;
    cart_id: string | null;
    quantity: number | null;
    created: boolean | null;
    was_market: string | null;
  }>(
    db,
    `
    with variant as (
      select p.title, p.status from variants v join products p on p.id = v.product_id where v.id = ${p.$(variantId)}
    ), touched as (
      update carts c set updated_at = now(), market = ${p.$(market)}, currency = ${p.$(currency)}
        from carts old
       where c.id = ${p.$(cartId)}::uuid and old.id = c.id and exists (select 1 from variant where status = 'active')
      returning c.id, old.market as was_market
    ), made as (
      insert into carts (market, currency)
      select ${p.$(market)}, ${p.$(currency)} from variant where status = 'active' and not exists (select 1 from touched)
      returning id
    ), cart as (
      select id, false as created from touched union all select id, true from made
    ), written as (
      insert into cart_lines (cart_id, variant_id, quantity)
      select id, ${p.$(variantId)}, ${p.$(quantity)} from cart
      on conflict (cart_id, variant_id) ${onConflict}
      returning cart_id, quantity
    ), unpaid_cards as (
      -- Gift cards applied in the old currency can't pay the re-priced bag: taken off it.
      delete from cart_gift_cards where cart_id in (select id from touched where was_market <> ${p.$(market)})
    )
    select variant.title, variant.status, written.cart_id, written.quantity, (select created from cart) as created,
           (select was_market from touched) as was_market
      from variant left join written on true
  `,
    p,
  );
  if (!variant) return { ok: false, status: 404, message: VARIANT_NOT_FOUND };
  if (variant.status !== "active") return { ok: false, status: 400, message: `Sorry, ${variant.title} is no longer available.` };
  const repriced = variant.was_market !== null && variant.was_market !== market;
  const written = variant.cart_id ? { cart_id: variant.cart_id, quantity: variant.quantity!, created: variant.created! } : null;
  if (written) {
    return {
      ok: true,
      cartId: written.cart_id,
      cartCreated: written.created,
      variantId,
      title: variant.title,
      quantity: written.quantity,
      repriced,
    };
  }
  // No row: the line was already there (so was the cart) and stays as it is.
  const [existing] = await db
    .select({ quantity: cartLines.quantity })
    .from(cartLines)
    .where(and(eq(cartLines.cartId, cartId!), eq(cartLines.variantId, variantId)));
  if (restore) {
    return { ok: true, cartId: cartId!, cartCreated: false, variantId, title: variant.title, quantity: existing?.quantity ?? 0, repriced };
  }
  const merged = mergeQuantity(existing?.quantity ?? 0, quantity);
  return merged.ok
    ? // Removed in between: the caller may simply try again.
      { ok: false, status: 409, message: "Your bag changed while adding. Please try again." }
    : { ok: false, status: 400, message: merged.message };
}

/**
 * Puts the bag in `market` (the shopper switched market): one conditional write of market and
 * currency together, so its lines are priced from that market's stored list from now on. Gift cards
 * applied in the old currency come off. Returns whether anything changed (false: no such bag, or it
 * was in that market already).
 */
export async function moveCartToMarket(cartId: string, market: MarketCode): Promise<boolean> {
  const [row] = await db.execute<{ moved: number }>(sql`
    with moved as (
      update carts set market = ${market}, currency = ${MARKETS[market].currency}, updated_at = now()
       where id = ${cartId}::uuid and market <> ${market}
      returning id
    ), unpaid_cards as (
      delete from cart_gift_cards where cart_id in (select id from moved)
    )
    select count(*)::int as moved from moved`);
  return (row?.moved ?? 0) > 0;
}

/** Sets a line's quantity; 0 removes it. Only lines of `cartId` can change. */
export async function updateLine(cartId: string, lineId: number, quantity: number): Promise<LineChange> {
  if (quantity === 0) return removeLine(cartId, lineId);
  const [line] = await db
    .update(cartLines)
    .set({ quantity })
    .where(and(eq(cartLines.id, lineId), eq(cartLines.cartId, cartId)))
    .returning({ variantId: cartLines.variantId, quantity: cartLines.quantity });
  return line ? { ok: true, ...line } : { ok: false, status: 404, message: LINE_NOT_FOUND };
}

/** Removes a line; returns what it held, so the page can offer to put it back. */
export async function removeLine(cartId: string, lineId: number): Promise<LineChange> {
  const [line] = await db
    .delete(cartLines)
    .where(and(eq(cartLines.id, lineId), eq(cartLines.cartId, cartId)))
    .returning({ variantId: cartLines.variantId, quantity: cartLines.quantity });
  return line ? { ok: true, ...line } : { ok: false, status: 404, message: LINE_NOT_FOUND };
}

/** Product title for a notice ("Added Maasai Hoops to your bag"); null for an unknown variant. */
export async function variantTitle(variantId: number): Promise<string | null> {
  const [row] = await db
    .select({ title: products.title })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(variants.id, variantId));
  return row?.title ?? null;
}

export type CartNoticeView = {
  kind: "success";
  message: string;
  /** After a removal: what "Undo" puts back. */
  undo?: { variantId: number; quantity: number };
};

/** The sentence for a change just made ("Added Maasai Hoops to your bag."); null for a stale or forged link. */
export async function describeNotice(notice: CartNotice, cart: CartView | null): Promise<CartNoticeView | null> {
  // Said only when it is still true: the bag is in the market the link names.
  const moved = "repriced" in notice && notice.repriced && cart?.market === notice.repriced ? repricedSentence(notice.repriced) : "";
  if (notice.notice === "market") return moved ? { kind: "success", message: moved.trim() } : null;
  const title = cart?.lines.find((l) => l.variantId === notice.variant)?.product.title ?? (await variantTitle(notice.variant));
  if (!title) return null;
  switch (notice.notice) {
    case "added":
      return { kind: "success", message: `Added ${title} to your bag.${moved}` };
    case "updated":
      return { kind: "success", message: `Updated ${title}.` };
    case "restored":
      return { kind: "success", message: `Put ${title} back in your bag.${moved}` };
    case "removed":
      return {
        kind: "success",
        message: `Removed ${title} from your bag.`,
        undo: { variantId: notice.variant, quantity: notice.quantity },
      };
  }
}

/** " Your bag is now priced for the United Kingdom, in GBP." */
function repricedSentence(market: MarketCode): string {
  const { name, currency } = MARKETS[market];
  return ` Your bag is now priced for ${market === "us" || market === "gb" ? "the " : ""}${name}, in ${currency}: every piece at that market's price.`;
}
