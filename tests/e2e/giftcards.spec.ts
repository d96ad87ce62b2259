import { expect, test, type Page } from "./csp";
import { addToBag, checkoutAddressAndShipping, e2eSql, hydrated, signInAsOpsAdmin } from "./support";

/**
 * Issue #16's gift card journey, as people do it: a shopper buys a $100 card with 4242, the
 * recipient's email is read in the outbox preview, part of the card pays a web order and the rest
 * pays part of a sale at the register (the remainder in cash). And the balance page with
 * JavaScript off on a phone.
 */
test.describe.configure({ mode: "serial" });

type Piece = { variantId: number; handle: string; barcode: string; title: string; price: number };

async function query<T>(run: (sql: ReturnType<typeof e2eSql>) => Promise<T>): Promise<T> {
  const sql = e2eSql();
  try {
    return await run(sql);
  } finally {
    await sql.end();
  }
}

/** A demo piece with stock where web orders ship from, priced from $40 to $90 (a $100 card pays it all). */
function webPiece(): Promise<Piece> {
  return query(async (sql) => {
    const [row] = await sql<Piece[]>`
      select v.id as "variantId", p.handle, v.barcode, p.title, v.price from variants v join products p on p.id = v.product_id
      where p.status = 'active' and v.price between 4000 and 9000
        and exists (select 1 from inventory_levels il join locations l on l.id = il.location_id
                    where il.variant_id = v.id and l.code in ('US-FC', 'NBO-HUB') and il.on_hand - il.reserved >= 2)
      order by v.id limit 1`;
    expect(row, "the demo data has such a piece").toBeTruthy();
    return row;
  });
}

/** A piece on the flagship's shelf worth more than `atLeast` (so the card pays only part of it). */
function shelfPiece(atLeast: number): Promise<Piece> {
  return query(async (sql) => {
    const [row] = await sql<Piece[]>`
      select v.id as "variantId", p.handle, v.barcode, p.title, v.price from variants v join products p on p.id = v.product_id
      join inventory_levels il on il.variant_id = v.id and il.location_id = (select id from locations where code = 'SF-FLAGSHIP')
      where p.status = 'active' and v.price > ${atLeast} and il.on_hand - il.reserved >= 2
      order by v.price, v.id limit 1`;
    expect(row, "the flagship has such a piece").toBeTruthy();
    return row;
  });
}

const CODE = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;
const recipient = `gift-${Date.now()}@example.test`;
let code = "";
let last4 = "";

async function shot(page: Page, name: string) {
  for (const width of [390, 820, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("buy a $100 gift card online with 4242", async ({ page }) => {
  await page.goto("/gift-cards");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1, name: "Gift cards" })).toBeVisible();
  await shot(page, "gift-cards");
  await page.getByLabel("$100.00").check();
  await page.getByLabel("Their name").fill("Wanjiru");
  await page.getByLabel("Their email").fill(recipient);
  await page.getByLabel("A message (optional)").fill("Happy birthday from Nairobi!");
  await page.getByLabel("Your name").fill("Amina");
  await page.getByLabel("Your email (for the receipt)").fill("amina@example.test");
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("Expiry").fill("12/30");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: "Buy gift card" }).click();
  await expect(page.getByRole("status")).toContainText(`Your $100.00 gift card for ${recipient} is emailed now`);
});

test("the recipient's email, read in the outbox preview, carries the code", async ({ page }) => {
  await page.goto("/ops/outbox");
  await signInAsOpsAdmin(page);
  await expect(page).toHaveURL(/\/ops\/outbox$/);
  const subject = "Amina sent you a Soko gift card of $100.00";
  // Emailed by the worker's deliver_gift_card job, a moment after the purchase.
  await expect(async () => {
    await page.goto("/ops/outbox");
    await expect(page.getByRole("row").filter({ hasText: recipient }).getByRole("link", { name: subject })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole("row").filter({ hasText: recipient }).getByRole("link", { name: subject }).click();
  const preview = page.frameLocator('iframe[title^="Email preview"]');
  await expect(preview.getByText("Happy birthday from Nairobi!")).toBeVisible();
  const shown = await preview.getByText(CODE).first().textContent();
  code = CODE.exec(shown ?? "")![0];
  last4 = code.slice(-4);
  expect(code).toMatch(CODE);
});

test("part of it pays a web order: no card needed, what is left is shown", async ({ page }) => {
  expect(code, "the code from the email").not.toBe("");
  const piece = await webPiece();
  await addToBag(page, [piece]);
  await checkoutAddressAndShipping(page, "wanjiru@example.test");
  await hydrated(page);
  await page.getByLabel("Gift card").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Apply" }).last().click();
  const line = page.locator(".totals__gift-card");
  await expect(line).toContainText(`Gift card ····${last4}`);
  await expect(line).toContainText("Leaves");
  await expect(page.locator(".totals__total").last()).toContainText("$0.00");
  await shot(page, "checkout-gift-card");
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/SK-\d+\?t=/);
  // The order's own page says what paid it: the card's part, and nothing left for a card.
  const summary = page.getByRole("region", { name: "Summary" });
  await expect(summary.getByTestId("order-gift-card")).toContainText(`Gift card ····${last4}`);
  const total = await summary.getByTestId("order-total").textContent();
  await expect(summary.getByTestId("order-gift-card")).toContainText(`−${total}`);
  await expect(summary.getByTestId("order-paid-by-card")).toHaveCount(0);
});

test("the rest pays part of a sale at the register, the remainder in cash", async ({ page }) => {
  const left = await query(async (sql) => {
    const [row] = await sql<
      { balance: number }[]
    >`select balance from gift_cards where last4 = ${last4} and recipient_email = ${recipient}`;
    return row.balance;
  });
  expect(left).toBeGreaterThan(0);
  expect(left).toBeLessThan(10000);
  const piece = await shelfPiece(left);

  await page.goto("/pos");
  await page.getByLabel("Email").fill("cashier@soko.test");
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  const openShift = page.getByRole("heading", { name: "Open a shift" });
  await expect(openShift.or(page.getByLabel("Scan or search"))).toBeVisible();
  if (await openShift.isVisible()) {
    await page.getByLabel("Starting cash float (USD)").fill("150.00");
    await page.getByRole("button", { name: "Open shift" }).click();
  }
  await expect(page).toHaveURL(/\/pos\/register$/);
  await hydrated(page);
  const scan = page.getByLabel("Scan or search");
  await scan.fill(piece.barcode);
  await scan.press("Enter");
  await expect(page.locator(".pos-line__title", { hasText: piece.title })).toBeVisible();

  await page.getByLabel("Gift card code").fill(code);
  await page.getByLabel("Cash given").fill("500");
  await page.getByRole("button", { name: /^Take payment/ }).click();
  await expect(page).toHaveURL(/\/pos\/sales\/SK-\d+/);
  const money = (minor: number) => `$${(minor / 100).toFixed(2)}`;
  await expect(page.getByText(`Gift card ····${last4} paid ${money(left)} and has $0.00 left.`)).toBeVisible();
  await expect(page.getByText(`Gift card ····${last4}`, { exact: true })).toBeVisible();

  const books = await query(
    (sql) => sql<{ kind: string; amount: number }[]>`
    select m.kind, m.amount from gift_card_movements m join gift_cards c on c.id = m.gift_card_id
    where c.recipient_email = ${recipient} order by m.id`,
  );
  expect(books.map((m) => m.kind)).toEqual(["issued", "redeemed", "redeemed"]);
  expect(books.reduce((sum, m) => sum + m.amount, 0)).toBe(0);
});

test.describe("the balance page on a phone, without JavaScript", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

  test("a right code shows what is left; a typo says so", async ({ page }) => {
    await page.goto("/gift-cards/balance");
    await page.getByLabel("Gift card code").fill("ZPK1-JD39-45KH-P164");
    await page.getByRole("button", { name: "Check balance" }).click();
    await expect(page.getByText("That code has a typo")).toBeVisible();
    await expect(page.getByLabel("Gift card code")).toHaveValue("ZPK1-JD39-45KH-P164");
    await page.getByLabel("Gift card code").fill("zpk1 jd39 45kh p163");
    await page.getByRole("button", { name: "Check balance" }).click();
    await expect(page.getByRole("status")).toContainText("Gift card ····P163 holds $30.00.");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await page.screenshot({ path: test.info().outputPath("balance-390-nojs.png"), fullPage: true });
  });
});
