/**
 * The local provider honours Stripe's documented test card numbers, so people and tests use the
 * same cards with or without Stripe keys.
 */
export type CardCheck =
  | { ok: true; last4: string }
  | { ok: false; field: "number" | "expiry" | "cvc" | "card"; code: string; message: string };

const DECLINES: Record<string, { code: string; message: string }> = {
  "4000000000000002": { code: "card_declined", message: "Your card was declined. Try another card." },
  "4000000000009995": { code: "insufficient_funds", message: "Your card has insufficient funds. Try another card." },
  "4000000000009987": { code: "lost_card", message: "Your card was declined. Try another card." },
  "4000000000000069": { code: "expired_card", message: "Your card has expired." },
  "4000000000000127": { code: "incorrect_cvc", message: "Your card's security code is incorrect." },
  "4000000000000119": { code: "processing_error", message: "An error occurred while processing your card. Try again in a little bit." },
};

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length >= 12 && sum % 10 === 0;
}

/** Validates the card fields and applies the test-card outcome. `today` keeps it pure. */
export function checkTestCard(card: { number: string; expiry: string; cvc: string }, today: Date): CardCheck {
  const number = card.number.replace(/[\s-]/g, "");
  if (!/^\d{12,19}$/.test(number) || !luhnValid(number)) {
    return { ok: false, field: "number", code: "invalid_number", message: "Your card number is incomplete or invalid." };
  }
  const expiry = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(card.expiry);
  if (!expiry) return { ok: false, field: "expiry", code: "invalid_expiry", message: "Enter the expiry date as MM/YY." };
  const month = Number(expiry[1]);
  const year = expiry[2].length === 2 ? 2000 + Number(expiry[2]) : Number(expiry[2]);
  if (month < 1 || month > 12) return { ok: false, field: "expiry", code: "invalid_expiry", message: "Enter the expiry date as MM/YY." };
  const endOfMonth = Date.UTC(year, month, 1);
  if (endOfMonth <= today.getTime()) return { ok: false, field: "expiry", code: "expired_card", message: "Your card has expired." };
  if (!/^\d{3,4}$/.test(card.cvc.trim()))
    return { ok: false, field: "cvc", code: "invalid_cvc", message: "Your card's security code is incomplete." };
  const decline = DECLINES[number];
  if (decline) return { ok: false, field: "card", ...decline };
  return { ok: true, last4: number.slice(-4) };
}
