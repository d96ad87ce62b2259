import { expect, test, type Page } from "./csp";
import { e2eSql, hydrated } from "./support";

type DemoProduct = { id: number; handle: string; title: string };

/** An active pair of earrings from the demo data. */
async function demoEarrings(): Promise<DemoProduct> {
  const sql = e2eSql();
  try {
    const [row] = await sql<DemoProduct[]>`
      select p.id, p.handle, p.title from products p
      where p.status = 'active' and p.category = 'earrings' and exists (select 1 from variants v where v.product_id = p.id)
      order by p.id limit 1`;
    expect(row, "the demo data has earrings for sale").toBeTruthy();
    return row;
  } finally {
    await sql.end();
  }
}

/** Go, and let the page hydrate: a click that lands mid-hydration can be lost. */
async function visit(page: Page, path: string) {
  await page.goto(path);
  await hydrated(page);
}

const cartCount = (page: Page) => page.locator(".site-header .cart-count");
const lines = (page: Page) => page.getByTestId("cart-line");

/** "$48.00" → 4800 */
function cents(text: string) {
  return Math.round(Number(text.replace(/[^0-9.]/g, "")) * 100);
}
function dollars(amount: number) {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(amount / 100);
}

async function addFromProductPage(page: Page, product: DemoProduct) {
  await visit(page, `/products/${product.handle}`);
  await expect(page.getByRole("heading", { level: 1, name: product.title })).toBeVisible();
  await page.getByRole("button", { name: "Add to bag" }).click();
  await expect(page).toHaveURL(/\/cart\?notice=added&variant=\d+$/);
  await expect(page.getByRole("status")).toContainText(`Added ${product.title} to your bag.`);
  await expect(cartCount(page)).toHaveText("1");
}

async function shopTheBag(page: Page) {
  const product = await demoEarrings();
  await visit(page, "/cart");
  await expect(page.getByRole("heading", { name: "Your bag is empty" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Earrings" }).last()).toHaveAttribute("href", "/collections/earrings");

  await addFromProductPage(page, product);
  await expect(lines(page)).toHaveCount(1);
  const line = lines(page).first();
  await expect(line.getByRole("link", { name: product.title })).toHaveAttribute("href", `/products/${product.handle}`);
  await expect(line.locator("img")).toHaveAttribute("alt", /.+/);
  await expect(line.getByText(/^(In stock|Made to order)$/)).toBeVisible();
  await expect(line.getByText(/ships in (about )?\d+ days?/i)).toBeVisible();
  await expect(page.getByText("Shipping and taxes are calculated at checkout.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Check out" })).toHaveAttribute("href", "/checkout");
  const unit = cents((await line.locator(".cart-line__price").textContent()) ?? "");
  expect(unit).toBeGreaterThan(0);
  await expect(page.getByTestId("cart-subtotal")).toHaveText(dollars(unit));

  // Change the quantity.
  await line.getByLabel("Quantity").fill("3");
  await line.getByRole("button", { name: "Update" }).click();
  await expect(page.getByRole("status")).toContainText(`Updated ${product.title}.`);
  await expect(cartCount(page)).toHaveText("3");
  await expect(line.locator(".cart-line__total")).toContainText(dollars(unit * 3));
  await expect(page.getByTestId("cart-subtotal")).toHaveText(dollars(unit * 3));

  // A bad quantity: a clear message, nothing changes.
  await line.getByLabel("Quantity").fill("150");
  await line.getByRole("button", { name: "Update" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Choose a quantity from 1 to 99" }).first()).toBeVisible();
  await expect(line.getByLabel("Quantity")).toHaveAttribute("aria-invalid", "true");
  // The earlier "Updated …" does not stay on beside the refusal, as if this one had worked.
  await expect(page.getByText(`Updated ${product.title}.`)).toHaveCount(0);
  await expect(cartCount(page)).toHaveText("3");
  await expect(page.getByTestId("cart-subtotal")).toHaveText(dollars(unit * 3));
  // Correcting it clears the message.
  await line.getByLabel("Quantity").fill("2");
  await line.getByRole("button", { name: "Update" }).click();
  await expect(page.getByRole("status")).toContainText(`Updated ${product.title}.`);
  await expect(page.getByText("Choose a quantity from 1 to 99")).toHaveCount(0);
  await expect(line.getByLabel("Quantity")).not.toHaveAttribute("aria-invalid");
  await expect(cartCount(page)).toHaveText("2");
  await line.getByLabel("Quantity").fill("3");
  await line.getByRole("button", { name: "Update" }).click();
  await expect(cartCount(page)).toHaveText("3");
  await visit(page, "/cart");
  await expect(lines(page).first().getByLabel("Quantity")).toHaveValue("3");

  // Remove, then undo.
  await lines(page)
    .first()
    .getByRole("button", { name: `Remove ${product.title}` })
    .click();
  await expect(page.getByRole("status")).toContainText(`Removed ${product.title} from your bag.`);
  await expect(page.getByRole("heading", { name: "Your bag is empty" })).toBeVisible();
  await expect(cartCount(page)).toHaveText("0");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("status")).toContainText(`Put ${product.title} back in your bag.`);
  await expect(lines(page)).toHaveCount(1);
  await expect(lines(page).first().getByLabel("Quantity")).toHaveValue("3");
  await expect(cartCount(page)).toHaveText("3");

  // Adding the same piece again adds to its line.
  await addAgain(page, product);
  await expect(lines(page)).toHaveCount(1);
  await expect(lines(page).first().getByLabel("Quantity")).toHaveValue("4");
  await expect(cartCount(page)).toHaveText("4");

  // Zero removes.
  await lines(page).first().getByLabel("Quantity").fill("0");
  await lines(page).first().getByRole("button", { name: "Update" }).click();
  await expect(page.getByRole("status")).toContainText(`Removed ${product.title} from your bag.`);
  await expect(cartCount(page)).toHaveText("0");
}

async function addAgain(page: Page, product: DemoProduct) {
  await visit(page, `/products/${product.handle}`);
  await page.getByRole("button", { name: "Add to bag" }).click();
  await expect(page.getByRole("status")).toContainText(`Added ${product.title} to your bag.`);
}

test.describe("the bag", () => {
  test("add from a product page, change the quantity, refuse a bad one, remove and undo", async ({ page }) => {
    await shopTheBag(page);
  });

  test("another shopper's line can't be touched, and the page says so", async ({ page, browser }) => {
    const product = await demoEarrings();
    await addFromProductPage(page, product);
    const lineId = await lines(page).first().locator('input[name="lineId"]').first().inputValue();

    const other = await browser.newContext();
    try {
      // The other shopper has a bag of their own…
      const variantId = new URL(page.url()).searchParams.get("variant")!;
      const added = await other.request.post("/cart", { form: { intent: "add", variantId, quantity: "1" }, maxRedirects: 0 });
      expect(added.status()).toBe(303);
      expect(added.headers()["set-cookie"]).toMatch(/^__soko_cart=/);
      // …and can't remove a line from this one.
      const response = await other.request.post("/cart", { form: { intent: "remove", lineId }, maxRedirects: 0 });
      expect(response.status()).toBe(404);
      expect(await response.text()).toContain("That piece isn&#x27;t in your bag any more.");
    } finally {
      await other.close();
    }
    await page.reload();
    await expect(lines(page)).toHaveCount(1);
    await expect(cartCount(page)).toHaveText("1");
  });
});

test.describe("the bag with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("every step works with plain forms", async ({ page }) => {
    await shopTheBag(page);
  });
});
