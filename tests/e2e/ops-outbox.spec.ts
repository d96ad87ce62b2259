import { expect, test, type Page } from "@playwright/test";
import { e2eSql } from "./support";

async function signIn(page: Page, email: string, password = "soko-demo") {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test.describe("operations console: sign-in and outbox", () => {
  test("a wrong password shows one generic message and signs nobody in", async ({ page }) => {
    await page.goto("/ops/login");
    await signIn(page, "ops@soko.test", "not-the-password");
    await expect(page.getByRole("alert")).toHaveText("That email and password don't match an active staff account.");
    await expect(page.getByLabel("Email")).toHaveValue("ops@soko.test");
    await page.goto("/ops/outbox");
    await expect(page).toHaveURL(/\/ops\/login\?redirectTo=%2Fops%2Foutbox$/);
  });

  test("ops staff sign in, land where they were going, read an email in the outbox and sign out", async ({ page }) => {
    const sql = e2eSql();
    const dedupeKey = `e2e:ops-outbox:${Date.now()}`;
    try {
      await sql`
        insert into outbox (channel, "to", subject, template, html, text, status, attempts, dedupe_key, sent_at)
        values ('email', 'e2e-shopper@example.test', 'Your Soko order SK-E2E is on its way', 'order-shipped',
          '<html><head></head><body><p>Order SK-E2E shipped.</p><a href="/?from=email">Track your order</a></body></html>',
          'Order SK-E2E shipped. Track your order: /?from=email', 'stored', 1, ${dedupeKey}, now())`;

      await page.goto("/ops/outbox");
      await expect(page).toHaveURL(/\/ops\/login/);
      await signIn(page, "ops@soko.test");
      await expect(page).toHaveURL(/\/ops\/outbox$/);
      await expect(page.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Operations" }).getByRole("link", { name: "Outbox" })).toBeVisible();

      await page.getByRole("link", { name: "Your Soko order SK-E2E is on its way" }).first().click();
      await expect(page.getByRole("heading", { level: 1, name: "Your Soko order SK-E2E is on its way" })).toBeVisible();
      await expect(page.getByText("Order SK-E2E shipped. Track your order: /?from=email")).toBeVisible();
      const preview = page.frameLocator('iframe[title^="Email preview"]');
      await expect(preview.getByText("Order SK-E2E shipped.")).toBeVisible();
      // Links in the preview leave the sandboxed frame and open in the tab.
      await preview.getByRole("link", { name: "Track your order" }).click();
      await expect(page).toHaveURL(/\/\?from=email$/);

      await page.goto("/ops/outbox?channel=sms");
      await expect(page.getByLabel("Channel")).toHaveValue("sms");
      await expect(page.getByRole("link", { name: "Your Soko order SK-E2E is on its way" })).toHaveCount(0);
      await expect(page.getByRole("cell", { name: "Email", exact: true })).toHaveCount(0);

      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/ops\/login$/);
      await page.goto("/ops");
      await expect(page).toHaveURL(/\/ops\/login\?redirectTo=%2Fops$/);
    } finally {
      await sql`delete from outbox where dedupe_key = ${dedupeKey}`;
      await sql.end();
    }
  });

  test("the cashier is refused the outbox with 403", async ({ page }) => {
    await page.goto("/ops/login");
    await signIn(page, "cashier@soko.test");
    // Store staff land on the register.
    await expect(page).toHaveURL(/\/pos$/);
    const response = await page.goto("/ops/outbox");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Operations" })).toBeVisible();
  });
});

test.describe("operations sign-in with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("the login form and the outbox work as plain HTML", async ({ page }) => {
    await page.goto("/ops/outbox?status=stored");
    await expect(page).toHaveURL(/redirectTo=%2Fops%2Foutbox%3Fstatus%3Dstored/);
    await signIn(page, "ops@soko.test", "wrong");
    await expect(page.getByRole("alert")).toContainText("don't match");
    await page.getByLabel("Password").fill("soko-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/ops\/outbox\?status=stored$/);
    await expect(page.getByLabel("Status")).toHaveValue("stored");
    await page.getByLabel("Channel").selectOption("email");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/channel=email&status=stored/);
    await expect(page.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
  });
});
