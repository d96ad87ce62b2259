/**
 * What staff meet before something they can't take back: deactivating an artisan (her open offers
 * leave her at once) asks for a tick, as deactivating a colleague does; without it nothing is sent.
 */
import { expect, test } from "@playwright/test";
import { e2eSql, signInAsOpsAdmin } from "./support";

for (const width of [390, 1280]) {
  test(`deactivating an artisan asks for a tick first, at ${width} px`, async ({ browser }) => {
    const sql = e2eSql();
    // An active artisan with no open work, so no other spec's offers move while she is out.
    const [artisan] = await sql<{ id: number; name: string }[]>`
      select a.id, a.first_name || ' ' || a.last_name as name from artisans a
      where a.active and not exists (select 1 from production_requests r where r.artisan_id = a.id and r.status not in ('qc_passed', 'cancelled'))
      order by a.id desc offset ${width === 390 ? 0 : 1} limit 1`;
    await sql.end();
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`/ops/artisans/${artisan.id}`);
    await signInAsOpsAdmin(page);
    await expect(page.getByRole("heading", { level: 1, name: artisan.name })).toBeVisible();

    const tick = page.getByLabel(`Yes, deactivate ${artisan.name}`);
    await expect(tick).toBeVisible();
    await page.getByRole("button", { name: "Deactivate artisan" }).click();
    // The browser holds the form back until the box is ticked: she is still active.
    expect(await tick.evaluate((box) => (box as HTMLInputElement).validity.valueMissing)).toBe(true);
    await expect(page.locator(".badge", { hasText: /^Active$/ })).toBeVisible();
    await page.getByRole("region", { name: "Deactivate" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath(`artisan-deactivate-${width}.png`), fullPage: true });

    await tick.check();
    await page.getByRole("button", { name: "Deactivate artisan" }).click();
    await expect(page.getByRole("status")).toContainText("Deactivated: no new work will be offered.");
    await expect(page.locator(".badge", { hasText: /^Inactive$/ })).toBeVisible();
    await page.getByRole("button", { name: "Reactivate artisan" }).click();
    await expect(page.getByRole("status")).toContainText("Active again");
    await context.close();
  });
}
