import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Money } from "~/components/commerce/Money";
import { requireArtisan } from "~/features/artisan-app/auth.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { formId } from "~/features/artisan-app/forms";
import { formatDay, formatMoment, t } from "~/domain/artisans";
import { acceptOffer, acceptPartOfOffer, declineOffer, listOffers, type ActionOutcome } from "~/features/artisan-app/production.server";
import { DECLINE_REASONS, offerTotal } from "~/domain/production";
import { useArtisanLang, useT } from "~/features/artisan-app/use-t";
import { wholeNumber } from "~/lib/fields";
import { readForm } from "~/lib/validation";
import { answerRefusals } from "~/lib/refusal.server";
import { FlashNotice } from "~/components/ui/Notice";
import { RequestCardHead } from "~/features/artisan-app/RequestCardHead";

// A refused action renders here, inside the layout, in her language with her tabs (see ArtisanPageError).
export { ArtisanPageError as ErrorBoundary } from "~/features/artisan-app/PageError";

export const handle = { hydrate: false };

export const meta: MetaFunction = () => [{ title: "Soko · Kazi mpya / Offers" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const artisan = await requireArtisan(request);
  const offers = await listOffers(artisan.id);
  return withFlash(request, {
    offers: offers.map((o) => ({ ...o, offerExpiresAt: o.offerExpiresAt?.toISOString() ?? null })),
  });
}

export async function action(args: ActionFunctionArgs) {
  return answerRefusals(() => act(args));
}

async function act({ request }: ActionFunctionArgs) {
  const artisan = await requireArtisan(request);
  const lang = artisan.language;
  const form = await readForm(request);
  const requestId = formId(form, "requestId");
  const intent = form.get("intent");
  let outcome: ActionOutcome;
  let success: string;
  if (intent === "accept") {
    outcome = await acceptOffer(artisan.id, requestId);
    success = t(lang, "offers.accepted");
  } else if (intent === "accept_part") {
    const max = Number(form.get("max"));
    const quantity = wholeNumber("", { min: 1 }).safeParse(form.get("quantity"));
    if (!quantity.success)
      return data({ requestId, error: t(lang, "offers.badPart", { max: Number.isFinite(max) ? max - 1 : "" }) }, { status: 400 });
    outcome = await acceptPartOfOffer(artisan.id, requestId, quantity.data);
    success = t(lang, "offers.acceptedPart", { count: quantity.data });
  } else if (intent === "decline") {
    const reason = z.enum(DECLINE_REASONS).safeParse(form.get("reason"));
    if (!reason.success) throw new Response("Choose a reason", { status: 400 });
    outcome = await declineOffer(artisan.id, requestId, reason.data);
    success = t(lang, "offers.declined");
  } else {
    throw new Response("Unknown action", { status: 400 });
  }
  if (outcome.ok) return redirectWithFlash(request, "/artisan/offers", { kind: "success", message: success });
  if (outcome.reason === "bad_quantity") {
    const max = Number(form.get("max"));
    return data({ requestId, error: t(lang, "offers.badPart", { max: Number.isFinite(max) ? max - 1 : "" }) }, { status: 400 });
  }
  const message = outcome.reason === "expired" ? t(lang, "offers.expired") : t(lang, "err.stale");
  return redirectWithFlash(request, "/artisan/offers", { kind: "error", message });
}

export default function Offers() {
  const { offers, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const lang = useArtisanLang();
  return (
    <section className="aa-page">
      <h1>{t("offers.title")}</h1>
      <FlashNotice flash={flash} look="aa-notice" />
      {offers.length === 0 ? (
        <p className="aa-empty">{t("offers.empty")}</p>
      ) : (
        <ul className="aa-list">
          {offers.map((offer) => {
            const error = actionData && actionData.requestId === offer.id ? actionData.error : null;
            return (
              <li key={offer.id} className="aa-card" id={`offer-${offer.id}`}>
                <RequestCardHead piece={offer} />
                <dl className="aa-facts">
                  <dt>{t("offers.quantity")}</dt>
                  <dd>{t("offers.pieces", { count: offer.quantity })}</dd>
                  <dt>{t("offers.due")}</dt>
                  <dd>{formatDay(lang, offer.dueDate)}</dd>
                  <dt>{t("offers.payPerPiece")}</dt>
                  <dd>
                    <Money value={{ amount: offer.pieceRate, currency: offer.currency }} />
                  </dd>
                  <dt>{t("offers.total")}</dt>
                  <dd>
                    <Money value={{ amount: offerTotal(offer.pieceRate, offer.quantity), currency: offer.currency }} />
                  </dd>
                </dl>
                {offer.offerExpiresAt ? (
                  <p>
                    <span className="aa-badge aa-badge--warn">
                      {t("offers.expires", { time: formatMoment(lang, offer.offerExpiresAt) })}
                    </span>
                  </p>
                ) : null}
                {error ? (
                  <p className="aa-notice aa-notice--error" role="alert">
                    {error}
                  </p>
                ) : null}
                <div className="aa-actions">
                  <Form method="post">
                    <input type="hidden" name="requestId" value={offer.id} />
                    <button type="submit" name="intent" value="accept" className="aa-button aa-button--go">
                      {t("offers.accept", { count: offer.quantity })}
                    </button>
                  </Form>
                  {offer.quantity > 1 ? (
                    <details>
                      <summary>{t("offers.acceptPart")}</summary>
                      <Form method="post">
                        <input type="hidden" name="requestId" value={offer.id} />
                        <input type="hidden" name="max" value={offer.quantity} />
                        <div className="aa-field">
                          <label htmlFor={`part-${offer.id}`}>{t("offers.acceptPartHow")}</label>
                          <input
                            id={`part-${offer.id}`}
                            name="quantity"
                            type="number"
                            inputMode="numeric"
                            min={1}
                            max={offer.quantity - 1}
                            defaultValue={1}
                            required
                          />
                        </div>
                        <button type="submit" name="intent" value="accept_part" className="aa-button aa-button--quiet">
                          {t("offers.acceptPart")}
                        </button>
                      </Form>
                    </details>
                  ) : null}
                  <details>
                    <summary>{t("offers.decline")}</summary>
                    <Form method="post">
                      <input type="hidden" name="requestId" value={offer.id} />
                      <div className="aa-field">
                        <label htmlFor={`reason-${offer.id}`}>{t("offers.declineReason")}</label>
                        <select id={`reason-${offer.id}`} name="reason" defaultValue="too_busy">
                          {DECLINE_REASONS.map((reason) => (
                            <option key={reason} value={reason}>
                              {t(`offers.reason.${reason}`)}
                            </option>
                          ))}
                        </select>
                      </div>
                      <button type="submit" name="intent" value="decline" className="aa-button aa-button--stop">
                        {t("offers.decline")}
                      </button>
                    </Form>
                  </details>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
