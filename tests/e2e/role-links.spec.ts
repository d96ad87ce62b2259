/**
 * Staff of one role never meet a link into a page that refuses them: on the pages the hub and
 * finance open (the returns queue and each demo return's page, the production board and a request,
 * an order's page, wholesale and EDI orders, an order that bought a gift card; ops on wholesale,
 * EDI and gift card orders), every console link answers that role with a 200. What the role may not
 * open reads as text (an artisan's name, a retailer's), and ops still gets the links. An order of gift cards
 * only has no pack or ship form.
 */
import { expect, test, type Browser } from "@playwright/test";
import { e2eSql, signInAsStaff } from "./support";

/** An order that bought a gift card online: the demo has none, so the first test to need one buys it at /gift-cards. */
async function giftCardOrder(browser: Browser): Promise<string> {
  const sql = e2eSql();
  const bought = () =>
    sql<{ number: string }[]>`select o.number from gift_cards g join orders o on o.id = g.order_id order by g.id limit 1`;
  try {
    const [found] = await bought();
    if (found) return found.number;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("/gift-cards");
    await page.getByLabel("$50.00").check();
    await page.getByLabel("Their name").fill("Wanjiru");
    await page.getByLabel("Their email").fill("wanjiru.links@example.test");
    await page.getByLabel("Your name").fill("Amina");
    await page.getByLabel("Your email (for the receipt)").fill("amina.links@example.test");
    await page.getByLabel("Card number").fill("4242 4242 4242 4242");
    await page.getByLabel("Expiry").fill("12/30");
    await page.getByLabel("CVC").fill("123");
    await page.getByRole("button", { name: "Buy gift card" }).click();
    await expect(page.getByRole("status")).toContainText("gift card for wanjiru.links@example.test");
    await context.close();
    const [made] = await bought();
    return made.number;
  } finally {
    await sql.end();
  }
}

async function demoNumbers(browser: Browser) {
  const sql = e2eSql();
  try {
    // The demo's EDI order is placed by the worker from the partner's first 850, seconds after the server starts.
    await expect
      .poll(async () => (await sql<{ n: number }[]>`select count(*)::int as n from edi_transactions where order_id is not null`)[0].n, {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    const [[request], [web], [wholesale], [edi], returns, giftCard] = await Promise.all([
      sql<{ number: string }[]>`select number from production_requests
        where artisan_id is not null and status not in ('qc_passed', 'cancelled') order by id limit 1`,
      sql<{ number: string }[]>`select number from orders where channel = 'web' order by id desc limit 1`,
      sql<{ number: string }[]>`select number from orders where channel = 'wholesale' order by id limit 1`,
      sql<{ number: string }[]>`select o.number from orders o join edi_transactions t on t.order_id = o.id order by o.id desc limit 1`,
      // Every demo return: one on its way, one waiting for QC, one closed, an exchange owing its difference.
      sql<{ number: string }[]>`select number from returns order by id`,
      giftCardOrder(browser),
    ]);
    expect(returns.length).toBeGreaterThan(0);
    return {
      request: request.number,
      web: web.number,
      wholesale: wholesale.number,
      edi: edi.number,
      returns: returns.map((r) => r.number),
      giftCard,
    };
  } finally {
    await sql.end();
  }
}

type Numbers = Awaited<ReturnType<typeof demoNumbers>>;

const PAGES = {
  "hub@soko.test": (n: Numbers) => [
    "/ops/returns",
    ...n.returns.map((r) => `/ops/returns/${r}`),
    "/ops/production?state=offered",
    `/ops/production/${n.request}`,
    `/ops/orders/${n.web}`,
    `/ops/orders/${n.wholesale}`,
    `/ops/orders/${n.giftCard}`,
  ],
  "finance@soko.test": (n: Numbers) => [
    "/ops/returns",
    ...n.returns.map((r) => `/ops/returns/${r}`),
    `/ops/orders/${n.wholesale}`,
    `/ops/orders/${n.edi}`,
    `/ops/orders/${n.giftCard}`,
  ],
  // Invoices are finance's: ops reads a wholesale order's invoice numbers as text.
  "ops@soko.test": (n: Numbers) => [`/ops/orders/${n.wholesale}`, `/ops/orders/${n.edi}`, `/ops/orders/${n.giftCard}`],
} as const;

for (const email of Object.keys(PAGES) as Array<keyof typeof PAGES>) {
  test(`${email} meets no link into a page that refuses it`, async ({ browser }) => {
    test.setTimeout(90_000);
    const numbers = await demoNumbers(browser);
    const { context, page } = await signInAsStaff(browser, email);
    for (const path of PAGES[email](numbers)) {
      expect((await page.goto(path))?.status(), path).toBe(200);
      const targets = await page
        .getByRole("main")
        .locator("a[href^='/ops']")
        .evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
      expect(targets.length, `${path} links somewhere`).toBeGreaterThan(0);
      for (const target of new Set(targets)) {
        if (/\.(pdf|csv)(\?|$)/.test(target)) continue;
        const answer = await page.request.get(target, { maxRedirects: 0 });
        expect(answer.status(), `${email} on ${path}: ${target}`).toBe(200);
      }
    }
    await page.goto(`/ops/production/${numbers.request}`);
    await page.screenshot({ path: test.info().outputPath(`${email}-request-1280.png`), fullPage: true });
    await context.close();
  });
}

test("ops still follows the artisan, retailer and EDI links the other roles read as text", async ({ browser }) => {
  const numbers = await demoNumbers(browser);
  const { context, page } = await signInAsStaff(browser, "ops@soko.test");
  await page.goto(`/ops/production/${numbers.request}`);
  await expect(page.getByRole("main").locator("a[href^='/ops/artisans/']").first()).toBeVisible();
  await page.goto(`/ops/orders/${numbers.edi}`);
  await expect(page.getByRole("main").locator("a[href^='/ops/retailers/']").first()).toBeVisible();
  await expect(page.getByRole("main").locator("a[href^='/ops/edi/partners/']").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "← Orders" })).toBeVisible();
  await page.goto("/ops/returns");
  await expect(page.getByRole("link", { name: "Returns policy" })).toBeVisible();
  await context.close();
});

test("the hub meets no pack or ship form on an order of gift cards only: nothing to pack, each card is emailed", async ({ browser }) => {
  const numbers = await demoNumbers(browser);
  const { context, page } = await signInAsStaff(browser, "hub@soko.test");
  await page.goto(`/ops/orders/${numbers.giftCard}`);
  const fulfilment = page.getByRole("group", { name: "Fulfilment" });
  await expect(fulfilment).toContainText("Gift cards only: nothing to pack or ship.");
  await expect(fulfilment.getByRole("button")).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("gift-card-order-hub-1280.png"), fullPage: true });
  await context.close();
});
