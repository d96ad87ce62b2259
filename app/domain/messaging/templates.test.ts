import { describe, expect, it } from "vitest";
import { fitsOneSms, smsLength, toGsm7 } from "./gsm";
import { dueReminderSmsText, exchangeSmsText, offerSmsText, receiptSmsText } from "./templates";

const offer = { number: "PR-50012", quantity: 6, product: "Horn Studs", pieceRate: 35_000, currency: "KES", dueDate: "2026-12-12" };

describe("offerSmsText", () => {
  it("says what, how many, the pay and the due date in Swahili, in one SMS", () => {
    const text = offerSmsText({ ...offer, language: "sw" });
    expect(text).toBe(
      "Soko: Kazi mpya PR-50012: 6x Horn Studs, KES 350 kila kipande (jumla KES 2,100), tarehe 12 Des. Piga *384*76# au tuma KUBALI PR-50012.",
    );
    expect(fitsOneSms(text)).toBe(true);
  });

  it("in English", () => {
    const text = offerSmsText({ ...offer, language: "en" });
    expect(text).toBe(
      "Soko: New offer PR-50012: 6x Horn Studs at KES 350 each (KES 2,100 in all), due 12 Dec. Dial *384*76# or text ACCEPT PR-50012.",
    );
    expect(fitsOneSms(text)).toBe(true);
  });

  it("shortens a long product title, never the pay or the way to accept", () => {
    const text = offerSmsText({
      ...offer,
      language: "sw",
      quantity: 120,
      pieceRate: 1_250_050,
      product: "Hand-carved Ankole Horn Statement Earrings with Recycled Brass Wire “Mara”",
    });
    expect(smsLength(text)).toMatchObject({ encoding: "gsm7", segments: 1 });
    expect(text).toContain("KES 12,500.50 kila kipande");
    expect(text).toContain("KUBALI PR-50012.");
  });
});

describe("dueReminderSmsText", () => {
  it("names the request, the product and the due date, in one SMS, in either language", () => {
    const work = { number: "PR-50012", quantity: 6, product: "Horn Studs", dueDate: "2026-12-12" };
    expect(dueReminderSmsText({ ...work, language: "sw" })).toBe(
      "Soko: Kumbuka, PR-50012 (6x Horn Studs) inatakiwa tarehe 12 Des. Ikiwa tayari, piga *384*76# au fungua programu.",
    );
    expect(dueReminderSmsText({ ...work, language: "en" })).toBe(
      "Soko: Reminder: PR-50012 (6x Horn Studs) is due 12 Dec. When it is ready, dial *384*76# or open the app.",
    );
    expect(fitsOneSms(dueReminderSmsText({ ...work, language: "en", product: "x".repeat(200) }))).toBe(true);
  });
});

describe("the store receipt by text", () => {
  it("names the store, the sale to quote, what was paid and how, in one SMS", () => {
    const text = receiptSmsText({
      store: "Soko San Francisco",
      number: "SK-100234",
      day: "Dec 6",
      pieces: 2,
      total: 10_372,
      currency: "USD",
      paidBy: "Visa ····4242 and cash",
    });
    expect(text).toBe(
      "Soko San Francisco: thank you! Receipt SK-100234, Dec 6: 2 pieces, $103.72 paid by Visa ····4242 and cash. Quote SK-100234 for any return or question.",
    );
    expect(toGsm7(text).length).toBeLessThanOrEqual(160);
  });
});

describe("an exchange at the counter by text", () => {
  it("names the sale, the new piece's number to quote and the difference, in one SMS", () => {
    const base = { store: "Soko San Francisco", saleNumber: "SK-100234", exchangeNumber: "SK-100240", currency: "USD" };
    const paid = exchangeSmsText({ ...base, difference: { direction: "paid", amount: 1073, by: "by Visa ····4242" } });
    expect(paid).toBe(
      "Soko San Francisco: your exchange on SK-100234: new piece SK-100240, $10.73 paid by Visa ····4242. Quote SK-100240 for any return.",
    );
    expect(exchangeSmsText({ ...base, difference: { direction: "back", amount: 1072, by: "to the card" } })).toContain(
      "$10.72 back to the card",
    );
    expect(exchangeSmsText({ ...base, difference: null })).toContain("no difference to pay");
    expect(toGsm7(paid).length).toBeLessThanOrEqual(160);
  });
});
