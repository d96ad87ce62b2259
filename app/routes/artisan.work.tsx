import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { requireArtisan } from "~/features/artisan-app/auth.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { formId } from "~/features/artisan-app/forms";
import { formatDay, t } from "~/domain/artisans";
import { MAX_PHOTO_BYTES } from "~/features/artisan-app/photo-rules";
import { PhotoPicker } from "~/features/artisan-app/PhotoPicker";
import { listWork, markReady, recordUnitsMade, startWork, type ActionOutcome } from "~/features/artisan-app/production.server";
import { canMarkReady, canRecordMade, canStart, offerTotal } from "~/domain/production";
import { useArtisanLang, useT } from "~/features/artisan-app/use-t";
import { wholeNumber } from "~/lib/fields";
import { readForm } from "~/lib/validation";
import { answerRefusals } from "~/lib/refusal.server";
import { FlashNotice } from "~/components/ui/Notice";
import { RequestCardHead } from "~/features/artisan-app/RequestCardHead";

// A refused action renders here, inside the layout, in her language with her tabs (see ArtisanPageError).
export { ArtisanPageError as ErrorBoundary } from "~/features/artisan-app/PageError";

export const handle = { hydrate: false };

export const meta: MetaFunction = () => [{ title: "Soko · Kazi yangu / My work" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const artisan = await requireArtisan(request);
  const work = await listWork(artisan.id);
  return withFlash(request, { work: work.map(({ offerExpiresAt: _expiry, ...w }) => w) });
}

// A photo plus the form's few fields; anything much bigger is refused before it is read.
const MAX_BODY_BYTES = MAX_PHOTO_BYTES + 64 * 1024;

export async function action(args: ActionFunctionArgs) {
  return answerRefusals(() => act(args));
}

async function act({ request }: ActionFunctionArgs) {
  const artisan = await requireArtisan(request);
  const lang = artisan.language;
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_BODY_BYTES) {
    return redirectWithFlash(request, "/artisan/work", { kind: "error", message: t(lang, "work.photoBad") });
  }
  const form = await readForm(request);
  const requestId = formId(form, "requestId");
  const intent = form.get("intent");
  let outcome: ActionOutcome;
  let success: string;
  if (intent === "start") {
    outcome = await startWork(artisan.id, requestId);
    success = t(lang, "work.started");
  } else if (intent === "made") {
    const made = wholeNumber("", { min: 0 }).safeParse(form.get("unitsMade"));
    outcome = made.success ? await recordUnitsMade(artisan.id, requestId, made.data) : { ok: false, reason: "bad_quantity" };
    const total = Number(form.get("quantity")) || 0;
    if (!outcome.ok && outcome.reason === "bad_quantity")
      return data({ requestId, error: t(lang, "work.badMade", { max: total }) }, { status: 400 });
    success = t(lang, "work.updated", { made: made.success ? made.data : 0, total });
  } else if (intent === "ready") {
    // The photo is written only once the request is known to be hers (markReady checks first).
    const photo = form.get("photo");
    outcome = await markReady(artisan.id, requestId, {
      allMade: form.get("allMade") === "yes",
      photo: photo instanceof File ? photo : null,
    });
    if (!outcome.ok && outcome.reason === "bad_photo") return data({ requestId, error: t(lang, "work.photoBad") }, { status: 422 });
    if (!outcome.ok && outcome.reason === "not_all_made") {
      const made = Number(form.get("unitsMade")) || 0;
      const total = Number(form.get("quantity")) || 0;
      return data({ requestId, error: t(lang, "work.notAllMade", { made, total }) }, { status: 422 });
    }
    success = t(lang, "work.readyDone");
  } else {
    throw new Response("Unknown action", { status: 400 });
  }
  if (outcome.ok) return redirectWithFlash(request, "/artisan/work", { kind: "success", message: success });
  return redirectWithFlash(request, "/artisan/work", { kind: "error", message: t(lang, "err.stale") });
}

export default function Work() {
  const { work, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const lang = useArtisanLang();
  return (
    <section className="aa-page">
      <h1>{t("work.title")}</h1>
      <FlashNotice flash={flash} look="aa-notice" />
      {work.length === 0 ? (
        <p className="aa-empty">{t("work.empty")}</p>
      ) : (
        <ul className="aa-list">
          {work.map((item) => {
            const error = actionData && actionData.requestId === item.id ? actionData.error : null;
            return (
              <li key={item.id} className="aa-card" id={`work-${item.id}`}>
                <RequestCardHead piece={item}>
                  <p>
                    <span
                      className={`aa-badge${item.status === "qc_failed" ? " aa-badge--bad" : item.status === "in_progress" ? " aa-badge--ok" : ""}`}
                    >
                      {t(`work.status.${item.status as "accepted" | "in_progress" | "qc_failed"}`)}
                    </span>
                  </p>
                </RequestCardHead>
                <dl className="aa-facts">
                  <dt>{t("offers.due")}</dt>
                  <dd>{formatDay(lang, item.dueDate)}</dd>
                  <dt>{t("offers.total")}</dt>
                  <dd>
                    <Money value={{ amount: offerTotal(item.pieceRate, item.quantity), currency: item.currency }} />
                  </dd>
                </dl>
                {item.status === "qc_failed" && item.defect ? (
                  <p className="aa-notice aa-notice--error">{t("work.defect", { note: item.defect })}</p>
                ) : null}
                <p>
                  <label className="aa-label" htmlFor={`progress-${item.id}`}>
                    {t("work.made", { made: item.unitsMade, total: item.quantity })}
                  </label>
                  <progress id={`progress-${item.id}`} className="aa-progress" max={item.quantity} value={item.unitsMade}>
                    {item.unitsMade}/{item.quantity}
                  </progress>
                </p>
                {error ? (
                  <p className="aa-notice aa-notice--error" role="alert">
                    {error}
                  </p>
                ) : null}
                <div className="aa-actions">
                  {canStart(item.status) ? (
                    <Form method="post">
                      <input type="hidden" name="requestId" value={item.id} />
                      <button type="submit" name="intent" value="start" className="aa-button aa-button--go">
                        {t("work.start")}
                      </button>
                    </Form>
                  ) : null}
                  {canRecordMade(item.status) ? (
                    <Form method="post" className="aa-row">
                      <input type="hidden" name="requestId" value={item.id} />
                      <input type="hidden" name="quantity" value={item.quantity} />
                      <div>
                        <label className="aa-label" htmlFor={`made-${item.id}`}>
                          {t("work.howMany")}
                        </label>
                        <input
                          id={`made-${item.id}`}
                          name="unitsMade"
                          type="number"
                          inputMode="numeric"
                          min={0}
                          max={item.quantity}
                          defaultValue={item.unitsMade}
                          required
                        />
                      </div>
                      <button type="submit" name="intent" value="made" className="aa-button aa-button--quiet">
                        {t("work.updateMade")}
                      </button>
                    </Form>
                  ) : null}
                  {canMarkReady(item.status) ? (
                    <Form method="post" encType="multipart/form-data" noValidate>
                      <input type="hidden" name="requestId" value={item.id} />
                      <input type="hidden" name="quantity" value={item.quantity} />
                      <input type="hidden" name="unitsMade" value={item.unitsMade} />
                      {item.unitsMade < item.quantity ? (
                        // Ready means every piece made (work-rules.readyRefusal): she says so here.
                        <label className="aa-check">
                          <input name="allMade" type="checkbox" value="yes" required />
                          {t("work.allMade", { total: item.quantity })}
                        </label>
                      ) : null}
                      <PhotoPicker id={`photo-${item.id}`} />
                      <button type="submit" name="intent" value="ready" className="aa-button">
                        {t("work.ready")}
                      </button>
                    </Form>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
