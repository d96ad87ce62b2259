/** The /cart form, one zod schema per intent. Shared by the route and anything that posts to it. */
import { z } from "zod";
import { MARKET_CODES } from "~/domain/markets";
import { MAX_QUANTITY, QUANTITY_MESSAGE } from "./totals";

const wholeNumber = (message: string) =>
  z.string({ required_error: message, invalid_type_error: message }).trim().regex(/^\d+$/, message).transform(Number);

/** "3" → 3; "", "-1", "1.5", "two", "100" → the one clear message. */
const quantity = (min: 0 | 1) => wholeNumber(QUANTITY_MESSAGE).refine((n) => n >= min && n <= MAX_QUANTITY, QUANTITY_MESSAGE);

const id = (message: string) => wholeNumber(message).refine((n) => Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647, message);

export const LINE_NOT_FOUND = "That piece isn't in your bag any more.";
export const VARIANT_NOT_FOUND = "We couldn't find that piece. Please choose it again from the product page.";

export const cartActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("add"),
      variantId: id(VARIANT_NOT_FOUND),
      quantity: z
        .string()
        .optional()
        .transform((v) => (v === undefined ? "1" : v))
        .pipe(quantity(1)),
    }),
    z.object({ intent: z.literal("update"), lineId: id(LINE_NOT_FOUND), quantity: quantity(0) }),
    z.object({ intent: z.literal("remove"), lineId: id(LINE_NOT_FOUND) }),
    /** Puts a removed line back, as it was (idempotent: a second click changes nothing). */
    z.object({ intent: z.literal("undo"), variantId: id(VARIANT_NOT_FOUND), quantity: quantity(1) }),
  ],
  { errorMap: () => ({ message: "Something was missing from that form. Please try again." }) },
);

export type CartAction = z.infer<typeof cartActionSchema>;

/** What the /cart page says after a change: carried in the redirect's query string, so it works without JS. */
/** `repriced`: the bag moved to this market with the change (added from another market's page). */
const repriced = z.enum(MARKET_CODES).optional();

export const cartNoticeSchema = z.discriminatedUnion("notice", [
  z.object({ notice: z.literal("added"), variant: id(""), repriced }),
  z.object({ notice: z.literal("updated"), variant: id("") }),
  z.object({ notice: z.literal("restored"), variant: id(""), repriced }),
  /** The shopper switched market with a bag: it was re-priced from the new market's list. */
  z.object({ notice: z.literal("market"), repriced: z.enum(MARKET_CODES) }),
  z.object({ notice: z.literal("removed"), variant: id(""), quantity: quantity(1) }),
]);

export type CartNotice = z.infer<typeof cartNoticeSchema>;

export function noticeSearch(notice: CartNotice): string {
  const params = new URLSearchParams({ notice: notice.notice });
  if ("variant" in notice) params.set("variant", String(notice.variant));
  if (notice.notice === "removed") params.set("quantity", String(notice.quantity));
  if ("repriced" in notice && notice.repriced) params.set("repriced", notice.repriced);
  return `?${params}`;
}
