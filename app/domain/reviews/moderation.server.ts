/**
 * The moderation queue in /ops/reviews: nothing a buyer writes is shown until ops approve it.
 * Approving publishes it (the reviews trigger purges the product's cached pages at commit);
 * rejecting keeps the words for the buyer to read with the reason, and deletes the photos (rows in
 * the transaction, files once it commits). Both are audited.
 */
import { sql } from "drizzle-orm";
import { audit } from "~/domain/audit/index.server";
import { removeUploadedImage } from "~/domain/images/index.server";
import { db } from "~/lib/db.server";
import { productKey } from "~/lib/purge-keys";
import { purgeLocally } from "~/lib/purge.server";
import { Refusal } from "~/lib/refusal";
import { OPS_REVIEWS_PER_PAGE, makerCredit, type MakerCredit, type ReviewStatus } from "./rules";

export type QueueRow = {
  id: number;
  status: ReviewStatus;
  rating: number;
  title: string;
  authorName: string;
  productTitle: string;
  orderNumber: string;
  photoCount: number;
  createdAt: string;
};

export async function reviewQueue(filter: { status: ReviewStatus; page: number }) {
  const [{ total }] = await db.execute<{ total: number }>(sql`select count(*)::int as total from reviews where status = ${filter.status}`);
  const pageCount = Math.max(1, Math.ceil(total / OPS_REVIEWS_PER_PAGE));
  // Past the last page is an empty page that says so, not the last page under another's address.
  const page = filter.page;
  // Pending: oldest first (the queue); decided: most recently decided first.
  const order = filter.status === "pending" ? sql`r.created_at, r.id` : sql`r.moderated_at desc nulls last, r.id desc`;
  const rows = await db.execute<QueueRow>(sql`
    select r.id, r.status, r.rating, r.title, r.author_name as "authorName", p.title as "productTitle", o.number as "orderNumber",
      (select count(*)::int from review_photos ph where ph.review_id = r.id) as "photoCount", r.created_at as "createdAt"
    from reviews r join products p on p.id = r.product_id join orders o on o.id = r.order_id
    where r.status = ${filter.status}
    order by ${order}
    limit ${OPS_REVIEWS_PER_PAGE} offset ${(page - 1) * OPS_REVIEWS_PER_PAGE}`);
  return {
    rows: rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() })),
    total,
    page,
    pageCount,
  };
}

export type ReviewForModeration = {
  id: number;
  status: ReviewStatus;
  rating: number;
  title: string;
  body: string;
  authorName: string;
  rejectionReason: string | null;
  moderatedBy: string | null;
  moderatedAt: string | null;
  createdAt: string;
  updatedAt: string;
  product: { title: string; handle: string };
  lineTitle: string;
  orderNumber: string;
  email: string;
  maker: MakerCredit | null;
  photos: Array<{ id: number; url: string; width: number; height: number }>;
};

export async function reviewForModeration(id: number): Promise<ReviewForModeration | null> {
  const [row] = await db.execute<Omit<ReviewForModeration, "maker"> & { maker: Parameters<typeof makerCredit>[0] }>(sql`
    select r.id, r.status, r.rating, r.title, r.body, r.author_name as "authorName", r.rejection_reason as "rejectionReason",
      s.name as "moderatedBy", r.moderated_at as "moderatedAt", r.created_at as "createdAt", r.updated_at as "updatedAt",
      json_build_object('title', p.title, 'handle', p.handle) as product, l.title as "lineTitle", o.number as "orderNumber", o.email,
      (select json_build_object('firstName', a.first_name, 'lastName', a.last_name, 'handle', a.handle, 'county', a.county, 'publicProfile', a.public_profile)
         from artisans a where a.id = r.artisan_id) as maker,
      coalesce((select json_agg(json_build_object('id', ph.id, 'url', ph.url, 'width', ph.width, 'height', ph.height) order by ph.position, ph.id)
                from review_photos ph where ph.review_id = r.id), '[]'::json) as photos
    from reviews r
    join products p on p.id = r.product_id
    join orders o on o.id = r.order_id
    join order_lines l on l.id = r.order_line_id
    left join staff_users s on s.id = r.moderated_by
    where r.id = ${id}`);
  if (!row) return null;
  const iso = (v: string | Date | null) => (v ? new Date(v).toISOString() : null);
  return {
    ...row,
    moderatedAt: iso(row.moderatedAt),
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    maker: makerCredit(row.maker),
  };
}

export type Moderator = { id: number };

/** Publishes a pending review. 404 unknown; 409 when it was decided already (by someone else a moment ago). */
export async function approveReview(id: number, staff: Moderator): Promise<{ productHandle: string }> {
  const approved = await db.transaction(async (tx) => {
    const [row] = await tx.execute<{ id: number; handle: string; product_id: number }>(sql`
      update reviews r set status = 'approved', moderated_by = ${staff.id}, moderated_at = now(), rejection_reason = null, updated_at = now()
      from products p
      where r.id = ${id} and r.status = 'pending' and p.id = r.product_id
      returning r.id, p.handle, r.product_id`);
    if (!row) throw await decidedOrMissing(id);
    await audit(tx, { actor: `staff:${staff.id}`, action: "review.approve", subject: `review:${id}`, data: {} });
    return row;
  });
  // Every process hears the trigger's NOTIFY; this one drops the page now, so a look at it never races that.
  purgeLocally(new Set([productKey(approved.product_id)]));
  return { productHandle: approved.handle };
}

/**
 * Rejects a pending review, or takes down a published one, with the reason the buyer will read.
 * Its photos go: rows now, files after the commit.
 */
export async function rejectReview(id: number, reason: string, staff: Moderator): Promise<void> {
  const { urls, productId, was } = await db.transaction(async (tx) => {
    const [row] = await tx.execute<{ id: number; was: ReviewStatus; product_id: number }>(sql`
      update reviews r set status = 'rejected', rejection_reason = ${reason}, moderated_by = ${staff.id}, moderated_at = now(), updated_at = now()
      from (select id, status from reviews where id = ${id} for update) before
      where r.id = before.id and before.status in ('pending', 'approved')
      returning r.id, before.status as was, r.product_id`);
    if (!row) throw await decidedOrMissing(id);
    const photos = await tx.execute<{ url: string }>(sql`delete from review_photos where review_id = ${id} returning url`);
    await audit(tx, {
      actor: `staff:${staff.id}`,
      action: row.was === "approved" ? "review.unpublish" : "review.reject",
      subject: `review:${id}`,
      data: { reason, photosRemoved: photos.length },
    });
    return { urls: photos.map((p) => p.url), productId: row.product_id, was: row.was };
  });
  if (was === "approved") purgeLocally(new Set([productKey(productId)]));
  await Promise.all(urls.map((url) => removeUploadedImage(url).catch(() => undefined)));
}

async function decidedOrMissing(id: number): Promise<Refusal> {
  const [row] = await db.execute<{ status: ReviewStatus }>(sql`select status from reviews where id = ${id}`);
  if (!row) return new Refusal(404, "There is no review with that number.");
  return new Refusal(409, `This review was already ${row.status === "approved" ? "published" : "rejected"}.`);
}
