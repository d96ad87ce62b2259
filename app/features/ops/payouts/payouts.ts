/** The payouts page's shared shapes and links (safe in the browser). */
import type { FieldErrors } from "~/lib/validation";

/** A refused form: its errors and what was typed, to draw it again. */
export type ActionFailure = { errors: FieldErrors; values: Record<string, string> };

/** /ops/payouts with the preview's threshold, search and page (a new search or threshold starts at page 1). */
export function previewHref(input: { threshold?: number; q?: string; page?: number; confirm?: boolean }) {
  const params = new URLSearchParams();
  if (input.confirm) params.set("confirm", "1");
  if (input.threshold !== undefined) params.set("threshold", String(input.threshold));
  if (input.q) params.set("q", input.q);
  if (input.page && input.page > 1) params.set("page", String(input.page));
  const qs = params.toString();
  return qs ? `/ops/payouts?${qs}` : "/ops/payouts";
}
