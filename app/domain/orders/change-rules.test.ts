import { describe, expect, it } from "vitest";
import { planReduction, type OpenProduction, type OpenStock } from "./change-rules";

const stock = (allocationId: number, quantity: number): OpenStock => ({ allocationId, locationId: allocationId * 10, quantity });
const made = (requestId: number, status: OpenProduction["status"], quantity: number): OpenProduction => ({
  allocationId: requestId + 100,
  requestId,
  number: `PR-${requestId}`,
  status,
  quantity,
});

describe("planReduction", () => {
  it("takes back production no artisan accepted first, newest first, then stock slowest-shipping first", () => {
    const plan = planReduction(
      { quantity: 12, stock: [stock(1, 3), stock(2, 2)], production: [made(7, "unassigned", 4), made(8, "offered", 3)] },
      9,
    );
    expect(plan).toEqual({
      ok: true,
      cancel: [made(8, "offered", 3), made(7, "unassigned", 4)],
      shrink: null,
      release: [{ ...stock(2, 2), release: 2 }],
    });
  });

  it("shrinks a request it only needs part of", () => {
    const plan = planReduction({ quantity: 10, stock: [stock(1, 5)], production: [made(7, "unassigned", 5)] }, 2);
    expect(plan).toEqual({ ok: true, cancel: [], shrink: { ...made(7, "unassigned", 5), to: 3 }, release: [] });
  });

  it("never touches work an artisan accepted or made, nor cancelled requests", () => {
    const line = {
      quantity: 10,
      stock: [stock(1, 2)],
      production: [made(7, "accepted", 3), made(8, "qc_passed", 2), made(9, "declined", 3), made(6, "cancelled", 4)],
    };
    const ok = planReduction(line, 5);
    expect(ok).toMatchObject({ ok: true, cancel: [made(9, "declined", 3)], release: [{ allocationId: 1, release: 2 }] });
    expect(planReduction(line, 6)).toEqual({
      ok: false,
      committed: 5,
      message: "5 pieces already accepted by an artisan or made: the line can't go below 5.",
    });
  });
});
