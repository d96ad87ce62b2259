/**
 * An artisan's sign-in and payout numbers (decision 0026), JavaScript off: operations sees them
 * read-only with who can change them; finance changes the payout number, and her old numbers are
 * told by SMS. Each staff member here is made for the test with the demo password.
 */
import { expect, test, type Browser } from "@playwright/test";
import { e2eSql } from "./support";

async function staffWith(role: "ops" | "finance") {
  const sql = e2eSql();
  const email = `e2e-numbers-${role}-${Date.now()}@soko.test`;
  try {
    await sql`
      insert into staff_users (email, name, roles, password_hash)
      select ${email}, ${role === "ops" ? "Otieno Ops" : "Fatma Finance"}, ${[role]}, password_hash from staff_users where email = 'ops@soko.test'`;
  } finally {
    await sql.end();
  }
  return email;
}

/** An artisan nobody else's test pays or signs in as: one with nothing ever credited. */
async function quietArtisan() {
  const sql = e2eSql();
  try {
    const [row] = await sql<{ id: number; first_name: string; phone: string; payout_phone: string }[]>`
      select a.id, a.first_name, a.phone, a.payout_phone from artisans a
      where a.phone <> '+254700000001' and not exists (select 1 from ledger_accounts l where l.artisan_id = a.id)
      order by a.id desc limit 1`;
    return row;
  } finally {
    await sql.end();
  }
}

async function signedIn(browser: Browser, email: string, width: number) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto("/ops/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/ops\/login/);
  return { context, page };
}

test("operations sees her numbers read-only; finance changes her payout number, audited and told by SMS, JavaScript off", async ({
  browser,
}) => {
  const artisan = await quietArtisan();
  const opsEmail = await staffWith("ops");
  const financeEmail = await staffWith("finance");
  const sql = e2eSql();
  try {
    for (const width of [390, 820, 1280]) {
      const ops = await signedIn(browser, opsEmail, width);
      await ops.page.goto(`/ops/artisans/${artisan.id}`);
      const numbers = ops.page.getByRole("region", { name: "Sign-in and payout numbers" });
      await expect(numbers.getByLabel("M-Pesa payout number")).toHaveAttribute("readonly", "");
      await expect(numbers.getByLabel("M-Pesa payout number")).toHaveValue(artisan.payout_phone);
      await expect(numbers).toContainText("Only finance or an admin can change it");
      await expect(numbers.getByRole("button", { name: "Change numbers" })).toHaveCount(0);
      // The profile form is still there, without the numbers.
      await expect(ops.page.getByRole("button", { name: "Save" })).toBeVisible();
      await ops.page.screenshot({ path: test.info().outputPath(`numbers-ops-${width}.png`), fullPage: width < 1280 });
      await ops.context.close();
    }

    const finance = await signedIn(browser, financeEmail, 1280);
    await finance.page.goto(`/ops/artisans/${artisan.id}`);
    const form = finance.page.getByRole("region", { name: "Sign-in and payout numbers" });
    await form.getByLabel("M-Pesa payout number").fill("0799 123");
    await form.getByRole("button", { name: "Change numbers" }).click();
    await expect(form.getByText(/Kenyan mobile number/)).toBeVisible();
    await form.getByLabel("M-Pesa payout number").fill("0799 555 012");
    await form.getByRole("button", { name: "Change numbers" }).click();
    await expect(finance.page.getByRole("status")).toContainText("is paid at M-Pesa 0799 555 012");
    await expect(form.getByLabel("M-Pesa payout number")).toHaveValue("0799555012".replace(/^0/, "+254"));
    await finance.page.screenshot({ path: test.info().outputPath("numbers-finance-1280.png"), fullPage: true });
    await finance.context.close();

    const [audit] = await sql<{ data: { payoutPhone: { from: string; to: string } } }[]>`
      select data from audit_log where action = 'artisan.numbers' and subject = ${`artisan:${artisan.id}`} order by id desc limit 1`;
    expect(audit.data.payoutPhone).toEqual({ from: artisan.payout_phone, to: "+254799555012" });
    const told = await sql<{ to: string }[]>`
      select "to" from outbox where template = 'payout_phone_changed' and "to" = ${artisan.phone} order by id desc limit 1`;
    expect(told).toHaveLength(1);
  } finally {
    await sql`update artisans set payout_phone = ${artisan.payout_phone} where id = ${artisan.id}`;
    await sql`delete from staff_users where email in (${opsEmail}, ${financeEmail})`;
    await sql.end();
  }
});
