/** The giftcards domain's front door: its pure rules and types, safe in the browser bundle. Server side: ./index.server.ts. */
export { emailedCardFor, GIFT_CARD_SKU } from "./delivery";
export type { EmailedCard } from "./delivery";
export { CODE_LENGTH, formatCode, lastFour, maskedCode, parseCode } from "./codes";
export {
  applyGiftCardSchema,
  balanceSchema,
  disableSchema,
  giftCardSendWhen,
  opsListSchema,
  printSchema,
  purchaseSchema,
  removeGiftCardSchema,
} from "./forms";
export {
  GIFT_CARD_AMOUNTS,
  GIFT_CARD_CURRENCY,
  GIFT_CARD_MAX,
  GIFT_CARD_MIN,
  GIFT_CARD_PAYMENT_PROVIDER,
  GIFT_CARD_PRESETS,
  giftCardAmountAt,
  giftCardAmountsIn,
  giftCardOfPayment,
  giftCardPaymentRef,
  splitOverCards,
  wrongCurrencyMessage,
} from "./ledger";
export type { AppliedCard, CardUse, GiftCardAmounts, MovementKind } from "./ledger";
