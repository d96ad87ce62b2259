/** The checkout domain's front door for the server: what touches the database or the network. Pure rules: ./index.ts. */
export {
  applyDiscountCode,
  applyGiftCard,
  checkoutState,
  payAndPlaceOrder,
  removeDiscountCode,
  removeGiftCard,
  saveAddress,
  saveShippingMethod,
} from "./checkout.server";
export { commitPaidGiftCard, completeGiftCardPurchase, placeGiftCardOrder, prepareGiftCardIntent } from "./giftcard-purchase.server";
export type { CompletedGiftCard, PlacedGiftCard } from "./giftcard-purchase.server";
export { giftCardFromIntent, giftCardIntentMetadata } from "./giftcard-purchase";
export type { GiftCardDetails } from "./giftcard-purchase";
export { CHARGE_SWEEP_CRONTAB, reconcileChargeTask, reconcileChargesTask } from "./reconcile.server";
export {
  applyRefundTotal,
  applyRefundsSeenBeforeOrder,
  commitPaidCart,
  completeCheckout,
  markPaymentFailed,
  markPaymentSucceeded,
  orderKeyFor,
  preparePaymentIntent,
  retrieveStripeIntent,
} from "./stripe-checkout.server";
export type { CheckoutState } from "./checkout.server";
export type { PaidPayment, PreparedPayment } from "./stripe-checkout.server";
