import type { CheckoutState } from "~/domain/checkout/index.server";

/**
 * What the checkout page shows of the bag and its checkout, and nothing else: the page's loader data
 * is serialised into it and read again when it hydrates, so the bag's images, stock, SKUs and
 * settlement stay on the server (#14). Every line keeps its quantity: the header counts the bag from
 * here (root.tsx), unavailable lines too; the summary lists the purchasable ones.
 */
export function checkoutView(state: CheckoutState) {
  const { cart, totals } = state;
  return {
    cart: {
      market: cart.market,
      currency: cart.currency,
      lines: cart.lines.map((line) => ({
        id: line.id,
        title: line.variantTitle && line.variantTitle !== "Default" ? `${line.product.title} — ${line.variantTitle}` : line.product.title,
        quantity: line.quantity,
        lineTotal: line.lineTotal,
        purchasable: line.purchasable,
      })),
    },
    email: state.email,
    address: state.address,
    shippingMethod: state.shippingMethod,
    shippingOptions: state.shippingOptions,
    discount: state.discount,
    totals: {
      subtotal: totals.subtotal,
      discountTotal: totals.discountTotal,
      shippingTotal: totals.shippingTotal,
      taxTotal: totals.taxTotal,
      taxIncluded: totals.taxIncluded,
      taxRate: totals.taxRate,
      total: totals.total,
    },
    giftCards: state.giftCards,
    amountDue: state.amountDue,
    ready: state.ready,
  };
}

/** The bag and its checkout as the page receives it. */
export type CheckoutView = ReturnType<typeof checkoutView>;
