import { expect, test, type Page } from "@playwright/test";
import { sample850 } from "../../app/domain/edi/samples";
import { e2eSql, hydrated } from "./support";

/**
 * An ops user at 1280 px receives a department store's 850 whose item number nobody mapped: it is
 * acknowledged but held under Errors with nothing ordered; they import the missing row of the
 * partner's cross-reference and re-process the PO, which becomes a wholesale order with its 855.
 */
test.use({ viewport: { width: 1280, height: 900 } });
// A long walk (upload, errors, partner page, import, re-process): more than the default 30 s on a busy machine.
test.setTimeout(60_000);

async function signIn(page: Page) {
  await page.goto("/ops/edi");
  await page.getByLabel("Email").fill("ops@soko.test");
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/ops\/edi$/);
}

const ymd = (d: Date) => d.toISOString().slice(0, 10).replaceAll("-", "");

test("an ops user fixes a cross-reference and re-processes a held PO", async ({ page }, testInfo) => {
  const sql = e2eSql();
  try {
    const [sku] = await sql<{ sku: string }[]>`
      select v.sku from variants v join products p on p.id = v.product_id where p.status = 'active' order by v.id limit 1`;
    const control = 70000 + Math.floor(Math.random() * 20000);
    const po = `E2E-${control}`;
    const now = new Date();
    const raw = sample850({
      from: { qualifier: "ZZ", id: "HOLLISVANE", gsId: "HOLLISVANE" },
      to: { qualifier: "ZZ", id: "SOKOEDI", gsId: "SOKOEDI" },
      control,
      poNumber: po,
      poDate: ymd(now),
      shipNotBefore: ymd(new Date(now.getTime() + 7 * 86_400_000)),
      shipTo: { code: "0588" },
      lines: [{ qty: 24, ids: [["IN", `NEW-${control}`]] }],
    });

    await signIn(page);
    await hydrated(page);
    await expect(page.getByRole("link", { name: "Hollis & Vane" })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("edi-partners-1280.png"), fullPage: true });

    await page.getByRole("link", { name: "Document log" }).click();
    await page
      .getByLabel(/Upload an interchange/)
      .setInputFiles({ name: `${po}.x12`, mimeType: "application/edi-x12", buffer: Buffer.from(raw) });
    await page.getByRole("button", { name: "Receive" }).click();
    await expect(page.getByRole("status")).toContainText(`850 ${po} held`);
    await expect(page.getByText(`Line 1: no item of ours for IN NEW-${control}`)).toBeVisible();
    await expect(page.getByRole("region", { name: "Readable X12" })).toContainText("BEG03 PO number");
    await page.screenshot({ path: testInfo.outputPath("edi-interchange-1280.png"), fullPage: true });

    await page.getByRole("link", { name: "Errors", exact: true }).click();
    const card = page.locator("li.card", { hasText: `PO ${po}` });
    await expect(card).toContainText("needs fixing");
    await card.getByRole("link", { name: "partner profile and cross-reference" }).click();

    await page.getByLabel(/CSV: qualifier,value,sku/).setInputFiles({
      name: "xref.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`qualifier,value,sku\nIN,NEW-${control},${sku.sku}\n`),
    });
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByRole("status")).toContainText("1 cross-reference row imported.");
    await page.screenshot({ path: testInfo.outputPath("edi-partner-1280.png"), fullPage: true });

    await page.getByRole("navigation", { name: "EDI" }).getByRole("link", { name: "Errors" }).click();
    await page
      .locator("li.card", { hasText: `PO ${po}` })
      .getByRole("button", { name: `Re-process PO ${po}` })
      .click();
    await expect(page.getByRole("status")).toContainText(new RegExp(`PO ${po} is order SK-\\d+; its 855 is on its way`));
    await expect(page.locator("li.card", { hasText: `PO ${po}` })).toHaveCount(0);

    const [order] = await sql<{ number: string; channel: string }[]>`
      select o.number, o.channel from wholesale_orders w join orders o on o.id = w.order_id where w.po_number = ${po}`;
    expect(order.channel).toBe("wholesale");
    const docs = await sql<
      { type: string }[]
    >`select d.type from edi_documents d join orders o on o.id = d.order_id where o.number = ${order.number}`;
    expect(docs.map((d) => d.type)).toEqual(["855"]);
  } finally {
    await sql.end();
  }
});
