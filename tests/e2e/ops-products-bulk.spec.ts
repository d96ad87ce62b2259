/**
 * Bulk edit on /ops/products as operations uses it: on the desktop (1280 px, JavaScript on) every
 * product matching a filter gets a price rise, reviewed first and undone after; on a tablet
 * (820 px) with JavaScript off, ticked products are hidden from the shop and brought back.
 */
import { expect, test, type Page } from "@playwright/test";
import { e2eSql } from "./support";

async function signIn(page: Page, next: string) {
  await page.goto(`/ops/login?redirectTo=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill("ops@soko.test");
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/ops/login"));
}

/** `count` published products titled "<word> Cuff 01…", each with one $48.00 variant (wholesale $24.00). */
async function arrangeProducts(word: string, count: number): Promise<{ handle: string; title: string }[]> {
  const sql = e2eSql();
  try {
    const slug = word.toLowerCase();
    return await sql.begin(async (tx) => {
      const rows = await tx<{ id: number; handle: string; title: string }[]>`
        insert into products (handle, title, category, status, published_at, story)
        select ${slug} || '-cuff-' || lpad(n::text, 2, '0'), ${word} || ' Cuff ' || lpad(n::text, 2, '0'), 'bracelets', 'active',
               now() - make_interval(mins => n), 'Hammered brass.'
        from generate_series(1, ${count}) n
        returning id, handle, title`;
      await tx`
        insert into variants (product_id, sku, barcode, title, price, wholesale_price, piece_rate)
        select id, upper(handle), 'bulk-' || handle, 'Brass', 4800, 2400, 60000 from products where id = any(${rows.map((r) => r.id)}::int[])`;
      return rows.map(({ handle, title }) => ({ handle, title }));
    });
  } finally {
    await sql.end();
  }
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

test.describe("bulk edit of products", () => {
  test("desktop: every product matching a filter gets +10% in whole dollars, reviewed, then undone", async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 1280, height: 900 });
    const word = `Zuri${Date.now().toString(36)}`;
    const products = await arrangeProducts(word, 30); // the list shows the newest first: 30 down to 06 on page 1
    await signIn(page, `/ops/products?q=${word}`);
    await expect(page.getByRole("heading", { name: "Products", level: 1 })).toBeVisible();
    await expect(page.getByText("30 products", { exact: true })).toBeVisible();

    await page.getByRole("checkbox", { name: "Select all on this page" }).check();
    await expect(page.getByRole("checkbox", { name: `Select ${products[29].title}` })).toBeChecked();
    await expect(page.getByText("All 25 products on this page are ticked.")).toBeVisible();
    await page.getByRole("button", { name: "Select all 30 products matching this filter" }).click();
    await expect(page.getByRole("radio", { name: "All 30 matching this filter" })).toBeChecked();

    await page.getByLabel("Change", { exact: true }).selectOption("price");
    await expect(page.getByLabel("Percent")).toBeVisible();
    await expect(page.getByLabel("Lead time (days)")).toBeHidden();
    await page.getByLabel("Percent").fill("10");
    await page.getByLabel("Rounding").selectOption("dollar");
    await shoot(page, "bulk-list-1280");
    await page.getByRole("button", { name: "Review the change" }).click();

    await expect(page.getByRole("heading", { name: "Review the bulk edit", level: 1 })).toBeVisible();
    await expect(page.getByText("Price +10%, rounded to whole dollars")).toBeVisible();
    await expect(page.getByRole("heading", { name: "The first 20 of 30 changes" })).toBeVisible();
    const firstRow = page.getByRole("row", { name: new RegExp(products[29].title) });
    await expect(firstRow).toContainText("$48.00");
    await expect(firstRow).toContainText("$53.00");
    await shoot(page, "bulk-review-1280");
    await page.getByRole("button", { name: "Apply to 30 products" }).click();

    await expect(page).toHaveURL(new RegExp(`/ops/products\\?q=${word}$`));
    await expect(page.getByRole("status").filter({ hasText: "Price +10%, rounded to whole dollars: 30 products changed" })).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(products[29].title) })).toContainText("$53.00");
    await expect(page.getByText("Last bulk edit:")).toBeVisible();
    await shoot(page, "bulk-done-1280");

    const shop = await page.context().newPage();
    await shop.goto(`/products/${products[0].handle}`);
    await expect(shop.locator("main")).toContainText("$53.00");

    await page.getByRole("button", { name: "Undo the last bulk edit" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Undone: Price +10%, rounded to whole dollars on 30 products" })).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(products[29].title) })).toContainText("$48.00");
    await expect(page.getByText("Last bulk edit:")).toHaveCount(0);
    await shop.reload();
    await expect(shop.locator("main")).toContainText("$48.00");
  });

  test.describe("tablet without JavaScript", () => {
    test.use({ javaScriptEnabled: false, viewport: { width: 820, height: 1180 } });

    test("ticked products are hidden from the shop, and the undo brings them back", async ({ page }) => {
      const word = `Imara${Date.now().toString(36)}`;
      const products = await arrangeProducts(word, 3);
      await signIn(page, `/ops/products?q=${word}`);
      await page.getByRole("checkbox", { name: `Select ${products[0].title}` }).check();
      await page.getByRole("checkbox", { name: `Select ${products[2].title}` }).check();
      await page.getByLabel("Change", { exact: true }).selectOption("status");
      await page.getByLabel("New status").selectOption("draft");
      await shoot(page, "bulk-list-820-nojs");
      await page.getByRole("button", { name: "Review the change" }).click();

      await expect(page.getByRole("heading", { name: "Review the bulk edit", level: 1 })).toBeVisible();
      await expect(page.getByText("Hide (back to draft)")).toBeVisible();
      await expect(page.getByRole("row", { name: new RegExp(products[2].title) })).toContainText("Hidden (draft)");
      await expect(page.getByRole("row", { name: new RegExp(products[1].title) })).toHaveCount(0);
      await shoot(page, "bulk-review-820-nojs");
      await page.getByRole("button", { name: "Apply to 2 products" }).click();
      await expect(page.getByText("Hide (back to draft): 2 products changed")).toBeVisible();

      const hidden = await page.request.get(`/products/${products[0].handle}`);
      expect(hidden.status()).toBe(404);
      expect((await page.request.get(`/products/${products[1].handle}`)).status()).toBe(200);

      await page.getByRole("button", { name: "Undo the last bulk edit" }).click();
      await expect(page.getByText("Undone: Hide (back to draft) on 2 products")).toBeVisible();
      await shoot(page, "bulk-undone-820-nojs");
      expect((await page.request.get(`/products/${products[0].handle}`)).status()).toBe(200);
    });
  });
});
