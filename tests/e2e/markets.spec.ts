/**
 * Markets (issue 16, docs/decisions/0021-markets-and-currencies.md): a visitor whose browser speaks
 * British English lands on the UK pages and sees pounds with VAT included on the home page, a
 * collection and a product; the header's switcher (a plain form) takes her to the US pages in
 * dollars with JavaScript off, and keeps the choice. The issue's "Done when" as one journey: from
 * the home page to the bag, checkout, the order page and its email, then a return whose refund is
 * shown in pounds on her order page, in its email and in ops' report (USD booked beside it).
 */
import { expect, test } from "./csp";
import { e2eSql, hydrated, payWithCard, signInAsOpsAdmin } from "./support";

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

test("a UK shopper, in one journey from the first page to a return's refund, sees pounds with VAT included throughout", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  // The first page: the home page in pounds, then a collection and a product.
  await page.goto("/");
  await expect(page).toHaveURL(/\/en-gb$/);
  await hydrated(page);
  await expect(page.getByRole("list", { name: "New arrivals" }).locator(".product-card__price").first()).toContainText("£");
  await expect(page.getByText("Prices in GBP, VAT included.")).toBeVisible();
  await page.getByRole("navigation", { name: "Shop" }).getByRole("link", { name: "Earrings" }).click();
  await expect(page).toHaveURL(/\/en-gb\/collections\/earrings$/);
  await page.locator(".product-card").first().click();
  await expect(page).toHaveURL(/\/en-gb\/products\//);
  await hydrated(page);
  await expect(page.locator(".buy-box__amount")).toContainText("£");
  await expect(page.locator(".market-terms__tax")).toHaveText("VAT included");
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
  await expect(page.locator(".checkout__summary")).not.toContainText("$");
  await shoot(page, "uk-checkout");

  await payWithCard(page, "4242 4242 4242 4242");
  await expect(page).toHaveURL(/\/orders\/SK-\d+\?t=/);
  const orderUrl = page.url();
  const number = /\/orders\/(SK-\d+)/.exec(orderUrl)![1];
  await expect(page.getByTestId("order-total")).toContainText("£");
  await expect(page.getByTestId("order-tax-included")).toContainText("Including VAT");
  const paid = (await page.getByTestId("order-total").textContent())!.match(/£[\d,]+\.\d\d/)![0];
  // Dates the British way: "Placed 7 December 2026 at 08:17 UTC", not "December 7, 2026 at 8:17 AM".
  await expect(page.locator("main")).toContainText(/Placed \d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}/);
  await shoot(page, "uk-order");

  // The confirmation email is in pounds too (the worker sends it a moment after the order).
  const sql = e2eSql();
  try {
    await expect
      .poll(async () => {
        const [mail] = await sql<{ text: string | null }[]>`
          select text from outbox where "to" = ${email} and template = 'order-confirmation' order by id limit 1`;
        return mail?.text ?? "";
      })
      .toContain(paid);
    // The carrier's delivery scan, arranged in the database (shipping is the hub's own journey).
    await sql`update orders set status = 'delivered' where number = ${number}`;
    await sql`insert into shipments (order_id, carrier, tracking_number, shipped_at, delivered_at)
              select id, 'Royal Mail', 'RM0146000062GB', now() - interval '3 days', now() - interval '1 day' from orders where number = ${number}`;
  } finally {
    await sql.end();
  }

  // She sends the piece back from the order page; the refund is worked out in pounds.
  await page.goto(orderUrl);
  await page.getByRole("link", { name: "Return or exchange pieces" }).click();
  await expect(page.locator("main")).toContainText(/Delivered \d{1,2} [A-Z][a-z]+ \d{4}\./);
  await page.getByLabel("How many to send back").first().selectOption("1");
  await page.getByLabel("Why are you sending it back?").selectOption("changed_mind");
  await page.getByLabel("A refund").check();
  await page.getByLabel(/back to the card you paid with/).check();
  await expect(page.locator("main")).toContainText("£");
  await expect(page.locator("main")).not.toContainText("$");
  await page.getByRole("button", { name: "Start the return" }).click();
  const status = page.getByRole("status");
  await expect(status).toContainText(/Your return RT-\d+ has started/);
  const returnNumber = /RT-\d+/.exec((await status.textContent()) ?? "")![0];

  // The hub receives and checks it; the refund goes to her card in pounds, USD booked beside it.
  const ops = await browser.newPage();
  await ops.goto(`/ops/returns/${returnNumber}`);
  await signInAsOpsAdmin(ops);
  await expect(ops).toHaveURL(new RegExp(`/ops/returns/${returnNumber}$`));
  await hydrated(ops);
  await ops.getByRole("button", { name: `Receive ${returnNumber}` }).click();
  await expect(ops.getByRole("status")).toContainText(`${returnNumber} received`);
  await ops.getByRole("combobox", { name: /What becomes of/ }).selectOption("restock");
  await ops.getByRole("button", { name: "Save the check" }).click();
  await expect(ops.getByRole("status")).toContainText(/Refunded £\d+\.\d\d to the original payment\./);
  const refunded = /Refunded (£\d+\.\d\d)/.exec((await ops.getByRole("status").textContent()) ?? "")![1];
  await ops.goto("/ops/returns");
  const moved = ops.getByRole("table", { name: "Latest ledger entries for returns" }).getByRole("row", { name: new RegExp(returnNumber) });
  await expect(moved).toContainText(refunded);
  await expect(moved).toContainText("$");
  await ops.close();

  // Her order page and the refund email say it in pounds.
  await page.goto(orderUrl);
  await expect(page.getByRole("article", { name: `Return ${returnNumber}` })).toContainText(refunded);
  await expect(page.locator(".order-summary")).toContainText("Refunded");
  await expect(page.locator(".order-summary")).toContainText(`−${refunded}`);
  await expect(page.locator(".order-summary")).not.toContainText("$");
  await shoot(page, "uk-order-refunded");
  const mails = e2eSql();
  try {
    const subjects = await mails<{ subject: string }[]>`
      select subject from outbox where dedupe_key like ${`return:${returnNumber}:%`} order by id`;
    expect(subjects.map((m) => m.subject)).toContain(`Refund of ${refunded} for return ${returnNumber} (order ${number})`);
  } finally {
    await mails.end();
  }
});

async function shoot(page: import("@playwright/test").Page, name: string) {
  for (const width of [390, 820, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
}
