import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { idParam, interchangePage } from "~/features/ops/edi/edi.server";
import { EdiTabs, Notice, RawAndReadable, StatusBadge, day } from "~/features/ops/edi/parts";
import { withFlash } from "~/lib/flash.server";
import styles from "~/styles/ops-edi.css";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Interchange ${data?.interchange.controlNumber ?? ""} · EDI · Soko operations` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.edi.interchanges.$id", "loader");
  return withFlash(request, await interchangePage(idParam(params.id, "interchange")));
}

export default function OpsEdiInterchange() {
  const { interchange, partnerName, sets, readable, flash } = useLoaderData<typeof loader>();
  return (
    <div className="ops-page">
      <p>
        <Link to="/ops/edi/log">← Document log</Link>
      </p>
      <h1>
        Interchange {interchange.controlNumber} from {partnerName}
      </h1>
      <EdiTabs />
      <Notice flash={flash} />
      <p>
        <StatusBadge status={interchange.status} /> Received {day(interchange.receivedAt)} by {interchange.source} ({interchange.receivedBy}
        ), {interchange.usage === "P" ? "production" : "test"} data.
      </p>
      <h2>Transaction sets</h2>
      <ul>
        {sets.map((s) => (
          <li key={s.id}>
            <strong>
              {s.type} {s.poNumber ? `PO ${s.poNumber}` : `#${s.controlNumber}`}
            </strong>{" "}
            <StatusBadge status={s.status} />
            {s.orderNumber ? (
              <>
                {" "}
                order <Link to={`/ops/orders/${s.orderNumber}`}>{s.orderNumber}</Link>
              </>
            ) : null}
            {s.answers.map((a) => (
              <span key={a.id}>
                {" "}
                · <Link to={`/ops/edi/documents/${a.id}`}>our {a.type}</Link> ({a.status})
              </span>
            ))}
            {s.problems.length ? (
              <ul className="edi-problems">
                {s.problems.map((p) => (
                  <li key={p.message}>{p.message}</li>
                ))}
              </ul>
            ) : null}
            {s.status === "held" ? (
              <p>
                <Link to="/ops/edi/errors">Fix and re-process it under Errors</Link>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <RawAndReadable raw={interchange.raw} segments={readable} />
    </div>
  );
}
