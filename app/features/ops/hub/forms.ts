/**
 * What the hub's actions send back when a form fails, for the page to show next to that form, and
 * the helper that keeps what was typed.
 */
import type { FieldErrors } from "~/lib/validation";

/** A failed pickup booking or collection on "Today at the hub"; `number` names the request's card. */
export type PickupFailure = { intent: string; number: string; error: string | null; errors: FieldErrors; values: Record<string, string> };

/** A failed receive or quality check on a request's page. */
export type QcFailure = { intent: string; error: string | null; errors: FieldErrors; values: Record<string, string> };

/** A failed pack or ship on the packing lists; `order` names the order's card. */
export type ShipFailure = { intent: string; order: string; error: string | null; errors: FieldErrors; values: Record<string, string> };

/** The form's text fields as typed (files left out), to fill the form in again. */
export function formStrings(form: FormData): Record<string, string> {
  return Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** A failure to answer with, or a success message for the flash on the way back. */
export type HubAnswer<F> = { ok: true; message: string; back?: string } | { ok: false; status: number; failure: F };
