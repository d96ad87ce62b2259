/** The reviews domain's front door for the server: what touches the database or the network. Pure rules: ./index.ts. */
export { reviewPath, reviewToken, reviewUrl, verifyReviewToken } from "./link.server";
export { approveReview, rejectReview, reviewForModeration, reviewQueue } from "./moderation.server";
export type { QueueRow, ReviewForModeration } from "./moderation.server";
export { clearProductReviewsCache, productReviews } from "./product-reviews.server";
export type { ProductReviews, ShownReview } from "./product-reviews.server";
export { REVIEW_REQUEST_CRONTAB, requestReviewsTask, sendDueReviewRequests } from "./requests.server";
export { addressKeyOf, voteHelpful } from "./votes.server";
export type { VoteResult } from "./votes.server";
export { assertLineWritable, requireReviewAccess, reviewableLines, saveReview } from "./write.server";
export type { ReviewOrder, ReviewableLine, SaveReviewInput } from "./write.server";
