/** The giftcards domain's front door for the server: what touches the database or the network. Pure rules: ./index.ts. */
export {
  activatePhysicalCard,
  createPhysicalCards,
  deliverGiftCard,
  expireGiftCards,
  issueDigitalCard,
  issueStoreCredit,
  redeemGiftCard,
  refundToGiftCard,
  setGiftCardDisabled,
} from "./cards.server";
export type { DigitalCardInput, IssuedCredit, StoreCreditInput } from "./cards.server";
export {
  applyGiftCardToBag,
  bagGiftCards,
  cardByCode,
  cardsEmailedFor,
  cardsSoldWith,
  lookUpCode,
  removeGiftCardFromBag,
  unsoldCard,
} from "./lookup.server";
export type { ApplyResult, CardView, Lookup, UnsoldCard } from "./lookup.server";
export { GIFT_CARD_SKU } from "./delivery";
export { giftCardVariantId, GIFT_CARD_HANDLE } from "./product.server";
export { GIFT_CARDS_PER_PAGE, giftCardBooks, giftCardDetail, listGiftCards } from "./queries.server";
export type { GiftCardBooks } from "./queries.server";
export { GIFT_CARD_CRONTAB, deliverDueGiftCards, giftCardTasks } from "./jobs.server";
