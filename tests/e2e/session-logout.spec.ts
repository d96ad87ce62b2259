import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { e2eSql, signInAsOpsAdmin, signUpAndConfirm } from "./support";

/** A second browser holding a copy of `context`'s cookies, as someone who lifted them would. */
async function replayIn(browser: Browser, context: BrowserContext) {
  const copy = await browser.newContext();
  await copy.addCookies(await context.cookies());
  return copy;
}

test.describe("signing out ends the session, not just this browser's cookie", () => {
  test("staff: a cookie copied before signing out no longer opens /ops/orders", async ({ browser, page, context }) => {
    await page.goto("/ops/orders");
    await signInAsOpsAdmin(page);
    await expect(page).toHaveURL(/\/ops\/orders$/);
    expect((await context.cookies()).map((c) => c.name)).toContain("__soko_session");

    const before = await replayIn(browser, context);
    const thief = await before.newPage();
    await thief.goto("/ops/orders");
    await expect(thief).toHaveURL(/\/ops\/orders$/); // the copy works while the session lives

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/ops\/login$/);

    await thief.goto("/ops/orders");
    await expect(thief).toHaveURL(/\/ops\/login\?redirectTo=%2Fops%2Forders$/);
    await expect(thief.getByRole("heading", { level: 1 })).toContainText("Sign in");
    await before.close();
  });

  test("shoppers: 'Sign out everywhere' on /account signs out the other browser too", async ({ browser, page }) => {
    const email = `e2e-everywhere-${Date.now()}@example.test`;
    try {
      await signUpAndConfirm(page, email, "Akinyi", "two-devices-42");

      const laptop = await browser.newContext();
      const other = await laptop.newPage();
      await other.goto("/account/login");
      await other.getByLabel("Email").fill(email);
      await other.getByLabel("Password").fill("two-devices-42");
      await other.getByRole("button", { name: "Sign in" }).click();
      await expect(other).toHaveURL(/\/account$/);

      await page.getByRole("button", { name: "Sign out everywhere" }).click();
      await expect(page).toHaveURL(/\/account\/login$/);
      await expect(page.getByRole("status")).toHaveText("You've been signed out on every device.");

      await other.goto("/account");
      await expect(other).toHaveURL(/\/account\/login\?redirectTo=%2Faccount$/);
      await laptop.close();
    } finally {
      const sql = e2eSql();
      try {
        await sql`delete from audit_log where subject = ${`customer-login:${email}`} or actor in (select 'customer:' || id from customers where lower(email) = ${email})`;
        await sql`delete from customers where lower(email) = ${email}`;
      } finally {
        await sql.end();
      }
    }
  });
});
