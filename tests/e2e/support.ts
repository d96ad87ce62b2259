import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import postgres from "postgres";

/** A connection to the database of the server under test (for arranging and checking state). */
export function e2eSql() {
  const url = readFileSync(process.env.E2E_URL_FILE!, "utf8").trim();
  return postgres(url, { max: 2, onnotice: () => {} });
}

type Buyable = { variantId: number; handle: string };

/** Each variant into the bag from its product page, as a shopper would. */
export async function addToBag(page: Page, variants: Buyable[]) {
  for (const variant of variants) {
    await page.goto(`/products/${variant.handle}?variant=${variant.variantId}`);
    await page.waitForLoadState("networkidle");
    await page.getByRole("button", { name: "Add to bag" }).click();
    await expect(page).toHaveURL(/\/cart/);
  }
}

/** From the bag: address in San Francisco, Standard shipping, then to the payment step. */
export async function checkoutAddressAndShipping(page: Page, email: string) {
  await page.goto("/checkout");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Full name").fill("Imani Njoroge");
  await page.getByLabel("Country").selectOption("US");
  await page.getByLabel("Street address").fill("77 Mission St");
  await page.getByLabel("City").fill("San Francisco");
  await page.getByLabel("State / region").fill("CA");
  await page.getByLabel("ZIP / postal code").fill("94105");
  await page.getByRole("button", { name: "Continue to shipping" }).click();
  await page.getByText("Standard", { exact: false }).first().click();
  await page.getByRole("button", { name: "Continue to payment" }).click();
}

/** Pays on the local test provider's form. */
export async function payWithCard(page: Page, number: string) {
  await page.getByLabel("Card number").fill(number);
  await page.getByLabel("Expiry").fill("12/30");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: /^Pay / }).click();
}

/** The whole storefront purchase with the 4242 test card; ends on the order's live status page. Returns the order number. */
export async function buyThroughStorefront(page: Page, email: string, variants: Buyable[]) {
  await addToBag(page, variants);
  await checkoutAddressAndShipping(page, email);
  await payWithCard(page, "4242 4242 4242 4242");
  await expect(page).toHaveURL(/\/orders\/SK-\d+\?t=/);
  return /\/orders\/(SK-\d+)/.exec(page.url())![1];
}

/** On the operations sign-in form (where any /ops page sends a stranger): signs in as the demo ops admin. */
export async function signInAsOpsAdmin(page: Page) {
  await expect(page).toHaveURL(/\/ops\/login/);
  await page.getByLabel("Email").fill("ops@soko.test");
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The artisan app's sign-in in English (an artisan whose phone asks for English): phone as typed, PIN. Ends on the offers. */
export async function signInToArtisanApp(page: Page, phone: string, pin: string) {
  await page.goto("/artisan?lang=en");
  await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
  await page.getByLabel("Phone number").fill(phone);
  await page.getByLabel("PIN", { exact: true }).fill(pin);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/artisan\/offers$/);
}
