/**
 * The console's CSV exports opened as a person does, by clicking the link in Chromium: each one is
 * a file, not the page drawn with no data (a 500). The audit log, inventory levels and payouts once
 * answered their CSV from the page's own loader, which the browser cannot download.
 */
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";

async function signIn(page: Page, next: string) {
  await page.goto(`/ops/login?redirectTo=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill("ops@soko.test");
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/ops/login"));
}

async function download(page: Page, link: RegExp) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).click()]);
  expect(await file.failure()).toBeNull();
  return { name: file.suggestedFilename(), lines: (await readFile((await file.path())!, "utf8")).trimEnd().split("\r\n") };
}

for (const { page: path, link, file, header } of [
  { page: "/ops/audit", link: /^Download as CSV$/, file: "soko-audit-log.csv", header: "id,at_utc,actor,staff_name,action,subject,data" },
  {
    page: "/ops/inventory?location=1",
    link: /as CSV$/,
    file: "soko-inventory-levels.csv",
    header: "sku,product,variant,location_code,location,on_hand,reserved,available",
  },
  {
    page: "/ops/payouts",
    link: /^Export CSV$/,
    file: "soko-payouts.csv",
    header: "payout_id,run_id,artisan_id,artisan_name,phone,amount,",
  },
]) {
  test(`${path.split("?")[0]}: the CSV link downloads the file`, async ({ page }) => {
    await signIn(page, path);
    const csv = await download(page, link);
    expect(csv.name).toBe(file);
    expect(csv.lines[0].startsWith(header)).toBe(true);
    expect(csv.lines.length).toBeGreaterThan(1);
  });
}

test("an older ?format=csv address lands on the file, with its filters", async ({ page }) => {
  await signIn(page, "/ops");
  const response = await page.request.get("/ops/inventory?format=csv&location=1&page=2", { maxRedirects: 0 });
  expect(response.status()).toBe(302);
  expect(response.headers().location).toBe("/ops/inventory.csv?location=1");
  const file = await page.request.get("/ops/audit?format=csv");
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toContain("text/csv");
});
