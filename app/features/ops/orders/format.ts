/** The order page's shared shapes and words (safe in the browser). */
import type { FieldErrors } from "~/lib/validation";

/** A refused form: which one, the order-level error or the fields', what was typed, and a fresh key after a provider failure. */
export type ActionFailure = { intent: string; error: string | null; errors: FieldErrors; values: Record<string, string>; nextKey?: string };

export const CHANNEL_LABEL: Record<string, string> = { web: "Web", wholesale: "Wholesale", pos: "Flagship POS" };

export function words(value: string) {
  return value.replace(/_/g, " ");
}

/** The orders list's download link: "Download this order as CSV", "Download these 12 orders as CSV", "Download all 40 orders as CSV". */
export function csvLinkWords(total: number, filtered: boolean) {
  if (total === 1) return `Download ${filtered ? "this order" : "the order"} as CSV`;
  return `Download ${filtered ? "these" : "all"} ${total} orders as CSV`;
}
