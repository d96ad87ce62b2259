/**
 * A page past the last one (an old link, a list that shrank) says so and links back, where it said
 * "nothing yet": the artisan's statement on her phone (360 px, JavaScript off), finance's payout runs
 * and payouts, and the market and wholesale price lists; a page that isn't a number is a 400.
 */
import { expect, test, type Browser } from "@playwright/test";
import { e2eSql, signInAsOpsAdmin, signInToArtisanApp } from "./support";

test("the artisan's statement past its last page: says so in her language and 'Newer' leads back, at 360 px without JavaScript", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  await signInToArtisanApp(page, "0700000001", "1234");
  await page.goto("/artisan/earnings?page=400");
  await expect(
    page.getByText(/^Nothing on this page: your statement has (one page|\d+ pages)\. Go back with the link below\.$/),
  ).toBeVisible();
  // The pager names no position on a page that isn't there ("Page 400 of 2"): "Newer" alone leads back.
  await expect(page.getByRole("navigation", { name: "Statement pages" })).not.toContainText(/Page \d+ of/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath("earnings-past-end-360.png"), fullPage: true });
  await page.getByRole("link", { name: /Newer/ }).click();
  await expect(page).toHaveURL(/\/artisan\/earnings(\?page=\d+)?$/);
  await expect(page.locator(".earnings-line").first()).toBeVisible();
  const bad = await page.goto("/artisan/earnings?page=x");
  expect(bad?.status()).toBe(400);
  await expect(page.getByText("There is no such page: a page is a whole number from 1.")).toBeVisible();
  await context.close();
});

for (const width of [390, 820, 1280]) {
  test(`ops lists past their last page say so and link back, at ${width} px`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto("/ops/payouts?runsPage=50&payoutsPage=5000");
    await signInAsOpsAdmin(page);
    await expect(page.getByRole("heading", { name: "No runs on this page" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "No payouts on this page" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Run pages" }).getByRole("link", { name: "Newer runs" })).toBeVisible();
    // The pagers say no "50 of 1": past the end there is no position to name, only the way back.
    for (const name of ["Run pages", "Payout pages"]) await expect(page.getByRole("navigation", { name })).not.toContainText(" of ");
    await page.screenshot({ path: test.info().outputPath(`payouts-past-end-${width}.png`), fullPage: true });

    for (const path of ["/ops/markets/gb", "/ops/wholesale/prices/GBP"]) {
      await page.goto(`${path}?page=99`);
      await expect(page.getByRole("heading", { name: "No prices on this page" })).toBeVisible();
      const back = page.getByRole("link", { name: "Previous" });
      await back.click();
      await expect(page.locator("table.market-prices tbody tr").first()).toBeVisible();
      await page.goto(`${path}?page=99`);
      await page.screenshot({ path: test.info().outputPath(`${path.split("/")[2]}-past-end-${width}.png`), fullPage: true });
      expect((await page.goto(`${path}?page=x`))?.status()).toBe(400);
    }
    await context.close();
  });
}

/** Every ops list with a page field, past its last page, as the demo fills it: the path and what its rows are called. */
const OPS_LISTS = [
  ["/ops/orders", "orders"],
  ["/ops/products", "products"],
  ["/ops/artisans", "artisans"],
  ["/ops/outbox", "messages"],
  ["/ops/retailers", "retailers"],
  ["/ops/staff", "staff"],
  ["/ops/reviews", "reviews"],
  ["/ops/gift-cards", "gift cards"],
  ["/ops/returns", "returns"],
  ["/ops/production?state=offered", "requests"],
  ["/ops/edi/log", "interchanges"],
  ["/ops/edi/log?dir=out", "documents"],
  ["/ops/edi/errors", "sets"],
] as const;

for (const width of [390, 820, 1280]) {
  test(`every ops list past its last page says so and its page links lead back, at ${width} px`, async ({ browser }) => {
    test.setTimeout(90_000);
    // The outbox fills as the worker sends the demo's first emails and texts, seconds after the server starts.
    const sql = e2eSql();
    await expect
      .poll(async () => (await sql<{ n: number }[]>`select count(*)::int as n from outbox`)[0].n, { timeout: 20_000 })
      .toBeGreaterThan(0);
    await sql.end();
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto("/ops/orders?page=999");
    await signInAsOpsAdmin(page);
    await expect(page).toHaveURL(/\/ops\/orders\?page=999$/);
    for (const [path, rows] of OPS_LISTS) {
      const past = `${path}${path.includes("?") ? "&" : "?"}page=999`;
      expect((await page.goto(past))?.status(), past).toBe(200);
      await expect(page.getByRole("heading", { name: `No ${rows} on this page` }), past).toBeVisible();
      await expect(page.getByText(/^The list has (one page|\d+ pages): go back with the page links below\.$/), past).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), past).toBeLessThanOrEqual(0);
      if (width !== 820)
        await page.screenshot({ path: test.info().outputPath(`${past.replace(/\W+/g, "-")}-${width}.png`), fullPage: true });
      await page.getByRole("link", { name: "Previous" }).click();
      await expect(page, past).not.toHaveURL(/page=999/);
      await expect(page.getByRole("heading", { name: `No ${rows} on this page` }), past).toHaveCount(0);
    }
    // A page that isn't a number is still a 400 saying so, on the lists that had a field of their own.
    for (const path of ["/ops/retailers", "/ops/staff", "/ops/edi/log"]) {
      expect((await page.goto(`${path}?page=2.5`))?.status(), path).toBe(400);
      await expect(page.getByText("The page must be a whole number.")).toBeVisible();
    }
    await context.close();
  });
}

/** The demo's retail buyer, signed in on a 390 px phone. */
async function buyerAt390(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto("/wholesale/login");
  await page.getByLabel("Email").fill("buyer@retailer.test");
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  return { context, page };
}

test("a retail buyer's invoices past the last page say so and lead back, where they read 'No invoices yet', at 390 px", async ({
  browser,
}) => {
  const { context, page } = await buyerAt390(browser);
  await page.goto("/wholesale/invoices?page=99");
  await expect(page.getByRole("heading", { name: "No invoices on this page" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No invoices yet" })).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath("wholesale-invoices-past-end-390.png"), fullPage: true });
  await page.getByRole("link", { name: "Previous" }).click();
  await expect(page).toHaveURL(/\/wholesale\/invoices$/);
  await expect(page.getByRole("rowheader", { name: /INV-\d+/ }).first()).toBeVisible();
  await context.close();
});

test("a retail buyer's orders and catalog past the last page say so and lead back, where the orders showed page 1 again", async ({
  browser,
}) => {
  const { context, page } = await buyerAt390(browser);
  for (const [path, rows, back] of [
    ["/wholesale/orders", "orders", /\/wholesale\/orders$/],
    ["/wholesale/catalog?view=list", "products", /\/wholesale\/catalog\?view=list(&page=\d+)?$/],
  ] as const) {
    const past = `${path}${path.includes("?") ? "&" : "?"}page=99`;
    expect((await page.goto(past))?.status(), past).toBe(200);
    await expect(page.getByRole("heading", { name: `No ${rows} on this page` })).toBeVisible();
    await expect(page.getByRole("row")).toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: test.info().outputPath(`${path.split(/[/?]/)[2]}-past-end-390.png`), fullPage: true });
    await page.getByRole("link", { name: "Previous" }).click();
    await expect(page).toHaveURL(back);
    await expect(page.getByRole("heading", { name: `No ${rows} on this page` })).toHaveCount(0);
    const bad = await page.goto(`${path}${path.includes("?") ? "&" : "?"}page=x`);
    expect(bad?.status()).toBe(400);
    await expect(page.getByText("The page must be a number.")).toBeVisible();
  }
  await context.close();
});

for (const width of [390, 820, 1280]) {
  test(`the storefront's lists past their last page say so and lead back, without JavaScript, at ${width} px`, async ({ browser }) => {
    const sql = e2eSql();
    const [reviewed] = await sql<{ handle: string }[]>`select p.handle from products p
      where exists (select 1 from reviews r where r.product_id = p.id and r.status = 'approved') order by p.id limit 1`.finally(() =>
      sql.end(),
    );
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto("/account/login");
    await page.getByLabel("Email").fill("harriet.uk@soko.test");
    await page.getByLabel("Password").fill("soko-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/account$/);
    for (const [path, rows] of [
      ["/account", "orders"],
      ["/search?q=earrings", "pieces"],
      ["/makers", "makers"],
      [`/products/${reviewed.handle}/reviews`, "reviews"],
    ] as const) {
      const past = `${path}${path.includes("?") ? "&" : "?"}page=99`;
      expect((await page.goto(past))?.status(), past).toBe(200);
      await expect(page.getByRole("heading", { name: `No ${rows} on this page` }), past).toBeVisible();
      await expect(page.getByText(/^The list has (one page|\d+ pages): go back with the page links below\.$/), past).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), past).toBeLessThanOrEqual(0);
      await page.screenshot({ path: test.info().outputPath(`${path.split(/[/?]/)[1]}-past-end-${width}.png`), fullPage: true });
      await page.getByRole("link", { name: "Previous" }).click();
      await expect(page, past).not.toHaveURL(/page=99/);
      await expect(page.getByRole("heading", { name: `No ${rows} on this page` }), past).toHaveCount(0);
      const bad = await page.goto(`${path}${path.includes("?") ? "&" : "?"}page=x`);
      expect(bad?.status(), path).toBe(400);
    }
    await context.close();
  });
}
