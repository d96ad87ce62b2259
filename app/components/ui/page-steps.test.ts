import { describe, expect, it } from "vitest";
import { pageHref, pageSteps } from "./page-steps";

describe("pageSteps", () => {
  it("links nothing on the only page", () => {
    expect(pageSteps(1, 1)).toBeNull();
  });

  it("steps both ways inside the list and names the page it is on", () => {
    expect(pageSteps(1, 3)).toEqual({ prev: null, next: 2, current: 1 });
    expect(pageSteps(2, 3)).toEqual({ prev: 1, next: 3, current: 2 });
    expect(pageSteps(3, 3)).toEqual({ prev: 2, next: null, current: 3 });
  });

  it("past the last page leads back to the last page and names no position (never '50 of 1')", () => {
    expect(pageSteps(50, 1)).toEqual({ prev: 1, next: null, current: null });
    expect(pageSteps(50, 3)).toEqual({ prev: 3, next: null, current: null });
    expect(pageSteps(4, 3)).toEqual({ prev: 3, next: null, current: null });
  });
});

describe("pageHref", () => {
  it("keeps the other parameters and leaves page 1 out", () => {
    expect(pageHref("/ops/payouts", "?runsPage=4&threshold=500", "payoutsPage", 2)).toBe(
      "/ops/payouts?runsPage=4&threshold=500&payoutsPage=2",
    );
    expect(pageHref("/ops/payouts", "?payoutsPage=50&runsPage=4", "payoutsPage", 1)).toBe("/ops/payouts?runsPage=4");
    expect(pageHref("/artisan/earnings", "?page=3", "page", 1)).toBe("/artisan/earnings");
    expect(pageHref("/ops/orders", "", "page", 2, "list")).toBe("/ops/orders?page=2#list");
  });
});
