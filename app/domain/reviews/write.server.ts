/**
 * A buyer writes (or changes, until it is moderated) the review of each piece of a delivered order.
 * Only the order's buyer gets here: through the signed review link, or signed in to the account that
 * placed it. Photos are checked and this person's right to write checked before any file is stored;
 * a write that does not commit removes the files it stored, and photos taken out are deleted after
 * the change commits, so no file outlives its row.
 */
import { sql } from "drizzle-orm";
import { signedInCustomerId } from "~/domain/accounts/index.server";
import { removeUploadedImage, storeImage, type CheckedImage, type SavedImage } from "~/domain/images/index.server";
import { db, type Executor } from "~/lib/db.server";
import { Refusal } from "~/lib/refusal";
import { DELIVERED_AT_SQL, REVIEWABLE_CHANNELS_SQL } from "./delivered.server";
import { verifyReviewToken } from "./link.server";
import {
  MAX_REVIEW_PHOTOS,
  defaultAuthorName,
  makerCredit,
  reviewWritable,
  type MakerCredit,
  type ReviewForm,
  type ReviewStatus,
} from "./rules";

export type ReviewOrder = {
  id: number;
  number: string;
  status: string;
  customerId: number | null;
  deliveredAt: Date | null;
  defaultAuthorName: string;
  /** The review link's token, when the page was opened with it (kept on every link and form of the page). */
  token: string | null;
};

const notFound = () =>
  new Response("We couldn't find that order. Use the link in your review email, or sign in to your account.", { status: 404 });

/**
 * The order, for whoever holds its review link or owns it through their account; anyone else (a
 * wrong or tampered token, another shopper's order, a wholesale sale) gets the same 404
 * as for a number that doesn't exist.
 */
export async function requireReviewAccess(request: Request, number: string | undefined): Promise<ReviewOrder> {
  if (!number || number.length > 40) throw notFound();
  const rows = await db.execute<{
    id: number;
    number: string;
    status: string;
    customer_id: number | null;
    delivered_at: Date | string | null;
    name: string | null;
  }>(sql`
    select o.id, o.number, o.status, o.customer_id, o.shipping_address->>'name' as name,
      ${DELIVERED_AT_SQL} as delivered_at
    from orders o where o.number = ${number} and o.channel in ${REVIEWABLE_CHANNELS_SQL}`);
  const order = rows[0];
  if (!order) throw notFound();
  const token = new URL(request.url).searchParams.get("t");
  let allowed = verifyReviewToken(order.number, token);
  if (!allowed && order.customer_id) allowed = (await signedInCustomerId(request)) === order.customer_id;
  if (!allowed) throw notFound();
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    customerId: order.customer_id,
    deliveredAt: order.delivered_at ? new Date(order.delivered_at) : null,
    defaultAuthorName: defaultAuthorName(order.name),
    token: verifyReviewToken(order.number, token) ? token : null,
  };
}

export type ReviewPhotoView = { id: number; url: string; width: number; height: number };

export type ReviewableLine = {
  id: number;
  title: string;
  productTitle: string;
  handle: string;
  image: { url: string; alt: string } | null;
  maker: MakerCredit | null;
  review: {
    id: number;
    status: ReviewStatus;
    rating: number;
    title: string;
    body: string;
    authorName: string;
    rejectionReason: string | null;
    photos: ReviewPhotoView[];
  } | null;
};

type LineRow = {
  id: number;
  title: string;
  product_title: string;
  handle: string;
  image: { url: string; alt: string } | null;
  maker: { firstName: string; lastName: string; handle: string; county: string; publicProfile: boolean } | null;
  review: {
    id: number;
    status: ReviewStatus;
    rating: number;
    title: string;
    body: string;
    authorName: string;
    rejectionReason: string | null;
    photos: ReviewPhotoView[];
  } | null;
};

/** The artisan whose work a line was: the one whose production for it passed QC (most units first); null from stock. */
const makerOfLine = (lineId: ReturnType<typeof sql>) => sql`(
  select pr.artisan_id from production_requests pr
  where pr.order_line_id = ${lineId} and pr.status = 'qc_passed' and pr.artisan_id is not null
  order by pr.units_made desc, pr.id limit 1)`;

/** Each piece of the order, with its maker and the buyer's review of it (if written). */
export async function reviewableLines(orderId: number): Promise<ReviewableLine[]> {
  const rows = await db.execute<LineRow>(sql`
    select l.id, l.title, p.title as product_title, p.handle,
      (select json_build_object('url', i.url, 'alt', i.alt) from product_images i where i.product_id = p.id order by i.position, i.id limit 1) as image,
      (select json_build_object('firstName', a.first_name, 'lastName', a.last_name, 'handle', a.handle, 'county', a.county, 'publicProfile', a.public_profile)
         from artisans a where a.id = coalesce(r.artisan_id, ${makerOfLine(sql`l.id`)})) as maker,
      case when r.id is null then null else json_build_object(
        'id', r.id, 'status', r.status, 'rating', r.rating, 'title', r.title, 'body', r.body, 'authorName', r.author_name,
        'rejectionReason', r.rejection_reason,
        'photos', coalesce((select json_agg(json_build_object('id', ph.id, 'url', ph.url, 'width', ph.width, 'height', ph.height) order by ph.position, ph.id)
                            from review_photos ph where ph.review_id = r.id), '[]'::json)
      ) end as review
    from order_lines l
    join variants v on v.id = l.variant_id
    join products p on p.id = v.product_id
    left join reviews r on r.order_line_id = l.id
    where l.order_id = ${orderId}
    order by l.id`);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    productTitle: row.product_title,
    handle: row.handle,
    image: row.image,
    maker: makerCredit(row.maker),
    review: row.review,
  }));
}

/**
 * Refuses (404 / 409) when this line is not the order's, or its review can't be written now: the
 * check made before any photo is stored. `saveReview` checks again under the row lock.
 */
export async function assertLineWritable(order: ReviewOrder, lineId: number, now = new Date()): Promise<void> {
  const [row] = await db.execute<{ status: ReviewStatus | null }>(sql`
    select r.status from order_lines l left join reviews r on r.order_line_id = l.id
    where l.id = ${lineId} and l.order_id = ${order.id}`);
  if (!row) throw new Refusal(404, "That piece isn't part of this order.");
  const writable = reviewWritable({ orderStatus: order.status, deliveredAt: order.deliveredAt, now, existing: row.status });
  if (!writable.ok) throw new Refusal(409, writable.message);
}

export type SaveReviewInput = {
  order: ReviewOrder;
  lineId: number;
  form: ReviewForm;
  /** New photos, already checked (not yet stored). */
  photos: CheckedImage[];
  /** Photos of the existing review to take out. */
  removePhotoIds: number[];
  now?: Date;
};

/**
 * Writes the review of one line (a new one, or a change to one not yet moderated) and its photos,
 * in one transaction under the line's lock. Refusals: 404 (not this order's line), 409 (moderated
 * meanwhile, or written by a parallel request), 422 (too many photos).
 */
export async function saveReview(input: SaveReviewInput): Promise<{ reviewId: number; created: boolean }> {
  const now = input.now ?? new Date();
  await assertLineWritable(input.order, input.lineId, now);
  const stored: SavedImage[] = [];
  try {
    for (const photo of input.photos) stored.push(await storeImage("reviews", photo));
    const result = await db.transaction((tx) => writeReview(tx, input, stored, now));
    await Promise.all(result.removedUrls.map((url) => removeUploadedImage(url).catch(() => undefined)));
    return { reviewId: result.reviewId, created: result.created };
  } catch (error) {
    await Promise.all(stored.map((image) => removeUploadedImage(image.url).catch(() => undefined)));
    throw error;
  }
}

async function writeReview(tx: Executor, input: SaveReviewInput, photos: SavedImage[], now: Date) {
  const { order, lineId, form } = input;
  // The line row is the lock: two submits for one line run one after the other.
  const [line] = await tx.execute<{ id: number; product_id: number }>(sql`
    select l.id, v.product_id from order_lines l join variants v on v.id = l.variant_id
    where l.id = ${lineId} and l.order_id = ${order.id} for update of l`);
  if (!line) throw new Refusal(404, "That piece isn't part of this order.");
  const [existing] = await tx.execute<{ id: number; status: ReviewStatus }>(
    sql`select id, status from reviews where order_line_id = ${lineId}`,
  );
  const writable = reviewWritable({ orderStatus: order.status, deliveredAt: order.deliveredAt, now, existing: existing?.status ?? null });
  if (!writable.ok) throw new Refusal(409, writable.message);

  let reviewId: number;
  let removedUrls: string[] = [];
  let kept = 0;
  if (existing) {
    reviewId = existing.id;
    const ids = input.removePhotoIds.length ? input.removePhotoIds : [-1];
    const removed = await tx.execute<{ url: string }>(sql`
      delete from review_photos where review_id = ${reviewId} and id in ${sql`(${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`} returning url`);
    removedUrls = removed.map((r) => r.url);
    const [{ n }] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from review_photos where review_id = ${reviewId}`);
    kept = n;
    await tx.execute(sql`
      update reviews set rating = ${form.rating}, title = ${form.title}, body = ${form.body}, author_name = ${form.authorName}, updated_at = now()
      where id = ${reviewId} and status = 'pending'`);
  } else {
    const [created] = await tx.execute<{ id: number }>(sql`
      insert into reviews (order_line_id, order_id, product_id, artisan_id, customer_id, author_name, rating, title, body)
      values (${lineId}, ${order.id}, ${line.product_id}, ${makerOfLine(sql`${lineId}`)}, ${order.customerId},
              ${form.authorName}, ${form.rating}, ${form.title}, ${form.body})
      returning id`);
    reviewId = created.id;
  }
  if (kept + photos.length > MAX_REVIEW_PHOTOS)
    throw new Refusal(422, `A review can have at most ${MAX_REVIEW_PHOTOS} photos: take one out first.`, "photos");
  for (const [i, photo] of photos.entries()) {
    await tx.execute(sql`
      insert into review_photos (review_id, url, key, width, height, position)
      values (${reviewId}, ${photo.url}, ${photo.key}, ${photo.width}, ${photo.height}, ${kept + i})`);
  }
  return { reviewId, created: !existing, removedUrls };
}
