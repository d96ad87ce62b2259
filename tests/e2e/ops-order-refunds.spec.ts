import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { e2eSql, signInAsOpsAdmin } from "./support";

/**
 * An order's page as finance reads it after refunds that timed out at Stripe (docs/decisions/0020):
 * each refund once in the history with its amount (one found after it was answered as failed, one
 * made in Stripe's dashboard, a return's found, whose amount is the return's own line), and a
 * refund that failed before refunds kept their keys named above the form, to check in Stripe first.
 * The rows are written as the refund paths write them (the paths themselves: the integration tests).
 */
test("the order page shows each refund once and says which failed refund to check in Stripe first", async ({ page }) => {
  const sql = e2eSql();
  let number: string;
  const intent = `pi_e2e_${randomUUID().replace(/-/g, "").slice(0, 20)}`;
  try {
    const [order] = await sql<{ id: number; number: string }[]>`
      insert into orders (number, channel, status, payment_status, email, currency, subtotal, total, placed_at)
      values ('SK-' || nextval('order_numbers'), 'web', 'delivered', 'partially_refunded', ${`refunds-${Date.now()}@example.com`}, 'USD', 5400, 5400, now() - interval '2 days')
      returning id, number`;
    number = order.number;
    await sql`insert into order_lines (order_id, variant_id, sku, title, quantity, unit_price, total)
              select ${order.id}, v.id, v.sku, p.title, 1, 5400, 5400 from variants v join products p on p.id = v.product_id
              where p.status = 'active' order by v.id limit 1`;
    const [payment] = await sql<{ id: number }[]>`
      insert into payments (order_id, provider, provider_ref, amount, currency, status)
      values (${order.id}, 'stripe', ${intent}, 5400, 'USD', 'succeeded') returning id`;
    const at = (minutes: number) => new Date(Date.now() - 2 * 86_400_000 + minutes * 60_000);
    const event = (type: string, actor: string, data: object, minutes: number) =>
      sql`insert into order_events (order_id, type, actor, data, at) values (${order.id}, ${type}, ${actor}, ${sql.json(data as never)}, ${at(minutes)})`;
    await event("placed", "shopper", { channel: "web" }, 0);
    await event("paid", "stripe", {}, 0);
    // Failed before keys were kept: no key, no answer.
    const [legacy] = await sql<{ id: number }[]>`
      insert into refunds (order_id, payment_id, amount, currency, reason, status, created_at)
      values (${order.id}, ${payment.id}, 1500, 'USD', 'Clasp loose', 'failed', ${at(10)}) returning id`;
    const dropped = "An error occurred with our connection to Stripe.";
    await event(
      "refund_failed",
      "staff:1",
      { refundId: legacy.id, amount: 1500, currency: "USD", reason: "Clasp loose", error: dropped },
      10,
    );
    // Answered as failed, found at Stripe on the next refund: one row, one "after all" line.
    const [found] = await sql<{ id: number }[]>`
      insert into refunds (order_id, payment_id, amount, currency, reason, provider_ref, status, idempotency_key, created_at)
      values (${order.id}, ${payment.id}, 2000, 'USD', 'Arrived scratched', 're_e2e_found', 'succeeded', ${`refund:${order.number}:${randomUUID()}`}, ${at(20)}) returning id`;
    await event(
      "refund_failed",
      "staff:1",
      { refundId: found.id, amount: 2000, currency: "USD", reason: "Arrived scratched", error: dropped },
      20,
    );
    await event(
      "refunded",
      "stripe",
      { refundId: found.id, amount: 2000, currency: "USD", reason: "Arrived scratched", status: "succeeded", adopted: true },
      30,
    );
    // Made in Stripe's dashboard: Stripe's event records it.
    await sql`insert into refunds (order_id, payment_id, amount, currency, reason, provider_ref, status, created_at)
              values (${order.id}, ${payment.id}, 1000, 'USD', 'Refunded through Stripe', ${`${intent}:3000`}, 'succeeded', ${at(30)})`;
    await event("refunded", "stripe", { amount: 1000, currency: "USD", totalRefunded: 3000 }, 30);
  } finally {
    await sql.end();
  }

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/ops/orders/${number}`);
  await signInAsOpsAdmin(page);
  await expect(page.getByRole("heading", { level: 1, name: number })).toBeVisible();

  const lines = page.locator(".ops-history__what");
  await expect(lines).toHaveText([
    "order Placed (web)",
    "order Paid",
    `order Refund failed: An error occurred with our connection to Stripe. · $15.00`,
    `order Refund failed: An error occurred with our connection to Stripe. · $20.00`,
    "order Refunded after all (an attempt answered as failed, found at the provider): Arrived scratched · $20.00",
    "order Refunded through Stripe (not from this console) · $10.00",
  ]);
  await expect(page.getByText("$54.00 paid, $30.00 refunded so far")).toBeVisible();

  const check = page.getByRole("note", { name: "Check Stripe before refunding again" });
  await expect(check).toContainText(
    "A refund of $15.00 on", // its time on the factory's clock follows
  );
  await expect(check).toContainText("failed before this console kept refund keys, so it can't check whether Stripe made it after all");
  await expect(check).toContainText(`Open payment ${intent} in Stripe's dashboard`);
  await expect(check).toContainText("It counts here as not refunded unless the history shows it refunded through Stripe.");

  for (const width of [1280, 820, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`order-refunds-${width}.png`), fullPage: true });
  }
});
