import { Money as HydrogenMoney } from "@shopify/hydrogen-react";
import type { CurrencyCode } from "@shopify/hydrogen-react/storefront-api-types";
import { toMoneyV2, type Money as MoneyValue } from "~/lib/money";

/** Our one wrapper around hydrogen-react's Money: takes minor units, renders inline. */
export function Money({ value, className }: { value: MoneyValue; className?: string }) {
  const { amount, currencyCode } = toMoneyV2(value);
  return <HydrogenMoney as="span" data={{ amount, currencyCode: currencyCode as CurrencyCode }} className={className} />;
}
