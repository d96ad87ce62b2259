/** The quick-order SKU rows, pure: how many the form shows, reading them back, and what to say about bad ones. */
import type { RawRow, RowError } from "~/domain/wholesale";

export const DEFAULT_ROWS = 20;
export const MAX_FORM_ROWS = 200;

/** The `?rows=` the page was asked for, kept between the default and the most one form takes. */
export function rowsToShow(param: string | null): number {
  const asked = Number(param ?? DEFAULT_ROWS);
  return Number.isInteger(asked) ? Math.min(Math.max(asked, DEFAULT_ROWS), MAX_FORM_ROWS) : DEFAULT_ROWS;
}

/** The filled-in rows (sku0/qty0, sku1/qty1, …) as order rows, and every row as typed, to show again. */
export function formRows(form: FormData) {
  const rows: RawRow[] = [];
  const values: Array<{ sku: string; quantity: string }> = [];
  for (let i = 0; i < MAX_FORM_ROWS; i++) {
    const sku = form.get(`sku${i}`);
    const quantity = form.get(`qty${i}`);
    if (sku === null && quantity === null) break;
    const s = String(sku ?? "")
      .trim()
      .slice(0, 64);
    const q = String(quantity ?? "")
      .trim()
      .slice(0, 12);
    values.push({ sku: s, quantity: q });
    if (s || q) rows.push({ line: i + 1, sku: s, quantity: q });
  }
  return { rows, values };
}

export function rowsMessage(n: number) {
  return `${n} ${n === 1 ? "row needs" : "rows need"} fixing before anything is added to your order.`;
}

/** What the quick-order action answers when it does not redirect, one shape per form. */
export type QuickOrderActionData =
  | { intent: "rows"; rowErrors: RowError[]; values: Array<{ sku: string; quantity: string }>; message: string }
  | { intent: "csv"; rowErrors: RowError[]; message: string; checked?: number }
  | { intent: "place" | "save" | "line"; errors: Record<string, string>; values: Record<string, string>; message: string }
  | { intent: "pay"; payment: StripeCardStep; details: CardStepDetails }
  /** A delete or discard sent without its confirmation: `about` is the step to show open again. */
  | { intent: "confirm"; about: string; message: string };

export type StripeCardStep = {
  paymentIntentId: string;
  clientSecret: string;
  publishableKey: string;
  returnUrl: string;
  amount: number;
  currency: string;
};

export type CardStepDetails = {
  poNumber: string;
  retailerLocationId: number | null;
  shipWindowStart: string | null;
  shipWindowEnd: string | null;
};
