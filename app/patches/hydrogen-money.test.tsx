/**
 * The patched @shopify/hydrogen-react (app/patches, docs/decisions/0009) asks Intl once per locale
 * and currency whether it knows the currency, instead of on every price, and makes a formatter's
 * cache key only when that formatter is used. It must be installed in
 * every build the server and browser load, and prices must read exactly as before.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Money as HydrogenMoney, useMoney } from "@shopify/hydrogen-react";
import type { CurrencyCode } from "@shopify/hydrogen-react/storefront-api-types";
import { Money } from "~/components/commerce/Money";

const dist = path.resolve("node_modules/@shopify/hydrogen-react/dist");
const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&nbsp;|\u00a0/g, " ");

describe("the patched Money", () => {
  it("is installed in every build of useMoney", () => {
    for (const build of ["node-prod/useMoney.mjs", "node-prod/useMoney.js", "node-dev/useMoney.mjs", "node-dev/useMoney.js", "browser-prod/useMoney.mjs", "browser-dev/useMoney.mjs"]) {
      const source = readFileSync(path.join(dist, build), "utf8");
      expect(source, build).toContain("currencySupportCache");
      // Each formatter's cache key is made when it is first asked for, not on every price.
      expect(source, build).toContain("if (key === void 0) key = JSON.stringify([locale, options]);");
    }
  });

  it("renders prices as before, the second time from the cache", () => {
    for (let round = 0; round < 2; round++) {
      expect(text(renderToString(<Money value={{ amount: 480000, currency: "USD" }} />))).toBe("$4,800.00");
      expect(text(renderToString(<Money value={{ amount: 38500, currency: "KES" }} />))).toBe("KES 385.00");
      expect(text(renderToString(<Money value={{ amount: 1999, currency: "EUR" }} />))).toBe("€19.99");
    }
  });

  it("still shows a code Intl refuses as a currency as a number and the code, every time", () => {
    for (let round = 0; round < 2; round++) {
      // Our own Money refuses such a code before this (~/lib/money); hydrogen's falls back.
      expect(text(renderToString(<HydrogenMoney data={{ amount: "12.34", currencyCode: "EURO" as CurrencyCode }} />))).toBe("12.34 EURO");
    }
  });

  it("renders a plain price on the server from one kept formatter, the same text as useMoney's", () => {
    for (const build of ["node-prod/Money.mjs", "node-prod/Money.js"])
      expect(readFileSync(path.join(dist, build), "utf8"), build).toContain("useLocalizedMoneyString");
    for (const build of ["node-prod/useMoney.mjs", "node-prod/useMoney.js"])
      expect(readFileSync(path.join(dist, build), "utf8"), build).toContain("entry.texts.get(money.amount)");
    function ViaUseMoney({ data }: { data: { amount: string; currencyCode: CurrencyCode } }) {
      return <span>{useMoney(data).localizedString}</span>;
    }
    const prices = [
      ["4800.00", "USD"],
      ["0.5", "GBP"],
      ["1234567.89", "EUR"],
      ["385.00", "KES"],
      ["1200", "JPY"],
      ["12.34", "EURO"],
      // The same amount in other currencies and as other text: each amount's text is kept per currency.
      ["4800.00", "GBP"],
      ["4800.00", "EURO"],
      ["4800", "USD"],
    ] as const;
    for (let round = 0; round < 2; round++) {
      for (const [amount, code] of prices) {
        const data = { amount, currencyCode: code as CurrencyCode };
        expect(renderToString(<HydrogenMoney as="span" data={data} />)).toBe(renderToString(<ViaUseMoney data={data} />));
      }
    }
    // The variants still go through useMoney.
    expect(text(renderToString(<HydrogenMoney data={{ amount: "4800.00", currencyCode: "USD" }} withoutTrailingZeros />))).toBe("$4,800");
    expect(text(renderToString(<HydrogenMoney data={{ amount: "4800.50", currencyCode: "USD" }} withoutCurrency />))).toBe("4,800.50");
  });
});
