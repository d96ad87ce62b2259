/**
 * Markets (issue 16, docs/decisions/0021-markets-and-currencies.md): a visitor whose browser speaks
 * British English lands on the UK pages and sees pounds with VAT included on the home page, a
 * collection and a product; the header's switcher (a plain form) takes her to the US pages in
 * dollars with JavaScript off, and keeps the choice.
 */
import { expect, test } from "./csp";
import { hydrated } from "./support";

test.use({ locale: "en-GB" });

test("a UK visitor sees pounds with VAT included from the home page to a product", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/en-gb$/);
  await hydrated(page);
  const arrivals = page.getByRole("list", { name: "New arrivals" });
  await expect(arrivals.locator(".product-card__price").first()).toContainText("£");
  await expect(arrivals).not.toContainText("$");
  await expect(page.getByText("Prices in GBP, VAT included.")).toBeVisible();
  await expect(page.getByLabel("Shipping to")).toHaveValue("gb");

  await page.getByRole("navigation", { name: "Shop" }).getByRole("link", { name: "Earrings" }).click();
  await expect(page).toHaveURL(/\/en-gb\/collections\/earrings$/);
  const grid = page.getByRole("list", { name: "Earrings" });
  await expect(grid.locator(".product-card__price").first()).toContainText("£");
  await expect(page.getByText("Prices in GBP, VAT included.")).toBeVisible();

  await grid.locator(".product-card").first().click();
  await expect(page).toHaveURL(/\/en-gb\/products\//);
  await expect(page.locator(".buy-box__amount")).toContainText("£");
  await expect(page.locator(".market-terms__tax")).toHaveText("VAT included");
  await expect(page.locator(".market-terms__shipping")).toContainText("Shipping to United Kingdom: standard £8.00");
  await expect(page.locator(".market-terms__duties")).toContainText("nothing more to pay on delivery");
  for (const width of [390, 820, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`uk-product-${width}.png`) });
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the bag shows pounds and says plainly that checkout still charges dollars", async ({ page }) => {
    await page.goto("/collections/earrings");
    await page.locator(".product-card").first().click();
    await expect(page).toHaveURL(/\/en-gb\/products\//);
    await page.getByRole("button", { name: /add to bag/i }).click();
    await page.goto("/cart");
    await expect(page.getByTestId("cart-subtotal")).toContainText("£");
    const note = page.getByTestId("cart-checkout-currency");
    await expect(note).toContainText("Checkout is in US dollars for now");
    await expect(note).toContainText("$");
  });

  test("switching to the US shows dollars and the choice is kept", async ({ page }) => {
    await page.goto("/collections/earrings");
    await expect(page).toHaveURL(/\/en-gb\/collections\/earrings$/);
    await page.locator(".product-card").first().click();
    await expect(page).toHaveURL(/\/en-gb\/products\/[^/?]+/);
    const product = new URL(page.url()).pathname.replace("/en-gb", "");

    await page.getByLabel("Shipping to").selectOption("us");
    await page.getByRole("button", { name: "Change" }).click();
    await expect(page).toHaveURL(new RegExp(`${product}$`));
    expect(new URL(page.url()).pathname).toBe(product);
    await expect(page.locator(".buy-box__amount")).toContainText("$");
    await expect(page.locator(".market-terms__tax")).toHaveText("Tax calculated at checkout");

    // Kept: the home page stays in the US though the browser still asks for British English.
    await page.goto("/");
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("list", { name: "New arrivals" }).locator(".product-card__price").first()).toContainText("$");
    await expect(page.getByLabel("Shipping to")).toHaveValue("us");
  });
});
