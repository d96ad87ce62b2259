/**
 * What a product page shows of its reviews: the aggregate of approved reviews and one page of them,
 * helpful-first. Shared by everyone (nothing personal: the page is cached for all), memoised per
 * product and page until the product's purge key is sent (the reviews tables' triggers, migration
 * 0025, docs/decisions/0015-cache-purge.md).
 */
import { sql } from "drizzle-orm";
import { createTaggedCache } from "~/domain/catalog/index.server";
import { db } from "~/lib/db.server";
import type { PurgeKeyCollector } from "~/lib/purge.server";
import { env } from "~/lib/env.server";
import { productKey } from "~/lib/purge-keys";
import { REVIEWS_PER_PAGE, makerCredit, summarizeRatings, type MakerCredit, type RatingSummary } from "./rules";

export type ShownReview = {
  id: number;
  authorName: string;
  rating: number;
  title: string;
  body: string;
  helpfulCount: number;
  createdAt: string;
  maker: MakerCredit | null;
  photos: Array<{ url: string; width: number; height: number }>;
};

export type ProductReviews = {
  summary: RatingSummary;
  reviews: ShownReview[];
  page: number;
  pageCount: number;
};

type Row = {
  counts: number[];
  reviews: Array<
    Omit<ShownReview, "maker"> & {
      maker: { firstName: string; lastName: string; handle: string; county: string; publicProfile: boolean } | null;
    }
  >;
};

const cache = createTaggedCache<ProductReviews>({ ttlMs: () => env().CATALOG_CACHE_SECONDS * 1000 });

/**
 * The product's rating summary and review page `page` of `perPage` (none past the last page): the
 * product page asks for the first TOP_REVIEWS, its reviews page for pages of REVIEWS_PER_PAGE.
 */
export function productReviews(
  productId: number,
  page: number,
  into?: PurgeKeyCollector,
  perPage = REVIEWS_PER_PAGE,
): Promise<ProductReviews> {
  return cache.get(
    `${productId}:${perPage}:${page}`,
    async () => ({
      value: await loadProductReviews(productId, page, perPage),
      keys: [productKey(productId)],
    }),
    into,
  );
}

export function clearProductReviewsCache() {
  cache.clear();
}

async function loadProductReviews(productId: number, page: number, perPage: number): Promise<ProductReviews> {
  // One statement: the star counts, and the page (none past the last: the page says so).
  const [row] = await db.execute<Row>(sql`
    with counts as (
      select array[
        count(*) filter (where rating = 1), count(*) filter (where rating = 2), count(*) filter (where rating = 3),
        count(*) filter (where rating = 4), count(*) filter (where rating = 5)]::int[] as counts,
        count(*)::int as total
      from reviews where product_id = ${productId} and status = 'approved'
    )
    select counts.counts,
      coalesce((
        select json_agg(json_build_object(
          'id', r.id, 'authorName', r.author_name, 'rating', r.rating, 'title', r.title, 'body', r.body,
          'helpfulCount', r.helpful_count, 'createdAt', r.created_at,
          'maker', (select json_build_object('firstName', a.first_name, 'lastName', a.last_name, 'handle', a.handle,
                                             'county', a.county, 'publicProfile', a.public_profile and a.active)
                    from artisans a where a.id = r.artisan_id),
          'photos', coalesce((select json_agg(json_build_object('url', ph.url, 'width', ph.width, 'height', ph.height) order by ph.position, ph.id)
                              from review_photos ph where ph.review_id = r.id), '[]'::json)
        ) order by r.helpful_count desc, r.created_at desc, r.id desc)
        from (
          select * from reviews
          where product_id = ${productId} and status = 'approved'
          order by helpful_count desc, created_at desc, id desc
          limit ${perPage} offset ${(page - 1) * perPage}
        ) r
      ), '[]'::json) as reviews
    from counts`);
  const summary = summarizeRatings(row?.counts ?? []);
  const pageCount = Math.max(1, Math.ceil(summary.count / perPage));
  return {
    summary,
    reviews: (row?.reviews ?? []).map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString(), maker: makerCredit(r.maker) })),
    page,
    pageCount,
  };
}
