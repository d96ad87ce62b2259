import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/ui/Pagination";
import { EmptyList } from "~/features/ops/shared/PastLastPage";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { errorsAction, errorsPage } from "~/features/ops/edi/edi.server";
import { EdiTabs, Notice, StatusBadge, day } from "~/features/ops/edi/parts";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/validation";
import styles from "~/styles/ops-edi.css";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "EDI errors · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.edi.errors", "loader");
  return withFlash(request, await errorsPage(new URL(request.url)));
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.edi.errors", "action");
  const answer = await errorsAction(await readForm(request), `staff:${staff.id}`);
  if (!answer.ok) return data(answer, { status: answer.status });
  const url = new URL(request.url);
  return redirectWithFlash(request, `/ops/edi/errors${url.search}`, { kind: "success", message: answer.message }, { status: 303 });
}

export default function OpsEdiErrors() {
  const { rows, total, page, pageCount, flash } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <div className="ops-page">
      <h1>EDI</h1>
      <EdiTabs />
      <Notice flash={flash} error={answer && !answer.ok ? answer.errors.form : undefined} />
      <p className="muted">
        Held sets need you: fix what is named (the partner's cross-reference, a ship-to, the retailer's terms) and re-process, or refuse the
        PO (an 855 rejecting it goes out). Rejected sets failed our 997: the partner must send them again.
      </p>
      {rows.length === 0 ? (
        <EmptyList total={total} pageCount={pageCount} rows="sets">
          <h2>Nothing to fix</h2>
          <p className="muted">Every transaction set received has been ordered, applied or closed.</p>
        </EmptyList>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {total} {total === 1 ? "set" : "sets"}
          </p>
          <ul className="edi-error-list">
            {rows.map((r) => (
              <li key={r.id} className="card">
                <h2>
                  {r.type} {r.poNumber ? `PO ${r.poNumber}` : `#${r.controlNumber}`} from {r.partnerName} <StatusBadge status={r.status} />
                </h2>
                <p className="muted">
                  {day(r.processedAt)} · <Link to={`/ops/edi/interchanges/${r.interchangeId}`}>the interchange, raw and readable</Link> ·{" "}
                  <Link to={`/ops/edi/partners/${r.partnerId}`}>partner profile and cross-reference</Link>
                </p>
                <ul className="edi-problems">
                  {r.problems.map((p) => (
                    <li key={p.message}>{p.message}</li>
                  ))}
                </ul>
                {r.status === "held" ? (
                  <div className="edi-actions">
                    <Form method="post">
                      <input type="hidden" name="setId" value={r.id} />
                      <button type="submit" name="intent" value="reprocess" className="button button--small">
                        Re-process {r.poNumber ? `PO ${r.poNumber}` : "it"}
                      </button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="setId" value={r.id} />
                      <button type="submit" name="intent" value="refuse" className="button button--small button--secondary">
                        Refuse {r.poNumber ? `PO ${r.poNumber}` : "it"}
                      </button>
                    </Form>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
      <Pagination page={page} pageCount={pageCount} label="Error pages" />
    </div>
  );
}
