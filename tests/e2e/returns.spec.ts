import { expect, type Page, test } from "@playwright/test";
import { buyThroughStorefront, e2eSql, hydrated, signInAsOpsAdmin } from "./support";

type Variant = { variantId: number; handle: string };

/** Two demo pieces sold from US stock, from two products. */
async function twoStockedPieces(): Promise<Variant[]> {
  const sql = e2eSql();
  try {
    const rows = await sql<Variant[]>`
      select distinct on (p.id) v.id as "variantId", p.handle from variants v join products p on p.id = v.product_id
      where p.status = 'active' and exists (select 1 from inventory_levels il join locations l on l.id = il.location_id
                                           where il.variant_id = v.id and l.code = 'US-FC' and il.on_hand - il.reserved >= 5)
      order by p.id desc, v.id limit 2`;
    expect(rows, "the demo data has two pieces in stock").toHaveLength(2);
    return rows;
  } finally {
    await sql.end();
  }
}

/** A piece in stock with a cheaper size or finish of the same product (a 20" necklace has its 18" beside it). */
async function pieceWithCheaperSibling({
  cheaperInStock = false,
}: {
  cheaperInStock?: boolean;
} = {}): Promise<Variant & { cheaper: string }> {
  const sql = e2eSql();
  try {
    // In stock at US-FC; with `cheaperInStock` the cheaper one too, with room to spare (so the exchange is sent from stock,
    // not made to order and exchange-only, even when specs beside this one buy it meanwhile), taken from the catalog's
    // other end than the exchange-and-cancel test's piece, which runs beside it.
    const rows = await sql<Array<Variant & { cheaper: string }>>`
      select v.id as "variantId", p.handle, c.title as cheaper from variants v join products p on p.id = v.product_id
      join variants c on c.product_id = p.id and c.price < v.price and c.currency = v.currency
      where p.status = 'active' and exists (select 1 from inventory_levels il join locations l on l.id = il.location_id
                                           where il.variant_id = v.id and l.code = 'US-FC' and il.on_hand - il.reserved >= 3)
        and (not ${cheaperInStock} or exists (select 1 from inventory_levels il join locations l on l.id = il.location_id
                                              where il.variant_id = c.id and l.code = 'US-FC' and il.on_hand - il.reserved >= 10))
      order by case when ${cheaperInStock} then -p.id else p.id end, v.id, c.id limit 1`;
    expect(rows, "the demo data has a piece with a cheaper size").toHaveLength(1);
    return rows[0];
  } finally {
    await sql.end();
  }
}

/** A piece in stock with a dearer size or finish of the same product (an 18" necklace has its 20" beside it). */
async function pieceWithDearerSibling(): Promise<Variant & { dearer: string }> {
  const sql = e2eSql();
  try {
    const rows = await sql<Array<Variant & { dearer: string }>>`
      select v.id as "variantId", p.handle, d.title as dearer from variants v join products p on p.id = v.product_id
      join variants d on d.product_id = p.id and d.price > v.price and d.currency = v.currency
      where p.status = 'active' and exists (select 1 from inventory_levels il join locations l on l.id = il.location_id
                                           where il.variant_id = v.id and l.code = 'US-FC' and il.on_hand - il.reserved >= 3)
      order by p.id desc, v.id, d.id limit 1`;
    expect(rows, "the demo data has a piece with a dearer size").toHaveLength(1);
    return rows[0];
  } finally {
    await sql.end();
  }
}

/** The hub on a return's ops page: receives the parcel, puts its piece back in stock, saves the check; what the page then says. */
async function receiveAndRestock(page: Page, returnNumber: string): Promise<string> {
  await page.getByRole("button", { name: `Receive ${returnNumber}` }).click();
  await expect(page.getByRole("status")).toContainText(`${returnNumber} received`);
  await page.getByRole("combobox", { name: /What becomes of/ }).selectOption("restock");
  await page.getByRole("button", { name: "Save the check" }).click();
  await expect(page.getByRole("status")).toContainText(`${returnNumber} checked`);
  return (await page.getByRole("status").textContent()) ?? "";
}

/** The carrier's delivery scan, arranged in the database (shipping itself is the hub's own journey). */
async function markDelivered(number: string) {
  const sql = e2eSql();
  try {
    await sql`update orders set status = 'delivered' where number = ${number}`;
    await sql`insert into shipments (order_id, carrier, tracking_number, shipped_at, delivered_at)
              select id, 'DHL Express', 'JD0146000062', now() - interval '3 days', now() - interval '1 day' from orders where number = ${number}`;
  } finally {
    await sql.end();
  }
}

/** The order page link the order's confirmation email carries (the worker writes it within a moment). */
async function emailedOrderLink(number: string): Promise<string> {
  const sql = e2eSql();
  try {
    let link = "";
    await expect(async () => {
      const [mail] = await sql<{ text: string }[]>`
        select text from outbox where template = 'order-confirmation' and text like ${`%/orders/${number}?t=%`} order by id desc limit 1`;
      link = new RegExp(`/orders/${number}\\?t=[^\\s]+`).exec(mail?.text ?? "")?.[0] ?? "";
      expect(link).not.toBe("");
    }).toPass({ timeout: 20_000 });
    return link;
  } finally {
    await sql.end();
  }
}

test.describe("returns", () => {
  test("a shopper returns one of two pieces (no JavaScript, on a phone) and gets the refund after QC; the ops queue and the ledger show it", async ({
    page,
    browser,
  }) => {
    test.setTimeout(90_000);
    const pieces = await twoStockedPieces();
    const email = `returns-e2e-${Date.now()}@example.com`;
    const number = await buyThroughStorefront(page, email, pieces);
    const statusUrl = page.url();
    await markDelivered(number);

    // The shopper, on a phone with JavaScript off, from the signed link in the email.
    const phone = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const shopper = await phone.newPage();
    await shopper.goto(statusUrl);
    await shopper.getByRole("link", { name: "Return or exchange pieces" }).click();
    await expect(shopper.getByRole("heading", { level: 1, name: "Return or exchange pieces" })).toBeVisible();
    await shopper.getByLabel("How many to send back").first().selectOption("1");
    await shopper.getByLabel("Why are you sending it back?").selectOption("size");
    await shopper.getByLabel("A refund").check();
    await shopper.getByLabel(/back to the card you paid with/).check();
    await shopper.screenshot({ path: test.info().outputPath("returns-form-390.png"), fullPage: true });
    await shopper.getByRole("button", { name: "Start the return" }).click();

    await expect(shopper).toHaveURL(/\/orders\/SK-\d+\?t=.*return=RT-\d+/);
    const status = shopper.getByRole("status");
    await expect(status).toContainText(/Your return RT-\d+ has started/);
    const returnNumber = /RT-\d+/.exec((await status.textContent()) ?? "")![0];
    const returnCard = shopper.getByRole("article", { name: `Return ${returnNumber}` });
    await expect(returnCard).toContainText("Baba Dogo Road, Ruaraka");
    await expect(returnCard.getByRole("list", { name: `Steps of return ${returnNumber}` }).getByRole("listitem")).toHaveText([
      /Return started/,
      /Received at our Nairobi hub/,
      /Checked by our quality team/,
      /Refund issued/,
    ]);
    // Only the start has happened: the hub's receipt is next (in words, not only the dot), the rest to come.
    const started = returnCard.getByRole("list", { name: `Steps of return ${returnNumber}` }).getByRole("listitem");
    await expect(started.nth(0)).toHaveClass(/timeline__step--done/);
    await expect(started.nth(1)).toHaveText(/^Next:\s*Received at our Nairobi hub/);
    await expect(started.nth(1)).toHaveAttribute("aria-current", "step");
    await expect(started.nth(2)).toHaveClass(/timeline__step--upcoming/);
    await shopper.screenshot({ path: test.info().outputPath("returns-started-390.png"), fullPage: true });

    // The hub, at a desk: scans the parcel's number, receives it, checks it, and the refund goes out.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/ops/hub/receive");
    await signInAsOpsAdmin(page);
    await expect(page).toHaveURL(/\/ops\/hub\/receive$/);
    await page.getByLabel("Request or return number, or scan").fill(returnNumber.toLowerCase().replace("-", ""));
    await page.getByRole("button", { name: "Find" }).click();
    await expect(page).toHaveURL(new RegExp(`/ops/returns/${returnNumber}$`));
    await hydrated(page);
    const checked = await receiveAndRestock(page, returnNumber);
    expect(checked).toMatch(/checked: 1 piece back in stock at the hub\. Refunded \$\d+\.\d\d to the original payment\./);
    const refunded = /Refunded (\$\d+\.\d\d)/.exec(checked)![1];
    await page.screenshot({ path: test.info().outputPath("returns-ops-1280.png"), fullPage: true });

    // The queue shows it closed and refunded; the ledger's sales returns show the money.
    await page.goto("/ops/returns");
    const row = page.getByRole("region", { name: "Returns", exact: true }).getByRole("row", { name: new RegExp(returnNumber) });
    await expect(row).toContainText("Closed");
    await expect(row).toContainText("refunded");
    await expect(row).toContainText(refunded);
    const ledger = page.getByRole("table", { name: "Latest ledger entries for returns" });
    await expect(ledger.getByRole("row", { name: new RegExp(returnNumber) })).toContainText(refunded);
    await page.screenshot({ path: test.info().outputPath("returns-queue-1280.png"), fullPage: true });

    // Back on the phone: every step is done, and the email said so.
    await shopper.goto(statusUrl);
    const steps = shopper.getByRole("list", { name: `Steps of return ${returnNumber}` }).getByRole("listitem");
    await expect(steps.last()).toHaveClass(/timeline__step--done/);
    await expect(shopper.getByText("Refunded")).toBeVisible();
    await shopper.screenshot({ path: test.info().outputPath("returns-refunded-390.png"), fullPage: true });
    const sql = e2eSql();
    try {
      const mails = await sql<
        { subject: string }[]
      >`select subject from outbox where "to" = ${email} and template = 'return-update' order by id`;
      expect(mails.map((m) => m.subject)).toEqual([
        `How to send back return ${returnNumber} (order ${number})`,
        `Your return has reached us: return ${returnNumber} (order ${number})`,
        `We've checked your return: return ${returnNumber} (order ${number})`,
        `Refund of ${refunded} for return ${returnNumber} (order ${number})`,
      ]);
    } finally {
      await sql.end();
    }
    await phone.close();
  });

  test("a shopper on a desktop exchanges a piece for a cheaper size, sees the difference she gets back, and cancels before sending it", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const piece = await pieceWithCheaperSibling();
    const number = await buyThroughStorefront(page, `exchange-e2e-${Date.now()}@example.com`, [piece]);
    const statusUrl = page.url();
    await markDelivered(number);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(statusUrl);
    await hydrated(page);
    await page.getByRole("link", { name: "Return or exchange pieces" }).click();
    await page.getByLabel("How many to send back").selectOption("1");
    const swap = page.getByLabel("If exchanging, what instead");
    const cheaper = swap.locator("option", { hasText: `${piece.cheaper}: ` }).filter({ hasText: "back each" });
    const label = (await cheaper.textContent()) ?? "";
    await swap.selectOption({ label });
    const back = /(\$\d+\.\d\d) back each/.exec(label)![1];
    await page.getByLabel("Why are you sending it back?").selectOption("size");
    await page.getByLabel(/An exchange/).check();
    await page.screenshot({ path: test.info().outputPath("exchange-form-1280.png"), fullPage: true });
    await page.getByRole("button", { name: "Start the return" }).click();

    const status = page.getByRole("status").filter({ hasText: /has started/ });
    await expect(status).toContainText(/Your return RT-\d+ has started/);
    const returnNumber = /RT-\d+/.exec((await status.textContent()) ?? "")![0];
    const card = page.getByRole("article", { name: `Return ${returnNumber}` });
    await expect(card).toContainText(`exchange, with ${back} back for the difference`);
    await expect(card.getByRole("list", { name: `Steps of return ${returnNumber}` }).getByRole("listitem")).toHaveText([
      /Return started/,
      /Received at our Nairobi hub/,
      /Checked by our quality team/,
      /Exchange placed/,
      /Difference refunded/,
    ]);
    await page.screenshot({ path: test.info().outputPath("exchange-started-1280.png"), fullPage: true });

    // "Cancel this return" asks first: the question and its "Yes", and nothing cancelled until then.
    await card.getByLabel(`Cancel return ${returnNumber}`).click();
    await expect(card).toContainText(`Cancel return ${returnNumber}? Don't send the parcel`);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: test.info().outputPath("exchange-cancel-asks-390.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await card.getByRole("button", { name: "Yes, cancel the return" }).click();
    await expect(card).toContainText("Cancelled");
    await expect(card.getByLabel(`Cancel return ${returnNumber}`)).toHaveCount(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: test.info().outputPath("exchange-cancelled-390.png"), fullPage: true });
  });

  test("a shopper without JavaScript exchanges a piece for the dearer finish, pays the difference on the return page, and ops sees it paid", async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    const piece = await pieceWithDearerSibling();
    const number = await buyThroughStorefront(page, `dearer-e2e-${Date.now()}@example.com`, [piece]);
    const statusUrl = page.url();
    await markDelivered(number);

    const phone = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const shopper = await phone.newPage();
    await shopper.goto(statusUrl);
    await shopper.getByRole("link", { name: "Return or exchange pieces" }).click();
    await shopper.getByLabel("How many to send back").selectOption("1");
    const swap = shopper.getByLabel("If exchanging, what instead");
    const dearer = swap.locator("option", { hasText: `${piece.dearer}: ` }).filter({ hasText: "more each" });
    const label = (await dearer.textContent()) ?? "";
    const due = /you pay (\$\d+\.\d\d) more each/.exec(label)![1];
    await swap.selectOption({ label });
    await shopper.getByLabel("Why are you sending it back?").selectOption("not_as_pictured");
    await shopper.getByLabel(/An exchange/).check();
    await shopper.getByRole("button", { name: "Start the return" }).click();

    // Straight to the pay step: the difference, and nothing held until it is paid.
    await expect(shopper.getByRole("heading", { level: 1, name: "Pay the difference for your exchange" })).toBeVisible();
    await expect(shopper.getByRole("heading", { level: 2, name: `To pay: ${due}` })).toBeVisible();
    const returnNumber = /RT-\d+/.exec((await shopper.locator(".eyebrow").textContent()) ?? "")![0];
    for (const width of [390, 820, 1280]) {
      await shopper.setViewportSize({ width, height: 900 });
      await shopper.screenshot({ path: test.info().outputPath(`dearer-pay-${width}.png`), fullPage: true });
    }

    // Ops sees it waiting, with the amount.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/ops/returns?status=awaiting_payment");
    await signInAsOpsAdmin(page);
    await expect(page).toHaveURL(/\/ops\/returns\?status=awaiting_payment$/);
    const row = page.getByRole("region", { name: "Returns", exact: true }).getByRole("row", { name: new RegExp(returnNumber) });
    await expect(row).toContainText("Awaiting payment");
    await expect(row).toContainText(`to pay ${due}`);

    // A declined card says so and charges nothing; a good one pays, without JavaScript.
    await shopper.setViewportSize({ width: 390, height: 844 });
    await shopper.getByLabel("Card number").fill("4000 0000 0000 0002");
    await shopper.getByLabel("Expiry (MM/YY)").fill("12/40");
    await shopper.getByLabel("CVC").fill("123");
    await shopper.getByRole("button", { name: `Pay ${due}` }).click();
    await expect(shopper.getByRole("alert")).toContainText("declined");
    await shopper.getByLabel("Card number").fill("4242 4242 4242 4242");
    await shopper.getByLabel("Expiry (MM/YY)").fill("12/40");
    await shopper.getByLabel("CVC").fill("123");
    await shopper.getByRole("button", { name: `Pay ${due}` }).click();

    await expect(shopper).toHaveURL(new RegExp(`/orders/${number}\\?.*return=${returnNumber}`));
    const card = shopper.getByRole("article", { name: `Return ${returnNumber}` });
    await expect(card).toContainText(`exchange, with ${due} to pay for the difference (paid)`);
    await expect(card).toContainText("Baba Dogo Road, Ruaraka");
    const steps = card.getByRole("list", { name: `Steps of return ${returnNumber}` }).getByRole("listitem");
    await expect(steps).toHaveText([
      /Return started/,
      /Difference paid/,
      /Next:\s*Received at our Nairobi hub/,
      /Checked/,
      /Exchange placed/,
    ]);
    await shopper.screenshot({ path: test.info().outputPath("dearer-paid-390.png"), fullPage: true });

    await page.goto("/ops/returns");
    await expect(row).toContainText("On its way to us");
    await expect(row).toContainText(`paid ${due}`);
    // The report's money, from the ledger: the difference received, this period (the last 30 days by default).
    const money = page.getByRole("table", { name: "Money returns moved" });
    // Other specs' exchanges (the register's) may be in the same total: this one is among the entries.
    await expect(money.getByRole("row", { name: /Exchange differences received/ })).toBeVisible();
    await expect(
      page.getByRole("table", { name: "Latest ledger entries for returns" }).getByRole("row", { name: new RegExp(returnNumber) }),
    ).toContainText(`Exchange differences received${due}${due}`);
    for (const width of [390, 820, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.getByRole("heading", { name: /^Report:/ }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: test.info().outputPath(`returns-report-${width}.png`), fullPage: true });
    }
    // The CSV has the same entry; an earlier period (a plain GET form, the period in the address) has none.
    const csv = await page.request.get((await page.getByRole("link", { name: "Download CSV" }).getAttribute("href")) ?? "");
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(await csv.text()).toMatch(new RegExp(`,${returnNumber},${number},Exchange differences received,${due.replace("$", "")},USD,`));
    await page.getByLabel("From", { exact: true }).fill("2026-01-01");
    await page.getByLabel("To", { exact: true }).fill("2026-01-31");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/from=2026-01-01&to=2026-01-31/);
    await expect(page.getByRole("heading", { name: "Report: 2026-01-01 to 2026-01-31" })).toBeVisible();
    await expect(page.getByText("No refunds or exchange differences in this period.")).toBeVisible();
    await page.screenshot({ path: test.info().outputPath("dearer-queue-1280.png"), fullPage: true });
    // The rules the system keeps (not set by the form) are on the policy page: the lapses.
    await page.getByRole("link", { name: "Returns policy" }).click();
    const fixed = page.getByRole("region", { name: "Set by the system" });
    await expect(fixed).toContainText("hasn't reached the hub 45 days after it was started");
    await expect(fixed).toContainText("waits 3 days for the difference");
    for (const width of [390, 820, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: test.info().outputPath(`returns-policy-${width}.png`), fullPage: true });
    }
    const sql = e2eSql();
    try {
      const mails = await sql<
        { subject: string }[]
      >`select subject from outbox where dedupe_key like ${`return:${returnNumber}:%`} order by id`;
      expect(mails.map((m) => m.subject)).toEqual([
        expect.stringMatching(new RegExp(`^Pay \\${due} to confirm return ${returnNumber}`)),
        expect.stringMatching(new RegExp(`^Receipt: \\${due} paid for return ${returnNumber}`)),
      ]);
    } finally {
      await sql.end();
    }
    await phone.close();
  });

  test("a shopper exchanges a piece for another size; once it arrives she returns the new piece and its worth goes back to her card after QC; the order pages, the queue and the ledger show it", async ({
    page,
    browser,
  }) => {
    test.setTimeout(180_000);
    const piece = await pieceWithCheaperSibling({ cheaperInStock: true });
    const number = await buyThroughStorefront(page, `exchange-back-e2e-${Date.now()}@example.com`, [piece]);
    const statusUrl = page.url();
    await markDelivered(number);

    // The shopper, on a tablet: the other size instead.
    const tablet = await browser.newContext({ viewport: { width: 820, height: 1180 } });
    const shopper = await tablet.newPage();
    await shopper.goto(statusUrl);
    await hydrated(shopper);
    await shopper.getByRole("link", { name: "Return or exchange pieces" }).click();
    await shopper.getByLabel("How many to send back").selectOption("1");
    const swap = shopper.getByLabel("If exchanging, what instead");
    const label =
      (await swap
        .locator("option", { hasText: `${piece.cheaper}: ` })
        .filter({ hasText: "back each" })
        .textContent()) ?? "";
    await swap.selectOption({ label });
    await shopper.getByLabel("Why are you sending it back?").selectOption("size");
    await shopper.getByLabel(/An exchange/).check();
    await shopper.getByRole("button", { name: "Start the return" }).click();
    const started = shopper.getByRole("status").filter({ hasText: /has started/ });
    await expect(started).toContainText(/Your return RT-\d+ has started/);
    const exchangeReturn = /RT-\d+/.exec((await started.textContent()) ?? "")![0];

    // The hub receives and checks it: the exchange is placed (and the cheaper size's difference goes back).
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/ops/returns/${exchangeReturn}`);
    await signInAsOpsAdmin(page);
    await expect(page).toHaveURL(new RegExp(`/ops/returns/${exchangeReturn}$`));
    await hydrated(page);
    const exchanged = await receiveAndRestock(page, exchangeReturn);
    expect(exchanged).toMatch(/Exchange placed as order SK-\d+\. Refunded \$\d+\.\d\d to the original payment\./);
    const exchangeNumber = /Exchange placed as order (SK-\d+)/.exec(exchanged)![1];

    // The new piece is delivered; its confirmation email links the shopper to its own order page.
    await markDelivered(exchangeNumber);
    await shopper.goto(await emailedOrderLink(exchangeNumber));
    await hydrated(shopper);
    await expect(shopper).toHaveURL(new RegExp(`/orders/${exchangeNumber}\\?t=`));
    await expect(shopper.getByRole("heading", { level: 1, name: "Delivered" })).toBeVisible();
    await shopper.getByRole("link", { name: "Return or exchange pieces" }).click();
    await shopper.getByLabel("How many to send back").selectOption("1");
    await shopper.getByLabel("Why are you sending it back?").selectOption("changed_mind");
    await shopper.getByLabel("A refund").check();
    await shopper.getByLabel(/back to the card you paid with/).check();
    await shopper.getByRole("button", { name: "Start the return" }).click();
    const second = shopper.getByRole("status").filter({ hasText: /has started/ });
    await expect(second).toContainText(/Your return RT-\d+ has started/);
    const returnNumber = /RT-\d+/.exec((await second.textContent()) ?? "")![0];

    // The hub again: received, checked, and the piece's worth goes back to the card that paid the first order.
    await page.goto(`/ops/returns/${returnNumber}`);
    await hydrated(page);
    const returned = await receiveAndRestock(page, returnNumber);
    expect(returned).toMatch(new RegExp(`Refunded \\$\\d+\\.\\d\\d to the payment that paid for it \\(paid on order ${number}\\)\\.`));
    const refunded = /Refunded (\$\d+\.\d\d)/.exec(returned)![1];
    expect(Number(refunded.slice(1))).toBeGreaterThan(0);
    await expect(page.getByText(`Order ${number}: this order is an exchange`)).toBeVisible();
    const parts = page.getByRole("listitem").filter({ hasText: `to the card on order ${number}` });
    await expect(parts.filter({ hasText: refunded })).toContainText("succeeded");
    for (const width of [390, 820, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: test.info().outputPath(`exchange-returned-ops-${width}.png`), fullPage: true });
    }

    // The queue has it closed and refunded; the ledger's latest entries have its refund.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/ops/returns");
    const row = page.getByRole("region", { name: "Returns", exact: true }).getByRole("row", { name: new RegExp(returnNumber) });
    await expect(row).toContainText("Closed");
    await expect(row).toContainText("refunded");
    await expect(row).toContainText(refunded);
    const ledger = page.getByRole("table", { name: "Latest ledger entries for returns" });
    await expect(ledger.getByRole("row", { name: new RegExp(returnNumber) })).toContainText(refunded);

    // The shopper's page for the new piece: every step done, and where the money went.
    await shopper.reload();
    const card = shopper.getByRole("article", { name: `Return ${returnNumber}` });
    await expect(
      card
        .getByRole("list", { name: `Steps of return ${returnNumber}` })
        .getByRole("listitem")
        .last(),
    ).toHaveClass(/timeline__step--done/);
    await expect(card).toContainText(`This piece came as an exchange for one bought on order ${number}`);
    for (const width of [390, 820, 1280]) {
      await shopper.setViewportSize({ width, height: 900 });
      await shopper.screenshot({ path: test.info().outputPath(`exchange-returned-shopper-${width}.png`), fullPage: true });
    }
    await tablet.close();
  });
});
