import { formatShortMoney } from "~/lib/money";

/** The payout SMS, in the artisan's language. Pure; one SMS (GSM-7, well under 160 characters). */
export function payoutSmsText(input: {
  language: "sw" | "en";
  outcome: "succeeded" | "failed";
  amount: number;
  currency: string;
  receipt?: string;
}): string {
  const amount = formatShortMoney(input.amount, input.currency);
  if (input.outcome === "succeeded") {
    return input.language === "sw"
      ? `Soko: Umelipwa ${amount} kwa M-Pesa. Kumbukumbu ${input.receipt}. Asante kwa kazi nzuri!`
      : `Soko: You have been paid ${amount} by M-Pesa. Reference ${input.receipt}. Thank you for your work!`;
  }
  return input.language === "sw"
    ? `Soko: Malipo ya ${amount} kwa M-Pesa hayakufaulu. Pesa imerudi kwenye salio lako. Angalia nambari yako ya malipo.`
    : `Soko: Your M-Pesa payment of ${amount} did not go through. The money is back in your balance. Check your payout number.`;
}
