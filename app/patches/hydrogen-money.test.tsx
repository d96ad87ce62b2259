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
import { Money as HydrogenMoney } from "@shopify/hydrogen-react";
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
});
