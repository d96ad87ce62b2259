import { expect, test, type Page } from "@playwright/test";
import { e2eSql } from "./support";

type Arranged = { number: string; requestId: number; orderId: number; sku: string; artisanId: number };

/**
 * A net-30 wholesale order for the demo buyer's retailer, straight in the e2e database: one line,
 * made to order, with its production request already accepted and in progress at the demo artisan.
 */
async function arrangeOrder(buyerEmail = "buyer@retailer.test"): Promise<Arranged> {
  const sql = e2eSql();
  try {
    return await sql.begin(async (tx) => {
      const [buyer] = await tx<
        { id: number; retailer_id: number; email: string }[]
      >`select id, retailer_id, email from buyer_users where email = ${buyerEmail}`;
      expect(buyer, "the demo buyer is seeded").toBeTruthy();
      const [variant] = await tx<{ id: number; sku: string; title: string; wholesale_price: number; piece_rate: number }[]>`
        select v.id, v.sku, p.title, v.wholesale_price, v.piece_rate from variants v join products p on p.id = v.product_id
        where p.status = 'active' order by v.id limit 1`;
      const [artisan] = await tx<{ id: number }[]>`select id from artisans where phone = '+254700000001'`;
      const quantity = 12;
      const total = quantity * variant.wholesale_price;
      const [order] = await tx<{ id: number; number: string }[]>`
        insert into orders (number, channel, status, payment_status, retailer_id, email, currency, subtotal, total)
        values ('SK-' || nextval('order_numbers'), 'wholesale', 'in_production', 'on_terms', ${buyer.retailer_id}, ${buyer.email}, 'USD', ${total}, ${total})
        returning id, number`;
      const [line] = await tx<{ id: number }[]>`
        insert into order_lines (order_id, variant_id, sku, title, quantity, unit_price, total)
        values (${order.id}, ${variant.id}, ${variant.sku}, ${variant.title}, ${quantity}, ${variant.wholesale_price}, ${total}) returning id`;
      await tx`insert into wholesale_orders (order_id, retailer_id, buyer_id, po_number, payment_terms)
               values (${order.id}, ${buyer.retailer_id}, ${buyer.id}, ${`E2E-${order.number}`}, 'net30')`;
      const [request] = await tx<{ id: number }[]>`
        insert into production_requests (number, order_id, order_line_id, variant_id, quantity, units_made, artisan_id, piece_rate, due_date, status)
        values ('PR-' || nextval('production_request_numbers'), ${order.id}, ${line.id}, ${variant.id}, ${quantity}, 0, ${artisan.id}, ${variant.piece_rate}, current_date + 14, 'in_progress')
        returning id`;
      await tx`insert into allocations (order_line_id, kind, production_request_id, quantity) values (${line.id}, 'production', ${request.id}, ${quantity})`;
      return { number: order.number, requestId: request.id, orderId: order.id, sku: variant.sku, artisanId: artisan.id };
    });
  } finally {
    await sql.end();
  }
}

/** What the artisan app writes when they record pieces made: the count and an event (which NOTIFY fires on). */
async function recordMade(arranged: Arranged, unitsMade: number) {
  const sql = e2eSql();
  try {
    await sql.begin(async (tx) => {
      await tx`update production_requests set units_made = ${unitsMade}, updated_at = now() where id = ${arranged.requestId}`;
      await tx`insert into production_events (request_id, order_id, artisan_id, from_status, to_status, actor, note)
               values (${arranged.requestId}, ${arranged.orderId}, ${arranged.artisanId}, 'in_progress', 'in_progress', ${`artisan:${arranged.artisanId}`}, ${`${unitsMade} made`})`;
    });
  } finally {
    await sql.end();
  }
}

async function signIn(page: Page) {
  await page.goto("/wholesale/login");
  await page.getByLabel("Email").fill("buyer@retailer.test");
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/wholesale\/catalog/);
}

// A buyer in California: the moments on the portal read in her own zone once the page runs.
test.use({ timezoneId: "America/Los_Angeles" });

const madeCell = (page: Page, sku: string) => page.locator(`tr[data-sku="${sku}"] td[data-stage="made"] [data-units]`);

test("the demo buyer watches a line's units made update live, then downloads the line sheet", async ({ page }) => {
  const arranged = await arrangeOrder();
  await signIn(page);
  await page.goto(`/wholesale/orders/${arranged.number}`);
  await expect(page.getByRole("heading", { level: 1, name: `Order ${arranged.number}` })).toBeVisible();
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  await expect(page.locator("p", { hasText: "placed" }).locator("time")).toHaveText(/^\w+ \d{1,2}, \d{4} at \d{1,2}:\d{2} [AP]M P[SD]T$/);
  await expect(madeCell(page, arranged.sku)).toHaveText("0");
  // The demo artisan consented to a public profile: her first name links to it.
  await expect(page.locator(`tr[data-sku="${arranged.sku}"]`).getByRole("link", { name: "Grace" })).toHaveAttribute(
    "href",
    /^\/makers\/grace-/,
  );

  await recordMade(arranged, 5);
  await expect(madeCell(page, arranged.sku)).toHaveText("5");
  await recordMade(arranged, 9);
  await expect(madeCell(page, arranged.sku)).toHaveText("9");

  const response = await page.request.get("/wholesale/line-sheet.pdf");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  const body = await response.body();
  expect(body.subarray(0, 5).toString()).toBe("%PDF-");
  expect(body.byteLength).toBeGreaterThan(10_000);
});

test("with JavaScript off the order page shows the current state, and another retailer's order is not found", async ({ browser }) => {
  const arranged = await arrangeOrder();
  await recordMade(arranged, 7);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await signIn(page);
    await page.goto(`/wholesale/orders/${arranged.number}`);
    await expect(madeCell(page, arranged.sku)).toHaveText("7");
    await expect(page.getByText("Refresh for updates")).toBeVisible();
    // Without JavaScript the server cannot know her zone: UTC, and it says so (never a bare UTC day).
    await expect(page.locator("p", { hasText: "placed" }).locator("time")).toHaveText(/ UTC$/);

    // An order of another retailer, by its number: 404.
    const sql = e2eSql();
    const [stranger] = await sql<{ email: string }[]>`
      select b.email from buyer_users b join retailers r on r.id = b.retailer_id
      where r.status = 'approved' and b.email <> 'buyer@retailer.test' order by b.id limit 1`.finally(() => sql.end());
    const theirs = await arrangeOrder(stranger.email);
    const response = await page.goto(`/wholesale/orders/${theirs.number}`);
    expect(response?.status()).toBe(404);
  } finally {
    await context.close();
  }
});
