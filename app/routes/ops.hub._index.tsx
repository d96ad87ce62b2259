import { SubmitButton } from "~/components/ui/SubmitButton";
import { FieldError } from "~/components/ui/Field";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { confirmCollection, schedulePickup, type Result } from "~/domain/hub/index.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { hubDashboard, type HubRequestRow } from "~/domain/hub/index.server";
import { collectSchema, dateToNairobiLocal, formatNairobi, schedulePickupSchema } from "~/domain/hub";
import { parseWith, readForm, type FieldErrors } from "~/lib/validation";

export const meta: MetaFunction = () => [{ title: "Nairobi hub · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.hub._index", "loader");
  const dashboard = await hubDashboard();
  // The pickup form suggests the next whole hour, Nairobi time.
  const nextHour = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  return withFlash(request, { dashboard, suggestedPickup: dateToNairobiLocal(nextHour) });
}

type Failure = { intent: string; number: string; error: string | null; errors: FieldErrors; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.hub._index", "action");
  const actor = `staff:${staff.id}`;
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const number = String(form.get("number") ?? "");
  const fail = (status: number, error: string | null, errors: FieldErrors = {}, values: Record<string, string> = {}) =>
    data<Failure>({ intent, number, error, errors, values }, { status });

  let result: Result;
  if (intent === "schedule_pickup") {
    const parsed = parseWith(schedulePickupSchema, form);
    if (!parsed.ok) return fail(400, "Check the pickup details below.", parsed.errors, parsed.values);
    result = await schedulePickup({ ...parsed.data, actor });
  } else if (intent === "collect") {
    const parsed = parseWith(collectSchema, form);
    if (!parsed.ok) return fail(400, parsed.errors.number ?? "That form didn't make sense. Reload the page and try again.");
    result = await confirmCollection({ number: parsed.data.number, actor });
  } else {
    return fail(400, "That form didn't make sense. Reload the page and try again.");
  }
  if (!result.ok)
    return fail(
      result.status,
      result.message,
      {},
      Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string")),
    );
  return redirectWithFlash(request, "/ops/hub", { kind: "success", message: result.message });
}

export default function HubDashboard() {
  const { dashboard, suggestedPickup, flash } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as Failure | undefined;
  const { counts, ready, collected, received } = dashboard;
  return (
    <div className="ops-page hub-page">
      <p className="eyebrow">Nairobi hub</p>
      <h1>Today at the hub</h1>

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

      <form method="get" action="/ops/hub/receive" className="hub-scan" role="search" aria-label="Receive a delivery">
        <div className="field">
          <label htmlFor="scan-number">Request number or scan</label>
          <input
            id="scan-number"
            name="number"
            placeholder="PR-50012"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            inputMode="text"
            required
            maxLength={40}
          />
        </div>
        <button type="submit" className="button">
          Find
        </button>
      </form>

      <ul className="hub-counts" aria-label="Work at the hub">
        <li>
          <a href="#ready">
            <strong>{counts.ready}</strong> ready for pickup
          </a>
          {counts.scheduled ? <span className="muted"> ({counts.scheduled} booked)</span> : null}
        </li>
        <li>
          <a href="#arriving">
            <strong>{counts.collected}</strong> on the way
          </a>
        </li>
        <li>
          <a href="#received">
            <strong>{counts.received}</strong> to quality check
          </a>
        </li>
        <li>
          <Link to="/ops/hub/packing">
            <strong>{counts.toPack}</strong> to pack
          </Link>
        </li>
        <li>
          <Link to="/ops/hub/packing?show=ship">
            <strong>{counts.toShip}</strong> to ship
          </Link>
        </li>
      </ul>

      <section aria-labelledby="ready" className="hub-section">
        <h2 id="ready">Ready for pickup</h2>
        <More shown={ready.length} total={counts.ready} />
        {ready.length ? (
          <ul className="hub-cards">
            {ready.map((r) => (
              <li key={r.id} className="hub-card">
                <RequestSummary request={r} />
                {r.pickup ? (
                  <p className="hub-card__pickup">
                    Pickup booked: <strong>{r.pickup.riderName}</strong>
                    {r.pickup.riderPhone ? <> ({r.pickup.riderPhone})</> : null} on{" "}
                    <time dateTime={r.pickup.scheduledFor}>{formatNairobi(new Date(r.pickup.scheduledFor))}</time>
                    {r.pickup.artisanConfirmedAt ? <span className="badge badge--ok">artisan handed over</span> : null}
                  </p>
                ) : (
                  <p className="hub-card__pickup muted">No pickup booked yet.</p>
                )}
                <div className="hub-card__actions">
                  {r.pickup ? (
                    <Form method="post">
                      <input type="hidden" name="number" value={r.number} />
                      <SubmitButton intent="collect" match={{ number: r.number }} className="button button--small">
                        Rider collected {r.number}
                      </SubmitButton>
                    </Form>
                  ) : null}
                  <Link className="button button--ghost button--small" to={`/ops/hub/requests/${r.number}`}>
                    Artisan brought it in
                  </Link>
                </div>
                <PickupForm
                  request={r}
                  suggested={suggestedPickup}
                  failure={failure?.intent === "schedule_pickup" && failure.number === r.number ? failure : null}
                />
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty-state">Nothing is waiting for a rider.</p>
        )}
      </section>

      <section aria-labelledby="arriving" className="hub-section">
        <h2 id="arriving">On the way to the hub</h2>
        <More shown={collected.length} total={counts.collected} />
        {collected.length ? (
          <ul className="hub-cards">
            {collected.map((r) => (
              <li key={r.id} className="hub-card">
                <RequestSummary request={r} />
                {r.pickup ? (
                  <p className="hub-card__pickup">
                    With <strong>{r.pickup.riderName}</strong>
                    {r.pickup.riderPhone ? <> ({r.pickup.riderPhone})</> : null}
                    {r.pickup.riderConfirmedAt ? (
                      <>
                        {" "}
                        since <time dateTime={r.pickup.riderConfirmedAt}>{formatNairobi(new Date(r.pickup.riderConfirmedAt))}</time>
                      </>
                    ) : null}
                  </p>
                ) : null}
                <div className="hub-card__actions">
                  <Link className="button button--small" to={`/ops/hub/requests/${r.number}`}>
                    Receive {r.number}
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty-state">Nothing is on the way.</p>
        )}
      </section>

      <section aria-labelledby="received" className="hub-section">
        <h2 id="received">Waiting for a quality check</h2>
        <More shown={received.length} total={counts.received} />
        {received.length ? (
          <ul className="hub-cards">
            {received.map((r) => (
              <li key={r.id} className="hub-card">
                <RequestSummary request={r} />
                <div className="hub-card__actions">
                  <Link className="button button--small" to={`/ops/hub/requests/${r.number}#qc`}>
                    Quality check {r.number}
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty-state">Nothing is waiting for a quality check.</p>
        )}
      </section>
    </div>
  );
}

function More({ shown, total }: { shown: number; total: number }) {
  return total > shown ? (
    <p className="muted">
      Showing the {shown} due first of {total}.
    </p>
  ) : null;
}

function RequestSummary({ request: r }: { request: HubRequestRow }) {
  return (
    <div className="hub-card__head">
      <p className="hub-card__number">
        <Link to={`/ops/hub/requests/${r.number}`}>{r.number}</Link>
        {r.late ? <span className="badge badge--warn">late</span> : null}
      </p>
      <p className="hub-card__what">
        <strong>
          {r.quantity} × {r.product}
        </strong>
        {r.variant && r.variant !== "Default" ? <span className="muted"> — {r.variant}</span> : null}
      </p>
      <p className="muted">
        {r.artisanName ? (
          <>
            {r.artisanName}, {r.settlement}
            {r.county ? ` (${r.county})` : ""}
            {r.artisanPhone ? (
              <>
                {" "}
                · <a href={`tel:${r.artisanPhone}`}>{r.artisanPhone}</a>
              </>
            ) : null}
          </>
        ) : (
          "No artisan"
        )}{" "}
        · due {r.dueDate}
        {r.orderNumber ? <> · order {r.orderNumber}</> : null}
      </p>
    </div>
  );
}

function PickupForm({ request: r, suggested, failure }: { request: HubRequestRow; suggested: string; failure: Failure | null }) {
  const errors = failure?.errors ?? {};
  const id = (field: string) => `pickup-${r.number}-${field}`;
  const value = (field: string, fallback: string) => failure?.values[field] ?? fallback;
  return (
    <details className="hub-card__form" open={failure ? true : undefined}>
      <summary>{r.pickup ? "Change the pickup" : "Book a rider"}</summary>
      <Form method="post" aria-label={`Pickup for ${r.number}`}>
        <input type="hidden" name="number" value={r.number} />
        <div className="hub-fields">
          <div className="field">
            <label htmlFor={id("when")}>Pickup time (Nairobi)</label>
            <input
              id={id("when")}
              type="datetime-local"
              name="scheduledFor"
              required
              defaultValue={value("scheduledFor", r.pickup ? dateToNairobiLocal(new Date(r.pickup.scheduledFor)) : suggested)}
              aria-invalid={errors.scheduledFor ? true : undefined}
              aria-describedby={errors.scheduledFor ? id("when-error") : undefined}
            />
            <FieldError id={id("when-error")} message={errors.scheduledFor} />
          </div>
          <div className="field">
            <label htmlFor={id("rider")}>Rider's name</label>
            <input
              id={id("rider")}
              name="riderName"
              required
              maxLength={80}
              autoComplete="off"
              defaultValue={value("riderName", r.pickup?.riderName ?? "")}
              aria-invalid={errors.riderName ? true : undefined}
              aria-describedby={errors.riderName ? id("rider-error") : undefined}
            />
            <FieldError id={id("rider-error")} message={errors.riderName} />
          </div>
          <div className="field">
            <label htmlFor={id("phone")}>Rider's phone</label>
            <input
              id={id("phone")}
              name="riderPhone"
              type="tel"
              required
              maxLength={20}
              autoComplete="off"
              placeholder="0712 345 678"
              defaultValue={value("riderPhone", r.pickup?.riderPhone ?? "")}
              aria-invalid={errors.riderPhone ? true : undefined}
              aria-describedby={errors.riderPhone ? id("phone-error") : undefined}
            />
            <FieldError id={id("phone-error")} message={errors.riderPhone} />
          </div>
        </div>
        <p className="field-hint">The artisan gets an SMS with the time and the rider's name and phone.</p>
        <SubmitButton intent="schedule_pickup" match={{ number: r.number }} className="button button--small">
          {r.pickup ? "Move the pickup" : "Book the pickup"}
        </SubmitButton>
      </Form>
    </details>
  );
}
