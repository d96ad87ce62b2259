/** The reviews domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export {
  MAX_REVIEW_PHOTOS,
  REVIEWS_PER_PAGE,
  POS_REVIEW_REQUEST_DELAY_DAYS,
  REVIEW_REQUEST_DELAY_DAYS,
  TOP_REVIEWS,
  VOTES_PER_HOUR,
  compareHelpfulFirst,
  defaultAuthorName,
  makerCredit,
  productReviewsPath,
  ratingSentence,
  rejectFormSchema,
  reviewFormSchema,
  reviewQueueFilterSchema,
  reviewWritable,
  reviewsPageParam,
  summarizeRatings,
} from "./rules";
export type { MakerCredit, RatingSummary, ReviewForm, ReviewStatus } from "./rules";
