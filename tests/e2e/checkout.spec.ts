import { expect, test, type Page } from "./csp";
import { addToBag as addToBagShared, checkoutAddressAndShipping, e2eSql, hydrated, payWithCard } from "./support";

type Variant = { variantId: number; handle: string; title: string };

/** A demo variant with no stock where web orders are filled from: it will be made to order. */
async function madeToOrderVariant(offset = 0): Promise<Variant> {
  const sql = e2eSql();
  try {
    const rows = await sql<Variant[]>`
      select v.id as "variantId", p.handle, p.title from variants v join products p on p.id = v.product_id
      where p.status = 'active' and exists (select 1 from product_skills ps where ps.product_id = p.id)
        and not exists (select 1 from inventory_levels il join locations l on l.id = il.location_id
                        where il.variant_id = v.id and l.code in ('US-FC', 'NBO-HUB') and il.on_hand > il.reserved)
      order by v.id limit 1 offset ${offset}`;
    expect(rows[0], "the demo data has made-to-order pieces").toBeTruthy();
    return rows[0];
  } finally {
    await sql.end();
  }
}

const addToBag = (page: Page, variant: Variant) => addToBagShared(page, [variant]);
const fillAddressAndShipping = checkoutAddressAndShipping;
const payWith = payWithCard;

test("pay with 4242: the order page shows production and moves live when the artisan accepts", async ({ page }) => {
  const variant = await madeToOrderVariant(0);
  await addToBag(page, variant);
  await fillAddressAndShipping(page, "maya@example.com");
  await payWith(page, "4242 4242 4242 4242");

  await expect(page).toHaveURL(/\/orders\/SK-\d+\?t=/);
  await expect(page.getByRole("status")).toContainText("Thank you! Your order is confirmed.");
  await expect(page.locator(".site-header .cart-count")).toHaveText("0");
  const number = (await page.locator(".eyebrow").first().textContent())!.replace("Order ", "").trim();

  // The dispatch job offers the work to an artisan; the page follows without reload.
  await expect(page.locator(".live-badge")).toHaveText("Live");
  await page.evaluate(() => ((window as unknown as { __marker: string }).__marker = "still here"));
  await expect(page.getByText("Offered to our artisans").first()).toBeVisible({ timeout: 15_000 });

  const sql = e2eSql();
  try {
    const [request] = await sql<{ id: number; order_id: number; artisan_id: number; first_name: string }[]>`
      select pr.id, pr.order_id, pr.artisan_id, a.first_name from production_requests pr
      join orders o on o.id = pr.order_id join artisans a on a.id = pr.artisan_id
      where o.number = ${number} and pr.status = 'offered' limit 1`;
    expect(request, "the request was offered to an artisan").toBeTruthy();
    await sql.begin(async (tx) => {
      await tx`update production_requests set status = 'accepted' where id = ${request.id}`;
      await tx`insert into production_events (request_id, order_id, artisan_id, from_status, to_status, actor)
               values (${request.id}, ${request.order_id}, ${request.artisan_id}, 'offered', 'accepted', 'artisan')`;
    });
    await expect(page.getByText(`${request.first_name}`, { exact: false }).first()).toBeVisible({ timeout: 5_000 });
    await expect(page.locator('[aria-current="step"]').first()).toContainText("Accepted by");
    expect(await page.evaluate(() => (window as unknown as { __marker?: string }).__marker)).toBe("still here");
    // The page moved by itself and still thanks her; a reload is a later visit: the order, no thanks.
    await expect(page.getByRole("status")).toContainText("Thank you! Your order is confirmed.");
    await page.reload();
    await expect(page.getByText(`${request.first_name}`, { exact: false }).first()).toBeVisible();
    await expect(page.getByText("Thank you! Your order is confirmed.")).toHaveCount(0);
  } finally {
    await sql.end();
  }
});

test("a declined card makes no order and keeps the bag", async ({ page }) => {
  const variant = await madeToOrderVariant(1);
  await addToBag(page, variant);
  await fillAddressAndShipping(page, "decline@example.com");
  await payWith(page, "4000 0000 0000 0002");
  await expect(page.getByRole("alert")).toContainText("Your card was declined");
  await expect(page).toHaveURL(/\/checkout/);
  await expect(page.locator(".site-header .cart-count")).not.toHaveText("0");
  await payWith(page, "4000 0000 0000 9995");
  await expect(page.getByRole("alert")).toContainText("insufficient funds");
  const sql = e2eSql();
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from orders where email = 'decline@example.com'`;
    expect(row.n).toBe(0);
  } finally {
    await sql.end();
  }
});

test("a second tab still on checkout lands on the order the bag became, not on a bare empty bag", async ({ page, context }) => {
  const variant = await madeToOrderVariant(4);
  await addToBag(page, variant);
  await fillAddressAndShipping(page, "two-tabs@example.com");
  const other = await context.newPage();
  await other.goto("/checkout");
  await hydrated(other);
  await payWith(page, "4242 4242 4242 4242");
  await expect(page).toHaveURL(/\/orders\/SK-\d+\?t=/);
  const number = /\/orders\/(SK-\d+)/.exec(page.url())![1];

  // The other tab pays too: no second order, and it says where the bag went.
  await payWith(other, "4242 4242 4242 4242");
  await expect(other).toHaveURL(/\/cart$/);
  await expect(other.getByRole("status")).toContainText(`Your bag became order ${number}: it is placed and paid.`);
  await other.getByRole("link", { name: "Follow your order" }).click();
  await expect(other).toHaveURL(new RegExp(`/orders/${number}\\?t=`));
  const sql = e2eSql();
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from orders where email = 'two-tabs@example.com'`;
    expect(row.n).toBe(1);
  } finally {
    await sql.end();
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the whole checkout works and the order page shows the current state", async ({ page }) => {
    const variant = await madeToOrderVariant(2);
    await addToBag(page, variant);
    await fillAddressAndShipping(page, "nojs@example.com");
    await expect(page.getByText("Test mode: use 4242")).toBeVisible();
    // A bad address field comes back with a message and the typed values.
    await page.getByRole("link", { name: "Change" }).first().click();
    await page.getByLabel("ZIP code").fill("ABC");
    await page.getByRole("button", { name: "Continue to shipping" }).click();
    await expect(page.getByText("Enter a 5-digit ZIP code.")).toBeVisible();
    await expect(page.getByLabel("Street address")).toHaveValue("77 Mission St");
    await page.getByLabel("ZIP code").fill("94105");
    await page.getByRole("button", { name: "Continue to shipping" }).click();
    // The shipping method chosen before is kept.
    await expect(page.getByRole("link", { name: "Change" })).toHaveCount(2);
    await payWith(page, "4242424242424242");
    await expect(page).toHaveURL(/\/orders\/SK-\d+\?t=/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator('[aria-current="step"]').first()).toBeVisible();
  });
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(`the checkout's own header and footer, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("the bag, secure, the market, help and the policies; none of the shop's ways out", async ({ page }) => {
      await addToBag(page, await madeToOrderVariant(javaScriptEnabled ? 5 : 6));
      await page.goto("/checkout");
      await hydrated(page);
      const header = page.getByRole("banner");
      const logo = header.getByRole("link", { name: "Soko, back to your bag" });
      await expect(logo).toHaveAttribute("href", "/cart");
      await expect(header).toContainText("Secure checkout");
      await expect(header).toContainText("United States · USD");
      await expect(header.getByRole("link", { name: "Help" })).toHaveAttribute("href", "/contact");
      await expect(page.locator(".site-header .cart-count")).toHaveText("1");
      await expect(page.getByRole("navigation", { name: "Shop" })).toHaveCount(0);
      await expect(page.getByRole("search")).toHaveCount(0);
      await expect(page.getByLabel("Shipping to")).toHaveCount(0);
      await expect(page.getByRole("navigation", { name: "Footer" })).toHaveCount(0);
      const policies = page.getByRole("contentinfo").getByRole("navigation", { name: "Policies" });
      await expect(policies.getByRole("link")).toHaveText(["Shipping policy", "Returns policy", "Privacy policy", "Terms of sale"]);
      for (const width of [390, 820, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(sideways, `the checkout scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: test.info().outputPath(`checkout-chrome-${width}.png`), fullPage: true });
      }
      await policies.getByRole("link", { name: "Returns policy" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Returns and exchanges" })).toBeVisible();
      // Back on the bag's pages the shop's own header is there again.
      await page.goto("/checkout");
      await logo.click();
      await expect(page).toHaveURL(/\/cart$/);
      await expect(page.getByRole("navigation", { name: "Shop" })).toBeVisible();
    });
  });
}

test("an order page without its signed link is a 404", async ({ page }) => {
  const response = await page.goto("/orders/SK-100001?t=forged");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
});

test("the confirmation email in the outbox links to the live order page", async ({ page }) => {
  const variant = await madeToOrderVariant(3);
  await addToBag(page, variant);
  await fillAddressAndShipping(page, "outbox@example.com");
  await payWith(page, "4242 4242 4242 4242");
  await expect(page).toHaveURL(/\/orders\/SK-\d+\?t=/);
  const number = (await page.locator(".eyebrow").first().textContent())!.replace("Order ", "").trim();

  await page.context().clearCookies();
  await page.goto("/ops/login?redirectTo=/ops/outbox");
  await hydrated(page);
  await page.getByLabel("Email").fill("ops@soko.test");
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL((url) => url.pathname === "/ops/outbox");
  // The confirmation is rendered by a job right after the order commits.
  await expect(async () => {
    await page.reload();
    await page
      .getByRole("link", { name: new RegExp(number) })
      .first()
      .click({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  const preview = page.frameLocator('iframe[title^="Email preview"]');
  const href = await preview.getByRole("link", { name: "Track your order" }).getAttribute("href");
  expect(href).toMatch(new RegExp(`/orders/${number}\\?t=[\\w-]+$`));
  await page.goto(href!);
  await expect(page.getByText(`Order ${number}`)).toBeVisible();
  await expect(page.locator(".live-badge")).toHaveText("Live");
  await expect(page.getByText("Thank you! Your order is confirmed.")).toHaveCount(0);
});

test("without JavaScript the thanks shows once, right after paying: not on a reload nor on the page's own address", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const variant = await madeToOrderVariant(4);
  await addToBag(page, variant);
  await fillAddressAndShipping(page, `thanks-nojs-${Date.now()}@example.com`);
  await payWith(page, "4242 4242 4242 4242");
  await expect(page).toHaveURL(/\/orders\/SK-\d+\?t=[\w-]+$/);
  await expect(page.getByRole("status")).toContainText("Thank you! Your order is confirmed.");
  const address = page.url();
  await page.reload();
  await expect(page.locator(".eyebrow").first()).toHaveText(/^Order SK-\d+$/);
  await expect(page.getByText("Thank you! Your order is confirmed.")).toHaveCount(0);
  // The old way's address (a bookmark from before) says nothing either.
  await page.goto(`${address}&placed=1`);
  await expect(page.locator(".eyebrow").first()).toHaveText(/^Order SK-\d+$/);
  await expect(page.getByText("Thank you! Your order is confirmed.")).toHaveCount(0);
  await context.close();
});
