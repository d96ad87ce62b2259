import { describe, expect, it } from "vitest";
import { assertBalanced } from "~/domain/ledger";
import { MARKET_LIST } from "~/domain/markets";
import {
  GIFT_CARD_AMOUNTS,
  applyMovement,
  giftCardAmountAt,
  giftCardAmountsIn,
  movementEntry,
  replayMovements,
  splitOverCards,
  wrongCurrencyMessage,
} from "./ledger";

describe("a gift card's ledger", () => {
  it("adds issues and refunds, takes redemptions and expiry", () => {
    expect(applyMovement(0, "issued", 5000)).toEqual({ ok: true, amount: 5000, balanceAfter: 5000 });
    expect(applyMovement(5000, "redeemed", 2000)).toEqual({ ok: true, amount: -2000, balanceAfter: 3000 });
    expect(applyMovement(3000, "refunded", 500)).toEqual({ ok: true, amount: 500, balanceAfter: 3500 });
    expect(applyMovement(3500, "expired", 3500)).toEqual({ ok: true, amount: -3500, balanceAfter: 0 });
  });

  it("never goes below zero, and moves only whole positive amounts", () => {
    expect(applyMovement(1000, "redeemed", 1001)).toMatchObject({ ok: false });
    expect(applyMovement(1000, "redeemed", 0)).toMatchObject({ ok: false });
    expect(applyMovement(1000, "issued", -5)).toMatchObject({ ok: false });
    expect(applyMovement(1000, "issued", 1.5)).toMatchObject({ ok: false });
  });

  it("replays to its balance, and notices a step that does not add up", () => {
    const steps = [
      { amount: 5000, balanceAfter: 5000 },
      { amount: -2500, balanceAfter: 2500 },
      { amount: -2500, balanceAfter: 0 },
    ];
    expect(replayMovements(steps)).toEqual({ ok: true, balance: 0 });
    expect(replayMovements([...steps.slice(0, 2), { amount: -3000, balanceAfter: -500 }]).ok).toBe(false);
    expect(replayMovements([{ amount: 5000, balanceAfter: 4000 }]).ok).toBe(false);
  });

  it("posts balanced entries that move the liability by the movement, in the card's currency's own accounts", () => {
    const cases = [
      { kind: "issued", amount: 5000, source: "sold", other: "soko:gift_card_receipts" },
      { kind: "issued", amount: 5000, source: "store_credit", other: "soko:store_credit_refunds" },
      { kind: "redeemed", amount: -2000, other: "soko:gift_card_sales" },
      { kind: "refunded", amount: 700, other: "soko:gift_card_sales" },
      { kind: "expired", amount: -300, other: "soko:gift_card_breakage" },
    ] as const;
    for (const c of cases)
      for (const currency of ["USD", "GBP"]) {
        const entry = movementEntry({
          movementId: 9,
          kind: c.kind,
          amount: c.amount,
          currency,
          last4: "HW3N",
          source: "source" in c ? c.source : undefined,
        });
        assertBalanced(entry);
        expect(entry.reference).toBe("gift_card_movement:9");
        expect(entry.lines).toEqual([
          { accountCode: `soko:gift_card_liability:${currency}`, amount: -c.amount, currency },
          { accountCode: `${c.other}:${currency}`, amount: c.amount, currency },
        ]);
      }
  });
});

describe("store credit for an order settled in another currency (decision 0028)", () => {
  it("books the refund in dollars at the order's rate, the liability in pounds, the clearing pair between: balanced per currency", () => {
    const entry = movementEntry({
      movementId: 7,
      kind: "issued",
      amount: 4882,
      currency: "GBP",
      last4: "AB12",
      source: "store_credit",
      settlement: { currency: "USD", ratePpm: 1_250_000 },
    });
    expect(() => assertBalanced(entry)).not.toThrow();
    expect(entry.lines).toEqual([
      { accountCode: "soko:store_credit_refunds:USD", amount: 3906, currency: "USD", presentment: { amount: 4882, currency: "GBP" } },
      { accountCode: "soko:fx_clearing:USD", amount: -3906, currency: "USD", presentment: { amount: -4882, currency: "GBP" } },
      { accountCode: "soko:fx_clearing:GBP", amount: 4882, currency: "GBP" },
      { accountCode: "soko:gift_card_liability:GBP", amount: -4882, currency: "GBP" },
    ]);
  });

  it("keeps two lines in the card's currency when it is the settlement currency, or no rate is known", () => {
    for (const settlement of [{ currency: "USD", ratePpm: 1_000_000 }, { currency: "USD", ratePpm: null }, null]) {
      const entry = movementEntry({
        movementId: 8,
        kind: "issued",
        amount: 2500,
        currency: settlement?.ratePpm === 1_000_000 ? "USD" : "GBP",
        last4: "AB12",
        source: "store_credit",
        settlement,
      });
      expect(entry.lines.map((l) => l.accountCode.replace(/:[A-Z]{3}$/, ""))).toEqual([
        "soko:gift_card_liability",
        "soko:store_credit_refunds",
      ]);
    }
  });
});

describe("paying a total with gift cards", () => {
  const card = (id: number, balance: number, extra: Partial<{ currency: string; status: string }> = {}) => ({
    id,
    last4: `C00${id}`,
    balance,
    currency: "USD",
    status: "active",
    ...extra,
  });

  it("uses the cards in order and leaves the rest due", () => {
    expect(splitOverCards(10000, "USD", [card(1, 3000), card(2, 2000)])).toEqual({
      uses: [
        { id: 1, last4: "C001", amount: 3000, balanceAfter: 0 },
        { id: 2, last4: "C002", amount: 2000, balanceAfter: 0 },
      ],
      covered: 5000,
      due: 5000,
    });
  });

  it("takes only what is due from a card worth more (partial use)", () => {
    expect(splitOverCards(2500, "USD", [card(1, 10000), card(2, 2000)])).toEqual({
      uses: [
        { id: 1, last4: "C001", amount: 2500, balanceAfter: 7500 },
        { id: 2, last4: "C002", amount: 0, balanceAfter: 2000 },
      ],
      covered: 2500,
      due: 0,
    });
  });

  it("takes nothing from a card in another currency or not active", () => {
    const { covered, due } = splitOverCards(1000, "USD", [card(1, 5000, { currency: "GBP" }), card(2, 5000, { status: "disabled" })]);
    expect({ covered, due }).toEqual({ covered: 0, due: 1000 });
  });
});

describe("gift card amounts per market", () => {
  it("has each market's currency, made once from the dollar amounts at the market's rate in whole fives", () => {
    const usd = GIFT_CARD_AMOUNTS.USD;
    for (const market of MARKET_LIST) {
      const amounts = giftCardAmountsIn(market.currency);
      expect(amounts, market.currency).not.toBeNull();
      const at = (minor: number) => giftCardAmountAt(minor, market.defaultRatePpm);
      expect(amounts).toEqual({ currency: market.currency, presets: usd.presets.map(at), min: at(usd.min), max: at(usd.max) });
      for (const amount of [...amounts!.presets, amounts!.min, amounts!.max]) expect(amount % 500).toBe(0);
    }
  });

  it("rounds half up to whole fives, never below five", () => {
    expect(giftCardAmountAt(25_00, 880_000)).toBe(20_00); // £22 → £20
    expect(giftCardAmountAt(50_00, 1_050_000)).toBe(55_00); // €52.50 → €55
    expect(giftCardAmountAt(25_00, 1_700_000)).toBe(45_00); // A$42.50 → A$45
    expect(giftCardAmountAt(1_00, 880_000)).toBe(5_00);
    expect(giftCardAmountsIn("JPY")).toBeNull();
    expect(giftCardAmountsIn("toString")).toBeNull();
  });

  it("refuses a card in another currency with the same words everywhere", () => {
    const card = { last4: "HW3N", currency: "GBP" };
    expect(wrongCurrencyMessage(card, "USD", "bag")).toBe(
      "Gift card ····HW3N is in GBP and can only be used when paying in GBP. Your bag is in USD.",
    );
    expect(wrongCurrencyMessage(card, "USD", "sale")).toMatch(/is in GBP and can only be used when paying in GBP\. This sale is in USD\.$/);
  });
});
