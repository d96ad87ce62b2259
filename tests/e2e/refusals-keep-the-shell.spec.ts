/**
 * A refused action answers inside its own surface: the console with its nav and "Sign out", the
 * portal with the buyer's nav. (Remix renders a refused action's nearest boundary without running
 * that boundary's own loader, so the layouts' boundaries drew a signed-out header.) JavaScript off,
 * as a form post is answered with a whole page.
 */
import { expect, test, type Browser } from "@playwright/test";
import { e2eSql } from "./support";

async function signedIn(browser: Browser, width: number, login: { path: string; email: string }) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(login.path);
  await page.getByLabel("Email").fill(login.email);
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(new RegExp(login.path));
  return { context, page };
}

test("finance's role taken away while the payout confirmation is open: a 403 in the console, its nav and sign-out there, nothing paid", async ({
  browser,
}) => {
  const email = `e2e-refused-${Date.now()}@soko.test`;
  const sql = e2eSql();
  try {
    await sql`
      insert into staff_users (email, name, roles, password_hash)
      select ${email}, 'Fatma Refused', ${["finance", "hub"]}, password_hash from staff_users where email = 'ops@soko.test'`;
    const { context, page } = await signedIn(browser, 1280, { path: "/ops/login", email });
    await page.goto("/ops/payouts?confirm=1");
    const confirm = page.getByRole("alertdialog", { name: "Send these payouts now?" });
    await expect(confirm).toBeVisible();
    const [{ runs }] = await sql<{ runs: number }[]>`select count(*)::int as runs from payout_runs`;
    await sql`update staff_users set roles = ${["hub"]} where email = ${email}`;

    const answer = page.waitForResponse((r) => r.url().includes("/ops/payouts") && r.request().method() === "POST");
    await confirm.getByRole("button", { name: "Yes, pay now" }).click();
    expect((await answer).status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page", level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(page.getByRole("navigation").getByRole("link", { name: "Hub" }).first()).toBeVisible();
    await page.screenshot({ path: test.info().outputPath("ops-refused-1280.png"), fullPage: true });
    const [after] = await sql<{ runs: number }[]>`select count(*)::int as runs from payout_runs`;
    expect(after.runs).toBe(runs);
    await context.close();
  } finally {
    await sql.end();
  }
});

for (const width of [390, 820, 1280]) {
  test(`a saved draft a colleague deleted: opening it is a 404 inside the portal, with the buyer's nav, at ${width} px`, async ({
    browser,
  }) => {
    const name = `Colleague's draft ${width}-${Date.now()}`;
    const sql = e2eSql();
    try {
      const [draft] = await sql<{ id: number }[]>`
        insert into wholesale_drafts (retailer_id, created_by, name, lines)
        select b.retailer_id, b.id, ${name}, ${sql.json([])} from buyer_users b where b.email = 'buyer@retailer.test'
        returning id`;
      const { context, page } = await signedIn(browser, width, { path: "/wholesale/login", email: "buyer@retailer.test" });
      await page.goto("/wholesale/quick-order");
      const open = page.getByRole("button", { name: `Open ${name}` });
      await expect(open).toBeVisible();
      await sql`delete from wholesale_drafts where id = ${draft.id}`;

      const answer = page.waitForResponse((r) => r.url().includes("/wholesale/quick-order") && r.request().method() === "POST");
      await open.click();
      expect((await answer).status()).toBe(404);
      await expect(page.getByText("There is no such draft on your account.")).toBeVisible();
      const nav = page.getByRole("navigation", { name: "Wholesale" });
      await expect(nav.getByRole("link", { name: "Orders" })).toBeVisible();
      await expect(nav.getByRole("link", { name: "Sign in" })).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Sign out" })).toBeAttached();
      await expect(page.getByRole("link", { name: "Back to the catalog" })).toBeVisible();
      await page.screenshot({ path: test.info().outputPath(`wholesale-refused-${width}.png`), fullPage: true });
      await context.close();
    } finally {
      await sql`delete from wholesale_drafts where name = ${name}`;
      await sql.end();
    }
  });
}
