import { Money } from "~/components/commerce/Money";

/** An amount with its sign: + over, − short, nothing when it balances. */
export function Signed({ amount, currency }: { amount: number; currency: string }) {
  return (
    <>
      {amount > 0 ? "+" : amount < 0 ? "−" : ""}
      <Money value={{ amount: Math.abs(amount), currency }} />
    </>
  );
}
