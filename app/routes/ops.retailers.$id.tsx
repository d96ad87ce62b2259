import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { ApproveForm } from "~/features/ops/retailers/ApproveForm";
import { BuyerTable } from "~/features/ops/retailers/BuyerTable";
import { STATUS_LABEL } from "~/features/ops/retailers/labels";
import { RejectForm } from "~/features/ops/retailers/RejectForm";
import { RetailerFacts } from "~/features/ops/retailers/RetailerFacts";
import { decideRetailer, loadRetailer, type RetailerFailure, retailerId } from "~/features/ops/retailers/retailer.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/validation";
import styles from "~/styles/wholesale.css";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.retailer.name ?? "Retailer"} · Retailers · Soko operations` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.retailers.$id", "loader");
  return withFlash(request, await loadRetailer(retailerId(params.id)));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.retailers.$id", "action");
  const id = retailerId(params.id);
  const answer = await decideRetailer(id, await readForm(request), `staff:${staff.id}`);
  if (!answer.ok) return data<RetailerFailure>(answer.failure, { status: answer.status });
  return redirectWithFlash(request, `/ops/retailers/${id}`, { kind: "success", message: answer.message }, { status: 303 });
}

export default function OpsRetailer() {
  const { retailer, buyers, locations, orders, tiers, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
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
      <FlashNotice flash={flash} />
      {approveErrors.form || rejectErrors.form ? (
        <p className="notice notice--error" role="alert">
          {approveErrors.form ?? rejectErrors.form}
        </p>
      ) : null}

      <RetailerFacts retailer={retailer} tiers={tiers} orders={orders} />

      {decided || retailer.status === "approved" ? (
        <div className="wholesale-grid wholesale-grid--2">
          <ApproveForm retailer={retailer} tiers={tiers} orders={orders} errors={approveErrors} values={values} />
          {decided ? <RejectForm errors={rejectErrors} /> : null}
        </div>
      ) : null}

      <h2>Buyers</h2>
      <BuyerTable buyers={buyers} />
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
