/**
 * Wholesale ordering rules, pure: quantity rules per variant, the order minimums and the credit
 * limit. Messages are written for the buyer and name the numbers they need.
 */
import { formatDate } from "~/lib/intl";
import { formatMoney } from "~/lib/money";

export type QuantityRules = { minQty: number; casePack: number };

/** "PO 4471", but "PO-UX-001" and "PO#88" as they are: a buyer's number that already says PO is not prefixed again. */
export function poLabel(poNumber: string): string {
  const po = poNumber.trim();
  return /^p\.?\s?o\b/i.test(po) ? po : `PO ${po}`;
}

/** The smallest quantity that satisfies both the minimum and the case pack. */
export function smallestOrderable({ minQty, casePack }: QuantityRules): number {
  const pack = Math.max(1, casePack);
  return Math.ceil(Math.max(1, minQty) / pack) * pack;
}

/** Why `quantity` cannot be ordered, or null when it can. */
export function quantityProblem(quantity: number, rules: QuantityRules): string | null {
  if (!Number.isInteger(quantity)) return "Enter a whole number of units.";
  if (quantity <= 0) return "Enter a quantity of at least 1.";
  if (quantity > MAX_LINE_QUANTITY) return `Enter at most ${MAX_LINE_QUANTITY.toLocaleString("en-US")} units on one line.`;
  if (quantity < rules.minQty) return `The minimum for this item is ${rules.minQty} units.`;
  if (quantity % Math.max(1, rules.casePack) !== 0) {
    const lower = Math.floor(quantity / rules.casePack) * rules.casePack;
    const upper = lower + rules.casePack;
    const near = lower >= rules.minQty && lower > 0 ? `${lower} or ${upper}` : `${upper}`;
    return `This item comes in cases of ${rules.casePack}: order ${near}.`;
  }
  return null;
}

/** Large enough for any real order; small enough that totals stay far from integer overflow. */
export const MAX_LINE_QUANTITY = 100_000;

export type MinimumCheck =
  | { ok: true; minimum: number; kind: "opening" | "reorder" }
  | { ok: false; minimum: number; kind: "opening" | "reorder"; short: number; message: string };

/** The opening-order minimum for a retailer's first order, the reorder minimum after that. */
export function checkMinimum(input: {
  subtotal: number;
  currency: string;
  firstOrder: boolean;
  openingMinimum: number;
  reorderMinimum: number;
}): MinimumCheck {
  const kind = input.firstOrder ? "opening" : "reorder";
  const minimum = input.firstOrder ? input.openingMinimum : input.reorderMinimum;
  if (input.subtotal >= minimum) return { ok: true, minimum, kind };
  const short = minimum - input.subtotal;
  const money = (amount: number) => formatMoney({ amount, currency: input.currency });
  const what = input.firstOrder ? "An opening order" : "A reorder";
  return {
    ok: false,
    minimum,
    kind,
    short,
    message: `${what} must be at least ${money(minimum)}. Add ${money(short)} more to place this order.`,
  };
}

/** A trading partner's agreed charges on each order: an allowance (basis points of the goods) and a flat freight charge. */
export type OrderCharges = { allowanceBps: number; freightCharge: number };

/**
 * The order's discount (the allowance, rounded to the cent, half up) and shipping (the freight the
 * partner pays), and the total they make with the goods' subtotal. No charges: the subtotal alone.
 */
export function applyCharges(subtotal: number, charges?: OrderCharges | null) {
  const discountTotal = charges ? Math.round((subtotal * charges.allowanceBps) / 10_000) : 0;
  const shippingTotal = charges && subtotal > 0 ? charges.freightCharge : 0;
  return { subtotal, discountTotal, shippingTotal, total: subtotal - discountTotal + shippingTotal };
}

export type CreditCheck = { ok: true; available: number } | { ok: false; available: number; over: number; message: string };

/** Terms orders must fit: this order plus what is already owed stays within the credit limit. */
export function checkCredit(input: { orderTotal: number; outstanding: number; creditLimit: number; currency: string }): CreditCheck {
  const available = Math.max(0, input.creditLimit - input.outstanding);
  const over = input.outstanding + input.orderTotal - input.creditLimit;
  if (over <= 0) return { ok: true, available };
  const money = (amount: number) => formatMoney({ amount, currency: input.currency });
  return {
    ok: false,
    available,
    over,
    message: `This order would take you over your credit limit of ${money(input.creditLimit)} by ${money(over)}.`,
  };
}

/** Payment choices for a retailer's terms: card always; net 30 for net-30 accounts; net 30 or 60 for net-60 accounts. */
export function paymentChoices(terms: "card" | "net30" | "net60"): Array<"card" | "net30" | "net60"> {
  if (terms === "net60") return ["net30", "net60", "card"];
  if (terms === "net30") return ["net30", "card"];
  return ["card"];
}

export const PAYMENT_LABEL: Record<"card" | "net30" | "net60", string> = { card: "Card", net30: "Net 30", net60: "Net 60" };

/** "2,500", "$2,500.50" or "£2,500.50" (whole units of a two-decimal currency) → minor units; null when it is not an amount. */
export function parseDollars(input: string): number | null {
  const cleaned = input
    .trim()
    .replace(/^[$£€]/, "")
    .replace(/,/g, "");
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, fraction = ""] = cleaned.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

/**
 * Why a ship window is refused for starting or ending before today. Its days are the hub's (Nairobi's,
 * `isoDate`): from 21:00 UTC — the American afternoon — today there is already tomorrow, so the
 * message names the day rather than saying "the past" of a date still running where the buyer is.
 */
export function pastShipDay(edge: "start" | "end", today: string): string {
  const day = formatDate(`${today}T00:00:00Z`, "en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  return `The ship window can't ${edge} before ${day}: that is today in Nairobi, where your order ships from.`;
}
