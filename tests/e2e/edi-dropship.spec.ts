import { expect, test, type Page } from "@playwright/test";
import { sampleDropShip850 } from "../../app/domain/edi/samples";
import { e2eSql, hydrated, signInAsOpsAdmin } from "./support";

/**
 * The demo TV retailer's drop-ship PO walked through the ops side at 1280 px: an ops user receives
 * the 850 in the EDI document log, the hub finds the order (to the viewer, in Brightline's name),
 * splits it into two cartons, prints their GS1-128 labels and the retailer-branded packing slip,
 * packs and ships it; the 856 and the 810 then appear in the log of documents sent.
 */
test.use({ viewport: { width: 1280, height: 900 } });
test.setTimeout(90_000);

const ymd = (d: Date) => d.toISOString().slice(0, 10).replaceAll("-", "");

/** The packing list page an order is on (oldest first, 20 a page): the last one, for an order just placed. */
async function openLastPage(page: Page, show: "pack" | "ship") {
  const base = show === "pack" ? "/ops/hub/packing" : "/ops/hub/packing?show=ship";
  await page.goto(base);
  const total = Number(/(\d+) in all/.exec((await page.locator("p.muted", { hasText: "in all" }).first().textContent()) ?? "")?.[1] ?? 1);
  const last = Math.max(1, Math.ceil(total / 20));
  if (last > 1) await page.goto(`${base}${show === "pack" ? "?" : "&"}page=${last}`);
}

test("a drop-ship 850 is received, packed into labelled cartons, shipped, and its 856 and 810 are in the log", async ({
  page,
}, testInfo) => {
  const sql = e2eSql();
  try {
    const refs = await sql<{ value: string }[]>`
      select r.value from edi_item_refs r join edi_partners p on p.id = r.partner_id
      where p.their_id = 'BRIGHTLINETV' and r.qualifier = 'IN' order by r.id limit 2`;
    expect(refs).toHaveLength(2);
    const control = 60000 + Math.floor(Math.random() * 9000);
    const po = `BTV-E2E-${control}`;
    const raw = sampleDropShip850({
      from: { qualifier: "ZZ", id: "BRIGHTLINETV", gsId: "BRIGHTLINETV" },
      to: { qualifier: "ZZ", id: "SOKOEDI", gsId: "SOKOEDI" },
      control,
      poNumber: po,
      poDate: ymd(new Date()),
      lines: [
        { qty: 1, ids: [["IN", refs[0].value]] },
        { qty: 1, ids: [["IN", refs[1].value]] },
      ],
    });

    await page.goto("/ops/edi/log");
    await signInAsOpsAdmin(page);
    await expect(page).toHaveURL(/\/ops\/edi\/log/);
    await hydrated(page);
    await page
      .getByLabel(/Upload an interchange/)
      .setInputFiles({ name: `${po}.x12`, mimeType: "application/edi-x12", buffer: Buffer.from(raw) });
    await page.getByRole("button", { name: "Receive" }).click();
    await expect(page.getByRole("status")).toContainText(`850 ${po} ordered`);
    const [order] = await sql<{ number: string }[]>`
      select o.number from wholesale_orders w join orders o on o.id = w.order_id where w.po_number = ${po}`;

    await openLastPage(page, "pack");
    const cartons = page.getByRole("form", { name: `Cartons for ${order.number}` });
    await expect(page.getByRole("region", { name: `Cartons for ${order.number}` })).toContainText("Drop-ship");
    const fields = cartons.getByRole("textbox");
    await fields.nth(0).fill("1");
    await fields.nth(1).fill("0, 1");
    await cartons.getByRole("button", { name: "Save cartons" }).click();
    await expect(page.getByRole("status")).toContainText(`${order.number} is in 2 cartons.`);

    await openLastPage(page, "pack");
    const region = page.getByRole("region", { name: `Cartons for ${order.number}` });
    await expect(region.getByText(/^Carton \d:/)).toHaveCount(2);
    await region.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath("edi-dropship-packing-1280.png"), fullPage: false });
    const labelsLink = region.getByRole("link", { name: /Carton labels/ });
    const labels = await page.request.get((await labelsLink.getAttribute("href"))!);
    expect(labels.status()).toBe(200);
    expect(labels.headers()["content-type"]).toBe("application/pdf");
    expect((await labels.body()).subarray(0, 5).toString()).toBe("%PDF-");
    const slip = await page.request.get(`/ops/hub/slip/${order.number}.pdf`);
    expect(slip.status()).toBe(200);

    await page.getByRole("button", { name: `Pack ${order.number}` }).click();
    await expect(page.getByRole("status")).toHaveText(`Order ${order.number} is packed.`);
    await openLastPage(page, "ship");
    const shipForm = page.getByRole("form", { name: `Ship ${order.number}` });
    await shipForm.getByLabel("Carrier").selectOption("USPS");
    await shipForm.getByLabel("Tracking number").fill(`9400111899560${control}00`);
    await shipForm.getByRole("button", { name: `Ship ${order.number}` }).click();
    await expect(page.getByRole("status")).toContainText(`Order ${order.number} shipped with USPS`);

    // The worker writes the 856 and the 810 once the shipment commits.
    await expect(async () => {
      await page.goto("/ops/edi/log?dir=out");
      const table = page.getByRole("region", { name: "Documents sent" });
      await expect(table.getByRole("row", { name: new RegExp(`856.*PO ${po}`) })).toBeVisible({ timeout: 1000 });
      await expect(table.getByRole("row", { name: new RegExp(`810.*PO ${po}`) })).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await page.screenshot({ path: testInfo.outputPath("edi-dropship-log-1280.png"), fullPage: false });
  } finally {
    await sql.end();
  }
});
