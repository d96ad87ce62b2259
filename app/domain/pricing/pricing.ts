/**
 * Checkout pricing: shipping rates, discount codes and tax by destination. Pure: everything it
 * needs is passed in, so the same numbers come out of the page, the payment and the order.
 */
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

export function shippingOptions(destination: Destination, subtotal: number): ShippingOption[] {
  const { country } = destination;
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
export function shippingLabel(code: string | null, destination: Destination | null): string | null {
  if (!code) return null;
  const option = shippingOptions(destination ?? { country: "US" }, 0).find((o) => o.code === code);
  return option?.label ?? code;
}

/**
 * Tax rates in basis points by destination: "US-CA" beats "US" beats "*". Configurable with
 * TAX_RATES, e.g. "US-CA=725,US-NY=400,US=0,GB=2000,*=0".
 */
export type TaxRates = Record<string, number>;
export const DEFAULT_TAX_RATES: TaxRates = { "US-CA": 725, "US-NY": 400, "US-WA": 650, US: 0, GB: 2000, "*": 0 };

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

/** Why a code does or does not apply, in words a shopper understands. */
export function evaluateDiscount(rule: DiscountRule | null, subtotal: number, currency: string, now: Date): DiscountResult {
  if (!rule) return { ok: false, reason: "We don't recognise that code." };
  if (rule.startsAt && now < rule.startsAt) return { ok: false, reason: `${rule.code} isn't active yet.` };
  if (rule.expiresAt && now >= rule.expiresAt) return { ok: false, reason: `${rule.code} has expired.` };
  if (rule.usageLimit !== null && rule.usedCount >= rule.usageLimit) return { ok: false, reason: `${rule.code} has been fully redeemed.` };
  if (rule.kind === "fixed" && rule.currency !== currency) return { ok: false, reason: `${rule.code} can't be used in ${currency}.` };
  if (subtotal < rule.minSubtotal) {
    const need = (rule.minSubtotal / 100).toFixed(2);
    return { ok: false, reason: `${rule.code} needs a subtotal of at least $${need}.` };
  }
  const raw = rule.kind === "percent" ? Math.round((subtotal * rule.value) / 100) : rule.value;
  return { ok: true, amount: Math.min(raw, subtotal), code: rule.code };
}

export type Totals = { subtotal: number; discountTotal: number; shippingTotal: number; taxTotal: number; total: number; taxRate: number };

export function subtotalOf(lines: PricedLine[]): number {
  return lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
}

export function priceCheckout(input: {
  lines: PricedLine[];
  destination: Destination | null;
  shipping: ShippingCode | null;
  discount: DiscountResult | null;
  taxRates: TaxRates;
}): Totals {
  const subtotal = subtotalOf(input.lines);
  const discountTotal = input.discount?.ok ? Math.min(input.discount.amount, subtotal) : 0;
  const option =
    input.destination && input.shipping ? shippingOptions(input.destination, subtotal).find((o) => o.code === input.shipping) : undefined;
  const shippingTotal = option?.amount ?? 0;
  const taxRate = input.destination ? taxRateFor(input.destination, input.taxRates) : 0;
  // Tax on goods after discount, rounded half up to the cent.
  const taxTotal = Math.round(((subtotal - discountTotal) * taxRate) / 10_000);
  return { subtotal, discountTotal, shippingTotal, taxTotal, total: subtotal - discountTotal + shippingTotal + taxTotal, taxRate };
}
