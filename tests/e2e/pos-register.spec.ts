import { expect, test, type Page } from "./csp";
import { e2eSql, hydrated, signInToRegister } from "./support";

/**
 * A shift at the flagship as the demo cashier runs it: cash, split, a return, a special order,
 * two sales while offline, then closing with a variance. One register, one shift: in order.
 */
test.describe.configure({ mode: "serial" });

type Piece = { variantId: number; sku: string; barcode: string; title: string };

async function query<T>(run: (sql: ReturnType<typeof e2eSql>) => Promise<T>): Promise<T> {
  const sql = e2eSql();
  try {
    return await run(sql);
  } finally {
    await sql.end();
  }
}

/** A demo piece with at least `free` on the flagship's shelf (or none at all, for a special order). */
async function piece(free: number | "none", skip: number[] = []): Promise<Piece> {
  return query(async (sql) => {
    const rows = await sql<Piece[]>`
      select v.id as "variantId", v.sku, v.barcode, p.title from variants v join products p on p.id = v.product_id
      left join inventory_levels il on il.variant_id = v.id and il.location_id = (select id from locations where code = 'SF-FLAGSHIP')
      where p.status = 'active' and v.id <> all(${skip})
        and ${free === "none" ? sql`coalesce(il.on_hand - il.reserved, 0) = 0` : sql`coalesce(il.on_hand - il.reserved, 0) >= ${free}`}
      order by v.id limit 1`;
    expect(rows[0], "the demo data has such a piece").toBeTruthy();
    return rows[0];
  });
}

async function shelf(variantId: number): Promise<number> {
  return query(async (sql) => {
    const [row] = await sql<{ on_hand: number }[]>`
      select il.on_hand from inventory_levels il join locations l on l.id = il.location_id where il.variant_id = ${variantId} and l.code = 'SF-FLAGSHIP'`;
    return row?.on_hand ?? 0;
  });
}

/** Sales recorded from the offline queue so far. */
function countOffline(): Promise<number> {
  return query(async (sql) => {
    const [row] = await sql<
      { n: number }[]
    >`select count(*)::int as n from order_events where type = 'sold_in_store' and (data->>'offline')::boolean`;
    return row.n;
  });
}

async function scanAndWait(page: Page, code: string, title: string) {
  const field = page.getByLabel("Scan or search");
  await field.fill(code);
  await field.press("Enter");
  await expect(page.locator(".pos-line__title", { hasText: title })).toBeVisible();
}

const dollars = (text: string) => Math.round(Number(text.replace(/[^0-9.-]/g, "")) * 100);

let cashSale = "";
let cashPiece: Piece;

test("scan a barcode, take cash, print the receipt: the shelf has one fewer", async ({ page }) => {
  cashPiece = await piece(3);
  const before = await shelf(cashPiece.variantId);
  await signInToRegister(page);

  await scanAndWait(page, cashPiece.barcode, cashPiece.title);
  await page.getByLabel("Cash given").fill("500");
  await expect(page.getByTestId("change-due")).toContainText("Change due");
  await page.getByRole("button", { name: /^Take payment/ }).click();

  await expect(page).toHaveURL(/\/pos\/sales\/SK-\d+$/);
  cashSale = /SK-\d+/.exec(page.url())![0];
  await expect(page.getByRole("heading", { name: `Receipt ${cashSale}` })).toBeVisible();
  await expect(page.getByText(/Change due: \$/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Print receipt" })).toBeVisible();
  expect(await shelf(cashPiece.variantId)).toBe(before - 1);
});

test("split tender: part on the card, the rest in cash", async ({ page }) => {
  const item = await piece(2, [cashPiece.variantId]);
  await signInToRegister(page);
  await scanAndWait(page, item.sku, item.title);
  await page.getByLabel("Split").check();
  await page.getByLabel("Amount on card").fill("10");
  await page.getByLabel("Cash given").fill("500");
  await page.getByRole("button", { name: /^Take payment/ }).click();
  await expect(page).toHaveURL(/\/pos\/sales\/SK-\d+$/);
  const number = /SK-\d+/.exec(page.url())![0];

  const receipt = page.locator(".pos-receipt dt");
  // The card the customer presented (the simulated reader's Visa 4242), never the end of the payment's id.
  await expect(receipt.filter({ hasText: /^Visa ····4242$/ })).toBeVisible();
  await expect(receipt.filter({ hasText: /^Cash$/ })).toBeVisible();
  const [{ total, paid, kinds }] = await query(
    (sql) => sql<{ total: number; paid: number; kinds: string }[]>`
    select o.total, sum(t.amount)::int as paid, string_agg(t.kind, ',' order by t.kind) as kinds
    from orders o join tenders t on t.order_id = o.id where o.number = ${number} group by o.total`,
  );
  expect(kinds).toBe("card,cash");
  expect(paid).toBe(total);
});

test("the sale in progress survives opening Shift and coming back, and a reload; New sale starts over", async ({ page }) => {
  const item = await piece(2, [cashPiece.variantId]);
  await signInToRegister(page);
  await scanAndWait(page, item.barcode, item.title);
  await page.getByLabel(`Quantity of ${item.title}`).fill("2");
  const total = await page.getByTestId("sale-total").textContent();

  await page.getByRole("link", { name: "Shift" }).click();
  await expect(page.getByRole("heading", { name: /^Shift \d+/ })).toBeVisible();
  await page.getByRole("link", { name: "Register", exact: true }).click();
  await expect(page.locator(".pos-line__title", { hasText: item.title })).toBeVisible();
  await expect(page.getByLabel(`Quantity of ${item.title}`)).toHaveValue("2");
  await expect(page.getByTestId("sale-total")).toHaveText(total!);

  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel(`Quantity of ${item.title}`)).toHaveValue("2");
  // The kept sale keeps its key: paying after the reload is still the one sale.
  const key = await page.locator('.pos-tender input[name="key"]').inputValue();
  await page.reload();
  await hydrated(page);
  expect(await page.locator('.pos-tender input[name="key"]').inputValue()).toBe(key);

  await page.getByRole("button", { name: "New sale" }).click();
  await expect(page.getByText("Scan a piece or tap one to start a sale.")).toBeVisible();
  await expect(page.getByTestId("sale-total")).toHaveText("$0.00");
  expect(await page.locator('.pos-tender input[name="key"]').inputValue()).not.toBe(key);
  await page.reload();
  await expect(page.getByText("Scan a piece or tap one to start a sale.")).toBeVisible();
});

test("with JavaScript off the sale in progress survives Shift and back; paying forgets it", async ({ browser }) => {
  const item = await piece(2, [cashPiece.variantId]);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await signInToRegister(page);
    await page.getByLabel("Scan or search").fill(item.barcode);
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await expect(page.locator(".pos-line__title", { hasText: item.title })).toBeVisible();
    await page.getByRole("link", { name: "Shift" }).click();
    await expect(page.getByRole("heading", { name: /^Shift \d+/ })).toBeVisible();
    await page.goto("/pos/register");
    await expect(page.locator(".pos-line__title", { hasText: item.title })).toBeVisible();
    await page.getByLabel("Cash given").fill("1000");
    await page.getByRole("button", { name: /^Take payment/ }).click();
    await expect(page).toHaveURL(/\/pos\/sales\/SK-\d+$/);
    await page.goto("/pos/register");
    await expect(page.getByText("Scan a piece or tap one to start a sale.")).toBeVisible();
  } finally {
    await context.close();
  }
});

test("return against the original sale: cash back, piece back on the shelf", async ({ page }) => {
  const before = await shelf(cashPiece.variantId);
  await signInToRegister(page);
  await page.getByLabel("Find a sale by receipt number").fill(cashSale);
  await page.getByRole("button", { name: "Open" }).click();
  await expect(page).toHaveURL(new RegExp(`/pos/sales/${cashSale}$`));

  // It starts at what is left to return of the piece (one was sold), not at 0.
  await expect(page.getByLabel(/Return how many of/)).toHaveValue("1");
  await page.getByLabel(/Return how many of/).fill("1");
  await page.getByLabel("Reason").selectOption("size");
  await page.getByRole("button", { name: "Return or exchange" }).click();
  await expect(page.getByText(/Returned: \$[\d.,]+ in cash from the drawer/)).toBeVisible();
  await expect(page.getByText(/Refunded in cash/)).toBeVisible();
  expect(await shelf(cashPiece.variantId)).toBe(before + 1);
});

test("special order: a piece not on the shelf ships to the customer and goes into production", async ({ page }) => {
  const item = await piece("none");
  await signInToRegister(page);
  await scanAndWait(page, item.barcode, item.title);
  await expect(page.getByText("Special order: ships to the customer")).toBeVisible();
  await page.getByLabel("Email the receipt to (optional)").fill("imani@example.com");
  await page.getByLabel("Name", { exact: true }).fill("Imani Njoroge");
  await page.getByLabel("Street address").fill("77 Mission St");
  await page.getByLabel("City").fill("San Francisco");
  await page.getByLabel("ZIP").fill("94105");
  await page.getByLabel("Card", { exact: true }).check();
  await page.getByRole("button", { name: /^Charge card/ }).click();

  await expect(page).toHaveURL(/\/pos\/sales\/SK-\d+$/);
  const number = /SK-\d+/.exec(page.url())![0];
  await expect(page.getByText(/Special order: PR-\d+/)).toBeVisible();
  const requests = await query(
    (sql) => sql<{ number: string; status: string }[]>`
    select pr.number, pr.status from production_requests pr join orders o on o.id = pr.order_id where o.number = ${number}`,
  );
  expect(requests).toHaveLength(1);
});

test("offline: two cash sales are queued on the tablet and recorded once each when the connection returns", async ({ page, context }) => {
  const item = await piece(4, [cashPiece.variantId]);
  const before = await shelf(item.variantId);
  const offlineBefore = await countOffline();
  await signInToRegister(page);
  // The cashier attached a regular before the connection went: the first sale is hers.
  const panel = page.getByRole("region", { name: "Customer", exact: true });
  await panel.getByLabel("Find a customer").pressSequentially("maya", { delay: 30 });
  await panel.getByRole("button", { name: "Attach Maya Chen" }).click();
  await expect(panel.getByTestId("attached-customer")).toContainText("Maya Chen");

  await context.setOffline(true);
  await expect(page.getByText("Offline.")).toBeVisible();
  for (const n of [1, 2]) {
    await scanAndWait(page, item.barcode, item.title);
    await page.getByLabel("Cash given").fill("500");
    await page.getByRole("button", { name: /^Take payment/ }).click();
    await expect(page.getByText(/Saved offline: \$/)).toBeVisible();
    await expect(page.getByTestId("offline-queue")).toContainText(`${n} ${n === 1 ? "sale" : "sales"} waiting to sync`);
  }
  expect(await countOffline()).toBe(offlineBefore);

  await context.setOffline(false);
  await expect(page.getByTestId("offline-queue")).toBeHidden({ timeout: 20_000 });
  expect(await countOffline()).toBe(offlineBefore + 2);
  // Sending the queue again changes nothing: each key is one sale.
  await page.evaluate(() => window.SokoPosQueue?.sync());
  expect(await countOffline()).toBe(offlineBefore + 2);
  const [{ orders, tenders }] = await query(
    (sql) => sql<{ orders: number; tenders: number }[]>`
    select count(distinct o.id)::int as orders, count(t.id)::int as tenders from orders o join tenders t on t.order_id = o.id
    where o.id in (select order_id from order_events where type = 'sold_in_store' and (data->>'offline')::boolean)`,
  );
  expect(tenders).toBe(orders);
  expect(await shelf(item.variantId)).toBe(before - 2);
  const owners = await query(
    (sql) => sql<{ email: string | null }[]>`
    select c.email from orders o join order_lines l on l.order_id = o.id left join customers c on c.id = o.customer_id
    where l.variant_id = ${item.variantId} and o.channel = 'pos' order by o.id`,
  );
  expect(owners.map((o) => o.email)).toEqual(["maya@example.com", null]);
});

test("the register opens again with the shop's connection down, and a sale made then is recorded once", async ({ page, context }) => {
  const item = await piece(4);
  const before = await shelf(item.variantId);
  const offlineBefore = await countOffline();
  await signInToRegister(page);
  // The register's service worker keeps the page and the build files it loaded.
  await expect.poll(() => page.evaluate(async () => Boolean(await caches.match("/pos/register"))), { timeout: 15_000 }).toBe(true);
  await expect
    .poll(
      () =>
        page.evaluate(async () => (await (await caches.open("soko-pos-assets-v1")).keys()).filter((r) => r.url.includes("/build/")).length),
      { timeout: 15_000 },
    )
    .toBeGreaterThan(2);

  // The connection drops and the tablet reloads the page: every request to the server fails.
  await context.setOffline(true);
  await context.route("**/*", (route) => route.abort("internetdisconnected"));
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await expect(page.getByText("Offline.")).toBeVisible();
  await scanAndWait(page, item.barcode, item.title);
  await page.getByLabel("Cash given").fill("500");
  await page.getByRole("button", { name: /^Take payment/ }).click();
  await expect(page.getByText(/Saved offline: \$/)).toBeVisible();
  await expect(page.getByTestId("offline-queue")).toContainText("1 sale waiting to sync");
  expect(await countOffline()).toBe(offlineBefore);

  await context.unroute("**/*");
  await context.setOffline(false);
  await expect(page.getByTestId("offline-queue")).toBeHidden({ timeout: 20_000 });
  expect(await countOffline()).toBe(offlineBefore + 1);
  expect(await shelf(item.variantId)).toBe(before - 1);

  // Signing out forgets the kept register (a shared tablet).
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to the register" })).toBeVisible();
  await expect.poll(() => page.evaluate(async () => Boolean(await caches.match("/pos/register")))).toBe(false);
});

test("with JavaScript off the register still sells: scan, quantity, cash, receipt", async ({ browser }) => {
  const item = await piece(3, [cashPiece.variantId]);
  const before = await shelf(item.variantId);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await signInToRegister(page);
    await page.getByLabel("Scan or search").fill(item.barcode);
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await expect(page.locator(".pos-line__title", { hasText: item.title })).toBeVisible();
    await page.getByLabel(`Quantity of ${item.title}`).fill("0");
    await page.getByRole("button", { name: "Update cart" }).click();
    await expect(page.getByRole("alert")).toContainText("must be at least 1");
    await page.getByLabel(`Quantity of ${item.title}`).fill("2");
    await page.getByRole("button", { name: "Update cart" }).click();
    await expect(page.getByTestId("sale-total")).not.toHaveText("$0.00");
    await page.getByLabel("Cash given").fill("1");
    await page.getByRole("button", { name: /^Take payment/ }).click();
    await expect(page.getByRole("alert")).toContainText("is less than the");
    await page.getByLabel("Cash given").fill("1000");
    await page.getByRole("button", { name: /^Take payment/ }).click();
    await expect(page).toHaveURL(/\/pos\/sales\/SK-\d+$/);
    await expect(page.getByText(/Change due: \$/)).toBeVisible();
    expect(await shelf(item.variantId)).toBe(before - 2);
  } finally {
    await context.close();
  }
});

/** An active product with several variants (sizes, finishes) and its category. */
async function productWithVariants(): Promise<{ title: string; category: string; variants: string[] }> {
  return query(async (sql) => {
    const [row] = await sql<{ title: string; category: string; variants: string[] }[]>`
      select p.title, p.category, array_agg(v.title order by v.position, v.id) as variants
      from products p join variants v on v.product_id = p.id
      where p.status = 'active' group by p.id having count(*) >= 2 order by p.id limit 1`;
    expect(row, "the demo data has a product with variants").toBeTruthy();
    return row;
  });
}

test("iPad portrait (820 px): the sale and Charge stay on screen; variants sit under their product; search lists results", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  const item = await piece(2, [cashPiece.variantId]);
  const product = await productWithVariants();
  await signInToRegister(page);
  await scanAndWait(page, item.barcode, item.title);

  const charge = page.getByRole("button", { name: /^Take payment/ });
  const onScreen = async () => {
    const box = (await charge.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(1180);
    // Beside the products, not under them.
    expect(box.x).toBeGreaterThan(400);
  };
  await onScreen();
  // Far down the products, the sale is still there.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await onScreen();
  await expect(page.getByTestId("sale-total")).toBeInViewport();
  await page.evaluate(() => window.scrollTo(0, 0));

  // One tile for the product, a button for each of its variants.
  await page
    .getByRole("navigation", { name: "Categories" })
    .getByRole("link", { name: new RegExp(`^${product.category}$`, "i") })
    .click();
  const options = page.getByRole("list", { name: `${product.title}: choose one` });
  await expect(options.getByRole("button")).toHaveCount(product.variants.length);
  await options.getByRole("button").first().click();
  await expect(page.locator(".pos-line__title", { hasText: `${product.title} — ${product.variants[0]}` })).toBeVisible();
  // A longer sale (two lines, perhaps a special order's address): Charge is still on screen, at the top and far down.
  await onScreen();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await onScreen();
  await page.evaluate(() => window.scrollTo(0, 0));

  // A search that matches several pieces lists them to choose from: no error.
  const field = page.getByLabel("Scan or search");
  await field.fill(product.title);
  await field.press("Enter");
  const results = page.getByRole("region", { name: /pieces match/ });
  await expect(results).toBeVisible();
  await expect(page.locator(".notice--error")).toHaveCount(0);
  await expect(results.getByRole("list", { name: `${product.title}: choose one` }).getByRole("button")).toHaveCount(
    product.variants.length,
  );
  await page.screenshot({ path: testInfo.outputPath("register-820.png") });
  await page.screenshot({ path: testInfo.outputPath("register-820-full.png"), fullPage: true });

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(page.getByRole("button", { name: /^Take payment/ })).toBeInViewport();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: testInfo.outputPath("register-1280.png") });

  // A discount above 20% asks for what the manager really types: their password.
  await page.getByLabel(`Discount percent on ${item.title}`).fill("25");
  await expect(page.getByLabel("Manager password")).toBeVisible();
  await expect(page.getByText("Manager PIN")).toHaveCount(0);
  await page.getByRole("button", { name: "New sale" }).click();
});

test("search as you type on an iPad in portrait: results follow the letters, a tap adds the piece and clears the search", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  const product = await productWithVariants();
  await signInToRegister(page);
  const field = page.getByLabel("Scan or search");
  // Typed letter by letter, no Enter: the results are there as the cashier types.
  const word = product.title.split(" ").find((w) => w.length >= 4) ?? product.title;
  await field.pressSequentially(word.slice(0, 4).toLowerCase(), { delay: 30 });
  const results = page.getByRole("region", { name: /match/ });
  await expect(results).toBeVisible();
  await expect(results.getByRole("status")).toContainText(`match "${word.slice(0, 4).toLowerCase()}"`);
  await expect(page.locator(".notice--error")).toHaveCount(0);
  await expect(results).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath("register-search-820.png") });
  const first = results.getByRole("button").first();
  await first.click();
  await expect(page.locator(".pos-line")).toHaveCount(1);
  await expect(field).toHaveValue("");
  await expect(results).toHaveCount(0);
  // Nothing matching says so, without a submit.
  await field.pressSequentially("zzqx");
  await expect(page.getByRole("alert")).toHaveText('Nothing matches "zzqx".');
  await field.fill("");
  await page.getByRole("button", { name: "New sale" }).click();
});

test("the receipt goes to the shopper's phone by text; a number that can't be one is refused", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  const item = await piece(2);
  await signInToRegister(page);
  await scanAndWait(page, item.barcode, item.title);
  await page.getByLabel("Cash given").fill("500");
  await page.getByRole("button", { name: /^Take payment/ }).click();
  await expect(page).toHaveURL(/\/pos\/sales\/SK-\d+$/);
  const number = /SK-\d+/.exec(page.url())![0];

  const phone = page.getByLabel("Customer's mobile number");
  await phone.fill("555-0100");
  await page.getByRole("button", { name: "Text receipt" }).click();
  await expect(page.getByRole("alert")).toContainText("with its area code");
  await expect(phone).toHaveValue("555-0100");
  await phone.fill("(415) 555-0100");
  await page.getByRole("button", { name: "Text receipt" }).click();
  await expect(page.getByRole("status")).toHaveText("Receipt texted to +14155550100.");
  await page.screenshot({ path: testInfo.outputPath("receipt-text-820.png") });
  const [sms] = await query(
    (sql) =>
      sql<{ to: string; text: string }[]>`select "to", text from outbox where dedupe_key = ${`pos-receipt-sms:${number}:+14155550100`}`,
  );
  expect(sms.to).toBe("+14155550100");
  expect(sms.text).toContain(`Receipt ${number}`);
  expect(sms.text).toContain("paid by cash");
});

test("close the shift with a variance: the report stays in the history and exports as CSV", async ({ page }) => {
  await signInToRegister(page);
  await page.getByRole("link", { name: "Shift" }).click();
  await expect(page.getByRole("heading", { name: /^Shift \d+/ })).toBeVisible();
  const expected = dollars((await page.getByTestId("expected-cash").textContent()) ?? "");
  expect(expected).toBeGreaterThan(15000);
  await page.getByLabel("Cash counted in the drawer (USD)").fill(((expected - 500) / 100).toFixed(2));
  await page.getByRole("button", { name: "Close shift" }).click();

  await expect(page.getByText(/closed\. Variance −\$5\.00 \(short\)/)).toBeVisible();
  await expect(page.getByTestId("variance")).toHaveText("−$5.00");
  const history = page.getByRole("region", { name: "Closed shifts" }).or(page.locator(".pos-history"));
  await expect(history.getByRole("link", { name: /^Shift \d+$/ }).first()).toBeVisible();
  const shiftId = /shift=(\d+)/.exec(page.url())![1];
  const csv = await page.request.get(`/pos/shift/csv?shift=${shiftId}`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain("Variance,-5.00");
});
