/**
 * The rules of returns and exchanges, pure (no I/O): the return window, what a returned piece is
 * worth (its share of the order's discounts and tax), which step may follow which, and the forms.
 * returns.server.ts applies them inside one transaction per step.
 */
import { z } from "zod";
import { listPage } from "~/lib/fields";
import { HIDDEN_CHARACTER_MESSAGE, isVisibleText } from "~/lib/input-rules";

// ---------------------------------------------------------------- reasons

export const RETURN_REASONS = [
  { value: "changed_mind", label: "Change of mind", fault: false },
  { value: "size", label: "Wrong size or fit", fault: false },
  { value: "not_as_pictured", label: "Not as pictured or described", fault: false },
  { value: "late", label: "Arrived too late", fault: false },
  { value: "damaged", label: "Arrived damaged", fault: true },
  { value: "faulty", label: "Faulty or broke in use", fault: true },
  { value: "other", label: "Another reason", fault: false },
] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number]["value"];
export const RETURN_REASON_VALUES = RETURN_REASONS.map((r) => r.value) as [ReturnReason, ...ReturnReason[]];
const REASON_VALUES = RETURN_REASON_VALUES;

export function reasonLabel(reason: string): string {
  return RETURN_REASONS.find((r) => r.value === reason)?.label ?? reason;
}

// ---------------------------------------------------------------- policy

export type ReturnPolicy = {
  /** Days from delivery a piece from stock may be returned. */
  windowDays: number;
  /** Made-to-order pieces: returnable like the rest, only exchanged, or final sale. */
  madeToOrder: "returnable" | "exchange_only" | "final_sale";
  /** Their own window, days from delivery. */
  madeToOrderWindowDays: number;
  /** When the money goes back: as soon as the hub has the parcel, or once QC has looked at it. */
  refundOn: "receipt" | "qc";
};

export const DEFAULT_RETURN_POLICY: ReturnPolicy = {
  windowDays: 30,
  madeToOrder: "exchange_only",
  madeToOrderWindowDays: 30,
  refundOn: "qc",
};

export const policySchema = z.object({
  windowDays: z.coerce
    .number({ invalid_type_error: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(0, "Enter 0 or more days.")
    .max(365, "At most 365 days."),
  madeToOrder: z.enum(["returnable", "exchange_only", "final_sale"], { errorMap: () => ({ message: "Choose a rule." }) }),
  madeToOrderWindowDays: z.coerce
    .number({ invalid_type_error: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(0, "Enter 0 or more days.")
    .max(365, "At most 365 days."),
  refundOn: z.enum(["receipt", "qc"], { errorMap: () => ({ message: "Choose when refunds are issued." }) }),
});

/** A stored policy (settings JSON) read safely: anything malformed falls back to the defaults. */
export function readPolicy(value: unknown): ReturnPolicy {
  const parsed = policySchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_RETURN_POLICY;
}

// ---------------------------------------------------------------- window

const DAY = 86_400_000;

export type WindowCheck =
  | { open: true; closesAt: Date; resolutions: Array<"refund" | "exchange"> }
  | { open: false; message: string; closesAt: Date | null };

/**
 * May a piece be returned now? The clock starts at delivery (nothing is returnable before it
 * arrives) and runs `windowDays` (made-to-order pieces: their own rule).
 */
export function returnWindow(input: { deliveredAt: Date | null; now: Date; madeToOrder: boolean; policy: ReturnPolicy }): WindowCheck {
  const { policy } = input;
  if (!input.deliveredAt) return { open: false, message: "Pieces can be returned once they have been delivered.", closesAt: null };
  if (input.madeToOrder && policy.madeToOrder === "final_sale") {
    return { open: false, message: "Made-to-order pieces are made for you by hand and can't be returned.", closesAt: null };
  }
  const days = input.madeToOrder ? policy.madeToOrderWindowDays : policy.windowDays;
  const closesAt = new Date(input.deliveredAt.getTime() + days * DAY);
  if (input.now.getTime() > closesAt.getTime()) {
    return {
      open: false,
      message: `The ${days}-day return window closed on ${closesAt.toISOString().slice(0, 10)}.`,
      closesAt,
    };
  }
  const resolutions: Array<"refund" | "exchange"> =
    input.madeToOrder && policy.madeToOrder === "exchange_only" ? ["exchange"] : ["refund", "exchange"];
  return { open: true, closesAt, resolutions };
}

// ---------------------------------------------------------------- amounts

/** `total` is after the line's own `discount` (a register line discount; an exchange's rest of the price). */
export type PricedLine = { id: number; quantity: number; total: number; discount?: number };
export type PricedOrder = { discountTotal: number; taxTotal: number; lines: readonly PricedLine[] };
export type LineValue = { id: number; quantity: number; goods: number; tax: number };

/**
 * Splits `total` over `weights` in proportion, in whole minor units that sum exactly to `total`
 * (largest remainder; ties to the earlier weight).
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const exact = weights.map((w) => (total * w) / sum);
  const floors = exact.map(Math.floor);
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] += 1;
    left -= 1;
  }
  return floors;
}

/**
 * What each line was really paid: its total less its share of the order's discount (by line total),
 * and its share of the tax (by what was taxed: goods after discount). Shipping stays with the order.
 * The register's orders (sales and counter exchanges) count their lines' discounts in the order's
 * discount total too; those are in the line totals already, so only the rest is shared out (a web
 * exchange's order carries its discount on its lines alone: nothing is left to share).
 */
export function lineValues(order: PricedOrder): LineValue[] {
  const onLines = order.lines.reduce((sum, l) => sum + (l.discount ?? 0), 0);
  const discounts = apportion(
    Math.max(0, order.discountTotal - onLines),
    order.lines.map((l) => l.total),
  );
  const goods = order.lines.map((l, i) => l.total - discounts[i]);
  const taxes = apportion(order.taxTotal, goods);
  return order.lines.map((l, i) => ({ id: l.id, quantity: l.quantity, goods: goods[i], tax: taxes[i] }));
}

/** The part of `value` that units before+1 … before+quantity carry: every unit of a line returned adds up to exactly `value`. */
export function unitsShare(value: number, lineQuantity: number, before: number, quantity: number): number {
  const upTo = (n: number) => Math.floor((value * n) / lineQuantity);
  return upTo(before + quantity) - upTo(before);
}

/** The refund for returning `quantity` more units of a line when `before` units of it were returned already. */
export function returnLineAmount(line: LineValue, before: number, quantity: number): number {
  return unitsShare(line.goods, line.quantity, before, quantity) + unitsShare(line.tax, line.quantity, before, quantity);
}

/**
 * An exchange for another size or finish (docs/decisions/0020-returns.md): the new piece is priced
 * at its own price on the same terms as the one sent back (the same share of the order's discount,
 * the same tax rate), so what comes back is the returned pieces' worth `value` less the new pieces'
 * worth on those terms, `value × newPrice / paidPrice` rounded to the nearest minor unit. A piece
 * that costs more than the one paid for is not an exchange (null): the shopper returns it for a
 * refund and orders the other. The same price (or the same piece again) brings back nothing.
 */
export function exchangeDifference(value: number, paidUnitPrice: number, newUnitPrice: number): number | null {
  if (newUnitPrice > paidUnitPrice) return null;
  if (newUnitPrice === paidUnitPrice || paidUnitPrice <= 0) return 0;
  return value - Math.round((value * newUnitPrice) / paidUnitPrice);
}

/**
 * An exchange for a dearer piece: what the shopper pays on top, on the same terms as the cheaper
 * case — the new pieces' worth `value × newPrice / paidPrice` (the same share of the order's
 * discount, the same tax rate, in the order's currency) less what the returned ones were worth,
 * rounded to the nearest minor unit. Nothing at the same price or less.
 */
export function exchangeDue(value: number, paidUnitPrice: number, newUnitPrice: number): number {
  if (newUnitPrice <= paidUnitPrice || paidUnitPrice <= 0) return 0;
  return Math.round((value * newUnitPrice) / paidUnitPrice) - value;
}

/** Days an unpaid difference is held before the return lapses (nothing is reserved meanwhile). */
export const EXCHANGE_PAYMENT_DAYS = 3;
/** Days a started return may take to reach the hub before it lapses (a paid difference goes back). */
export const RETURN_ARRIVAL_DAYS = 45;

/** Never more than was paid minus what went back already. */
/**
 * What a web exchange's own order is worth, line by line (docs/decisions/0020): together, what the
 * shopper paid for the new pieces — the returned units' worth `value`, less the cheaper difference
 * given back, plus the dearer difference paid (`total`, fixed when the return started) — each line by
 * its own rule (`exchangeDifference` / `exchangeDue` on today's price, the largest remainder making
 * the lines add up to `total` exactly). Each line's tax is its worth at the returned units' tax rate;
 * the rest of the new piece's price is the line's discount. A later return of the piece refunds this.
 */
export function exchangeWorths(
  total: number,
  lines: ReadonlyArray<{
    value: number;
    taxRate: { tax: number; of: number };
    paidUnitPrice: number;
    newUnitPrice: number;
    quantity: number;
  }>,
): Array<{ worth: number; tax: number; discount: number }> {
  const natural = lines.map(
    (l) =>
      l.value - (exchangeDifference(l.value, l.paidUnitPrice, l.newUnitPrice) ?? 0) + exchangeDue(l.value, l.paidUnitPrice, l.newUnitPrice),
  );
  const worths = apportion(Math.max(0, total), natural);
  return lines.map((l, i) => {
    const worth = worths[i];
    let tax = l.taxRate.of > 0 ? Math.round((worth * l.taxRate.tax) / l.taxRate.of) : 0;
    const gross = l.newUnitPrice * l.quantity;
    const discount = Math.max(0, gross - (worth - tax));
    tax = worth - (gross - discount);
    return { worth, tax, discount };
  });
}

export function capRefund(amount: number, { paid, refunded }: { paid: number; refunded: number }): number {
  return Math.max(0, Math.min(amount, paid - refunded));
}

// ---------------------------------------------------------------- steps

export type ReturnStatus = "awaiting_payment" | "requested" | "received" | "inspected" | "closed" | "cancelled";

export function receiveRefusal(number: string, status: ReturnStatus): string | null {
  if (status === "requested" || status === "received") return null;
  if (status === "awaiting_payment")
    return `${number} is an exchange whose difference hasn't been paid yet, so nothing should have been sent.`;
  if (status === "cancelled") return `${number} was cancelled; nothing is expected back.`;
  return `${number} has already been received and checked.`;
}

export function inspectRefusal(number: string, status: ReturnStatus): string | null {
  if (status === "received") return null;
  if (status === "requested" || status === "awaiting_payment") return `${number} hasn't been received yet. Receive the parcel first.`;
  if (status === "cancelled") return `${number} was cancelled.`;
  return `${number} has already been checked.`;
}

export function cancelRefusal(number: string, status: ReturnStatus): string | null {
  if (status === "requested" || status === "awaiting_payment") return null;
  if (status === "cancelled") return `${number} is already cancelled.`;
  return `${number} has already reached the hub, so it can't be cancelled.`;
}

/**
 * The shopper's view of a return: each step done, the next one (what the return waits for now), or
 * still to come. Pages say the state in words as well as the dot's look (text, not colour alone).
 */
export type StepState = "done" | "next" | "upcoming";
export type ReturnStep = { key: string; label: string; at: string | null; done: boolean; state: StepState };

/** The first step not done is the next one; every step after it is still to come. */
export function stepStates<S extends { done: boolean }>(steps: readonly S[]): Array<S & { state: StepState }> {
  const next = steps.findIndex((s) => !s.done);
  return steps.map((s, i) => ({ ...s, state: s.done ? "done" : i === next ? "next" : "upcoming" }));
}

export const STEP_STATE_WORDS: Record<StepState, string> = { done: "Done", next: "Next", upcoming: "To come" };

export function returnSteps(r: {
  status: ReturnStatus;
  resolution: "refund" | "exchange";
  createdAt: string;
  receivedAt: string | null;
  inspectedAt: string | null;
  refundedAt: string | null;
  closedAt: string | null;
  cancelledAt: string | null;
  exchangeNumber: string | null;
  /** An exchange for a cheaper piece: the difference that goes back. */
  amount?: number;
  /** An exchange for a dearer piece: the difference the shopper pays, and when it was paid. */
  due?: number;
  duePaidAt?: string | null;
  dueState?: string;
}): ReturnStep[] {
  const paying = (r.due ?? 0) > 0;
  const steps: Array<Omit<ReturnStep, "state">> = [
    { key: "requested", label: "Return started", at: r.createdAt, done: true },
    ...(paying ? [{ key: "paid", label: "Difference paid", at: r.duePaidAt ?? null, done: Boolean(r.duePaidAt) }] : []),
    { key: "received", label: "Received at our Nairobi hub", at: r.receivedAt, done: Boolean(r.receivedAt) },
    { key: "inspected", label: "Checked by our quality team", at: r.inspectedAt, done: Boolean(r.inspectedAt) },
  ];
  if (r.resolution === "refund") steps.push({ key: "refunded", label: "Refund issued", at: r.refundedAt, done: Boolean(r.refundedAt) });
  else
    steps.push({
      key: "exchanged",
      label: r.exchangeNumber ? `Exchange placed as order ${r.exchangeNumber}` : "Exchange placed",
      at: r.exchangeNumber ? r.closedAt : null,
      done: Boolean(r.exchangeNumber),
    });
  if (r.resolution === "exchange" && (r.amount ?? 0) > 0) {
    steps.push({ key: "refunded", label: "Difference refunded", at: r.refundedAt, done: Boolean(r.refundedAt) });
  }
  if (r.status === "cancelled")
    return stepStates([steps[0], { key: "cancelled", label: "Return cancelled", at: r.cancelledAt, done: true }]);
  return stepStates(steps);
}

export const STATUS_WORDS: Record<ReturnStatus, string> = {
  awaiting_payment: "Awaiting payment",
  requested: "On its way to us",
  received: "Received, awaiting QC",
  inspected: "Checked",
  closed: "Closed",
  cancelled: "Cancelled",
};

// ---------------------------------------------------------------- forms

const KEY_MESSAGE = "This form is out of date. Reload the page and try again.";

/** The shopper's form: one `qty-<orderLineId>` field per piece (and `swap-<orderLineId>` for an exchange), read by `readReturnLines`. */
export const startReturnSchema = z.object({
  reason: z.enum(REASON_VALUES, { errorMap: () => ({ message: "Choose a reason." }) }),
  note: z.string().trim().max(1000, "Keep the note under 1,000 characters.").refine(isVisibleText, HIDDEN_CHARACTER_MESSAGE).default(""),
  resolution: z.enum(["refund", "exchange"], { errorMap: () => ({ message: "Choose a refund or an exchange." }) }),
  refundMethod: z
    .enum(["original", "store_credit"], {
      errorMap: () => ({ message: "Choose where the money goes: the card you paid with or store credit." }),
    })
    .default("original"),
  key: z.string({ required_error: KEY_MESSAGE }).uuid(KEY_MESSAGE),
});

export type WantedLine = { orderLineId: number; quantity: number; exchangeVariantId: number | null };

/** The chosen pieces from the form's `qty-<id>` / `swap-<id>` fields; malformed fields are an error, not a guess. */
export function readReturnLines(fields: Iterable<[string, unknown]>): { ok: true; lines: WantedLine[] } | { ok: false; message: string } {
  const byLine = new Map<number, WantedLine>();
  for (const [name, raw] of fields) {
    const m = /^(qty|swap)-(\d{1,9})$/.exec(name);
    if (!m) continue;
    const id = Number(m[2]);
    const value = typeof raw === "string" ? raw.trim() : "";
    const line = byLine.get(id) ?? { orderLineId: id, quantity: 0, exchangeVariantId: null };
    if (m[1] === "qty") {
      if (value === "") continue;
      if (!/^\d{1,3}$/.test(value)) return { ok: false, message: "Enter how many of each piece to return (a whole number)." };
      line.quantity = Number(value);
    } else if (value !== "") {
      if (!/^\d{1,9}$/.test(value)) return { ok: false, message: "Choose the piece you want instead from the list." };
      line.exchangeVariantId = Number(value);
    }
    byLine.set(id, line);
  }
  const lines = [...byLine.values()].filter((l) => l.quantity > 0);
  if (lines.length === 0) return { ok: false, message: "Choose at least one piece to return." };
  return { ok: true, lines };
}

export const inspectFormSchema = z.object({
  intent: z.literal("inspect"),
});

type DispositionChoice = "restock" | "rework" | "write_off" | "not_ours";

/**
 * One QC decision per return line: `do-<lineId>` = restock | rework | write_off | not_ours,
 * `fault-<lineId>` = a defect code or empty. "Not ours" fails the return as a whole, so it is every
 * piece or none.
 */
export function readDispositions(
  fields: Iterable<[string, unknown]>,
  lineIds: readonly number[],
):
  | { ok: true; lines: Array<{ returnLineId: number; disposition: DispositionChoice; fault: string | null }> }
  | { ok: false; message: string } {
  const map = new Map<string, string>();
  for (const [k, v] of fields) if (typeof v === "string") map.set(k, v.trim());
  const lines: Array<{ returnLineId: number; disposition: DispositionChoice; fault: string | null }> = [];
  for (const id of lineIds) {
    const d = map.get(`do-${id}`);
    if (d !== "restock" && d !== "rework" && d !== "write_off" && d !== "not_ours")
      return { ok: false, message: "Say what becomes of each piece." };
    const fault = map.get(`fault-${id}`) ?? "";
    if (fault.length > 200) return { ok: false, message: "Keep the fault under 200 characters." };
    if (d === "rework" && !fault) return { ok: false, message: "A piece sent to rework needs the fault QC found." };
    lines.push({ returnLineId: id, disposition: d, fault: fault || null });
  }
  const notOurs = lines.filter((l) => l.disposition === "not_ours").length;
  if (notOurs > 0 && notOurs < lines.length) {
    return { ok: false, message: 'A parcel with pieces that aren\'t ours is rejected whole: mark every piece "not ours", or check each.' };
  }
  return { ok: true, lines };
}

export const QUEUE_STATUSES = ["awaiting_payment", "requested", "received", "inspected", "closed", "cancelled"] as const;

const blankIsAll = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
/** The returns queue's filters from its address: a value it doesn't know is a 400 saying which, as /ops/orders answers. */
export const queueQuerySchema = z.object({
  status: z.preprocess(blankIsAll, z.enum(["all", ...QUEUE_STATUSES], { message: "Unknown status filter." }).default("all")),
  reason: z.preprocess(blankIsAll, z.enum(["all", ...REASON_VALUES], { message: "Unknown reason filter." }).default("all")),
  channel: z.preprocess(blankIsAll, z.enum(["all", "web", "pos"], { message: "Unknown channel filter." }).default("all")),
  page: listPage({ max: 10_000 }),
});
export type QueueQuery = z.infer<typeof queueQuerySchema>;

/** RT-20001 from what was typed or scanned ("rt20001", " RT-20001 "), or null when it can't be one. */
export function normalizeReturnNumber(raw: string): string | null {
  const m = /^\s*RT-?(\d{1,9})\s*$/i.exec(raw);
  return m ? `RT-${m[1]}` : null;
}

// ---------------------------------------------------------------- the money returns moved

/**
 * What a return moved, as the ledger booked it: money back to the payment (card, or the register's
 * tender), back onto a gift card (store credit, or the card that paid), and an exchange's
 * difference — received for a dearer piece, sent back for a cheaper one (or a paid difference
 * refunded because the exchange failed). Disjoint: every ledger entry of a return is one of these.
 */
export const MONEY_KINDS = [
  { value: "refund_payment", label: "Refunds to the payment", direction: "out" },
  { value: "refund_gift_card", label: "Refunds as store credit (gift cards)", direction: "out" },
  { value: "difference_received", label: "Exchange differences received", direction: "in" },
  { value: "difference_refunded", label: "Exchange differences refunded", direction: "out" },
] as const;
export type MoneyKind = (typeof MONEY_KINDS)[number]["value"];

export function moneyKindLabel(kind: string): string {
  return MONEY_KINDS.find((k) => k.value === kind)?.label ?? kind;
}

/** The report's default period: the last 30 days, today (on the factory's clock) included. */
export const MONEY_PERIOD_DAYS = 30;
/** The longest period one report (and its CSV) covers. */
export const MONEY_PERIOD_MAX_DAYS = 731;

export type MoneyPeriod = { from: string; to: string };

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const isoOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
const realDay = (v: string | undefined) => (v && isoDay.test(v) && isoOf(dayNumber(v)) === v ? v : undefined);

/**
 * The period from the address (`from`, `to`: calendar days on the factory's clock, both included).
 * Missing ends take the last 30 days up to `today`; a bad date, an end before the start or a
 * period longer than two years is refused with the default period and a message saying why.
 */
export function readMoneyPeriod(params: URLSearchParams, today: string): { period: MoneyPeriod; error: string | null } {
  const fallback = { from: isoOf(dayNumber(today) - (MONEY_PERIOD_DAYS - 1)), to: today };
  const rawFrom = params.get("from")?.trim() || undefined;
  const rawTo = params.get("to")?.trim() || undefined;
  const from = realDay(rawFrom);
  const to = realDay(rawTo);
  if ((rawFrom && !from) || (rawTo && !to)) {
    return { period: fallback, error: "Use dates like 2026-11-25. Showing the last 30 days." };
  }
  const end = to ?? (from && from > today ? from : today);
  const start = from ?? isoOf(dayNumber(end) - (MONEY_PERIOD_DAYS - 1));
  if (start > end) return { period: fallback, error: "The start date is after the end date. Showing the last 30 days." };
  if (dayNumber(end) - dayNumber(start) + 1 > MONEY_PERIOD_MAX_DAYS) {
    return { period: fallback, error: "Choose at most two years at a time. Showing the last 30 days." };
  }
  return { period: { from: start, to: end }, error: null };
}

export type MoneyTotalRow = {
  shopperCurrency: string;
  kind: MoneyKind;
  entries: number;
  shopperAmount: number;
  booked: number;
  bookedCurrency: string;
};

/**
 * The report's totals grouped by the shopper's currency, each kind in MONEY_KINDS order, with the
 * net (what came in less what went back: negative when returns cost money) in the shopper's money
 * and per booked currency (a card's money is booked in USD, a gift card's in its own currency).
 */
export function moneyByCurrency(totals: readonly MoneyTotalRow[]) {
  const currencies = [...new Set(totals.map((t) => t.shopperCurrency))].sort();
  return currencies.map((currency) => {
    const mine = totals.filter((t) => t.shopperCurrency === currency);
    const rows = MONEY_KINDS.flatMap((k) =>
      mine.filter((t) => t.kind === k.value).sort((a, b) => a.bookedCurrency.localeCompare(b.bookedCurrency)),
    );
    const sign = (kind: MoneyKind) => (MONEY_KINDS.find((k) => k.value === kind)?.direction === "in" ? 1 : -1);
    const booked = new Map<string, number>();
    for (const row of rows) booked.set(row.bookedCurrency, (booked.get(row.bookedCurrency) ?? 0) + sign(row.kind) * row.booked);
    return {
      currency,
      rows,
      net: {
        shopperAmount: rows.reduce((sum, row) => sum + sign(row.kind) * row.shopperAmount, 0),
        booked: [...booked]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([bookedCurrency, amount]) => ({ currency: bookedCurrency, amount })),
      },
    };
  });
}
