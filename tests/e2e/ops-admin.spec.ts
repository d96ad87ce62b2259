import { expect, test, type Page } from "@playwright/test";
import { ean13 } from "../../db/seed/codes";
import { e2eSql } from "./support";

async function signIn(page: Page, to: string) {
  await page.goto(to);
  await expect(page).toHaveURL(/\/ops\/login/);
  await page.getByLabel("Email").fill("ops@soko.test");
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * A late request as the dispatch engine leaves it: a demo piece artisans have the skills for, due
 * yesterday, so no plan can have it ready in time and it stays unassigned, flagged late.
 */
async function arrangeLateRequest(): Promise<{ id: number; number: string }> {
  const sql = e2eSql();
  try {
    return await sql.begin(async (tx) => {
      const [variant] = await tx<{ id: number; piece_rate: number }[]>`
        select v.id, v.piece_rate from variants v join products p on p.id = v.product_id
        where p.status = 'active' and exists (select 1 from product_skills ps where ps.product_id = p.id)
        order by v.id limit 1`;
      expect(variant, "the demo data has pieces artisans can make").toBeTruthy();
      const [request] = await tx<{ id: number; number: string }[]>`
        insert into production_requests (number, variant_id, quantity, piece_rate, due_date, status, late)
        values ('PR-' || nextval('production_request_numbers'), ${variant.id}, 2, ${variant.piece_rate}, current_date - 1, 'unassigned', true)
        returning id, number`;
      await tx`insert into production_events (request_id, to_status, actor, note) values (${request.id}, 'unassigned', 'e2e', 'Nobody could make it in time')`;
      return request;
    });
  } finally {
    await sql.end();
  }
}

test.describe("operations: production, products", () => {
  test("ops finds a late request on the board and reassigns it to a suggested artisan", async ({ page }) => {
    const late = await arrangeLateRequest();
    await signIn(page, "/ops/production");
    await expect(page.getByRole("heading", { name: "Production", level: 1 })).toBeVisible();

    await expect(page.getByRole("link", { name: /^Unassigned \d+$/ })).toBeVisible();
    await page.getByLabel("Product, SKU or request").fill(late.number);
    await page.getByLabel("Late only").check();
    await page.getByRole("button", { name: "Filter" }).click();
    const row = page.getByRole("row", { name: new RegExp(late.number) });
    await expect(row).toBeVisible();
    await expect(row.getByText("Late", { exact: true })).toBeVisible();

    await row.getByRole("link", { name: `Reassign ${late.number}` }).click();
    await expect(page.getByRole("heading", { name: late.number, level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Would finish after the due date" })).toBeVisible();
    const suggested = page.getByRole("radio").first();
    await expect(suggested).toBeChecked();
    const artisanId = Number(await suggested.getAttribute("value"));
    const name = ((await page.locator(".board-candidate label").first().textContent()) ?? "").trim();

    await page.getByRole("button", { name: "Offer to this artisan" }).click();
    await expect(page.getByRole("status")).toContainText(`${late.number} offered to ${name}`);
    await expect(page.locator(".ops-admin__head .badge").first()).toHaveText("offered");
    await expect(page.locator(".ops-meta")).toContainText(name);

    const sql = e2eSql();
    try {
      const [after] = await sql<
        { status: string; artisan_id: number; late: boolean; offer_expires_at: Date }[]
      >`select status, artisan_id, late, offer_expires_at from production_requests where id = ${late.id}`;
      expect(after).toMatchObject({ status: "offered", artisan_id: artisanId, late: false });
      expect(after.offer_expires_at.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
      const sms = await sql`select 1 from outbox where dedupe_key = ${`offer-sms:${late.id}:${artisanId}`}`;
      expect(sms).toHaveLength(1);
      const audit =
        await sql`select 1 from audit_log where action = 'production.reassign' and subject = ${`production_request:${late.number}`}`;
      expect(audit).toHaveLength(1);
    } finally {
      await sql.end();
    }
  });

  test("ops creates a product with a variant, publishes it, and a shopper sees it at once", async ({ page, browser }) => {
    const stamp = Date.now();
    const title = `E2E Brass Drop ${stamp}`;
    const handle = `e2e-brass-drop-${stamp}`;
    await signIn(page, "/ops/products");
    await page.getByRole("link", { name: "New product" }).click();
    await expect(page.getByRole("heading", { name: "New product", level: 1 })).toBeVisible();
    await page.getByLabel("Title", { exact: true }).fill(title);
    await page.getByLabel("Category").selectOption("earrings");
    await page.getByLabel("Materials").fill("brass");
    await page.getByLabel("Story").fill("Cast and polished by hand in Kibera.");
    await page.getByRole("checkbox", { name: "Brass Casting" }).check();
    await page.getByRole("button", { name: "Create product" }).click();
    await expect(page.getByRole("status")).toContainText("Product created as a draft");
    await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();

    // Publishing before there is a variant is refused with a reason.
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByRole("alert").first()).toBeVisible();
    await expect(page.getByText("Add at least one variant with a price before publishing.")).toBeVisible();

    await page.getByLabel("SKU", { exact: true }).fill(`E2E-${stamp}`);
    await page.getByLabel("Barcode (EAN/UPC)").fill(ean13("29", 900000 + (stamp % 90000)));
    await page.getByLabel("Price (USD)", { exact: true }).fill("52");
    await page.getByLabel("Wholesale price (USD)").fill("26");
    await page.getByLabel("Piece rate (KES)").fill("400");
    await page.getByRole("button", { name: "Add variant" }).click();
    await expect(page.getByRole("status")).toContainText(`Variant added: E2E-${stamp}`);

    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByRole("status")).toContainText("Published");
    await expect(page.getByRole("link", { name: `/products/${handle}` })).toBeVisible();

    // A shopper with no cookies at all: the page cache never stored a 404, so the new page shows now.
    const shopper = await browser.newContext();
    try {
      const shop = await shopper.newPage();
      const response = await shop.goto(`/products/${handle}`);
      expect(response?.status()).toBe(200);
      await expect(shop.getByRole("heading", { name: title, level: 1 })).toBeVisible();
      await expect(shop.getByText("$52.00").first()).toBeVisible();
    } finally {
      await shopper.close();
    }
  });

  test("the products list shows each product's own thumbnail, variant count and price range", async ({ page }) => {
    const sql = e2eSql();
    let expected: { id: number; title: string; variants: number; low: number; high: number; image: string | null }[];
    try {
      expected = await sql`
        select p.id, p.title,
          (select count(*)::int from variants v where v.product_id = p.id) as variants,
          (select min(v.price)::int from variants v where v.product_id = p.id) as low,
          (select max(v.price)::int from variants v where v.product_id = p.id) as high,
          (select i.url from product_images i where i.product_id = p.id order by i.position, i.id limit 1) as image
        from products p order by p.created_at desc, p.id desc limit 25`;
    } finally {
      await sql.end();
    }
    await signIn(page, "/ops/products");
    await expect(page.getByRole("heading", { name: "Products", level: 1 })).toBeVisible();
    const dollars = (minor: number) => `$${(minor / 100).toFixed(2)}`;
    for (const product of expected.slice(0, 12)) {
      const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: product.title, exact: true }) });
      // The first cell is the bulk edit's tick box.
      const cells = row.getByRole("cell");
      await expect(cells.nth(5)).toHaveText(String(product.variants));
      await expect(cells.nth(6)).toHaveText(
        product.low === product.high ? dollars(product.low) : `${dollars(product.low)}–${dollars(product.high)}`,
      );
      if (product.image) expect(await cells.nth(1).locator("img").getAttribute("src")).toContain(product.image.split("?")[0]);
    }
    // The demo catalog varies: the rows are not all one thumbnail, one count and one price.
    const srcs = await page.locator(".ops-admin__thumb img").evaluateAll((imgs) => imgs.map((i) => i.getAttribute("src")));
    expect(new Set(srcs).size).toBeGreaterThan(5);
    expect(new Set(expected.map((p) => p.variants)).size).toBeGreaterThan(1);
  });

  test("production history names the artisan (a link to her page) and shows Nairobi time, labelled", async ({ page }) => {
    const sql = e2eSql();
    let made: { number: string; artisan_id: number; name: string };
    try {
      [made] = await sql<{ number: string; artisan_id: number; name: string }[]>`
        select r.number, a.id as artisan_id, a.first_name || ' ' || a.last_name as name
        from production_events e join production_requests r on r.id = e.request_id join artisans a on e.actor = 'artisan:' || a.id
        order by e.id limit 1`;
      expect(made, "the demo data has work an artisan moved on").toBeTruthy();
    } finally {
      await sql.end();
    }
    await signIn(page, `/ops/production/${made.number}`);
    const history = page.locator("section", { has: page.getByRole("heading", { name: "History" }) });
    await expect(history.getByRole("link", { name: made.name }).first()).toHaveAttribute("href", `/ops/artisans/${made.artisan_id}`);
    await expect(history).not.toContainText(/\b(staff|artisan|hub):\w+/);
    await expect(history.locator("time").first()).toHaveText(/ EAT$/);
    await expect(page.locator("main")).not.toContainText("UTC");
  });

  test("the board opens on a tab with work in it, and work ten days over its due date is badged late", async ({ page }) => {
    const sql = e2eSql();
    let overdue: { number: string };
    try {
      overdue = await sql.begin(async (tx) => {
        const [variant] = await tx<{ id: number; piece_rate: number }[]>`
          select v.id, v.piece_rate from variants v join products p on p.id = v.product_id where p.status = 'active' order by v.id limit 1`;
        const [artisan] = await tx<{ id: number }[]>`select id from artisans order by id limit 1`;
        // Accepted, ten days past its due date in Nairobi, never flagged by dispatch (PR-61777 in the issue).
        const [request] = await tx<{ id: number; number: string }[]>`
          insert into production_requests (number, variant_id, quantity, piece_rate, due_date, status, artisan_id, late)
          values ('PR-' || nextval('production_request_numbers'), ${variant.id}, 3, ${variant.piece_rate},
                  (now() at time zone 'Africa/Nairobi')::date - 10, 'accepted', ${artisan.id}, false)
          returning id, number`;
        await tx`insert into production_events (request_id, from_status, to_status, actor, artisan_id) values (${request.id}, 'offered', 'accepted', ${`artisan:${artisan.id}`}, ${artisan.id})`;
        return request;
      });
    } finally {
      await sql.end();
    }
    await signIn(page, "/ops/production");
    const current = page.locator(".board-tabs [aria-current=page]");
    await expect(current.locator(".board-count")).not.toHaveText("0");
    await expect(page.getByRole("table")).toBeVisible();

    await page.goto(`/ops/production?state=accepted&product=${overdue.number}`);
    const row = page.getByRole("row", { name: new RegExp(overdue.number) });
    await expect(row.getByText("Late", { exact: true })).toBeVisible();
    await expect(row).toContainText("10 days late");
  });
});

test("an operations address no page answers is a 404 that leads back to operations, not to the shop", async ({ page }) => {
  await signIn(page, "/ops");
  await expect(page).toHaveURL(/\/ops$/);
  const response = await page.goto("/ops/ledger");
  expect(response?.status()).toBe(404);
  await expect(page.getByText("There is no such page in operations.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the shop" })).toHaveCount(0);
  await page.getByRole("link", { name: "Back to operations" }).click();
  await expect(page).toHaveURL(/\/ops$/);
});
