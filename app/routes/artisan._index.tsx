import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { authenticateArtisan, getArtisan, signInArtisan } from "~/features/artisan-app/auth.server";
import { formatClock, languageForRequest, t, translator } from "~/domain/artisans";
import { formLanguage, kenyanPhone, shownLanguage } from "~/features/artisan-app/forms";
import { LangField } from "~/features/artisan-app/LangField";
import { PIN_PATTERN } from "~/domain/accounts";
import { useT } from "~/features/artisan-app/use-t";
import { retryAfter } from "~/domain/accounts/index.server";
import { retryAfterSeconds } from "~/domain/accounts";
import { clientAddress } from "~/lib/client-address";
import { withFlash } from "~/lib/flash.server";
import { parseWith, readForm } from "~/lib/validation";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the layout, in her language with her tabs (see ArtisanPageError).
export { ArtisanPageError as ErrorBoundary } from "~/features/artisan-app/PageError";

export const handle = { hydrate: false };

export const meta: MetaFunction = () => [{ title: "Soko · Ingia / Sign in" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getArtisan(request)) throw redirect("/artisan/offers");
  return withFlash(request, { lang: languageForRequest(request) });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  // The language she read this page in (its hidden field) carries into the app and her profile: signInArtisan saves it.
  const lang = formLanguage(request, form);
  const typedPhone = String(form.get("phone") ?? "").slice(0, 40);
  const parsed = parseWith(loginSchema(lang), form);
  if (!parsed.ok) return data({ errors: parsed.errors, formError: null, phone: typedPhone }, { status: 400 });
  const { phone, pin } = parsed.data;
  const result = await authenticateArtisan({ phone, pin, address: clientAddress(request.headers) });
  if (result.ok) return signInArtisan(request, result.artisanId, { language: shownLanguage(form) });
  if (result.reason === "locked") {
    const time = formatClock(lang, result.lockedUntil);
    const minutes = Math.ceil(retryAfterSeconds(result.lockedUntil, new Date()) / 60);
    const formError =
      result.per === "address" ? t(lang, "login.lockedNetwork", { time }) : t(lang, "login.locked", { count: minutes, time });
    return data({ errors: {}, formError, phone: typedPhone }, { status: 429, headers: retryAfter(result.lockedUntil) });
  }
  const formError = result.reason === "no_pin" ? t(lang, "login.noPin") : t(lang, "login.wrong");
  return data({ errors: {}, formError, phone: typedPhone }, { status: 401 });
}

export default function ArtisanLogin() {
  const { lang, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  return (
    <section className="aa-page">
      <h1>{t("login.title")}</h1>
      <p className="aa-lead">{t("login.intro")}</p>
      <FlashNotice flash={actionData ? null : flash} look="aa-notice" />
      {actionData?.formError ? (
        <p className="aa-notice aa-notice--error" role="alert" id="login-error">
          {actionData.formError}
        </p>
      ) : null}
      <Form method="post" noValidate aria-describedby={actionData?.formError ? "login-error" : undefined}>
        <LangField />
        <div className="aa-field">
          <label htmlFor="login-phone">{t("login.phone")}</label>
          <input
            id="login-phone"
            name="phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            required
            defaultValue={actionData?.phone ?? ""}
            aria-invalid={errors.phone ? true : undefined}
            aria-describedby={errors.phone ? "login-phone-error" : "login-phone-hint"}
          />
          <span className="aa-hint" id="login-phone-hint">
            {t("login.phoneHint")}
          </span>
          {errors.phone ? (
            <p className="aa-error" id="login-phone-error">
              {errors.phone}
            </p>
          ) : null}
        </div>
        <div className="aa-field">
          <label htmlFor="login-pin">{t("login.pin")}</label>
          <input
            id="login-pin"
            name="pin"
            type="password"
            inputMode="numeric"
            autoComplete="current-password"
            required
            maxLength={6}
            aria-invalid={errors.pin ? true : undefined}
            aria-describedby={errors.pin ? "login-pin-error" : "login-pin-hint"}
          />
          <span className="aa-hint" id="login-pin-hint">
            {t("login.pinHint")}
          </span>
          {errors.pin ? (
            <p className="aa-error" id="login-pin-error">
              {errors.pin}
            </p>
          ) : null}
        </div>
        <button type="submit" className="aa-button">
          {t("login.submit")}
        </button>
      </Form>
      <p className="aa-links">
        {t("login.forgot")} <Link to={`/artisan/pin?lang=${lang}`}>{t("login.getCode")}</Link>
      </p>
    </section>
  );
}

function loginSchema(lang: "sw" | "en") {
  const tr = translator(lang);
  return z.object({
    phone: kenyanPhone(lang),
    pin: z.string().regex(PIN_PATTERN, tr("err.pin")),
  });
}
