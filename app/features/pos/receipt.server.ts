/** The receipt page: the sale as the page shows it, and a counter return against it. */
import { data } from "@remix-run/node";
import type { Staff } from "~/domain/accounts/index.server";
import { cardLabel, exchangeDifferenceSchema, returnLinesOf, returnSchema } from "~/domain/pos";
import { type getSale, recordReturn, textReceipt } from "~/domain/pos/index.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { Refusal } from "~/lib/refusal";
import { parseWith } from "~/lib/validation";
import { reasonLabel } from "~/domain/returns";

type Sale = NonNullable<Awaited<ReturnType<typeof getSale>>>;

/** What the receipt shows of a sale (times as ISO strings). */
export function receiptView(sale: Sale) {
  const { order } = sale;
  return {
    cashier: sale.cashier,
    order: {
      number: order.number,
      placedAt: order.placedAt.toISOString(),
      email: order.email,
      currency: order.currency,
      status: order.status,
      paymentStatus: order.paymentStatus,
      subtotal: order.subtotal,
      discountTotal: order.discountTotal,
      taxTotal: order.taxTotal,
      total: order.total,
      shippingAddress: order.shippingAddress,
    },
    lines: sale.lines.map((l) => ({
      id: l.id,
      title: l.title,
      sku: l.sku,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discount: l.discount,
      total: l.total,
      taken: l.taken,
      returned: l.returned,
      exchanged: l.exchanged,
      returnable: l.returnable,
      requests: l.requests,
    })),
    tenders: sale.tenders.map((t) => ({
      id: t.id,
      kind: t.kind,
      amount: t.amount,
      cashGiven: t.cashGiven,
      changeDue: t.changeDue,
      card: t.kind === "card" ? cardLabel(t.cardBrand, t.cardLast4) : t.kind === "gift_card" ? `Gift card ····${t.cardLast4 ?? ""}` : null,
      returnId: t.returnId,
      createdAt: t.createdAt.toISOString(),
    })),
    returns: sale.returns.map((r) => ({
      id: r.id,
      amount: r.amount,
      returnNumber: r.returnNumber,
      exchangeNumber: r.exchangeNumber,
      taken: sale.tenders.filter((t) => t.returnId === r.id && t.amount > 0).reduce((sum, t) => sum + t.amount, 0),
      reason: reasonLabel(r.reason),
      note: r.note,
      createdAt: r.createdAt.toISOString(),
    })),
    refunded: sale.refunded,
    soldCards: sale.soldCards.map((c) => ({ id: c.id, last4: c.last4, amount: c.initialAmount, balance: c.balance })),
  };
}

export type ReceiptView = ReturnType<typeof receiptView>;

/** What the cashier typed, given back with a refusal so the form keeps it. */
function kept(form: FormData) {
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries())
    if (typeof value === "string" && /^(return|swap)-\d+$|^(reason|note|differenceMode|cashGiven)$/.test(name))
      fields[name] = value.slice(0, 300);
  return fields;
}

export async function returnAction(request: Request, form: FormData, number: string, staff: Staff) {
  const fields = kept(form);
  const parsed = parseWith(returnSchema, form);
  if (!parsed.ok) return data({ message: Object.values(parsed.errors)[0] ?? "Check the return.", fields }, { status: 400 });
  const lines = returnLinesOf(form);
  if (!lines.ok) return data({ message: lines.message, fields }, { status: 422 });
  const difference = parseWith(exchangeDifferenceSchema, form);
  if (!difference.ok) return data({ message: Object.values(difference.errors)[0] ?? "Check the difference.", fields }, { status: 400 });
  const { differenceMode, cashGiven } = difference.data;
  try {
    const done = await recordReturn({
      number,
      key: parsed.data.key,
      reason: parsed.data.reason,
      note: parsed.data.note,
      lines: lines.lines,
      difference: differenceMode ? { mode: differenceMode, cashGiven } : null,
      staff,
    });
    return redirectWithFlash(request, `/pos/sales/${number}`, { kind: "success", message: done.message });
  } catch (error) {
    if (error instanceof Refusal) return data({ message: error.message, fields }, { status: error.status });
    throw error;
  }
}

/** Texts the receipt to the number typed at the counter; the answer says where it went, or what to fix. */
export async function textReceiptAction(request: Request, form: FormData, number: string, staff: Staff) {
  const phone = String(form.get("phone") ?? "").slice(0, 40);
  try {
    const done = await textReceipt({ number, phone, staff });
    return redirectWithFlash(request, `/pos/sales/${number}`, {
      kind: "success",
      message: done.sent ? `Receipt texted to ${done.to}.` : `The receipt was already texted to ${done.to}.`,
    });
  } catch (error) {
    if (error instanceof Refusal) return data({ intent: "text-receipt" as const, message: error.message, phone }, { status: error.status });
    throw error;
  }
}
