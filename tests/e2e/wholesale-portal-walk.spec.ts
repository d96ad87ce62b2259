/**
 * What a buyer met walking the wholesale portal (issue 15), at the sizes buyers use: a desktop at
 * 1280 px and an iPad in portrait at 820 px.
 */
import { expect, test, type Page } from "@playwright/test";
import { e2eSql } from "./support";

async function signIn(page: Page) {
  await page.goto("/wholesale/login");
  await page.getByLabel("Email").fill("buyer@retailer.test");
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/wholesale\/catalog/);
}

test("the line sheet shows each product's picture, not a letter square", async ({ page }) => {
  await signIn(page);
  const response = await page.request.get("/wholesale/line-sheet.pdf");
  expect(response.status()).toBe(200);
  const pdf = (await response.body()).toString("latin1");
  const sql = e2eSql();
  const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from products where status = 'active'`.finally(() => sql.end());
  // One JPEG per product, drawn from its art.
  const images = [...pdf.matchAll(/<<([^>]*\/Subtype \/Image[^>]*)>>/g)].map((m) => m[1]);
  expect(images).toHaveLength(n);
  for (const image of images) expect(image).toContain("/DCTDecode");
});
