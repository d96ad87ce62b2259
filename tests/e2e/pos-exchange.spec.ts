import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "./csp";
import { e2eSql, hydrated, signInToRegister } from "./support";

/**
 * Exchanges at the counter (#16): a cashier swaps a ring for a larger size, the customer paying the
 * difference in cash; and one for a cheaper finish, the difference back to the card, with
 * JavaScript off. The ring is made here: the demo's sizes of a piece all cost the same.
 */
test.describe.configure({ mode: "serial" });

type Ring = { size6: string; size8: string; silver: string; ids: Record<string, number> };
let ring: Ring;

async function shelf(variantId: number): Promise<number> {
  const sql = e2eSql();
  try {
    const [row] = await sql<{ on_hand: number }[]>`
      select il.on_hand from inventory_levels il join locations l on l.id = il.location_id
       where il.variant_id = ${variantId} and l.code = 'SF-FLAGSHIP'`;
    return row?.on_hand ?? 0;
  } finally {
    await sql.end();
  }
}

test.beforeAll(async () => {
  const sql = e2eSql();
  const tag = randomUUID().slice(0, 8);
  try {
    const [product] = await sql<{ id: number }[]>`
      insert into products (handle, title, category, status) values (${`e2e-exchange-ring-${tag}`}, 'Kamba Exchange Ring', 'rings', 'active')
      returning id`;
    const sizes = [
      ["Size 6", 4000, "6"],
      ["Size 8", 5000, "8"],
      ["Silver finish", 3000, "S"],
    ] as const;
    const ids: Record<string, number> = {};
    for (const [i, [title, price, code]] of sizes.entries()) {
      const [v] = await sql<{ id: number }[]>`
        insert into variants (product_id, sku, barcode, title, position, price, wholesale_price, piece_rate)
        values (${product.id}, ${`E2E-XR-${tag}-${code}`}, ${`29${tag.replace(/\D/g, "").padEnd(8, "7").slice(0, 8)}${i}00`}, ${title}, ${i}, ${price}, ${price / 2}, 150000)
        returning id`;
      ids[code] = v.id;
      await sql`insert into inventory_levels (variant_id, location_id, on_hand)
        select ${v.id}, id, 5 from locations where code = 'SF-FLAGSHIP'`;
    }
    ring = { size6: `E2E-XR-${tag}-6`, size8: `E2E-XR-${tag}-8`, silver: `E2E-XR-${tag}-S`, ids };
  } finally {
    await sql.end();
  }
});

async function sellSize6(page: Page, tender: "cash" | "card"): Promise<string> {
  await signInToRegister(page);
  await hydrated(page);
  const field = page.getByLabel("Scan or search");
  await field.fill(ring.size6);
  await field.press("Enter");
  await expect(page.locator(".pos-line__title", { hasText: "Kamba Exchange Ring" })).toBeVisible();
  if (tender === "cash") {
    await page.getByLabel("Cash given").fill("100");
    await page.getByRole("button", { name: /^Take payment/ }).click();
  } else {
    await page.getByLabel("Card", { exact: true }).check();
    await page.getByRole("button", { name: /^Charge card/ }).click();
  }
  await expect(page).toHaveURL(/\/pos\/sales\/SK-\d+$/);
  return /SK-\d+/.exec(page.url())![0];
}

test("a ring for a larger size, the difference paid in cash: the new ring leaves the shelf, change given", async ({ page }, testInfo) => {
  const number = await sellSize6(page, "cash");
  const [six, eight] = [await shelf(ring.ids["6"]), await shelf(ring.ids["8"])];
  await hydrated(page);

  await page.getByLabel("Refund, or exchange for").selectOption(String(ring.ids["8"]));
  // $40.00 + 7.25% tax paid; a $50.00 ring on the same terms: $10.73 more.
  await expect(page.getByTestId("exchange-sum")).toHaveText("About $10.73 to take from the customer.");
  await page.getByLabel("Cash", { exact: true }).check();
  await page.getByLabel("Cash handed over (empty: the exact difference)").fill("20");
  await page.getByLabel("Reason").selectOption({ label: "Wrong size or fit" });
  await page.getByLabel("Note (optional)").fill("Too small");
  for (const width of [390, 820, 1280]) {
    await page.setViewportSize({ width, height: 1000 });
    await page.getByRole("heading", { name: "Return or exchange" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`exchange-form-${width}.png`), fullPage: true });
  }
  await page.getByRole("button", { name: "Return or exchange" }).click();

  await expect(
    page.getByText(/Exchanged as SK-\d+: hand over the new pieces\. Difference of \$10\.73 taken in cash; change \$9\.27\./),
  ).toBeVisible();
  await expect(page.getByText("Exchange difference paid in cash")).toBeVisible();
  // The receipt's line says what the ring became, not that it was returned.
  await expect(page.getByTestId("receipt-exchanged")).toHaveText(/^Exchanged: 1 for Kamba Exchange Ring — .*8 \(SK-\d+\)$/);
  await expect(page.locator(".pos-receipt__lines")).not.toContainText("Returned:");
  await expect(
    page.getByText(/RT-\d+ exchanged \(new piece SK-\d+\), \$10\.73 paid on top — Wrong size or fit \(Too small\)/),
  ).toBeVisible();
  expect(await shelf(ring.ids["8"])).toBe(eight - 1);
  expect(await shelf(ring.ids["6"])).toBe(six + 1);
  await page.setViewportSize({ width: 820, height: 1000 });
  await page.screenshot({ path: testInfo.outputPath("exchange-done-820.png"), fullPage: true });
  expect(number).toMatch(/^SK-/);
});

test("a cheaper finish with JavaScript off: the difference goes back to the card", async ({ page, browser }, testInfo) => {
  const number = await sellSize6(page, "card");
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 820, height: 1000 } });
  const noJs = await context.newPage();
  try {
    await signInToRegister(noJs);
    await noJs.goto(`/pos/sales/${number}`);
    await expect(noJs.locator("option", { hasText: "Silver finish" })).toContainText("$10.72 back each");
    await noJs.getByLabel("Refund, or exchange for").selectOption(String(ring.ids.S));
    await noJs.getByLabel("Reason").selectOption("not_as_pictured");
    await noJs.getByLabel("Note (optional)").fill("Prefers silver");
    await noJs.getByRole("button", { name: "Return or exchange" }).click();
    // $42.90 paid; a $30.00 piece on the same terms is $32.18: $10.72 back.
    await expect(noJs.getByText(/Exchanged as SK-\d+: hand over the new pieces\. Difference back: \$10\.72 to the card\./)).toBeVisible();
    await expect(noJs.getByText("Refunded to card")).toBeVisible();
    await noJs.screenshot({ path: testInfo.outputPath("exchange-card-nojs-820.png"), fullPage: true });
  } finally {
    await context.close();
  }
});
