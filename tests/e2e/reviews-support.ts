import { expect } from "@playwright/test";
import { sql } from "drizzle-orm";
import type postgres from "postgres";
import type { createDb } from "../../db/client";

/** `line_title` is what an order line of it is called (with its size or finish), as the review page names it. */
export type UnreviewedPiece = { handle: string; title: string; line_title: string; variant_id: number; artisan_id: number; maker: string };

/**
 * A piece nobody has reviewed yet, with a maker who has a public profile, from the newest or the
 * oldest end of the catalog: two specs running side by side take one from each end, so neither
 * sees the other's review on its product page.
 */
export async function unreviewedPiece(db: ReturnType<typeof createDb>["db"], from: "newest" | "oldest"): Promise<UnreviewedPiece> {
  const [piece] = await db.execute<UnreviewedPiece>(sql`
    select p.handle, p.title, p.title || case when v.title = '' then '' else ' · ' || v.title end as line_title, v.id as variant_id, a.id as artisan_id, a.first_name || ' ' || a.last_name as maker
    from products p
    join variants v on v.product_id = p.id
    join product_skills ps on ps.product_id = p.id
    join artisan_skills s on s.skill_id = ps.skill_id
    join artisans a on a.id = s.artisan_id and a.active and a.public_profile
    where p.status = 'active' and not exists (select 1 from reviews r where r.product_id = p.id)
    order by case when ${from} = 'newest' then -p.id else p.id end, v.position, a.id limit 1`);
  return piece;
}

/**
 * The review page's address (path and token) for a delivered order, as its buyer gets it: the hourly
 * `request_reviews` job runs now and its email's link is read from the outbox.
 */
export async function reviewPageOf(db: ReturnType<typeof createDb>["db"], raw: postgres.Sql, orderNumber: string): Promise<string> {
  await db.execute(sql`select graphile_worker.add_job('request_reviews', '{}'::json)`);
  const key = `review-request:${orderNumber}`;
  await expect.poll(async () => (await raw`select id from outbox where dedupe_key = ${key}`).length, { timeout: 20_000 }).toBe(1);
  const [{ html }] = await raw<{ html: string }[]>`select html from outbox where dedupe_key = ${key}`;
  const href = new URL(/href="([^"]*\/review\?t=[^"]*)"/.exec(html)![1].replace(/&amp;/g, "&"));
  return `${href.pathname}${href.search}`;
}
