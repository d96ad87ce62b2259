import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/ui/Pagination";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { CountForm } from "~/features/ops/inventory/CountForm";
import type { ActionFailure } from "~/features/ops/inventory/stock";
import { stockAction, stockPage } from "~/features/ops/inventory/stock.server";
import { LevelsTable, MovementsTable } from "~/features/ops/inventory/StockTables";
import { TransferForm } from "~/features/ops/inventory/TransferForm";
import styles from "~/styles/ops-dashboard.css";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data && "variant" in data ? data.variant.sku : "Stock"} · Inventory · Soko operations` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.inventory.$sku", "loader");
  return stockPage(request, params.sku, staff);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.inventory.$sku", "action");
  return stockAction(request, params.sku, staff);
}

export default function OpsInventoryVariant() {
  const { variant, levels, movements, canEdit, formKey, flash } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as ActionFailure | undefined;
  return (
    <div className="ops-page">
      <p className="eyebrow">
        <Link to="/ops/inventory">Inventory</Link>
      </p>
      <h1>{variant.productTitle}</h1>
      <p className="muted">
        SKU {variant.sku}
        {variant.title && variant.title !== "Default" ? ` · ${variant.title}` : ""}
      </p>
      <FlashNotice flash={flash} />
      {failure?.errors.form ? (
        <p className="notice notice--error" role="alert">
          {failure.errors.form}
        </p>
      ) : null}

      <LevelsTable levels={levels} />

      {canEdit ? (
        <div className="inv-forms">
          <TransferForm levels={levels} formKey={formKey} failure={failure?.intent === "transfer" ? failure : undefined} />
          <CountForm levels={levels} formKey={formKey} failure={failure?.intent === "count" ? failure : undefined} />
        </div>
      ) : null}

      <h2>Movements</h2>
      <MovementsTable rows={movements.rows} />
      <Pagination page={movements.page} pageCount={movements.pageCount} label="Movement pages" />
    </div>
  );
}
