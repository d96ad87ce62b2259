/**
 * Checkout pricing: shipping rates, discount codes and tax by destination. Pure: everything it
 * needs is passed in, so the same numbers come out of the page, the payment and the order.
 * Amounts are minor units of the bag's market's currency (docs/decisions/0021): a market other than
 * the US ships at its own rates, and where its prices include VAT/GST the tax is the part of the
 * total that is tax (`taxIncluded`), never added on top.
 */
import { MARKETS, includedRateFor, includedTax, type MarketCode } from "~/domain/markets";
import { formatMoney } from "~/lib/money";

export type PricedLine = { variantId: number; quantity: number; unitPrice: number };
export type Destination = { country: string; region?: string };

export type ShippingOption = { code: ShippingCode; label: string; detail: string; amount: number };
export const SHIPPING_CODES = ["standard", "express"] as const;
export type ShippingCode = (typeof SHIPPING_CODES)[number];

/** USD minor units. Free standard shipping in the US from $75. */
const FREE_US_STANDARD_FROM = 7500;

/** Business days in transit once a parcel ships, by service: the checkout's promise and the order page's estimate. */
export function transitBusinessDays(country: string, code: ShippingCode): readonly [number, number] {
  const domestic = country === "US";
  if (code === "express") return domestic ? [1, 2] : [2, 4];
  return domestic ? [3, 5] : [6, 10];
}

const transitDetail = (country: string, code: ShippingCode) => {
  const [min, max] = transitBusinessDays(country, code);
  return `${min}–${max} business days once ready`;
};

export function shippingOptions(destination: Destination, subtotal: number, market: MarketCode = "us"): ShippingOption[] {
  const { country } = destination;
  if (market !== "us") {
    // The market's own rates in its currency (VAT/GST included where its prices include it).
    const { shipping } = MARKETS[market];
    return [
      {
        code: "standard",
        label: "Standard",
        detail: transitDetail(country, "standard"),
        amount: subtotal >= shipping.freeFrom ? 0 : shipping.standard,
      },
      { code: "express", label: "Express", detail: transitDetail(country, "express"), amount: shipping.express },
    ];
  }
  if (country === "US") {
    return [
      {
        code: "standard",
        label: "Standard",
        detail: transitDetail(country, "standard"),
        amount: subtotal >= FREE_US_STANDARD_FROM ? 0 : 600,
      },
      { code: "express", label: "Express", detail: transitDetail(country, "express"), amount: 1800 },
    ];
  }
  return [
    { code: "standard", label: "International standard", detail: transitDetail(country, "standard"), amount: 1800 },
    { code: "express", label: "International express", detail: transitDetail(country, "express"), amount: 3800 },
  ];
}

/** How a stored shipping code reads for its destination ("Express", "International standard"); null for none. */
export function shippingLabel(code: string | null, destination: Destination | null, market: MarketCode = "us"): string | null {
  if (!code) return null;
  const option = shippingOptions(destination ?? { country: "US" }, 0, market).find((o) => o.code === code);
  return option?.label ?? code;
}

/**
 * Tax rates in basis points by destination: "US-CA" beats "US" beats "*". Configurable with
 * TAX_RATES, e.g. "US-CA=725,US-NY=400,US=0,GB=2000,*=0".
 */
export type TaxRates = Record<string, number>;
export const DEFAULT_TAX_RATES: TaxRates = {
  "US-CA": 725,
  "US-NY": 400,
  "US-WA": 650,
  US: 0,
  GB: 2000,
  // Canada's prices exclude tax: GST, or HST where the province harmonised it (added at checkout).
  "CA-ON": 1300,
  "CA-NS": 1500,
  "CA-NB": 1500,
  "CA-NL": 1500,
  "CA-PE": 1500,
  CA: 500,
  "*": 0,
};

export function parseTaxRates(spec: string | undefined): TaxRates {
  if (!spec) return DEFAULT_TAX_RATES;
  const rates: TaxRates = {};
  for (const part of spec.split(",")) {
    const [key, value] = part.split("=").map((s) => s.trim());
    const bp = Number(value);
    if (key && Number.isInteger(bp) && bp >= 0 && bp <= 5000) rates[key.toUpperCase()] = bp;
  }
  return Object.keys(rates).length ? rates : DEFAULT_TAX_RATES;
}

export function taxRateFor(destination: Destination, rates: TaxRates): number {
  const country = destination.country.toUpperCase();
  const region = destination.region?.toUpperCase();
  return (region ? rates[`${country}-${region}`] : undefined) ?? rates[country] ?? rates["*"] ?? 0;
}

export type DiscountRule = {
  code: string;
  kind: "percent" | "fixed";
  value: number;
  currency: string;
  minSubtotal: number;
  startsAt: Date | null;
  expiresAt: Date | null;
  usageLimit: number | null;
  usedCount: number;
};

export type DiscountResult = { ok: true; amount: number; code: string } | { ok: false; reason: string };

/**
 * Why a code does or does not apply, in words a shopper understands. A percent code applies in any
 * currency; its minimum (in the code's currency, USD) is held at the bag's market rate (`ratePpm`,
 * USD → the bag's currency) when the bag is in another. A fixed-amount code is money in its own
 * currency and is refused in another: converting it would hand out a different amount per market.
 */
export function evaluateDiscount(
  rule: DiscountRule | null,
  subtotal: number,
  currency: string,
  now: Date,
  ratePpm: number | null = null,
): DiscountResult {
  if (!rule) return { ok: false, reason: "We don't recognise that code." };
  if (rule.startsAt && now < rule.startsAt) return { ok: false, reason: `${rule.code} isn't active yet.` };
  if (rule.expiresAt && now >= rule.expiresAt) return { ok: false, reason: `${rule.code} has expired.` };
  if (rule.usageLimit !== null && rule.usedCount >= rule.usageLimit) return { ok: false, reason: `${rule.code} has been fully redeemed.` };
  if (rule.kind === "fixed" && rule.currency !== currency) {
    return {
      ok: false,
      reason: `${rule.code} is worth ${formatMoney({ amount: rule.value, currency: rule.currency })} and can only be used when paying in ${rule.currency}. Your bag is in ${currency}.`,
    };
  }
  const minimum = minimumIn(rule, currency, ratePpm);
  if (minimum === null) return { ok: false, reason: `${rule.code} can only be used when paying in ${rule.currency}.` };
  if (subtotal < minimum) {
    return { ok: false, reason: `${rule.code} needs a subtotal of at least ${formatMoney({ amount: minimum, currency })}.` };
  }
  const raw = rule.kind === "percent" ? Math.round((subtotal * rule.value) / 100) : rule.value;
  return { ok: true, amount: Math.min(raw, subtotal), code: rule.code };
}

/** A code's minimum subtotal in the bag's currency: as it is in the code's own, at the market rate from USD; null when unknown. */
function minimumIn(rule: DiscountRule, currency: string, ratePpm: number | null): number | null {
  if (rule.minSubtotal === 0 || rule.currency === currency) return rule.minSubtotal;
  if (rule.currency !== "USD" || !ratePpm) return null;
  return Math.round((rule.minSubtotal * ratePpm) / 1_000_000);
}

/**
 * `taxTotal` is tax added to the total (US, CA); `taxIncluded` the VAT/GST already inside it (GB,
 * EU, AU): `total = subtotal − discountTotal + shippingTotal + taxTotal` either way.
 */
export type Totals = {
  subtotal: number;
  discountTotal: number;
  shippingTotal: number;
  taxTotal: number;
  taxIncluded: number;
  total: number;
  taxRate: number;
};

export function subtotalOf(lines: PricedLine[]): number {
  return lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
}

export function priceCheckout(input: {
  lines: PricedLine[];
  destination: Destination | null;
  shipping: ShippingCode | null;
  discount: DiscountResult | null;
  taxRates: TaxRates;
  /** The bag's market (the US when not said). */
  market?: MarketCode;
}): Totals {
  const market = input.market ?? "us";
  const subtotal = subtotalOf(input.lines);
  const discountTotal = input.discount?.ok ? Math.min(input.discount.amount, subtotal) : 0;
  const option =
    input.destination && input.shipping
      ? shippingOptions(input.destination, subtotal, market).find((o) => o.code === input.shipping)
      : undefined;
  const shippingTotal = option?.amount ?? 0;
  if (MARKETS[market].tax.mode === "included") {
    // Prices and shipping include the destination's VAT/GST: the total is what was shown, and the
    // tax is the part of it that is tax (half up), for the receipt and the books.
    const total = subtotal - discountTotal + shippingTotal;
    const taxRate = includedRateFor(market, input.destination?.country);
    return { subtotal, discountTotal, shippingTotal, taxTotal: 0, taxIncluded: includedTax(total, taxRate), total, taxRate };
  }
  const taxRate = input.destination ? taxRateFor(input.destination, input.taxRates) : 0;
  // Tax on goods after discount, rounded half up to the cent.
  const taxTotal = Math.round(((subtotal - discountTotal) * taxRate) / 10_000);
  return {
    subtotal,
    discountTotal,
    shippingTotal,
    taxTotal,
    taxIncluded: 0,
    total: subtotal - discountTotal + shippingTotal + taxTotal,
    taxRate,
  };
}
