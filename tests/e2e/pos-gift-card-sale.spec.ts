import { formatCode, generateCode } from "~/domain/giftcards/codes";
import { hashCode } from "~/domain/giftcards/code-hash.server";
import { expect, test, type Page } from "./csp";
import { e2eSql, hydrated, signInToRegister } from "./support";

/**
 * A printed gift card sold at the flagship on an iPad in portrait (820 px), with JavaScript on and
 * off: the card's number scanned or typed, an amount chosen, the card a line of the sale, activated
 * when the sale is paid; a card already sold or unknown refused in the form; the receipt shows the
 * card's last four and balance.
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

/** A card from the register's stack: printed, unsold. */
async function printedCard(): Promise<{ code: string; last4: string }> {
  const code = generateCode();
  await query(
    (sql) => sql`insert into gift_cards (code_hash, last4, kind, status, currency, created_by)
                 values (${hashCode(code)}, ${code.slice(-4)}, 'physical', 'inactive', 'USD', 'e2e')`,
  );
  return { code: formatCode(code), last4: code.slice(-4) };
}

async function card(last4: string) {
  return query(async (sql) => {
    const [row] = await sql<
      { status: string; balance: number }[]
    >`select status, balance from gift_cards where last4 = ${last4} and created_by = 'e2e'`;
    return row;
  });
}

async function sellCard(page: Page, code: string, amount: string | { other: string }) {
  const form = page.getByRole("form", { name: "Sell gift card" });
  if (!(await form.isVisible())) await page.getByText("Sell gift card", { exact: true }).click();
  await form.getByLabel("Card number").fill(code);
  if (typeof amount === "string") await form.getByLabel(amount, { exact: true }).check();
  else await form.getByLabel(/^Other amount/).fill(amount.other);
  await form.getByRole("button", { name: "Add gift card to sale" }).click();
}

test("iPad portrait: sell a printed card with JavaScript on — refused numbers say why, the sale activates it, the receipt shows it", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  const first = await printedCard();
  await signInToRegister(page);
  await hydrated(page);

  // A number no card has: refused in the form, nothing added.
  const unknown = formatCode(generateCode());
  await sellCard(page, unknown, "$100");
  const form = page.getByRole("form", { name: "Sell gift card" });
  await expect(form.getByRole("alert")).toContainText(`No Soko gift card has the number ending ${unknown.slice(-4)}`);
  await expect(page.getByTestId("sale-gift-card")).toHaveCount(0);

  await sellCard(page, first.code.toLowerCase(), "$100");
  const line = page.getByTestId("sale-gift-card");
  await expect(line).toContainText(`Gift card ····${first.last4}`);
  await expect(line).toContainText("$100.00");
  await expect(page.getByTestId("sale-total")).toHaveText("$100.00");
  expect((await card(first.last4)).status).toBe("inactive");
  await page.screenshot({ path: testInfo.outputPath("sell-gift-card-820.png") });

  // The sale survives a reload (kept on the register), then is paid in cash.
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("sale-gift-card")).toContainText(first.last4);
  await page.getByLabel("Cash given").fill("100");
  await page.getByRole("button", { name: /^Take payment/ }).click();
  await expect(page).toHaveURL(/\/pos\/sales\/SK-\d+$/);
  await expect(page.getByRole("status")).toContainText(`Gift card ····${first.last4} activated with $100.00`);
  await expect(page.getByTestId("receipt-gift-card")).toHaveText(`Gift card ····${first.last4}: $100.00 loaded · balance $100.00`);
  expect(await card(first.last4)).toEqual({ status: "active", balance: 10000 });
  await page.screenshot({ path: testInfo.outputPath("gift-card-receipt-820.png"), fullPage: true });

  // The same card again: already active.
  await page.getByRole("link", { name: "New sale" }).click();
  await hydrated(page);
  await sellCard(page, first.code, "$25");
  await expect(page.getByRole("form", { name: "Sell gift card" }).getByRole("alert")).toContainText(
    `Gift card ····${first.last4} is already active`,
  );
});

test("with JavaScript off a printed card is sold with a typed amount, and removed from a sale", async ({ browser }, testInfo) => {
  const second = await printedCard();
  const third = await printedCard();
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 820, height: 1180 } });
  const page = await context.newPage();
  try {
    await signInToRegister(page);
    await sellCard(page, third.code, "$25");
    await expect(page.getByTestId("sale-gift-card")).toContainText(third.last4);
    await page.getByTestId("sale-gift-card").getByRole("button", { name: "Remove" }).click();
    await expect(page.getByTestId("sale-gift-card")).toHaveCount(0);

    await sellCard(page, second.code, { other: "5" });
    await expect(page.getByRole("form", { name: "Sell gift card" }).getByRole("alert")).toContainText("can hold $10.00 to $1,000.00");
    await sellCard(page, second.code, { other: "42.50" });
    await expect(page.getByTestId("sale-gift-card")).toContainText("$42.50");
    await page.screenshot({ path: testInfo.outputPath("sell-gift-card-nojs-820.png"), fullPage: true });
    await page.getByLabel("Cash given").fill("50");
    await page.getByRole("button", { name: /^Take payment/ }).click();
    await expect(page).toHaveURL(/\/pos\/sales\/SK-\d+$/);
    await expect(page.getByTestId("receipt-gift-card")).toHaveText(`Gift card ····${second.last4}: $42.50 loaded · balance $42.50`);
    expect(await card(second.last4)).toEqual({ status: "active", balance: 4250 });
    expect((await card(third.last4)).status).toBe("inactive");
  } finally {
    await context.close();
  }
});
