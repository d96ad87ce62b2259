import { useNavigation } from "@remix-run/react";

export type SubmitButtonProps = {
  /** Sent as `intent`, so one action can tell its forms apart. */
  intent?: string;
  /** Other fields that single out this form among several with the same intent (a row's number). */
  match?: Record<string, string>;
  className?: string;
  /** What the button says while its form is on its way. */
  busyLabel?: string;
  danger?: boolean;
  children: React.ReactNode;
} & Omit<React.ButtonHTMLAttributes<HTMLButtonElement>, "className" | "children" | "name" | "value" | "type">;

/**
 * The one submit button: it names its intent and, while its own form is being sent, says so and
 * cannot be pressed twice. Without JavaScript it is a plain submit button.
 */
export function SubmitButton({
  intent,
  match,
  className = "button",
  busyLabel = "Working…",
  danger,
  children,
  disabled,
  ...rest
}: SubmitButtonProps) {
  const navigation = useNavigation();
  const sent = navigation.state === "submitting" ? navigation.formData : undefined;
  const busy =
    sent !== undefined &&
    (intent === undefined || sent.get("intent") === intent) &&
    Object.entries(match ?? {}).every(([field, value]) => sent.get(field) === value);
  return (
    <button
      type="submit"
      name={intent === undefined ? undefined : "intent"}
      value={intent}
      className={danger ? `${className} button--danger` : className}
      disabled={busy || disabled}
      {...rest}
    >
      {busy ? busyLabel : children}
    </button>
  );
}
