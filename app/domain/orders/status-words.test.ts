import { describe, expect, it } from "vitest";
import { orderListStatus } from "./status-words";

describe("orderListStatus", () => {
  it("says whether a gift-card-only order's cards are sent, not 'Confirmed'", () => {
    expect(orderListStatus({ status: "open", giftCardsOnly: true, cardsToSend: 1 })).toEqual({ words: "Gift card to be sent", tone: "" });
    expect(orderListStatus({ status: "open", giftCardsOnly: true, cardsToSend: 0 })).toEqual({ words: "Gift card sent", tone: "ok" });
  });
  it("reads other orders by their status", () => {
    expect(orderListStatus({ status: "open", giftCardsOnly: false, cardsToSend: 0 })).toEqual({ words: "Confirmed", tone: "" });
    expect(orderListStatus({ status: "delivered", giftCardsOnly: false, cardsToSend: 0 })).toEqual({ words: "Delivered", tone: "ok" });
    expect(orderListStatus({ status: "cancelled", giftCardsOnly: true, cardsToSend: 1 })).toEqual({ words: "Cancelled", tone: "warn" });
  });
});
