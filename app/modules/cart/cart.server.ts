/**
 * The server-side bag. The browser holds only the signed cart id (cartCookie); the lines live here.
 * Every function that changes a cart takes its id and touches only that cart's lines, so a line id
 * from someone else's bag matches nothing.
 */
import { and, asc, eq, sql, sum } from "drizzle-orm";
import { WEB_STOCK_KINDS } from "~/modules/inventory/locations";
import type { Money } from "~/modules/money/money";
import { db, schema, type Executor } from "~/utils/db.server";
import { cartCookie } from "~/utils/session.server";
import { LINE_NOT_FOUND, VARIANT_NOT_FOUND, type CartNotice } from "./forms";
import { availability, cartTotals, lineTotal, MAX_QUANTITY, mergeQuantity, type Availability } from "./totals";

const { carts, cartLines, variants, products } = schema;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The signed cart id from the request, if any. A missing, forged or malformed cookie is no cart. */
export async function cartIdFrom(request: Request): Promise<string | null> {
  const header = request.headers.get("Cookie");
  if (!header || !header.includes("__soko_cart")) return null;
  const value = await cartCookie().parse(header);
  return typeof value === "string" && UUID.test(value) ? value : null;
}

/** The Set-Cookie value that makes the browser remember this cart. */
export function commitCartId(cartId: string): Promise<string> {
  return cartCookie().serialize(cartId);
}

/** Units in the bag, for the header. No cookie, no query. */
export async function cartCount(request: Request): Promise<number> {
  const id = await cartIdFrom(request);
  if (!id) return 0;
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
  currency: string;
  email: string | null;
  lines: CartLineView[];
  /** Minor units of `currency`; purchasable lines only. */
  subtotal: Money;
  itemCount: number;
  unavailableLines: number;
};

/**
 * The whole bag in one SQL statement (drizzle's relational query compiles the nested `with` into
 * lateral joins): lines, variant, product, its first image and stock per location. Null when no such cart.
 */
export async function loadCart(cartId: string, executor: Executor = db): Promise<CartView | null> {
  const cart = await executor.query.carts.findFirst({
    where: eq(carts.id, cartId),
    columns: { id: true, currency: true, email: true },
    with: {
      lines: {
        columns: { id: true, variantId: true, quantity: true },
        orderBy: [asc(cartLines.addedAt), asc(cartLines.id)],
        with: {
          variant: {
            columns: { sku: true, title: true, options: true, price: true, currency: true, leadTimeDays: true },
            with: {
              product: {
                columns: { id: true, handle: true, title: true, status: true },
                with: {
                  images: {
                    columns: { url: true, alt: true, width: true, height: true },
                    orderBy: (image, { asc: up }) => [up(image.position), up(image.id)],
                    limit: 1,
                  },
                },
              },
              levels: {
                columns: { onHand: true, reserved: true },
                with: { location: { columns: { shipDays: true, kind: true } } },
              },
            },
          },
        },
      },
    },
  });
  if (!cart) return null;

  const lines: CartLineView[] = cart.lines.map(({ variant, ...line }) => {
    const unitPrice = { amount: variant.price, currency: variant.currency };
    const stock = variant.levels
      .filter((l) => (WEB_STOCK_KINDS as readonly string[]).includes(l.location.kind))
      .map((l) => ({ available: l.onHand - l.reserved, shipDays: l.location.shipDays }));
    return {
      id: line.id,
      variantId: line.variantId,
      quantity: line.quantity,
      sku: variant.sku,
      variantTitle: variant.title,
      options: variant.options,
      unitPrice,
      lineTotal: { amount: lineTotal(unitPrice.amount, line.quantity), currency: unitPrice.currency },
      product: { id: variant.product.id, handle: variant.product.handle, title: variant.product.title },
      image: variant.product.images[0] ?? null,
      // A variant repriced into another currency can't be charged with this cart: flagged like an unavailable one.
      purchasable: variant.product.status === "active" && variant.currency === cart.currency,
      availability: availability(line.quantity, stock, variant.leadTimeDays),
    };
  });
  const totals = cartTotals(lines, cart.currency);
  return {
    id: cart.id,
    currency: cart.currency,
    email: cart.email,
    lines,
    subtotal: totals.subtotal,
    itemCount: totals.itemCount,
    unavailableLines: totals.excludedLines,
  };
}

/** The bag of whoever is asking, or null (no cookie, a forged one, or a cart that no longer exists). */
export async function getCart(request: Request): Promise<CartView | null> {
  const cartId = await cartIdFrom(request);
  return cartId ? loadCart(cartId) : null;
}

export type Refusal = { ok: false; status: 400 | 404; message: string };
export type AddResult =
  | { ok: true; cartId: string; cartCreated: boolean; variantId: number; title: string; quantity: number }
  | Refusal;
export type LineChange = { ok: true; variantId: number; quantity: number } | Refusal;

/** A variant with its product's title and status, or null for an unknown id. */
async function findVariant(executor: Executor, variantId: number) {
  const [row] = await executor
    .select({ id: variants.id, title: products.title, status: products.status, currency: variants.currency })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(variants.id, variantId));
  return row ?? null;
}

/** The cart with this id if it still exists, else a new one (made inside the caller's transaction). */
async function ensureCart(executor: Executor, cartId: string | null, currency: string) {
  if (cartId) {
    const [found] = await executor
      .update(carts)
      .set({ updatedAt: sql`now()` })
      .where(eq(carts.id, cartId))
      .returning({ id: carts.id });
    if (found) return { id: found.id, created: false };
  }
  const [created] = await executor.insert(carts).values({ currency }).returning({ id: carts.id });
  return { id: created!.id, created: true };
}

/** Thrown inside a transaction to roll it back and hand the refusal to the caller. */
class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/**
 * Adds `quantity` of a variant to the bag, summing with a line already there. With no cart (or a
 * stale id) it creates one: check `cartCreated` to set the cookie. Nothing is written when refused.
 * `mode: "restore"` is the undo of a removal: it puts the line back only if it isn't there already,
 * so a second click changes nothing.
 */
export async function addLine(
  cartId: string | null,
  variantId: number,
  quantity: number,
  options: { mode?: "add" | "restore" } = {},
): Promise<AddResult> {
  const variant = await findVariant(db, variantId);
  if (!variant) return { ok: false, status: 404, message: VARIANT_NOT_FOUND };
  if (variant.status !== "active") return { ok: false, status: 400, message: `Sorry, ${variant.title} is no longer available.` };
  const restore = options.mode === "restore";

  try {
    return await db.transaction(async (tx) => {
      const cart = await ensureCart(tx, cartId, variant.currency);
      const [existing] = await tx
        .select({ quantity: cartLines.quantity })
        .from(cartLines)
        .where(and(eq(cartLines.cartId, cart.id), eq(cartLines.variantId, variantId)))
        .for("update");
      let next = quantity;
      if (existing && restore) next = existing.quantity;
      else if (existing) {
        const merged = mergeQuantity(existing.quantity, quantity);
        if (!merged.ok) throw new Refused({ ok: false, status: 400, message: merged.message });
        next = merged.quantity;
      }
      // The upsert also settles a race with a concurrent first add of the same variant.
      await tx
        .insert(cartLines)
        .values({ cartId: cart.id, variantId, quantity: next })
        .onConflictDoUpdate({
          target: [cartLines.cartId, cartLines.variantId],
          set: { quantity: restore ? sql`${cartLines.quantity}` : sql`least(${cartLines.quantity} + ${quantity}, ${MAX_QUANTITY})` },
        });
      return { ok: true, cartId: cart.id, cartCreated: cart.created, variantId, title: variant.title, quantity: next } as const;
    });
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    throw error;
  }
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
  const title = cart?.lines.find((l) => l.variantId === notice.variant)?.product.title ?? (await variantTitle(notice.variant));
  if (!title) return null;
  switch (notice.notice) {
    case "added":
      return { kind: "success", message: `Added ${title} to your bag.` };
    case "updated":
      return { kind: "success", message: `Updated ${title}.` };
    case "restored":
      return { kind: "success", message: `Put ${title} back in your bag.` };
    case "removed":
      return { kind: "success", message: `Removed ${title} from your bag.`, undo: { variantId: notice.variant, quantity: notice.quantity } };
  }
}
