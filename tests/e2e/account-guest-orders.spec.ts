/**
 * A guest who later signs up with the same email: the earlier order joins the account made by the
 * emailed link (docs/decisions/0029) — not at sign-up, when nothing proves the email is theirs.
 */
import { expect, test } from "./csp";
import { buyThroughStorefront, e2eSql, signUpLink, submitSignUp } from "./support";

test("an earlier guest order appears in the account after the email is confirmed", async ({ page }) => {
  const email = `guest-then-account-${Date.now()}@example.com`;
  const sql = e2eSql();
  try {
    const [variant] = await sql<{ variantId: number; handle: string }[]>`
      select v.id as "variantId", p.handle from variants v join products p on p.id = v.product_id
      where p.status = 'active' order by v.id desc limit 1 offset 5`;
    const number = await buyThroughStorefront(page, email, [variant]);

    await page.context().clearCookies();
    // Nothing joins until the link that reached the inbox is followed: it makes the account and signs in.
    await page.goto("/account/signup");
    await submitSignUp(page, email, "Wanjiru", "kazuri-beads-42");
    await page.goto(await signUpLink(email));
    await page.getByRole("button", { name: "Confirm my email" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("status")).toContainText(
      "Your account is ready and you're signed in, and 1 earlier order is now in your account",
    );
    await expect(page.getByRole("link", { name: `Order ${number}` })).toBeVisible();
    await expect(page.getByText("Confirm your email")).toHaveCount(0);
  } finally {
    await sql.end();
  }
});
