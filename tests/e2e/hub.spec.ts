import { expect, test, type Page } from "@playwright/test";
import { buyThroughStorefront, e2eSql } from "./support";

type Variant = { variantId: number; handle: string };

/**
 * A demo piece nobody has in stock, that artisans have the skills to make, and that the demo artisan
 * can't: its QC credit must never land on her while the payouts suite checks her balance.
 */
async function madeToOrderVariant(): Promise<Variant> {
  const sql = e2eSql();
  try {
    const [variant] = await sql<Variant[]>`
      select v.id as "variantId", p.handle from variants v join products p on p.id = v.product_id
      where p.status = 'active' and exists (select 1 from product_skills ps where ps.product_id = p.id)
        and exists (select 1 from product_skills ps where ps.product_id = p.id and ps.skill_id not in (
              select s.skill_id from artisan_skills s join artisans a on a.id = s.artisan_id where a.phone = '+254700000001'))
        and not exists (select 1 from inventory_levels il join locations l on l.id = il.location_id
                        where il.variant_id = v.id and l.code in ('US-FC', 'NBO-HUB') and il.on_hand > il.reserved)
      order by v.id limit 1`;
    expect(variant, "the demo data has made-to-order pieces").toBeTruthy();
    return variant;
  } finally {
    await sql.end();
  }
}

/** Through the real storefront with the 4242 test card; stays on the order's live status page. */
function placeOrder(page: Page, variant: Variant) {
  return buyThroughStorefront(page, `hub-e2e-${Date.now()}@example.com`, [variant]);
}

/**
 * Plays the artisan's part straight in the database: waits for dispatch to offer the order's one
 * request, then accepts, makes and marks it ready (events included, as the artisan app writes them).
 */
async function makeReady(orderNumber: string): Promise<string> {
  const sql = e2eSql();
  try {
    let request: { id: number; number: string; status: string; order_id: number } | undefined;
    for (let i = 0; i < 60; i += 1) {
      [request] = await sql<{ id: number; number: string; status: string; order_id: number }[]>`
        select pr.id, pr.number, pr.status, pr.order_id from production_requests pr join orders o on o.id = pr.order_id where o.number = ${orderNumber}`;
      if (request && request.status !== "unassigned") break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(request, "the order has a production request").toBeTruthy();
    await sql.begin(async (tx) => {
      const [row] = await tx<{ artisan_id: number; status: string }[]>`
        update production_requests pr
        set status = 'ready', units_made = quantity, offer_expires_at = null, updated_at = now(),
            artisan_id = coalesce(pr.artisan_id, (select id from artisans where phone = '+254700000001'))
        where pr.id = ${request!.id} and pr.status in ('unassigned', 'offered')
        returning artisan_id, (select status from production_requests where id = ${request!.id}) as status`;
      expect(row, "the request was still waiting for its artisan").toBeTruthy();
      await tx`
        insert into production_events (request_id, order_id, artisan_id, from_status, to_status, actor, note) values
          (${request!.id}, ${request!.order_id}, ${row.artisan_id}, ${row.status}, 'accepted', ${`artisan:${row.artisan_id}`}, null),
          (${request!.id}, ${request!.order_id}, ${row.artisan_id}, 'accepted', 'in_progress', ${`artisan:${row.artisan_id}`}, null),
          (${request!.id}, ${request!.order_id}, ${row.artisan_id}, 'in_progress', 'ready', ${`artisan:${row.artisan_id}`}, 'Ready for pickup')`;
    });
    return request!.number;
  } finally {
    await sql.end();
  }
}

test.describe("operations: the Nairobi hub", () => {
  test("receive a ready request by its number, pass QC, pack and ship; the shopper's page follows live", async ({ page, context }) => {
    test.setTimeout(90_000);
    const variant = await madeToOrderVariant();
    const orderNumber = await placeOrder(page, variant);
    const requestNumber = await makeReady(orderNumber);

    const hub = await context.newPage();
    await hub.goto("/ops/hub");
    await expect(hub).toHaveURL(/\/ops\/login/);
    await hub.getByLabel("Email").fill("ops@soko.test");
    await hub.getByLabel("Password").fill("soko-demo");
    await hub.getByRole("button", { name: "Sign in" }).click();
    await expect(hub).toHaveURL(/\/ops\/hub$/);
    await expect(hub.getByRole("heading", { level: 1, name: "Today at the hub" })).toBeVisible();
    await expect(hub.getByRole("link", { name: requestNumber, exact: true })).toBeVisible();

    // An unknown number stays on the scan page with the message, ready for the next scan.
    await hub.getByLabel("Request or return number, or scan").fill("PR-999999");
    await hub.getByLabel("Request or return number, or scan").press("Enter");
    await expect(hub.getByRole("alert")).toHaveText("There is no production request PR-999999. Check the number on the label.");

    // A scanner types the number and presses Enter.
    await hub.getByLabel("Request or return number, or scan").fill(requestNumber.toLowerCase());
    await hub.getByLabel("Request or return number, or scan").press("Enter");
    await expect(hub).toHaveURL(new RegExp(`/ops/hub/requests/${requestNumber}$`));
    await expect(hub.getByRole("heading", { level: 1, name: requestNumber })).toBeVisible();
    await expect(hub.getByText("ready for pickup", { exact: true })).toBeVisible();
    await hub.getByRole("button", { name: `Receive ${requestNumber}` }).click();
    await expect(hub.getByRole("status")).toContainText(`${requestNumber} received: 1 ×`);

    await expect(hub.getByLabel("Units passed")).toHaveValue("1");
    await expect(hub.getByLabel("Units failed")).toHaveValue("0");
    await hub.getByRole("button", { name: "Record the quality check" }).click();
    await expect(hub.getByRole("status")).toHaveText(`${requestNumber} passed QC: 1 unit credited to the artisan.`);
    await expect(hub.getByText("quality checked", { exact: true })).toBeVisible();

    await hub.getByRole("link", { name: "Pack & ship" }).click();
    await hub.getByRole("button", { name: `Pack ${orderNumber}` }).click();
    await expect(hub.getByRole("status")).toHaveText(`Order ${orderNumber} is packed.`);
    await expect(hub).toHaveURL(/show=ship/);

    const shipForm = hub.getByRole("form", { name: `Ship ${orderNumber}` });
    await shipForm.getByLabel("Carrier").selectOption("DHL");
    await shipForm.getByLabel("Tracking number").fill("JD 0146");
    await shipForm.getByRole("button", { name: `Ship ${orderNumber}` }).click();
    await expect(hub.getByText("Enter the tracking number without spaces.")).toBeVisible();
    await shipForm.getByLabel("Carrier").selectOption("DHL");
    await shipForm.getByLabel("Tracking number").fill("JD014600006281230704");
    await shipForm.getByRole("button", { name: `Ship ${orderNumber}` }).click();
    await expect(hub.getByRole("status")).toContainText(`Order ${orderNumber} shipped with DHL (JD014600006281230704).`);

    // The shopper's page, open since checkout, moved on its own.
    const timeline = page.getByRole("list", { name: /^Progress of / });
    await expect(timeline.locator(".timeline__step--done").filter({ hasText: "Quality checked" })).toBeVisible();
    await expect(timeline.locator('[aria-current="step"]')).toContainText("Shipped");
    await expect(timeline.locator('[aria-current="step"]')).toContainText("DHL JD014600006281230704");

    // And from the operations order page, through its link to the customer's status page.
    await hub.goto(`/ops/orders/${orderNumber}`);
    await hub.getByRole("link", { name: "Customer's status page" }).click();
    await expect(hub.getByRole("heading", { level: 1, name: "Shipped" })).toBeVisible();
    await expect(hub.locator(".timeline__step--done").filter({ hasText: "Quality checked" })).toBeVisible();
    await expect(hub.locator('[aria-current="step"]')).toContainText("Shipped");

    const sql = e2eSql();
    try {
      const [row] = await sql<{ status: string; inspections: number; credited: number }[]>`
        select pr.status,
               (select count(*)::int from qc_inspections q where q.request_id = pr.id) as inspections,
               (select count(*)::int from ledger_entries e where e.reference in (select 'qc:' || q.id from qc_inspections q where q.request_id = pr.id)) as credited
        from production_requests pr where pr.number = ${requestNumber}`;
      expect(row).toEqual({ status: "qc_passed", inspections: 1, credited: 1 });
    } finally {
      await sql.end();
    }
  });

  test.describe("with JavaScript off", () => {
    test.use({ javaScriptEnabled: false });

    test("scanning work still being made shows it without a Receive button; a stale Receive says why", async ({ page }) => {
      const sql = e2eSql();
      const insert = (status: string) => sql<{ id: number; number: string }[]>`
        insert into production_requests (number, variant_id, quantity, units_made, artisan_id, piece_rate, due_date, status)
        select 'PR-' || nextval('production_request_numbers'), v.id, 2, 0, (select id from artisans where phone = '+254700000001'), v.piece_rate, current_date + 14, ${status}
        from variants v order by v.id limit 1
        returning id, number`;
      let making: string;
      let ready: { id: number; number: string };
      try {
        [{ number: making }] = await insert("in_progress");
        [ready] = await insert("ready");
      } finally {
        await sql.end();
      }

      await page.goto("/ops/hub/receive");
      await page.getByLabel("Email").fill("ops@soko.test");
      await page.getByLabel("Password").fill("soko-demo");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/\/ops\/hub\/receive$/);
      await page.getByLabel("Request or return number, or scan").fill(making);
      await page.getByRole("button", { name: "Find" }).click();
      await expect(page.getByRole("heading", { level: 1, name: making })).toBeVisible();
      await expect(page.getByText("in progress", { exact: true })).toBeVisible();
      await expect(page.getByRole("button", { name: `Receive ${making}` })).toHaveCount(0);

      // Someone at the next bench received and checked it while this page was open.
      await page.goto(`/ops/hub/requests/${ready.number}`);
      const other = e2eSql();
      try {
        await other`update production_requests set status = 'qc_passed', units_made = quantity where id = ${ready.id}`;
      } finally {
        await other.end();
      }
      await page.getByRole("button", { name: `Receive ${ready.number}` }).click();
      await expect(page.getByRole("alert")).toHaveText(`${ready.number} has already been received and passed its quality check.`);
      await expect(page.getByText("quality checked", { exact: true })).toBeVisible();
    });
  });
});
