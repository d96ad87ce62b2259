/**
 * A shopper with a bag browses catalog pages that come from the shared page cache, with JavaScript
 * on and off: the header's count is her own and right, a change of the bag shows on the next page,
 * and React takes the stitched pages over without a hydration mismatch.
 */
import { expect, test, type Page } from "./csp";
import { e2eSql, hydrated } from "./support";

type Demo = { handle: string; title: string };

async function demoPieces(): Promise<Demo[]> {
  const sql = e2eSql();
  try {
    return await sql<Demo[]>`
      select p.handle, p.title from products p
      where p.status = 'active' and p.category = 'earrings' and exists (select 1 from variants v where v.product_id = p.id)
      order by p.id limit 2`;
  } finally {
    await sql.end();
  }
}

const count = (page: Page) => page.locator(".site-header .cart-count");

/** React's complaints when the server's HTML and the client's first render disagree. */
const HYDRATION = /hydrat|did not match|Text content does not match|server rendered HTML/i;

function watchHydration(page: Page) {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && HYDRATION.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => {
    if (HYDRATION.test(e.message)) problems.push(e.message);
  });
  return problems;
}

/** Opens `path` and checks the header says `units`; returns whether the page came from the shared cache. */
async function browse(page: Page, path: string, units: number) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await hydrated(page);
  await expect(count(page), path).toHaveText(String(units));
  await expect(page.locator(".site-header .cart-link")).toContainText(`${units} items in your bag`);
  // An empty bag draws no badge; a bag with something in it does (the count is stitched into an attribute too).
  if (units === 0) await expect(count(page), path).toBeHidden();
  else await expect(count(page), path).toBeVisible();
  return response?.headers()["x-page-cache"] ?? null;
}

/**
 * `browse`, on a page that should come from the shared cache: another spec's catalog edit running
 * beside this one may purge it between the warm-up and this visit (and a visitor with a bag never
 * stores a copy), so after a miss an anonymous visitor warms it again; the next answer must be a hit
 * with this visitor's own count stitched in.
 */
async function browseCached(page: Page, path: string, units: number) {
  const source = await browse(page, path, units);
  if (source === "HIT") return source;
  await (await fetch(new URL(path, page.url()), { headers: { Accept: "text/html" } })).text();
  return browse(page, path, units);
}

test("with JavaScript: the bag's count on cached pages, right after every change, no hydration mismatch", async ({ page }) => {
  const [first, second] = await demoPieces();
  const problems = watchHydration(page);
  const pages = ["/", `/products/${second.handle}`, "/collections/earrings", "/makers", "/search?q=brass"];
  // Warm the shared cache as anonymous visitors would.
  for (const path of pages) await browse(page, path, 0);

  await page.goto(`/products/${first.handle}`);
  await hydrated(page);
  await page.getByLabel("Quantity").fill("2");
  await page.getByRole("button", { name: "Add to bag" }).click();
  await expect(page).toHaveURL(/\/cart/);
  await expect(count(page)).toHaveText("2");

  const cached: (string | null)[] = [];
  for (const path of pages) cached.push(await browse(page, path, 2));
  expect(cached.filter((c) => c === "HIT").length, `cache answers: ${cached.join(", ")}`).toBeGreaterThanOrEqual(pages.length - 1);

  // Client-side navigation from a cached page keeps the count; the bag page changes it.
  await page.goto(`/products/${second.handle}`);
  await hydrated(page);
  await page.getByRole("button", { name: "Add to bag" }).click();
  await expect(page).toHaveURL(/\/cart/);
  await expect(count(page)).toHaveText("3");
  await page.getByRole("navigation", { name: "Shop" }).getByRole("link", { name: "Earrings" }).click();
  await expect(page).toHaveURL(/\/collections\/earrings/);
  await expect(count(page)).toHaveText("3");
  await browse(page, `/products/${first.handle}`, 3);
  await browse(page, "/", 3);
  expect(problems).toEqual([]);
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("the count is stitched into cached pages, and follows the bag", async ({ page }) => {
    const [first, second] = await demoPieces();
    const pages = ["/", `/products/${second.handle}`, "/collections/earrings", "/makers"];
    for (const path of pages) await browse(page, path, 0);

    await page.goto(`/products/${first.handle}`);
    await page.getByLabel("Quantity").fill("4");
    await page.getByRole("button", { name: "Add to bag" }).click();
    await expect(page).toHaveURL(/\/cart/);
    await expect(count(page)).toHaveText("4");
    for (const path of pages) expect(await browseCached(page, path, 4), path).toBe("HIT");

    // Change the bag on its page (a plain form post), then the cached pages say so.
    await page.goto("/cart");
    const line = page.getByTestId("cart-line").first();
    await line.getByLabel("Quantity").fill("1");
    await line.getByRole("button", { name: "Update" }).click();
    await expect(count(page)).toHaveText("1");
    for (const path of pages) expect(await browseCached(page, path, 1), path).toBe("HIT");
    await page.goto("/cart");
    await page.getByRole("button", { name: `Remove ${first.title}` }).click();
    for (const path of pages) await browse(page, path, 0);
  });
});
