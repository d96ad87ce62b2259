import { expect, test, type Page } from "@playwright/test";
import { e2eSql } from "./support";

type Pick = { sku: string; price: number; min_qty: number; case_pack: number };

/** The smallest orderable quantity at or above `atLeast` (minimum and case pack respected). */
function orderable(v: Pick, atLeast: number) {
  const from = Math.max(v.min_qty, atLeast);
  return Math.ceil(from / v.case_pack) * v.case_pack;
}

async function opsSignIn(page: Page) {
  await page.goto("/ops/login");
  await page.getByLabel("Email").fill("ops@soko.test");
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/ops$/);
}

test.describe("wholesale portal", () => {
  // A page that breaks in the browser (e.g. a server-only value used while rendering) fails the test.
  let pageErrors: string[] = [];
  test.beforeEach(({ page }) => {
    pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
  });
  test.afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  test("a store applies, operations approve it, the buyer sets a password from the emailed link and orders on net 30 after a below-minimum refusal", async ({
    page,
    browser,
  }) => {
    // Three people in turn (the store, operations, the buyer) and two emails: a long journey.
    test.slow();
    const sql = e2eSql();
    const business = `Playwright Goods ${Date.now()}`;
    const email = `buyer-${Date.now()}@playwright.example`;
    try {
      // A made-to-order-priced piece whose minimum alone stays under the $500 opening minimum.
      const [variant] = await sql<Pick[]>`
        select v.sku, v.price, v.min_qty, v.case_pack from variants v join products p on p.id = v.product_id
        where p.status = 'active' and v.price between 3000 and 8000 order by v.id limit 1`;

      await page.goto("/wholesale");
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Handmade jewelry for your store");
      await expect(page.getByText("$500.00 opening order")).toBeVisible();
      await page.getByLabel("Business name").fill(business);
      await page.getByLabel("Your name").fill("Pat Buyer");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Tax ID or resale certificate number").fill("CA-SR-998877");
      await page.getByLabel("Store locations").fill("San Diego, one door");
      await page.getByLabel("Expected yearly volume").selectOption("5k-25k");
      await page.getByRole("button", { name: "Send application" }).click();
      await expect(page.getByRole("status")).toContainText(`we received ${business}'s application`);

      await opsSignIn(page);
      await page.goto("/ops/retailers");
      await page.getByLabel("Status").selectOption("applied");
      await page.getByLabel("Name or email").fill(business);
      await page.getByRole("button", { name: "Filter" }).click();
      await expect(page).toHaveURL(/status=applied/);
      await page.getByRole("link", { name: business }).click();
      await page.getByLabel("Price tier").selectOption("standard");
      await page.getByLabel("Payment terms").selectOption("net30");
      await page.getByLabel("Credit limit (USD)").fill("5000");
      await page.getByRole("button", { name: "Approve and invite the buyer" }).click();
      await expect(page.getByRole("status")).toContainText("Saved.");

      await page.goto("/ops/outbox");
      await page
        .getByRole("link", { name: `${business} is approved for Soko wholesale` })
        .first()
        .click();
      const text = await page.locator(".ops-message-text").textContent();
      const link = /https?:\/\/\S+\/wholesale\/invite\/[A-Za-z0-9_-]+/.exec(text ?? "")?.[0];
      expect(link).toBeTruthy();
      await page.getByRole("button", { name: "Sign out" }).click();

      // The buyer opens the emailed link on a phone with JavaScript off: a plain form post.
      const phone = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
      const buyerPage = await phone.newPage();
      await buyerPage.goto(link!);
      await expect(buyerPage.getByRole("heading", { name: "Set your password" })).toBeVisible();
      await buyerPage.getByLabel("Password", { exact: true }).fill("playwright-pass-1");
      await buyerPage.getByLabel("Password again").fill("playwright-pass-1");
      await buyerPage.getByRole("button", { name: "Set password and sign in" }).click();
      await expect(buyerPage).toHaveURL(/\/wholesale\/catalog$/);
      await expect(buyerPage.getByRole("heading", { level: 1, name: "Catalog" })).toBeVisible();
      // On a phone the grid's cards each have their own add; in the list each row labels its own cells.
      await expect(buyerPage.getByRole("form", { name: /^Add .+ to your order$/ }).first()).toBeVisible();
      await buyerPage.goto("/wholesale/catalog?view=list");
      await expect(buyerPage.getByRole("cell", { name: /^Your price/ }).first()).toBeVisible();
      await phone.close();
      // The link is spent.
      await page.goto(link!);
      await expect(page.getByRole("heading", { name: "This invitation link has expired" })).toBeVisible();
      await page.goto("/wholesale/login");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill("playwright-pass-1");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/\/wholesale\/catalog$/);
      await expect(page.getByRole("navigation", { name: "Wholesale" }).getByRole("link", { name: "Quick order" })).toBeVisible();

      await page.goto("/wholesale/account");
      await page.getByLabel("Location name").fill("San Diego store");
      await page.getByLabel("Street address").fill("100 Harbor Dr");
      await page.getByLabel("City").fill("San Diego");
      await page.getByLabel("State or region").fill("CA");
      await page.getByLabel("ZIP or postal code").fill("92101");
      await page.getByRole("button", { name: "Add location" }).click();
      await expect(page.getByRole("status")).toHaveText("Added San Diego store.");

      const small = orderable(variant, variant.min_qty);
      await page.goto("/wholesale/quick-order");
      await page.getByLabel("SKU, row 1", { exact: true }).fill(variant.sku);
      await page.getByLabel("Quantity, row 1", { exact: true }).fill(String(small));
      await page.getByRole("button", { name: "Add to order" }).click();
      await expect(page.getByRole("status")).toContainText("Added 1 item to your order.");
      await page.getByLabel("PO number").fill("PW-001");
      await page.getByRole("button", { name: /Place order/ }).click();
      await expect(page.getByRole("alert")).toContainText("An opening order must be at least $500.00. Add");

      // Enough units for the minimum (well inside the $5,000 limit).
      const unit = Math.round(variant.price * 0.5);
      const enough = orderable(variant, Math.ceil(55_000 / unit));
      await page.getByLabel(`Quantity of ${variant.sku}`).fill(String(enough));
      await page.getByRole("button", { name: "Update" }).click();
      await expect(page.getByRole("status")).toHaveText("Quantity updated.");
      await page.getByLabel("PO number").fill("PW-001");
      await expect(page.getByLabel("Ship to")).toHaveValue(/\d+/);
      await expect(page.getByLabel(/Net 30/)).toBeChecked();
      await page.getByRole("button", { name: /Place order/ }).click();
      await expect(page).toHaveURL(/\/wholesale\/orders\?placed=SK-\d+$/);
      await expect(page.getByRole("status")).toContainText("on Net 30 terms");
      await expect(page.getByRole("link", { name: "PO PW-001" })).toBeVisible();

      const [order] = await sql<Array<{ payment_status: string; channel: string; invoices: number; requests: number }>>`
        select o.payment_status, o.channel,
          (select count(*)::int from invoices i where i.order_id = o.id) as invoices,
          (select count(*)::int from production_requests pr where pr.order_id = o.id) as requests
        from orders o join wholesale_orders w on w.order_id = o.id join retailers r on r.id = w.retailer_id
        where r.name = ${business}`;
      expect(order).toMatchObject({ payment_status: "on_terms", channel: "wholesale", invoices: 1 });
    } finally {
      await sql.end();
    }
  });

  test("the demo buyer uploads a CSV with bad rows, fixes it, and places the order on net 30", async ({ page }) => {
    const sql = e2eSql();
    try {
      const variants = await sql<Pick[]>`
        select v.sku, v.price, v.min_qty, v.case_pack from variants v join products p on p.id = v.product_id
        where p.status = 'active' and v.case_pack > 1 and v.price between 3000 and 9000 order by v.id limit 2`;
      const [a, b] = variants;
      await page.goto("/wholesale/quick-order");
      await expect(page).toHaveURL(/\/wholesale\/login\?redirectTo=%2Fwholesale%2Fquick-order$/);
      await page.getByLabel("Email").fill("buyer@retailer.test");
      await page.getByLabel("Password").fill("soko-demo");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/\/wholesale\/quick-order$/);

      // The catalog shows the buyer's prices beside MSRP, with stock or a planned ship date.
      await page.goto(`/wholesale/catalog?view=list&q=${encodeURIComponent(a.sku)}`);
      const catalogRow = page.getByRole("row").filter({ hasText: a.sku });
      await expect(catalogRow).toContainText(`Min ${a.min_qty} · case of ${a.case_pack}`);
      await expect(catalogRow).toContainText(/In stock now|Made to order, ships from/);
      await expect(page.getByRole("link", { name: "Line sheet (PDF)" })).toHaveAttribute("href", "/wholesale/line-sheet.pdf");
      await page.goto("/wholesale/quick-order");

      const bad = `\uFEFFSKU,Quantity\r\n${a.sku},${a.case_pack * 2 + 1}\r\nNOT-A-SKU,5\r\n${b.sku},-3\r\n${b.sku},2.5\r\n`;
      await page.getByLabel("CSV file").setInputFiles({ name: "order.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
      await page.getByRole("button", { name: "Upload and check" }).click();
      await expect(page.getByRole("alert")).toHaveText(
        "4 rows need fixing before anything is added to your order. Nothing from order.csv was added.",
      );
      const errors = page.getByRole("table", { name: "Rows to fix" });
      await expect(errors.getByRole("row")).toHaveCount(5);
      await expect(errors).toContainText("Unknown SKU “NOT-A-SKU”.");
      await expect(errors).toContainText("Enter a quantity of at least 1.");
      await expect(errors).toContainText("Enter a whole number of units.");
      await expect(errors).toContainText(`This item comes in cases of ${a.case_pack}`);

      const unitA = Math.round(a.price * 0.45);
      const qtyA = orderable(a, Math.ceil(40_000 / unitA));
      const qtyB = orderable(b, b.min_qty);
      await page.getByLabel("CSV file").setInputFiles({
        name: "order.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(`SKU,Quantity\r\n${a.sku},${qtyA}\r\n${b.sku},${qtyB}\r\n`),
      });
      await page.getByRole("button", { name: "Upload and check" }).click();
      await expect(page.getByRole("status")).toContainText("Added 2 items to your order.");
      const lines = page.getByRole("region", { name: "Order lines" });
      await expect(lines).toContainText(a.sku);
      await expect(lines).toContainText(b.sku);

      const po = `CSV-${Date.now()}`;
      await page.getByLabel("PO number").fill(po);
      await page.getByLabel("Ship to").selectOption({ label: "Berkeley warehouse — 930 Ashby Ave, Berkeley, CA" });
      await page.getByLabel(/Net 30/).check();
      await page.getByRole("button", { name: /Place order/ }).click();
      await expect(page).toHaveURL(/\/wholesale\/orders\?placed=SK-\d+$/);
      await expect(page.getByRole("link", { name: `PO ${po}` })).toBeVisible();
      const [row] = await sql<Array<{ payment_status: string; lines: number }>>`
        select o.payment_status, (select count(*)::int from order_lines l where l.order_id = o.id) as lines
        from wholesale_orders w join orders o on o.id = w.order_id where w.po_number = ${po}`;
      expect(row).toEqual({ payment_status: "on_terms", lines: 2 });
    } finally {
      await sql.end();
    }
  });
});
