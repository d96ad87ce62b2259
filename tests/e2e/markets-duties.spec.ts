/**
 * The duties notice (#16, "shipping rates and duties notice"), market by market with JavaScript
 * off: the EU, Canada and Australia each see their market's own words under a product's price and
 * again at checkout, in their currency, and the shipping policy lists the same rule for every market.
 * (The UK's is in markets.spec.ts.)
 */
import { MARKETS, type MarketCode } from "../../app/domain/markets/markets";
import { expect, test } from "./csp";

test.use({ javaScriptEnabled: false, locale: "en-US" });

const CASES: Array<{ code: MarketCode; symbol: string; tax: string }> = [
  { code: "eu", symbol: "€", tax: "VAT included" },
  { code: "ca", symbol: "CA$", tax: "Taxes calculated at checkout" },
  { code: "au", symbol: "A$", tax: "GST included" },
];

for (const { code, symbol, tax } of CASES) {
  const market = MARKETS[code];
  test(`${market.name}: the product page and checkout say what is due on delivery`, async ({ page }) => {
    await page.goto("/collections/earrings");
    await page.getByLabel("Shipping to").selectOption(code);
    await page.getByRole("button", { name: "Change" }).click();
    await expect(page).toHaveURL(new RegExp(`${market.prefix}/collections/earrings`));
    await page.locator(".product-card").first().click();
    await expect(page).toHaveURL(new RegExp(`${market.prefix}/products/`));
    await expect(page.locator(".buy-box__amount")).toContainText(symbol);
    await expect(page.locator(".market-terms__tax")).toHaveText(tax);
    await expect(page.locator(".market-terms__duties")).toHaveText(market.duties);

    await page.getByRole("button", { name: /add to bag/i }).click();
    await expect(page).toHaveURL(/\/cart/);
    await page.getByRole("link", { name: "Check out" }).click();
    await expect(page).toHaveURL(/\/checkout$/);
    await expect(page.getByTestId("checkout-duties")).toHaveText(market.duties);
    await expect(page.getByTestId("checkout-total")).toContainText(symbol);
    for (const width of [390, 820, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: test.info().outputPath(`${code}-checkout-${width}.png`), fullPage: true });
    }
  });
}

test("the shipping policy states each market's duties rule, as the product pages do", async ({ page }) => {
  await page.goto("/policies/shipping");
  const rules = page.getByTestId("duties-by-market");
  for (const market of Object.values(MARKETS)) {
    await expect(rules).toContainText(`${market.name}${market.tax.note}. ${market.duties}`);
  }
  // No market is told the carrier collects tax the checkout already charged.
  await expect(rules).not.toContainText(/taxes may be collected/i);
});

test("the shipping policy lists each market's rates in its own currency, as its checkout charges them", async ({ page }, testInfo) => {
  await page.goto("/policies/shipping");
  const rates = page.getByRole("table", { name: "Shipping rates" });
  const row = (destination: string) =>
    rates
      .getByRole("rowgroup")
      .locator("tr")
      .filter({ has: page.getByRole("rowheader", { name: destination }) });
  await expect(row("United States")).toContainText("Standard3–5 business days$6.00free from $75.00");
  await expect(row("United Kingdom in GBP")).toContainText("Standard6–10 business days£8.00free from £75.00");
  await expect(rates.getByRole("row").filter({ hasText: "£25.00" })).toContainText("Express2–4 business days£25.00");
  await expect(row("Australia in AUD")).toContainText("A$14.00free from A$120.00");
  await expect(row("Elsewhere from the US shop, in USD")).toContainText("International standard6–10 business days$18.00");
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: testInfo.outputPath(`shipping-rates-${width}.png`), fullPage: true });
  }
});
