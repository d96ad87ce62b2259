/**
 * "Was this helpful?": one vote per voter (a signed-in shopper's account, or a browser's voter
 * cookie) per published review, counted on the review. Throttled per voter and per network address
 * (VOTES_PER_HOUR each), counted under a transaction-scoped advisory lock so a parallel burst is
 * counted one vote after the other and never passes the limit. Nothing of it is on the shared page:
 * who voted stays in this table.
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { db, type Executor } from "~/lib/db.server";
import { productKey } from "~/lib/purge-keys";
import { purgeLocally } from "~/lib/purge.server";
import { Refusal } from "~/lib/refusal";
import { VOTES_PER_HOUR } from "./rules";

export type VoteResult = { counted: boolean; helpfulCount: number; productHandle: string };

/** A short one-way key for a network address: the throttle needs to compare them, never to read them. */
export function addressKeyOf(address: string | null): string | null {
  return address ? createHash("sha256").update(`review-vote:${address}`).digest("base64url").slice(0, 22) : null;
}

/**
 * Counts `voter`'s vote for review `reviewId`. A second vote by the same voter changes nothing
 * (counted: false). 404 for a review that is not published; 429 past the hourly limit.
 */
export async function voteHelpful(input: { reviewId: number; voter: string; address: string | null }): Promise<VoteResult> {
  const addressKey = addressKeyOf(input.address);
  const result = await db.transaction(async (tx) => {
    const [review] = await tx.execute<{ handle: string; product_id: number; helpful_count: number }>(sql`
      select p.handle, r.product_id, r.helpful_count from reviews r join products p on p.id = r.product_id
      where r.id = ${input.reviewId} and r.status = 'approved'`);
    if (!review) throw new Refusal(404, "That review isn't published.");
    await lockAndCheck(tx, "voter", input.voter, sql`voter = ${input.voter}`);
    if (addressKey) await lockAndCheck(tx, "address", addressKey, sql`address_key = ${addressKey}`);
    const inserted = await tx.execute(sql`
      insert into review_votes (review_id, voter, address_key) values (${input.reviewId}, ${input.voter}, ${addressKey})
      on conflict do nothing returning review_id`);
    if (!inserted.length)
      return { counted: false, helpfulCount: review.helpful_count, productHandle: review.handle, productId: review.product_id };
    const [updated] = await tx.execute<{ helpful_count: number }>(sql`
      update reviews set helpful_count = helpful_count + 1 where id = ${input.reviewId} returning helpful_count`);
    return { counted: true, helpfulCount: updated.helpful_count, productHandle: review.handle, productId: review.product_id };
  });
  // The trigger's NOTIFY purges every process in a moment; this one now, so the voter's next page
  // (the redirect back) never races it.
  if (result.counted) purgeLocally(new Set([productKey(result.productId)]));
  return { counted: result.counted, helpfulCount: result.helpfulCount, productHandle: result.productHandle };
}

/** Serialises votes of one voter (or address) and refuses the one past the hour's limit. */
async function lockAndCheck(tx: Executor, kind: string, key: string, who: ReturnType<typeof sql>) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`review-vote:${kind}:${key}`}))`);
  const [{ n }] = await tx.execute<{ n: number }>(sql`
    select count(*)::int as n from review_votes where ${who} and created_at > now() - interval '1 hour'`);
  if (n >= VOTES_PER_HOUR) throw new Refusal(429, "That's a lot of votes in a short time. Please try again in an hour.");
}
