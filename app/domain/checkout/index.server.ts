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
export { reconcileChargeTask } from "./reconcile.server";
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
