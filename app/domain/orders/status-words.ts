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
