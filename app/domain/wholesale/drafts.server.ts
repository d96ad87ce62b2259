/**
 * Wholesale drafts: an order being put together (from the catalog, quick order rows or a CSV), saved
 * under a name, or copied from a past order. Drafts belong to the retailer (any of its buyers can
 * open them). Which draft a buyer is working on is a signed cookie of its own; it is checked against
 * the buyer's retailer on every request.
 */
import { isoDate } from "~/domain/orders";
import { createCookie } from "@remix-run/node";
import { and, asc, count, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Retailer } from "#db/schema";
import { db, schema, type Executor } from "~/lib/db.server";
import { env, secureCookies } from "~/lib/env.server";
import type { BuyerContext } from "./auth.server";
import { loadPriceList, shipDateEstimator, skillsByProduct, webStockByVariant } from "./catalog.server";
import { quoteWholesale, retailPrice } from "./pricing";
import { checkCredit, checkMinimum, paymentChoices, quantityProblem, type CreditCheck, type MinimumCheck } from "./rules";
import { wholesaleSettings } from "./settings.server";

const {
  wholesaleDrafts: drafts,
  variants,
  products,
  retailerLocations,
  wholesaleOrders,
  orders,
  orderLines,
  invoices,
  buyerUsers,
} = schema;

export type DraftLine = { variantId: number; quantity: number };
export type Draft = typeof drafts.$inferSelect;
export const MAX_DRAFT_LINES = 5_000;

let cookie: ReturnType<typeof createCookie> | undefined;
function draftCookie() {
  cookie ??= createCookie("__soko_wholesale_draft", {
    httpOnly: true,
    sameSite: "lax",
    path: "/wholesale",
    secure: secureCookies(),
    secrets: env().SESSION_SECRETS,
    maxAge: 60 * 60 * 24 * 60,
  });
  return cookie;
}

/** The Set-Cookie header that makes `draftId` this buyer's working draft (null: none). */
export async function workingDraftCookie(buyerId: number, draftId: number | null) {
  return draftId === null ? draftCookie().serialize("", { maxAge: 0 }) : draftCookie().serialize({ b: buyerId, d: draftId });
}

/** The draft this buyer is working on, when it still exists and belongs to their retailer. */
export async function workingDraft(request: Request, { buyer, retailer }: BuyerContext): Promise<Draft | null> {
  const value = (await draftCookie().parse(request.headers.get("Cookie"))) as { b?: unknown; d?: unknown } | null;
  if (!value || value.b !== buyer.id || typeof value.d !== "number") return null;
  return findDraft(retailer.id, value.d);
}

export async function findDraft(retailerId: number, draftId: number, executor: Executor = db): Promise<Draft | null> {
  const [draft] = await executor
    .select()
    .from(drafts)
    .where(and(eq(drafts.id, draftId), eq(drafts.retailerId, retailerId)))
    .limit(1);
  return draft ?? null;
}

/** Adds lines to a draft (quantities of a variant already there are summed), creating it if needed. */
export async function addToDraft(
  { buyer, retailer }: BuyerContext,
  draftId: number | null,
  lines: DraftLine[],
): Promise<{ draftId: number } | { error: string }> {
  return db.transaction(async (tx) => {
    const existing = draftId
      ? (
          await tx
            .select()
            .from(drafts)
            .where(and(eq(drafts.id, draftId), eq(drafts.retailerId, retailer.id)))
            .for("update")
        )[0]
      : undefined;
    const merged = mergeLines([...(existing?.lines ?? []), ...lines]);
    if (merged.length > MAX_DRAFT_LINES)
      return { error: `A draft can hold up to ${MAX_DRAFT_LINES.toLocaleString("en-US")} different items.` };
    if (existing) {
      await tx.update(drafts).set({ lines: merged, updatedAt: sql`now()` }).where(eq(drafts.id, existing.id));
      return { draftId: existing.id };
    }
    const [created] = await tx
      .insert(drafts)
      .values({ retailerId: retailer.id, createdBy: buyer.id, lines: merged })
      .returning({ id: drafts.id });
    return { draftId: created.id };
  });
}

function mergeLines(lines: DraftLine[]): DraftLine[] {
  const byVariant = new Map<number, number>();
  for (const l of lines) byVariant.set(l.variantId, (byVariant.get(l.variantId) ?? 0) + l.quantity);
  return [...byVariant].map(([variantId, quantity]) => ({ variantId, quantity }));
}

/** Replaces one line's quantity (0 removes it). */
export async function setDraftLine(retailerId: number, draftId: number, line: DraftLine): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [draft] = await tx
      .select()
      .from(drafts)
      .where(and(eq(drafts.id, draftId), eq(drafts.retailerId, retailerId)))
      .for("update");
    if (!draft) return false;
    const lines =
      line.quantity > 0
        ? draft.lines.map((l) => (l.variantId === line.variantId ? { ...l, quantity: line.quantity } : l))
        : draft.lines.filter((l) => l.variantId !== line.variantId);
    await tx.update(drafts).set({ lines, updatedAt: sql`now()` }).where(eq(drafts.id, draft.id));
    return true;
  });
}

export type DraftDetails = {
  name: string;
  poNumber?: string;
  retailerLocationId?: number;
  shipWindowStart?: string;
  shipWindowEnd?: string;
};

/** Saves the review form's details on the draft (the location only when it is one of the retailer's). */
export async function saveDraftDetails(
  retailerId: number,
  draftId: number,
  details: DraftDetails,
  executor: Executor = db,
): Promise<boolean> {
  let locationId: number | null = null;
  if (details.retailerLocationId) {
    const [loc] = await executor
      .select({ id: retailerLocations.id })
      .from(retailerLocations)
      .where(and(eq(retailerLocations.id, details.retailerLocationId), eq(retailerLocations.retailerId, retailerId)));
    if (!loc) return false;
    locationId = loc.id;
  }
  const [row] = await executor
    .update(drafts)
    .set({
      name: details.name,
      poNumber: details.poNumber ?? null,
      retailerLocationId: locationId,
      shipWindowStart: details.shipWindowStart ?? null,
      shipWindowEnd: details.shipWindowEnd ?? null,
      updatedAt: sql`now()`,
    })
    .where(and(eq(drafts.id, draftId), eq(drafts.retailerId, retailerId)))
    .returning({ id: drafts.id });
  return Boolean(row);
}

export async function deleteDraft(retailerId: number, draftId: number): Promise<boolean> {
  const rows = await db
    .delete(drafts)
    .where(and(eq(drafts.id, draftId), eq(drafts.retailerId, retailerId)))
    .returning({ id: drafts.id });
  return rows.length > 0;
}

/** The retailer's saved drafts, most recently changed first. */
export async function listDrafts(retailerId: number) {
  const rows = await db
    .select({
      id: drafts.id,
      name: drafts.name,
      lines: drafts.lines,
      poNumber: drafts.poNumber,
      updatedAt: drafts.updatedAt,
      createdBy: buyerUsers.name,
    })
    .from(drafts)
    .leftJoin(buyerUsers, eq(buyerUsers.id, drafts.createdBy))
    .where(eq(drafts.retailerId, retailerId))
    .orderBy(desc(drafts.updatedAt), desc(drafts.id))
    .limit(100);
  return rows.map(({ lines, ...r }) => ({ ...r, lineCount: lines.length, units: lines.reduce((n, l) => n + l.quantity, 0) }));
}

/** A new draft with the lines of one of the retailer's past orders (items no longer sold are left out). */
export async function reorderIntoDraft(
  { buyer, retailer }: BuyerContext,
  orderNumber: string,
): Promise<{ draftId: number; skipped: number } | null> {
  const [order] = await db
    .select({ id: orders.id, poNumber: wholesaleOrders.poNumber, locationId: wholesaleOrders.retailerLocationId })
    .from(orders)
    .innerJoin(wholesaleOrders, eq(wholesaleOrders.orderId, orders.id))
    .where(and(eq(orders.number, orderNumber), eq(wholesaleOrders.retailerId, retailer.id)))
    .limit(1);
  if (!order) return null;
  const lines = await db
    .select({ variantId: orderLines.variantId, quantity: orderLines.quantity, active: sql<boolean>`${products.status} = 'active'` })
    .from(orderLines)
    .innerJoin(variants, eq(variants.id, orderLines.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(orderLines.orderId, order.id))
    .orderBy(asc(orderLines.id));
  const kept = mergeLines(lines.filter((l) => l.active));
  const [created] = await db
    .insert(drafts)
    .values({
      retailerId: retailer.id,
      createdBy: buyer.id,
      name: `Reorder of PO ${order.poNumber}`.slice(0, 80),
      lines: kept,
      retailerLocationId: order.locationId,
    })
    .returning({ id: drafts.id });
  return { draftId: created.id, skipped: lines.length - lines.filter((l) => l.active).length };
}

export type ReviewLine = {
  variantId: number;
  sku: string;
  title: string;
  quantity: number;
  unitPrice: number;
  msrp: number;
  lineTotal: number;
  minQty: number;
  casePack: number;
  problem: string | null;
  availability: { kind: "in_stock" } | { kind: "made_to_order"; shipDate: string | null };
};

export type DraftReview = {
  lines: ReviewLine[];
  currency: string;
  subtotal: number;
  total: number;
  units: number;
  firstOrder: boolean;
  minimum: MinimumCheck;
  outstanding: number;
  credit: CreditCheck | null;
  paymentChoices: Array<"card" | "net30" | "net60">;
  /** The day every line could ship: today for stock, the planner's date for work to make. */
  earliestShipDate: string | null;
};

/** Prices a draft for its retailer and checks it against the rules, without writing anything. */
export async function reviewDraft(
  retailer: Retailer,
  lines: DraftLine[],
  executor: Executor = db,
  now = new Date(),
  /** `dropShip`: one consumer's order shipped in the retailer's name (EDI): no case packs, no order minimum. */
  options: { shipDates?: boolean; dropShip?: boolean } = {},
): Promise<DraftReview> {
  const ids = lines.map((l) => l.variantId);
  const [rows, list, stock, settings, [{ previous }], outstanding] = await Promise.all([
    ids.length
      ? executor
          .select({
            id: variants.id,
            productId: variants.productId,
            sku: variants.sku,
            variantTitle: variants.title,
            productTitle: products.title,
            status: products.status,
            price: variants.price,
            wholesalePrice: variants.wholesalePrice,
            currency: variants.currency,
            minQty: variants.minQty,
            casePack: variants.casePack,
          })
          .from(variants)
          .innerJoin(products, eq(products.id, variants.productId))
          .where(inArray(variants.id, ids))
      : Promise.resolve([]),
    loadPriceList(executor, retailer, ids),
    webStockByVariant(executor, ids),
    wholesaleSettings(executor, retailer.currency),
    executor
      .select({ previous: count() })
      .from(wholesaleOrders)
      .innerJoin(orders, eq(orders.id, wholesaleOrders.orderId))
      .where(and(eq(wholesaleOrders.retailerId, retailer.id), ne(orders.status, "cancelled"))),
    outstandingBalance(executor, retailer.id),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const skills = await skillsByProduct(executor, [...new Set(rows.map((r) => r.productId))]);
  const estimate = shipDateEstimator(executor, now);
  const reviewLines: ReviewLine[] = [];
  let latest: string | null = isoDate(now);
  for (const line of lines) {
    const v = byId.get(line.variantId);
    if (!v) continue;
    const quote = quoteWholesale(v, list, line.quantity);
    const msrp = retailPrice(v, list);
    const available = stock.get(v.id) ?? 0;
    const toMake = Math.max(0, line.quantity - available);
    const shipDate = toMake > 0 && options.shipDates !== false ? await estimate(skills.get(v.productId) ?? [], toMake) : null;
    if (toMake > 0) latest = shipDate && latest ? (shipDate > latest ? shipDate : latest) : null;
    reviewLines.push({
      variantId: v.id,
      sku: v.sku,
      title: v.variantTitle && v.variantTitle !== "Default" ? `${v.productTitle} — ${v.variantTitle}` : v.productTitle,
      quantity: line.quantity,
      unitPrice: quote.unit,
      msrp,
      lineTotal: quote.unit * line.quantity,
      minQty: v.minQty,
      casePack: v.casePack,
      problem:
        v.status !== "active"
          ? "This item is no longer sold: remove it to continue."
          : options.dropShip
            ? null
            : quantityProblem(line.quantity, v),
      availability: toMake > 0 ? { kind: "made_to_order", shipDate } : { kind: "in_stock" },
    });
  }
  // Every amount is in the retailer's currency, whoever is looking (never a shopper's market).
  const currency = list.currency;
  const subtotal = reviewLines.reduce((n, l) => n + l.lineTotal, 0);
  const firstOrder = previous === 0;
  const minimum = checkMinimum({
    subtotal,
    currency,
    firstOrder,
    openingMinimum: options.dropShip ? 0 : settings.openingMinimum,
    reorderMinimum: options.dropShip ? 0 : settings.reorderMinimum,
  });
  const terms = retailer.paymentTerms;
  return {
    lines: reviewLines,
    currency,
    subtotal,
    total: subtotal,
    units: reviewLines.reduce((n, l) => n + l.quantity, 0),
    firstOrder,
    minimum,
    outstanding,
    credit: terms === "card" ? null : checkCredit({ orderTotal: subtotal, outstanding, creditLimit: retailer.creditLimit, currency }),
    paymentChoices: paymentChoices(terms),
    earliestShipDate: reviewLines.length ? latest : null,
  };
}

/**
 * What the retailer owes on terms: open invoices' balances, plus terms orders not invoiced yet
 * (so an order placed a moment ago counts before its invoice exists).
 */
export async function outstandingBalance(executor: Executor, retailerId: number): Promise<number> {
  const [row] = await executor.execute<{ owed: string | null }>(sql`
    select (
      coalesce((select sum(${invoices.amount} - ${invoices.amountPaid}) from ${invoices} where ${invoices.retailerId} = ${retailerId} and ${invoices.status} = 'open'), 0)
      + coalesce((select sum(o.total) from ${orders} o join ${wholesaleOrders} w on w.order_id = o.id
          where w.retailer_id = ${retailerId} and o.payment_status = 'on_terms' and o.status <> 'cancelled'
          and not exists (select 1 from ${invoices} i where i.order_id = o.id)), 0)
    )::bigint::text as owed`);
  return Number(row?.owed ?? 0);
}

export type ChangeTerms = {
  /** What the retailer owes on terms now, this order's invoice included. */
  outstanding: number;
  creditLimit: number;
  /** The order minimum the order was placed under (opening for the retailer's first order), or null (drop-ship: none). */
  minimum: { amount: number; kind: "opening" | "reorder" } | null;
  currency: string;
};

/**
 * The retailer's terms a change of a placed order is judged by (an EDI 860): its credit limit against
 * what it owes, and the minimum the order was placed under — the opening minimum if it is the
 * retailer's first order still standing, the reorder minimum otherwise; none for a drop-ship order.
 */
export async function changeTerms(executor: Executor, retailer: Retailer, orderId: number, options: { dropShip?: boolean } = {}) {
  const [settings, [{ earlier }], outstanding] = await Promise.all([
    wholesaleSettings(executor, retailer.currency),
    executor
      .select({ earlier: count() })
      .from(wholesaleOrders)
      .where(
        and(
          eq(wholesaleOrders.retailerId, retailer.id),
          eq(wholesaleOrders.cancelled, false),
          sql`${wholesaleOrders.orderId} < ${orderId}`,
        ),
      ),
    outstandingBalance(executor, retailer.id),
  ]);
  const kind = earlier === 0 ? ("opening" as const) : ("reorder" as const);
  return {
    outstanding,
    creditLimit: retailer.creditLimit,
    minimum: options.dropShip ? null : { amount: kind === "opening" ? settings.openingMinimum : settings.reorderMinimum, kind },
    currency: settings.currency,
  } satisfies ChangeTerms;
}
