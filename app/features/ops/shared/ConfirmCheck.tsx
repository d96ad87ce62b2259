import type { ReactNode } from "react";
import { FieldError } from "~/components/ui/Field";

/**
 * The tick a console form asks for before something that can't be taken back (deactivating someone,
 * cancelling an order): `confirm=yes`, required in the browser, and its error beside it when the
 * action answers without it.
 */
export function ConfirmCheck({ id, error, children }: { id: string; error?: string; children: ReactNode }) {
  return (
    <>
      <div className="ops-check">
        <input
          id={id}
          type="checkbox"
          name="confirm"
          value="yes"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-error`}
        />
        <label htmlFor={id}>{children}</label>
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </>
  );
}
