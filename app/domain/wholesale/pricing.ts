/**
 * Wholesale prices, pure. A retailer's unit price for a variant is, in order of precedence:
 * 1. the retailer's negotiated price for that variant (retailer_prices),
 * 2. its tier's share of retail (price_tiers.percent_of_retail, basis points),
 * 3. the variant's own wholesale price (50% of retail by default).
 * Then the best volume break the line's quantity reaches (a variant's own or a catalogue-wide one)
 * takes its percentage off. Amounts are integer minor units, rounded to the nearest unit.
 */

export type VolumeBreak = {
  /** Null: applies to every variant. */
  variantId: number | null;
  minQty: number;
  /** Basis points off the base wholesale price (500 = 5%). */
  percentOff: number;
};

export type PriceList = {
  /** The retailer's tier share of retail in basis points, or null when its tier has no row. */
  tierPercent: number | null;
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

/** The unit price before volume breaks, and where it came from. */
export function baseWholesalePrice(variant: PricedVariant, list: PriceList): Pick<WholesaleQuote, "base" | "source"> {
  const override = list.overrides.get(variant.id);
  if (override !== undefined && override > 0) return { base: override, source: "override" };
  if (list.tierPercent !== null && list.tierPercent > 0 && list.tierPercent <= BP)
    return { base: percentOf(variant.price, list.tierPercent), source: "tier" };
  return { base: variant.wholesalePrice, source: "default" };
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
