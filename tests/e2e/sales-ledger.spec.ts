/**
 * Retail sales in the ledger, as operations sees them (docs/decisions/0022): the demo's UK shopper
 * paid in pounds; /ops/payouts shows the retail sales booked in USD with the pounds beside, and her
 * partly refunded order's page shows its sale and its return's refund, at 820 and 1280 px.
 */
import { expect, test } from "@playwright/test";
import { e2eSql, hydrated, signInAsOpsAdmin } from "./support";

async function ukOrders() {
  const sql = e2eSql();
  try {
    return await sql<{ number: string; total: number; settlement_total: number }[]>`
      select o.number, o.total, o.settlement_total from orders o join customers c on c.id = o.customer_id
       where c.email = 'harriet.uk@soko.test' order by o.id`;
  } finally {
    await sql.end();
  }
}

const usd = (minor: number) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(minor / 100);
const gbp = (minor: number) => new Intl.NumberFormat("en-US", { style: "currency", currency: "GBP" }).format(minor / 100);

for (const width of [820, 1280]) {
  test(`ops sees a GBP sale booked in USD with the pounds beside at ${width} px`, async ({ page }, testInfo) => {
    const orders = await ukOrders();
    expect(orders).toHaveLength(2);
    const [, refunded] = orders;
    await page.setViewportSize({ width, height: 900 });

    await page.goto("/ops/payouts");
    await signInAsOpsAdmin(page);
    await page.waitForURL(/\/ops\/payouts/);
    await hydrated(page);
    // The section (the outer region of two by that name: the table's scroll region is the other).
    const sales = page.getByRole("region", { name: "Sales by the shopper's currency" }).first();
    const gbpRow = sales.getByRole("row").filter({ hasText: "soko:retail_sales:USD" }).filter({ hasText: "GBP" });
    await expect(gbpRow).toHaveCount(1);
    await expect(gbpRow).toContainText("£");
    await expect(gbpRow).toContainText("$");
    await sales.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`ops-sales-by-currency-${width}.png`), fullPage: false });

    await page.goto(`/ops/orders/${refunded.number}`);
    await hydrated(page);
    const ledger = page.getByRole("region", { name: "Ledger entries for this order" });
    const sale = ledger.getByRole("row").filter({ hasText: "soko:retail_sales:USD" });
    // Credit in USD (the order's settlement total), the shopper's pounds beside.
    await expect(sale).toContainText(usd(refunded.settlement_total));
    await expect(sale).toContainText(gbp(refunded.total));
    await expect(ledger).toContainText(`sale:${refunded.number}`);
    await expect(ledger).toContainText("return-refund:RT-");
    await ledger.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`ops-order-ledger-${width}.png`), fullPage: false });
  });
}
