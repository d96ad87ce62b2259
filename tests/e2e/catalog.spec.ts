import { expect, test, type Page } from "@playwright/test";
import { hydrated } from "./support";

/**
 * The storefront catalog on demo data: home → a collection → filter by material → a product →
 * choose a variant → structured data; the same with JavaScript off; and a 404 that still navigates.
 */

type ProductJsonLd = {
  "@type": string;
  name: string;
  brand: { name: string };
  offers: { sku: string; price: string; priceCurrency: string; availability: string; url: string }[];
};

async function productJsonLd(page: Page): Promise<ProductJsonLd> {
  const text = await page.locator('script[type="application/ld+json"]').first().textContent();
  expect(text, "the product page has JSON-LD").toBeTruthy();
  return JSON.parse(text!) as ProductJsonLd;
}

async function browseToAProduct(page: Page, { js }: { js: boolean }) {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("1,300+");
  await expect(page.getByRole("heading", { name: "New arrivals" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "The hands behind every piece" })).toBeVisible();
  const makerLink = page.locator(".maker-stories a[href^='/makers/']").first();
  await expect(makerLink).toBeVisible();

  // Home → a collection (the first featured tile).
  const tile = page.locator(".collection-tile").first();
  const collectionHref = await tile.getAttribute("href");
  expect(collectionHref).toMatch(/^\/collections\/[a-z0-9-]+$/);
  await tile.click();
  await expect(page).toHaveURL(new RegExp(`${collectionHref}$`));
  const countText = await page.locator(".results-count").textContent();
  const before = Number(/(\d+) piece/.exec(countText ?? "")?.[1]);
  expect(before).toBeGreaterThan(0);

  // Filter by the first material on offer.
  const box = page.getByRole("group", { name: "Material" }).getByRole("checkbox").first();
  const material = await box.getAttribute("value");
  await box.check();
  if (!js) await page.getByRole("button", { name: "Apply" }).click();
  await expect.poll(() => new URL(page.url()).searchParams.getAll("material")).toEqual([material]);
  await expect(page.getByRole("group", { name: "Material" }).getByRole("checkbox", { checked: true })).toHaveCount(1);
  const after = Number(/(\d+) piece/.exec((await page.locator(".results-count").textContent()) ?? "")?.[1]);
  expect(after).toBeGreaterThan(0);
  expect(after).toBeLessThanOrEqual(before);

  // → a product: the first card that has more than one variant to choose from.
  const hrefs = await page.locator(".product-grid .product-card").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
  expect(hrefs.length).toBeGreaterThan(0);
  let productHref = "";
  for (const [index, href] of hrefs.entries()) {
    if (index === 0) await page.locator(".product-grid .product-card").first().click();
    else await page.goto(href);
    await expect(page).toHaveURL(new RegExp(`${href}$`));
    productHref = href;
    if ((await choices(page).count()) > 1) break;
  }
  await expect(choices(page).nth(1)).toBeAttached();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const ld = await productJsonLd(page);
  expect(ld["@type"]).toBe("Product");
  expect(ld.brand.name).toBe("Soko");
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "product");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`${productHref}$`));
  return { ld, productHref };
}

/** The buy box's choices: a radio per finish, size or length (or per variant, for a product without options). */
function choices(page: Page) {
  return page.locator(".buy-box").getByRole("radio");
}

test.describe("catalog with JavaScript", () => {
  test("home → collection → material filter → product → variant → JSON-LD", async ({ page }) => {
    const { ld } = await browseToAProduct(page, { js: true });
    await hydrated(page);
    expect(ld.offers.length).toBeGreaterThan(1);
    await expect(page.getByRole("button", { name: "Add to bag" })).toBeVisible();
    await expect(page.locator('input[name="quantity"]')).toHaveValue("1");

    // Choosing another finish (or size) updates the shown price and availability, and the URL names the variant.
    const firstGroup = page.locator(".buy-box fieldset").first();
    const unchecked = firstGroup.locator("input[type=radio]:not(:checked)").first();
    const chosenValue = await unchecked.getAttribute("value");
    await unchecked.check();
    await expect(page).toHaveURL(/variant=\d+/);
    const variantId = new URL(page.url()).searchParams.get("variant");
    const offer = ld.offers.find((o) => o.url.endsWith(`?variant=${variantId}`))!;
    expect(offer, "the URL names one of the product's offers").toBeTruthy();
    const price = new Intl.NumberFormat("en-US", { style: "currency", currency: offer.priceCurrency }).format(Number(offer.price));
    await expect(page.locator(".buy-box__price")).toContainText(price);
    const label = offer.availability.endsWith("InStock") ? /In stock, ships in \d+ days?/ : /Made to order by hand, ships in \d+ days?/;
    await expect(page.getByTestId("availability")).toHaveText(label);

    // ?variant= preselects after a reload.
    await page.reload();
    await expect(firstGroup.locator(`input[type=radio][value="${chosenValue}"]`)).toBeChecked();
  });

  test("filters that match nothing show an empty state that clears them", async ({ page }) => {
    await page.goto("/collections/earrings?min=99999");
    await expect(page.getByText("No pieces match")).toBeVisible();
    await page.getByRole("link", { name: "clear filters", exact: true }).click();
    await expect(page).toHaveURL(/\/collections\/earrings$/);
    await expect(page.locator(".product-grid .product-card").first()).toBeVisible();
  });

  test("bad query values never break a collection page", async ({ request }) => {
    for (const qs of ["page=-1", "page=abc", "sort=evil", "price=xyz", "page=100000", "material=%3Cscript%3E"]) {
      const response = await request.get(`/collections/earrings?${qs}`);
      expect(response.status(), qs).toBe(200);
      // A page past the end lands on the last page's own address, not on "page 100000" showing another page.
      if (qs === "page=100000") expect(response.url()).not.toContain("page=100000");
    }
  });

  test("sitemap and robots", async ({ request }) => {
    const sitemap = await request.get("/sitemap.xml");
    expect(sitemap.status()).toBe(200);
    const xml = await sitemap.text();
    expect(xml).toContain("/collections/earrings</loc>");
    expect(xml).toMatch(/\/products\/[a-z0-9-]+<\/loc><lastmod>\d{4}-\d{2}-\d{2}<\/lastmod>/);
    expect(xml).toMatch(/\/makers\/[a-z0-9-]+<\/loc>/);
    const robots = await (await request.get("/robots.txt")).text();
    expect(robots).toContain("Disallow: /ops");
    expect(robots).toMatch(/Sitemap: https?:\/\/.+\/sitemap\.xml/);
  });
});

test.describe("catalog without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("home → collection → material filter → product → variant → add to bag", async ({ page }) => {
    const { ld } = await browseToAProduct(page, { js: false });
    expect(ld.offers.length).toBeGreaterThan(1);
    const radios = choices(page);
    const last = (await radios.count()) - 1;
    await radios.nth(last).check();
    await expect(radios.nth(last)).toBeChecked();
    await page.locator('input[name="quantity"]').fill("2");
    await page.getByRole("button", { name: "Add to bag" }).click();
    await expect(page).toHaveURL(/\/cart/);
    await expect(page.locator(".cart-count")).toHaveText("2");
  });
});

test("an unknown product is a 404 page with navigation", async ({ page }) => {
  const response = await page.goto("/products/no-such-piece-anywhere");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We couldn't find that page");
  await expect(page.getByRole("navigation", { name: "Shop" }).getByRole("link", { name: "Earrings" })).toBeVisible();
  await page.getByRole("link", { name: "Go to the shop" }).click();
  await expect(page).toHaveURL(/\/$/);
});
