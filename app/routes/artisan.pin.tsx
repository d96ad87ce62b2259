import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { languageForRequest } from "~/domain/artisans";
import { formLanguage } from "~/features/artisan-app/forms";
import { getArtisan } from "~/features/artisan-app/auth.server";
import { pinIntent } from "~/features/artisan-app/pin/pin.server";
import { SendCodeForm, SetPinForm } from "~/features/artisan-app/pin/PinForms";
import { useT } from "~/features/artisan-app/use-t";
import { displayKenyanPhone } from "~/lib/phone";
import { readForm } from "~/lib/validation";

// A refused action renders here, inside the layout, in her language with her tabs (see ArtisanPageError).
export { ArtisanPageError as ErrorBoundary } from "~/features/artisan-app/PageError";

export const handle = { hydrate: false };

export const meta: MetaFunction = () => [{ title: "Soko · PIN" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Open to everyone (a forgotten PIN); a signed-in artisan changing theirs gets their phone filled in.
  const artisan = await getArtisan(request);
  return { lang: languageForRequest(request, artisan?.language), phone: artisan ? displayKenyanPhone(artisan.phone) : "" };
}

/** Text a code to the phone ("send"), or set a new PIN with it ("set"). */
export async function action({ request }: ActionFunctionArgs) {
  const artisan = await getArtisan(request);
  const form = await readForm(request);
  // Signed in: her own language; signed out: the one the page was shown in (it becomes hers once the PIN is set).
  const lang = artisan ? artisan.language : formLanguage(request, form);
  return pinIntent(request, lang, form);
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

      {step === "send" ? <SendCodeForm phone={phoneValue} error={errors.phone} /> : <SetPinForm phone={phoneValue} errors={errors} />}
      <p className="aa-links">
        <Link to={`/artisan?lang=${lang}`}>{t("login.title")}</Link>
      </p>
    </section>
  );
}
