/** Shared by the M-Pesa payout tests: our webhook route behind a real HTTP port, and an owed artisan. */
import { createServer, type Server } from "node:http";
import { createArtisan } from "#db/seed/factories";
import { creditArtisanForQc } from "~/domain/ledger/ledger.server";
import { action } from "~/routes/webhooks.mpesa.$kind";
import { db, schema } from "~/lib/db.server";

/** POST /webhooks/mpesa/:kind on a real port, so the fake Daraja (or a stranger) posts callbacks the way Safaricom does. */
export async function startReceiver(): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  const server = createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: { "content-type": "application/json" },
      body: req.method === "POST" ? raw : undefined,
    });
    const kind = /^\/webhooks\/mpesa\/([^/?]+)/.exec(req.url ?? "")?.[1];
    let response: Response;
    try {
      response = await action({ request, params: { kind }, context: {} });
    } catch (thrown) {
      if (!(thrown instanceof Response)) throw thrown;
      response = thrown;
    }
    res.writeHead(response.status, { "Content-Type": "application/json" });
    res.end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let seq = 0;

/** What the hub's QC pass leaves behind: one inspected request of `amount` (KES minor units) credited to the artisan. */
export async function creditArtisan(artisanId: number, variantId: number, amount: number) {
  seq += 1;
  const [request] = await db
    .insert(schema.productionRequests)
    .values({
      number: `PR-M${process.pid}-${seq}`,
      variantId,
      quantity: 1,
      artisanId,
      pieceRate: amount,
      dueDate: "2026-12-01",
      status: "qc_passed",
    })
    .returning();
  const [inspection] = await db
    .insert(schema.qcInspections)
    .values({ requestId: request.id, unitsPassed: 1, outcome: "passed", inspector: "test" })
    .returning();
  await db.transaction((tx) =>
    creditArtisanForQc(tx, { requestId: request.id, inspectionId: inspection.id, artisanId, units: 1, pieceRate: amount, currency: "KES" }),
  );
}

/** A new artisan owed `amount` (KES minor units), paid to `payoutPhone` (her sign-in phone by default). */
export async function owedArtisan(variantId: number, name: string, phone: string, amount: number, payoutPhone?: string) {
  const artisan = (await createArtisan(db, { firstName: name, phone, ...(payoutPhone ? { payoutPhone } : {}) })).artisan.id;
  await creditArtisan(artisan, variantId, amount);
  return artisan;
}
