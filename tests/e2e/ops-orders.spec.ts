import { expect, test, type Page } from "@playwright/test";
import { buyThroughStorefront, e2eSql } from "./support";

type Variant = { variantId: number; handle: string };

/** A demo variant sold from US stock, and one nobody has in stock (made to order). */
async function demoVariants(): Promise<{ stocked: Variant; madeToOrder: Variant }> {
  const sql = e2eSql();
  try {
    const [stocked] = await sql<Variant[]>`
      select v.id as "variantId", p.handle from variants v join products p on p.id = v.product_id
      where p.status = 'active' and exists (select 1 from inventory_levels il join locations l on l.id = il.location_id
                                           where il.variant_id = v.id and l.code = 'US-FC' and il.on_hand - il.reserved >= 5)
      order by v.id desc limit 1`;
    const [madeToOrder] = await sql<Variant[]>`
      select v.id as "variantId", p.handle from variants v join products p on p.id = v.product_id
      where p.status = 'active' and exists (select 1 from product_skills ps where ps.product_id = p.id)
        and not exists (select 1 from inventory_levels il join locations l on l.id = il.location_id
                        where il.variant_id = v.id and l.code in ('US-FC', 'NBO-HUB') and il.on_hand > il.reserved)
      order by v.id desc limit 1`;
    expect(stocked, "the demo data has pieces in stock").toBeTruthy();
    expect(madeToOrder, "the demo data has made-to-order pieces").toBeTruthy();
    return { stocked, madeToOrder };
  } finally {
    await sql.end();
  }
}

/** Through the real storefront: bag, address, Standard shipping, the 4242 test card. Returns the order number. */
function placeOrder(page: Page, email: string, variants: Variant[]) {
  return buyThroughStorefront(page, email, variants);
}

async function signIn(page: Page) {
  await expect(page).toHaveURL(/\/ops\/login/);
  await page.getByLabel("Email").fill("ops@soko.test");
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
}

test.describe("operations: orders", () => {
  test("find a new order, refund $5, cancel it; the page shows the new events", async ({ page }) => {
    const { stocked, madeToOrder } = await demoVariants();
    const email = `ops-e2e-${Date.now()}@example.com`;
    const number = await placeOrder(page, email, [stocked, madeToOrder]);

    await page.goto("/ops/orders");
    await signIn(page);
    await expect(page).toHaveURL(/\/ops\/orders$/);
    await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();

    await page.getByLabel("Order number or email").fill(email);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/q=ops-e2e/);
    const rows = page.getByRole("region", { name: "Orders" }).getByRole("row");
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText(email);
    await page.getByRole("link", { name: number }).click();

    await expect(page.getByRole("heading", { level: 1, name: number })).toBeVisible();
    await expect(page.getByRole("link", { name: "Customer's status page" })).toHaveAttribute("href", new RegExp(`^/orders/${number}\\?t=`));
    const history = page.locator(".ops-history");
    await expect(history).toContainText("Placed (web)");
    await expect(history).toContainText("Paid");

    // A partial refund.
    await page.getByLabel("Amount (USD)").fill("5");
    await page.getByLabel("Reason (the customer sees this)").fill("Clasp arrived scratched");
    await page.getByLabel("Yes, refund this amount now. It can't be undone.").check();
    await page.getByRole("button", { name: "Refund", exact: true }).click();
    await expect(page.getByRole("status")).toHaveText("Refunded $5.00.");
    await expect(page.getByText("payment partially refunded")).toBeVisible();
    await expect(history).toContainText("Refunded: Clasp arrived scratched");
    await expect(history.locator("li").filter({ hasText: "Refunded: Clasp arrived scratched" })).toContainText("$5.00");
    // Who and when, as people read them: the staff member's name, Nairobi time labelled EAT, never "staff:1" or UTC.
    const refundedItem = history.locator("li").filter({ hasText: "Refunded: Clasp arrived scratched" });
    await expect(refundedItem).toContainText("by Njeri Odhiambo · staff");
    await expect(refundedItem.locator("time")).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2} EAT$/);
    await expect(history).not.toContainText(/\b(staff|artisan):\d+/);
    await expect(page.locator("main")).not.toContainText("UTC");
    // The form starts over for the next refund: nothing is left ready to be sent twice.
    await expect(page.getByLabel("Amount (USD)")).toHaveValue("");
    await expect(page.getByLabel("Yes, refund this amount now. It can't be undone.")).not.toBeChecked();

    // Then cancel: reserved stock goes back, production not started is cancelled.
    await page.getByLabel("Reason (optional)").fill("Customer asked to cancel");
    await page.getByLabel("Yes, cancel this order.").check();
    await page.getByRole("button", { name: "Cancel order" }).click();
    await expect(page.getByRole("status")).toContainText(`Order ${number} is cancelled.`);
    await expect(page.getByRole("status")).toContainText("1 reserved piece went back to stock.");
    await expect(history).toContainText("Cancelled: Customer asked to cancel");
    await expect(history.locator(".ops-history__item--production").filter({ hasText: "cancelled" }).first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Cancel order" })).toHaveCount(0);

    const sql = e2eSql();
    try {
      const [order] = await sql<
        { status: string; payment_status: string }[]
      >`select status, payment_status from orders where number = ${number}`;
      expect(order).toEqual({ status: "cancelled", payment_status: "partially_refunded" });
      const [refund] = await sql<
        { n: number }[]
      >`select count(*)::int as n from refunds r join orders o on o.id = r.order_id where o.number = ${number} and r.status = 'succeeded'`;
      expect(refund.n).toBe(1);
    } finally {
      await sql.end();
    }
  });

  test.describe("with JavaScript off", () => {
    test.use({ javaScriptEnabled: false });

    test("the filters, the order page and a refund work as plain forms", async ({ page }) => {
      const { stocked } = await demoVariants();
      const sql = e2eSql();
      let number: string;
      try {
        // An order written straight to the database (the checkout needs JavaScript for nothing, but this keeps the test short).
        const [order] = await sql<{ id: number; number: string }[]>`
          insert into orders (number, channel, status, payment_status, email, currency, subtotal, total, placed_at)
          values ('SK-' || nextval('order_numbers'), 'wholesale', 'open', 'paid', ${`nojs-${Date.now()}@retailer.test`}, 'USD', 9000, 9000, now())
          returning id, number`;
        number = order.number;
        await sql`insert into order_lines (order_id, variant_id, sku, title, quantity, unit_price, total)
                  select ${order.id}, v.id, v.sku, p.title, 2, 4500, 9000 from variants v join products p on p.id = v.product_id where v.id = ${stocked.variantId}`;
        await sql`insert into payments (order_id, provider, provider_ref, amount, currency, status) values (${order.id}, 'local', ${`lpi_nojs_${order.id}`}, 9000, 'USD', 'succeeded')`;
        await sql`insert into order_events (order_id, type, actor, data) values (${order.id}, 'placed', 'buyer', '{"channel":"wholesale"}'), (${order.id}, 'paid', 'local', '{}')`;
      } finally {
        await sql.end();
      }

      await page.goto("/ops/orders?channel=wholesale");
      await signIn(page);
      await expect(page.getByLabel("Channel")).toHaveValue("wholesale");
      await page.getByLabel("Order number or email").fill(number);
      await page.getByRole("button", { name: "Search" }).click();
      await expect(page.getByLabel("Channel")).toHaveValue("wholesale");
      await page.getByRole("link", { name: number }).click();
      await expect(page.getByRole("heading", { level: 1, name: number })).toBeVisible();

      // Too much is refused with the amount left, and the typed values stay.
      await page.getByLabel("Amount (USD)").fill("90.01");
      await page.getByLabel("Reason (the customer sees this)").fill("Short shipped");
      await page.getByLabel("Yes, refund this amount now. It can't be undone.").check();
      await page.getByRole("button", { name: "Refund", exact: true }).click();
      await expect(page.getByRole("alert")).toHaveText(
        "You can refund at most $90.00: $90.00 was paid and $0.00 has already been refunded.",
      );
      await expect(page.getByLabel("Amount (USD)")).toHaveValue("90.01");

      await page.getByLabel("Amount (USD)").fill("45");
      await page.getByLabel("Yes, refund this amount now. It can't be undone.").check();
      await page.getByRole("button", { name: "Refund", exact: true }).click();
      await expect(page.getByRole("status")).toHaveText("Refunded $45.00.");
      await expect(page.locator(".ops-history")).toContainText("Refunded: Short shipped");

      await page.goto("/ops/orders?status=lost");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("That request didn't make sense");
      await page.goto(`/ops/orders?q=no-such-order-${Date.now()}`);
      await expect(page.getByRole("heading", { name: "No orders match these filters" })).toBeVisible();
    });
  });
});
