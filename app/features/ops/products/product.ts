/** The product editor's shared shapes and words (safe in the browser). */
import type { FieldErrors } from "~/lib/validation";

/** A refused form: which one (and which variant or image), its errors and what was typed. */
export type Failure = { intent: string; target: number | null; errors: FieldErrors; values: Record<string, string> };

export const STOREFRONT_DELAY = "Changes appear on the storefront within a minute.";
export const STATUS_LABEL: Record<string, string> = { active: "Published", draft: "Draft", archived: "Archived" };
