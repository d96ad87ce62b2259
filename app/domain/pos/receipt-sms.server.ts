/**
 * A store receipt by text message sent again from the sale's page, to the number the shopper gives
 * at the counter (a receipt asked for at the register goes out with the sale: recordSale).
 */
import { db } from "~/lib/db.server";
import { normalizeE164 } from "~/lib/phone";
import { Refusal } from "~/lib/refusal";
import type { Staff } from "~/domain/accounts/index.server";
import { queueReceiptSms } from "./receipt-text.server";
import { getSale, STORE_NAME } from "./sales.server";
import { actorOf } from "./staff.server";

export const PHONE_HELP = "Enter the customer's mobile number with its area code, like (415) 555-0100, or + and the country code.";

/** Queues the receipt of sale `number` by SMS to `phone`; `sent` false when this number already has it. */
export async function textReceipt(input: { number: string; phone: string; staff: Staff }): Promise<{ to: string; sent: boolean }> {
  const to = normalizeE164(input.phone);
  if (!to) throw new Refusal(400, PHONE_HELP, "phone");
  const sale = await getSale(input.number);
  if (!sale) throw new Refusal(404, `There is no store sale ${input.number}.`);
  const id = await db.transaction((tx) =>
    queueReceiptSms(tx, {
      to,
      store: STORE_NAME,
      number: sale.order.number,
      soldAt: sale.order.placedAt,
      pieces: sale.lines.reduce((sum, l) => sum + l.quantity, 0),
      total: sale.order.total,
      currency: sale.order.currency,
      tenders: sale.tenders,
      actor: actorOf(input.staff),
    }),
  );
  return { to, sent: id !== null };
}
