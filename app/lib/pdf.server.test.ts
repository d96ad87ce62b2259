import { describe, expect, it } from "vitest";
import { createPdf, pdfStream } from "./pdf.server";

describe("pdfStream", () => {
  it("lets the reader go away mid-document: what pdfkit writes after that is dropped, nothing is thrown", async () => {
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", record);
    try {
      let drawn!: () => void;
      const finished = new Promise<void>((resolve) => (drawn = resolve));
      const stream = pdfStream(createPdf({ title: "Long line sheet" }), async (doc) => {
        for (let page = 0; page < 20; page++) {
          doc.addPage().text(`Page ${page} `.repeat(200));
          // Yield, as the real documents do, so the reader can leave in between.
          await new Promise((resolve) => setImmediate(resolve));
        }
        drawn();
      });
      const reader = stream.getReader();
      expect((await reader.read()).done).toBe(false);
      await reader.cancel();
      const outcome = await Promise.race([
        finished.then(() => "drawn to the end"),
        new Promise((resolve) => setTimeout(resolve, 5000, "stopped")),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(uncaught).toEqual([]);
      expect(outcome).toBe("drawn to the end");
    } finally {
      process.off("uncaughtException", record);
    }
  });
});
