/**
 * A collection on a phone (390 px): pieces above the fold with the filters folded behind
 * "Filter and sort" (a <details>, so it opens without JavaScript), and a header menu whose every
 * section — Makers too — is on screen without scrolling sideways. On a wide screen the filters stay open.
 */
import { expect, test, type Page } from "./csp";

const PHONE = { width: 390, height: 844 };

async function expectNavFits(page: Page) {
  const nav = page.getByRole("navigation", { name: "Shop" });
  const overflow = await nav.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const makers = await nav.getByRole("link", { name: "Makers" }).boundingBox();
  expect(makers!.x + makers!.width).toBeLessThanOrEqual(PHONE.width);
  expect(makers!.x).toBeGreaterThanOrEqual(0);
  // Every item whole: none cut by the nav's own edges or the screen's.
  const clipped = await nav.getByRole("link").evaluateAll((links) =>
    links.flatMap((link) => {
      const box = link.getBoundingClientRect();
      const frame = link.closest("nav")!.getBoundingClientRect();
      const inside = box.left >= Math.max(0, frame.left) - 0.5 && box.right <= Math.min(window.innerWidth, frame.right) + 0.5;
      return inside && link.scrollWidth <= link.clientWidth + 1 ? [] : [link.textContent];
    }),
  );
  expect(clipped, "menu items cut off").toEqual([]);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "phone, with JavaScript" : "phone, without JavaScript", () => {
    test.use({ viewport: PHONE, javaScriptEnabled });

    test("a product is above the fold; the filters open from 'Filter and sort' and apply", async ({ page }) => {
      await page.goto("/collections/earrings");
      const firstCard = page.locator(".product-grid .product-card").first();
      await expect(firstCard).toBeVisible();
      const box = await firstCard.boundingBox();
      expect(box!.y).toBeLessThan(PHONE.height - 120);
      await expect(page.getByLabel("Sort by")).toBeHidden();
      await expectNavFits(page);
      if (javaScriptEnabled) await page.screenshot({ path: test.info().outputPath("collection-390.png") });

      await page.getByText("Filter and sort").click();
      await expect(page.getByLabel("Sort by")).toBeVisible();
      await page.getByLabel("Sort by").selectOption("price-asc");
      if (!javaScriptEnabled) await page.getByRole("button", { name: "Apply" }).click();
      await expect(page).toHaveURL(/sort=price-asc/);
      await expect(page.locator(".filters-disclosure__count")).toHaveText("1");
      await expect(firstCard).toBeVisible();
    });
  });
}

test("on a wide screen the filters are open beside the pieces", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/collections/earrings");
  await expect(page.getByLabel("Sort by")).toBeVisible();
  await expect(page.getByText("Filter and sort")).toBeHidden();
});
