import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { LangField } from "../LangField";
import { useT } from "../use-t";

/** Step one: the phone a code is texted to ("send"). */
export function SendCodeForm({ phone, error }: { phone: string; error?: string }) {
  const t = useT();
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="send" />
      <LangField />
      <PhoneField value={phone} error={error} />
      <SubmitButton className="aa-button" busyLabel={t("pin.sendCode")}>
        {t("pin.sendCode")}
      </SubmitButton>
    </Form>
  );
}

/** Step two: the code and the new PIN twice ("set"), and a way to have the code sent again. */
export function SetPinForm({ phone, errors }: { phone: string; errors: Record<string, string | undefined> }) {
  const t = useT();
  return (
    <>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="set" />
        <LangField />
        <PhoneField value={phone} error={errors.phone} />
        <DigitsField id="pin-code" name="code" type="text" autoComplete="one-time-code" label={t("pin.code")} error={errors.code} />
        <DigitsField id="pin-new" name="pin" type="password" autoComplete="new-password" label={t("pin.newPin")} error={errors.pin} />
        <DigitsField
          id="pin-confirm"
          name="confirm"
          type="password"
          autoComplete="new-password"
          label={t("pin.confirmPin")}
          error={errors.confirm}
        />
        <SubmitButton className="aa-button" busyLabel={t("pin.save")}>
          {t("pin.save")}
        </SubmitButton>
      </Form>
      <Form method="post" noValidate className="aa-links">
        <input type="hidden" name="intent" value="send" />
        <LangField />
        <input type="hidden" name="phone" value={phone} />
        <SubmitButton className="aa-button aa-button--quiet" busyLabel={t("pin.sendCode")}>
          {t("pin.sendCode")}
        </SubmitButton>
      </Form>
    </>
  );
}

/** A six-digit field (the code, a PIN) with its error under it. */
function DigitsField({
  id,
  name,
  type,
  autoComplete,
  label,
  error,
}: {
  id: string;
  name: string;
  type: "text" | "password";
  autoComplete: string;
  label: string;
  error?: string;
}) {
  return (
    <div className="aa-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        inputMode="numeric"
        autoComplete={autoComplete}
        maxLength={6}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p className="aa-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function PhoneField({ value, error }: { value: string; error?: string }) {
  const t = useT();
  return (
    <div className="aa-field">
      <label htmlFor="pin-phone">{t("login.phone")}</label>
      <input
        id="pin-phone"
        name="phone"
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        required
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "pin-phone-error" : "pin-phone-hint"}
      />
      <span className="aa-hint" id="pin-phone-hint">
        {t("login.phoneHint")}
      </span>
      {error ? (
        <p className="aa-error" id="pin-phone-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
