import { expect, test, type Page } from "@playwright/test";
import { e2eSql } from "./support";

type Maker = { handle: string; first_name: string; last_name: string; county: string; settlement: string };

/** A consenting maker from the demo data who can make at least one active product. */
async function makerWithProducts(): Promise<Maker & { product_count: number }> {
  const sql = e2eSql();
  try {
    const [row] = await sql<(Maker & { product_count: number })[]>`
      select a.handle, a.first_name, a.last_name, a.county, a.settlement,
        (select count(*)::int from products p
          where p.status = 'active'
            and exists (select 1 from product_skills ps where ps.product_id = p.id)
            and not exists (select 1 from product_skills ps where ps.product_id = p.id
              and ps.skill_id not in (select skill_id from artisan_skills s where s.artisan_id = a.id))) as product_count
      from artisans a
      where a.active and a.public_profile
      order by product_count desc, a.id
      limit 1`;
    expect(row, "the demo data has a public maker").toBeTruthy();
    return row;
  } finally {
    await sql.end();
  }
}

async function hiddenMakerHandle(): Promise<string | undefined> {
  const sql = e2eSql();
  try {
    const [row] = await sql<{ handle: string }[]>`select handle from artisans where not public_profile order by id limit 1`;
    return row?.handle;
  } finally {
    await sql.end();
  }
}

async function browseFilterOpenAndFollow(page: Page) {
  const maker = await makerWithProducts();
  expect(maker.product_count, "the demo maker can make something").toBeGreaterThan(0);

  await page.goto("/makers");
  await expect(page.getByRole("heading", { level: 1, name: "Meet the makers" })).toBeVisible();
  await expect(page.locator(".makers-intro").getByText(/paid for every piece/)).toBeVisible();
  const cards = page.locator(".maker-grid .maker-card");
  expect(await cards.count()).toBeGreaterThan(0);
  expect(await cards.count()).toBeLessThanOrEqual(24);
  await expect(cards.first().getByRole("img")).toHaveAttribute("alt", /^Portrait of /);

  // Filter by the maker's county.
  await page.getByLabel("County").selectOption(maker.county);
  await page.getByRole("button", { name: "Show makers" }).click();
  await expect(page).toHaveURL(new RegExp(`county=${encodeURIComponent(maker.county).replace(/%20/g, "\\+")}`));
  const places = await page.locator(".maker-grid .maker-card__place").allTextContents();
  expect(places.length).toBeGreaterThan(0);
  for (const place of places) expect(place).toContain(maker.county);

  // Find the maker by name within the county, and open the profile.
  await page.getByLabel("Name or place").fill(`${maker.first_name} ${maker.last_name}`);
  await page.getByRole("button", { name: "Show makers" }).click();
  const card = page.locator(`.maker-grid a[href="/makers/${maker.handle}"]`);
  await expect(card).toContainText(`${maker.first_name} ${maker.last_name[0]}.`);
  await card.click();
  await expect(page).toHaveURL(new RegExp(`/makers/${maker.handle}$`));
  await expect(page.getByRole("heading", { level: 1, name: `${maker.first_name} ${maker.last_name}` })).toBeVisible();
  await expect(page.getByText(`Workshop in ${maker.settlement}, ${maker.county} County`)).toBeVisible();
  await expect(page.getByRole("img", { name: `Portrait of ${maker.first_name} ${maker.last_name}` })).toBeVisible();

  // Follow one of the products they make.
  const products = page.getByRole("region", { name: new RegExp(`Pieces ${maker.first_name} can make`) }).getByRole("link");
  await expect(products).toHaveCount(Math.min(12, maker.product_count));
  const href = await products.first().getAttribute("href");
  expect(href).toMatch(/^\/products\/[a-z0-9-]+$/);
  const title = await productTitle(href!.replace("/products/", ""));
  await products.first().click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

async function productTitle(handle: string): Promise<string> {
  const sql = e2eSql();
  try {
    const [row] = await sql<{ title: string }[]>`select title from products where handle = ${handle} and status = 'active'`;
    expect(row, `an active product ${handle}`).toBeTruthy();
    return row.title;
  } finally {
    await sql.end();
  }
}

test("browse makers, filter by county, open a profile and follow a product link", async ({ page }) => {
  await browseFilterOpenAndFollow(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the same journey works with plain links and GET forms", async ({ page }) => {
    await browseFilterOpenAndFollow(page);
  });
});

test("a maker profile has canonical and Open Graph tags with absolute URLs", async ({ page, baseURL }) => {
  const maker = await makerWithProducts();
  await page.goto(`/makers/${maker.handle}`);
  await expect(page).toHaveTitle(new RegExp(`${maker.first_name} ${maker.last_name}`));
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${baseURL}/makers/${maker.handle}`);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", new RegExp(`^${baseURL}/`));
});

test("non-consenting and unknown makers are not found, and bad parameters never fail", async ({ request }) => {
  const hidden = await hiddenMakerHandle();
  if (hidden) {
    expect((await request.get(`/makers/${hidden}`)).status()).toBe(404);
    const listed = await request.get(`/makers?q=${encodeURIComponent(hidden.split("-")[0])}`);
    expect(await listed.text()).not.toContain(`/makers/${hidden}"`);
  }
  expect((await request.get("/makers/no-such-maker-anywhere")).status()).toBe(404);
  // A page that isn't one is a 400 that says so; a page past the last says it has none.
  expect((await request.get("/makers?page=abc")).status()).toBe(400);
  expect(await (await request.get("/makers?page=abc")).text()).toContain("The page must be a number.");
  expect((await request.get("/makers?page=999999")).status()).toBe(400);
  for (const qs of ["page=999", "county=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "q=%27%3B--"]) {
    const response = await request.get(`/makers?${qs}`);
    expect(response.status(), qs).toBe(200);
    expect(await response.text()).not.toContain("<script>alert(1)</script>");
  }
  // A NUL byte in an address is refused by the server before the page runs.
  expect((await request.get("/makers?q=%27%3B--&county=%00")).status()).toBe(400);
});
