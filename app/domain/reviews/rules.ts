/**
 * Reviews' rules, pure: who may review what and when, the form, the aggregate a product page shows,
 * the helpful-first order, and how the maker is credited. The I/O is in the *.server.ts files.
 */
import { z } from "zod";
import { listPage } from "~/lib/fields";
import { HIDDEN_CHARACTER_MESSAGE, isOneLine, isVisibleText } from "~/lib/validation";

/** The review request goes out this many days after delivery: long enough to have worn the piece. */
export const REVIEW_REQUEST_DELAY_DAYS = 7;
/** A sale at the counter has no delivery step: the request follows the sale by a few days. */
export const POS_REVIEW_REQUEST_DELAY_DAYS = 3;
/** Orders delivered longer ago than this get no request (the job never floods old customers at its first run). */
export const REVIEW_REQUEST_LOOKBACK_DAYS = 60;
/** A delivered piece can be reviewed for a year. */
export const REVIEW_WINDOW_DAYS = 365;
export const MAX_REVIEW_PHOTOS = 2;
export const REVIEWS_PER_PAGE = 5;
/** The product page shows the most helpful few; the rest are on its reviews page (`/products/:handle/reviews`). */
export const TOP_REVIEWS = 3;

/** A product's reviews page, page `page` ("/products/x/reviews", "/products/x/reviews?page=2"). */
export function productReviewsPath(handle: string, page = 1): string {
  return `/products/${handle}/reviews${page > 1 ? `?page=${page}` : ""}`;
}
export const OPS_REVIEWS_PER_PAGE = 25;
/** "Was this helpful?" votes: at most this many an hour from one browser or account, and from one network address. */
export const VOTES_PER_HOUR = 30;

const DAY_MS = 86_400_000;

export type ReviewStatus = "pending" | "approved" | "rejected";

/** Whether a buyer may write (or still change) their review of a line. */
export function reviewWritable(input: {
  orderStatus: string;
  deliveredAt: Date | null;
  now: Date;
  existing: ReviewStatus | null;
}): { ok: true } | { ok: false; message: string } {
  if (input.orderStatus !== "delivered" || !input.deliveredAt)
    return { ok: false, message: "Pieces can be reviewed once the order has been delivered." };
  if (input.now.getTime() - input.deliveredAt.getTime() > REVIEW_WINDOW_DAYS * DAY_MS)
    return { ok: false, message: "This order was delivered more than a year ago, so its pieces can no longer be reviewed." };
  if (input.existing === "approved") return { ok: false, message: "Your review has been published, so it can no longer be changed." };
  if (input.existing === "rejected") return { ok: false, message: "Your review was not published, so it can no longer be changed." };
  return { ok: true };
}

const line = (label: string, max: number) =>
  z
    .string({ required_error: `Enter ${label}.` })
    .trim()
    .min(1, `Enter ${label}.`)
    .max(max, `Keep ${label} to ${max} characters.`)
    .refine(isOneLine, `${label.charAt(0).toUpperCase()}${label.slice(1)} must fit on one line.`)
    .refine(isVisibleText, HIDDEN_CHARACTER_MESSAGE);

export const reviewFormSchema = z.object({
  rating: z.coerce
    .number({ invalid_type_error: "Choose from 1 to 5 stars." })
    .int("Choose from 1 to 5 stars.")
    .min(1, "Choose from 1 to 5 stars.")
    .max(5, "Choose from 1 to 5 stars."),
  title: line("a title", 120),
  body: z
    .string({ required_error: "Tell other shoppers about the piece." })
    .trim()
    .min(10, "Write at least a sentence (10 characters or more).")
    .max(4000, "Keep your review to 4,000 characters.")
    .refine(isVisibleText, HIDDEN_CHARACTER_MESSAGE),
  authorName: line("the name to show", 60),
});
export type ReviewForm = z.infer<typeof reviewFormSchema>;

export const rejectFormSchema = z.object({
  reason: z
    .string({ required_error: "Say why it is not published: the buyer reads this." })
    .trim()
    .min(3, "Say why it is not published: the buyer reads this.")
    .max(500, "Keep the reason to 500 characters."),
});

/** The moderation queue's address: a status or page it doesn't know is a 400 saying which, as /ops/orders answers. */
export const reviewQueueFilterSchema = z.object({
  status: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.enum(["pending", "approved", "rejected"], { message: "Unknown status filter." }).default("pending"),
  ),
  page: listPage({ max: 10_000 }),
});

/** `?page=N` on a product's reviews page: anything that is not a page number is page 1. */
export function reviewsPageParam(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}

/** "Amina Wanjiru" → "Amina W.": what a review shows by default. */
export function defaultAuthorName(fullName: string | null | undefined): string {
  const parts = (fullName ?? "").trim().split(/\s+/).filter(Boolean);
  if (!parts.length) return "";
  return parts.length === 1 ? parts[0] : `${parts[0]} ${parts[parts.length - 1].charAt(0).toUpperCase()}.`;
}

export type RatingSummary = {
  count: number;
  /** Mean stars to one decimal (4.5), or null with no reviews. */
  average: number | null;
  /** How many reviews gave 5, 4, 3, 2 and 1 stars, in that order. */
  distribution: [number, number, number, number, number];
};

/** The aggregate of approved reviews from how many gave each number of stars (index 0 = 1 star). */
export function summarizeRatings(countsByStars: readonly number[]): RatingSummary {
  const counts = [1, 2, 3, 4, 5].map((stars) => {
    const n = Number(countsByStars[stars - 1] ?? 0);
    return Number.isFinite(n) ? Math.max(0, Math.trunc(n)) : 0;
  });
  const count = counts.reduce((a, b) => a + b, 0);
  const sum = counts.reduce((a, n, i) => a + n * (i + 1), 0);
  return {
    count,
    // Rounded half up on the integer sum, so 4.25 shows 4.3 without floating-point surprises.
    average: count ? Math.round((sum * 10) / count) / 10 : null,
    distribution: [counts[4], counts[3], counts[2], counts[1], counts[0]],
  };
}

/** "4.5 out of 5 stars from 12 reviews". */
export function ratingSentence(summary: RatingSummary): string {
  if (!summary.count || summary.average === null) return "No reviews yet";
  return `${summary.average.toFixed(1)} out of 5 stars from ${summary.count} ${summary.count === 1 ? "review" : "reviews"}`;
}

/**
 * Helpful-first: most "helpful" votes, then newest, then the later id (so pages never overlap).
 * The product page's SQL orders by the same three columns (reviews_product_shown_idx).
 */
export function compareHelpfulFirst(
  a: { helpfulCount: number; createdAt: string | Date; id: number },
  b: { helpfulCount: number; createdAt: string | Date; id: number },
): number {
  return b.helpfulCount - a.helpfulCount || new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime() || b.id - a.id;
}

export type MakerCredit = { text: string; href: string | null };

/**
 * Who made the piece: her name and profile when she chose a public profile; otherwise only where
 * she works (her consent covers her name on the storefront). Null when the piece came from stock.
 */
export function makerCredit(
  maker: { firstName: string; lastName: string; handle: string; county: string; publicProfile: boolean } | null,
): MakerCredit | null {
  if (!maker) return null;
  if (maker.publicProfile) return { text: `Made by ${maker.firstName} ${maker.lastName}`, href: `/makers/${maker.handle}` };
  return { text: `Made by a Soko artisan in ${maker.county}`, href: null };
}
