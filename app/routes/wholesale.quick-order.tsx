import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { listDrafts, listLocations, requireBuyer, reviewDraft, workingDraft } from "~/domain/wholesale/index.server";
import { paymentProvider } from "~/domain/payments/index.server";
import { quickOrderIntent, uploadTooBig } from "~/features/wholesale/quick-order/action.server";
import { CardStep } from "~/features/wholesale/quick-order/CardStep";
import { CsvUpload } from "~/features/wholesale/quick-order/CsvUpload";
import { PlaceForm } from "~/features/wholesale/quick-order/PlaceForm";
import { ReviewLines } from "~/features/wholesale/quick-order/ReviewLines";
import { rowsToShow } from "~/features/wholesale/quick-order/rows";
import { SavedDrafts } from "~/features/wholesale/quick-order/SavedDrafts";
import { SkuRowsForm } from "~/features/wholesale/quick-order/SkuRowsForm";
import { readFlash } from "~/lib/flash.server";
import { answerRefusals } from "~/lib/refusal.server";
import { readForm } from "~/lib/validation";
import { ConfirmStep } from "~/components/ui/ConfirmStep";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the portal with the buyer's nav (see WholesalePageError).
export { WholesalePageError as ErrorBoundary } from "~/features/wholesale/PageError";

export const meta: MetaFunction = () => [{ title: "Quick order · Soko wholesale" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireBuyer(request);
  const rows = rowsToShow(new URL(request.url).searchParams.get("rows"));
  const [draft, locations, drafts, { flash, headers }] = await Promise.all([
    workingDraft(request, ctx),
    listLocations(ctx.retailer.id),
    listDrafts(ctx.retailer.id),
    readFlash(request),
  ]);
  const review = draft ? await reviewDraft(ctx.retailer, draft.lines) : null;
  return data(
    {
      rows,
      draft: draft
        ? {
            id: draft.id,
            name: draft.name,
            poNumber: draft.poNumber,
            retailerLocationId: draft.retailerLocationId,
            shipWindowStart: draft.shipWindowStart,
            shipWindowEnd: draft.shipWindowEnd,
          }
        : null,
      review,
      locations: locations.map((l) => ({
        id: l.id,
        label: `${l.name} — ${l.line1}, ${l.city}${l.region ? `, ${l.region}` : ""}`,
        isDefault: l.isDefault,
      })),
      drafts: drafts.filter((d) => d.id !== draft?.id),
      terms: ctx.retailer.paymentTerms,
      creditLimit: ctx.retailer.creditLimit,
      // Local test provider: card fields in this form. Stripe: its Payment Element on the next step.
      cardFields: paymentProvider().name === "local",
      stripeCards: paymentProvider().name === "stripe",
      // A fresh key per rendered form: placing the same form twice makes one order.
      idempotencyKey: crypto.randomUUID(),
      flash,
    },
    { headers },
  );
}

/** Nine intents (add rows, upload a CSV, reorder, open / delete a draft, change a line, discard, save, place): one function each. */
export async function action({ request }: ActionFunctionArgs) {
  return answerRefusals(async () => {
    const ctx = await requireBuyer(request);
    const tooBig = uploadTooBig(request);
    if (tooBig) return tooBig;
    return quickOrderIntent(request, ctx, await readForm(request));
  });
}

export default function QuickOrder() {
  const { rows, draft, review, locations, drafts, terms, creditLimit, cardFields, stripeCards, idempotencyKey, flash } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const confirmRefused = actionData?.intent === "confirm" ? actionData : undefined;
  const formErrors = actionData && "errors" in actionData ? actionData.errors : {};
  const formValues: Record<string, string> =
    actionData && "values" in actionData && !Array.isArray(actionData.values) ? actionData.values : {};
  // With an order in progress its review comes first, where the buyer looks; the empty SKU rows
  // and the CSV upload follow under "Add more". With nothing yet, they are the page.
  // A refused add (its rows or file need fixing) keeps the forms first, where the errors are.
  const addRefused = actionData?.intent === "rows" || actionData?.intent === "csv";
  const hasLines = Boolean(draft && review && review.lines.length > 0) && !addRefused;
  const addForms = (
    <div className="wholesale-grid wholesale-grid--2">
      <SkuRowsForm rows={rows} actionData={actionData} />
      <CsvUpload actionData={actionData} />
    </div>
  );

  return (
    <div className="page">
      <h1>Quick order</h1>
      <p className="muted">
        Order by SKU, or upload a CSV file. Nothing is added until every row is valid; then review the order, add your PO number and place
        it.
      </p>
      <FlashNotice flash={flash} />

      {hasLines ? null : addForms}

      <section id="review" aria-labelledby="review-heading" className="wholesale-panel">
        <h2 id="review-heading">{draft ? `Review: ${draft.name}` : "Your order"}</h2>
        {!draft || !review || review.lines.length === 0 ? (
          <p className="muted">
            Nothing here yet. Add items above or from the <Link to="/wholesale/catalog">catalog</Link>
            {drafts.length ? ", or open a saved draft below" : ""}.
          </p>
        ) : (
          <>
            {actionData?.intent === "line" ? (
              <p className="notice notice--error" role="alert">
                {actionData.message}
              </p>
            ) : null}
            <ReviewLines review={review} creditLimit={creditLimit} errors={formErrors} values={formValues} />
            {actionData?.intent === "place" || actionData?.intent === "save" ? (
              <p className="notice notice--error" role="alert" id="place-error">
                {actionData.message}
              </p>
            ) : null}

            {actionData?.intent === "pay" ? (
              <CardStep
                step={actionData.payment}
                details={actionData.details}
                locations={locations}
                netTerms={review.paymentChoices.some((c) => c !== "card")}
              />
            ) : (
              <PlaceForm
                review={review}
                draft={draft}
                locations={locations}
                terms={terms}
                cardFields={cardFields}
                stripeCards={stripeCards}
                idempotencyKey={idempotencyKey}
                errors={formErrors}
                values={formValues}
              />
            )}
            <div className="wholesale-actions" style={{ marginTop: "1rem" }}>
              <ConfirmStep
                label="Discard this order"
                name="Discard this order"
                question="Discard this order and every line in it? It can't be brought back."
                confirmLabel="Yes, discard it"
                fields={{ intent: "discard" }}
                open={confirmRefused?.about === "discard"}
                error={confirmRefused?.about === "discard" ? confirmRefused.message : undefined}
              />
            </div>
          </>
        )}
      </section>

      {hasLines ? (
        <section aria-labelledby="add-more-heading" className="wholesale-add-more">
          <h2 id="add-more-heading">Add more by SKU or CSV</h2>
          {addForms}
        </section>
      ) : null}

      {drafts.length ? <SavedDrafts drafts={drafts} refused={confirmRefused} /> : null}
    </div>
  );
}
