import { expect, test } from "@playwright/test";
import { e2eSql, signInAsOpsAdmin } from "./support";

test.describe("operations console: staff", () => {
  test("an admin invites a hub colleague, who chooses a password with JavaScript off; deactivating signs them out at once", async ({
    page,
    browser,
  }) => {
    const email = `e2e-staff-${Date.now()}@soko.test`;
    const sql = e2eSql();
    try {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto("/ops");
      await signInAsOpsAdmin(page);
      await page.getByRole("navigation", { name: "Operations" }).getByText("More").click();
      await page.getByRole("navigation", { name: "Operations" }).getByRole("link", { name: "Staff" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Staff" })).toBeVisible();
      await expect(page.getByRole("row").filter({ hasText: "ops@soko.test" })).toContainText("(you)");

      await page.getByText("Invite a colleague").click();
      const form = page.getByRole("form", { name: "Invite a colleague" });
      await form.getByLabel("Name").fill("Achieng Hub");
      await form.getByLabel("Email").fill(email);
      await form.getByRole("button", { name: "Send the invitation" }).click();
      await expect(form.getByText("Choose at least one role.")).toBeVisible();
      await expect(form.getByLabel("Email")).toHaveValue(email);
      await form.getByRole("checkbox", { name: /^Hub/ }).check();
      await form.getByRole("button", { name: "Send the invitation" }).click();

      await expect(page.getByRole("heading", { level: 1, name: "Achieng Hub" })).toBeVisible();
      await expect(page.getByRole("status")).toContainText(`on its way to ${email}`);
      await expect(page.getByText("Invited", { exact: true })).toBeVisible();
      await page.screenshot({ path: test.info().outputPath("staff-member-1280.png"), fullPage: true });

      const [mail] = await sql<
        { text: string }[]
      >`select text from outbox where "to" = ${email} and template = 'staff-password' order by id desc limit 1`;
      const link = new URL(mail.text.match(/https?:\/\/\S+\/ops\/password\?token=[A-Za-z0-9_-]{43}/)![0]);

      // The colleague, on a phone without JavaScript.
      const phone = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
      const theirs = await phone.newPage();
      await theirs.goto(`${link.pathname}${link.search}`);
      await expect(theirs.getByRole("heading", { name: "Welcome, Achieng Hub" })).toBeVisible();
      await theirs.getByLabel("Password", { exact: true }).fill("pole pole ndio mwendo");
      await theirs.getByLabel("Type it again").fill("pole pole ndio mwendo");
      await theirs.screenshot({ path: test.info().outputPath("staff-password-390.png"), fullPage: true });
      await theirs.getByRole("button", { name: "Save and sign in" }).click();
      await expect(theirs).toHaveURL(/\/ops$/);
      await expect(theirs.getByRole("navigation", { name: "Operations" }).getByRole("link", { name: "Hub" })).toBeVisible();
      await expect(theirs.getByRole("navigation", { name: "Operations" }).getByRole("link", { name: "Staff" })).toHaveCount(0);
      // The link works once.
      await theirs.goto(`${link.pathname}${link.search}`);
      await expect(theirs.getByRole("alert")).toContainText("has been used already");
      await page.reload();
      await expect(page.getByText("Active", { exact: true })).toBeVisible();
      await page.getByLabel(/Yes, deactivate Achieng Hub/).check();
      await page.getByRole("button", { name: "Deactivate" }).click();
      await expect(page.getByRole("status")).toContainText("deactivated and signed out everywhere (1 session ended)");

      await theirs.goto("/ops/hub");
      await expect(theirs).toHaveURL(/\/ops\/login/);
      await phone.close();
    } finally {
      await sql`delete from staff_users where email = ${email}`;
      await sql.end();
    }
  });

  test("a staff member changes their own password and stays signed in", async ({ page }) => {
    const sql = e2eSql();
    const email = `e2e-own-${Date.now()}@soko.test`;
    // Made through the console, as an admin would.
    try {
      await page.goto("/ops/staff");
      await signInAsOpsAdmin(page);
      await page.getByText("Invite a colleague").click();
      const form = page.getByRole("form", { name: "Invite a colleague" });
      await form.getByLabel("Name").fill("Own Password");
      await form.getByLabel("Email").fill(email);
      await form.getByRole("checkbox", { name: /^Finance/ }).check();
      await form.getByRole("button", { name: "Send the invitation" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Own Password" })).toBeVisible();
      const [mail] = await sql<
        { text: string }[]
      >`select text from outbox where "to" = ${email} and template = 'staff-password' order by id desc limit 1`;
      const link = new URL(mail.text.match(/https?:\/\/\S+\/ops\/password\?token=[A-Za-z0-9_-]{43}/)![0]);
      await page.context().clearCookies();
      await page.goto(`${link.pathname}${link.search}`);
      await page.getByLabel("Password", { exact: true }).fill("first long password");
      await page.getByLabel("Type it again").fill("first long password");
      await page.getByRole("button", { name: "Save and sign in" }).click();
      await expect(page).toHaveURL(/\/ops$/);

      await page.goto("/ops/account");
      await page.getByLabel("Current password").fill("wrong one");
      await page.getByLabel("New password", { exact: true }).fill("second long password");
      await page.getByLabel("Type the new password again").fill("second long password");
      await page.getByRole("button", { name: "Change password" }).click();
      await expect(page.getByText("That isn't your current password.")).toBeVisible();
      await page.getByLabel("Current password").fill("first long password");
      await page.getByLabel("New password", { exact: true }).fill("second long password");
      await page.getByLabel("Type the new password again").fill("second long password");
      await page.getByRole("button", { name: "Change password" }).click();
      await expect(page.getByRole("status")).toContainText("Your password is changed");
      await page.screenshot({ path: test.info().outputPath("ops-account-1280.png"), fullPage: true });
      await page.goto("/ops/payouts");
      await expect(page.getByRole("heading", { level: 1, name: "Payouts" })).toBeVisible();
    } finally {
      await sql`delete from staff_users where email = ${email}`;
      await sql.end();
    }
  });
});
