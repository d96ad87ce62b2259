import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import {
  addLocation,
  inviteBuyer,
  listBuyers,
  listLocations,
  removeLocation,
  resendInvitation,
  setDefaultLocation,
  type AccountResult,
} from "~/domain/wholesale/index.server";
import { requireBuyer } from "~/domain/wholesale/index.server";
import { readFlash, redirectWithFlash } from "~/lib/flash.server";
import { buyerIdSchema, inviteBuyerSchema, locationIdSchema, locationSchema } from "~/domain/wholesale";
import { PAYMENT_LABEL } from "~/domain/wholesale";
import { parseWith, readForm } from "~/lib/validation";
import { Field } from "~/components/ui/Field";

export const meta: MetaFunction = () => [{ title: "Account · Soko wholesale" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { buyer, retailer } = await requireBuyer(request);
  const [buyers, locations, { flash, headers }] = await Promise.all([
    listBuyers(retailer.id),
    listLocations(retailer.id),
    readFlash(request),
  ]);
  return data(
    {
      me: buyer.id,
      retailer: { name: retailer.name, tier: retailer.tier, paymentTerms: retailer.paymentTerms, creditLimit: retailer.creditLimit },
      buyers: buyers.map((b) => ({
        id: b.id,
        name: b.name,
        email: b.email,
        active: b.active,
        inviteLive: Boolean(b.inviteExpiresAt && b.inviteExpiresAt > new Date()),
      })),
      locations,
      flash,
    },
    { headers },
  );
}

type ActionData = { intent: string; errors: Record<string, string>; values: Record<string, string>; message?: string };

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireBuyer(request);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const values = Object.fromEntries([...form].map(([k, v]) => [k, String(v)]));
  let result: AccountResult;
  if (intent === "invite") {
    const parsed = parseWith(inviteBuyerSchema, form);
    if (!parsed.ok) return data<ActionData>({ intent, errors: parsed.errors, values }, { status: 422 });
    result = await inviteBuyer(ctx, parsed.data);
  } else if (intent === "add-location") {
    const parsed = parseWith(locationSchema, form);
    if (!parsed.ok) return data<ActionData>({ intent, errors: parsed.errors, values }, { status: 422 });
    result = await addLocation(ctx, parsed.data);
  } else if (intent === "default-location" || intent === "remove-location") {
    const parsed = parseWith(locationIdSchema, form);
    if (!parsed.ok) return data<ActionData>({ intent, errors: parsed.errors, values, message: "Choose a location." }, { status: 422 });
    result =
      intent === "default-location"
        ? await setDefaultLocation(ctx, parsed.data.locationId)
        : await removeLocation(ctx, parsed.data.locationId);
  } else if (intent === "resend-invite") {
    const parsed = parseWith(buyerIdSchema, form);
    if (!parsed.ok) return data<ActionData>({ intent, errors: parsed.errors, values, message: "Choose a buyer." }, { status: 422 });
    result = await resendInvitation(ctx, parsed.data.buyerId);
  } else {
    return data<ActionData>(
      { intent, errors: {}, values, message: "Something was missing from that form. Please try again." },
      { status: 400 },
    );
  }
  if (!result.ok) {
    if (result.status === 404) throw new Response(result.message, { status: 404 });
    return data<ActionData>(
      { intent, errors: result.field ? { [result.field]: result.message } : {}, values, message: result.message },
      { status: result.status },
    );
  }
  return redirectWithFlash(request, "/wholesale/account", { kind: "success", message: result.message }, { status: 303 });
}

export default function WholesaleAccount() {
  const { me, retailer, buyers, locations, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const inviteErrors = actionData?.intent === "invite" ? actionData.errors : {};
  const inviteValues = actionData?.intent === "invite" ? actionData.values : {};
  const locErrors = actionData?.intent === "add-location" ? actionData.errors : {};
  const locValues = actionData?.intent === "add-location" ? actionData.values : {};
  return (
    <div className="page">
      <p className="eyebrow">{retailer.name}</p>
      <h1>Account</h1>
      {flash ? (
        <p className={`notice notice--${flash.kind}`} role="status">
          {flash.message}
        </p>
      ) : null}
      {actionData?.message ? (
        <p className="notice notice--error" role="alert">
          {actionData.message}
        </p>
      ) : null}
      <ul className="wholesale-facts">
        <li>
          <strong>{retailer.tier[0].toUpperCase() + retailer.tier.slice(1)}</strong> price tier
        </li>
        <li>
          <strong>{PAYMENT_LABEL[retailer.paymentTerms]}</strong> payment terms
        </li>
        {retailer.paymentTerms !== "card" ? (
          <li>
            <strong>
              <Money value={{ amount: retailer.creditLimit, currency: "USD" }} />
            </strong>{" "}
            credit limit
          </li>
        ) : null}
      </ul>

      <div className="wholesale-grid wholesale-grid--2">
        <section className="wholesale-panel" aria-labelledby="buyers-heading">
          <h2 id="buyers-heading">Buyers</h2>
          <ul>
            {buyers.map((b) => (
              <li key={b.id}>
                {b.name} · {b.email}
                {b.id === me ? " (you)" : ""}{" "}
                {b.active ? null : (
                  <>
                    <span className="badge badge--warn">{b.inviteLive ? "Invited" : "Invitation expired"}</span>{" "}
                    <Form method="post" style={{ display: "inline" }}>
                      <input type="hidden" name="intent" value="resend-invite" />
                      <input type="hidden" name="buyerId" value={b.id} />
                      <button type="submit" className="link-button" aria-label={`Send ${b.email} a new invitation`}>
                        Send again
                      </button>
                    </Form>
                  </>
                )}
              </li>
            ))}
          </ul>
          <h3>Invite a colleague</h3>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="invite" />
            <Field
              idPrefix="invite"
              name="name"
              label="Their name"
              autoComplete="off"
              defaultValue={inviteValues.name}
              error={inviteErrors.name}
            />
            <Field
              idPrefix="invite"
              name="email"
              label="Their email"
              type="email"
              autoComplete="off"
              defaultValue={inviteValues.email}
              error={inviteErrors.email}
            />
            <button type="submit" className="button" disabled={busy}>
              Send invitation
            </button>
          </Form>
        </section>

        <section className="wholesale-panel" aria-labelledby="locations-heading" id="locations">
          <h2 id="locations-heading">Ship-to locations</h2>
          {locations.length === 0 ? (
            <p className="muted">No locations yet: add the store or warehouse your orders ship to.</p>
          ) : (
            <ul>
              {locations.map((l) => (
                <li key={l.id}>
                  <strong>{l.name}</strong>
                  {l.isDefault ? <span className="badge badge--ok">Default</span> : null}
                  <br />
                  {l.line1}
                  {l.line2 ? `, ${l.line2}` : ""}, {l.city}
                  {l.region ? `, ${l.region}` : ""} {l.postalCode ?? ""} {l.country}
                  <div className="wholesale-actions">
                    {!l.isDefault ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="default-location" />
                        <input type="hidden" name="locationId" value={l.id} />
                        <button type="submit" className="link-button" aria-label={`Make ${l.name} the default`}>
                          Make default
                        </button>
                      </Form>
                    ) : null}
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove-location" />
                      <input type="hidden" name="locationId" value={l.id} />
                      <button type="submit" className="link-button" aria-label={`Remove ${l.name}`}>
                        Remove
                      </button>
                    </Form>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <h3>Add a location</h3>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="add-location" />
            <Field
              idPrefix="loc"
              name="name"
              label="Location name"
              defaultValue={locValues.name}
              error={locErrors.name}
              hint="For example: Oakland store"
            />
            <Field
              idPrefix="loc"
              name="line1"
              label="Street address"
              autoComplete="address-line1"
              defaultValue={locValues.line1}
              error={locErrors.line1}
            />
            <Field
              idPrefix="loc"
              name="line2"
              label="Suite, floor (optional)"
              autoComplete="address-line2"
              defaultValue={locValues.line2}
              error={locErrors.line2}
            />
            <div className="wholesale-row">
              <Field
                idPrefix="loc"
                name="city"
                label="City"
                autoComplete="address-level2"
                defaultValue={locValues.city}
                error={locErrors.city}
              />
              <Field
                idPrefix="loc"
                name="region"
                label="State or region"
                autoComplete="address-level1"
                defaultValue={locValues.region}
                error={locErrors.region}
              />
            </div>
            <div className="wholesale-row">
              <Field
                idPrefix="loc"
                name="postalCode"
                label="ZIP or postal code"
                autoComplete="postal-code"
                defaultValue={locValues.postalCode}
                error={locErrors.postalCode}
              />
              <Field
                idPrefix="loc"
                name="country"
                label="Country code"
                autoComplete="country"
                defaultValue={locValues.country ?? "US"}
                error={locErrors.country}
              />
            </div>
            <button type="submit" className="button" disabled={busy}>
              Add location
            </button>
          </Form>
        </section>
      </div>
    </div>
  );
}
