/**
 * The operations console as a new user meets it: the demo ops admin signs in, reads the dashboard
 * (numbers from the seeded year of history), moves stock from the Nairobi hub to the flagship and
 * reads the impact report; the flagship cashier is refused the finance and admin pages.
 */
import { expect, test, type Page } from "@playwright/test";
import { e2eSql } from "./support";

async function signIn(page: Page, email: string, next: string) {
  await page.goto(`/ops/login?redirectTo=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/ops/login"));
}

/** A variant with free stock at the hub, and what the flagship has of it now. */
async function hubStock() {
  const sql = e2eSql();
  try {
    const [row] = await sql<{ sku: string; free: number; flagship: number }[]>`
      select v.sku, (il.on_hand - il.reserved)::int as free,
             coalesce((select f.on_hand from inventory_levels f join locations fl on fl.id = f.location_id and fl.code = 'SF-FLAGSHIP' where f.variant_id = v.id), 0)::int as flagship
      from inventory_levels il join locations l on l.id = il.location_id and l.code = 'NBO-HUB'
      join variants v on v.id = il.variant_id
      where il.on_hand - il.reserved >= 5
      order by v.id desc limit 1`;
    expect(row, "the demo has stock at the Nairobi hub").toBeTruthy();
    return row;
  } finally {
    await sql.end();
  }
}

async function level(sku: string, code: string) {
  const sql = e2eSql();
  try {
    const [row] = await sql<{ on_hand: number }[]>`
      select il.on_hand from inventory_levels il join variants v on v.id = il.variant_id join locations l on l.id = il.location_id
      where v.sku = ${sku} and l.code = ${code}`;
    return row?.on_hand ?? 0;
  } finally {
    await sql.end();
  }
}

test("the ops admin reads the dashboard, moves stock to the flagship and reads the impact report", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, "ops@soko.test", "/ops");
  await expect(page).toHaveURL(/\/ops$/);
  await expect(page.getByRole("heading", { name: "Operations", level: 1 })).toBeVisible();

  // Numbers, not placeholders: a QC pass rate, late requests, earnings and their charts.
  await expect(page.getByTestId("qc-rate")).toHaveText(/^\d{1,3}\.\d %$/);
  expect(Number(await page.getByTestId("late-count").textContent())).toBeGreaterThan(0);
  await expect(page.getByTestId("earnings-month")).toContainText(/KES|Ksh|KSh/);
  await expect(page.getByRole("img", { name: /Production requests by state/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /Artisan earnings, month to date/ })).toBeVisible();
  const late = page.getByRole("region", { name: "Late requests" });
  await expect(late.getByRole("row").nth(1)).toContainText(/PR-\d+/);
  // The chart's numbers are there for anyone who can't see it.
  await page.getByText("Production requests by state: the numbers").click();
  await expect(page.getByRole("rowheader", { name: "QC passed" })).toBeVisible();

  // Stock: hub → flagship.
  const stock = await hubStock();
  await page.goto(`/ops/inventory?q=${encodeURIComponent(stock.sku)}`);
  await expect(page.getByRole("heading", { name: "Inventory", level: 1 })).toBeVisible();
  await page.getByRole("region", { name: "Stock levels" }).getByRole("link", { name: stock.sku }).first().click();
  await expect(page).toHaveURL(new RegExp(`/ops/inventory/${stock.sku}$`));
  await page.getByLabel("From", { exact: true }).selectOption({ label: `Nairobi Hub (${stock.free} free)` });
  await page.getByLabel("To", { exact: true }).selectOption({ label: "San Francisco Flagship" });
  await page.getByLabel("Units to move").fill("2");
  await page.getByRole("button", { name: "Move stock" }).click();
  await expect(page.getByRole("status")).toHaveText("Moved 2 units from Nairobi Hub to San Francisco Flagship.");
  const flagshipRow = page
    .getByRole("region", { name: "Levels by location" })
    .getByRole("row")
    .filter({ hasText: "San Francisco Flagship" });
  await expect(flagshipRow.getByRole("cell").first()).toHaveText(String(stock.flagship + 2));
  expect(await level(stock.sku, "SF-FLAGSHIP")).toBe(stock.flagship + 2);
  await expect(page.getByRole("region", { name: "Movements" }).getByRole("row").nth(1)).toContainText("transfer");

  // More than is free is refused with a clear message, and nothing moves.
  await page.getByLabel("Units to move").fill(String(stock.free + 100));
  await page.getByRole("button", { name: "Move stock" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "free to move at Nairobi Hub" })).toBeVisible();
  expect(await level(stock.sku, "SF-FLAGSHIP")).toBe(stock.flagship + 2);

  // Impact: the median ratio to baseline, with its sample and method.
  await page.goto("/ops/impact");
  await expect(page.getByRole("heading", { name: "Impact", level: 1 })).toBeVisible();
  await expect(page.getByTestId("median-ratio")).toHaveText(/^\d+\.\d×$/);
  expect(Number((await page.getByTestId("sample-size").textContent())!.replace(/,/g, ""))).toBeGreaterThan(100);
  await expect(page.getByText("Method.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Earnings by county" }).getByRole("row").nth(1)).toBeVisible();
});

test("the cashier is refused the payouts, audit and impact pages", async ({ page }) => {
  await signIn(page, "cashier@soko.test", "/ops/payouts");
  for (const path of ["/ops/payouts", "/ops/audit", "/ops/impact"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    await expect(
      page.getByText(/(Payouts|Audit log|Impact)/).and(page.getByRole("heading", { level: 1, name: /Payouts|Audit log|Impact/ })),
    ).toHaveCount(0);
  }
});

for (const width of [1280, 820]) {
  test(`the console's navigation fits on one row at ${width} px; the rest is under More, which opens and leads there`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await signIn(page, "ops@soko.test", "/ops");
    const nav = page.getByRole("navigation", { name: "Operations" });
    const links = nav.locator(":scope > a");
    await expect(links.first()).toBeVisible();
    const tops = new Set(
      (
        await links.evaluateAll((els) =>
          els.filter((el) => el.getBoundingClientRect().width > 0).map((el) => el.getBoundingClientRect().top),
        )
      ).map(Math.round),
    );
    expect(tops.size, "every link in the bar on one row").toBe(1);
    const box = (await nav.boundingBox())!;
    expect(box.height).toBeLessThan(60);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    await expect(nav.getByRole("link", { name: "Audit log" })).toBeHidden();

    await nav.getByText("More", { exact: true }).click();
    await nav.getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
    // The page you are on stays in the bar.
    await expect(nav.getByRole("link", { name: "Audit log" })).toBeVisible();
  });
}

for (const width of [390, 820, 1280]) {
  test(`the inventory's "Low stock only" filter is a small box beside its words, ticked by tapping them, at ${width} px`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await signIn(page, "ops@soko.test", "/ops/inventory");
    const box = page.getByRole("checkbox", { name: /Low stock only/ });
    const mark = (await box.boundingBox())!;
    expect(mark.width, "a checkbox, not a text field's width").toBeLessThanOrEqual(24);
    expect(mark.height).toBeLessThanOrEqual(24);
    // Beside the first line of its words, not above them.
    const words = await page.locator("label", { hasText: "Low stock only" }).evaluate((label) => {
      const text = [...label.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.includes("Low stock"))!;
      const range = document.createRange();
      range.selectNodeContents(text);
      const first = [...range.getClientRects()].find((r) => r.width > 0)!;
      return { top: first.top, bottom: first.bottom, left: first.left };
    });
    expect(mark.y + mark.height / 2).toBeGreaterThan(words.top - 4);
    expect(mark.y + mark.height / 2).toBeLessThan(words.bottom + 4);
    expect(mark.x).toBeLessThan(words.left);
    await page.screenshot({ path: test.info().outputPath(`inventory-filters-${width}.png`) });
    await page.locator("label", { hasText: "Low stock only" }).click();
    await expect(box).toBeChecked();
  });
}
