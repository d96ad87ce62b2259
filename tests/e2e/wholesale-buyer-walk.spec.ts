/**
 * What a buyer met in the wholesale portal (issue 15), second walk: the order's count in the nav,
 * the catalog's sort, grid and per-card add with its "Added" where the buyer is looking (with and
 * without JavaScript), the quick order's review above its empty rows, and the order page's table
 * whole on an iPad in portrait.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { e2eSql, hydrated } from "./support";

async function signIn(page: Page) {
  await page.goto("/wholesale/login");
  await page.getByLabel("Email").fill("buyer@retailer.test");
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/wholesale\/catalog/);
}

async function shoot(page: Page, name: string, fullPage = false) {
  const dir = process.env.WALK_SHOTS;
  if (dir) mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: dir ? path.join(dir, `wholesale-${name}.png`) : test.info().outputPath(`${name}.png`), fullPage });
}

/** The element's box lies within the window as it is scrolled now. */
async function expectInView(page: Page, locator: ReturnType<Page["locator"]>) {
  const box = (await locator.boundingBox())!;
  const height = page.viewportSize()!.height;
  expect(box.y, "below the top of the window").toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, "above the bottom of the window").toBeLessThanOrEqual(height);
}

const HEIGHT: Record<number, number> = { 390: 844, 820: 1180, 1280: 900 };

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });
    for (const width of javaScriptEnabled ? [390, 820, 1280] : [820]) {
      test(`a card far down the grid adds its own quantity, says "Added" beside it, and the nav counts the order (${width} px)`, async ({
        page,
      }) => {
        await page.setViewportSize({ width, height: HEIGHT[width] });
        await signIn(page);
        await hydrated(page);
        const quickOrder = page.getByRole("navigation", { name: "Wholesale" }).getByRole("link", { name: /^Quick order/ });
        await expect(quickOrder).toHaveAccessibleName("Quick order");
        // Grid by default: a card per product, pictures first, each with its own add.
        const tiles = page.locator(".wholesale-tiles > li");
        await expect(tiles).toHaveCount(12);
        const card = tiles.nth(10);
        const title = (await card.getByRole("heading", { level: 2 }).textContent())!;
        const form = card.getByRole("form", { name: `Add ${title} to your order` });
        await form.scrollIntoViewIfNeeded();
        const quantity = form.getByLabel("Quantity");
        const least = Number(await quantity.inputValue());
        await form.getByRole("button", { name: "Add" }).click();
        const added = page.locator(`#${await card.getAttribute("id")}`).getByRole("status");
        // The machine running the suite can be slow to answer the post: allow it.
        await expect(added).toContainText(`Added ${least} ×`, { timeout: 20_000 });
        await expectInView(page, added);
        await expect(quickOrder).toHaveAccessibleName(/^Quick order: 1 item, \d+ units in your order$/);
        await expect(quickOrder.locator(".wholesale-nav__count")).toHaveText("1");
        // The message is beside the product, not also at the top of the page.
        await expect(page.getByRole("status")).toHaveCount(1);
        await shoot(page, `added-${width}${javaScriptEnabled ? "" : "-nojs"}`);
        await page.evaluate(() => window.scrollTo(0, 0));
        await shoot(page, `catalog-${width}${javaScriptEnabled ? "" : "-nojs"}`);
      });
    }
  });
}

test("sorts by price and by newest, and keeps the sort in list view", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page);
  await page.getByLabel("Sort by").selectOption("price");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/sort=price/);
  const prices = async () =>
    (await page.locator(".wholesale-tile__price strong").allTextContents()).map((t) => Number(t.replace(/[^0-9.]/g, "")));
  const low = await prices();
  expect(low).toHaveLength(12);
  expect(low).toEqual([...low].sort((a, b) => a - b));
  await page.getByLabel("Sort by").selectOption("price-desc");
  await page.getByRole("button", { name: "Show" }).click();
  const high = await prices();
  expect(high).toEqual([...high].sort((a, b) => b - a));
  expect(high[0]).toBeGreaterThan(low[0]);

  const sql = e2eSql();
  const [newest] = await sql<
    { title: string }[]
  >`select title from products where status = 'active' order by created_at desc, id desc limit 1`.finally(() => sql.end());
  await page.getByLabel("Sort by").selectOption("newest");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.locator(".wholesale-tiles > li").first().getByRole("heading", { level: 2 })).toHaveText(newest.title);

  await page.getByRole("navigation", { name: "Catalog view" }).getByRole("link", { name: "List" }).click();
  await expect(page).toHaveURL(/sort=newest/);
  await expect(page).toHaveURL(/view=list/);
  await expect(page.locator(".wholesale-products > li").first().getByRole("heading", { level: 2 })).toHaveText(newest.title);
  await expect(page.getByLabel("Sort by")).toHaveValue("newest");
});

test("quick order: with an order in progress, its review comes before the empty SKU rows", async ({ page }) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  await signIn(page);
  await page.locator(".wholesale-tiles > li").first().getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("status")).toContainText("Added");
  await page.goto("/wholesale/quick-order");
  const review = page.getByRole("heading", { name: /^Review: / });
  const rows = page.getByRole("heading", { name: "Add more by SKU or CSV" });
  await expect(review).toBeVisible();
  expect((await review.boundingBox())!.y).toBeLessThan((await rows.boundingBox())!.y);
  // The review and its total are on the first screen.
  expect((await review.boundingBox())!.y).toBeLessThan(600);
  await shoot(page, "quick-order-820");
});

test("the order page's progress table fits an iPad in portrait", async ({ page }) => {
  const sql = e2eSql();
  let number = "";
  try {
    const [buyer] = await sql<{ id: number; retailer_id: number; email: string }[]>`
      select id, retailer_id, email from buyer_users where email = 'buyer@retailer.test'`;
    const [variant] = await sql<{ id: number; sku: string; title: string; price: number; piece_rate: number }[]>`
      select v.id, v.sku, p.title || ' — ' || v.title as title, v.price, v.piece_rate from variants v join products p on p.id = v.product_id
      where p.status = 'active' order by length(p.title || v.title) desc limit 1`;
    await sql.begin(async (tx) => {
      const [order] = await tx<{ id: number; number: string }[]>`
        insert into orders (number, channel, status, payment_status, retailer_id, email, currency, subtotal, total)
        values ('SK-' || nextval('order_numbers'), 'wholesale', 'in_production', 'on_terms', ${buyer.retailer_id}, ${buyer.email}, 'USD', ${variant.price * 12}, ${variant.price * 12})
        returning id, number`;
      const [line] = await tx<{ id: number }[]>`
        insert into order_lines (order_id, variant_id, sku, title, quantity, unit_price, total)
        values (${order.id}, ${variant.id}, ${variant.sku}, ${variant.title}, 12, ${variant.price}, ${variant.price * 12}) returning id`;
      await tx`insert into wholesale_orders (order_id, retailer_id, buyer_id, po_number, payment_terms)
               values (${order.id}, ${buyer.retailer_id}, ${buyer.id}, 'PO-820-FIT', 'net30')`;
      const [request] = await tx<{ id: number }[]>`
        insert into production_requests (number, order_id, order_line_id, variant_id, quantity, units_made, piece_rate, due_date, status)
        values ('PR-' || nextval('production_request_numbers'), ${order.id}, ${line.id}, ${variant.id}, 12, 0, ${variant.piece_rate}, current_date + 20, 'unassigned')
        returning id`;
      await tx`insert into allocations (order_line_id, kind, production_request_id, quantity) values (${line.id}, 'production', ${request.id}, 12)`;
      number = order.number;
    });
  } finally {
    await sql.end();
  }
  await page.setViewportSize({ width: 820, height: 1180 });
  await signIn(page);
  await page.goto(`/wholesale/orders/${number}`);
  const wrap = page.locator(".ws-table-wrap");
  await expect(wrap.getByRole("table")).toBeVisible();
  const { scroll, client } = await wrap.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(scroll, "the table needs no sideways scroll").toBeLessThanOrEqual(client);
  await shoot(page, "order-table-820", true);
});
