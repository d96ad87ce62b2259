/**
 * Cart arithmetic and rules, with no I/O: line totals, the subtotal, quantity limits and when a line
 * can ship. Money is integer minor units + currency (see ~/lib/money).
 */
import type { Money } from "~/lib/money";

/** Per line, in the bag. The database allows up to 999 (wholesale-sized); shoppers get 1..99. */
export const MIN_QUANTITY = 1;
export const MAX_QUANTITY = 99;
export const QUANTITY_MESSAGE = `Choose a quantity from ${MIN_QUANTITY} to ${MAX_QUANTITY}`;

export function isAllowedQuantity(quantity: number): boolean {
  return Number.isInteger(quantity) && quantity >= MIN_QUANTITY && quantity <= MAX_QUANTITY;
}

/**
 * Adding a piece that is already in the bag adds to its line. Refused (not capped) above the limit,
 * so the shopper is never silently given fewer than they asked for.
 */
export function mergeQuantity(existing: number, added: number): { ok: true; quantity: number } | { ok: false; message: string } {
  const quantity = existing + added;
  if (isAllowedQuantity(quantity)) return { ok: true, quantity };
  return {
    ok: false,
    message: `You already have ${existing} in your bag; the most you can order of one piece is ${MAX_QUANTITY}.`,
  };
}

export function lineTotal(unitPrice: number, quantity: number): number {
  if (!Number.isSafeInteger(unitPrice) || !Number.isSafeInteger(quantity)) throw new RangeError("Money is integer minor units");
  return unitPrice * quantity;
}

export type StockAtLocation = { available: number; shipDays: number };

export type Availability = { kind: "in_stock"; shipDays: number } | { kind: "made_to_order"; shipDays: number };

/**
 * Whether `quantity` units can come from stock, taking the fastest locations first; otherwise an
 * artisan makes them, and the lead time is quoted (the same number the product page shows, from
 * ~/domain/catalog/availability).
 */
export function availability(quantity: number, stock: StockAtLocation[], leadTimeDays: number): Availability {
  const usable = stock.filter((s) => s.available > 0).sort((a, b) => a.shipDays - b.shipDays);
  let covered = 0;
  for (const location of usable) {
    covered += location.available;
    if (covered >= quantity) return { kind: "in_stock", shipDays: location.shipDays };
  }
  return { kind: "made_to_order", shipDays: Math.max(leadTimeDays, 0) };
}

export type PricedLine = {
  quantity: number;
  unitPrice: Money;
  /** False when the product is no longer for sale (draft, archived): shown, flagged, not charged. */
  purchasable: boolean;
};

export type CartTotals = {
  subtotal: Money;
  /** Units that count towards the subtotal. */
  itemCount: number;
  /** Lines left out of the subtotal: unavailable, or priced in another currency. */
  excludedLines: number;
};

export function cartTotals(lines: PricedLine[], currency: string): CartTotals {
  let amount = 0;
  let itemCount = 0;
  let excludedLines = 0;
  for (const line of lines) {
    if (!line.purchasable || line.unitPrice.currency !== currency) {
      excludedLines += 1;
      continue;
    }
    amount += lineTotal(line.unitPrice.amount, line.quantity);
    itemCount += line.quantity;
  }
  return { subtotal: { amount, currency }, itemCount, excludedLines };
}
