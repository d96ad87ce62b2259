/**
 * The wholesale catalog on a buyer's phone (390 × 844, issue 15): the search, filter and sort form
 * folds behind one summary (a <details>, so it works without JavaScript) that counts what is in
 * use, the first product starts on the first screen, and no item of the portal's menu is cut off.
 * On a wide screen the form stays open.
 */
import { expect, test, type Page } from "./csp";

const PHONE = { width: 390, height: 844 };

async function signIn(page: Page, next: string) {
  await page.goto(`/wholesale/login?redirectTo=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill("buyer@retailer.test");
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: /Sign in/ }).click();
  await expect(page).toHaveURL(/\/wholesale\/catalog/);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "phone, with JavaScript" : "phone, without JavaScript", () => {
    test.use({ viewport: PHONE, javaScriptEnabled });

    test("a product starts on the first screen; the search opens from its summary and counts what is in use", async ({ page }) => {
      await signIn(page, "/wholesale/catalog");
      const firstCard = page.locator(".wholesale-tiles > li").first();
      await expect(firstCard).toBeVisible();
      expect((await firstCard.boundingBox())!.y).toBeLessThan(PHONE.height - 120);
      await expect(page.getByLabel("Sort by")).toBeHidden();

      const nav = page.getByRole("navigation", { name: "Wholesale" });
      expect(await nav.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      const clipped = await nav.getByRole("link").evaluateAll((links) =>
        links.flatMap((link) => {
          const box = link.getBoundingClientRect();
          return box.left >= -0.5 && box.right <= window.innerWidth + 0.5 && link.scrollWidth <= link.clientWidth + 1
            ? []
            : [link.textContent];
        }),
      );
      expect(clipped, "menu items cut off").toEqual([]);
      if (javaScriptEnabled) await page.screenshot({ path: test.info().outputPath("wholesale-catalog-390.png") });

      await page.getByText("Search, filter and sort").click();
      await page.getByLabel("Search by name or SKU").fill("cuff");
      await page.getByLabel("Sort by").selectOption("name");
      await page.getByRole("button", { name: "Show" }).click();
      await expect(page).toHaveURL(/q=cuff/);
      await expect(page.locator(".filters-disclosure__count")).toHaveText("2");
      await expect(page.getByLabel("Sort by")).toBeHidden();
      await expect(firstCard).toContainText(/cuff/i);
      expect((await firstCard.boundingBox())!.y).toBeLessThan(PHONE.height - 120);
    });
  });
}

test("on a wide screen the search form is open above the products", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, "/wholesale/catalog");
  await expect(page.getByLabel("Sort by")).toBeVisible();
  await expect(page.getByText("Search, filter and sort")).toBeHidden();
});
