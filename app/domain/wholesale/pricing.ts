/**
 * Wholesale prices, pure. A retailer's unit price for a variant is, in order of precedence:
 * 1. the retailer's negotiated price for that variant (retailer_prices),
 * 2. its tier's share of retail (price_tiers.percent_of_retail, basis points) before tax: where the
 *    retail price includes VAT or GST (the UK, the EU, Australia), the share is of the price without
 *    it, so a tier gives a retailer the same margin in every market,
 * 3. the variant's own wholesale price (50% of retail by default).
 * Then the best volume break the line's quantity reaches (a variant's own or a catalogue-wide one)
 * takes its percentage off. Amounts are integer minor units, rounded to the nearest unit.
 *
 * All of it in the retailer's currency (docs/decisions/0025): for a list in another currency than
 * USD, "retail" is the retail market's stored price in that currency and the default price the
 * stored wholesale list's (`inCurrency`); both are read, never converted here.
 */
import { includedTax } from "~/domain/markets";

/** The currencies a retailer may be in (each has a wholesale price list), in the order ops is offered them. */
export const WHOLESALE_CURRENCIES = ["USD", "GBP", "EUR", "CAD", "AUD"] as const;
export type WholesaleCurrency = (typeof WHOLESALE_CURRENCIES)[number];

export const WHOLESALE_CURRENCY_LABEL: Record<WholesaleCurrency, string> = {
  USD: "US dollars (USD)",
  GBP: "Pounds sterling (GBP)",
  EUR: "Euros (EUR)",
  CAD: "Canadian dollars (CAD)",
  AUD: "Australian dollars (AUD)",
};

export type VolumeBreak = {
  /** Null: applies to every variant. */
  variantId: number | null;
  minQty: number;
  /** Basis points off the base wholesale price (500 = 5%). */
  percentOff: number;
};

export type PriceList = {
  /** The retailer's currency: every amount here and every quote is in it. */
  currency: string;
  /** The stored prices in `currency` when it is not USD (USD: the variant's own prices). */
  inCurrency?: { retail: ReadonlyMap<number, number>; wholesale: ReadonlyMap<number, number> };
  /** The retailer's tier share of retail in basis points, or null when its tier has no row. */
  tierPercent: number | null;
  /** The VAT/GST inside the list's retail prices for the retailer's country, basis points (0 or absent: none). */
  retailTaxBp?: number;
  /** Negotiated prices by variant id. */
  overrides: ReadonlyMap<number, number>;
  breaks: readonly VolumeBreak[];
};

export type PricedVariant = { id: number; price: number; wholesalePrice: number };

export type WholesaleQuote = {
  /** Before volume breaks. */
  base: number;
  /** After the volume break for this quantity. */
  unit: number;
  source: "override" | "tier" | "default";
  /** The break applied, if any. */
  appliedBreak: VolumeBreak | null;
};

const BP = 10_000;

/** Percentage (basis points) of an amount, rounded to the nearest minor unit. */
export function percentOf(amount: number, basisPoints: number): number {
  return Math.round((amount * basisPoints) / BP);
}

/** Thrown when a list in another currency has no stored price for a variant (the trigger that prices new variants was bypassed). */
export class UnpricedVariantError extends Error {}

function stored(map: ReadonlyMap<number, number>, variantId: number, what: string, currency: string): number {
  const price = map.get(variantId);
  if (price === undefined) throw new UnpricedVariantError(`Variant ${variantId} has no ${what} price in ${currency}.`);
  return price;
}

/** The variant's retail price (MSRP) in the list's currency. */
export function retailPrice(variant: PricedVariant, list: PriceList): number {
  return list.inCurrency ? stored(list.inCurrency.retail, variant.id, "retail", list.currency) : variant.price;
}

/** The retail price without the VAT/GST it includes (the retailer's takings on it): £120 at 20% → £100. */
export function retailBeforeTax(variant: PricedVariant, list: PriceList): number {
  const retail = retailPrice(variant, list);
  return retail - includedTax(retail, list.retailTaxBp ?? 0);
}

/** The variant's wholesale list price in the list's currency. */
export function listWholesalePrice(variant: PricedVariant, list: PriceList): number {
  return list.inCurrency ? stored(list.inCurrency.wholesale, variant.id, "wholesale", list.currency) : variant.wholesalePrice;
}

/** The unit price before volume breaks, and where it came from. */
export function baseWholesalePrice(variant: PricedVariant, list: PriceList): Pick<WholesaleQuote, "base" | "source"> {
  const override = list.overrides.get(variant.id);
  if (override !== undefined && override > 0) return { base: override, source: "override" };
  if (list.tierPercent !== null && list.tierPercent > 0 && list.tierPercent <= BP)
    return { base: percentOf(retailBeforeTax(variant, list), list.tierPercent), source: "tier" };
  return { base: listWholesalePrice(variant, list), source: "default" };
}

/**
 * A USD wholesale price in another list's currency: × the rate (parts per million, to the minor
 * unit, half up), then to the nearest multiple of `step` minor units, half up, never below one step
 * (the SQL function wholesale_price_of, which prices new variants, is the same formula).
 */
export function wholesalePriceOf(usdMinor: number, ratePpm: number, step: number): number {
  if (!Number.isSafeInteger(usdMinor) || !Number.isSafeInteger(ratePpm) || ratePpm <= 0 || !Number.isInteger(step) || step < 1)
    throw new RangeError("Bad wholesale price input");
  const raw = Math.round((usdMinor * ratePpm) / 1_000_000);
  return Math.max(step, Math.floor((raw * 2 + step) / (2 * step)) * step);
}

/** The volume breaks that apply to this variant, by minimum quantity. */
export function breaksFor(variantId: number, breaks: readonly VolumeBreak[]): VolumeBreak[] {
  return breaks
    .filter((b) => (b.variantId === null || b.variantId === variantId) && b.minQty > 0 && b.percentOff > 0 && b.percentOff < BP)
    .sort((a, b) => a.minQty - b.minQty || b.percentOff - a.percentOff);
}

/** The biggest discount among the breaks `quantity` reaches. */
export function bestBreak(variantId: number, quantity: number, breaks: readonly VolumeBreak[]): VolumeBreak | null {
  let best: VolumeBreak | null = null;
  for (const b of breaksFor(variantId, breaks)) if (quantity >= b.minQty && (!best || b.percentOff > best.percentOff)) best = b;
  return best;
}

/** The retailer's unit price for `quantity` units of a variant on one line. */
export function quoteWholesale(variant: PricedVariant, list: PriceList, quantity = 1): WholesaleQuote {
  const { base, source } = baseWholesalePrice(variant, list);
  const appliedBreak = bestBreak(variant.id, quantity, list.breaks);
  const unit = appliedBreak ? Math.max(1, base - percentOf(base, appliedBreak.percentOff)) : base;
  return { base, unit, source, appliedBreak };
}

/** "From 24 units: $X each" steps for the catalogue, one per distinct threshold (the best at each). */
export function priceSteps(variant: PricedVariant, list: PriceList): Array<{ minQty: number; unit: number; percentOff: number }> {
  const steps: Array<{ minQty: number; unit: number; percentOff: number }> = [];
  for (const b of breaksFor(variant.id, list.breaks)) {
    const quote = quoteWholesale(variant, list, b.minQty);
    const last = steps[steps.length - 1];
    if (quote.appliedBreak && (!last || quote.unit < last.unit)) {
      if (last && last.minQty === b.minQty) steps.pop();
      steps.push({ minQty: b.minQty, unit: quote.unit, percentOff: quote.appliedBreak.percentOff });
    }
  }
  return steps;
}
