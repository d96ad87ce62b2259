/**
 * The demo's one-role staff logins (README, "Demo logins"): hub@soko.test holds the hub alone and
 * finance@soko.test finance alone, so anyone trying the demo can see each role's console and where
 * it stops: each signs in with soko-demo, sees its own sections, opens its own pages and is answered
 * 403 inside the console on a page of the other role.
 */
import { expect, test } from "@playwright/test";
import { signInAsStaff } from "./support";

const ROLES = [
  {
    email: "hub@soko.test",
    sections: ["Hub", "Returns", "Production", "Inventory"],
    opens: [
      { path: "/ops/hub", heading: "Today at the hub" },
      { path: "/ops/production", heading: "Production" },
    ],
    refused: ["/ops/payouts", "/ops/orders", "/ops/gift-cards"],
  },
  {
    email: "finance@soko.test",
    sections: ["Orders", "Returns", "Markets", "Artisans", "Wholesale", "Payouts", "Impact", "Gift cards"],
    opens: [
      { path: "/ops/payouts", heading: "Payouts" },
      { path: "/ops/orders", heading: "Orders" },
    ],
    refused: ["/ops/hub", "/ops/production", "/ops/inventory"],
  },
] as const;

for (const role of ROLES) {
  test(`the demo's ${role.email} sees its own sections and pages, and is refused the other role's with a 403`, async ({ browser }) => {
    test.setTimeout(60_000);
    const { context, page } = await signInAsStaff(browser, role.email, 1280);
    await expect(page.getByRole("heading", { level: 1, name: "Operations" })).toBeVisible();
    // Each section is drawn in the bar and again under "More" (CSS shows one per width): the names, once each.
    const nav = page.getByRole("navigation", { name: "Operations" });
    const names = await nav.locator("a").evaluateAll((links) => links.map((a) => a.textContent?.trim() ?? ""));
    expect([...new Set(names)]).toEqual(["Dashboard", ...role.sections]);

    // Every link on the dashboard leads somewhere this role may go: none answers it with a 403.
    const targets = await page
      .getByRole("main")
      .locator("a[href]")
      .evaluateAll((links) =>
        links.map((a) => new URL((a as HTMLAnchorElement).href).pathname + new URL((a as HTMLAnchorElement).href).search),
      );
    expect(targets.length, "the dashboard links somewhere").toBeGreaterThan(0);
    for (const target of new Set(targets)) {
      const answer = await page.request.get(target, { maxRedirects: 0 });
      expect(answer.status(), `${role.email}: dashboard link ${target}`).toBe(200);
    }

    for (const { path, heading } of role.opens) {
      const answer = await page.goto(path);
      expect(answer?.status(), path).toBe(200);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    }
    for (const path of role.refused) {
      const answer = await page.goto(path);
      expect(answer?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { level: 1, name: "You don't have access to this page" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    }
    await page.screenshot({ path: test.info().outputPath(`${role.email}-refused-1280.png`), fullPage: true });
    await context.close();

    for (const width of [390, 820]) {
      const small = await signInAsStaff(browser, role.email, width);
      await small.page.screenshot({ path: test.info().outputPath(`${role.email}-dashboard-${width}.png`), fullPage: true });
      await small.context.close();
    }
  });
}
