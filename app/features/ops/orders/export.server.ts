/**
 * /ops/orders?format=csv: every order the page's filters match (not only the page on screen), as
 * a CSV a spreadsheet opens, streamed a batch at a time. Times on Nairobi's clock, like the page;
 * amounts as decimals with their currency in its own column.
 */
import { shippingLabel } from "~/domain/pricing";
import { exportOrders } from "~/domain/orders/index.server";
import { csvStream, decimalAmount } from "~/lib/csv";
import { OPS_TIME_LABEL, zonedStamp } from "~/lib/time";

type Filter = Parameters<typeof exportOrders>[0];

export const ORDER_CSV_HEADER = [
  "Order",
  `Placed (${OPS_TIME_LABEL})`,
  "Channel",
  "Status",
  "Payment",
  "Email",
  "Ship to",
  "Country",
  "Shipping method",
  "Units",
  "Currency",
  "Subtotal",
  "Discount",
  "Shipping",
  "Tax",
  "Total",
];

async function* csvRows(filter: Filter) {
  for await (const batch of exportOrders(filter)) {
    yield batch.map((o) => [
      o.number,
      zonedStamp(o.placedAt),
      o.channel,
      o.status.replace(/_/g, " "),
      o.paymentStatus.replace(/_/g, " "),
      o.email,
      o.shippingAddress?.name ?? "",
      o.shippingAddress?.country ?? "",
      shippingLabel(o.shippingMethod, o.shippingAddress) ?? "",
      o.units,
      o.currency,
      decimalAmount(o.subtotal),
      decimalAmount(o.discountTotal),
      decimalAmount(o.shippingTotal),
      decimalAmount(o.taxTotal),
      decimalAmount(o.total),
    ]);
  }
}

/** The export's file name says what it holds: "soko-orders-wholesale-shipped-2026-12-06.csv". */
export function orderCsvName(filter: Filter, now = new Date()): string {
  const parts = [filter.channel, filter.status, filter.paymentStatus, filter.q ? "search" : undefined].filter(Boolean);
  return `soko-orders${parts.length ? `-${parts.join("-")}` : ""}-${zonedStamp(now).slice(0, 10)}.csv`.replace(/[^A-Za-z0-9._-]/g, "_");
}

export function ordersCsvResponse(filter: Filter): Response {
  return new Response(csvStream(ORDER_CSV_HEADER, csvRows(filter)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${orderCsvName(filter)}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
