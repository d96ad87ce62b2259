import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * Something that can't be taken back (deleting a saved draft, removing an address) asks first: its
 * button opens the question and the real submit beside it (a <details>, so it works with JavaScript
 * off), and that form sends `confirm=yes`, which the action requires.
 * `open` shows the question again when the action answered without the tick.
 */
export function ConfirmStep({
  label,
  name,
  question,
  confirmLabel,
  fields,
  open,
  error,
  action,
  look = "link-button",
}: {
  /** The first button's words ("Delete"). */
  label: string;
  /** The first button's accessible name ("Delete Spring restock"). */
  name: string;
  question: ReactNode;
  /** The submit's words ("Yes, delete it"). */
  confirmLabel: string;
  /** The hidden fields the action needs: its intent and what it acts on. */
  fields: Record<string, string | number>;
  open?: boolean;
  error?: string;
  /** Where the form posts, when not to this page's own action. */
  action?: string;
  /** The first button's look: a link (the default) or a quieter button ("button button--small button--secondary"). */
  look?: string;
}) {
  return (
    <details className="confirm-step" open={open || undefined}>
      <summary className={look} aria-label={name}>
        {label}
      </summary>
      <Form method="post" action={action} className="confirm-step__panel">
        {Object.entries(fields).map(([key, value]) => (
          <input key={key} type="hidden" name={key} value={value} />
        ))}
        <input type="hidden" name="confirm" value="yes" />
        <p>{question}</p>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button button--small button--danger">
          {confirmLabel}
        </button>
      </Form>
    </details>
  );
}
