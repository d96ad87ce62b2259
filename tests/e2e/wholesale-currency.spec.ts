/**
 * The UK department store's buyer orders in pounds (docs/decisions/0025): a euro market cookie from
 * the storefront changes nothing; the catalog, the order and its invoice are in £, the invoice PDF
 * too, and her dates are written the British way. Screenshots at 390, 820 and 1280 px of the catalog and the invoices page.
 */
import { expect, test } from "@playwright/test";
import { e2eSql, hydrated } from "./support";

type Piece = { sku: string; gbp: number; min_qty: number; case_pack: number };

test("the GBP buyer orders in the portal in pounds and sees £ on the invoice, whatever her market cookie", async ({
  page,
  context,
  baseURL,
}) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  const sql = e2eSql();
  try {
    // A piece, its quantity rules and its UK retail price (the standard tier buys at half of it before its 20% VAT).
    const [piece] = await sql<Piece[]>`
      select v.sku, mp.price as gbp, v.min_qty, v.case_pack from variants v join products p on p.id = v.product_id
      join market_prices mp on mp.variant_id = v.id and mp.market = 'gb'
      where p.status = 'active' and mp.price between 3000 and 9000
        and not exists (select 1 from volume_breaks b where b.variant_id = v.id) order by v.id limit 1`;
    const unit = Math.round((piece.gbp - Math.round((piece.gbp * 2000) / 12_000)) / 2);
    // Enough for the £200 reorder minimum, in whole cases; under the first catalogue-wide volume break (48), and
    // a piece with no break of its own.
    const pack = Math.max(1, piece.case_pack);
    const quantity = Math.ceil(Math.max(piece.min_qty, Math.ceil(30_000 / unit)) / pack) * pack;
    await context.addCookies([{ name: "soko_market", value: "eu", url: baseURL! }]);

    await page.goto("/wholesale/login");
    await page.getByLabel("Email").fill("buyer.uk@retailer.test");
    await page.getByLabel("Password").fill("soko-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).not.toHaveURL(/login/);

    await page.goto(`/wholesale/catalog?view=list&q=${encodeURIComponent(piece.sku)}`);
    await hydrated(page);
    const row = page.getByRole("row").filter({ hasText: piece.sku });
    await expect(row).toContainText(`£${(unit / 100).toFixed(2)}`);
    await expect(row).not.toContainText("€");
    await expect(row).not.toContainText("$");

    await page.goto("/wholesale/quick-order");
    await page.getByLabel("CSV file").setInputFiles({
      name: "order.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`SKU,Quantity\r\n${piece.sku},${quantity}\r\n`),
    });
    await page.getByRole("button", { name: "Upload and check" }).click();
    // The upload prices every row and then the page reloads its order: on a busy machine (a CI run at
    // load 17) that took over the default 7 s, the button still "busy".
    await expect(page.getByRole("status")).toContainText("Added 1 item", { timeout: 20_000 });
    const total = `£${((unit * quantity) / 100).toLocaleString("en-GB", { minimumFractionDigits: 2 })}`;
    await expect(page.getByRole("region", { name: "Order lines" })).toContainText(total);

    const po = `HF-E2E-${Date.now()}`;
    await page.getByLabel("PO number").fill(po);
    await page.getByLabel(/Net 60/).check();
    await page.getByRole("button", { name: /Place order/ }).click();
    await expect(page).toHaveURL(/\/wholesale\/orders\?placed=SK-\d+$/);
    await expect(page.getByRole("link", { name: po })).toBeVisible();

    const [invoice] = await sql<Array<{ number: string; currency: string; amount: number; due_date: string; order_number: string }>>`
      select i.number, i.currency, i.amount, i.due_date::text, o.number as order_number from invoices i
      join wholesale_orders w on w.order_id = i.order_id join orders o on o.id = i.order_id where w.po_number = ${po}`;
    expect(invoice).toMatchObject({ currency: "GBP", amount: unit * quantity });
    // Her days the British way, in the portal as on the invoice: "5 Feb 2027", not "Feb 5, 2027".
    const day = (month: "short" | "long") =>
      new Date(`${invoice.due_date}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month, year: "numeric", timeZone: "UTC" });

    await page.goto("/wholesale/invoices");
    await hydrated(page);
    const invoiceRow = page.getByRole("row").filter({ hasText: invoice.number });
    await expect(invoiceRow).toContainText(total);
    await expect(invoiceRow).toContainText(day("short"));
    await page.goto(`/wholesale/orders/${invoice.order_number}`);
    await expect(page.getByRole("region", { name: "Invoice" })).toContainText(`due ${day("long")}`);
    const pdf = await page.request.get(`/wholesale/invoices/${invoice.number}.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toContain("application/pdf");

    for (const width of [390, 820, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/wholesale/invoices");
      await page.screenshot({ path: `test-results/wholesale-currency-invoices-${width}.png`, fullPage: true });
      await page.goto(`/wholesale/catalog?q=${encodeURIComponent(piece.sku)}`);
      await page.screenshot({ path: `test-results/wholesale-currency-catalog-${width}.png` });
    }
    expect(errors).toEqual([]);
  } finally {
    await sql.end();
  }
});
