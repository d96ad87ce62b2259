/**
 * Two sizes of one piece on the review page read apart to a screen reader: each "Write a review of …"
 * link is named by its own line (the product with its size), not by the product alone, so a buyer
 * listening to the links can tell which of the two she is about to review.
 */
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { expect, test } from "@playwright/test";
import { createDb } from "../../db/client";
import { createDeliveredOrder } from "../../db/seed/reviews";
import { reviewPageOf } from "./reviews-support";
import { e2eSql } from "./support";

const DAY = 86_400_000;

test("each line's review link is named by the line's own title, so two sizes of one piece differ", async ({ browser }) => {
  test.setTimeout(60_000);
  const raw = e2eSql();
  const { db, sql: client } = createDb(readFileSync(process.env.E2E_URL_FILE!, "utf8").trim(), { max: 2 });
  try {
    // Two variants of one active product, delivered a week ago in one order.
    const variants = await db.execute<{ id: number; line_title: string }>(sql`
      select v.id, p.title || ' · ' || v.title as line_title
      from variants v join products p on p.id = v.product_id
      where p.status = 'active' and v.title <> ''
        and p.id = (select v2.product_id from variants v2 join products p2 on p2.id = v2.product_id
                    where p2.status = 'active' and v2.title <> '' group by v2.product_id having count(*) >= 2 order by v2.product_id limit 1)
      order by v.position, v.id limit 2`);
    expect(variants).toHaveLength(2);
    const order = await createDeliveredOrder(db, {
      email: `two-sizes-${Date.now()}@example.test`,
      name: "Wanjiku Kamau",
      lines: variants.map((v) => ({ variantId: v.id })),
      deliveredAt: new Date(Date.now() - 8 * DAY),
    });
    const reviewPage = await reviewPageOf(db, raw, order.number);

    for (const width of [390, 820, 1280]) {
      const context = await browser.newContext({ javaScriptEnabled: width !== 390, viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(reviewPage);
      await expect(page.getByRole("heading", { level: 1, name: "Review your pieces" })).toBeVisible();
      const names = await page.getByRole("link", { name: /^Write a review of / }).evaluateAll((links) => links.map((a) => a.textContent));
      expect(names).toEqual(variants.map((v) => `Write a review of ${v.line_title}`));
      for (const v of variants)
        await expect(page.getByRole("link", { name: `Write a review of ${v.line_title}`, exact: true })).toHaveCount(1);
      await page.screenshot({ path: test.info().outputPath(`review-two-sizes-${width}.png`), fullPage: true });
      await context.close();
    }
  } finally {
    await raw.end();
    await client.end();
  }
});
