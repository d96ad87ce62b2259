/**
 * Issue #16, a UK shopper's gift card and one market per visitor (docs/decisions/0022): a browser
 * speaking British English buys a £45 card (the UK's own amounts, paid in pounds), the card is
 * emailed in pounds, and its balance page — JavaScript off, on a phone — shows pounds; to a visitor
 * shopping in dollars it says the card is spent in pounds. And the bag's market is the visitor's:
 * once a bag is in pounds, the header and the prices stay in the UK though the browser's language
 * later says the US.
 */
import { expect, test, type Page } from "./csp";
import { e2eSql, hydrated } from "./support";

test.use({ locale: "en-GB" });
test.describe.configure({ mode: "serial" });

const recipient = `uk-gift-${Date.now()}@example.test`;
let code = "";

async function shot(page: Page, name: string) {
  for (const width of [390, 820, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
}

test("a UK shopper buys a £45 gift card, paid and emailed in pounds", async ({ page }) => {
  await page.goto("/gift-cards");
  await hydrated(page);
  await expect(page.getByLabel("Shipping to")).toHaveValue("gb");
  await expect(page.getByTestId("giftcard-market")).toContainText("This one is in GBP");
  for (const amount of ["£20.00", "£45.00", "£90.00", "£175.00"]) await expect(page.getByLabel(amount)).toBeVisible();
  await expect(page.getByLabel("$50.00")).toHaveCount(0);
  await expect(page.getByLabel(/Other amount \(whole pounds, 10–880\)/)).toBeVisible();
  await shot(page, "uk-gift-cards");
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByLabel("£45.00").check();
  await page.getByLabel("Their name").fill("Harriet");
  await page.getByLabel("Their email").fill(recipient);
  await page.getByLabel("A message (optional)").fill("Happy birthday from Leeds!");
  await page.getByLabel("Your name").fill("Amelia");
  await page.getByLabel("Your email (for the receipt)").fill("amelia@example.co.uk");
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("Expiry").fill("12/30");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: "Buy gift card" }).click();
  await expect(page.getByRole("status")).toContainText(`Your £45.00 gift card for ${recipient} is emailed now`);

  // The worker's deliver_gift_card job emails it a moment later, in pounds, with its code.
  const sql = e2eSql();
  try {
    await expect(async () => {
      const [email] = await sql<{ subject: string; text: string }[]>`select subject, text from outbox where "to" = ${recipient}`;
      expect(email?.subject).toBe("Amelia sent you a Soko gift card of £45.00");
      code = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(email.text)![0];
    }).toPass({ timeout: 20_000 });
    const [order] = await sql<{ currency: string; market: string; settlement_currency: string }[]>`
      select o.currency, o.market, o.settlement_currency from orders o join gift_cards c on c.order_id = o.id
      where c.recipient_email = ${recipient}`;
    expect(order).toEqual({ currency: "GBP", market: "gb", settlement_currency: "USD" });
  } finally {
    await sql.end();
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the balance page shows the card's pounds; to a visitor shopping in dollars it says where the card is spent", async ({
    page,
    browser,
  }) => {
    expect(code, "the purchase test found the code").not.toBe("");
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto("/gift-cards/balance");
    await page.getByLabel("Gift card code").fill(code);
    await page.getByRole("button", { name: "Check balance" }).click();
    await expect(page.getByRole("status")).toContainText("holds £45.00");
    await expect(page.getByTestId("giftcard-elsewhere")).toHaveCount(0);
    await shot(page, "uk-gift-card-balance");

    const us = await browser.newContext({ locale: "en-US", javaScriptEnabled: false });
    try {
      const usPage = await us.newPage();
      await usPage.goto("/gift-cards/balance");
      await usPage.getByLabel("Gift card code").fill(code);
      await usPage.getByRole("button", { name: "Check balance" }).click();
      await expect(usPage.getByRole("status")).toContainText("holds £45.00");
      await expect(usPage.getByTestId("giftcard-elsewhere")).toContainText(
        `is in GBP and can only be used when paying in GBP. You are shopping in USD. To spend it online, choose United Kingdom (GBP)`,
      );
    } finally {
      await us.close();
    }
  });

  test("once the bag is in pounds, the header and prices stay in the UK when the browser's language says the US", async ({ page }) => {
    await page.goto("/collections/earrings");
    await expect(page).toHaveURL(/\/en-gb\/collections\/earrings$/);
    await page.locator(".product-card").first().click();
    await page.getByRole("button", { name: /add to bag/i }).click();
    await expect(page).toHaveURL(/\/cart/);
    await expect(page.getByTestId("cart-subtotal")).toContainText("£");
    await expect(page.getByLabel("Shipping to")).toHaveValue("gb");

    // The same visitor, now with an American browser language (another device's settings, a VPN's CDN country…).
    await page.context().setExtraHTTPHeaders({ "Accept-Language": "en-US,en;q=0.9" });
    await page.goto("/cart");
    await expect(page.getByLabel("Shipping to")).toHaveValue("gb");
    await expect(page.getByTestId("cart-subtotal")).toContainText("£");
    await page.goto("/gift-cards");
    await expect(page.getByLabel("Shipping to")).toHaveValue("gb");
    await expect(page.getByLabel("£45.00")).toBeVisible();
    await page.goto("/");
    await expect(page).toHaveURL(/\/en-gb$/);
    await expect(page.getByLabel("Shipping to")).toHaveValue("gb");

    // A switch moves the bag and the header with it.
    await page.getByLabel("Shipping to").selectOption("us");
    await page.getByRole("button", { name: "Change" }).click();
    await page.goto("/cart");
    await expect(page.getByLabel("Shipping to")).toHaveValue("us");
    await expect(page.getByTestId("cart-subtotal")).toContainText("$");
  });
});
