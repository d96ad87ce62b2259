/** The shipping label's return address comes from the hub's location record, not from the code. */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createLocation } from "#db/seed/factories";
import { hubReturnAddress } from "~/domain/hub/index.server";
import { drawShippingLabel } from "~/features/ops/hub/print.server";
import { db, schema } from "~/lib/db.server";
import { createPdf, pdfBuffer } from "~/lib/pdf.server";

describe("the hub's return address", () => {
  it("is none until the hub's record has an address, then its lines and phone, printed on the label", async () => {
    await createLocation(db, { code: "NBO-HUB", name: "Nairobi Hub", kind: "hub" });
    expect(await hubReturnAddress()).toBeNull();

    await db
      .update(schema.locations)
      .set({ address: ["Soko Nairobi Hub", "Mombasa Road 12", "Nairobi 00501", "Kenya"], phone: "+254 20 111 2222" })
      .where(eq(schema.locations.code, "NBO-HUB"));
    const address = await hubReturnAddress();
    expect(address).toEqual(["Soko Nairobi Hub", "Mombasa Road 12", "Nairobi 00501", "Kenya", "+254 20 111 2222"]);

    const pdf = await pdfBuffer(createPdf({ title: "label", compress: false, size: [288, 432], margin: 18 }), (doc) =>
      drawShippingLabel(
        doc,
        {
          number: "SK-1",
          status: "ready",
          channel: "web",
          placedAt: "2026-11-20T10:00:00.000Z",
          shipTo: "A",
          address: ["Imani Njoroge", "77 Mission St"],
          shippingMethod: "Standard",
          express: false,
          statusPath: "/orders/SK-1",
          lines: [],
        },
        address!,
      ),
    );
    const text = [...pdf.toString("latin1").matchAll(/<([0-9a-f]+)>/g)].map((m) => Buffer.from(m[1], "hex").toString("latin1")).join("");
    expect(text).toContain("Mombasa Road 12");
    expect(text).toContain("+254 20 111 2222");
    expect(text).not.toContain("Baba Dogo");
  });
});
