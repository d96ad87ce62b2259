/**
 * What a shopper meets walking the storefront (issue #15), at a phone (390 px), an iPad in portrait
 * (820 px) and a desktop (1280 px): a misspelt search still finds pieces, product pictures follow
 * the chosen finish, rings ask for finish and size apart (with a size guide), the order page speaks
 * the shopper's time, and the footer leads to real policies. Screenshots land in the test's output.
 */
import { expect, test, type Page } from "./csp";
import { e2eSql, hydrated } from "./support";

const SIZES = [
  { name: "phone", width: 390, height: 844 },
  { name: "ipad", width: 820, height: 1180 },
  { name: "desktop", width: 1280, height: 800 },
] as const;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: false });
}

test.describe("search", () => {
  for (const size of SIZES) {
    test(`"neklace" suggests necklace and shows necklaces (${size.width} px)`, async ({ page }) => {
      await page.setViewportSize(size);
      await page.goto("/search?q=neklace");
      await expect(page.getByRole("heading", { name: "Did you mean necklace?" })).toBeVisible();
      const cards = page.getByRole("list", { name: "Pieces for necklace" }).locator(".product-card");
      await expect(cards.first()).toBeVisible();
      await expect(cards.first()).toContainText(/necklace/i);
      await shot(page, `search-neklace-${size.width}`);
      await page.getByRole("link", { name: "necklace", exact: true }).click();
      await expect(page).toHaveURL(/\/search\?q=necklace$/);
      await expect(page.getByRole("heading", { level: 1, name: "Results for “necklace”" })).toBeVisible();
    });
  }
});

/** A demo ring made in two finishes and at least two sizes (horn first: its finishes differ most). */
async function ringWithFinishesAndSizes(): Promise<{ handle: string; finishes: string[]; sizes: string[] }> {
  const sql = e2eSql();
  try {
    const [row] = await sql<{ handle: string; finishes: string[]; sizes: string[] }[]>`
      select p.handle,
        array_agg(distinct v.options->>'finish') as finishes,
        array_agg(distinct v.options->>'size') as sizes
      from products p join variants v on v.product_id = p.id
      where p.status = 'active' and p.category = 'rings'
      group by p.id
      having count(distinct v.options->>'finish') >= 2 and count(distinct v.options->>'size') >= 2
      order by bool_or(p.materials[1] = 'horn') desc, p.id
      limit 1`;
    return row;
  } finally {
    await sql.end();
  }
}

/** The large picture on show (one per gallery). */
function shownPicture(page: Page) {
  return page.locator(".gallery__slide:visible img");
}

const slug = (finish: string) => finish.toLowerCase().replace(/[^a-z0-9]+/g, "-");

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "product page, with JavaScript" : "product page, without JavaScript", () => {
    test.use({ javaScriptEnabled });

    for (const size of SIZES) {
      test(`pictures follow the finish; thumbnails change the picture; zoom opens and closes (${size.width} px)`, async ({ page }) => {
        await page.setViewportSize(size);
        const ring = await ringWithFinishesAndSizes();
        await page.goto(`/products/${ring.handle}`);
        await hydrated(page);
        const [first, second] = ring.finishes.length ? await finishOrder(page) : [];
        await expect(shownPicture(page)).toHaveCount(1);
        await expect(shownPicture(page)).toHaveAttribute("src", new RegExp(`-1\\.${slug(first)}\\.svg$`));

        // Choose the other finish: its own pictures.
        await page.getByRole("group", { name: "Finish" }).getByRole("radio", { name: second, exact: true }).click();
        await expect(shownPicture(page)).toHaveAttribute("src", new RegExp(`-1\\.${slug(second)}\\.svg$`));
        await expect(shownPicture(page)).toHaveAttribute("alt", new RegExp(second, "i"));
        if (size.width === 390) await shot(page, `product-finish-${javaScriptEnabled ? "js" : "nojs"}-${size.width}`);

        // A thumbnail: tap or click it and it becomes the large picture.
        const thumbs = page.locator(".gallery-set:visible .gallery__thumb");
        expect(await thumbs.count()).toBeGreaterThanOrEqual(2);
        await thumbs.nth(1).click();
        await expect(shownPicture(page)).toHaveAttribute("src", new RegExp(`-2\\.${slug(second)}\\.svg$`));
        await shot(page, `product-thumb-${javaScriptEnabled ? "js" : "nojs"}-${size.width}`);

        // Zoom from the keyboard: the large picture is a link; the enlarged view is bigger than the page's.
        // With JavaScript it opens over the page in a dialog; without, it is the picture's own page.
        const smallWidth = (await shownPicture(page).boundingBox())!.width;
        const shownSrc = (await shownPicture(page).getAttribute("src"))!;
        await page.locator(".gallery__slide:visible").focus();
        await page.keyboard.press("Enter");
        if (javaScriptEnabled) {
          const zoom = page.getByRole("dialog", { name: /enlarged/ });
          await expect(zoom).toBeVisible();
          await expect(zoom.locator("img")).toHaveAttribute("src", shownSrc);
          expect((await zoom.locator("img").boundingBox())!.width).toBeGreaterThan(smallWidth * 1.15);
          await shot(page, `product-zoom-js-${size.width}`);
          await expect(zoom.getByRole("button", { name: "Close" })).toBeFocused();
          await page.keyboard.press("Escape");
          await expect(zoom).toHaveCount(0);
          await expect(page.locator(".gallery__slide:visible")).toBeFocused();
        } else {
          await expect(page).toHaveURL(new RegExp(`/products/${ring.handle}/photos/\\d+$`));
          const big = page.getByRole("img", { name: /enlarged/ });
          await expect(big).toHaveAttribute("src", shownSrc);
          expect((await big.boundingBox())!.width).toBeGreaterThan(smallWidth * 1.15);
          await shot(page, `product-zoom-nojs-${size.width}`);
          const photo = page.url();
          await page
            .getByRole("link", { name: /^(Next|Previous) photo$/ })
            .first()
            .click();
          await expect(page).not.toHaveURL(photo);
          await expect(page.getByRole("img", { name: /enlarged/ })).not.toHaveAttribute("src", shownSrc);
          await page.getByRole("link", { name: "Close" }).click();
          await expect(page).toHaveURL(new RegExp(`/products/${ring.handle}#gallery$`));
          expect((await page.request.get(`/products/${ring.handle}/photos/99`)).status()).toBe(404);
        }
        await expect(shownPicture(page)).toBeVisible();
      });
    }

    test("a ring asks for finish and size apart, links a size guide, and the bag gets exactly that ring", async ({ page }) => {
      await page.setViewportSize(SIZES[0]);
      const ring = await ringWithFinishesAndSizes();
      await page.goto(`/products/${ring.handle}`);
      await hydrated(page);
      await expect(page.getByRole("group", { name: "Choose a finish" })).toHaveCount(0);
      const finish = page.getByRole("group", { name: "Finish" });
      const sizeGroup = page.getByRole("group", { name: "Size" });
      await expect(finish.getByRole("radio")).toHaveCount(ring.finishes.length);
      await expect(sizeGroup.getByRole("radio")).toHaveCount(ring.sizes.length);
      await shot(page, `ring-options-${javaScriptEnabled ? "js" : "nojs"}`);

      // The size guide is a page: it opens without JavaScript and lands on rings.
      await page.locator(".buy-box").getByRole("link", { name: "Size guide" }).click();
      await expect(page).toHaveURL(/\/size-guide#rings$/);
      await expect(page.getByRole("heading", { name: "Rings", exact: true })).toBeVisible();
      await expect(page.getByRole("table", { name: "Ring sizes" })).toContainText("16.5 mm");
      await page.goBack();
      await hydrated(page);
      // Back on the product page: its choices are drawn again before they are read.
      await expect(finish.getByRole("radio")).toHaveCount(ring.finishes.length);

      const [, second] = await finishOrder(page);
      expect(second).toBeTruthy();
      const lastSize = [...ring.sizes].sort().at(-1)!;
      await finish.getByRole("radio", { name: second, exact: true }).click();
      await sizeGroup.getByRole("radio", { name: lastSize, exact: true }).click();
      await page.getByRole("button", { name: "Add to bag" }).click();
      await expect(page).toHaveURL(/\/cart/);
      const line = page.locator(".cart-lines li").first();
      await expect(line).toContainText(`Size: ${lastSize}`);
      await expect(line).toContainText(`Finish: ${second}`);
    });
  });
}

/** The finishes in the order the page offers them. */
async function finishOrder(page: Page): Promise<string[]> {
  return page
    .getByRole("group", { name: "Finish" })
    .getByRole("radio")
    .evaluateAll((radios) => radios.map((r) => (r as HTMLInputElement).value));
}

test("a size guide for every sized piece, and none for earrings", async ({ page }) => {
  await page.goto("/size-guide");
  for (const name of ["Rings", "Necklaces", "Bracelets", "Earrings"])
    await expect(page.getByRole("heading", { level: 2, name, exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: "Necklace lengths" })).toContainText("46 cm");
});

test.describe("footer: help and policies", () => {
  for (const size of SIZES) {
    test(`every help and policy page is a footer link away, with real content (${size.width} px)`, async ({ page }) => {
      await page.setViewportSize(size);
      await page.goto("/");
      const footer = page.getByRole("navigation", { name: "Footer" });
      const pages = [
        { link: "Shipping", heading: "Shipping", text: /International standard/ },
        { link: "Returns", heading: "Returns and exchanges", text: /30 days from delivery/ },
        { link: "Size guide", heading: "Size guide", text: /Inside diameter/ },
        { link: "Contact us", heading: "Contact us", text: /@/ },
        { link: "Privacy", heading: "Privacy", text: /never sell your data/ },
        { link: "Terms of sale", heading: "Terms of sale", text: /US dollars/ },
      ];
      for (const [i, info] of pages.entries()) {
        if (i > 0) await page.goto("/");
        await footer.getByRole("link", { name: info.link, exact: true }).click();
        await expect(page.getByRole("heading", { level: 1, name: info.heading })).toBeVisible();
        await expect(page.locator(".info-body")).toContainText(info.text);
        // Wide tables scroll in their box; the page itself never scrolls sideways.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${info.link} is wider than the screen`).toBeLessThanOrEqual(0);
        if (info.link === "Returns") {
          // The way a return starts now: from the order page, a return number at once.
          await expect(page.locator(".info-body")).toContainText('choose "Return or exchange pieces"');
          await shot(page, `returns-${size.width}`);
        }
      }
      await footer.scrollIntoViewIfNeeded();
      await shot(page, `footer-${size.width}`);
    });
  }

  test("the pages are shared-cacheable, like the catalog", async ({ request }) => {
    for (const path of ["/policies/shipping", "/policies/returns", "/policies/privacy", "/policies/terms", "/contact", "/size-guide"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      expect(response.headers()["cache-control"], path).toMatch(/^public/);
    }
  });
});
