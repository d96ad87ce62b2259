/**
 * A buyer is asked before something that can't be brought back — a saved draft deleted, the order in
 * progress discarded, a ship-to location removed — with JavaScript off: the first button opens the
 * question, only its "Yes, …" does it. Screenshots of the open question at 390, 820 and 1280 px.
 */
import { expect, test, type Page } from "@playwright/test";
import { e2eSql } from "./support";

test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

async function addToOrder(page: Page, sku: string, quantity: number) {
  await page.goto("/wholesale/quick-order");
  await page.getByLabel("CSV file").setInputFiles({
    name: "order.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`SKU,Quantity\r\n${sku},${quantity}\r\n`),
  });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByRole("status")).toContainText("Added 1 item");
}

async function shootAtEachWidth(page: Page, name: string) {
  for (const width of [390, 820, 1280]) {
    await page.setViewportSize({ width, height: width < 500 ? 844 : width < 1000 ? 1180 : 900 });
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 390, height: 844 });
}

test("deleting a saved draft, discarding the order and removing a ship-to location each ask first", async ({ page }) => {
  // Three flows and nine full-page screenshots: more than the default 30 s on a loaded machine.
  test.setTimeout(90_000);
  const sql = e2eSql();
  const [piece] = await sql<Array<{ sku: string; min_qty: number; case_pack: number }>>`
    select v.sku, v.min_qty, v.case_pack from variants v join products p on p.id = v.product_id
    where p.status = 'active' order by v.id limit 1`;
  const quantity = Math.max(piece.min_qty, piece.case_pack, 1);
  const stamp = Date.now();
  const draftName = `Autumn windows ${stamp}`;
  try {
    await page.goto("/wholesale/login");
    await page.getByLabel("Email").fill("buyer.uk@retailer.test");
    await page.getByLabel("Password").fill("soko-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).not.toHaveURL(/login/);

    // A saved draft: "Delete" only asks.
    await addToOrder(page, piece.sku, quantity);
    await page.getByLabel("Draft name").fill(draftName);
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("status")).toContainText(`Saved “${draftName}”`);
    const drafts = page.getByRole("region", { name: "Saved drafts" });
    await drafts.getByLabel(`Delete ${draftName}`).click();
    const yes = drafts.getByRole("button", { name: "Yes, delete it" });
    await expect(yes).toBeVisible();
    await expect(drafts).toContainText(`Delete “${draftName}”? It can't be brought back.`);
    const [{ n: kept }] = await sql<Array<{ n: number }>>`select count(*)::int as n from wholesale_drafts where name = ${draftName}`;
    expect(kept).toBe(1);
    await shootAtEachWidth(page, "delete-draft");
    await yes.click();
    await expect(page.getByRole("status")).toContainText(`Deleted “${draftName}”.`);
    await expect(page.getByRole("cell", { name: draftName })).toHaveCount(0);

    // The order in progress: "Discard this order" only asks.
    await addToOrder(page, piece.sku, quantity);
    await page.getByLabel("Discard this order").click();
    await expect(page.getByRole("region", { name: /Review/ })).toContainText("Discard this order and every line in it?");
    await expect(page.getByRole("region", { name: "Order lines" })).toContainText(piece.sku);
    await shootAtEachWidth(page, "discard-order");
    await page.getByRole("button", { name: "Yes, discard it" }).click();
    await expect(page.getByRole("status")).toContainText("Order discarded.");

    // A ship-to location: "Remove" only asks.
    const place = `Pop-up ${stamp}`;
    await page.goto("/wholesale/account");
    await page.getByLabel("Location name").fill(place);
    await page.getByLabel("Street address").fill("12 Carnaby Street");
    await page.getByLabel("City").fill("London");
    await page.getByLabel("ZIP or postal code").fill("W1F 9PS");
    await page.getByLabel("Country code").fill("GB");
    await page.getByRole("button", { name: "Add location" }).click();
    await expect(page.getByRole("status")).toContainText(place);
    await page.getByLabel(`Remove ${place}`).click();
    await expect(page.getByRole("region", { name: "Ship-to locations" })).toContainText(`Remove ${place} from your ship-to locations?`);
    await shootAtEachWidth(page, "remove-location");
    const [{ n: still }] = await sql<Array<{ n: number }>>`select count(*)::int as n from retailer_locations where name = ${place}`;
    expect(still).toBe(1);
    await page.getByRole("button", { name: "Yes, remove it" }).click();
    await expect(page.getByRole("status")).toContainText(`Removed ${place}.`);
    await expect(page.getByRole("region", { name: "Ship-to locations" })).not.toContainText(place);

    // The store its orders ship to offers no Remove the server would refuse: it says why it stays.
    const stays = page
      .getByRole("region", { name: "Ship-to locations" })
      .getByRole("listitem")
      .filter({ hasText: "Your orders ship here" });
    await expect(stays.first()).toContainText("so it stays on your account for their records");
    await expect(stays.first().getByText("Remove", { exact: true })).toHaveCount(0);
    // The default's badge sits apart from its name: a space between them, read and drawn.
    const byDefault = page
      .getByRole("region", { name: "Ship-to locations" })
      .getByRole("listitem")
      .filter({ has: page.getByText("Default", { exact: true }) });
    expect(await byDefault.locator("strong").evaluate((name) => name.nextSibling?.textContent)).toBe(" ");
    await shootAtEachWidth(page, "locations-kept");
  } finally {
    await sql.end();
  }
});
