/** How an order's status reads to its customer (status page, account history). */
export const ORDER_STATUS_WORDS: Record<string, string> = {
  open: "Confirmed",
  in_production: "Being made",
  ready: "Ready to pack",
  packed: "Packed",
  shipped: "Shipped",
  delivered: "Delivered",
  cancelled: "Cancelled",
};

/**
 * An order's status in a customer's order list, and whether it reads as done (or as cancelled). An
 * order of gift cards only never ships, so it stays "open": it says whether its cards are sent instead.
 */
export function orderListStatus(order: { status: string; giftCardsOnly: boolean; cardsToSend: number }) {
  if (order.giftCardsOnly && order.status === "open")
    return order.cardsToSend > 0 ? { words: "Gift card to be sent", tone: "" } : { words: "Gift card sent", tone: "ok" };
  const tone = order.status === "delivered" ? "ok" : order.status === "cancelled" ? "warn" : "";
  return { words: ORDER_STATUS_WORDS[order.status] ?? order.status, tone };
}
