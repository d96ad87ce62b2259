import type { FieldErrors } from "~/lib/validation";

/** What /cart answers when a change is refused: the message by field, the input as sent, and the line it was for. */
export type CartRefusal = { errors: FieldErrors; values: Record<string, string>; lineId: number | null };

export function firstError(errors: FieldErrors): string | null {
  return Object.values(errors)[0] ?? null;
}

export function days(n: number) {
  return n === 1 ? "1 day" : `${n} days`;
}

export function capitalize(word: string) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
