import { expect, test } from "@playwright/test";
import { e2eSql } from "./support";

async function activeMatches(term: string): Promise<number> {
  const sql = e2eSql();
  try {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from products
      where status = 'active' and search_vector @@ websearch_to_tsquery('english', ${term})`;
    return row.n;
  } finally {
    await sql.end();
  }
}

test("searching brass from the header finds brass pieces", async ({ page }) => {
  const expected = await activeMatches("brass");
  expect(expected, "the demo catalog has brass pieces").toBeGreaterThan(0);

  await page.goto("/");
  await page.getByRole("searchbox", { name: "Search" }).fill("brass");
  await page.getByRole("searchbox", { name: "Search" }).press("Enter");
  await expect(page).toHaveURL(/\/search\?q=brass$/);
  await expect(page.getByRole("heading", { level: 1, name: "Results for “brass”" })).toBeVisible();
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  const cards = page.locator(".product-grid .product-card");
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBe(Math.min(24, expected));
  await expect(cards.first()).toHaveAttribute("href", /^\/products\/[a-z0-9-]+$/);
});

test("a partial word still finds pieces", async ({ page }) => {
  await page.goto("/search?q=bras");
  await expect(page.locator(".product-grid .product-card").first()).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the search form, popular searches and the empty state work", async ({ page }) => {
    await page.goto("/search");
    await expect(page.getByRole("heading", { name: "Popular searches" })).toBeVisible();
    await page.getByRole("link", { name: "horn", exact: true }).click();
    await expect(page).toHaveURL(/\/search\?q=horn$/);

    await page.getByLabel("Search products and makers").fill("qqzzxxnothing");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page.getByRole("heading", { name: "No pieces match “qqzzxxnothing”" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Meet the makers" }).first()).toBeVisible();
  });
});

test("hostile queries are treated as text", async ({ request }) => {
  const hostile = [
    "x".repeat(5000),
    `"brass' "" '`,
    "brass & | ! :* <-> ( )",
    "'; drop table products; --",
    "💍✨ 👩🏾‍🎨",
    "Ñandú 日本語 العربية",
    "<script>alert(1)</script>",
  ];
  for (const q of hostile) {
    const response = await request.get(`/search?q=${encodeURIComponent(q)}`);
    expect(response.status(), q.slice(0, 40)).toBe(200);
    expect(await response.text()).not.toContain("<script>alert(1)</script>");
  }
  // A NUL byte is refused by the server before the search runs, with a message that says so.
  const nul = await request.get(`/search?q=${encodeURIComponent("bra\u0000ss")}`);
  expect(nul.status()).toBe(400);
  expect(await nul.text()).toContain("NUL byte");
});
