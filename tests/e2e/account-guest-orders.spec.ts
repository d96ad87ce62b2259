/**
 * A guest who later signs up with the same email: the earlier order joins the account once the
 * emailed confirmation link is followed — not at sign-up, when nothing proves the email is theirs.
 */
import { expect, test } from "./csp";
import { buyThroughStorefront, e2eSql } from "./support";

test("an earlier guest order appears in the account after the email is confirmed", async ({ page }) => {
  const email = `guest-then-account-${Date.now()}@example.com`;
  const sql = e2eSql();
  try {
    const [variant] = await sql<{ variantId: number; handle: string }[]>`
      select v.id as "variantId", p.handle from variants v join products p on p.id = v.product_id
      where p.status = 'active' order by v.id desc limit 1 offset 5`;
    const number = await buyThroughStorefront(page, email, [variant]);

    await page.context().clearCookies();
    await page.goto("/account/signup");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Name").fill("Wanjiru");
    await page.getByLabel("Password", { exact: true }).fill("kazuri-beads-42");
    await page.getByLabel("Confirm password").fill("kazuri-beads-42");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/account$/);
    // Not yet: anyone could have signed up with this address.
    await expect(page.getByRole("link", { name: `Order ${number}` })).toHaveCount(0);
    await expect(page.getByText("Confirm your email")).toBeVisible();

    let link: RegExpExecArray | null = null;
    await expect(async () => {
      const [mail] = await sql<{ text: string }[]>`select text from outbox where template = 'verify-email' and "to" = ${email}`;
      link = /\/account\/verify\?token=[A-Za-z0-9._-]+/.exec(mail?.text ?? "");
      expect(link).toBeTruthy();
    }).toPass({ timeout: 10_000 });
    await page.goto(link![0]);
    await page.getByRole("button", { name: "Confirm my email" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("status")).toContainText("1 earlier order is now in your account");
    await expect(page.getByRole("link", { name: `Order ${number}` })).toBeVisible();
    await expect(page.getByText("Confirm your email")).toHaveCount(0);
  } finally {
    await sql.end();
  }
});
