/**
 * Markets (issue 16, docs/decisions/0021-markets-and-currencies.md): a visitor whose browser speaks
 * British English lands on the UK pages and sees pounds with VAT included on the home page, a
 * collection and a product; the header's switcher (a plain form) takes her to the US pages in
 * dollars with JavaScript off, and keeps the choice. The "Done when": she pays in pounds,
 * VAT included, from the bag to the order page, and a refund ops issues shows there in pounds.
 */
import { expect, test } from "./csp";
import { hydrated, payWithCard, signInAsOpsAdmin } from "./support";

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

  test("the bag is in pounds and checkout charges pounds; switching market re-prices the bag and says so", async ({ page }) => {
    await page.goto("/collections/earrings");
    await page.locator(".product-card").first().click();
    await expect(page).toHaveURL(/\/en-gb\/products\//);
    await page.getByRole("button", { name: /add to bag/i }).click();
    await expect(page).toHaveURL(/\/cart/);
    await expect(page.getByTestId("cart-subtotal")).toContainText("£");
    await expect(page.getByTestId("cart-market")).toHaveText("Prices for the United Kingdom, paid in GBP.");
    await expect(page.getByText("Checkout is in US dollars")).toHaveCount(0);

    await page.getByLabel("Shipping to").selectOption("au");
    await page.getByRole("button", { name: "Change" }).click();
    await expect(page).toHaveURL(/\/cart\?notice=market/);
    await expect(page.getByRole("status")).toContainText("Your bag is now priced for Australia, in AUD");
    await expect(page.getByTestId("cart-subtotal")).toContainText("A$");
    await expect(page.getByTestId("cart-tax-note")).toContainText("GST included");
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

test("a UK shopper pays in pounds with VAT included, and sees ops' refund in pounds on the order page", async ({ page, browser }) => {
  test.slow();
  await page.goto("/collections/earrings");
  await expect(page).toHaveURL(/\/en-gb\/collections\/earrings$/);
  await hydrated(page);
  await page.locator(".product-card").first().click();
  await expect(page).toHaveURL(/\/en-gb\/products\//);
  await hydrated(page);
  await page.getByRole("button", { name: "Add to bag" }).click();
  await expect(page).toHaveURL(/\/cart/);
  const subtotal = (await page.getByTestId("cart-subtotal").textContent())!;
  expect(subtotal).toMatch(/^£\d/);
  await expect(page.getByTestId("cart-tax-note")).toContainText("VAT included");
  await shoot(page, "uk-bag");

  await page.getByRole("link", { name: "Check out" }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  const email = `uk-${Date.now()}@example.co.uk`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Full name").fill("Harriet Jones");
  // A UK bag ships within the UK: the only country offered.
  await expect(page.getByLabel("Country").locator("option")).toHaveText(["United Kingdom"]);
  await page.getByLabel("Street address").fill("12 Mill Lane");
  await page.getByLabel("Town / city").fill("Leeds");
  await page.getByLabel("Postcode").fill("LS1 4AP");
  await page.getByRole("button", { name: "Continue to shipping" }).click();
  // The UK's own rates, in pounds: express £25.00 (standard is free from £75).
  await expect(page.getByRole("group", { name: "Shipping method" }).locator(".choice__price").last()).toHaveText("£25.00");
  await page.getByText("Standard", { exact: false }).first().click();
  await page.getByRole("button", { name: "Continue to payment" }).click();
  const total = page.getByTestId("checkout-total");
  await expect(total).toContainText("£");
  await expect(page.getByTestId("checkout-tax-included")).toContainText("Including VAT (20%)");
  await expect(page.getByTestId("checkout-tax-included")).toContainText("£");
  await expect(page.locator(".checkout__summary")).not.toContainText("$");
  await shoot(page, "uk-checkout");

  await payWithCard(page, "4242 4242 4242 4242");
  await expect(page).toHaveURL(/\/orders\/SK-\d+\?t=/);
  const orderUrl = page.url();
  const number = /\/orders\/(SK-\d+)/.exec(orderUrl)![1];
  await expect(page.getByTestId("order-total")).toContainText("£");
  await expect(page.getByTestId("order-tax-included")).toContainText("Including VAT");
  await shoot(page, "uk-order");

  // Ops refunds £5 in the order's currency, with the USD settlement beside it.
  const ops = await browser.newPage();
  await ops.goto(`/ops/orders/${number}`);
  await signInAsOpsAdmin(ops);
  await expect(ops.getByRole("heading", { level: 1, name: number })).toBeVisible();
  await expect(ops.getByTestId("ops-settlement")).toContainText("$");
  await expect(ops.getByTestId("ops-settlement")).toContainText("GB market's rate");
  await ops.getByLabel("Amount (GBP)").fill("5");
  await ops.getByLabel("Reason (the customer sees this)").fill("Clasp arrived scratched");
  await ops.getByLabel("Yes, refund this amount now. It can't be undone.").check();
  await ops.getByRole("button", { name: "Refund", exact: true }).click();
  await expect(ops.getByRole("status")).toHaveText("Refunded £5.00.");
  await ops.setViewportSize({ width: 1280, height: 900 });
  await ops.screenshot({ path: test.info().outputPath("ops-uk-order-1280.png"), fullPage: true });
  await ops.close();

  await page.goto(orderUrl);
  await expect(page.locator(".order-summary")).toContainText("Refunded");
  await expect(page.locator(".order-summary")).toContainText("−£5.00");
  await expect(page.locator(".order-summary")).not.toContainText("$");
  await shoot(page, "uk-order-refunded");
});

async function shoot(page: import("@playwright/test").Page, name: string) {
  for (const width of [390, 820, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
}
