import { SubmitButton } from "~/components/ui/SubmitButton";
import { FieldError } from "~/components/ui/Field";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Pagination } from "~/components/ui/Pagination";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { packingList } from "~/domain/hub/index.server";
import { packSchema, shipSchema } from "~/domain/hub";
import { SHIPPING_CARRIERS, TRACKING_NUMBER_MAX } from "~/domain/orders";
import { markPacked, shipOrder, type Result } from "~/domain/orders/index.server";
import { parseWith, readForm, type FieldErrors } from "~/lib/validation";

export const meta: MetaFunction = () => [{ title: "Pack & ship · Nairobi hub · Soko operations" }];

const querySchema = z.object({
  show: z.enum(["pack", "ship"], { errorMap: () => ({ message: "Show is pack or ship." }) }).default("pack"),
  page: z.coerce
    .number({ invalid_type_error: "Page is a number." })
    .int("Page is a whole number.")
    .min(1, "Pages start at 1.")
    .max(10_000, "There aren't that many pages.")
    .default(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.hub.packing", "loader");
  const parsed = parseWith(querySchema, new URL(request.url).searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  const { show, page } = parsed.data;
  const list = await packingList(show === "pack" ? "to_pack" : "to_ship", page);
  return withFlash(request, { show, list });
}

type Failure = { intent: string; order: string; error: string | null; errors: FieldErrors; values: Record<string, string> };

/** Packing and shipping are the order module's own actions (order events, shipment, stock, email, audit). */
export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.hub.packing", "action");
  const actor = `staff:${staff.id}`;
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const order = String(form.get("order") ?? "");
  const values = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
  const fail = (status: number, error: string | null, errors: FieldErrors = {}) =>
    data<Failure>({ intent, order, error, errors, values }, { status });

  let result: Result;
  let back = "/ops/hub/packing";
  if (intent === "pack") {
    const parsed = parseWith(packSchema, form);
    if (!parsed.ok) return fail(400, parsed.errors.order ?? "That form didn't make sense. Reload the page and try again.");
    result = await markPacked({ number: parsed.data.order, actor });
    // Next: the carrier and the tracking number, on the "to ship" list.
    back = "/ops/hub/packing?show=ship";
  } else if (intent === "ship") {
    const parsed = parseWith(shipSchema, form);
    if (!parsed.ok) return fail(400, "Check the shipping details below.", parsed.errors);
    result = await shipOrder({
      number: parsed.data.order,
      carrier: parsed.data.carrier,
      trackingNumber: parsed.data.trackingNumber,
      actor,
    });
    back = "/ops/hub/packing?show=ship";
  } else {
    return fail(400, "That form didn't make sense. Reload the page and try again.");
  }
  if (!result.ok) return fail(result.status === 502 ? 409 : result.status, result.message);
  return redirectWithFlash(request, back, { kind: "success", message: result.message });
}

export default function HubPacking() {
  const { show, list, flash } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as Failure | undefined;
  return (
    <div className="ops-page hub-page">
      <p className="eyebrow">Nairobi hub</p>
      <h1>Pack &amp; ship</h1>
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

      <nav className="hub-tabs" aria-label="Packing lists">
        <Link to="/ops/hub/packing" aria-current={show === "pack" ? "page" : undefined}>
          Ready to pack
        </Link>
        <Link to="/ops/hub/packing?show=ship" aria-current={show === "ship" ? "page" : undefined}>
          Packed, to ship
        </Link>
      </nav>
      <p className="muted">
        {show === "pack"
          ? "Orders whose every piece is here: made to order and quality checked, or from the hub's stock."
          : "Packed orders waiting for the carrier. Shipping emails the customer the tracking number."}{" "}
        {list.total} in all.
      </p>

      {list.orders.length ? (
        <ul className="hub-cards">
          {list.orders.map((o) => (
            <li key={o.number} className="hub-card">
              <div className="hub-card__head">
                <p className="hub-card__number">
                  {o.number} <span className="badge">{o.channel}</span>
                </p>
                <p className="muted">
                  Placed <time dateTime={o.placedAt}>{o.placedAt.slice(0, 10)}</time> · to {o.shipTo} ·{" "}
                  <Link to={`/ops/orders/${o.number}`}>order page</Link> · <a href={o.statusPath}>customer's status page</a>
                </p>
              </div>
              <ul className="hub-lines" aria-label={`What goes in ${o.number}`}>
                {o.lines.map((l) => (
                  <li key={l.sku + l.title}>
                    <strong>
                      {l.quantity} × {l.title}
                    </strong>{" "}
                    <code>{l.sku}</code>
                    {l.sources.length ? <span className="muted"> — {l.sources.join("; ")}</span> : null}
                  </li>
                ))}
              </ul>
              {show === "pack" ? (
                <Form method="post" className="hub-card__actions">
                  <input type="hidden" name="order" value={o.number} />
                  <SubmitButton intent="pack" match={{ order: o.number }} className="button button--small">
                    Pack {o.number}
                  </SubmitButton>
                </Form>
              ) : (
                <ShipForm order={o.number} failure={failure?.intent === "ship" && failure.order === o.number ? failure : null} />
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty-state">{show === "pack" ? "Nothing is ready to pack." : "Nothing is waiting to ship."}</p>
      )}
      <Pagination
        page={list.page}
        pageCount={list.pageCount}
        label={show === "pack" ? "Pages of orders to pack" : "Pages of orders to ship"}
      />
    </div>
  );
}

function ShipForm({ order, failure }: { order: string; failure: Failure | null }) {
  const errors = failure?.errors ?? {};
  const id = (field: string) => `ship-${order}-${field}`;
  return (
    <Form method="post" aria-label={`Ship ${order}`}>
      <input type="hidden" name="order" value={order} />
      <div className="hub-fields">
        <div className="field">
          <label htmlFor={id("carrier")}>Carrier</label>
          <select
            id={id("carrier")}
            name="carrier"
            required
            defaultValue={failure?.values.carrier ?? ""}
            aria-invalid={errors.carrier ? true : undefined}
            aria-describedby={errors.carrier ? id("carrier-error") : undefined}
          >
            <option value="" disabled>
              Choose…
            </option>
            {SHIPPING_CARRIERS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <FieldError id={id("carrier-error")} message={errors.carrier} />
        </div>
        <div className="field">
          <label htmlFor={id("tracking")}>Tracking number</label>
          <input
            id={id("tracking")}
            name="trackingNumber"
            required
            maxLength={TRACKING_NUMBER_MAX}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            defaultValue={failure?.values.trackingNumber ?? ""}
            aria-invalid={errors.trackingNumber ? true : undefined}
            aria-describedby={errors.trackingNumber ? id("tracking-error") : undefined}
          />
          <FieldError id={id("tracking-error")} message={errors.trackingNumber} />
        </div>
      </div>
      <SubmitButton intent="ship" match={{ order }} className="button button--small">
        Ship {order}
      </SubmitButton>
    </Form>
  );
}
