/**
 * The checkout's address and card fields as a shopper in each country meets them: a state by name,
 * labels that follow the country (a UK address is asked for a postcode and an optional county, not
 * "State / ZIP"), boxes of one height in a row, and an expiry typed as four digits.
 */
import { expect, test, type Page } from "./csp";
import { addToBag, e2eSql, hydrated } from "./support";

async function anyVariant(offset: number) {
  const sql = e2eSql();
  try {
    const rows = await sql<{ variantId: number; handle: string }[]>`
      select v.id as "variantId", p.handle from variants v join products p on p.id = v.product_id
      where p.status = 'active' order by v.id desc limit 1 offset ${offset}`;
    return rows[0];
  } finally {
    await sql.end();
  }
}

async function fillUsAddress(page: Page, email: string, state: string) {
  await page.goto("/checkout");
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Full name").fill("Imani Njoroge");
  await page.getByLabel("Country").selectOption("US");
  await page.getByLabel("Street address").fill("77 Mission St");
  await page.getByLabel("City").fill("San Francisco");
  await page.getByLabel("State", { exact: true }).fill(state);
  await page.getByLabel("ZIP code").fill("94105");
  await page.getByRole("button", { name: "Continue to shipping" }).click();
}

test("a US shopper types 'California' and '1229' and pays", async ({ page }) => {
  await addToBag(page, [await anyVariant(0)]);
  await fillUsAddress(page, "california@example.com", "California");
  await expect(page.getByText("San Francisco, CA 94105")).toBeVisible();
  await page.getByText("Standard", { exact: false }).first().click();
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await hydrated(page);
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  const expiry = page.getByLabel("Expiry");
  await expiry.pressSequentially("1229");
  await expect(expiry).toHaveValue("12/29");
  // Typed with its slash, it stays as typed (no doubled slash).
  await expiry.fill("");
  await expiry.pressSequentially("12/29");
  await expect(expiry).toHaveValue("12/29");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page).toHaveURL(/\/orders\/SK-\d+\?t=/);
});

test("the address labels and required fields follow the country; City and State are one height", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await addToBag(page, [await anyVariant(1)]);
  await page.goto("/checkout");
  await hydrated(page);
  const city = page.getByLabel("City");
  const state = page.getByLabel("State", { exact: true });
  await expect(state).toBeVisible();
  await expect(page.getByLabel("ZIP code")).toBeVisible();
  const [cityBox, stateBox] = [await city.boundingBox(), await state.boundingBox()];
  expect(Math.round(cityBox!.height)).toBe(Math.round(stateBox!.height));

  await page.getByLabel("Country").selectOption("GB");
  await expect(page.getByLabel("County (optional)")).toBeVisible();
  await expect(page.getByLabel("Postcode")).toHaveAttribute("aria-required", "true");
  await expect(page.locator(".address-form label").filter({ hasText: /State|ZIP/ })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("checkout-uk-390.png"), fullPage: true });

  await page.getByLabel("Email").fill("london@example.com");
  await page.getByLabel("Full name").fill("Amara Okafor");
  await page.getByLabel("Street address").fill("10 Downing St");
  await page.getByLabel("Town / city").fill("London");
  await page.getByLabel("Postcode").fill("sw1a2aa");
  await page.getByRole("button", { name: "Continue to shipping" }).click();
  await expect(page.getByText("London SW1A 2AA, United Kingdom")).toBeVisible();

  await page.getByRole("link", { name: "Change" }).first().click();
  await page.getByLabel("Country").selectOption("AU");
  await expect(page.getByLabel("State / territory")).toBeVisible();
  await expect(page.getByLabel("Postcode")).toBeVisible();
  await page.getByLabel("Country").selectOption("CA");
  await expect(page.getByLabel("Province")).toBeVisible();
  await expect(page.getByLabel("Postal code")).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an expiry typed as 1229 is accepted by the server", async ({ page }) => {
    await addToBag(page, [await anyVariant(2)]);
    await fillUsAddress(page, "mmyy@example.com", "new york");
    await expect(page.getByText("San Francisco, NY 94105")).toBeVisible();
    await page.getByText("Standard", { exact: false }).first().click();
    await page.getByRole("button", { name: "Continue to payment" }).click();
    await page.getByLabel("Card number").fill("4242424242424242");
    await page.getByLabel("Expiry").fill("1229");
    await page.getByLabel("CVC").fill("123");
    await page.getByRole("button", { name: /^Pay / }).click();
    await expect(page).toHaveURL(/\/orders\/SK-\d+\?t=/);
  });
});

test.describe("a UK shopper without JavaScript", () => {
  test.use({ javaScriptEnabled: false, locale: "en-GB", viewport: { width: 390, height: 844 } });

  test("a British browser's bag is in the UK market: the form starts on the United Kingdom, the only country it ships to, and Enter continues", async ({
    page,
  }) => {
    await addToBag(page, [await anyVariant(3)]);
    await page.goto("/checkout");
    await expect(page.getByLabel("Country")).toHaveValue("GB");
    // A bag priced with UK VAT ships within the UK (docs/decisions/0021).
    await expect(page.getByLabel("Country").locator("option")).toHaveText(["United Kingdom"]);
    await expect(page.getByLabel("Postcode")).toBeVisible();
    await expect(page.getByLabel("County (optional)")).toBeVisible();
    await expect(page.locator(".address-form label").filter({ hasText: /State|ZIP/ })).toHaveCount(0);

    await page.getByLabel("Email").fill("kent@example.com");
    await page.getByLabel("Full name").fill("Amara Okafor");
    await page.getByLabel("Street address").fill("10 Downing St");
    await page.getByLabel("Town / city").fill("London");
    await page.getByLabel("Postcode").fill("sw1a2aa");
    await page.getByLabel("Postcode").press("Enter");
    await expect(page.getByText("London SW1A 2AA, United Kingdom")).toBeVisible();
  });
});

test.describe("a US-market shopper without JavaScript sending abroad", () => {
  test.use({ javaScriptEnabled: false, locale: "en-US", viewport: { width: 390, height: 844 } });

  test("another country's labels are one button away, what was typed kept", async ({ page }) => {
    await addToBag(page, [await anyVariant(3)]);
    await page.goto("/checkout");
    // Sending to a friend in Sydney: the labels can't change as she picks, so she asks for them.
    await page.getByLabel("Email").fill("kent@example.com");
    await page.getByLabel("Full name").fill("Amara Okafor");
    await page.getByLabel("Country").selectOption("AU");
    await page.getByRole("button", { name: "Update the form for the country chosen" }).click();
    await expect(page.getByLabel("State / territory")).toBeVisible();
    await expect(page.getByLabel("Suburb / town")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue("kent@example.com");
    await expect(page.locator(".notice--error")).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath("checkout-au-nojs-390.png"), fullPage: true });
  });
});
