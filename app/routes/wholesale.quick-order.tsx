import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { StripePaymentElement } from "~/components/commerce/StripePaymentElement";
import { listLocations } from "~/domain/wholesale/index.server";
import { requireBuyer, type BuyerContext } from "~/domain/wholesale/index.server";
import { prepareWholesaleCardPayment, WHOLESALE_CARD_RETURN_PATH } from "~/domain/wholesale/index.server";
import { orderableVariantsBySku } from "~/domain/wholesale/index.server";
import { checkOrderRows, MAX_CSV_BYTES, parseOrderCsv, parseQuantity, type RawRow, type RowError } from "~/domain/wholesale";
import {
  addToDraft,
  deleteDraft,
  findDraft,
  listDrafts,
  reorderIntoDraft,
  reviewDraft,
  saveDraftDetails,
  setDraftLine,
  workingDraft,
  workingDraftCookie,
} from "~/domain/wholesale/index.server";
import { readFlash, redirectWithFlash } from "~/lib/flash.server";
import { draftDetailsSchema, placeSchema } from "~/domain/wholesale";
import { placeWholesaleOrder } from "~/domain/wholesale/index.server";
import { PAYMENT_LABEL } from "~/domain/wholesale";
import { paymentProvider } from "~/domain/payments/index.server";
import { idOrNull, parseWith, readForm } from "~/lib/validation";
import { Field } from "~/components/ui/Field";
import { answerRefusals } from "~/lib/refusal.server";

export const meta: MetaFunction = () => [{ title: "Quick order · Soko wholesale" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireBuyer(request);
  const rowsParam = Number(new URL(request.url).searchParams.get("rows") ?? DEFAULT_ROWS);
  const rows = Number.isInteger(rowsParam) ? Math.min(Math.max(rowsParam, DEFAULT_ROWS), MAX_FORM_ROWS) : DEFAULT_ROWS;
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

type ActionData =
  | { intent: "rows"; rowErrors: RowError[]; values: Array<{ sku: string; quantity: string }>; message: string }
  | { intent: "csv"; rowErrors: RowError[]; message: string; checked?: number }
  | { intent: "place" | "save" | "line"; errors: Record<string, string>; values: Record<string, string>; message: string }
  | {
      intent: "pay";
      payment: StripeCardStep;
      details: { poNumber: string; retailerLocationId: number | null; shipWindowStart: string | null; shipWindowEnd: string | null };
    };

type StripeCardStep = {
  paymentIntentId: string;
  clientSecret: string;
  publishableKey: string;
  returnUrl: string;
  amount: number;
  currency: string;
};

export async function action(args: ActionFunctionArgs) {
  return answerRefusals(() => act(args));
}

async function act({ request }: ActionFunctionArgs) {
  const ctx = await requireBuyer(request);
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > MAX_CSV_BYTES * 4)
    return data<ActionData>(
      { intent: "csv", rowErrors: [], message: "That file is too big for one order. Upload at most 5,000 rows." },
      { status: 413 },
    );
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const draft = await workingDraft(request, ctx);

  if (intent === "rows") {
    const { rows, values } = formRows(form);
    if (!rows.length)
      return data<ActionData>({ intent, rowErrors: [], values, message: "Enter at least one SKU and quantity." }, { status: 422 });
    const checked = checkOrderRows(rows, await orderableVariantsBySku(rows.map((r) => r.sku)));
    if (!checked.ok)
      return data<ActionData>({ intent, rowErrors: checked.errors, values, message: rowsMessage(checked.errors.length) }, { status: 422 });
    return addAndReview(request, ctx, draft?.id ?? null, checked.lines);
  }

  if (intent === "csv") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0)
      return data<ActionData>({ intent, rowErrors: [], message: "Choose a CSV file to upload." }, { status: 422 });
    if (file.size > MAX_CSV_BYTES || /\.(xlsx?|numbers|ods|pdf|docx?|png|jpe?g|gif|zip)$/i.test(file.name)) {
      return data<ActionData>(
        {
          intent,
          rowErrors: [],
          message: file.size > MAX_CSV_BYTES ? "That file is too big for one order. Upload at most 5,000 rows." : NOT_CSV,
        },
        { status: file.size > MAX_CSV_BYTES ? 413 : 415 },
      );
    }
    const parsed = parseOrderCsv(new TextDecoder("utf-8").decode(await file.arrayBuffer()));
    if (!parsed.ok) return data<ActionData>({ intent, rowErrors: [], message: parsed.message }, { status: 422 });
    const checked = checkOrderRows(parsed.rows, await orderableVariantsBySku(parsed.rows.map((r) => r.sku)));
    if (!checked.ok)
      return data<ActionData>(
        {
          intent,
          rowErrors: checked.errors,
          checked: checked.checked,
          message: `${rowsMessage(checked.errors.length)} Nothing from ${file.name} was added.`,
        },
        { status: 422 },
      );
    return addAndReview(request, ctx, draft?.id ?? null, checked.lines);
  }

  if (intent === "reorder") {
    const number = String(form.get("orderNumber") ?? "");
    const created = /^SK-\d{1,12}$/.test(number) ? await reorderIntoDraft(ctx, number) : null;
    if (!created) throw new Response("There is no such order on your account.", { status: 404 });
    const note = created.skipped
      ? ` ${created.skipped} item${created.skipped === 1 ? " is" : "s are"} no longer sold and were left out.`
      : "";
    return redirectWithFlash(
      request,
      "/wholesale/quick-order#review",
      { kind: "success", message: `Copied ${number} into a new draft: check it, add a new PO number and place it.${note}` },
      { status: 303, cookies: [await workingDraftCookie(ctx.buyer.id, created.draftId)] },
    );
  }

  if (intent === "open-draft" || intent === "delete-draft") {
    const id = idOrNull(String(form.get("draftId") ?? ""));
    const target = id ? await findDraft(ctx.retailer.id, id) : null;
    if (!target) throw new Response("There is no such draft on your account.", { status: 404 });
    if (intent === "open-draft")
      return redirectWithFlash(
        request,
        "/wholesale/quick-order#review",
        { kind: "success", message: `Opened “${target.name}”.` },
        { status: 303, cookies: [await workingDraftCookie(ctx.buyer.id, target.id)] },
      );
    await deleteDraft(ctx.retailer.id, target.id);
    const cookies = draft?.id === target.id ? [await workingDraftCookie(ctx.buyer.id, null)] : [];
    return redirectWithFlash(
      request,
      "/wholesale/quick-order",
      { kind: "success", message: `Deleted “${target.name}”.` },
      { status: 303, cookies },
    );
  }

  // The rest act on the working draft.
  if (!draft)
    return data<ActionData>({ intent: "place", errors: {}, values: {}, message: "Your order is empty: add items first." }, { status: 409 });

  if (intent === "set-line") {
    const variantId = idOrNull(String(form.get("variantId") ?? ""));
    const raw = String(form.get("quantity") ?? "");
    const quantity = parseQuantity(raw);
    const line = variantId ? draft.lines.find((l) => l.variantId === variantId) : undefined;
    if (!line || !variantId) throw new Response("That item isn't in your order.", { status: 404 });
    if (quantity === null)
      return data<ActionData>(
        {
          intent: "line",
          errors: { [`line-${variantId}`]: "Enter a whole number of units (0 removes the line)." },
          values: { [`line-${variantId}`]: raw },
          message: "Please check the quantity.",
        },
        { status: 422 },
      );
    if (quantity > 0) {
      const review = await reviewDraft(ctx.retailer, [{ variantId, quantity }]);
      const problem = review.lines[0] ? review.lines[0].problem : "That item is no longer sold.";
      if (problem)
        return data<ActionData>(
          { intent: "line", errors: { [`line-${variantId}`]: problem }, values: { [`line-${variantId}`]: raw }, message: problem },
          { status: 422 },
        );
    }
    await setDraftLine(ctx.retailer.id, draft.id, { variantId, quantity });
    return redirectWithFlash(
      request,
      "/wholesale/quick-order#review",
      { kind: "success", message: quantity ? "Quantity updated." : "Line removed." },
      { status: 303 },
    );
  }

  if (intent === "discard") {
    await deleteDraft(ctx.retailer.id, draft.id);
    return redirectWithFlash(
      request,
      "/wholesale/quick-order",
      { kind: "success", message: "Order discarded." },
      { status: 303, cookies: [await workingDraftCookie(ctx.buyer.id, null)] },
    );
  }

  const values = Object.fromEntries([...form].filter(([k]) => !/^card/.test(k)).map(([k, v]) => [k, String(v)]));
  const details = parseWith(draftDetailsSchema, form);
  if (!details.ok)
    return data<ActionData>(
      { intent: intent === "save" ? "save" : "place", errors: details.errors, values, message: "Please check the highlighted fields." },
      { status: 422 },
    );

  if (intent === "save") {
    if (!(await saveDraftDetails(ctx.retailer.id, draft.id, details.data)))
      return data<ActionData>(
        {
          intent,
          errors: { retailerLocationId: "Choose one of your ship-to locations." },
          values,
          message: "Choose one of your ship-to locations.",
        },
        { status: 404 },
      );
    return redirectWithFlash(
      request,
      "/wholesale/quick-order",
      { kind: "success", message: `Saved “${details.data.name}” in your drafts. Your next order starts empty.` },
      { status: 303, cookies: [await workingDraftCookie(ctx.buyer.id, null)] },
    );
  }

  if (intent === "place") {
    const parsed = parseWith(placeSchema, form);
    if (!parsed.ok)
      return data<ActionData>({ intent, errors: parsed.errors, values, message: Object.values(parsed.errors)[0] }, { status: 422 });
    const { payment, idempotencyKey, expectedTotal, cardNumber, cardExpiry, cardCvc } = parsed.data;
    if (payment === "card" && paymentProvider().name === "stripe") {
      // Stripe: check the order and make its PaymentIntent; the Payment Element takes the card next,
      // and the order is placed only when Stripe says paid (return page or webhook).
      const prepared = await prepareWholesaleCardPayment(ctx, draft.id, { details: details.data, expectedTotal });
      if (!prepared.ok)
        return data<ActionData>(
          { intent, errors: prepared.field ? { [prepared.field]: prepared.message } : {}, values, message: prepared.message },
          { status: prepared.status },
        );
      if (prepared.status === "paid")
        return redirect(`${WHOLESALE_CARD_RETURN_PATH}?payment_intent=${encodeURIComponent(prepared.paymentIntentId)}`, { status: 303 });
      const { ok: _ok, status: _status, ...step } = prepared;
      const { poNumber, retailerLocationId, shipWindowStart, shipWindowEnd } = details.data;
      return data<ActionData>({
        intent: "pay",
        payment: step,
        details: {
          poNumber: poNumber ?? "",
          retailerLocationId: retailerLocationId ?? null,
          shipWindowStart: shipWindowStart ?? null,
          shipWindowEnd: shipWindowEnd ?? null,
        },
      });
    }
    const result = await placeWholesaleOrder(ctx, draft.id, {
      details: details.data,
      payment,
      card: payment === "card" ? { number: cardNumber ?? "", expiry: cardExpiry ?? "", cvc: cardCvc ?? "" } : undefined,
      idempotencyKey,
      expectedTotal,
    });
    if (!result.ok)
      return data<ActionData>(
        { intent, errors: result.field ? { [result.field]: result.message } : {}, values, message: result.message },
        { status: result.status },
      );
    const how = payment === "card" ? "paid by card" : `on ${PAYMENT_LABEL[payment]} terms: your invoice is under Invoices`;
    return redirectWithFlash(
      request,
      `/wholesale/orders?placed=${encodeURIComponent(result.orderNumber)}`,
      { kind: "success", message: `Order ${result.orderNumber} placed, ${how}.` },
      { status: 303, cookies: [await workingDraftCookie(ctx.buyer.id, null)] },
    );
  }
  return data<ActionData>(
    { intent: "place", errors: {}, values: {}, message: "Something was missing from that form. Please try again." },
    { status: 400 },
  );
}

async function addAndReview(
  request: Request,
  ctx: BuyerContext,
  draftId: number | null,
  lines: Array<{ variantId: number; quantity: number }>,
) {
  const added = await addToDraft(ctx, draftId, lines);
  if ("error" in added) return data<ActionData>({ intent: "csv", rowErrors: [], message: added.error }, { status: 422 });
  return redirectWithFlash(
    request,
    "/wholesale/quick-order#review",
    { kind: "success", message: `Added ${lines.length} ${lines.length === 1 ? "item" : "items"} to your order. Review it below.` },
    { status: 303, cookies: [await workingDraftCookie(ctx.buyer.id, added.draftId)] },
  );
}

function formRows(form: FormData) {
  const rows: RawRow[] = [];
  const values: Array<{ sku: string; quantity: string }> = [];
  for (let i = 0; i < MAX_FORM_ROWS; i++) {
    const sku = form.get(`sku${i}`);
    const quantity = form.get(`qty${i}`);
    if (sku === null && quantity === null) break;
    const s = String(sku ?? "")
      .trim()
      .slice(0, 64);
    const q = String(quantity ?? "")
      .trim()
      .slice(0, 12);
    values.push({ sku: s, quantity: q });
    if (s || q) rows.push({ line: i + 1, sku: s, quantity: q });
  }
  return { rows, values };
}

function rowsMessage(n: number) {
  return `${n} ${n === 1 ? "row needs" : "rows need"} fixing before anything is added to your order.`;
}

export default function QuickOrder() {
  const { rows, draft, review, locations, drafts, terms, creditLimit, cardFields, stripeCards, idempotencyKey, flash } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const busy = navigation.state === "submitting" ? String(navigation.formData?.get("intent") ?? "") : null;
  const rowErrors = actionData && "rowErrors" in actionData ? actionData.rowErrors : [];
  const rowValues = actionData?.intent === "rows" ? actionData.values : [];
  const errorsByLine = new Map(actionData?.intent === "rows" ? rowErrors.map((e) => [e.line, e.message]) : []);
  const formErrors = actionData && "errors" in actionData ? actionData.errors : {};
  const formValues: Record<string, string> =
    actionData && "values" in actionData && !Array.isArray(actionData.values) ? actionData.values : {};
  const shown = Math.max(rows, rowValues.length);
  const money = (amount: number) => <Money value={{ amount, currency: review?.currency ?? "USD" }} />;
  const detail = (key: "name" | "poNumber" | "shipWindowStart" | "shipWindowEnd") => formValues[key] ?? draft?.[key] ?? "";
  const defaultLocation =
    formValues.retailerLocationId ?? String(draft?.retailerLocationId ?? locations.find((l) => l.isDefault)?.id ?? "");
  const defaultPayment = formValues.payment ?? review?.paymentChoices[0] ?? "card";

  return (
    <div className="page">
      <h1>Quick order</h1>
      <p className="muted">
        Order by SKU, or upload a CSV file. Nothing is added until every row is valid; then review the order, add your PO number and place
        it.
      </p>
      {flash ? (
        <p className={`notice notice--${flash.kind}`} role="status">
          {flash.message}
        </p>
      ) : null}

      <div className="wholesale-grid wholesale-grid--2">
        <section className="wholesale-panel" aria-labelledby="rows-heading">
          <h2 id="rows-heading">Enter SKUs</h2>
          {actionData?.intent === "rows" ? (
            <p className="notice notice--error" role="alert">
              {actionData.message}
            </p>
          ) : null}
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="rows" />
            <div className="quick-rows">
              <div className="quick-row" aria-hidden="true">
                <span />
                <strong>SKU</strong>
                <strong>Quantity</strong>
              </div>
              {Array.from({ length: shown }, (_, i) => {
                const error = errorsByLine.get(i + 1);
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the row number is the row's identity (its inputs are named sku0, qty0, …)
                  <div key={i} className="quick-row">
                    <span className="quick-row__n">{i + 1}</span>
                    <input
                      name={`sku${i}`}
                      aria-label={`SKU, row ${i + 1}`}
                      defaultValue={rowValues[i]?.sku ?? ""}
                      autoCapitalize="characters"
                      spellCheck={false}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `row-${i}-error` : undefined}
                    />
                    <input
                      name={`qty${i}`}
                      aria-label={`Quantity, row ${i + 1}`}
                      inputMode="numeric"
                      defaultValue={rowValues[i]?.quantity ?? ""}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `row-${i}-error` : undefined}
                    />
                    {error ? (
                      <p className="field-error quick-row__error" id={`row-${i}-error`}>
                        Row {i + 1}: {error}
                      </p>
                    ) : null}
                  </div>
                );
              })}
            </div>
            <div className="wholesale-actions">
              <button type="submit" className="button" disabled={busy === "rows"}>
                Add to order
              </button>
              {shown < MAX_FORM_ROWS ? (
                <Link
                  to={`?${new URLSearchParams({ ...Object.fromEntries(searchParams), rows: String(Math.min(shown + 20, MAX_FORM_ROWS)) })}`}
                  preventScrollReset
                >
                  Add more rows
                </Link>
              ) : null}
            </div>
          </Form>
        </section>

        <section className="wholesale-panel" aria-labelledby="csv-heading">
          <h2 id="csv-heading">Upload a CSV</h2>
          <p className="muted">Two columns, SKU and quantity, one item a line; a header row is optional. Up to 5,000 rows.</p>
          {actionData?.intent === "csv" ? (
            <p className="notice notice--error" role="alert">
              {actionData.message}
            </p>
          ) : null}
          <Form method="post" encType="multipart/form-data" noValidate>
            <input type="hidden" name="intent" value="csv" />
            <div className="field">
              <label htmlFor="csv-file">CSV file</label>
              <input id="csv-file" name="file" type="file" accept=".csv,text/csv,text/plain" />
            </div>
            <button type="submit" className="button" disabled={busy === "csv"}>
              Upload and check
            </button>
          </Form>
          {actionData?.intent === "csv" && rowErrors.length ? (
            <ScrollRegion className="row-errors" label="Rows to fix">
              <table className="table">
                <caption className="visually-hidden">Rows to fix</caption>
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">SKU</th>
                    <th scope="col">Qty</th>
                    <th scope="col">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {rowErrors.slice(0, 500).map((e) => (
                    <tr key={e.line}>
                      <td>{e.line}</td>
                      <td>{e.sku}</td>
                      <td>{e.quantity}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {rowErrors.length > 500 ? <p className="muted">…and {rowErrors.length - 500} more.</p> : null}
            </ScrollRegion>
          ) : null}
        </section>
      </div>

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
            <ScrollRegion className="wholesale-table-wrap" label="Order lines">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Item</th>
                    <th scope="col">Quantity</th>
                    <th scope="col" className="num">
                      Unit
                    </th>
                    <th scope="col" className="num">
                      MSRP
                    </th>
                    <th scope="col" className="num">
                      Line total
                    </th>
                    <th scope="col">Availability</th>
                  </tr>
                </thead>
                <tbody>
                  {review.lines.map((l) => {
                    const key = `line-${l.variantId}`;
                    return (
                      <tr key={l.variantId}>
                        <td>
                          {l.title}
                          <br />
                          <span className="muted">
                            {l.sku} · min {l.minQty}, case of {l.casePack}
                          </span>
                          {l.problem ? <p className="line-problem">{l.problem}</p> : null}
                        </td>
                        <td>
                          <Form method="post" className="line-qty" preventScrollReset>
                            <input type="hidden" name="intent" value="set-line" />
                            <input type="hidden" name="variantId" value={l.variantId} />
                            <label htmlFor={key} className="visually-hidden">
                              Quantity of {l.sku}
                            </label>
                            <input
                              id={key}
                              name="quantity"
                              inputMode="numeric"
                              defaultValue={formValues[key] ?? String(l.quantity)}
                              aria-invalid={formErrors[key] ? true : undefined}
                              aria-describedby={formErrors[key] ? `${key}-error` : undefined}
                            />
                            <button type="submit" className="button button--ghost button--small">
                              Update
                            </button>
                            {formErrors[key] ? (
                              <p className="field-error" id={`${key}-error`}>
                                {formErrors[key]}
                              </p>
                            ) : null}
                          </Form>
                        </td>
                        <td className="num">{money(l.unitPrice)}</td>
                        <td className="num">{money(l.msrp)}</td>
                        <td className="num">{money(l.lineTotal)}</td>
                        <td>
                          {l.availability.kind === "in_stock" ? (
                            <span className="stock-now">In stock</span>
                          ) : (
                            <span className="made-to-order">
                              Made to order{l.availability.shipDate ? `, ships from ${l.availability.shipDate}` : ""}
                            </span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </ScrollRegion>
            <dl className="review-totals">
              <dt>{review.units} units</dt>
              <dd>{money(review.subtotal)}</dd>
              <dt>Freight</dt>
              <dd>Included</dd>
              <dt className="review-totals__total">Total</dt>
              <dd className="review-totals__total">{money(review.total)}</dd>
              {review.earliestShipDate ? (
                <>
                  <dt>Earliest ship date</dt>
                  <dd>{review.earliestShipDate}</dd>
                </>
              ) : null}
              {review.credit ? (
                <>
                  <dt>Credit available</dt>
                  <dd>
                    {money(review.credit.available)} of {money(creditLimit)}
                  </dd>
                </>
              ) : null}
            </dl>
            {!review.minimum.ok ? <p className="notice notice--error">{review.minimum.message}</p> : null}
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
              <Form method="post" noValidate>
                <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
                <input type="hidden" name="expectedTotal" value={review.total} />
                <div className="wholesale-row">
                  <Field
                    idPrefix="place"
                    name="poNumber"
                    label="PO number"
                    defaultValue={detail("poNumber")}
                    error={formErrors.poNumber}
                    hint="Required to place the order; each PO once."
                  />
                  <Field
                    idPrefix="place"
                    name="name"
                    label="Draft name"
                    defaultValue={detail("name")}
                    error={formErrors.name}
                    hint="For your saved drafts."
                  />
                </div>
                <div className="field">
                  <label htmlFor="place-location">Ship to</label>
                  {locations.length ? (
                    <select
                      id="place-location"
                      name="retailerLocationId"
                      defaultValue={defaultLocation}
                      aria-invalid={formErrors.retailerLocationId ? true : undefined}
                      aria-describedby={formErrors.retailerLocationId ? "place-location-error" : undefined}
                    >
                      <option value="">Choose a location</option>
                      {locations.map((l) => (
                        <option key={l.id} value={l.id}>
                          {l.label}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <p className="notice" id="place-location">
                      You have no ship-to locations yet. <Link to="/wholesale/account#locations">Add one on your account page</Link>.
                    </p>
                  )}
                  {formErrors.retailerLocationId ? (
                    <p className="field-error" id="place-location-error">
                      {formErrors.retailerLocationId}
                    </p>
                  ) : null}
                </div>
                <div className="wholesale-row">
                  <Field
                    idPrefix="place"
                    name="shipWindowStart"
                    label="Ship window from"
                    type="date"
                    defaultValue={detail("shipWindowStart")}
                    error={formErrors.shipWindowStart}
                    hint="Optional"
                  />
                  <Field
                    idPrefix="place"
                    name="shipWindowEnd"
                    label="Ship window to"
                    type="date"
                    defaultValue={detail("shipWindowEnd")}
                    error={formErrors.shipWindowEnd}
                    hint="Optional"
                  />
                </div>
                <fieldset className="field">
                  <legend>Payment</legend>
                  {review.paymentChoices.map((choice) => (
                    <label key={choice} className="choice">
                      <input type="radio" name="payment" value={choice} defaultChecked={defaultPayment === choice} />
                      {choice === "card" ? "Card" : `${PAYMENT_LABEL[choice]}: invoiced today, due in ${choice === "net30" ? 30 : 60} days`}
                    </label>
                  ))}
                  {formErrors.payment ? <p className="field-error">{formErrors.payment}</p> : null}
                  {terms === "card" ? (
                    <p className="field-hint">Net terms are for approved accounts; ask us if you'd like to apply.</p>
                  ) : null}
                  {review.paymentChoices.includes("card") && stripeCards ? (
                    <>
                      <p className="field-hint">Paying by card: you'll enter your card on the next step, in Stripe's secure form.</p>
                      <noscript>
                        <p className="notice">
                          Paying by card needs JavaScript, which is off in this browser.{" "}
                          {review.paymentChoices.some((c) => c !== "card")
                            ? "Net terms work without it."
                            : "Turn JavaScript on to pay by card, or ask us about net terms."}
                        </p>
                      </noscript>
                    </>
                  ) : null}
                </fieldset>
                {review.paymentChoices.includes("card") && cardFields ? (
                  <fieldset className="field">
                    <legend>Card (only when paying by card)</legend>
                    <div className="card-fields">
                      <Field
                        idPrefix="place"
                        name="cardNumber"
                        label="Card number"
                        inputMode="numeric"
                        autoComplete="cc-number"
                        error={formErrors.number}
                        placeholder="4242 4242 4242 4242"
                      />
                      <Field
                        idPrefix="place"
                        name="cardExpiry"
                        label="Expiry"
                        autoComplete="cc-exp"
                        error={formErrors.expiry}
                        placeholder="MM/YY"
                      />
                      <Field
                        idPrefix="place"
                        name="cardCvc"
                        label="CVC"
                        inputMode="numeric"
                        autoComplete="cc-csc"
                        error={formErrors.cvc}
                        placeholder="123"
                      />
                    </div>
                  </fieldset>
                ) : null}
                <div className="wholesale-actions">
                  <button type="submit" name="intent" value="place" className="button" disabled={busy === "place"}>
                    {busy === "place" ? "Placing…" : <>Place order · {money(review.total)}</>}
                  </button>
                  <button type="submit" name="intent" value="save" className="button button--ghost" disabled={busy === "save"}>
                    Save draft
                  </button>
                </div>
              </Form>
            )}
            <Form method="post" className="wholesale-actions" style={{ marginTop: "1rem" }}>
              <input type="hidden" name="intent" value="discard" />
              <button type="submit" className="link-button">
                Discard this order
              </button>
            </Form>
          </>
        )}
      </section>

      {drafts.length ? (
        <section aria-labelledby="drafts-heading" className="wholesale-panel">
          <h2 id="drafts-heading">Saved drafts</h2>
          <div className="wholesale-table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Items</th>
                  <th scope="col">Saved</th>
                  <th scope="col">By</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {drafts.map((d) => (
                  <tr key={d.id}>
                    <td>
                      {d.name}
                      {d.poNumber ? <span className="muted"> · PO {d.poNumber}</span> : null}
                    </td>
                    <td>
                      {d.lineCount} ({d.units} units)
                    </td>
                    <td>
                      <time dateTime={d.updatedAt.toISOString()}>{d.updatedAt.toISOString().slice(0, 10)}</time>
                    </td>
                    <td>{d.createdBy ?? "—"}</td>
                    <td>
                      <div className="wholesale-actions">
                        <Form method="post">
                          <input type="hidden" name="intent" value="open-draft" />
                          <input type="hidden" name="draftId" value={d.id} />
                          <button type="submit" className="button button--small" aria-label={`Open ${d.name}`}>
                            Open
                          </button>
                        </Form>
                        <Form method="post">
                          <input type="hidden" name="intent" value="delete-draft" />
                          <input type="hidden" name="draftId" value={d.id} />
                          <button type="submit" className="link-button" aria-label={`Delete ${d.name}`}>
                            Delete
                          </button>
                        </Form>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}

/** The card step with Stripe: what is being paid for, and Stripe's Payment Element (it needs JavaScript). */
function CardStep({
  step,
  details,
  locations,
  netTerms,
}: {
  step: StripeCardStep;
  details: Extract<ActionData, { intent: "pay" }>["details"];
  locations: Array<{ id: number; label: string }>;
  netTerms: boolean;
}) {
  const shipTo = locations.find((l) => l.id === details.retailerLocationId)?.label;
  const window =
    details.shipWindowStart || details.shipWindowEnd
      ? `${details.shipWindowStart ?? "any time"} to ${details.shipWindowEnd ?? "any time"}`
      : null;
  return (
    <section className="wholesale-card-step" aria-labelledby="card-step-heading">
      <h3 id="card-step-heading">Pay by card</h3>
      <dl className="review-totals">
        <dt>PO number</dt>
        <dd>{details.poNumber}</dd>
        {shipTo ? (
          <>
            <dt>Ship to</dt>
            <dd>{shipTo}</dd>
          </>
        ) : null}
        {window ? (
          <>
            <dt>Ship window</dt>
            <dd>{window}</dd>
          </>
        ) : null}
        <dt className="review-totals__total">To pay</dt>
        <dd className="review-totals__total">
          <Money value={{ amount: step.amount, currency: step.currency }} />
        </dd>
      </dl>
      <p className="field-hint">Your order is placed as soon as Stripe confirms the payment. Nothing is charged twice if you reload.</p>
      <noscript>
        <p className="notice">
          Card payment needs JavaScript for Stripe's secure card form.{" "}
          {netTerms ? (
            <>
              Net terms work without it: <a href="/wholesale/quick-order#review">go back</a> and choose them.
            </>
          ) : (
            <>
              Turn JavaScript on to pay, or <a href="/wholesale/quick-order#review">go back</a> to your order.
            </>
          )}
        </p>
      </noscript>
      <StripePaymentElement
        publishableKey={step.publishableKey}
        clientSecret={step.clientSecret}
        returnUrl={step.returnUrl}
        total={{ amount: step.amount, currency: step.currency }}
      />
      <p>
        <Link to="/wholesale/quick-order#review">Change the order or pay another way</Link>
      </p>
    </section>
  );
}

const DEFAULT_ROWS = 20;
const MAX_FORM_ROWS = 200;
const NOT_CSV = "That file isn't a CSV. Upload a .csv file with two columns, SKU and quantity (for example: SK-BRA-001,12).";
