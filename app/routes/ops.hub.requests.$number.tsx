import { SubmitButton } from "~/components/ui/SubmitButton";
import { FieldError } from "~/components/ui/Field";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Image } from "~/components/commerce/Image";
import { Money } from "~/components/commerce/Money";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { inspectRequest, receiveRequest, type Result } from "~/domain/hub/index.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { hubRequest } from "~/domain/hub/index.server";
import { DEFECT_REASONS, formatNairobi, inspectSchema, normalizeRequestNumber, receiveSchema, statusWords } from "~/domain/hub";
import { parseWith, readForm, type FieldErrors } from "~/lib/validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.request.number ?? "Request"} · Nairobi hub · Soko operations` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.hub.requests.$number", "loader");
  const number = requestNumber(params.number);
  const detail = await hubRequest(number);
  if (!detail) throw new Response(`There is no production request ${number}. Check the number on the label.`, { status: 404 });
  return withFlash(request, { request: detail });
}

type Failure = { intent: string; error: string | null; errors: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.hub.requests.$number", "action");
  const actor = `staff:${staff.id}`;
  const number = requestNumber(params.number);
  const form = await readForm(request);
  form.set("number", number);
  const intent = String(form.get("intent") ?? "");
  const values = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
  const fail = (status: number, error: string | null, errors: FieldErrors = {}) =>
    data<Failure>({ intent, error, errors, values }, { status });

  let result: Result;
  if (intent === "receive") {
    const parsed = parseWith(receiveSchema, form);
    if (!parsed.ok) return fail(400, "That form didn't make sense. Reload the page and try again.");
    result = await receiveRequest({ number, actor });
  } else if (intent === "inspect") {
    const parsed = parseWith(inspectSchema, form);
    if (!parsed.ok) return fail(400, "Check the quality check below.", parsed.errors);
    result = await inspectRequest({ ...parsed.data, actor });
  } else {
    return fail(400, "That form didn't make sense. Reload the page and try again.");
  }
  if (!result.ok) {
    if (result.status === 404) throw new Response(result.message, { status: 404 });
    return fail(result.status, result.message);
  }
  return redirectWithFlash(request, `/ops/hub/requests/${number}`, { kind: "success", message: result.message });
}

export default function HubRequest() {
  const { request: r, flash } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as Failure | undefined;
  const canReceive = r.status === "ready" || r.status === "collected";
  return (
    <div className="ops-page hub-page">
      <p>
        <Link to="/ops/hub">← Today at the hub</Link> · <Link to="/ops/hub/receive">Receive another</Link>
      </p>
      <p className="eyebrow">Production request</p>
      <h1>{r.number}</h1>
      <p className="hub-status">
        <span
          className={`badge ${r.status === "qc_passed" ? "badge--ok" : r.status === "qc_failed" || r.status === "cancelled" ? "badge--bad" : ""}`}
        >
          {statusWords(r.status)}
        </span>
        {r.late ? <span className="badge badge--warn">late</span> : null}
      </p>

      {flash ? (
        <p className={`notice notice--${flash.kind}`} role="status">
          {flash.message}
        </p>
      ) : null}
      {failure?.error ? (
        <p className="notice notice--error" role="alert">
          {failure.error}
        </p>
      ) : null}

      <div className="hub-request">
        {r.image ? (
          <Image className="hub-request__image" src={r.image.url} alt={r.image.alt} width={240} height={240} sizes="240px" />
        ) : null}
        <dl className="ops-meta hub-request__meta">
          <div>
            <dt>Product</dt>
            <dd>
              <strong>{r.product}</strong>
              {r.variant && r.variant !== "Default" ? ` — ${r.variant}` : ""} <code>{r.sku}</code>
            </dd>
          </div>
          <div>
            <dt>Quantity</dt>
            <dd className="hub-request__qty">{r.quantity}</dd>
          </div>
          <div>
            <dt>Artisan</dt>
            <dd>
              {r.artisanName ? (
                <>
                  {r.artisanName}, {r.settlement}
                  {r.county ? ` (${r.county})` : ""}
                </>
              ) : (
                "—"
              )}
              {r.artisanPhone ? (
                <>
                  {" "}
                  · <a href={`tel:${r.artisanPhone}`}>{r.artisanPhone}</a>
                </>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>Pay per piece</dt>
            <dd>
              <Money value={{ amount: r.pieceRate, currency: r.currency }} />
            </dd>
          </div>
          <div>
            <dt>Due</dt>
            <dd>{r.dueDate}</dd>
          </div>
          <div>
            <dt>Order</dt>
            <dd>{r.orderNumber ?? "— (for stock)"}</dd>
          </div>
          {r.pickup ? (
            <div>
              <dt>Pickup</dt>
              <dd>
                {r.pickup.riderName}
                {r.pickup.riderPhone ? ` (${r.pickup.riderPhone})` : ""},{" "}
                <time dateTime={r.pickup.scheduledFor}>{formatNairobi(new Date(r.pickup.scheduledFor))}</time>
              </dd>
            </div>
          ) : null}
        </dl>
      </div>

      {canReceive ? (
        <Form method="post" className="hub-action">
          <h2>Receive</h2>
          <p className="field-hint">
            {r.status === "collected" ? "The rider has brought it. " : "The artisan brought it in (no rider). "}
            Count the pieces: {r.quantity} {r.quantity === 1 ? "is" : "are"} expected.
          </p>
          <SubmitButton intent="receive" className="button hub-big-button">
            Receive {r.number}
          </SubmitButton>
        </Form>
      ) : null}

      {r.status === "received" ? <QcForm quantity={r.quantity} failure={failure?.intent === "inspect" ? failure : null} /> : null}

      {r.inspections.length ? (
        <section aria-labelledby="inspections-heading">
          <h2 id="inspections-heading">Quality checks</h2>
          <ul className="ops-plain-list">
            {r.inspections.map((i) => (
              <li key={i.id}>
                <time dateTime={i.at}>{formatNairobi(new Date(i.at))}</time> · {i.unitsPassed} passed, {i.unitsFailed} failed
                {i.defectReason ? <> · {i.defectReason}</> : null} · {OUTCOME_WORDS[i.outcome] ?? i.outcome}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="events-heading">
        <h2 id="events-heading">History</h2>
        <ol className="ops-plain-list hub-events">
          {r.events.map((e) => (
            <li key={e.id}>
              <time dateTime={e.at}>{formatNairobi(new Date(e.at))}</time> · {e.fromStatus ? `${e.fromStatus.replace(/_/g, " ")} → ` : ""}
              {e.toStatus.replace(/_/g, " ")}
              {e.note ? <>: {e.note}</> : null} <span className="muted">by {e.actor}</span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function QcForm({ quantity, failure }: { quantity: number; failure: Failure | null }) {
  const errors = failure?.errors ?? {};
  const v = failure?.values ?? {};
  const described = (field: string) => (errors[field] ? `qc-${field}-error` : undefined);
  return (
    <Form method="post" className="hub-action" id="qc" aria-labelledby="qc-heading">
      <h2 id="qc-heading">Quality check</h2>
      <p className="field-hint">
        Check every piece. Passed and failed must add up to {quantity}. Passed pieces are paid to the artisan at once.
      </p>
      <div className="hub-fields hub-fields--units">
        <div className="field">
          <label htmlFor="qc-passed">Units passed</label>
          <input
            id="qc-passed"
            name="passed"
            type="number"
            inputMode="numeric"
            min={0}
            max={quantity}
            step={1}
            required
            defaultValue={v.passed ?? String(quantity)}
            aria-invalid={errors.passed ? true : undefined}
            aria-describedby={described("passed")}
          />
          <FieldError id="qc-passed-error" message={errors.passed} />
        </div>
        <div className="field">
          <label htmlFor="qc-failed">Units failed</label>
          <input
            id="qc-failed"
            name="failed"
            type="number"
            inputMode="numeric"
            min={0}
            max={quantity}
            step={1}
            required
            defaultValue={v.failed ?? "0"}
            aria-invalid={errors.failed ? true : undefined}
            aria-describedby={described("failed")}
          />
          <FieldError id="qc-failed-error" message={errors.failed} />
        </div>
      </div>
      <fieldset className="hub-fieldset">
        <legend>If any unit failed</legend>
        <div className="field">
          <label htmlFor="qc-defect">Defect</label>
          <select
            id="qc-defect"
            name="defect"
            defaultValue={v.defect ?? ""}
            aria-invalid={errors.defect ? true : undefined}
            aria-describedby={described("defect")}
          >
            <option value="">Choose…</option>
            {DEFECT_REASONS.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
          <FieldError id="qc-defect-error" message={errors.defect} />
        </div>
        <div className="field">
          <label htmlFor="qc-note">Describe the defect (the artisan reads this)</label>
          <textarea
            id="qc-note"
            name="defectNote"
            rows={2}
            maxLength={500}
            defaultValue={v.defectNote ?? ""}
            aria-invalid={errors.defectNote ? true : undefined}
            aria-describedby={described("defectNote")}
          />
          <FieldError id="qc-defectNote-error" message={errors.defectNote} />
        </div>
        <div className="field" role="radiogroup" aria-labelledby="qc-next-label" aria-describedby={described("failedAction")}>
          <span id="qc-next-label" className="hub-label">
            The failed units
          </span>
          <label className="hub-radio">
            <input type="radio" name="failedAction" value="rework" defaultChecked={v.failedAction === "rework"} /> Rework: back to the same
            artisan to remake
          </label>
          <label className="hub-radio">
            <input type="radio" name="failedAction" value="redispatch" defaultChecked={v.failedAction === "redispatch"} /> Re-dispatch:
            offer them to another artisan
          </label>
          <FieldError id="qc-failedAction-error" message={errors.failedAction} />
        </div>
      </fieldset>
      <SubmitButton intent="inspect" className="button hub-big-button">
        Record the quality check
      </SubmitButton>
    </Form>
  );
}

const OUTCOME_WORDS: Record<string, string> = {
  passed: "passed",
  failed_rework: "failed units to rework",
  failed_redispatch: "failed units re-dispatched",
};

function requestNumber(param: string | undefined) {
  const number = param ? normalizeRequestNumber(param) : null;
  if (!number) throw new Response("There is no production request with that number.", { status: 404 });
  return number;
}
