/** A labelled text input with its hint and error, wired for screen readers (aria-invalid, aria-describedby). */
export type FieldProps = {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  /** Makes the id (`<idPrefix>-<name>`) unique when a page has two forms with the same field names. */
  idPrefix?: string;
  /** The input's id when it must be exactly this (the label, hint and error follow it); else `<idPrefix>-<name>`. */
  id?: string;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "id">;

export function Field({ name, label, error, hint, idPrefix = "f", id: fixedId, ...input }: FieldProps) {
  const id = fixedId ?? `${idPrefix}-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A field's error under a control that is not a plain input (a select, a group); `id` is what the control's aria-describedby names. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p className="field-error" id={id}>
      {message}
    </p>
  ) : null;
}
