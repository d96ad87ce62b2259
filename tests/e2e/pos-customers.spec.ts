import { expect, test, type Page } from "./csp";
import { e2eSql, hydrated, signInToRegister } from "./support";

/**
 * The sale's customer at the flagship: found as the cashier types (iPad portrait, 820 px), kept
 * through a reload and Shift and back, the receipt sent to their email and mobile by default, the
 * order theirs; a quick-create that runs into an existing email offers that customer (desktop,
 * 1280 px); and the same with JavaScript off (a plain search form and posts).
 */
test.describe.configure({ mode: "serial" });

async function query<T>(run: (sql: ReturnType<typeof e2eSql>) => Promise<T>): Promise<T> {
  const sql = e2eSql();
  try {
    return await run(sql);
  } finally {
    await sql.end();
  }
}

/** A demo piece with stock on the flagship's shelf. */
async function shelfPiece(): Promise<{ barcode: string; title: string }> {
  return query(async (sql) => {
    const [row] = await sql<{ barcode: string; title: string }[]>`
      select v.barcode, p.title from variants v join products p on p.id = v.product_id
      join inventory_levels il on il.variant_id = v.id and il.location_id = (select id from locations where code = 'SF-FLAGSHIP')
      where p.status = 'active' and il.on_hand - il.reserved >= 5 order by v.id desc limit 1`;
    return row;
  });
}

async function orderOf(number: string) {
  return query(async (sql) => {
    const [order] = await sql<
      { customer_id: number | null; email: string }[]
    >`select customer_id, email from orders where number = ${number}`;
    const sms = await sql<
      { to: string }[]
    >`select "to" from outbox where channel = 'sms' and template = 'pos-receipt' and dedupe_key like ${`pos-receipt-sms:${number}:%`}`;
    const emails = await sql<{ to: string }[]>`select "to" from outbox where channel = 'email' and dedupe_key = ${`pos-receipt:${number}`}`;
    return { customerId: order.customer_id, email: order.email, sms: sms.map((r) => r.to), emails: emails.map((r) => r.to) };
  });
}

async function customerId(email: string) {
  return query(async (sql) => (await sql<{ id: number }[]>`select id from customers where lower(email) = ${email}`)[0]?.id ?? null);
}

async function scan(page: Page, barcode: string, title: string) {
  const field = page.getByLabel("Scan or search");
  await field.fill(barcode);
  await field.press("Enter");
  await expect(page.locator(".pos-line__title", { hasText: title }).first()).toBeVisible();
}

const saleNumber = (page: Page) => /SK-\d+/.exec(page.url())![0];

test("iPad portrait: find Maya as one types, attach her, keep her through Shift and a reload; the receipt and the order are hers", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  await signInToRegister(page);
  const piece = await shelfPiece();
  await scan(page, piece.barcode, piece.title);

  const panel = page.getByRole("region", { name: "Customer", exact: true });
  await panel.getByLabel("Find a customer").pressSequentially("maya", { delay: 30 });
  const results = panel.getByRole("list", { name: "Customers found" });
  const maya = results.getByRole("listitem").filter({ hasText: "Maya Chen" });
  await expect(maya).toContainText("maya@example.com");
  await expect(maya).toContainText("+14155550142");
  await expect(maya).toContainText("$35.00 gift card / store credit");
  await page.screenshot({ path: testInfo.outputPath("customer-search-820.png") });
  await maya.getByRole("button", { name: "Attach Maya Chen" }).click();
  await expect(panel.getByTestId("attached-customer")).toContainText("Maya Chen");

  // Receipts go to her by default.
  await expect(page.getByLabel("Email the receipt to")).toHaveValue("maya@example.com");
  await expect(page.getByLabel("Text the receipt to")).toHaveValue("+14155550142");

  // Shift and back, then a reload: still her sale.
  await page.getByRole("link", { name: "Shift", exact: true }).click();
  await expect(page).toHaveURL(/\/pos\/shift/);
  await page.getByRole("link", { name: "Register", exact: true }).click();
  await hydrated(page);
  await expect(page.getByTestId("attached-customer")).toContainText("Maya Chen");
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("attached-customer")).toContainText("Maya Chen");
  await expect(page.getByLabel("Text the receipt to")).toHaveValue("+14155550142");
  await page.getByTestId("attached-customer").scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath("customer-attached-820.png") });

  await page.getByLabel("Cash given").fill("500");
  await page.getByRole("button", { name: /^Take payment/ }).click();
  await expect(page).toHaveURL(/\/pos\/sales\/SK-\d+$/);
  await expect(page.getByRole("status").first()).toContainText("Receipt texted to +14155550142");
  const order = await orderOf(saleNumber(page));
  expect(order).toEqual({
    customerId: await customerId("maya@example.com"),
    email: "maya@example.com",
    sms: ["+14155550142"],
    emails: ["maya@example.com"],
  });
});

test("desktop: a quick-create with a known email offers that customer; a new one is added, and the cashier changes the receipt", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInToRegister(page);
  const piece = await shelfPiece();
  await scan(page, piece.barcode, piece.title);
  const panel = page.getByRole("region", { name: "Customer", exact: true });

  await panel.getByText("New customer", { exact: true }).click();
  const form = panel.getByRole("form", { name: "New customer" });
  await form.getByLabel("Customer's name").fill("Amina O.");
  await form.getByLabel("Customer's email").fill("Amina@Example.com");
  await form.getByRole("button", { name: "Add and attach" }).click();
  const refused = panel.getByRole("alert");
  await expect(refused).toContainText("That email is already Amina Odhiambo's: attach them instead.");
  await page.screenshot({ path: testInfo.outputPath("customer-duplicate-1280.png") });
  await panel.getByRole("form", { name: "Customer on file" }).getByRole("button", { name: "Attach Amina Odhiambo" }).click();
  await expect(panel.getByTestId("attached-customer")).toContainText("Amina Odhiambo");
  await panel.getByRole("button", { name: "Detach" }).click();
  await expect(panel.getByText("Walk-in: no customer attached.")).toBeVisible();
  await expect(page.getByLabel("Email the receipt to (optional)")).toHaveValue("");

  // A new customer, by mobile only.
  const phone = `+1415555${String(Date.now()).slice(-4)}`;
  await panel.getByText("New customer", { exact: true }).click();
  await form.getByLabel("Customer's name").fill("Rosa Diaz");
  await form.getByLabel("Customer's mobile").fill(phone);
  await form.getByRole("button", { name: "Add and attach" }).click();
  await expect(panel.getByTestId("attached-customer")).toContainText("Rosa Diaz");
  await expect(page.getByLabel("Text the receipt to")).toHaveValue(phone);
  await expect(page.getByLabel("Email the receipt to")).toHaveValue("");
  // The cashier sends it by email instead.
  await page.getByLabel("Text the receipt to").fill("");
  await page.getByLabel("Email the receipt to").fill("rosa.receipts@example.com");
  await page.screenshot({ path: testInfo.outputPath("customer-receipt-1280.png") });
  await page.getByLabel("Cash given").fill("500");
  await page.getByRole("button", { name: /^Take payment/ }).click();
  await expect(page).toHaveURL(/\/pos\/sales\/SK-\d+$/);
  const order = await orderOf(saleNumber(page));
  const rosa = await query(async (sql) => (await sql<{ id: number }[]>`select id from customers where phone = ${phone}`)[0].id);
  expect(order).toEqual({ customerId: rosa, email: "rosa.receipts@example.com", sms: [], emails: ["rosa.receipts@example.com"] });
});

test("with JavaScript off: search with the form, attach, charge; the order is the customer's", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 820, height: 1180 } });
  const page = await context.newPage();
  try {
    await signInToRegister(page);
    const piece = await shelfPiece();
    await page.getByLabel("Scan or search").fill(piece.barcode);
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await expect(page.locator(".pos-line__title", { hasText: piece.title }).first()).toBeVisible();

    const panel = page.getByRole("region", { name: "Customer", exact: true });
    await panel.getByLabel("Find a customer").fill("wanjiru");
    await panel.getByRole("button", { name: "Search" }).click();
    const grace = panel.getByRole("listitem").filter({ hasText: "Grace Wanjiru" });
    await expect(grace).toContainText("+254712345001");
    await grace.getByRole("button", { name: "Attach Grace Wanjiru" }).click();
    await expect(page.getByTestId("attached-customer")).toContainText("Grace Wanjiru");
    await expect(page.getByLabel("Email the receipt to")).toHaveValue("grace.wanjiru@example.com");
    // Kept on the register: a fresh visit finds her.
    await page.goto("/pos/register");
    await expect(page.getByTestId("attached-customer")).toContainText("Grace Wanjiru");
    await page.screenshot({ path: testInfo.outputPath("customer-nojs-820.png"), fullPage: true });
    await page.getByLabel("Cash given").fill("500");
    await page.getByRole("button", { name: /^Take payment/ }).click();
    await expect(page).toHaveURL(/\/pos\/sales\/SK-\d+$/);
    const order = await orderOf(saleNumber(page));
    expect(order.customerId).toBe(await customerId("grace.wanjiru@example.com"));
    expect(order.sms).toEqual(["+254712345001"]);
  } finally {
    await context.close();
  }
});
