import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { confirmArtisanPin, requireArtisan, type ArtisanActor } from "~/features/artisan-app/auth.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { ARTISAN_LANGUAGES, formatClock, skillName, t } from "~/domain/artisans";
import { PIN_PATTERN, retryAfterSeconds } from "~/domain/accounts";
import { retryAfter } from "~/domain/accounts/index.server";
import { clientAddress } from "~/lib/client-address";
import { displayKenyanPhone } from "~/lib/phone";
import { useArtisanLang, useT } from "~/features/artisan-app/use-t";
import { parseProfileForm } from "~/features/artisan-app/workshop-rules";
import { changesPayoutPhone, loadProfile, saveProfile } from "~/features/artisan-app/workshop.server";
import { readForm } from "~/lib/validation";
import { answerRefusals } from "~/lib/refusal.server";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the layout, in her language with her tabs (see ArtisanPageError).
export { ArtisanPageError as ErrorBoundary } from "~/features/artisan-app/PageError";

export const handle = { hydrate: false };

export const meta: MetaFunction = () => [{ title: "Soko · Wasifu / Profile" }];

export async function loader(args: LoaderFunctionArgs) {
  return answerRefusals(() => load(args));
}

async function load({ request }: LoaderFunctionArgs) {
  const artisan = await requireArtisan(request);
  const profile = await loadProfile(artisan.id);
  return withFlash(request, {
    profile: { ...profile, payoutPhone: displayKenyanPhone(profile.payoutPhone) },
    phone: displayKenyanPhone(artisan.phone),
  });
}

export async function action(args: ActionFunctionArgs) {
  return answerRefusals(() => act(args));
}

async function act({ request }: ActionFunctionArgs) {
  const artisan = await requireArtisan(request);
  const form = await readForm(request);
  const parsed = parseProfileForm(form, artisan.language);
  if (!parsed.ok) {
    return data({ errors: parsed.errors, values: typedValues(form) }, { status: 400 });
  }
  // A new M-Pesa number needs her PIN again (counted like a sign-in); everything else saves without it.
  let pinConfirmed = false;
  if (await changesPayoutPhone(artisan.id, parsed.data)) {
    const refused = await pinRefusal(request, artisan, String(form.get("pin") ?? ""));
    if (refused)
      return data({ errors: { pin: refused.message }, values: typedValues(form) }, { status: refused.status, headers: refused.headers });
    pinConfirmed = true;
  }
  if ((await saveProfile(artisan.id, parsed.data, { pinConfirmed })) === "pin_needed") {
    const lang = artisan.language;
    return data({ errors: { pin: t(lang, "profile.pinNeeded") }, values: typedValues(form) }, { status: 409 });
  }
  // The message in the language just chosen: the next page is in it too.
  return redirectWithFlash(request, "/artisan/profile", { kind: "success", message: t(parsed.data.language, "profile.saved") });
}

/** What she typed, to fill the form again (never the PIN). */
function typedValues(form: FormData) {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && key !== "pin") values[key] = value.slice(0, 100);
  return values;
}

/** Why the PIN typed to change the payout number is refused (in her language), or null when it is hers. */
async function pinRefusal(request: Request, artisan: ArtisanActor, pin: string) {
  const lang = artisan.language;
  if (!PIN_PATTERN.test(pin)) return { status: 400, message: t(lang, "profile.pinNeeded"), headers: undefined };
  const check = await confirmArtisanPin({ artisanId: artisan.id, phone: artisan.phone, pin, address: clientAddress(request.headers) });
  if (check.ok) return null;
  if (check.reason === "locked") {
    const time = formatClock(lang, check.lockedUntil);
    const minutes = Math.ceil(retryAfterSeconds(check.lockedUntil, new Date()) / 60);
    const message = check.per === "address" ? t(lang, "login.lockedNetwork", { time }) : t(lang, "login.locked", { count: minutes, time });
    return { status: 429, message, headers: retryAfter(check.lockedUntil) };
  }
  return { status: 401, message: t(lang, "profile.pinWrong"), headers: undefined };
}

export default function Profile() {
  const { profile, phone, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const lang = useArtisanLang();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const values = actionData?.values;
  const value = (name: string, fallback: string) => values?.[name] ?? fallback;
  const checked = (name: string, fallback: boolean) => (values ? values[name] === "on" : fallback);
  return (
    <section className="aa-page">
      <h1>{t("profile.title")}</h1>
      <p className="aa-lead">{phone}</p>
      <FlashNotice flash={flash} look="aa-notice" />
      {actionData ? (
        <p className="aa-notice aa-notice--error" role="alert">
          {Object.values(errors)[0]}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <h2>{t("profile.skills")}</h2>
        {profile.skills.length === 0 ? (
          <p className="aa-empty">{t("profile.noSkills")}</p>
        ) : (
          profile.skills.map((skill) => {
            const name = `capacity.${skill.skillId}`;
            return (
              <div className="aa-field" key={skill.skillId}>
                <label htmlFor={`capacity-${skill.skillId}`}>
                  {skillName(lang, skill)} — {t("profile.capacity")}
                </label>
                <input
                  id={`capacity-${skill.skillId}`}
                  name={name}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={500}
                  required
                  defaultValue={value(name, String(skill.weeklyCapacity))}
                  aria-invalid={errors[name] ? true : undefined}
                  aria-describedby={errors[name] ? `capacity-${skill.skillId}-error` : undefined}
                />
                {errors[name] ? (
                  <p className="aa-error" id={`capacity-${skill.skillId}-error`}>
                    {errors[name]}
                  </p>
                ) : null}
              </div>
            );
          })
        )}

        <h2>{t("profile.availability")}</h2>
        <label className="aa-check">
          <input type="checkbox" name="available" defaultChecked={checked("available", profile.available)} />
          {t("profile.available")}
        </label>
        <div className="aa-row">
          <div className="aa-field">
            <label htmlFor="away-from">{t("profile.awayFrom")}</label>
            <input
              id="away-from"
              name="awayFrom"
              type="date"
              defaultValue={value("awayFrom", profile.awayFrom ?? "")}
              aria-invalid={errors.awayFrom ? true : undefined}
              aria-describedby={errors.awayFrom ? "away-from-error" : undefined}
            />
            {errors.awayFrom ? (
              <p className="aa-error" id="away-from-error">
                {errors.awayFrom}
              </p>
            ) : null}
          </div>
          <div className="aa-field">
            <label htmlFor="away-until">{t("profile.awayUntil")}</label>
            <input
              id="away-until"
              name="awayUntil"
              type="date"
              defaultValue={value("awayUntil", profile.awayUntil ?? "")}
              aria-invalid={errors.awayUntil ? true : undefined}
              aria-describedby={errors.awayUntil ? "away-until-error" : undefined}
            />
            {errors.awayUntil ? (
              <p className="aa-error" id="away-until-error">
                {errors.awayUntil}
              </p>
            ) : null}
          </div>
        </div>

        <div className="aa-field">
          <label htmlFor="payout-phone">{t("profile.payoutPhone")}</label>
          <input
            id="payout-phone"
            name="payoutPhone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            required
            defaultValue={value("payoutPhone", profile.payoutPhone)}
            aria-invalid={errors.payoutPhone ? true : undefined}
            aria-describedby={errors.payoutPhone ? "payout-phone-error" : undefined}
          />
          {errors.payoutPhone ? (
            <p className="aa-error" id="payout-phone-error">
              {errors.payoutPhone}
            </p>
          ) : null}
        </div>
        <div className="aa-field">
          <label htmlFor="payout-pin">{t("profile.pin")}</label>
          <input
            id="payout-pin"
            name="pin"
            type="password"
            inputMode="numeric"
            autoComplete="current-password"
            pattern="[0-9]*"
            maxLength={6}
            aria-invalid={errors.pin ? true : undefined}
            aria-describedby={errors.pin ? "payout-pin-error" : undefined}
          />
          {errors.pin ? (
            <p className="aa-error" id="payout-pin-error">
              {errors.pin}
            </p>
          ) : null}
        </div>

        <label className="aa-check">
          <input type="checkbox" name="publicProfile" defaultChecked={checked("publicProfile", profile.publicProfile)} />
          {t("profile.publicProfile")}
        </label>

        <div className="aa-field">
          <label htmlFor="language">{t("profile.language")}</label>
          <select id="language" name="language" defaultValue={value("language", profile.language)}>
            {ARTISAN_LANGUAGES.map((option) => (
              <option key={option} value={option} lang={option}>
                {t(`lang.${option}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="aa-button">
          {t("profile.save")}
        </button>
      </Form>

      <p className="aa-links">
        <Link to="/artisan/pin">{t("profile.pinLink")}</Link>
      </p>
      <Form method="post" action="/artisan/logout">
        <button type="submit" className="aa-button aa-button--quiet">
          {t("login.signOut")}
        </button>
      </Form>
    </section>
  );
}
