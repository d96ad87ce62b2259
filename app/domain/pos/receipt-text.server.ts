/**
 * The text receipt's words and its place in the outbox: queued in the caller's transaction — the
 * sale's own when the cashier types a number at the register, so a sale and its receipt are written
 * together or not at all — audited, once per sale and number.
 */
import { audit } from "~/domain/audit/index.server";
import { receiptSmsText } from "~/domain/messaging";
import { queueSms } from "~/domain/messaging/index.server";
import type { Executor } from "~/lib/db.server";
import { FLAGSHIP_TIME_ZONE } from "~/lib/time";
import { paidByWords, type ReceiptTender } from "./tender";

export type ReceiptSms = {
  /** The number in E.164, already checked. */
  to: string;
  store: string;
  number: string;
  soldAt: Date;
  pieces: number;
  total: number;
  currency: string;
  tenders: ReceiptTender[];
  actor: string;
};

/** Queues sale `number`'s receipt by SMS in `tx`; the outbox row's id, or null when this number already has it. */
export async function queueReceiptSms(tx: Executor, r: ReceiptSms): Promise<number | null> {
  const text = receiptSmsText({
    store: r.store,
    number: r.number,
    day: r.soldAt.toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: FLAGSHIP_TIME_ZONE }),
    pieces: r.pieces,
    total: r.total,
    currency: r.currency,
    paidBy: paidByWords(r.tenders),
  });
  const id = await queueSms(tx, { to: r.to, text, template: "pos-receipt", dedupeKey: `pos-receipt-sms:${r.number}:${r.to}` });
  if (id !== null)
    await audit(tx, { actor: r.actor, action: "pos.receipt_texted", subject: `order:${r.number}`, data: { to: r.to, outboxId: id } });
  return id;
}
