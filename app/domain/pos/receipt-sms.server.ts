/**
 * A store receipt by text message, to the number the shopper gives at the counter: through the
 * messaging outbox (queued with its send job in one transaction, audited), once per sale and number.
 */
import { audit } from "~/domain/audit/index.server";
import { queueSms } from "~/domain/messaging/index.server";
import { receiptSmsText } from "~/domain/messaging";
import { db } from "~/lib/db.server";
import { normalizeE164 } from "~/lib/phone";
import { Refusal } from "~/lib/refusal";
import { FLAGSHIP_TIME_ZONE } from "~/lib/time";
import type { Staff } from "~/domain/accounts/index.server";
import { getSale, STORE_NAME } from "./sales.server";
import { actorOf } from "./staff.server";
import { cardLabel } from "./tender";

export const PHONE_HELP = "Enter the customer's mobile number with its area code, like (415) 555-0100, or + and the country code.";

/** Queues the receipt of sale `number` by SMS to `phone`; `sent` false when this number already has it. */
export async function textReceipt(input: { number: string; phone: string; staff: Staff }): Promise<{ to: string; sent: boolean }> {
  const to = normalizeE164(input.phone);
  if (!to) throw new Refusal(400, PHONE_HELP, "phone");
  const sale = await getSale(input.number);
  if (!sale) throw new Refusal(404, `There is no store sale ${input.number}.`);
  const paid = sale.tenders.filter((t) => t.amount > 0);
  const kinds = [...new Set(paid.map((t) => (t.kind === "card" ? cardLabel(t.cardBrand, t.cardLast4) : "cash")))];
  const text = receiptSmsText({
    store: STORE_NAME,
    number: sale.order.number,
    day: sale.order.placedAt.toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: FLAGSHIP_TIME_ZONE }),
    pieces: sale.lines.reduce((sum, l) => sum + l.quantity, 0),
    total: sale.order.total,
    currency: sale.order.currency,
    paidBy: kinds.length ? kinds.join(" and ") : null,
  });
  return db.transaction(async (tx) => {
    const id = await queueSms(tx, { to, text, template: "pos-receipt", dedupeKey: `pos-receipt-sms:${sale.order.number}:${to}` });
    if (id !== null)
      await audit(tx, {
        actor: actorOf(input.staff),
        action: "pos.receipt_texted",
        subject: `order:${sale.order.number}`,
        data: { to, outboxId: id },
      });
    return { to, sent: id !== null };
  });
}
