import { describe, expect, it } from "vitest";
import { giftCardFromIntent, giftCardIntentKey, giftCardIntentMetadata, type GiftCardDetails } from "./giftcard-purchase";

const details: GiftCardDetails = {
  amount: 5000,
  currency: "USD",
  purchaserEmail: "amina@example.test",
  recipientEmail: "wanjiru@example.test",
  recipientName: "Wanjiru",
  senderName: "Amina",
  message: "Happy birthday!",
  sendOn: "2026-12-24",
  customerId: 42,
};

describe("gift card intents", () => {
  it("reads back what it wrote, with the amount and currency Stripe took", () => {
    const metadata = giftCardIntentMetadata(details);
    expect(giftCardFromIntent({ amount: 5000, currency: "usd", metadata })).toEqual(details);
    expect(
      giftCardFromIntent({ amount: 5000, currency: "usd", metadata: giftCardIntentMetadata({ ...details, customerId: null }) }),
    ).toEqual({
      ...details,
      customerId: null,
    });
  });

  it("is not a gift card for a bag's intent or metadata that doesn't hold together", () => {
    expect(giftCardFromIntent({ amount: 5000, currency: "usd", metadata: { cartId: "c0ffee" } })).toBeNull();
    const metadata = giftCardIntentMetadata(details);
    expect(giftCardFromIntent({ amount: 5000, currency: "usd", metadata: { ...metadata, gc_recipient: "not an email" } })).toBeNull();
    expect(giftCardFromIntent({ amount: 5000, currency: "usd", metadata: { ...metadata, gc_customer: "1 or 1=1" } })).toBeNull();
  });

  it("keys one intent per form and details: the same again reuses it, other details get another", () => {
    const key = giftCardIntentKey("form-1", details);
    expect(giftCardIntentKey("form-1", { ...details })).toBe(key);
    expect(giftCardIntentKey("form-1", { ...details, amount: 10000 })).not.toBe(key);
    expect(giftCardIntentKey("form-2", details)).not.toBe(key);
    expect(key).toMatch(/^giftcard:form-1:[0-9a-f]{16}$/);
  });
});
