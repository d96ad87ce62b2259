/**
 * Double-entry rules, pure (no I/O), so they are unit-tested in milliseconds.
 *
 * SIGN CONVENTION: a line's amount is signed minor units — positive is a DEBIT, negative a CREDIT.
 * An entry's lines sum to zero per currency. An account's balance is the sum of its lines, so:
 *   - soko:production_cost (an expense) grows positive as QC-passed work is credited;
 *   - artisan:<id>:payable (what Soko owes the artisan, a liability) is NEGATIVE while money is owed.
 *     The artisan sees `owedToArtisan(balance) = -balance`, a positive number;
 *   - soko:mpesa_clearing holds money on its way through M-Pesa (negative while a payout is in flight);
 *   - soko:cash (the M-Pesa B2C float) goes negative as payouts settle.
 * The sum of every account's balance is therefore always zero (the trial balance).
 */
import { toSettlement } from "~/domain/markets";

export type LedgerAccountKind =
  | "artisan_payable"
  | "production_cost"
  | "payout_clearing"
  | "cash"
  | "gift_card_liability"
  | "receipts"
  | "sales"
  | "sales_returns"
  | "breakage"
  | "refunds_paid"
  | "receivables"
  | "fx_clearing";

/**
 * `presentment`: booked in `currency` (the settlement currency, USD) for money that moved in another
 * (a GBP refund): what moved, kept beside the line (docs/decisions/0021).
 */
export type LedgerLineInput = { accountCode: string; amount: number; currency: string; presentment?: { amount: number; currency: string } };

export type LedgerEntryInput = {
  /** What kind of fact: "qc_credit", "payout", "payout_settled", "payout_reversed". */
  kind: string;
  /** Unique per fact ("qc:<inspectionId>", "payout:<id>"): posting it twice records it once. */
  reference: string;
  memo?: string;
  lines: LedgerLineInput[];
};

export class UnbalancedEntryError extends Error {}

export const ACCOUNT_CODES = {
  productionCost: "soko:production_cost",
  mpesaClearing: "soko:mpesa_clearing",
  cash: "soko:cash",
  artisanPayable: (artisanId: number) => `artisan:${artisanId}:payable`,
  /** What Soko owes gift card and store credit holders (a liability: negative while cards hold value), one per currency. */
  giftCardLiability: (currency: string) => `soko:gift_card_liability:${currency}`,
  /** Money taken from shoppers for gift cards (card or cash) — the other side of a card sold, one per currency. */
  giftCardReceipts: (currency: string) => `soko:gift_card_receipts:${currency}`,
  /** Sales paid with gift cards: credited when a card pays for an order, debited when it is refunded to one; per currency. */
  giftCardSales: (currency: string) => `soko:gift_card_sales:${currency}`,
  /** Refunds given as store credit instead of money (a contra-revenue account), one per currency. */
  storeCreditRefunds: (currency: string) => `soko:store_credit_refunds:${currency}`,
  /** Balances that expired (only cards issued with an expiry, where the law allows one: docs/decisions/0016); per currency. */
  giftCardBreakage: (currency: string) => `soko:gift_card_breakage:${currency}`,
  /** Sales given back for returned pieces refunded to the original payment (contra-revenue, grows positive), one per currency. */
  salesReturns: (currency: string) => `soko:sales_returns:${currency}`,
  /** Money sent back to shoppers through the card provider (goes negative as refunds settle), one per currency. */
  refundsPaid: (currency: string) => `soko:refunds_paid:${currency}`,
  /** What retailers owe on their wholesale invoices (an asset: positive while invoices are open), one per currency. */
  receivables: (currency: string) => `soko:receivables:${currency}`,
  /** Wholesale sales: invoiced on terms (portal or EDI), credited when the invoice is issued, or paid by card when placed; per currency. */
  wholesaleSales: (currency: string) => `soko:wholesale_sales:${currency}`,
  /** Money retailers paid: on their invoices (bank transfer or Stripe), or by card for an order when placed; per currency. */
  wholesaleReceipts: (currency: string) => `soko:wholesale_receipts:${currency}`,
  /** Card payments taken for retail sales (web checkout, register terminal), on their way from the card provider; per currency. */
  cardClearing: (currency: string) => `soko:card_clearing:${currency}`,
  /** Cash taken at the register for retail sales; per currency. */
  cashDrawer: (currency: string) => `soko:cash_drawer:${currency}`,
  /**
   * One side of a currency exchange inside an entry (docs/decisions/0028): where a fact is booked in
   * the settlement currency (USD) on one side and in a card's own currency on the other, the pair
   * `fx_clearing:USD` / `fx_clearing:<CUR>` carries it across, so every entry balances per currency.
   */
  fxClearing: (currency: string) => `soko:fx_clearing:${currency}`,
  /** Retail sales paid with money (web and register), gross of tax and shipping (docs/decisions/0022); per currency. */
  retailSales: (currency: string) => `soko:retail_sales:${currency}`,
} as const;

/** Throws UnbalancedEntryError unless the entry is well formed: lines present, integers, zero sum per currency. */
export function assertBalanced(entry: LedgerEntryInput): void {
  if (!entry.reference.trim()) throw new UnbalancedEntryError("A ledger entry needs a reference.");
  if (!entry.kind.trim()) throw new UnbalancedEntryError("A ledger entry needs a kind.");
  if (entry.lines.length < 2) throw new UnbalancedEntryError(`Entry ${entry.reference} needs at least two lines.`);
  const totals = new Map<string, number>();
  for (const line of entry.lines) {
    if (!Number.isSafeInteger(line.amount)) {
      throw new UnbalancedEntryError(`Entry ${entry.reference}: ${line.amount} is not a whole number of minor units.`);
    }
    if (line.amount === 0) throw new UnbalancedEntryError(`Entry ${entry.reference}: a line of zero moves nothing.`);
    if (!/^[A-Z]{3}$/.test(line.currency)) throw new UnbalancedEntryError(`Entry ${entry.reference}: bad currency ${line.currency}.`);
    if (!line.accountCode) throw new UnbalancedEntryError(`Entry ${entry.reference}: a line has no account.`);
    totals.set(line.currency, (totals.get(line.currency) ?? 0) + line.amount);
  }
  for (const [currency, total] of totals) {
    if (total !== 0) throw new UnbalancedEntryError(`Entry ${entry.reference} does not balance: ${total} ${currency}.`);
  }
}

/** A payable's internal balance (negative = owed) as the positive amount the artisan is owed. */
export function owedToArtisan(payableBalance: number): number {
  return payableBalance === 0 ? 0 : -payableBalance;
}

/** Debit production cost, credit the artisan: QC-passed units × piece rate. */
export function qcCreditEntry(input: {
  inspectionId: number;
  artisanId: number;
  units: number;
  pieceRate: number;
  currency: string;
  requestNumber?: string;
}): LedgerEntryInput {
  const amount = input.units * input.pieceRate;
  return {
    kind: "qc_credit",
    reference: `qc:${input.inspectionId}`,
    memo: `${input.requestNumber ?? `request`}: ${input.units} × ${input.pieceRate} ${input.currency}`,
    lines: [
      { accountCode: ACCOUNT_CODES.productionCost, amount, currency: input.currency },
      { accountCode: ACCOUNT_CODES.artisanPayable(input.artisanId), amount: -amount, currency: input.currency },
    ],
  };
}

/** Money leaves the artisan's balance the moment the payout is created, into clearing. */
export function payoutEntry(input: { payoutId: number; artisanId: number; amount: number; currency: string }): LedgerEntryInput {
  return {
    kind: "payout",
    reference: `payout:${input.payoutId}`,
    memo: `M-Pesa payout ${input.payoutId}`,
    lines: [
      { accountCode: ACCOUNT_CODES.artisanPayable(input.artisanId), amount: input.amount, currency: input.currency },
      { accountCode: ACCOUNT_CODES.mpesaClearing, amount: -input.amount, currency: input.currency },
    ],
  };
}

/** M-Pesa confirmed: clearing → cash (the B2C float). */
export function payoutSettledEntry(input: { payoutId: number; amount: number; currency: string; receipt: string }): LedgerEntryInput {
  return {
    kind: "payout_settled",
    reference: `payout:${input.payoutId}:settled`,
    memo: `M-Pesa ${input.receipt}`,
    lines: [
      { accountCode: ACCOUNT_CODES.mpesaClearing, amount: input.amount, currency: input.currency },
      { accountCode: ACCOUNT_CODES.cash, amount: -input.amount, currency: input.currency },
    ],
  };
}

/** M-Pesa refused: clearing → back to the artisan's balance. */
export function payoutReversedEntry(input: {
  payoutId: number;
  artisanId: number;
  amount: number;
  currency: string;
  reason: string;
}): LedgerEntryInput {
  return {
    kind: "payout_reversed",
    reference: `payout:${input.payoutId}:reversed`,
    memo: `Payout ${input.payoutId} failed: ${input.reason}`.slice(0, 500),
    lines: [
      { accountCode: ACCOUNT_CODES.mpesaClearing, amount: input.amount, currency: input.currency },
      { accountCode: ACCOUNT_CODES.artisanPayable(input.artisanId), amount: -input.amount, currency: input.currency },
    ],
  };
}

/** The gift card accounts (one of each per currency): their kind and readable name. */
const WHOLESALE_ACCOUNTS: Record<"receivables" | "wholesale_sales" | "wholesale_receipts", [LedgerAccountKind, string]> = {
  receivables: ["receivables", "Wholesale invoices receivable"],
  wholesale_sales: ["sales", "Wholesale sales"],
  wholesale_receipts: ["receipts", "Wholesale payments received"],
};

const RETAIL_ACCOUNTS: Record<"card_clearing" | "cash_drawer" | "retail_sales", [LedgerAccountKind, string]> = {
  card_clearing: ["receipts", "Card payments for retail sales"],
  cash_drawer: ["receipts", "Cash taken at the register"],
  retail_sales: ["sales", "Retail sales (web and register)"],
};

const GIFT_CARD_ACCOUNTS: Record<string, [LedgerAccountKind, string]> = {
  gift_card_liability: ["gift_card_liability", "Gift cards and store credit outstanding"],
  gift_card_receipts: ["receipts", "Gift cards sold (money taken)"],
  gift_card_sales: ["sales", "Sales paid with gift cards"],
  store_credit_refunds: ["sales_returns", "Refunds as store credit"],
  gift_card_breakage: ["breakage", "Expired gift card balances"],
};

/** Which kind of account a code names, and a readable name, for creating it on first use. */
export function describeAccount(code: string): {
  kind: LedgerAccountKind;
  name: string;
  artisanId: number | null;
} {
  const artisan = /^artisan:(\d+):payable$/.exec(code);
  if (artisan) return { kind: "artisan_payable", name: `Payable to artisan ${artisan[1]}`, artisanId: Number(artisan[1]) };
  if (code === ACCOUNT_CODES.productionCost) return { kind: "production_cost", name: "Production cost (QC-passed work)", artisanId: null };
  if (code === ACCOUNT_CODES.mpesaClearing) return { kind: "payout_clearing", name: "M-Pesa payouts in flight", artisanId: null };
  if (code === ACCOUNT_CODES.cash) return { kind: "cash", name: "M-Pesa B2C float", artisanId: null };
  const giftCards =
    /^soko:(gift_card_liability|gift_card_receipts|gift_card_sales|store_credit_refunds|gift_card_breakage):([A-Z]{3})$/.exec(code);
  if (giftCards) {
    const [kind, name] = GIFT_CARD_ACCOUNTS[giftCards[1] as keyof typeof GIFT_CARD_ACCOUNTS];
    return { kind, name: `${name} (${giftCards[2]})`, artisanId: null };
  }
  const returns = /^soko:(sales_returns|refunds_paid):([A-Z]{3})$/.exec(code);
  if (returns) {
    const kind = returns[1] as "sales_returns" | "refunds_paid";
    return { kind, name: `${kind === "sales_returns" ? "Sales returns" : "Refunds paid to cards"} (${returns[2]})`, artisanId: null };
  }
  const fx = /^soko:fx_clearing:([A-Z]{3})$/.exec(code);
  if (fx) return { kind: "fx_clearing", name: `Currency exchange clearing (${fx[1]})`, artisanId: null };
  const wholesale = /^soko:(receivables|wholesale_sales|wholesale_receipts):([A-Z]{3})$/.exec(code);
  if (wholesale) {
    const [kind, name] = WHOLESALE_ACCOUNTS[wholesale[1] as keyof typeof WHOLESALE_ACCOUNTS];
    return { kind, name: `${name} (${wholesale[2]})`, artisanId: null };
  }
  const retail = /^soko:(card_clearing|cash_drawer|retail_sales):([A-Z]{3})$/.exec(code);
  if (retail) {
    const [kind, name] = RETAIL_ACCOUNTS[retail[1] as keyof typeof RETAIL_ACCOUNTS];
    return { kind, name: `${name} (${retail[2]})`, artisanId: null };
  }
  throw new UnbalancedEntryError(`Unknown ledger account ${code}.`);
}

type RefundMoney = {
  orderNumber: string;
  amount: number;
  currency: string;
  /**
   * The order's settlement (a web order in another market's currency): booked in USD at the
   * order's rate, the refund's own amount and currency beside each line.
   */
  settlement?: { currency: string; ratePpm: number | null } | null;
};

/** Money sent back to a card: debit sales returns, credit refunds paid, at the order's own rate. */
function cardRefundEntry(kind: string, reference: string, memo: string, input: RefundMoney): LedgerEntryInput {
  const settled = input.settlement?.ratePpm && input.settlement.currency !== input.currency ? input.settlement : null;
  const currency = settled ? settled.currency : input.currency;
  const amount = settled ? toSettlement(input.amount, settled.ratePpm!) : input.amount;
  const presentment = settled ? { presentment: { amount: input.amount, currency: input.currency } } : {};
  return {
    kind,
    reference,
    memo,
    lines: [
      { accountCode: ACCOUNT_CODES.salesReturns(currency), amount, currency, ...presentment },
      {
        accountCode: ACCOUNT_CODES.refundsPaid(currency),
        amount: -amount,
        currency,
        ...(settled ? { presentment: { amount: -input.amount, currency: input.currency } } : {}),
      },
    ],
  };
}

/**
 * A return refunded to the original payment: debit sales returns, credit refunds paid through the
 * card provider (`return-refund:<returnNumber>`). Store credit is the gift cards' own entry (store
 * credit refunds → gift card liability), posted by issueStoreCredit. A refund split over several
 * payments that stopped part-way books what went out in the attempt that sent it; what a retry sends
 * later is its own entry, named by the latest refund it books (`return-refund:<returnNumber>:<refundId>`).
 */
export function returnRefundEntry(input: RefundMoney & { returnNumber: string; laterPart?: number }): LedgerEntryInput {
  const later = input.laterPart === undefined ? "" : `:${input.laterPart}`;
  return cardRefundEntry(
    "return_refund",
    `return-refund:${input.returnNumber}${later}`,
    `${input.returnNumber} (order ${input.orderNumber}) refunded to the original payment${later ? " (the rest, on a retry)" : ""}`,
    input,
  );
}

/**
 * A refund made from the console (alone or with a cancellation) back to the card that paid: the
 * same accounts as a return's refund, once per refund (`refund:<refundId>`). A gift card that paid
 * gets its balance back through the gift cards' own entry instead.
 */
export function orderRefundEntry(input: RefundMoney & { refundId: number; reason: string }): LedgerEntryInput {
  return cardRefundEntry(
    "order_refund",
    `refund:${input.refundId}`,
    `Order ${input.orderNumber} refunded to the card${input.reason ? `: ${input.reason}` : ""}`,
    input,
  );
}

/** How a retail order was paid with money: a card (web checkout or the register's terminal) or cash at the register. */
export type SaleTender = { kind: "card" | "cash"; amount: number };

/**
 * A paid retail order's sale (docs/decisions/0022), once per order (`sale:<orderNumber>`): debit what
 * came in (card clearing, the cash drawer), credit retail sales, gross of tax and shipping. Only
 * money: a gift card's part of the order was booked when it was redeemed (gift card liability →
 * gift card sales), and gift cards the order SOLD were booked when issued (gift card receipts →
 * liability), so their value comes off the tenders, in the order the tenders were taken. Null when
 * no money is left to book.
 *
 * An order in another market's currency is booked in the settlement currency (USD) at the order's
 * stored rate, what the shopper paid beside each line. Rounding: the sale is the money converted
 * once (so a card-only order books exactly its settlement total); each tender is converted on its
 * own and the largest tender line (the first on a tie) takes the cent the conversions differ by.
 */
export function saleEntry(input: {
  orderNumber: string;
  currency: string;
  tenders: SaleTender[];
  /** The order's gift card lines (cards it sold), in `currency`. */
  giftCardsSold?: number;
  settlement?: { currency: string; ratePpm: number | null } | null;
}): LedgerEntryInput | null {
  let cardsLeft = Math.max(0, input.giftCardsSold ?? 0);
  const byKind = new Map<SaleTender["kind"], number>();
  for (const tender of input.tenders) {
    const off = Math.min(cardsLeft, Math.max(0, tender.amount));
    cardsLeft -= off;
    if (tender.amount - off > 0) byKind.set(tender.kind, (byKind.get(tender.kind) ?? 0) + tender.amount - off);
  }
  const money = [...byKind.values()].reduce((sum, amount) => sum + amount, 0);
  if (money <= 0) return null;
  const settled = input.settlement?.ratePpm && input.settlement.currency !== input.currency ? input.settlement : null;
  const currency = settled ? settled.currency : input.currency;
  const convert = (amount: number) => (settled ? toSettlement(amount, settled.ratePpm!) : amount);
  const beside = (amount: number) => (settled ? { presentment: { amount, currency: input.currency } } : {});
  const sale = convert(money);
  const debits = [...byKind].map(([kind, amount]) => ({ kind, amount, booked: convert(amount) }));
  const largest = debits.reduce((top, debit) => (debit.amount > top.amount ? debit : top));
  largest.booked += sale - debits.reduce((sum, debit) => sum + debit.booked, 0);
  return {
    kind: "sale",
    reference: `sale:${input.orderNumber}`,
    memo: `Order ${input.orderNumber}: ${[...byKind.keys()].join(" and ")}`,
    lines: [
      ...debits.map((debit) => ({
        accountCode: debit.kind === "cash" ? ACCOUNT_CODES.cashDrawer(currency) : ACCOUNT_CODES.cardClearing(currency),
        amount: debit.booked,
        currency,
        ...beside(debit.amount),
      })),
      { accountCode: ACCOUNT_CODES.retailSales(currency), amount: -sale, currency, ...beside(-money) },
    ],
  };
}

/** An order's settlement: the currency its books are kept in (USD) and the rate the order was placed at. */
export type Settlement = { currency: string; ratePpm: number | null } | null | undefined;

/**
 * A wholesale invoice's amounts on the ledger (docs/decisions/0025): as they are, or, for an invoice
 * in another currency than its order's settlement, in the settlement currency at the order's rate
 * with the invoice's own amount beside. `usd` converts a running total (never a difference), so the
 * entries of one invoice telescope: issued + revisions − paid = 0 in both currencies.
 */
function invoiceMoney(currency: string, settlement: Settlement) {
  const settled = settlement?.ratePpm && settlement.currency !== currency ? settlement : null;
  return {
    currency: settled ? settled.currency : currency,
    usd: (amount: number) => (settled ? toSettlement(amount, settled.ratePpm!) : amount),
    beside: (amount: number) => (settled ? { presentment: { amount, currency } } : {}),
  };
}

/** Debit `debit`, credit `credit`, `booked` in the settlement currency, `amount` of the invoice's currency beside. */
function pair(debit: string, credit: string, booked: number, amount: number, money: ReturnType<typeof invoiceMoney>): LedgerLineInput[] {
  return [
    { accountCode: debit, amount: booked, currency: money.currency, ...money.beside(amount) },
    { accountCode: credit, amount: -booked, currency: money.currency, ...money.beside(-amount) },
  ];
}

/**
 * A wholesale invoice issued (portal or EDI: the one invoice a terms order gets, which the 810 renders):
 * debit receivables, credit wholesale sales, once per invoice (`invoice:<number>`).
 */
export function invoiceIssuedEntry(input: {
  invoiceNumber: string;
  orderNumber: string;
  amount: number;
  currency: string;
  settlement?: Settlement;
}): LedgerEntryInput {
  const money = invoiceMoney(input.currency, input.settlement);
  return {
    kind: "invoice_issued",
    reference: `invoice:${input.invoiceNumber}`,
    memo: `${input.invoiceNumber} for order ${input.orderNumber}`,
    lines: pair(
      ACCOUNT_CODES.receivables(money.currency),
      ACCOUNT_CODES.wholesaleSales(money.currency),
      money.usd(input.amount),
      input.amount,
      money,
    ),
  };
}

/**
 * An open invoice's amount followed its order (an 860 changed the lines): the difference, up or down,
 * once per revision (`invoice:<number>:revision:<order event id>`). Null when nothing changed.
 */
export function invoiceRevisedEntry(input: {
  invoiceNumber: string;
  revision: number;
  from: number;
  to: number;
  currency: string;
  settlement?: Settlement;
}): LedgerEntryInput | null {
  const delta = input.to - input.from;
  if (delta === 0) return null;
  const money = invoiceMoney(input.currency, input.settlement);
  return {
    kind: "invoice_revised",
    reference: `invoice:${input.invoiceNumber}:revision:${input.revision}`,
    memo: `${input.invoiceNumber} revised ${input.from} → ${input.to}`,
    lines: pair(
      ACCOUNT_CODES.receivables(money.currency),
      ACCOUNT_CODES.wholesaleSales(money.currency),
      money.usd(input.to) - money.usd(input.from),
      delta,
      money,
    ),
  };
}

/**
 * An open, unpaid invoice voided because its order was cancelled: the receivable and the sale it
 * booked go back by the invoice's amount as it stood, once (`invoice:<number>:void`).
 */
export function invoiceVoidedEntry(input: {
  invoiceNumber: string;
  orderNumber: string;
  amount: number;
  currency: string;
  settlement?: Settlement;
}): LedgerEntryInput {
  const money = invoiceMoney(input.currency, input.settlement);
  return {
    kind: "invoice_voided",
    reference: `invoice:${input.invoiceNumber}:void`,
    memo: `${input.invoiceNumber} void: order ${input.orderNumber} cancelled`,
    lines: pair(
      ACCOUNT_CODES.receivables(money.currency),
      ACCOUNT_CODES.wholesaleSales(money.currency),
      -money.usd(input.amount),
      -input.amount,
      money,
    ),
  };
}

/**
 * The retailer paid (bank transfer marked by finance, or Stripe's invoice.paid): receipts ← receivables,
 * once. In another currency, booked at the order's rate (no exchange difference: decision 0025).
 */
export function invoicePaidEntry(input: {
  invoiceNumber: string;
  amount: number;
  currency: string;
  method: string;
  settlement?: Settlement;
}): LedgerEntryInput {
  const money = invoiceMoney(input.currency, input.settlement);
  return {
    kind: "invoice_paid",
    reference: `invoice:${input.invoiceNumber}:paid`,
    memo: `${input.invoiceNumber} paid (${input.method})`,
    lines: pair(
      ACCOUNT_CODES.wholesaleReceipts(money.currency),
      ACCOUNT_CODES.receivables(money.currency),
      money.usd(input.amount),
      input.amount,
      money,
    ),
  };
}

/**
 * A wholesale order paid by card when it was placed (Stripe's Payment Element: no invoice, so no
 * receivable): debit wholesale receipts, credit wholesale sales, what the card paid, once per order
 * (`sale:<orderNumber>`, the reference an order's ledger is read by). In another currency, booked in
 * the order's settlement currency at the order's rate with the retailer's money beside (0025), as the
 * invoices of terms orders are.
 */
export function wholesaleCardSaleEntry(input: {
  orderNumber: string;
  amount: number;
  currency: string;
  paymentRef: string;
  settlement?: Settlement;
}): LedgerEntryInput {
  const money = invoiceMoney(input.currency, input.settlement);
  return {
    kind: "wholesale_card_sale",
    reference: `sale:${input.orderNumber}`,
    memo: `Wholesale order ${input.orderNumber} paid by card (${input.paymentRef})`.slice(0, 500),
    lines: pair(
      ACCOUNT_CODES.wholesaleReceipts(money.currency),
      ACCOUNT_CODES.wholesaleSales(money.currency),
      money.usd(input.amount),
      input.amount,
      money,
    ),
  };
}

/**
 * The difference a shopper paid for a dearer exchange (docs/decisions/0020-returns.md): a retail sale
 * of the exchange's extra worth, once per return (`sale:<returnNumber>`): debit card clearing (or the
 * cash drawer at the register), credit retail sales. An order in another market's currency is booked
 * in the settlement currency at the order's rate, what the shopper paid beside each line; if the
 * return later fails, the refund is a return refund like any other (returnRefundEntry).
 */
export function exchangeDifferenceEntry(input: {
  returnNumber: string;
  orderNumber: string;
  amount: number;
  currency: string;
  tender?: "card" | "cash";
  settlement?: { currency: string; ratePpm: number | null } | null;
}): LedgerEntryInput {
  const settled = input.settlement?.ratePpm && input.settlement.currency !== input.currency ? input.settlement : null;
  const currency = settled ? settled.currency : input.currency;
  const amount = settled ? toSettlement(input.amount, settled.ratePpm!) : input.amount;
  const beside = (n: number) => (settled ? { presentment: { amount: n, currency: input.currency } } : {});
  const receipts = input.tender === "cash" ? ACCOUNT_CODES.cashDrawer(currency) : ACCOUNT_CODES.cardClearing(currency);
  return {
    kind: "sale",
    reference: `sale:${input.returnNumber}`,
    memo: `${input.returnNumber} (order ${input.orderNumber}): difference paid for a dearer exchange`,
    lines: [
      { accountCode: receipts, amount, currency, ...beside(input.amount) },
      { accountCode: ACCOUNT_CODES.retailSales(currency), amount: -amount, currency, ...beside(-input.amount) },
    ],
  };
}
