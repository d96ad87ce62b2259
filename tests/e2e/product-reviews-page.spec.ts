/**
 * A product's reviews (#14, the product page's render): the page shows the average, the count and
 * the three most helpful; every review is on the product's reviews page, five a page, with plain page
 * links and votes that come back to the page they were cast on, all without JavaScript. Screenshots
 * of the reviews page at 390, 820 and 1280 px land in the test's output.
 */
import { expect, test, type Page } from "./csp";
import { e2eSql } from "./support";

test.use({ javaScriptEnabled: false });

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

test("the product page shows the three most helpful reviews; the reviews page shows them all, a page at a time, without JavaScript", async ({
  page,
}) => {
  const sql = e2eSql();
  const [piece] = await sql<{ handle: string; title: string; n: number }[]>`
    select p.handle, p.title, count(*)::int as n
    from reviews r join products p on p.id = r.product_id
    where r.status = 'approved' and p.status = 'active'
    group by p.id having count(*) > 5
    order by count(*) desc, p.id limit 1`;
  await sql.end();
  expect(piece, "the demo has a product with more than one page of reviews").toBeTruthy();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/products/${piece.handle}`);
  const reviews = page.locator(".review-list > li");
  await expect(reviews).toHaveCount(3);
  await expect(page.getByText(`The 3 most helpful of ${piece.n}.`)).toBeVisible();
  // The structured data still carries the aggregate of all of them.
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
  expect(jsonLd.aggregateRating).toMatchObject({ "@type": "AggregateRating", reviewCount: piece.n });
  expect(jsonLd.review).toHaveLength(3);

  await page.getByRole("link", { name: `Read all ${piece.n} reviews of ${piece.title}` }).click();
  await expect(page).toHaveURL(new RegExp(`/products/${piece.handle}/reviews$`));
  await expect(page.getByRole("heading", { level: 1, name: `Reviews of ${piece.title}` })).toBeVisible();
  await expect(reviews).toHaveCount(5);
  const firstPage = await reviews.evaluateAll((items) => items.map((item) => item.id));
  for (const width of [390, 820, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await shot(page, `product-reviews-page-${width}`);
  }

  const pages = page.getByRole("navigation", { name: "Review pages" });
  await pages.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(new RegExp(`/products/${piece.handle}/reviews\\?page=2$`));
  await expect(reviews).toHaveCount(Math.min(5, piece.n - 5));
  const secondPage = await reviews.evaluateAll((items) => items.map((item) => item.id));
  expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);
  await expect(pages.getByText("2", { exact: true })).toHaveAttribute("aria-current", "page");

  // A vote without JavaScript comes back to the page it was cast on.
  await reviews
    .first()
    .getByRole("button", { name: /^Was this helpful\? Yes/ })
    .click();
  await expect(page).toHaveURL(new RegExp(`/products/${piece.handle}/reviews\\?page=2#review-\\d+$`));

  // The old address of a page of reviews leads to the reviews page; a product that does not exist has none.
  await page.goto(`/products/${piece.handle}?reviews=2`);
  await expect(page).toHaveURL(new RegExp(`/products/${piece.handle}/reviews\\?page=2$`));
  expect((await page.request.get("/products/no-such-piece/reviews")).status()).toBe(404);
});
