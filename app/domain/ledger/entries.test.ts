import { describe, expect, it } from "vitest";
import {
  ACCOUNT_CODES,
  assertBalanced,
  describeAccount,
  invoiceIssuedEntry,
  invoicePaidEntry,
  invoiceRevisedEntry,
  invoiceVoidedEntry,
  orderRefundEntry,
  owedToArtisan,
  payoutEntry,
  payoutReversedEntry,
  payoutSettledEntry,
  qcCreditEntry,
  returnRefundEntry,
  saleEntry,
  UnbalancedEntryError,
  wholesaleCardSaleEntry,
  type LedgerEntryInput,
} from "./entries";

const entry = (lines: LedgerEntryInput["lines"]): LedgerEntryInput => ({ kind: "test", reference: "t:1", lines });

describe("assertBalanced", () => {
  it("accepts lines that sum to zero per currency", () => {
    expect(() =>
      assertBalanced(
        entry([
          { accountCode: "a", amount: 500, currency: "KES" },
          { accountCode: "b", amount: -500, currency: "KES" },
          { accountCode: "c", amount: 7, currency: "USD" },
          { accountCode: "d", amount: -7, currency: "USD" },
        ]),
      ),
    ).not.toThrow();
  });

  it("refuses an unbalanced entry, even when the currencies together sum to zero", () => {
    expect(() =>
      assertBalanced(
        entry([
          { accountCode: "a", amount: 500, currency: "KES" },
          { accountCode: "b", amount: -499, currency: "KES" },
        ]),
      ),
    ).toThrow(/does not balance: 1 KES/);
    expect(() =>
      assertBalanced(
        entry([
          { accountCode: "a", amount: 500, currency: "KES" },
          { accountCode: "b", amount: -500, currency: "USD" },
        ]),
      ),
    ).toThrow(UnbalancedEntryError);
  });

  it("refuses empty, one-line, fractional, zero and nameless lines", () => {
    expect(() => assertBalanced(entry([]))).toThrow(/two lines/);
    expect(() => assertBalanced(entry([{ accountCode: "a", amount: 0, currency: "KES" }]))).toThrow(/two lines/);
    expect(() =>
      assertBalanced(
        entry([
          { accountCode: "a", amount: 1.5, currency: "KES" },
          { accountCode: "b", amount: -1.5, currency: "KES" },
        ]),
      ),
    ).toThrow(/whole number/);
    expect(() =>
      assertBalanced(
        entry([
          { accountCode: "a", amount: 0, currency: "KES" },
          { accountCode: "b", amount: 0, currency: "KES" },
        ]),
      ),
    ).toThrow(/zero/);
    expect(() =>
      assertBalanced(
        entry([
          { accountCode: "", amount: 1, currency: "KES" },
          { accountCode: "b", amount: -1, currency: "KES" },
        ]),
      ),
    ).toThrow(/no account/);
    expect(() =>
      assertBalanced({
        ...entry([
          { accountCode: "a", amount: 1, currency: "KES" },
          { accountCode: "b", amount: -1, currency: "KES" },
        ]),
        reference: " ",
      }),
    ).toThrow(/reference/);
  });
});

describe("sign convention", () => {
  it("a QC credit debits production cost and credits (negative) the artisan's payable", () => {
    const credit = qcCreditEntry({ inspectionId: 9, artisanId: 4, units: 3, pieceRate: 15000, currency: "KES", requestNumber: "PR-50001" });
    expect(credit.reference).toBe("qc:9");
    expect(credit.lines).toEqual([
      { accountCode: "soko:production_cost", amount: 45000, currency: "KES" },
      { accountCode: "artisan:4:payable", amount: -45000, currency: "KES" },
    ]);
    expect(() => assertBalanced(credit)).not.toThrow();
    expect(owedToArtisan(-45000)).toBe(45000);
    expect(owedToArtisan(0)).toBe(0);
  });

  it("credit → payout → settled leaves the payable at zero and the float negative; a reversal returns the money", () => {
    const entries = [
      qcCreditEntry({ inspectionId: 1, artisanId: 4, units: 2, pieceRate: 30000, currency: "KES" }),
      payoutEntry({ payoutId: 7, artisanId: 4, amount: 60000, currency: "KES" }),
      payoutSettledEntry({ payoutId: 7, amount: 60000, currency: "KES", receipt: "QK12" }),
    ];
    const balances = new Map<string, number>();
    for (const e of entries) {
      assertBalanced(e);
      for (const line of e.lines) balances.set(line.accountCode, (balances.get(line.accountCode) ?? 0) + line.amount);
    }
    expect(balances.get(ACCOUNT_CODES.artisanPayable(4))).toBe(0);
    expect(balances.get(ACCOUNT_CODES.mpesaClearing)).toBe(0);
    expect(balances.get(ACCOUNT_CODES.cash)).toBe(-60000);
    expect(balances.get(ACCOUNT_CODES.productionCost)).toBe(60000);

    const reversal = payoutReversedEntry({ payoutId: 7, artisanId: 4, amount: 60000, currency: "KES", reason: "x" });
    expect(reversal.reference).toBe("payout:7:reversed");
    expect(reversal.lines.find((l) => l.accountCode === "artisan:4:payable")!.amount).toBe(-60000);
  });

  it("knows every account kind and refuses unknown codes", () => {
    expect(describeAccount("artisan:12:payable")).toMatchObject({ kind: "artisan_payable", artisanId: 12 });
    expect(describeAccount("soko:mpesa_clearing").kind).toBe("payout_clearing");
    expect(describeAccount("soko:cash").kind).toBe("cash");
    expect(() => describeAccount("artisan:x:payable")).toThrow(/Unknown/);
    expect(describeAccount("soko:gift_card_liability:GBP")).toMatchObject({
      kind: "gift_card_liability",
      name: expect.stringContaining("GBP"),
    });
    expect(describeAccount("soko:store_credit_refunds:EUR").kind).toBe("sales_returns");
    expect(() => describeAccount("soko:gift_card_liability")).toThrow(/Unknown/);
  });

  it("names every account the code can make (the trial balance shows the name, never the bare code)", () => {
    const codes = Object.entries(ACCOUNT_CODES).flatMap(([key, code]) => {
      if (typeof code === "string") return [code];
      if (key === "artisanPayable") return [ACCOUNT_CODES.artisanPayable(7)];
      return ["USD", "GBP", "KES"].map((currency) => (code as (currency: string) => string)(currency));
    });
    expect(codes.length).toBeGreaterThan(Object.keys(ACCOUNT_CODES).length);
    for (const code of codes) {
      const { name } = describeAccount(code);
      expect(name, code).toMatch(/^[A-Z][A-Za-z-]+ /);
      expect(name, code).not.toContain(code);
    }
  });
});

describe("saleEntry", () => {
  const GBP = { currency: "USD", ratePpm: 790_000 };

  it("books a USD card sale as itself: card clearing against retail sales, once per order", () => {
    const sale = saleEntry({ orderNumber: "SK-1001", currency: "USD", tenders: [{ kind: "card", amount: 12_500 }] })!;
    expect(sale.reference).toBe("sale:SK-1001");
    expect(sale.lines).toEqual([
      { accountCode: "soko:card_clearing:USD", amount: 12_500, currency: "USD" },
      { accountCode: "soko:retail_sales:USD", amount: -12_500, currency: "USD" },
    ]);
    assertBalanced(sale);
  });

  it("books a GBP order in USD at the order's rate with the pounds beside each line", () => {
    const sale = saleEntry({ orderNumber: "SK-1002", currency: "GBP", tenders: [{ kind: "card", amount: 4_200 }], settlement: GBP })!;
    // £42.00 at 0.79 GBP per USD is $53.16.
    expect(sale.lines).toEqual([
      { accountCode: "soko:card_clearing:USD", amount: 5_316, currency: "USD", presentment: { amount: 4_200, currency: "GBP" } },
      { accountCode: "soko:retail_sales:USD", amount: -5_316, currency: "USD", presentment: { amount: -4_200, currency: "GBP" } },
    ]);
  });

  it("converts the sale once and puts the rounding cent on the largest tender line (the first on a tie)", () => {
    // £0.50 is $0.6329 → 63 each, but £1.00 is $1.2658 → 127: the card line (first of two equal ones) takes the cent.
    const sale = saleEntry({
      orderNumber: "SK-1003",
      currency: "GBP",
      tenders: [
        { kind: "card", amount: 50 },
        { kind: "cash", amount: 50 },
      ],
      settlement: GBP,
    })!;
    expect(sale.lines.map((l) => [l.accountCode, l.amount])).toEqual([
      ["soko:card_clearing:USD", 64],
      ["soko:cash_drawer:USD", 63],
      ["soko:retail_sales:USD", -127],
    ]);
    assertBalanced(sale);
    const larger = saleEntry({
      orderNumber: "SK-1004",
      currency: "GBP",
      tenders: [
        { kind: "card", amount: 50 },
        { kind: "cash", amount: 150 },
      ],
      settlement: GBP,
    })!;
    // £0.50 → 63, £1.50 → 190 (189.87), £2.00 → 253 (253.16): the cash line is the larger and is left as 190 = 253 − 63.
    expect(larger.lines.map((l) => l.amount)).toEqual([63, 190, -253]);
  });

  it("leaves out what gift cards paid and takes gift cards sold off the tenders in order", () => {
    // A register sale: a $50 card sold and $30 of goods, paid $20 cash then $60 card; the card sold comes off the cash first.
    const sale = saleEntry({
      orderNumber: "SK-1005",
      currency: "USD",
      tenders: [
        { kind: "cash", amount: 2_000 },
        { kind: "card", amount: 6_000 },
      ],
      giftCardsSold: 5_000,
    })!;
    expect(sale.lines).toEqual([
      { accountCode: "soko:card_clearing:USD", amount: 3_000, currency: "USD" },
      { accountCode: "soko:retail_sales:USD", amount: -3_000, currency: "USD" },
    ]);
    expect(
      saleEntry({ orderNumber: "SK-1006", currency: "USD", tenders: [{ kind: "card", amount: 5_000 }], giftCardsSold: 5_000 }),
    ).toBeNull();
    expect(saleEntry({ orderNumber: "SK-1007", currency: "USD", tenders: [] })).toBeNull();
  });

  it("names its accounts as receipts and sales", () => {
    expect(describeAccount("soko:card_clearing:USD").kind).toBe("receipts");
    expect(describeAccount("soko:cash_drawer:USD").kind).toBe("receipts");
    expect(describeAccount("soko:retail_sales:USD")).toMatchObject({ kind: "sales", name: "Retail sales (web and register) (USD)" });
  });
});

describe("refund entries", () => {
  it("book a console refund like a return's: sales returns against refunds paid, once per refund, at the order's rate", () => {
    const gbp = { orderNumber: "SK-1", amount: 2000, currency: "GBP", settlement: { currency: "USD", ratePpm: 880_000 } };
    const entry = orderRefundEntry({ ...gbp, refundId: 41, reason: "Scratched clasp" });
    expect(entry).toMatchObject({ kind: "order_refund", reference: "refund:41", memo: "Order SK-1 refunded to the card: Scratched clasp" });
    expect(entry.lines).toEqual([
      { accountCode: "soko:sales_returns:USD", amount: 2273, currency: "USD", presentment: { amount: 2000, currency: "GBP" } },
      { accountCode: "soko:refunds_paid:USD", amount: -2273, currency: "USD", presentment: { amount: -2000, currency: "GBP" } },
    ]);
    expect(() => assertBalanced(entry)).not.toThrow();
    // The same money through a return: the same lines under the return's own reference.
    expect(returnRefundEntry({ ...gbp, returnNumber: "RT-9" }).lines).toEqual(entry.lines);
    // A dollar order: no conversion, nothing beside.
    expect(orderRefundEntry({ orderNumber: "SK-2", amount: 500, currency: "USD", refundId: 42, reason: "" }).lines).toEqual([
      { accountCode: "soko:sales_returns:USD", amount: 500, currency: "USD" },
      { accountCode: "soko:refunds_paid:USD", amount: -500, currency: "USD" },
    ]);
  });
});

describe("wholesale invoices in the retailer's currency (docs/decisions/0025)", () => {
  const settlement = { currency: "USD", ratePpm: 790_000 };
  const receivable = (entries: LedgerEntryInput[], pick: (l: LedgerEntryInput["lines"][number]) => number) =>
    entries
      .flatMap((e) => e.lines)
      .filter((l) => l.accountCode === ACCOUNT_CODES.receivables("USD"))
      .reduce((sum, l) => sum + pick(l), 0);

  it("books a GBP invoice in USD at the order's rate with the pounds beside", () => {
    const issued = invoiceIssuedEntry({ invoiceNumber: "INV-1", orderNumber: "SK-1", amount: 45_050, currency: "GBP", settlement });
    expect(issued.lines).toEqual([
      { accountCode: "soko:receivables:USD", amount: 57_025, currency: "USD", presentment: { amount: 45_050, currency: "GBP" } },
      { accountCode: "soko:wholesale_sales:USD", amount: -57_025, currency: "USD", presentment: { amount: -45_050, currency: "GBP" } },
    ]);
    expect(() => assertBalanced(issued)).not.toThrow();
  });

  it("leaves the receivable at zero in USD and in pounds after revisions and the payment, whatever the rounding", () => {
    // Amounts whose conversions each round: a difference converted on its own would drift by a cent.
    const entries = [
      invoiceIssuedEntry({ invoiceNumber: "INV-2", orderNumber: "SK-2", amount: 10_001, currency: "GBP", settlement }),
      invoiceRevisedEntry({ invoiceNumber: "INV-2", revision: 1, from: 10_001, to: 10_003, currency: "GBP", settlement })!,
      invoiceRevisedEntry({ invoiceNumber: "INV-2", revision: 2, from: 10_003, to: 9_999, currency: "GBP", settlement })!,
      invoicePaidEntry({ invoiceNumber: "INV-2", amount: 9_999, currency: "GBP", method: "bank transfer", settlement }),
    ];
    for (const e of entries) expect(() => assertBalanced(e)).not.toThrow();
    expect(receivable(entries, (l) => l.amount)).toBe(0);
    expect(receivable(entries, (l) => l.presentment?.amount ?? Number.NaN)).toBe(0);
  });

  it("voids what the invoice booked, exactly", () => {
    const entries = [
      invoiceIssuedEntry({ invoiceNumber: "INV-3", orderNumber: "SK-3", amount: 12_345, currency: "GBP", settlement }),
      invoiceVoidedEntry({ invoiceNumber: "INV-3", orderNumber: "SK-3", amount: 12_345, currency: "GBP", settlement }),
    ];
    expect(receivable(entries, (l) => l.amount)).toBe(0);
    expect(receivable(entries, (l) => l.presentment?.amount ?? Number.NaN)).toBe(0);
  });

  it("books a USD invoice as it is, with nothing beside", () => {
    const issued = invoiceIssuedEntry({
      invoiceNumber: "INV-4",
      orderNumber: "SK-4",
      amount: 50_000,
      currency: "USD",
      settlement: { currency: "USD", ratePpm: 1_000_000 },
    });
    expect(issued.lines[0]).toEqual({ accountCode: "soko:receivables:USD", amount: 50_000, currency: "USD" });
  });
});

describe("wholesaleCardSaleEntry", () => {
  it("books a pound card order in USD at the order's rate, the pounds beside, once per order", () => {
    const entry = wholesaleCardSaleEntry({
      orderNumber: "SK-9",
      amount: 41_600,
      currency: "GBP",
      paymentRef: "pi_1",
      settlement: { currency: "USD", ratePpm: 790_000 },
    });
    assertBalanced(entry);
    expect(entry).toMatchObject({ kind: "wholesale_card_sale", reference: "sale:SK-9" });
    // £416.00 / 0.79 = $526.582… → $526.58
    expect(entry.lines).toEqual([
      { accountCode: "soko:wholesale_receipts:USD", amount: 52_658, currency: "USD", presentment: { amount: 41_600, currency: "GBP" } },
      { accountCode: "soko:wholesale_sales:USD", amount: -52_658, currency: "USD", presentment: { amount: -41_600, currency: "GBP" } },
    ]);
  });

  it("books a dollar card order as it is, with nothing beside", () => {
    const entry = wholesaleCardSaleEntry({
      orderNumber: "SK-10",
      amount: 24_000,
      currency: "USD",
      paymentRef: "pi_2",
      settlement: { currency: "USD", ratePpm: 1_000_000 },
    });
    expect(entry.lines).toEqual([
      { accountCode: "soko:wholesale_receipts:USD", amount: 24_000, currency: "USD" },
      { accountCode: "soko:wholesale_sales:USD", amount: -24_000, currency: "USD" },
    ]);
  });
});
