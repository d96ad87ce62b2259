import { describe, expect, it } from "vitest";
import { HUB_DAYS, lineMakers, lineProgress, lineShipDate, orderProgress, orderShipDate } from "./tracking";

const request = (
  status: string,
  quantity: number,
  unitsMade = 0,
  maker: { artisanId: number; firstName: string; handle: string | null } | null = null,
) => ({ status, quantity, unitsMade, maker });

describe("lineProgress", () => {
  it("counts stock units as made and checked at once", () => {
    expect(lineProgress({ quantity: 24, stockUnits: 24, requests: [], orderStatus: "open" })).toEqual({
      ordered: 24,
      fromStock: 24,
      made: 24,
      qcPassed: 24,
      packed: 0,
      shipped: 0,
    });
  });

  it("adds units made so far on requests in progress, and all units of finished ones", () => {
    const progress = lineProgress({
      quantity: 96,
      stockUnits: 12,
      requests: [request("in_progress", 36, 10), request("ready", 24, 0), request("offered", 24)],
      orderStatus: "in_production",
    });
    expect(progress).toMatchObject({ ordered: 96, made: 12 + 10 + 24, qcPassed: 12, packed: 0, shipped: 0 });
  });

  it("counts QC-passed requests, leaves out failed pieces being remade and requests that moved on", () => {
    const progress = lineProgress({
      quantity: 50,
      stockUnits: 0,
      requests: [request("qc_passed", 30, 30), request("qc_failed", 10, 10), request("declined", 10), request("in_progress", 10, 4)],
      orderStatus: "in_production",
    });
    expect(progress).toMatchObject({ made: 34, qcPassed: 30 });
  });

  it("never counts more than ordered, nor more checked than made", () => {
    const progress = lineProgress({ quantity: 10, stockUnits: 8, requests: [request("qc_passed", 10, 10)], orderStatus: "in_production" });
    expect(progress.made).toBe(10);
    expect(progress.qcPassed).toBe(10);
  });

  it("packs and ships the whole line with the order", () => {
    const base = { quantity: 6, stockUnits: 6, requests: [] };
    expect(lineProgress({ ...base, orderStatus: "packed" })).toMatchObject({ packed: 6, shipped: 0 });
    expect(lineProgress({ ...base, orderStatus: "shipped" })).toMatchObject({ packed: 6, shipped: 6 });
    expect(lineProgress({ ...base, orderStatus: "delivered" })).toMatchObject({ packed: 6, shipped: 6 });
  });

  it("sums lines for the order", () => {
    const a = lineProgress({ quantity: 6, stockUnits: 6, requests: [], orderStatus: "open" });
    const b = lineProgress({ quantity: 4, stockUnits: 0, requests: [request("in_progress", 4, 1)], orderStatus: "open" });
    expect(orderProgress([a, b])).toEqual({ ordered: 10, fromStock: 6, made: 7, qcPassed: 6, packed: 0, shipped: 0 });
  });
});

describe("lineMakers", () => {
  it("names each maker once, from acceptance on, with a handle only when they consented", () => {
    const wanjiru = { artisanId: 1, firstName: "Wanjiru", handle: "wanjiru-kamau" };
    const otieno = { artisanId: 2, firstName: "Otieno", handle: null };
    const offered = { artisanId: 3, firstName: "Akinyi", handle: "akinyi" };
    expect(
      lineMakers([
        request("in_progress", 5, 0, wanjiru),
        request("qc_passed", 5, 5, wanjiru),
        request("ready", 5, 5, otieno),
        request("offered", 5, 0, offered),
      ]),
    ).toEqual([
      { firstName: "Wanjiru", handle: "wanjiru-kamau" },
      { firstName: "Otieno", handle: null },
    ]);
  });
});

describe("lineShipDate", () => {
  const base = { quantity: 24, stockUnits: 0, orderStatus: "in_production", shippedOn: null, windowStart: null, today: "2026-03-02" };
  const req = (status: string, quantity: number, dueDate: string) => ({ status, quantity, dueDate });

  it("is the latest standing request's due date plus the hub's days", () => {
    expect(HUB_DAYS).toBe(2);
    expect(lineShipDate({ ...base, requests: [req("in_progress", 12, "2026-03-10"), req("offered", 12, "2026-03-20")] })).toEqual({
      kind: "planned",
      date: "2026-03-22",
      late: false,
    });
  });

  it("ignores requests whose work went elsewhere, and counts a failed batch being redone", () => {
    const requests = [req("declined", 12, "2026-04-30"), req("in_progress", 12, "2026-03-10"), req("qc_failed", 12, "2026-03-12")];
    expect(lineShipDate({ ...base, requests })).toMatchObject({ kind: "planned", date: "2026-03-14" });
  });

  it("never ships before the buyer's requested window opens, and says late once the date has passed", () => {
    expect(lineShipDate({ ...base, windowStart: "2026-04-01", requests: [req("accepted", 24, "2026-03-10")] })).toMatchObject({
      date: "2026-04-01",
    });
    expect(lineShipDate({ ...base, today: "2026-03-20", requests: [req("accepted", 24, "2026-03-10")] })).toEqual({
      kind: "planned",
      date: "2026-03-12",
      late: true,
    });
  });

  it("is ready from stock (or checked at the hub), unplanned without a request, and the shipment's day once shipped", () => {
    expect(lineShipDate({ ...base, stockUnits: 24, requests: [] })).toEqual({ kind: "in_stock" });
    expect(lineShipDate({ ...base, stockUnits: 12, requests: [req("qc_passed", 12, "2026-03-10")] })).toEqual({ kind: "in_stock" });
    expect(lineShipDate({ ...base, stockUnits: 12, requests: [req("cancelled", 12, "2026-03-10")] })).toEqual({ kind: "unplanned" });
    expect(
      lineShipDate({ ...base, orderStatus: "shipped", shippedOn: "2026-03-15", requests: [req("qc_passed", 24, "2026-03-10")] }),
    ).toEqual({ kind: "shipped", date: "2026-03-15" });
  });

  it("gives the order the latest of its lines' dates", () => {
    expect(
      orderShipDate([
        { kind: "in_stock" },
        { kind: "planned", date: "2026-03-22", late: false },
        { kind: "planned", date: "2026-03-12", late: true },
      ]),
    ).toBe("2026-03-22");
    expect(orderShipDate([{ kind: "in_stock" }])).toBeNull();
    expect(orderShipDate([{ kind: "planned", date: "2026-03-22", late: false }, { kind: "unplanned" }])).toBeNull();
  });
});
