/** Money is integer minor units plus an ISO currency code, everywhere; convert only at the edges. */
export type Money = { amount: number; currency: string };

const digitsCache = new Map<string, number>();

/** ISO 4217 minor-unit exponent (USD 2, KES 2, JPY 0). */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** hydrogen-react's MoneyV2 wants the amount as a decimal string. */
export function toMoneyV2({ amount, currency }: Money): { amount: string; currencyCode: string } {
  const digits = minorDigits(currency);
  return { amount: (amount / 10 ** digits).toFixed(digits), currencyCode: currency };
}

export function formatMoney({ amount, currency }: Money, locale = "en-US"): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount / 10 ** digits);
}
