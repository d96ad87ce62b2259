import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { documentPage, idParam } from "~/features/ops/edi/edi.server";
import { EdiTabs, RawAndReadable, StatusBadge, day } from "~/features/ops/edi/parts";
import styles from "~/styles/ops-edi.css";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.document.typeName ?? "Document"} · EDI · Soko operations` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.edi.documents.$id", "loader");
  return documentPage(idParam(params.id, "document"));
}

export default function OpsEdiDocument() {
  const { document: d, partnerName, orderNumber, overdue, readable } = useLoaderData<typeof loader>();
  return (
    <div className="ops-page">
      <p>
        <Link to="/ops/edi/log?dir=out">← Documents sent</Link>
      </p>
      <h1>
        {d.typeName} #{d.controlNumber} to {partnerName}
      </h1>
      <EdiTabs />
      <p>
        <StatusBadge status={d.status} overdue={overdue} /> {d.reference}
        {orderNumber ? (
          <>
            {" "}
            · order <Link to={`/ops/orders/${orderNumber}`}>{orderNumber}</Link>
          </>
        ) : null}
      </p>
      <dl className="edi-facts">
        <dt>Written</dt>
        <dd>{day(d.createdAt)}</dd>
        <dt>Sent</dt>
        <dd>
          {day(d.sentAt)} ({d.attempts} {d.attempts === 1 ? "attempt" : "attempts"})
        </dd>
        {d.lastError ? (
          <>
            <dt>Last error</dt>
            <dd>{d.lastError}</dd>
          </>
        ) : null}
        <dt>Their 997</dt>
        <dd>{d.acknowledgedAt ? day(d.acknowledgedAt) : d.ackDueAt ? `due by ${day(d.ackDueAt)}` : "not expected"}</dd>
      </dl>
      <RawAndReadable raw={d.raw} segments={readable} />
    </div>
  );
}
