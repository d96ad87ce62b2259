import { describe, expect, it } from "vitest";
import {
  cardLabel,
  frozenReport,
  lineReturnGoods,
  paidByWords,
  parseAmount,
  planRefund,
  planTenders,
  returnAmount,
  shiftCsv,
  shiftReport,
  type ShiftTender,
  type TenderKind,
} from "./tender";

describe("parseAmount", () => {
  it("reads dollars and cents into minor units", () => {
    expect(parseAmount("150")).toBe(15000);
    expect(parseAmount("$12.5")).toBe(1250);
    expect(parseAmount("1,200.05")).toBe(120005);
    expect(parseAmount("")).toBeNull();
    expect(parseAmount("12.345")).toBeNull();
    expect(parseAmount("-3")).toBeNull();
  });
});

describe("planTenders", () => {
  it("cash: change is what was given minus the total", () => {
    expect(planTenders({ mode: "cash", total: 5148, cashGiven: 6000, cardAmount: null })).toEqual({
      ok: true,
      plan: { cash: { amount: 5148, given: 6000, change: 852 }, card: null },
    });
  });
  it("cash given below the total is refused with both amounts", () => {
    expect(planTenders({ mode: "cash", total: 5148, cashGiven: 5000, cardAmount: null })).toEqual({
      ok: false,
      field: "cashGiven",
      message: "Cash given ($50.00) is less than the $51.48 due in cash.",
    });
  });
  it("card: all of it on the terminal", () => {
    expect(planTenders({ mode: "card", total: 5148, cashGiven: null, cardAmount: null })).toEqual({
      ok: true,
      plan: { cash: null, card: { amount: 5148 } },
    });
  });
  it("split: the card part plus the cash part make the total, with change on the cash", () => {
    const r = planTenders({ mode: "split", total: 10000, cashGiven: 5000, cardAmount: 6000 });
    expect(r).toEqual({ ok: true, plan: { cash: { amount: 4000, given: 5000, change: 1000 }, card: { amount: 6000 } } });
    expect(planTenders({ mode: "split", total: 10000, cashGiven: 0, cardAmount: 10000 }).ok).toBe(false);
    expect(planTenders({ mode: "split", total: 10000, cashGiven: 5000, cardAmount: null })).toMatchObject({
      ok: false,
      field: "cardAmount",
    });
  });
});

describe("planRefund", () => {
  const tenders = [
    { id: 1, kind: "card" as const, amount: 6000, providerRef: "pi_1" },
    { id: 2, kind: "cash" as const, amount: 4000, providerRef: null },
  ];
  it("goes back to the card first, then cash", () => {
    expect(planRefund(tenders, 7000)).toEqual([
      { kind: "card", amount: 6000, providerRef: "pi_1", tenderId: 1 },
      { kind: "cash", amount: 1000, providerRef: null, tenderId: null },
    ]);
  });
  it("counts what the card already had back", () => {
    expect(planRefund([...tenders, { id: 3, kind: "card", amount: -5000, providerRef: "pi_1" }], 3000)).toEqual([
      { kind: "card", amount: 1000, providerRef: "pi_1", tenderId: 1 },
      { kind: "cash", amount: 2000, providerRef: null, tenderId: null },
    ]);
  });
  it("a cash sale is refunded in cash", () => {
    expect(planRefund([{ id: 4, kind: "cash", amount: 5148, providerRef: null }], 5148)).toEqual([
      { kind: "cash", amount: 5148, providerRef: null, tenderId: null },
    ]);
  });
});

describe("returns", () => {
  it("splits a line's total by unit, the last unit taking the remainder", () => {
    const line = { quantity: 3, total: 1000 };
    const parts = [lineReturnGoods(line, 0, 1), lineReturnGoods(line, 1, 1), lineReturnGoods(line, 2, 1)];
    expect(parts).toEqual([333, 334, 333]);
    expect(parts.reduce((a, b) => a + b)).toBe(1000);
  });
  it("adds the tax share, and a return of everything pays exactly what is left", () => {
    expect(
      returnAmount({ goods: 4800, saleGoods: 9600, saleTax: 696, saleTotal: 10296, refundedBefore: 0, returnsEverything: false }),
    ).toBe(5148);
    expect(
      returnAmount({ goods: 4800, saleGoods: 9600, saleTax: 696, saleTotal: 10296, refundedBefore: 5148, returnsEverything: true }),
    ).toBe(5148);
  });
});

describe("shiftReport", () => {
  let lastId = 0;
  const t = (kind: TenderKind, amount: number, orderNumber: string, returnId: number | null = null): ShiftTender => ({
    id: ++lastId,
    kind,
    amount,
    orderNumber,
    returnId,
    createdAt: "2026-11-01T18:00:00Z",
    cashGiven: null,
    changeDue: null,
    providerRef: null,
  });
  const tenders = [
    t("cash", 5148, "SK-1"),
    t("card", 6000, "SK-2"),
    t("cash", 4000, "SK-2"),
    t("cash", -5148, "SK-1", 1),
    t("card", -1000, "SK-2", 2),
    t("gift_card", 3000, "SK-3"),
    t("cash", 2000, "SK-3"),
    t("gift_card", 5000, "SK-4"),
    t("gift_card", -1500, "SK-4", 3),
  ];
  const returns = [
    { id: 1, exchange: false },
    { id: 2, exchange: false },
    { id: 3, exchange: false },
  ];

  it("expected cash is the float plus cash taken minus cash paid back; variance is counted minus expected", () => {
    const report = shiftReport({ currency: "USD", openingFloat: 15000, tenders, returns, countedCash: 18500 });
    expect(report).toMatchObject({
      cashSales: 11148,
      cashSalesCount: 3,
      cardSales: 6000,
      cardSalesCount: 1,
      cashRefunds: 5148,
      cardRefunds: 1000,
      salesCount: 4,
      returnsCount: 3,
      expectedCash: 21000,
      countedCash: 18500,
      variance: -2500,
      salesTotal: 11148 + 6000 + 8000,
      netTotal: 11148 + 6000 + 8000 - 5148 - 1000 - 1500,
    });
  });

  it("reports gift card redemptions and refunds as their own tender, with counts, and keeps them out of the drawer", () => {
    const report = shiftReport({ currency: "USD", openingFloat: 15000, tenders, returns });
    expect(report).toMatchObject({ giftCardSales: 8000, giftCardSalesCount: 2, giftCardRefunds: 1500, giftCardRefundsCount: 1 });
    const withoutGiftCards = shiftReport({
      currency: "USD",
      openingFloat: 15000,
      tenders: tenders.filter((x) => x.kind !== "gift_card"),
      returns,
    });
    expect(report.expectedCash).toBe(withoutGiftCards.expectedCash);
  });

  it("counts exchanges apart from returns (a same-price one has no tender) and a difference taken apart from sales, in the drawer when cash", () => {
    const exchanges = [
      ...tenders,
      // Return 4: a dearer exchange on SK-1, $10.73 taken in cash; return 5: card; return 6: the same price, nothing moved.
      t("cash", 1073, "SK-1", 4),
      t("card", 500, "SK-2", 5),
    ];
    const report = shiftReport({
      currency: "USD",
      openingFloat: 15000,
      tenders: exchanges,
      returns: [...returns, { id: 4, exchange: true }, { id: 5, exchange: true }, { id: 6, exchange: true }],
    });
    expect(report).toMatchObject({
      cashSales: 11148,
      cashSalesCount: 3,
      cardSales: 6000,
      cardSalesCount: 1,
      cashDifferences: 1073,
      cashDifferencesCount: 1,
      cardDifferences: 500,
      cardDifferencesCount: 1,
      salesCount: 4,
      returnsCount: 3,
      exchangesCount: 3,
      expectedCash: 21000 + 1073,
      netTotal: 11148 + 6000 + 8000 + 1073 + 500 - 5148 - 1000 - 1500,
    });
    const rows = shiftCsv(
      { id: 8, register: "SF-1", openedAt: "2026-11-01T17:00:00Z", closedAt: null, openedBy: "Maya", closedBy: null },
      report,
      exchanges,
    )
      .trim()
      .split("\r\n");
    expect(rows).toContain("Exchanges,3");
    expect(rows).toContain("Exchange differences in cash,10.73,1");
    expect(rows.some((r) => r.includes(",SK-1,exchange difference,cash,10.73"))).toBe(true);
  });

  it("a report frozen before gift card lines takes them from the tenders, keeping what was frozen", () => {
    const live = shiftReport({ currency: "USD", openingFloat: 15000, tenders, returns, countedCash: 18500 });
    const { giftCardSales, giftCardSalesCount, ...older } = live;
    const frozen = frozenReport({ ...older, expectedCash: 12345 }, live);
    expect(frozen).toMatchObject({ giftCardSales: 8000, giftCardSalesCount: 2, expectedCash: 12345 });
  });

  it("exports the summary and every tender as CSV", () => {
    const report = shiftReport({ currency: "USD", openingFloat: 15000, tenders, returns, countedCash: 18500 });
    const csv = shiftCsv(
      {
        id: 7,
        register: "SF-1",
        openedAt: "2026-11-01T17:00:00Z",
        closedAt: "2026-11-02T01:00:00Z",
        openedBy: "Maya",
        closedBy: "Maya, Lindgren",
      },
      report,
      tenders,
    );
    const rows = csv.trim().split("\r\n");
    expect(rows).toContain("Expected cash,210.00");
    expect(rows).toContain("Variance,-25.00");
    expect(rows).toContain("Gift card sales,80.00,2");
    expect(rows).toContain("Gift card refunds,15.00,1");
    expect(rows).toContain('Closed by,"Maya, Lindgren"');
    expect(rows.filter((r) => r.includes(",SK-")).length).toBe(9);
    expect(rows).toContain("2026-11-01T18:00:00.000Z,SK-1,refund,cash,-51.48,,,");
  });
});

describe("cardLabel", () => {
  it("prints the card's brand and last four, never a payment reference", () => {
    expect(cardLabel("visa", "4242")).toBe("Visa ····4242");
    expect(cardLabel("amex", "0005")).toBe("American Express ····0005");
    expect(cardLabel("somebank", "1234")).toBe("Somebank ····1234");
    expect(cardLabel(null, "1234")).toBe("Card ····1234");
    // Sales recorded before the reader's card was kept: no last four to print.
    expect(cardLabel(null, null)).toBe("Card");
    expect(cardLabel("visa", "6f8a")).toBe("Visa");
  });
});

describe("paidByWords", () => {
  it("says each way the sale was paid once, a gift card as a gift card (not cash), refunds left out", () => {
    expect(
      paidByWords([
        { kind: "card", amount: 3000, cardBrand: "visa", cardLast4: "4242" },
        { kind: "cash", amount: 2575 },
        { kind: "cash", amount: 100 },
      ]),
    ).toBe("Visa ····4242 and cash");
    expect(paidByWords([{ kind: "gift_card", amount: 5000, cardLast4: "7731" }])).toBe("gift card ····7731");
    expect(paidByWords([{ kind: "cash", amount: -500 }])).toBeNull();
  });
});
