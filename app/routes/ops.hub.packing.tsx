import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/ui/Pagination";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import type { ShipFailure } from "~/features/ops/hub/forms";
import { PackingCard } from "~/features/ops/hub/PackingCard";
import { loadPacking, packingAction } from "~/features/ops/hub/packing.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/validation";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const meta: MetaFunction = () => [{ title: "Pack & ship · Nairobi hub · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.hub.packing", "loader");
  return withFlash(request, await loadPacking(new URL(request.url).searchParams));
}

/** Packing and shipping are the order module's own actions (order events, shipment, stock, email, audit). */
export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.hub.packing", "action");
  const answer = await packingAction(await readForm(request), `staff:${staff.id}`);
  if (!answer.ok) return data<ShipFailure>(answer.failure, { status: answer.status });
  return redirectWithFlash(request, answer.back ?? "/ops/hub/packing", { kind: "success", message: answer.message });
}

export default function HubPacking() {
  const { show, list, edi, flash } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as ShipFailure | undefined;
  return (
    <div className="ops-page hub-page">
      <p className="eyebrow">Nairobi hub</p>
      <h1>Pack &amp; ship</h1>
      <FlashNotice flash={flash} />
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
            <PackingCard key={o.number} order={o} show={show} failure={failure} edi={edi[o.number]} />
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
