import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getArtisan, sendPinCode, setPinWithCode } from "~/features/artisan-app/auth.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatClock, languageForRequest, t, translator, type Lang } from "~/domain/artisans";
import { retryAfter } from "~/domain/accounts/index.server";
import { clientAddress } from "~/lib/client-address";
import { displayKenyanPhone } from "~/lib/phone";
import { kenyanPhone } from "~/features/artisan-app/forms";
import { OTP_PATTERN, PIN_PATTERN } from "~/domain/accounts";
import { useT } from "~/features/artisan-app/use-t";
import { parseWith, readForm } from "~/lib/validation";

export const handle = { hydrate: false };

export const meta: MetaFunction = () => [{ title: "Soko · PIN" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Open to everyone (a forgotten PIN); a signed-in artisan changing theirs gets their phone filled in.
  const artisan = await getArtisan(request);
  return { lang: languageForRequest(request, artisan?.language), phone: artisan ? displayKenyanPhone(artisan.phone) : "" };
}

type ActionData = { step: "send" | "set"; phone: string; errors: Record<string, string>; notice: string | null; formError: string | null };

export async function action({ request }: ActionFunctionArgs) {
  const artisan = await getArtisan(request);
  const lang = languageForRequest(request, artisan?.language);
  const form = await readForm(request);
  const typedPhone = String(form.get("phone") ?? "").slice(0, 40);
  const intent = form.get("intent");

  if (intent === "send") {
    const parsed = parseWith(sendSchema(lang), form);
    if (!parsed.ok)
      return data<ActionData>({ step: "send", phone: typedPhone, errors: parsed.errors, notice: null, formError: null }, { status: 400 });
    const result = await sendPinCode({ phone: parsed.data.phone, address: clientAddress(request.headers) });
    if (!result.ok) {
      const formError =
        result.reason === "wait" ? t(lang, "pin.wait") : t(lang, "pin.tooManyCodes", { time: formatClock(lang, result.lockedUntil) });
      return data<ActionData>(
        { step: "set", phone: typedPhone, errors: {}, notice: null, formError },
        { status: 429, headers: result.reason === "wait" ? undefined : retryAfter(result.lockedUntil) },
      );
    }
    return data<ActionData>({ step: "set", phone: typedPhone, errors: {}, notice: t(lang, "pin.codeSent"), formError: null });
  }

  if (intent === "set") {
    const parsed = parseWith(setSchema(lang), form);
    if (!parsed.ok)
      return data<ActionData>({ step: "set", phone: typedPhone, errors: parsed.errors, notice: null, formError: null }, { status: 400 });
    const result = await setPinWithCode(parsed.data);
    if (!result.ok) {
      const message = result.reason === "too_many" ? t(lang, "pin.tooManyTries") : t(lang, "pin.badCode");
      return data<ActionData>({ step: "set", phone: typedPhone, errors: {}, notice: null, formError: message }, { status: 400 });
    }
    return redirectWithFlash(request, `/artisan?lang=${lang}`, { kind: "success", message: t(lang, "pin.saved") });
  }

  throw new Response("Unknown action", { status: 400 });
}

export default function ArtisanPin() {
  const { lang, phone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const step = actionData?.step ?? "send";
  const phoneValue = actionData?.phone ?? phone;
  return (
    <section className="aa-page">
      <h1>{t("pin.title")}</h1>
      <p className="aa-lead">{t("pin.intro")}</p>
      {actionData?.notice ? (
        <p className="aa-notice aa-notice--success" role="status">
          {actionData.notice}
        </p>
      ) : null}
      {actionData?.formError ? (
        <p className="aa-notice aa-notice--error" role="alert">
          {actionData.formError}
        </p>
      ) : null}

      {step === "send" ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="send" />
          <PhoneField value={phoneValue} error={errors.phone} />
          <button type="submit" className="aa-button">
            {t("pin.sendCode")}
          </button>
        </Form>
      ) : (
        <>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="set" />
            <PhoneField value={phoneValue} error={errors.phone} />
            <div className="aa-field">
              <label htmlFor="pin-code">{t("pin.code")}</label>
              <input
                id="pin-code"
                name="code"
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                required
                aria-invalid={errors.code ? true : undefined}
                aria-describedby={errors.code ? "pin-code-error" : undefined}
              />
              {errors.code ? (
                <p className="aa-error" id="pin-code-error">
                  {errors.code}
                </p>
              ) : null}
            </div>
            <div className="aa-field">
              <label htmlFor="pin-new">{t("pin.newPin")}</label>
              <input
                id="pin-new"
                name="pin"
                type="password"
                inputMode="numeric"
                autoComplete="new-password"
                maxLength={6}
                required
                aria-invalid={errors.pin ? true : undefined}
                aria-describedby={errors.pin ? "pin-new-error" : undefined}
              />
              {errors.pin ? (
                <p className="aa-error" id="pin-new-error">
                  {errors.pin}
                </p>
              ) : null}
            </div>
            <div className="aa-field">
              <label htmlFor="pin-confirm">{t("pin.confirmPin")}</label>
              <input
                id="pin-confirm"
                name="confirm"
                type="password"
                inputMode="numeric"
                autoComplete="new-password"
                maxLength={6}
                required
                aria-invalid={errors.confirm ? true : undefined}
                aria-describedby={errors.confirm ? "pin-confirm-error" : undefined}
              />
              {errors.confirm ? (
                <p className="aa-error" id="pin-confirm-error">
                  {errors.confirm}
                </p>
              ) : null}
            </div>
            <button type="submit" className="aa-button">
              {t("pin.save")}
            </button>
          </Form>
          <Form method="post" noValidate className="aa-links">
            <input type="hidden" name="intent" value="send" />
            <input type="hidden" name="phone" value={phoneValue} />
            <button type="submit" className="aa-button aa-button--quiet">
              {t("pin.sendCode")}
            </button>
          </Form>
        </>
      )}
      <p className="aa-links">
        <Link to={`/artisan?lang=${lang}`}>{t("login.title")}</Link>
      </p>
    </section>
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

function sendSchema(lang: Lang) {
  return z.object({ phone: kenyanPhone(lang) });
}

function setSchema(lang: Lang) {
  const tr = translator(lang);
  return z
    .object({
      phone: kenyanPhone(lang),
      code: z.string().trim().regex(OTP_PATTERN, tr("err.code")),
      pin: z.string().regex(PIN_PATTERN, tr("err.pin")),
      confirm: z.string(),
    })
    .refine((v) => v.pin === v.confirm, { path: ["confirm"], message: tr("pin.mismatch") });
}
