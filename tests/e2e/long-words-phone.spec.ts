/**
 * A shopper on a 390 px phone, JavaScript off, whose name and street are long single words: the
 * checkout steps and the order page wrap them instead of scrolling sideways (the checkout's grid
 * and the step summaries once sized themselves to the longest word).
 */
import { expect, test, type Page } from "@playwright/test";
import { payWithCard } from "./support";

const NAME = "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaftschaferswessenschafewaren";
const STREET = "77 MissionStreetMissionStreetMissionStreetMissionStreetMissionStreet";

test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

async function sideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test("a long name and street wrap on the checkout steps and the order page at 390 px", async ({ page }) => {
  await page.goto("/collections/necklaces");
  await page.locator(".product-card").first().click();
  await page.getByRole("button", { name: /add to bag/i }).click();
  await expect(page).toHaveURL(/\/cart/);

  await page.goto("/checkout");
  await page.getByLabel("Email").fill("long-words@example.test");
  await page.getByLabel("Full name").fill(NAME);
  await page.getByLabel("Country").selectOption("US");
  await page.getByLabel("Street address").fill(STREET);
  await page.getByLabel("City").fill("San Francisco");
  await page.getByLabel("State", { exact: true }).fill("CA");
  await page.getByLabel("ZIP code").fill("94105");
  await page.getByRole("button", { name: "Continue to shipping" }).click();
  await expect(page.getByText(NAME)).toBeVisible();
  expect(await sideways(page), "the shipping step scrolls sideways").toBeLessThanOrEqual(0);

  await page.getByText("Standard", { exact: false }).first().click();
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page.getByLabel("Card number")).toBeVisible();
  expect(await sideways(page), "the payment step scrolls sideways").toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath("payment-390.png"), fullPage: true });

  await payWithCard(page, "4242 4242 4242 4242");
  await expect(page).toHaveURL(/\/orders\/SK-\d+\?t=/);
  await expect(page.getByText(`Shipping to ${NAME}`)).toBeVisible();
  expect(await sideways(page), "the order page scrolls sideways").toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath("order-390.png"), fullPage: true });
});
