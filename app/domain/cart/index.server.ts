/** The cart domain's front door for the server: what touches the database or the network. Pure rules: ./index.ts. */
export {
  addLine,
  bagMarketFor,
  bagUnitsFor,
  cartIdFrom,
  commitCartId,
  describeNotice,
  getCart,
  loadCart,
  loadCartWithCheckout,
  moveCartToMarket,
  removeLine,
  updateLine,
} from "./cart.server";
export type { Alongside, CartLineView, CartView, Refusal } from "./cart.server";
