/**
 * What a buyer met walking the wholesale portal (issue 15), at the sizes buyers use: a desktop at
 * 1280 px and an iPad in portrait at 820 px.
 */
import { expect, test, type Page } from "@playwright/test";
import { e2eSql } from "./support";

async function signIn(page: Page) {
  await page.goto("/wholesale/login");
  await page.getByLabel("Email").fill("buyer@retailer.test");
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/wholesale\/catalog/);
}

test("the line sheet shows each product's picture, not a letter square", async ({ page }) => {
  await signIn(page);
  const response = await page.request.get("/wholesale/line-sheet.pdf");
  expect(response.status()).toBe(200);
  const pdf = (await response.body()).toString("latin1");
  const sql = e2eSql();
  const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from products where status = 'active'`.finally(() => sql.end());
  // One JPEG per product, drawn from its art.
  const images = [...pdf.matchAll(/<<([^>]*\/Subtype \/Image[^>]*)>>/g)].map((m) => m[1]);
  expect(images).toHaveLength(n);
  for (const image of images) expect(image).toContain("/DCTDecode");
});

/** Full-page screenshots to look at, beside the test's other output. */
async function shoot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

/** Every <img> in the locator has loaded a real picture. */
async function expectImagesLoaded(images: ReturnType<Page["locator"]>, atLeast: number) {
  await expect.poll(() => images.count()).toBeGreaterThanOrEqual(atLeast);
  for (const img of await images.all()) {
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  }
}

for (const width of [390, 820, 1280]) {
  test(`the landing page shows the collection's pieces at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: width < 500 ? 844 : width < 1000 ? 1180 : 900 });
    await page.goto("/wholesale");
    const art = page.getByRole("list", { name: "New in the collection" });
    await expect(art.getByRole("listitem")).toHaveCount(4);
    await expectImagesLoaded(art.getByRole("img"), 4);
    // The first pictures are in the opening screen, not below the form.
    const box = await art.getByRole("img").first().boundingBox();
    expect(box!.y).toBeLessThan(width < 500 ? 844 : 700);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, `landing-${width}`);
  });
}

test("checkout shows the card fields only when paying by card", async ({ browser }) => {
  const sql = e2eSql();
  const [variant] = await sql<{ sku: string; min_qty: number; case_pack: number }[]>`
    select v.sku, v.min_qty, v.case_pack from variants v join products p on p.id = v.product_id
    where p.status = 'active' order by v.id limit 1`.finally(() => sql.end());
  for (const width of [820, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 1100 } });
    const page = await context.newPage();
    try {
      await signIn(page);
      await page.goto("/wholesale/quick-order");
      await page.getByLabel("SKU, row 1", { exact: true }).fill(variant.sku);
      const qty = Math.ceil(variant.min_qty / variant.case_pack) * variant.case_pack;
      await page.getByLabel("Quantity, row 1", { exact: true }).fill(String(qty));
      await page.getByRole("button", { name: "Add to order" }).click();
      await expect(page.getByRole("status")).toContainText("Added 1 item to your order.");
      // The demo retailer is on net 30: chosen first, and no card fields with it.
      await expect(page.getByLabel(/Net 30/)).toBeChecked();
      await expect(page.getByLabel("Card number")).toBeHidden();
      await page.getByLabel("Card", { exact: true }).check();
      await expect(page.getByLabel("Card number")).toBeVisible();
      await expect(page.getByLabel("Expiry")).toBeVisible();
      await page.getByLabel(/Net 30/).check();
      await expect(page.getByLabel("Card number")).toBeHidden();
      await page.getByLabel("PO number").scrollIntoViewIfNeeded();
      await shoot(page, `checkout-net30-${width}`);
    } finally {
      await context.close();
    }
  }
});

test("an order shows a ship date and a picture per line, and a PO number the buyer wrote with PO once", async ({ page }) => {
  const sql = e2eSql();
  const po = `PO-UX-${Date.now()}`;
  let number = "";
  let sku = "";
  let due = "";
  try {
    await sql.begin(async (tx) => {
      const [buyer] = await tx<{ id: number; retailer_id: number; email: string }[]>`
        select id, retailer_id, email from buyer_users where email = 'buyer@retailer.test'`;
      const [variant] = await tx<{ id: number; sku: string; title: string; wholesale_price: number; piece_rate: number }[]>`
        select v.id, v.sku, p.title, v.wholesale_price, v.piece_rate from variants v join products p on p.id = v.product_id
        where p.status = 'active' order by v.id limit 1`;
      const total = 24 * variant.wholesale_price;
      const [order] = await tx<{ id: number; number: string }[]>`
        insert into orders (number, channel, status, payment_status, retailer_id, email, currency, subtotal, total)
        values ('SK-' || nextval('order_numbers'), 'wholesale', 'in_production', 'on_terms', ${buyer.retailer_id}, ${buyer.email}, 'USD', ${total}, ${total})
        returning id, number`;
      const [line] = await tx<{ id: number }[]>`
        insert into order_lines (order_id, variant_id, sku, title, quantity, unit_price, total)
        values (${order.id}, ${variant.id}, ${variant.sku}, ${variant.title}, 24, ${variant.wholesale_price}, ${total}) returning id`;
      await tx`insert into wholesale_orders (order_id, retailer_id, buyer_id, po_number, payment_terms)
               values (${order.id}, ${buyer.retailer_id}, ${buyer.id}, ${po}, 'net30')`;
      // Offered to makers, not accepted yet: the line used to say only "Finding makers".
      const [request] = await tx<{ id: number; due: string }[]>`
        insert into production_requests (number, order_id, order_line_id, variant_id, quantity, units_made, piece_rate, due_date, status)
        values ('PR-' || nextval('production_request_numbers'), ${order.id}, ${line.id}, ${variant.id}, 24, 0, ${variant.piece_rate}, current_date + 20, 'unassigned')
        returning id, (due_date + 2)::text as due`;
      await tx`insert into allocations (order_line_id, kind, production_request_id, quantity) values (${line.id}, 'production', ${request.id}, 24)`;
      number = order.number;
      sku = variant.sku;
      due = request.due;
    });
  } finally {
    await sql.end();
  }
  const shipsBy = new Date(`${due}T00:00:00Z`).toLocaleDateString("en-US", {
    month: "short",
    day: "numeric",
    year: "numeric",
    timeZone: "UTC",
  });
  for (const width of [820, 1280]) {
    await page.setViewportSize({ width, height: 1100 });
    if (width === 820) await signIn(page);
    await page.goto(`/wholesale/orders/${number}`);
    await expect(page.getByText(`${po} · `)).toBeVisible();
    await expect(page.getByText(`PO ${po}`)).toHaveCount(0);
    await expect(page).toHaveTitle(`Order ${number} (${po}) · Soko wholesale`);
    const row = page.locator(`tr[data-sku="${sku}"]`);
    await expect(row.locator("td[data-ships]")).toHaveText(`By ${shipsBy}`);
    await expect(page.getByRole("definition").filter({ hasText: shipsBy })).toBeVisible();
    await expectImagesLoaded(row.locator("img.ws-thumb"), 1);
    await shoot(page, `order-${width}`);
  }
  await page.goto("/wholesale/orders");
  await expect(page.getByRole("link", { name: po, exact: true })).toBeVisible();
});

test("an order's progress table scrolls inside its own box on a 390 px phone without JavaScript: the page itself never scrolls sideways", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page);
  await page.goto("/wholesale/orders");
  await page.locator("a[href^='/wholesale/orders/SK-']").first().click();
  const progress = page.getByRole("region", { name: "Progress by line" });
  await expect(progress.getByRole("table")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  expect(await progress.evaluate((box) => box.scrollWidth > box.clientWidth)).toBe(true);
  await page.screenshot({ path: test.info().outputPath("order-progress-390.png"), fullPage: true });
  await context.close();
});
