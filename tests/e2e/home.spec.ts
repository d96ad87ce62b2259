/**
 * The home page at a phone, a tablet in portrait and a desktop (issue 15): every collection tile
 * has a picture of its own, and the hero's picture fills its box beside (or under) the words, so
 * no half of the hero is empty.
 */
import { expect, test } from "./csp";

for (const viewport of [
  { width: 390, height: 844 },
  { width: 820, height: 1180 },
  { width: 1280, height: 800 },
]) {
  test.describe(`home at ${viewport.width} px`, () => {
    test.use({ viewport });

    test("each collection tile shows its own picture; the hero's picture fills its box", async ({ page }) => {
      await page.goto("/");
      const tiles = page.locator(".collection-tile img");
      await expect(tiles).toHaveCount(4);
      const sources = await tiles.evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).getAttribute("src")));
      expect(new Set(sources).size, `tile pictures: ${sources.join(", ")}`).toBe(sources.length);

      const hero = page.locator(".hero__inner");
      const picture = hero.locator(".hero__picture > a");
      const image = picture.locator("img");
      await expect(image).toBeVisible();
      await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      await expect(page.getByText("Shown:")).toBeVisible();
      // The picture covers its box exactly (object-fit: cover, no letterboxing, nothing spilling out).
      const [imageBox, box] = [(await image.boundingBox())!, (await picture.boundingBox())!];
      for (const side of ["x", "y", "width", "height"] as const) expect(Math.abs(imageBox[side] - box[side])).toBeLessThan(1);
      expect(await image.evaluate((img) => getComputedStyle(img).objectFit)).toBe("cover");

      // And the box fills the hero's free side: from the words' column to the content's right edge.
      const content = await hero.evaluate((el) => {
        const rect = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return { left: rect.left + Number.parseFloat(style.paddingLeft), right: rect.right - Number.parseFloat(style.paddingRight) };
      });
      const text = (await hero.locator(".hero__text").boundingBox())!;
      expect(Math.abs(box.x + box.width - content.right)).toBeLessThan(1);
      if (viewport.width >= 820) {
        expect(box.x).toBeGreaterThan(text.x + text.width);
        expect(box.width).toBeGreaterThan((content.right - content.left) * 0.4);
        // As tall as the words beside it (less its caption), so no empty band under the picture.
        expect(box.height).toBeGreaterThan(text.height * 0.8);
      } else {
        expect(Math.abs(box.x - content.left)).toBeLessThan(1);
        expect(box.y).toBeGreaterThan(text.y + text.height);
      }
      await page.screenshot({ path: test.info().outputPath(`home-${viewport.width}.png`) });
    });
  });
}

test("an address that doesn't exist says so in words, not the router's", async ({ page }) => {
  const response = await page.goto("/pages/contact");
  expect(response!.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "We couldn't find that page" })).toBeVisible();
  await expect(page.getByText("The piece or page you were looking for isn't here.")).toBeVisible();
  await expect(page.getByText(/No route matches/)).toHaveCount(0);
});
