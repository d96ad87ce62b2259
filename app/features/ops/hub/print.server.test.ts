import { describe, expect, it } from "vitest";
import type { PackingOrder } from "~/domain/hub/index.server";
import { BRAND_ADDRESSES } from "~/lib/brand";
import { createPdf, pdfBuffer } from "~/lib/pdf.server";
import { drawPackingSlip, drawShippingLabel } from "./print.server";

const order: PackingOrder = {
  number: "SK-100234",
  status: "ready",
  channel: "web",
  placedAt: "2026-11-20T10:00:00.000Z",
  shipTo: "Imani Njoroge, San Francisco, US",
  address: ["Imani Njoroge", "77 Mission St", "San Francisco, CA, 94105", "US"],
  shippingMethod: "Express",
  express: true,
  statusPath: "/orders/SK-100234?t=x",
  lines: [
    { title: "Horn Studs — Natural", sku: "HS-NAT", quantity: 2, sources: ["2 made (PR-1)"], makers: ["Akinyi Wanjiru"] },
    { title: "Brass Cuff", sku: "BC-1", quantity: 1, sources: ["1 from Nairobi Hub"], makers: [] },
  ],
};

const HUB = ["Hub Test Depot", "Enterprise Road 9", "Nairobi 00500", "Kenya", "+254 700 000 111"];

/** The text pdfkit wrote, from an uncompressed document (hex-encoded glyph runs decoded). */
async function textOf(draw: (doc: ReturnType<typeof createPdf>) => void, size?: [number, number]) {
  const raw = (await pdfBuffer(createPdf({ title: "t", compress: false, size }), draw)).toString("latin1");
  return [...raw.matchAll(/<([0-9a-f]+)>/g)].map((m) => Buffer.from(m[1], "hex").toString("latin1")).join("");
}

describe("the hub's packing slip and shipping label", () => {
  it("prints what is in the box, who made it, and how it ships", async () => {
    const text = await textOf((doc) => drawPackingSlip(doc, order));
    expect(text).toContain("SK-100234");
    expect(text).toContain("Express");
    expect(text).toContain("Akinyi Wanjiru");
    expect(text).toContain("From stock");
    expect(text).toContain("77 Mission St");
  });

  it("heads the slip with the shop's retail address, not the wholesale one", async () => {
    const text = await textOf((doc) => drawPackingSlip(doc, order));
    for (const line of BRAND_ADDRESSES.retail) expect(text).toContain(line);
    expect(text).not.toContain("wholesale@soko.test");
    expect(text).not.toContain(BRAND_ADDRESSES.wholesale[0]);
  });

  it("prints a label with the address, the order number and the method in capitals", async () => {
    const text = await textOf((doc) => drawShippingLabel(doc, order, HUB), [288, 432]);
    expect(text).toContain("EXPRESS");
    expect(text).toContain("SK-100234");
    expect(text).toContain("San Francisco, CA, 94105");
    // The return address is the one it is given (the hub's location record), every line of it.
    for (const line of HUB) expect(text).toContain(line);
    const standard = await textOf((doc) => drawShippingLabel(doc, { ...order, shippingMethod: null, express: false }, HUB), [288, 432]);
    expect(standard).toContain("STANDARD");
  });
});
