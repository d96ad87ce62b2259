/**
 * What a shopper is told about when a variant arrives. Stock on hand at any location ships from the
 * fastest one holding it; otherwise an artisan makes the piece after the order.
 */
export type StockSummary = {
  /** Sum of onHand − reserved over every location. */
  available: number;
  /** The smallest shipDays among locations holding some of it; null when none does. */
  shipDays: number | null;
  leadTimeDays: number;
};

export type Availability = {
  inStock: boolean;
  label: string;
  /** schema.org ItemAvailability URL for the Offer. */
  schemaOrg: "https://schema.org/InStock" | "https://schema.org/BackOrder";
};

const days = (n: number) => `${n} ${n === 1 ? "day" : "days"}`;

export function availabilityFor({ available, shipDays, leadTimeDays }: StockSummary): Availability {
  if (available > 0) {
    return {
      inStock: true,
      label: `In stock, ships in ${days(Math.max(shipDays ?? 0, 0))}`,
      schemaOrg: "https://schema.org/InStock",
    };
  }
  return {
    inStock: false,
    label: `Made to order by hand, ships in ${days(Math.max(leadTimeDays, 0))}`,
    schemaOrg: "https://schema.org/BackOrder",
  };
}
