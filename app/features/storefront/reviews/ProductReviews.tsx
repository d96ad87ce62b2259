import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Image } from "~/components/commerce/Image";
import { Pagination } from "~/components/ui/Pagination";
import { PastLastPage } from "~/features/ops/shared/PastLastPage";
import { productReviewsPath, ratingSentence, type MakerCredit, type RatingSummary } from "~/domain/reviews";
import { Stars } from "./Stars";
import { formatDate } from "~/lib/intl";

export type ProductReviewsView = {
  summary: RatingSummary;
  reviews: Array<{
    id: number;
    authorName: string;
    rating: number;
    title: string;
    body: string;
    helpfulCount: number;
    createdAt: string;
    maker: MakerCredit | null;
    photos: Array<{ url: string; width: number; height: number }>;
  }>;
  page: number;
  pageCount: number;
};

/**
 * A product's reviews: the average and count, how the stars fall, and reviews helpful-first. On the
 * product page (`all` absent) the most helpful few and a link to the rest; on its reviews page
 * (`all`: the product's handle) a page of them with page links. The same for everyone (the pages
 * are cached and shared): whether this shopper voted is only ever known in their own browser, after
 * they vote.
 */
export function ProductReviews({
  reviews,
  productTitle,
  handle,
  all = false,
}: {
  reviews: ProductReviewsView;
  productTitle: string;
  handle: string;
  all?: boolean;
}) {
  const { summary } = reviews;
  const more = !all && summary.count > reviews.reviews.length;
  return (
    <section aria-labelledby="reviews" className="product-reviews" id="reviews-section">
      {all ? null : <h2 id="reviews">Reviews</h2>}
      {summary.count === 0 || summary.average === null ? (
        <p className="muted">
          No reviews yet. Reviews come only from shoppers who bought this piece: we ask them a week after it reaches them.
        </p>
      ) : (
        <>
          <div className="product-reviews__summary">
            <p className="product-reviews__average" aria-hidden="true">
              {summary.average.toFixed(1)}
            </p>
            <div>
              <Stars rating={summary.average} label={ratingSentence(summary)} />
              <p className="muted" aria-hidden="true">
                {`${summary.count} ${summary.count === 1 ? "review" : "reviews"} from verified buyers`}
              </p>
            </div>
            <ul className="product-reviews__bars" aria-label="How the stars fall">
              {[5, 4, 3, 2, 1].map((stars) => {
                const n = summary.distribution[5 - stars];
                return (
                  <li key={stars}>
                    <span>{stars === 1 ? "1 star" : `${stars} stars`}</span>
                    <span className="product-reviews__bar" aria-hidden="true">
                      <span style={{ width: `${Math.round((n / summary.count) * 100)}%` }} />
                    </span>
                    <span>{n}</span>
                  </li>
                );
              })}
            </ul>
          </div>
          <p className="muted">{more ? `The ${reviews.reviews.length} most helpful of ${summary.count}.` : "Most helpful first."}</p>
          {reviews.reviews.length === 0 ? (
            <div className="empty-state">
              <PastLastPage rows="reviews" pageCount={reviews.pageCount} />
            </div>
          ) : null}
          <ol className="review-list">
            {reviews.reviews.map((review) => (
              <li key={review.id} id={`review-${review.id}`} className="review">
                <Stars rating={review.rating} />
                <h3>{review.title}</h3>
                <p className="review__meta muted">
                  {`${review.authorName} · verified buyer · `}
                  <time dateTime={review.createdAt}>{formatDate(review.createdAt, "en-US", REVIEW_DATE)}</time>
                </p>
                {review.maker ? (
                  <p className="review-maker">
                    {review.maker.href ? <Link to={review.maker.href}>{review.maker.text}</Link> : review.maker.text}
                  </p>
                ) : null}
                <p className="review-body">{review.body}</p>
                {review.photos.length ? (
                  <ul className="review-photos">
                    {review.photos.map((photo, i) => (
                      <li key={photo.url}>
                        <a href={photo.url}>
                          <Image
                            src={photo.url}
                            alt={`Photo ${i + 1} of ${productTitle} by ${review.authorName}`}
                            width={120}
                            height={120}
                            sizes="120px"
                            className="review-photo"
                          />
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
                <HelpfulVote reviewId={review.id} count={review.helpfulCount} page={all ? reviews.page : null} />
              </li>
            ))}
          </ol>
          {all ? <Pagination page={reviews.page} pageCount={reviews.pageCount} label="Review pages" /> : null}
          {more ? (
            <p className="product-reviews__all">
              <Link to={productReviewsPath(handle)}>
                {`Read all ${summary.count} reviews`}
                <span className="visually-hidden">{` of ${productTitle}`}</span>
              </Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

/**
 * "Was this helpful?": a plain form (a redirect back to the review without JavaScript: to the reviews
 * page's `page`, or to the product page when null); with it, a fetcher, and the thanks shown here only.
 */
function HelpfulVote({ reviewId, count, page }: { reviewId: number; count: number; page: number | null }) {
  const fetcher = useFetcher<{ counted: boolean; helpfulCount: number } | { error: string }>();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const reply = fetcher.data;
  const shown = reply && "helpfulCount" in reply ? reply.helpfulCount : count;
  return (
    <div className="review__helpful">
      <span className="muted">{shown > 0 ? `${shown} ${shown === 1 ? "person" : "people"} found this helpful.` : null}</span>
      {reply && "helpfulCount" in reply ? (
        <span role="status">{reply.counted ? "Thanks for your vote." : "You've already voted for this review."}</span>
      ) : reply && "error" in reply ? (
        <span role="alert">{reply.error}</span>
      ) : (
        <fetcher.Form method="post" action={`/reviews/${reviewId}/helpful`}>
          {page === null ? null : <input type="hidden" name="page" value={page} />}
          {hydrated ? <input type="hidden" name="reply" value="json" /> : null}
          <button type="submit" className="button button--ghost button--small" disabled={fetcher.state !== "idle"}>
            Was this helpful? Yes<span className="visually-hidden">{` (review ${reviewId})`}</span>
          </button>
        </fetcher.Form>
      )}
    </div>
  );
}

const REVIEW_DATE: Intl.DateTimeFormatOptions = { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" };
