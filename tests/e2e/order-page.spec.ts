/**
 * The shopper's order page (issue 15): the artisan's photo of the finished piece appears on it,
 * and its times are the shopper's own — in UTC, and saying so, when JavaScript is off; in the
 * browser's zone once it runs.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Resvg } from "@resvg/resvg-js";
import { expect, test } from "@playwright/test";
import { addToBag, checkoutAddressAndShipping, e2eSql, payWithCard } from "./support";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

test.use({ viewport: { width: 390, height: 844 } });

/** A demo piece nobody has in stock, so buying it starts a production request. */
async function madeToOrderVariant() {
  const sql = e2eSql();
  try {
    const [variant] = await sql<{ variantId: number; handle: string }[]>`
      select v.id as "variantId", p.handle from variants v join products p on p.id = v.product_id
      where p.status = 'active' and exists (select 1 from product_skills ps where ps.product_id = p.id)
        and not exists (select 1 from inventory_levels il join locations l on l.id = il.location_id
                        where il.variant_id = v.id and l.code in ('US-FC', 'NBO-HUB') and il.on_hand > il.reserved)
      order by v.id desc offset 1 limit 1`;
    expect(variant, "the demo has a made-to-order piece").toBeTruthy();
    return variant;
  } finally {
    await sql.end();
  }
}

/**
 * What the artisan app does when she marks the work ready with a photo: the file under the upload
 * folder, the request ready, and the event carrying the photo's address.
 */
async function artisanSendsPhoto(orderNumber: string): Promise<string> {
  const name = `${crypto.randomUUID()}.png`;
  const png = new Resvg(
    `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#e9dccb"/><circle cx="200" cy="150" r="90" fill="none" stroke="#8f4020" stroke-width="26"/></svg>`,
  )
    .render()
    .asPng();
  mkdirSync(path.join(root, ".data/uploads/work-photos"), { recursive: true });
  writeFileSync(path.join(root, ".data/uploads/work-photos", name), png);
  const sql = e2eSql();
  try {
    let request: { id: number; order_id: number } | undefined;
    await expect
      .poll(async () => {
        [request] = await sql<{ id: number; order_id: number }[]>`
          select pr.id, pr.order_id from production_requests pr join orders o on o.id = pr.order_id where o.number = ${orderNumber}`;
        return Boolean(request);
      })
      .toBe(true);
    await sql.begin(async (tx) => {
      const [row] = await tx<{ artisan_id: number }[]>`
        update production_requests pr
        set status = 'ready', units_made = quantity, offer_expires_at = null, updated_at = now(),
            artisan_id = coalesce(pr.artisan_id, (select a.id from artisans a where a.active order by a.id limit 1))
        where pr.id = ${request!.id}
        returning artisan_id`;
      await tx`
        insert into production_events (request_id, order_id, artisan_id, from_status, to_status, actor, note, photo_url) values
          (${request!.id}, ${request!.order_id}, ${row.artisan_id}, 'offered', 'accepted', ${`artisan:${row.artisan_id}`}, null, null),
          (${request!.id}, ${request!.order_id}, ${row.artisan_id}, 'accepted', 'ready', ${`artisan:${row.artisan_id}`}, 'Ready for pickup', ${`/artisan/photos/${name}`})`;
    });
    return name;
  } finally {
    await sql.end();
  }
}

test("the artisan's photo of the finished piece shows on the shopper's order page; times in UTC without JavaScript, hers with it", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const piece = await madeToOrderVariant();
  await addToBag(page, [piece]);
  await checkoutAddressAndShipping(page, `photo-${Date.now()}@example.com`);
  await payWithCard(page, "4242 4242 4242 4242");
  await expect(page).toHaveURL(/\/orders\/SK-\d+\?t=/);
  const orderUrl = page.url();
  const orderNumber = /\/orders\/(SK-\d+)/.exec(orderUrl)![1];

  const name = await artisanSendsPhoto(orderNumber);
  await page.goto(orderUrl);
  const photo = page.getByRole("img", { name: /photographed by .+ when it was finished/ });
  await expect(photo).toBeVisible();
  await expect(photo).toHaveAttribute("src", new RegExp(`^/orders/${orderNumber}/photos/${name}\\?t=`));
  await photo.scrollIntoViewIfNeeded();
  await expect.poll(() => photo.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(400);
  await page.screenshot({ path: test.info().outputPath("order-photo-390.png"), fullPage: true });

  // Without JavaScript the server can't know her zone: UTC, and the page says so.
  const noScript = await browser.newContext({ javaScriptEnabled: false, timezoneId: "America/Los_Angeles" });
  const plain = await noScript.newPage();
  await plain.goto(orderUrl);
  const placedAt = plain.locator("p.muted time").first();
  await expect(placedAt).toHaveText(/ UTC$/);
  await expect(plain.locator(".timeline time").first()).toHaveText(/ UTC$/);
  await expect(plain.getByTestId("delivery-estimate")).toBeVisible();
  await noScript.close();

  // With JavaScript in San Francisco: Pacific time, the same instant.
  const sf = await browser.newContext({ timezoneId: "America/Los_Angeles" });
  const shopper = await sf.newPage();
  await shopper.goto(orderUrl);
  await expect(shopper.locator("p.muted time").first()).toHaveText(/ P[SD]T$/);
  await expect(shopper.locator(".timeline time").first()).toHaveText(/ P[SD]T$/);
  const iso = await shopper.locator("p.muted time").first().getAttribute("datetime");
  const pacific = new Date(iso!).toLocaleString("en-US", { timeZone: "America/Los_Angeles", hour: "numeric", minute: "2-digit" });
  await expect(shopper.locator("p.muted time").first()).toContainText(pacific);
  await sf.close();
});
