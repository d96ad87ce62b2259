/**
 * Issue 16's "done when" for reviews: a delivered order's review request email (in the outbox
 * preview) → the buyer writes a review with a photo, JavaScript off, on a 390 px phone → ops
 * approve it at 1280 px → the product page (already cached before the approval) shows it with the
 * maker's name and the new average.
 */
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { expect, test, type Page } from "@playwright/test";
import { createDb } from "../../db/client";
import { createDeliveredOrder } from "../../db/seed/reviews";
import { svgToJpeg } from "~/domain/images/raster.server";
import { unreviewedPiece } from "./reviews-support";
import { e2eSql, signInAsOpsAdmin } from "./support";

const DAY = 86_400_000;

/** A real photo (a JPEG the upload checks accept and a browser draws). */
const photo = () =>
  svgToJpeg(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" fill="#f3e7da"/><circle cx="50" cy="50" r="30" fill="none" stroke="#b4572e" stroke-width="8"/></svg>',
    480,
  );

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(name), fullPage: true });
}

test("a delivered order's review appears on the product page after moderation, with the maker's name and the new average", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const raw = e2eSql();
  const { db, sql: client } = createDb(readFileSync(process.env.E2E_URL_FILE!, "utf8").trim(), { max: 2 });
  try {
    // A piece nobody has reviewed yet, made by a maker with a public profile.
    const piece = await unreviewedPiece(db, "newest");
    const order = await createDeliveredOrder(db, {
      email: `reviewer-${Date.now()}@example.test`,
      name: "Imani Njoroge",
      lines: [{ variantId: piece.variant_id, artisanId: piece.artisan_id }],
      deliveredAt: new Date(Date.now() - 8 * DAY),
    });
    // The hourly job, now: the worker beside the server sends the request.
    await db.execute(sql`select graphile_worker.add_job('request_reviews', '{}'::json)`);
    await expect
      .poll(async () => (await raw`select id from outbox where dedupe_key = ${`review-request:${order.number}`}`).length, {
        timeout: 20_000,
      })
      .toBe(1);

    // Ops, at 1280 px: the email in the outbox preview.
    const opsContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const ops = await opsContext.newPage();
    const [{ id: outboxId }] = await raw<{ id: number }[]>`select id from outbox where dedupe_key = ${`review-request:${order.number}`}`;
    await ops.goto(`/ops/outbox/${outboxId}`);
    await signInAsOpsAdmin(ops);
    await expect(ops.getByRole("heading", { level: 1 })).toHaveText(/^How is your /);
    const preview = ops.frameLocator('iframe[title^="Email preview"]');
    await expect(preview.getByText(`Made by ${piece.maker}`)).toBeVisible();
    const link = preview.getByRole("link", { name: "Review your pieces" });
    const href = (await link.getAttribute("href"))!;
    expect(href).toMatch(new RegExp(`/orders/${order.number}/review\\?t=[A-Za-z0-9_-]{32}$`));
    await shot(ops, "review-request-email-1280.png");

    // The product page, seen (and cached for everyone) before anything is published.
    const shopperContext = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const shopper = await shopperContext.newPage();
    await shopper.goto(`/products/${piece.handle}`);
    await expect(shopper.getByText("No reviews yet.")).toBeVisible();

    // The buyer, JavaScript off, 390 px: from the email's link.
    await shopper.goto(href);
    await expect(shopper.getByRole("heading", { level: 1, name: "Review your pieces" })).toBeVisible();
    await expect(shopper.getByText(`Made by ${piece.maker}`)).toBeVisible();
    await shopper.getByRole("link", { name: `Write a review of ${piece.line_title}` }).click();
    await shopper.getByLabel("4 stars: Like it").check();
    await shopper.getByLabel("Title").fill("Light, and it catches the sun");
    await shopper.getByLabel("Your review", { exact: true }).fill("I have worn them every day since they came. Lighter than they look.");
    await expect(shopper.getByLabel("Name shown with your review")).toHaveValue("Imani N.");
    await shopper.getByLabel("Photos (optional)").setInputFiles({ name: "worn.jpg", mimeType: "image/jpeg", buffer: photo() });
    await shot(shopper, "review-form-390.png");
    await shopper.getByRole("button", { name: "Send review" }).click();
    await expect(shopper.getByRole("status")).toContainText("Thank you! Your review is with our team");
    await expect(shopper.getByText("With our team: not published yet")).toBeVisible();
    await expect(shopper.getByRole("img", { name: `Your photo 1 of ${piece.line_title}` })).toBeVisible();
    await shot(shopper, "review-sent-390.png");
    // Not on the shop until it is read.
    await shopper.goto(`/products/${piece.handle}`);
    await expect(shopper.getByText("No reviews yet.")).toBeVisible();

    // Ops approve it at 1280 px.
    await ops.goto("/ops/reviews");
    await ops.getByRole("link", { name: "Light, and it catches the sun" }).click();
    await expect(ops.getByRole("heading", { level: 1, name: "Light, and it catches the sun" })).toBeVisible();
    await expect(ops.getByText(`Made by ${piece.maker}`)).toBeVisible();
    await shot(ops, "review-moderation-1280.png");
    await ops.getByRole("button", { name: "Approve and publish" }).click();
    await expect(ops.getByRole("status")).toContainText(`Published: it shows on /products/${piece.handle} now.`);

    // On the product page at once (its cached copy was purged), for a shopper without JavaScript.
    const started = Date.now();
    await shopper.goto(`/products/${piece.handle}`);
    const reviews = shopper.locator("#review-list, .review-list");
    await expect(reviews.getByRole("heading", { name: "Light, and it catches the sun" })).toBeVisible();
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(reviews.getByRole("link", { name: `Made by ${piece.maker}` })).toBeVisible();
    await expect(shopper.getByText("4.0 out of 5 stars from 1 review").first()).toBeAttached();
    await expect(reviews.getByRole("img", { name: new RegExp(`^Photo 1 of ${escapeRegExp(piece.title)} by Imani N\\.$`) })).toBeVisible();
    const ld = JSON.parse((await shopper.locator('script[type="application/ld+json"]').first().textContent())!);
    expect(ld.aggregateRating).toMatchObject({ "@type": "AggregateRating", ratingValue: 4, reviewCount: 1 });
    expect(ld.review[0]).toMatchObject({ "@type": "Review", name: "Light, and it catches the sun", author: { name: "Imani N." } });
    await shopper.locator("#reviews").scrollIntoViewIfNeeded();
    await shopper.screenshot({ path: test.info().outputPath("product-reviews-390.png") });
    await shot(shopper, "product-reviews-390-full.png");

    // "Was this helpful?" without JavaScript: back to the review, counted.
    await reviews.getByRole("button", { name: /^Was this helpful\? Yes/ }).click();
    await expect(shopper).toHaveURL(new RegExp(`/products/${piece.handle}#review-\\d+$`));
    await expect(reviews.getByText("1 person found this helpful.")).toBeVisible();

    const tablet = await browser.newPage({ viewport: { width: 820, height: 1180 } });
    await tablet.goto(`/products/${piece.handle}#reviews`);
    await expect(tablet.getByText("1 person found this helpful.")).toBeVisible();
    await expect
      .poll(() =>
        tablet
          .locator(".review-list .review-photo")
          .first()
          .evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBeGreaterThan(0);
    await tablet.screenshot({ path: test.info().outputPath("product-reviews-820.png") });
    await tablet.close();
    await opsContext.close();
    await shopperContext.close();
  } finally {
    await client.end();
    await raw.end();
  }
});

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
