/**
 * What operations met walking the console (issue 15), on the desktop it is used at (1280 px):
 * chart labels whole, reassigning to any skilled artisan, the artisan's photo at QC, and packing
 * that says Standard or Express and prints a slip and a label.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Resvg } from "@resvg/resvg-js";
import { expect, test, type Page } from "@playwright/test";
import { addToBag, e2eSql, payWithCard } from "./support";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

test.use({ viewport: { width: 1280, height: 900 } });

async function signIn(page: Page, next: string) {
  await page.goto(`/ops/login?redirectTo=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill("ops@soko.test");
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/ops/login"));
}

async function shoot(page: Page, name: string, fullPage = true) {
  const dir = process.env.WALK_SHOTS;
  if (dir) mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: dir ? path.join(dir, `ops-${name}.png`) : test.info().outputPath(`${name}.png`), fullPage });
}

/** Every label in every chart on the page lies inside its chart's drawing (nothing cut at an edge), and none overlaps another. */
async function chartLabelsInside(page: Page) {
  const wrong = await page.locator("svg.chart__svg").evaluateAll((svgs) =>
    svgs.flatMap((svg) => {
      const view = (svg as SVGSVGElement).viewBox.baseVal;
      const labels = [...svg.querySelectorAll("text")].map((text) => ({
        text: text.textContent ?? "",
        box: (text as SVGTextElement).getBBox(),
      }));
      const cut = labels
        .filter(({ box }) => box.x < -0.5 || box.x + box.width > view.width + 0.5)
        .map(({ text, box }) => `cut: ${text} at ${Math.round(box.x)}..${Math.round(box.x + box.width)} of ${view.width}`);
      const overlapping = labels.flatMap((a, i) =>
        labels
          .slice(i + 1)
          .filter(
            (b) =>
              a.box.x < b.box.x + b.box.width - 0.5 &&
              b.box.x < a.box.x + a.box.width - 0.5 &&
              a.box.y < b.box.y + b.box.height - 0.5 &&
              b.box.y < a.box.y + a.box.height - 0.5,
          )
          .map((b) => `overlap: ${a.text} / ${b.text}`),
      );
      return [...cut, ...overlapping];
    }),
  );
  expect(wrong, "chart labels cut at the edge or on top of each other").toEqual([]);
}

test("charts show whole labels on the dashboard and the impact report", async ({ page }) => {
  await signIn(page, "/ops");
  await expect(page.getByRole("img", { name: /Artisan earnings, month to date/ })).toBeVisible();
  await chartLabelsInside(page);
  await page.goto("/ops/impact");
  const earnings = page.getByRole("img", { name: "Artisan earnings by month (KES)" });
  await expect(earnings).toBeVisible();
  await chartLabelsInside(page);
  // The last month is printed whole, and the y axis in short numbers ("2.5M", not ",500,000").
  const labels = await earnings.locator("text").allTextContents();
  expect(labels.some((l) => /^[A-Z][a-z]{2} \d{2}$/.test(l))).toBe(true);
  expect(labels.filter((l) => /^\d+(\.\d)?[KM]$/.test(l)).length).toBeGreaterThan(0);
  await earnings.scrollIntoViewIfNeeded();
  await shoot(page, "impact-chart", false);
});

test("reassign searches every artisan with the skills, not only the ten ranked", async ({ page }) => {
  const sql = e2eSql();
  // A request its artisan declined (dispatch leaves declined work for operations), for a piece with skills.
  const [request] = await sql<{ number: string; skilled: number }[]>`
    with piece as (
      select v.id, v.product_id from variants v join products p on p.id = v.product_id
      where p.status = 'active' and exists (select 1 from product_skills ps where ps.product_id = p.id)
      order by v.id limit 1
    ), made as (
      insert into production_requests (number, variant_id, quantity, piece_rate, due_date, status)
      select 'PR-' || nextval('production_request_numbers'), piece.id, 4, 40000, current_date + 21, 'declined' from piece
      returning number, variant_id
    )
    select made.number,
      (select count(*)::int from artisans a where a.active and not exists (
         select 1 from product_skills ps where ps.product_id = piece.product_id and not exists (
           select 1 from artisan_skills s where s.artisan_id = a.id and s.skill_id = ps.skill_id and s.weekly_capacity > 0))) as skilled
    from made join piece on piece.id = made.variant_id`;
  expect(request, "the demo has a request waiting for an artisan").toBeTruthy();
  expect(request.skilled).toBeGreaterThan(10);
  // Someone with the skills, late in the alphabet: not on the first page of all of them.
  const [late] = await sql<{ id: number; last_name: string; first_name: string }[]>`
    select a.id, a.first_name, a.last_name from artisans a join production_requests pr on pr.number = ${request.number}
    join variants v on v.id = pr.variant_id
    where a.active and not exists (select 1 from product_skills ps where ps.product_id = v.product_id and not exists (
      select 1 from artisan_skills s where s.artisan_id = a.id and s.skill_id = ps.skill_id and s.weekly_capacity > 0))
    order by a.first_name desc, a.last_name desc limit 1`;
  await sql.end();

  await signIn(page, `/ops/production/${request.number}`);
  const search = page.getByRole("search", { name: "Find an artisan with these skills" });
  await search.getByRole("button", { name: "Search artisans" }).click();
  const found = page.getByRole("region", { name: "Artisans found" });
  await expect(found.getByRole("heading", { level: 3 })).toHaveText(`Every artisan with these skills: ${request.skilled}`);
  await expect(page.getByRole("navigation", { name: "Pages of artisans found" })).toBeVisible();

  await search.getByLabel("Find any artisan with these skills").fill(late.last_name);
  await search.getByRole("button", { name: "Search artisans" }).click();
  await expect(found.getByRole("heading", { level: 3 })).toContainText(`matching “${late.last_name}”`);
  await found.getByRole("radio", { name: `${late.first_name} ${late.last_name}` }).check();
  await shoot(page, "reassign-search");
  await page.getByRole("button", { name: "Offer to this artisan" }).click();
  await expect(page.getByRole("status")).toContainText(`offered to ${late.first_name} ${late.last_name}`);
});

/** A demo piece nobody has in stock, that artisans can make but the demo artisan can't (payouts checks her balance). */
async function madeToOrderVariant() {
  const sql = e2eSql();
  try {
    const [variant] = await sql<{ variantId: number; handle: string }[]>`
      select v.id as "variantId", p.handle from variants v join products p on p.id = v.product_id
      where p.status = 'active' and exists (select 1 from product_skills ps where ps.product_id = p.id)
        and exists (select 1 from product_skills ps where ps.product_id = p.id and ps.skill_id not in (
              select s.skill_id from artisan_skills s join artisans a on a.id = s.artisan_id where a.phone = '+254700000001'))
        and not exists (select 1 from inventory_levels il join locations l on l.id = il.location_id
                        where il.variant_id = v.id and l.code in ('US-FC', 'NBO-HUB') and il.on_hand > il.reserved)
      order by v.id desc limit 1`;
    return variant;
  } finally {
    await sql.end();
  }
}

/** The artisan's part, straight in the database: accepted, made, ready with a work photo on disk. */
async function makeReadyWithPhoto(orderNumber: string): Promise<string> {
  const name = `${crypto.randomUUID()}.png`;
  const png = new Resvg(
    `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320"><rect width="320" height="320" fill="#e9dccb"/><circle cx="160" cy="160" r="90" fill="none" stroke="#8f4020" stroke-width="26"/></svg>`,
  )
    .render()
    .asPng();
  mkdirSync(path.join(root, ".data/uploads/work-photos"), { recursive: true });
  writeFileSync(path.join(root, ".data/uploads/work-photos", name), png);
  const sql = e2eSql();
  try {
    let request: { id: number; number: string; order_id: number } | undefined;
    await expect
      .poll(async () => {
        [request] = await sql<{ id: number; number: string; order_id: number }[]>`
          select pr.id, pr.number, pr.order_id from production_requests pr join orders o on o.id = pr.order_id where o.number = ${orderNumber}`;
        return Boolean(request);
      })
      .toBe(true);
    await sql.begin(async (tx) => {
      const [row] = await tx<{ artisan_id: number }[]>`
        update production_requests pr
        set status = 'ready', units_made = quantity, offer_expires_at = null, updated_at = now(),
            artisan_id = coalesce(pr.artisan_id, (select a.id from artisans a where a.active order by a.id limit 1))
        where pr.id = ${request!.id} and pr.status in ('unassigned', 'offered')
        returning artisan_id`;
      expect(row, "the request was still waiting for its artisan").toBeTruthy();
      await tx`
        insert into production_events (request_id, order_id, artisan_id, from_status, to_status, actor, note, photo_url) values
          (${request!.id}, ${request!.order_id}, ${row.artisan_id}, 'offered', 'accepted', ${`artisan:${row.artisan_id}`}, null, null),
          (${request!.id}, ${request!.order_id}, ${row.artisan_id}, 'accepted', 'ready', ${`artisan:${row.artisan_id}`}, 'Ready for pickup', ${`/artisan/photos/${name}`})`;
    });
    return request!.number;
  } finally {
    await sql.end();
  }
}

test("QC shows the artisan's photo; packing says Express and prints a packing slip and a label", async ({ page, context }) => {
  test.setTimeout(90_000);
  const variant = await madeToOrderVariant();
  await addToBag(page, [variant]);
  await page.goto("/checkout");
  await page.getByLabel("Email").fill(`ops-walk-${Date.now()}@example.com`);
  await page.getByLabel("Full name").fill("Imani Njoroge");
  await page.getByLabel("Country").selectOption("US");
  await page.getByLabel("Street address").fill("77 Mission St");
  await page.getByLabel("City").fill("San Francisco");
  await page.getByLabel("State", { exact: true }).fill("CA");
  await page.getByLabel("ZIP code").fill("94105");
  await page.getByRole("button", { name: "Continue to shipping" }).click();
  await page.getByText("Express", { exact: false }).first().click();
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await payWithCard(page, "4242 4242 4242 4242");
  await expect(page).toHaveURL(/\/orders\/SK-\d+\?t=/);
  const orderNumber = /\/orders\/(SK-\d+)/.exec(page.url())![1];
  const requestNumber = await makeReadyWithPhoto(orderNumber);

  const hub = await context.newPage();
  await signIn(hub, `/ops/hub/requests/${requestNumber}`);
  await hub.getByRole("button", { name: `Receive ${requestNumber}` }).click();
  await expect(hub.getByRole("status")).toContainText(`${requestNumber} received`);
  const photo = hub.getByRole("img", { name: new RegExp(`photo of ${requestNumber}$`) });
  await expect(photo).toBeVisible();
  await expect.poll(() => photo.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  // The photo sits above the quality check, where the checker looks.
  const photoBox = (await photo.boundingBox())!;
  const qcBox = (await hub.getByRole("heading", { name: "Quality check" }).boundingBox())!;
  expect(photoBox.y).toBeLessThan(qcBox.y);
  await shoot(hub, "qc-photo");
  await hub.getByRole("button", { name: "Record the quality check" }).click();
  await expect(hub.getByRole("status")).toContainText("passed QC");

  await hub.goto("/ops/hub/packing");
  const card = hub
    .getByRole("listitem")
    .filter({ has: hub.getByText(orderNumber, { exact: false }) })
    .first();
  await expect(card.locator(".hub-ship-method")).toHaveText("Express");
  await card.scrollIntoViewIfNeeded();
  await shoot(hub, "packing", false);
  for (const [name, size] of [
    ["Packing slip (PDF)", 612],
    ["Shipping label (PDF)", 288],
  ] as const) {
    const href = await card.getByRole("link", { name }).getAttribute("href");
    const response = await hub.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    const pdf = (await response.body()).toString("latin1");
    expect(pdf.startsWith("%PDF-")).toBe(true);
    expect(pdf).toContain(`/MediaBox [0 0 ${size} `);
  }
  expect((await hub.request.get("/ops/hub/slip/SK-999999999.pdf")).status()).toBe(404);
});

test("the orders list downloads as CSV with its filters", async ({ page }) => {
  await signIn(page, "/ops/orders?channel=web");
  const count = Number((await page.locator(".ops-orders-count").textContent())!.match(/^(\d+)/)![1]);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /as CSV$/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^soko-orders-web-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = (await (await import("node:fs/promises")).readFile((await download.path())!, "utf8")).trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^Order,Placed \(EAT\),Channel/);
  expect(lines).toHaveLength(count + 1);
  for (const line of lines.slice(1)) expect(line.split(",")[2]).toBe("web");
});
