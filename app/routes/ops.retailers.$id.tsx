import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { approveRetailer, rejectRetailer, retailerDetail } from "~/domain/wholesale/index.server";
import { readFlash, redirectWithFlash } from "~/lib/flash.server";
import { approveSchema, rejectSchema } from "~/domain/wholesale";
import styles from "~/styles/wholesale.css";
import { idOrNull, parseWith, readForm } from "~/lib/validation";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.retailer.name ?? "Retailer"} · Retailers · Soko operations` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.retailers.$id", "loader");
  const detail = await retailerDetail(retailerId(params.id));
  if (!detail) throw new Response("There is no retailer with that number.", { status: 404 });
  const { flash, headers } = await readFlash(request);
  const { retailer } = detail;
  return data(
    {
      ...detail,
      retailer: { ...retailer, createdAt: retailer.createdAt.toISOString(), decidedAt: retailer.decidedAt?.toISOString() ?? null },
      buyers: detail.buyers.map((b) => ({
        ...b,
        acceptedAt: b.acceptedAt?.toISOString() ?? null,
        inviteExpiresAt: b.inviteExpiresAt?.toISOString() ?? null,
      })),
      flash,
    },
    { headers },
  );
}

type ActionData = { intent: "approve" | "reject"; errors: Record<string, string>; values?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.retailers.$id", "action");
  const id = retailerId(params.id);
  const form = await readForm(request);
  const intent = form.get("intent");
  const actor = `staff:${staff.id}`;
  if (intent === "approve") {
    const parsed = parseWith(approveSchema, form);
    if (!parsed.ok) return data<ActionData>({ intent, errors: parsed.errors, values: parsed.values }, { status: 422 });
    const result = await approveRetailer(id, parsed.data, actor);
    if (!result.ok) {
      if (result.status === 404) throw new Response(result.message, { status: 404 });
      return data<ActionData>(
        {
          intent,
          errors: { [result.field ?? "form"]: result.message },
          values: Object.fromEntries([...form].map(([k, v]) => [k, String(v)])),
        },
        { status: result.status },
      );
    }
    return redirectWithFlash(
      request,
      `/ops/retailers/${id}`,
      { kind: "success", message: "Saved. The buyer gets an email with a link to set their password (on a first approval)." },
      { status: 303 },
    );
  }
  if (intent === "reject") {
    const parsed = parseWith(rejectSchema, form);
    if (!parsed.ok) return data<ActionData>({ intent, errors: parsed.errors, values: parsed.values }, { status: 422 });
    const result = await rejectRetailer(id, parsed.data.reason, actor);
    if (!result.ok) {
      if (result.status === 404) throw new Response(result.message, { status: 404 });
      return data<ActionData>({ intent, errors: { form: result.message } }, { status: result.status });
    }
    return redirectWithFlash(
      request,
      `/ops/retailers/${id}`,
      { kind: "success", message: "Application rejected; the applicant has been emailed the reason." },
      { status: 303 },
    );
  }
  return data<ActionData>(
    { intent: "approve", errors: { form: "Something was missing from that form. Please try again." } },
    { status: 400 },
  );
}

export default function OpsRetailer() {
  const { retailer, buyers, locations, orders, tiers, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const approveErrors = actionData?.intent === "approve" ? actionData.errors : {};
  const rejectErrors = actionData?.intent === "reject" ? actionData.errors : {};
  const values = actionData?.intent === "approve" ? (actionData.values ?? {}) : {};
  const decided = retailer.status === "applied";
  return (
    <div className="ops-page">
      <p>
        <Link to="/ops/retailers">← Retailers</Link>
      </p>
      <p className="eyebrow">{STATUS_LABEL[retailer.status]}</p>
      <h1>{retailer.name}</h1>
      {flash ? (
        <p className={`notice notice--${flash.kind}`} role="status">
          {flash.message}
        </p>
      ) : null}
      {approveErrors.form || rejectErrors.form ? (
        <p className="notice notice--error" role="alert">
          {approveErrors.form ?? rejectErrors.form}
        </p>
      ) : null}

      <dl className="ops-meta">
        <div>
          <dt>Contact</dt>
          <dd>
            {retailer.contactName ?? "—"}
            {retailer.contactEmail ? ` <${retailer.contactEmail}>` : ""}
          </dd>
        </div>
        <div>
          <dt>Tax ID / resale certificate</dt>
          <dd>{retailer.taxId ?? "—"}</dd>
        </div>
        <div>
          <dt>Website</dt>
          <dd>
            {retailer.website ? (
              <a href={retailer.website} rel="noreferrer noopener" target="_blank">
                {retailer.website}
              </a>
            ) : (
              "—"
            )}
          </dd>
        </div>
        <div>
          <dt>Store locations</dt>
          <dd>{retailer.storeLocations ?? (retailer.city ? `${retailer.city}, ${retailer.country}` : "—")}</dd>
        </div>
        <div>
          <dt>Expected volume</dt>
          <dd>{retailer.expectedVolume ?? "—"}</dd>
        </div>
        <div>
          <dt>Applied</dt>
          <dd>
            <time dateTime={retailer.createdAt}>{retailer.createdAt.slice(0, 10)}</time>
          </dd>
        </div>
        {retailer.status === "approved" ? (
          <>
            <div>
              <dt>Tier</dt>
              <dd>{tiers.find((t) => t.code === retailer.tier)?.name ?? retailer.tier}</dd>
            </div>
            <div>
              <dt>Terms</dt>
              <dd>{TERMS_LABEL[retailer.paymentTerms]}</dd>
            </div>
            <div>
              <dt>Credit limit</dt>
              <dd>
                <Money value={{ amount: retailer.creditLimit, currency: "USD" }} />
              </dd>
            </div>
            <div>
              <dt>Orders</dt>
              <dd>{orders}</dd>
            </div>
          </>
        ) : null}
        {retailer.decisionNote ? (
          <div>
            <dt>Reason given</dt>
            <dd>{retailer.decisionNote}</dd>
          </div>
        ) : null}
      </dl>

      {decided || retailer.status === "approved" ? (
        <div className="wholesale-grid wholesale-grid--2">
          <section className="wholesale-panel" aria-labelledby="approve-heading">
            <h2 id="approve-heading">{decided ? "Approve" : "Change terms"}</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="approve" />
              <div className="field">
                <label htmlFor="approve-tier">Price tier</label>
                <select
                  id="approve-tier"
                  name="tier"
                  defaultValue={values.tier ?? retailer.tier}
                  aria-invalid={approveErrors.tier ? true : undefined}
                >
                  {tiers.map((t) => (
                    <option key={t.code} value={t.code}>
                      {t.name} ({t.percentOfRetail / 100}% of retail)
                    </option>
                  ))}
                </select>
                {approveErrors.tier ? <p className="field-error">{approveErrors.tier}</p> : null}
              </div>
              <div className="field">
                <label htmlFor="approve-terms">Payment terms</label>
                <select
                  id="approve-terms"
                  name="paymentTerms"
                  defaultValue={values.paymentTerms ?? retailer.paymentTerms}
                  aria-invalid={approveErrors.paymentTerms ? true : undefined}
                >
                  <option value="card">Card</option>
                  <option value="net30">Net 30</option>
                  <option value="net60">Net 60</option>
                </select>
                {approveErrors.paymentTerms ? <p className="field-error">{approveErrors.paymentTerms}</p> : null}
              </div>
              <div className="field">
                <label htmlFor="approve-credit">Credit limit (US dollars)</label>
                <input
                  id="approve-credit"
                  name="creditLimit"
                  inputMode="decimal"
                  defaultValue={values.creditLimit ?? String(retailer.creditLimit / 100)}
                  aria-invalid={approveErrors.creditLimit ? true : undefined}
                  aria-describedby="approve-credit-hint"
                />
                <p className="field-hint" id="approve-credit-hint">
                  For net terms. Card accounts have none.
                </p>
                {approveErrors.creditLimit ? <p className="field-error">{approveErrors.creditLimit}</p> : null}
              </div>
              <button type="submit" className="button" disabled={busy}>
                {decided ? "Approve and invite the buyer" : "Save terms"}
              </button>
            </Form>
          </section>
          {decided ? (
            <section className="wholesale-panel" aria-labelledby="reject-heading">
              <h2 id="reject-heading">Reject</h2>
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="reject" />
                <div className="field">
                  <label htmlFor="reject-reason">Reason (emailed to the applicant)</label>
                  <textarea
                    id="reject-reason"
                    name="reason"
                    rows={3}
                    aria-invalid={rejectErrors.reason ? true : undefined}
                    aria-describedby={rejectErrors.reason ? "reject-reason-error" : undefined}
                  />
                  {rejectErrors.reason ? (
                    <p className="field-error" id="reject-reason-error">
                      {rejectErrors.reason}
                    </p>
                  ) : null}
                </div>
                <button type="submit" className="button button--ghost" disabled={busy}>
                  Reject application
                </button>
              </Form>
            </section>
          ) : null}
        </div>
      ) : null}

      <h2>Buyers</h2>
      {buyers.length === 0 ? (
        <p className="muted">None yet: approving creates the first buyer from the contact.</p>
      ) : (
        <div className="ops-table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {buyers.map((b) => (
                <tr key={b.id}>
                  <td>{b.name}</td>
                  <td>{b.email}</td>
                  <td>
                    {b.hasPassword ? "Active" : b.inviteExpiresAt ? `Invited (link expires ${b.inviteExpiresAt.slice(0, 10)})` : "Invited"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Ship-to locations</h2>
      {locations.length === 0 ? (
        <p className="muted">None yet: buyers add them from their account page.</p>
      ) : (
        <ul>
          {locations.map((l) => (
            <li key={l.id}>
              {l.name}: {l.line1}, {l.city}
              {l.region ? `, ${l.region}` : ""} {l.postalCode ?? ""} {l.country}
              {l.isDefault ? " (default)" : ""}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const STATUS_LABEL: Record<string, string> = {
  applied: "Application",
  approved: "Approved account",
  rejected: "Rejected",
  suspended: "Suspended",
};
const TERMS_LABEL: Record<string, string> = { card: "Card", net30: "Net 30", net60: "Net 60" };

function retailerId(raw: string | undefined) {
  const id = idOrNull(raw);
  if (!id) throw new Response("There is no retailer with that number.", { status: 404 });
  return id;
}
