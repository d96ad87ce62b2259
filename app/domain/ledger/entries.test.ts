import { describe, expect, it } from "vitest";
import {
  ACCOUNT_CODES,
  assertBalanced,
  describeAccount,
  owedToArtisan,
  payoutEntry,
  payoutReversedEntry,
  payoutSettledEntry,
  qcCreditEntry,
  UnbalancedEntryError,
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
});
