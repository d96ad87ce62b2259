import { describe, expect, it } from "vitest";
import { HUB_DAYS, addBusinessDays, deliveryEstimate, formatDayRange, type DeliveryInput } from "./delivery-estimate";

// 2026-11-02 is a Monday.
const base: DeliveryInput = {
  status: "open",
  country: "US",
  shippingMethod: "standard",
  shippedAt: null,
  deliveredAt: null,
  pendingDueDates: [],
  today: "2026-11-02",
};

describe("deliveryEstimate", () => {
  it("counts business days, skipping weekends", () => {
    expect(addBusinessDays("2026-11-06", 1)).toBe("2026-11-09"); // Friday → Monday
    expect(addBusinessDays("2026-11-02", 5)).toBe("2026-11-09");
  });

  it("made to order: the latest due date, the hub's days, then transit for the service and country", () => {
    const est = deliveryEstimate({ ...base, pendingDueDates: ["2026-11-10", "2026-11-16"] });
    // ships 2026-11-18 (due 16th + 2 hub days), US standard 3–5 business days
    expect(HUB_DAYS).toBe(2);
    expect(est).toEqual({ kind: "expected", from: "2026-11-23", to: "2026-11-25", method: "standard", making: true });
    const abroad = deliveryEstimate({ ...base, country: "GB", shippingMethod: "express", pendingDueDates: ["2026-11-16"] });
    expect(abroad).toMatchObject({ from: "2026-11-20", to: "2026-11-24", method: "express" });
  });

  it("from stock: ships the next business day; a late piece never gives a date in the past", () => {
    expect(deliveryEstimate(base)).toMatchObject({ from: "2026-11-06", to: "2026-11-10", making: false });
    const late = deliveryEstimate({ ...base, pendingDueDates: ["2026-10-20"] });
    expect(late).toMatchObject({ from: "2026-11-06", to: "2026-11-10" });
  });

  it("shipped: from the ship day; delivered: the day; cancelled or no address: none", () => {
    expect(deliveryEstimate({ ...base, shippedAt: "2026-11-03T15:00:00.000Z", shippingMethod: "express" })).toEqual({
      kind: "shipped",
      from: "2026-11-04",
      to: "2026-11-05",
      method: "express",
    });
    expect(deliveryEstimate({ ...base, deliveredAt: "2026-11-05T18:00:00.000Z" })).toEqual({ kind: "delivered", on: "2026-11-05" });
    expect(deliveryEstimate({ ...base, status: "cancelled" })).toBeNull();
    expect(deliveryEstimate({ ...base, country: null })).toBeNull();
  });
});

describe("formatDayRange", () => {
  it("names a day or a range, within or across months", () => {
    expect(formatDayRange("2026-11-18", "2026-11-18")).toBe("Wed, Nov 18");
    expect(formatDayRange("2026-11-18", "2026-11-22")).toBe("Nov 18 – 22");
    expect(formatDayRange("2026-11-28", "2026-12-03")).toBe("Nov 28 – Dec 3");
  });

  it("writes a UK or Australian order's days their way", () => {
    expect(formatDayRange("2026-11-18", "2026-11-18", "en-GB")).toBe("Wed 18 Nov");
    expect(formatDayRange("2026-11-18", "2026-11-22", "en-GB").replace(/\s/g, " ")).toBe("18 – 22 Nov");
    expect(formatDayRange("2026-11-28", "2026-12-03", "en-AU").replace(/\s/g, " ")).toMatch(/^28 Nov – 3 Dec$/);
  });
});
