/**
 * A review written to attack the shop, as a shopper without JavaScript on a phone: HTML and a
 * closing `</script>` in its title, text and name are kept as the words typed, shown as text to ops
 * and, once approved, on the product page and in its JSON-LD (no element made, no script run); a
 * forged post past each field's length is refused with each field's message and stores nothing.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { createDb } from "../../db/client";
import { createDeliveredOrder } from "../../db/seed/reviews";
import { reviewPageOf, unreviewedPiece } from "./reviews-support";
import { e2eSql, signInAsOpsAdmin } from "./support";

const DAY = 86_400_000;
const TITLE = 'Pretty <img src=x onerror="window.__pwned=1"> ring';
const BODY = 'Lovely </script><script>window.__pwned=2</script> and <b>bold</b> & "fine".';

test("HTML in a review stays the words typed, to ops and on the product page; an overlong forged review is refused", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const raw = e2eSql();
  const { db, sql: client } = createDb(readFileSync(process.env.E2E_URL_FILE!, "utf8").trim(), { max: 2 });
  try {
    // A piece nobody has reviewed yet (so its page shows this review alone), delivered a week ago.
    const piece = await unreviewedPiece(db, "oldest");
    const order = await createDeliveredOrder(db, {
      email: `hostile-${Date.now()}@example.test`,
      name: "Mallory Evans",
      lines: [{ variantId: piece.variant_id, artisanId: piece.artisan_id }],
      deliveredAt: new Date(Date.now() - 8 * DAY),
    });
    const reviewPage = await reviewPageOf(db, raw, order.number);

    const phone = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const shopper = await phone.newPage();
    await shopper.goto(reviewPage);
    await shopper
      .getByRole("link", { name: /^Write a review of / })
      .first()
      .click();
    const formAction = (await shopper.locator("form.review-form").getAttribute("action"))!;

    // Past every length, posted straight at the form's address: each field says why, nothing is stored.
    const forged = await phone.request.post(formAction, {
      headers: { Origin: new URL(shopper.url()).origin },
      multipart: { rating: "5", title: "A".repeat(10_000), body: "b".repeat(5_000), authorName: "N".repeat(500) },
    });
    expect(forged.status()).toBe(400);
    const refusal = await forged.text();
    for (const message of [
      "Keep a title to 120 characters.",
      "Keep your review to 4,000 characters.",
      "Keep the name to show to 60 characters.",
    ])
      expect(refusal).toContain(message);
    expect(await raw`select id from reviews where order_id = ${order.id}`).toHaveLength(0);

    await shopper.getByRole("radio", { name: "4 stars: Like it" }).check();
    await shopper.getByLabel("Title").fill(TITLE);
    await shopper.getByLabel("Your review", { exact: true }).fill(BODY);
    await shopper.getByLabel("Name shown with your review").fill("<i>Mal</i> E.");
    await shopper.getByRole("button", { name: "Send review" }).click();
    await expect(shopper.getByRole("status")).toContainText("Thank you! Your review is with our team");
    await expect(shopper.getByText(TITLE)).toBeVisible();
    await expect(shopper.locator('img[src="x"]')).toHaveCount(0);
    const [stored] = await raw<{ id: number; title: string; body: string; author_name: string }[]>`
      select id, title, body, author_name from reviews where order_id = ${order.id}`;
    expect(stored).toEqual({ id: expect.any(Number), title: TITLE, body: BODY, author_name: "<i>Mal</i> E." });

    // Ops read it as text (JavaScript on: nothing in it runs) and approve it.
    const ops = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await ops.goto(`/ops/reviews/${stored.id}`);
    await signInAsOpsAdmin(ops);
    await expect(ops).toHaveURL(new RegExp(`/ops/reviews/${stored.id}$`));
    await expect(ops.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
    await expect(ops.getByText(BODY)).toBeVisible();
    await ops.getByRole("button", { name: "Approve and publish" }).click();
    await expect(ops.getByRole("status")).toContainText(`Published: it shows on /products/${piece.handle} now.`);
    expect(await ops.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await ops.close();

    // The product page, JavaScript on: the words as typed, no element made, no script run, the JSON-LD whole.
    const tablet = await browser.newPage({ viewport: { width: 820, height: 1180 } });
    const errors: string[] = [];
    tablet.on("pageerror", (error) => errors.push(error.message));
    await tablet.goto(`/products/${piece.handle}#reviews`);
    const reviews = tablet.locator("#review-list, .review-list");
    await expect(reviews.getByRole("heading", { name: TITLE })).toBeVisible();
    await expect(reviews.getByText(BODY)).toBeVisible();
    await expect(reviews.getByText("<i>Mal</i> E.", { exact: false })).toBeVisible();
    await expect(tablet.locator('img[src="x"]')).toHaveCount(0);
    expect(await tablet.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    const ld = JSON.parse((await tablet.locator('script[type="application/ld+json"]').first().textContent())!);
    expect(ld.review[0]).toMatchObject({ name: TITLE, reviewBody: BODY });
    expect(errors).toEqual([]);
    await tablet.screenshot({ path: test.info().outputPath("review-hostile-820.png"), fullPage: true });
    await phone.close();
  } finally {
    await client.end();
    await raw.end();
  }
});
