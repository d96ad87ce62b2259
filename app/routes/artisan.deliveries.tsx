import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireArtisan } from "~/features/artisan-app/auth.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { formId } from "~/features/artisan-app/forms";
import { formatMoment, t } from "~/domain/artisans";
import { displayKenyanPhone } from "~/lib/phone";
import { confirmHandOver, listDeliveries } from "~/features/artisan-app/production.server";
import { useArtisanLang, useT } from "~/features/artisan-app/use-t";
import { readForm } from "~/lib/validation";
import { answerRefusals } from "~/lib/refusal.server";
import { VariantName } from "~/features/artisan-app/CatalogNames";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the layout, in her language with her tabs (see ArtisanPageError).
export { ArtisanPageError as ErrorBoundary } from "~/features/artisan-app/PageError";

export const handle = { hydrate: false };

export const meta: MetaFunction = () => [{ title: "Soko · Uchukuzi / Pickups" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const artisan = await requireArtisan(request);
  const rows = await listDeliveries(artisan.id);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return withFlash(request, {
    deliveries: rows.map((r) => ({
      id: r.id,
      number: r.number,
      product: r.product,
      variant: r.variant,
      quantity: r.quantity,
      status: r.status,
      pickupId: r.pickupId,
      scheduledFor: iso(r.scheduledFor),
      riderName: r.riderName,
      riderPhone: r.riderPhone,
      artisanConfirmedAt: iso(r.artisanConfirmedAt),
      riderConfirmedAt: iso(r.riderConfirmedAt),
      deliveredAt: iso(r.deliveredAt),
      pickupStatus: r.pickupStatus,
    })),
  });
}

export async function action(args: ActionFunctionArgs) {
  return answerRefusals(() => act(args));
}

async function act({ request }: ActionFunctionArgs) {
  const artisan = await requireArtisan(request);
  const form = await readForm(request);
  if (form.get("intent") !== "hand_over") throw new Response("Unknown action", { status: 400 });
  const outcome = await confirmHandOver(artisan.id, formId(form, "pickupId"));
  return redirectWithFlash(
    request,
    "/artisan/deliveries",
    outcome.ok
      ? { kind: "success", message: t(artisan.language, "deliveries.handedOver") }
      : { kind: "error", message: t(artisan.language, "err.stale") },
  );
}

export default function Deliveries() {
  const { deliveries, flash } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useArtisanLang();
  const waiting = deliveries.filter((d) => d.status === "ready");
  const recent = deliveries.filter((d) => d.status !== "ready");
  return (
    <section className="aa-page">
      <h1>{t("deliveries.title")}</h1>
      <FlashNotice flash={flash} look="aa-notice" />
      {waiting.length === 0 ? (
        <p className="aa-empty">{t("deliveries.empty")}</p>
      ) : (
        <ul className="aa-list">
          {waiting.map((d) => (
            <li key={d.id} className="aa-card" id={`delivery-${d.id}`}>
              <h2 className="aa-card__title" lang="en">
                {d.product}
              </h2>
              <p className="aa-card__meta">
                <VariantName name={d.variant} /> · {t("offers.pieces", { count: d.quantity })} · {t("offers.request", { number: d.number })}
              </p>
              {!d.pickupId || !d.scheduledFor ? (
                <p>
                  <span className="aa-badge aa-badge--warn">{t("deliveries.waiting")}</span>
                </p>
              ) : (
                <>
                  <p>
                    <strong>{t("deliveries.scheduled", { time: formatMoment(lang, d.scheduledFor) })}</strong>
                  </p>
                  {d.riderName ? (
                    <p>
                      {t("deliveries.rider", { name: d.riderName })}
                      {d.riderPhone ? (
                        <>
                          {" "}
                          · <a href={`tel:${d.riderPhone}`}>{displayKenyanPhone(d.riderPhone)}</a>
                        </>
                      ) : null}
                    </p>
                  ) : null}
                  <p>
                    {d.riderConfirmedAt
                      ? t("deliveries.riderConfirmed", { time: formatMoment(lang, d.riderConfirmedAt) })
                      : t("deliveries.riderNotYet")}
                  </p>
                  {d.artisanConfirmedAt ? (
                    <p>
                      <span className="aa-badge aa-badge--ok">
                        {t("deliveries.youConfirmed", { time: formatMoment(lang, d.artisanConfirmedAt) })}
                      </span>
                    </p>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="pickupId" value={d.pickupId} />
                      <button type="submit" name="intent" value="hand_over" className="aa-button aa-button--go">
                        {t("deliveries.handOver")}
                      </button>
                    </Form>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {recent.length ? (
        <>
          <h2>{t("deliveries.recent")}</h2>
          <ul className="aa-list">
            {recent.map((d) => (
              <li key={d.id} className="aa-card">
                <h3 className="aa-card__title" lang="en">
                  {d.product}
                </h3>
                <p className="aa-card__meta">
                  {t("offers.pieces", { count: d.quantity })} · {t("offers.request", { number: d.number })}
                </p>
                {d.artisanConfirmedAt ? <p>{t("deliveries.youConfirmed", { time: formatMoment(lang, d.artisanConfirmedAt) })}</p> : null}
                {!d.artisanConfirmedAt && d.pickupId && d.status === "collected" ? (
                  <Form method="post">
                    <input type="hidden" name="pickupId" value={d.pickupId} />
                    <button type="submit" name="intent" value="hand_over" className="aa-button aa-button--go">
                      {t("deliveries.handOver")}
                    </button>
                  </Form>
                ) : null}
                {d.riderConfirmedAt ? <p>{t("deliveries.riderConfirmed", { time: formatMoment(lang, d.riderConfirmedAt) })}</p> : null}
                {d.deliveredAt ? (
                  <p>
                    <span className="aa-badge aa-badge--ok">{t("deliveries.delivered", { time: formatMoment(lang, d.deliveredAt) })}</span>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
