import { describe, expect, it } from "vitest";
import { availabilityFor } from "./availability";

describe("availabilityFor", () => {
  it("says in stock with the fastest location's ship time", () => {
    expect(availabilityFor({ available: 3, shipDays: 2, leadTimeDays: 14 })).toEqual({
      inStock: true,
      label: "In stock, ships in 2 days",
      schemaOrg: "https://schema.org/InStock",
    });
  });

  it("uses the singular for one day", () => {
    expect(availabilityFor({ available: 1, shipDays: 1, leadTimeDays: 14 }).label).toBe("In stock, ships in 1 day");
  });

  it("falls back to made to order with the variant's lead time when nothing is free", () => {
    expect(availabilityFor({ available: 0, shipDays: null, leadTimeDays: 21 })).toEqual({
      inStock: false,
      label: "Made to order by hand, ships in 21 days",
      schemaOrg: "https://schema.org/BackOrder",
    });
  });

  it("treats negative availability (over-reserved data) as made to order", () => {
    expect(availabilityFor({ available: -2, shipDays: 3, leadTimeDays: 10 }).inStock).toBe(false);
  });
});
