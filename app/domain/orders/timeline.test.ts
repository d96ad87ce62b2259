import { describe, expect, it } from "vitest";
import { buildLineTimeline, type TimelineInput } from "./timeline";

const base: TimelineInput = {
  paidAt: "2026-11-25T10:00:00Z",
  packedAt: null,
  shipped: null,
  deliveredAt: null,
  cancelled: false,
  stock: [],
  requests: [],
};
const states = (steps: { label: string; state: string }[]) => steps.map((s) => `${s.state}:${s.label}`);

describe("order line timeline", () => {
  it("a line from stock is ready at once and waits to be packed", () => {
    const [track] = buildLineTimeline({ ...base, stock: [{ quantity: 2, locationName: "US fulfilment" }] });
    expect(track.kind).toBe("stock");
    expect(states(track.steps)).toEqual([
      "done:Paid",
      "current:Ready from stock (US fulfilment)",
      "upcoming:Packed",
      "upcoming:Shipped",
      "upcoming:Delivered",
    ]);
  });

  it("names the maker who accepted, and follows production to the hub", () => {
    const [track] = buildLineTimeline({
      ...base,
      requests: [
        {
          id: 1,
          quantity: 3,
          status: "received",
          maker: { firstName: "Akinyi", settlement: "Kibera", handle: "akinyi-o" },
          reached: { offered: "a", accepted: "b", in_progress: "c", ready: "d", collected: "e", received: "f" },
        },
      ],
    });
    expect(track.steps.find((s) => s.stage === "accepted")).toMatchObject({
      label: "Accepted by Akinyi, Kibera",
      state: "done",
      at: "b",
      maker: { handle: "akinyi-o" },
    });
    expect(track.steps.find((s) => s.state === "current")?.label).toBe("At our Nairobi hub");
    expect(track.steps.filter((s) => s.state === "upcoming").map((s) => s.stage)).toEqual([
      "quality_checked",
      "packed",
      "shipped",
      "delivered",
    ]);
  });

  it("shows a request still looking for a maker, and a failed QC as being remade", () => {
    const [waiting, remade] = buildLineTimeline({
      ...base,
      requests: [
        { id: 1, quantity: 1, status: "unassigned", maker: null, reached: {} },
        {
          id: 2,
          quantity: 1,
          status: "qc_failed",
          maker: { firstName: "Wanjiru", settlement: "Mathare", handle: null },
          reached: { accepted: "x" },
        },
      ],
    });
    expect(waiting.steps.find((s) => s.state === "current")?.label).toBe("Finding the right maker");
    expect(remade.note).toContain("remade");
    expect(remade.steps.find((s) => s.state === "current")?.stage).toBe("in_production");
  });

  it("after shipping, every track shows the carrier and tracking number", () => {
    const tracks = buildLineTimeline({
      ...base,
      packedAt: "p",
      shipped: { at: "s", carrier: "DHL", trackingNumber: "JD0001" },
      stock: [{ quantity: 1, locationName: "Hub" }],
      requests: [{ id: 3, quantity: 1, status: "qc_passed", maker: null, reached: { qc_passed: "q" } }],
    });
    for (const track of tracks) {
      const current = track.steps.find((s) => s.state === "current")!;
      expect(current).toMatchObject({ stage: "shipped", detail: "DHL JD0001" });
    }
  });

  it("marks cancelled lines", () => {
    const [track] = buildLineTimeline({ ...base, cancelled: true, stock: [{ quantity: 1, locationName: "Hub" }] });
    expect(track.note).toBe("Cancelled");
  });
});
