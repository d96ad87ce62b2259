/**
 * Issue 16's journeys once more as a UK shopper on a 390 px phone with JavaScript off: the bag, the
 * checkout up to the pay step, her order page, a return request, the review form and a gift card's
 * balance. Each page is in pounds, fits the screen (nothing wider than the phone) and is
 * photographed to be looked at.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./csp";

test.use({ locale: "en-GB", javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

async function fitsAndShoot(page: Page, name: string) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${name} fits 390 px`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath(`${name}-390-nojs.png`), fullPage: true });
}

test("a UK shopper's bag, checkout up to paying, order page, return, review and gift card balance, at 390 px without JavaScript", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto("/en-gb/collections/earrings");
  await page.locator(".product-card").first().click();
  await expect(page).toHaveURL(/\/en-gb\/products\//);
  await page.getByRole("button", { name: /add to bag/i }).click();
  await expect(page).toHaveURL(/\/cart/);
  await expect(page.getByTestId("cart-subtotal")).toContainText("£");
  await fitsAndShoot(page, "uk-bag");

  await page.goto("/checkout");
  await page.getByLabel("Email").fill(`walk-${Date.now()}@example.co.uk`);
  await page.getByLabel("Full name").fill("Harriet Clarke");
  await page.getByLabel("Country").selectOption("GB");
  await page.getByLabel("Street address").fill("14 Canonbury Place");
  await page.getByLabel("City").fill("London");
  await page.getByLabel(/Postcode|Postal code|ZIP/).fill("N1 2NQ");
  await fitsAndShoot(page, "uk-checkout-address");
  await page.getByRole("button", { name: "Continue to shipping" }).click();
  await page.getByText("Standard", { exact: false }).first().click();
  await fitsAndShoot(page, "uk-checkout-shipping");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page.getByRole("button", { name: /^Pay £/ })).toBeVisible();
  await fitsAndShoot(page, "uk-checkout-pay");

  await page.goto("/account/login");
  await page.getByLabel("Email").fill("harriet.uk@soko.test");
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);
  const delivered = page
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: /^Return or exchange/ }) })
    .first();
  await delivered
    .getByRole("link", { name: /^Order SK-\d+/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/orders\/SK-\d+/);
  await expect(page.locator("main")).toContainText("£");
  await fitsAndShoot(page, "uk-order");
  const orderUrl = page.url();

  await page
    .getByRole("link", { name: /Return or exchange/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/return/);
  await fitsAndShoot(page, "uk-return");

  await page.goto(orderUrl);
  await page
    .getByRole("link", { name: /review/i })
    .first()
    .click();
  await expect(page).toHaveURL(/\/review/);
  await fitsAndShoot(page, "uk-review");

  await page.getByRole("contentinfo").getByRole("link", { name: "Gift card balance" }).click();
  await expect(page).toHaveURL(/\/gift-cards\/balance$/);
  await page
    .getByLabel(/code|number/i)
    .first()
    .fill("3ERH-95F7-WGAE-8JKT");
  await page.getByRole("button", { name: /check/i }).click();
  await expect(page.locator("main")).toContainText("£35.00");
  await fitsAndShoot(page, "uk-gift-card-balance");
});
