import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { Pagination } from "~/components/ui/Pagination";
import { EmptyList } from "~/features/ops/shared/PastLastPage";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { BOARD_TABS } from "~/domain/production";
import { BoardFilters } from "~/features/ops/production/BoardFilters";
import { BoardTable } from "~/features/ops/production/BoardTable";
import { BoardTabs } from "~/features/ops/production/BoardTabs";
import { loadProductionBoard, redispatchFromBoard } from "~/features/ops/production/board.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { answerRefusals } from "~/lib/refusal.server";
import { readForm } from "~/lib/validation";
import styles from "~/styles/ops-admin.css";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Production · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.production._index", "loader");
  return withFlash(request, await loadProductionBoard(new URL(request.url).searchParams, staff.roles));
}

export async function action(args: ActionFunctionArgs) {
  return answerRefusals(() => act(args));
}

async function act({ request }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.production._index", "action");
  const answer = await redispatchFromBoard(await readForm(request), `staff:${staff.id}`);
  if (!answer.ok) return data({ error: answer.error }, { status: answer.status });
  return redirectWithFlash(request, answer.back, answer.flash);
}

export default function ProductionBoard() {
  const { query, state, today, canAct, tabs, rows, total, page, pageCount, counties, flash } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { search } = useLocation();
  const filtered = Boolean(query.late || query.county || query.product || query.channel);
  const bulk = canAct && state === "unassigned" && rows.length > 0;
  const tabLabel = BOARD_TABS.find((t) => t.key === state)!.label;
  const elsewhere = tabs.filter((t) => t.count > 0);

  return (
    <div className="ops-page ops-admin">
      <h1>Production</h1>
      <p className="muted">Every production request by state. Late work first, then by due date.</p>
      <FlashNotice flash={flash} />
      {failure && "error" in failure ? (
        <p className="notice notice--error" role="alert">
          {failure.error}
        </p>
      ) : null}

      <BoardFilters query={query} counties={counties} filtered={filtered} />
      <BoardTabs tabs={tabs} state={state} />

      {rows.length === 0 ? (
        <EmptyList total={total} pageCount={pageCount} rows="requests">
          <h2>
            {elsewhere.length
              ? `Nothing ${tabLabel.toLowerCase()}`
              : filtered
                ? "Nothing matches these filters"
                : "No production requests open"}
          </h2>
          <p className="muted">
            {elsewhere.length ? (
              <>
                {filtered ? "With these filters, the" : "The"} open work is in{" "}
                {elsewhere.map((t, i) => (
                  <span key={t.key}>
                    {i > 0 ? (i === elsewhere.length - 1 ? " and " : ", ") : ""}
                    <Link to={`/ops/production?${tabSearch(search, t.key)}`}>
                      {t.label} ({t.count})
                    </Link>
                  </span>
                ))}
                .
              </>
            ) : filtered ? (
              "Try other filters, or clear them."
            ) : (
              "New orders' work appears here as soon as it is placed."
            )}
          </p>
        </EmptyList>
      ) : (
        <Form method="post" aria-label={`${tabLabel} requests`}>
          <input type="hidden" name="intent" value="redispatch" />
          <input type="hidden" name="back" value={`/ops/production${search}`} />
          <p className="muted" aria-live="polite">
            {total} {total === 1 ? "request" : "requests"} {tabLabel.toLowerCase()}
          </p>
          <BoardTable rows={rows} today={today} label={`${tabLabel} requests`} bulk={bulk} canAct={canAct} />
          {bulk ? (
            <div className="board-bulk">
              <button type="submit" className="button button--small">
                Re-dispatch selected
              </button>
              <span className="muted">The dispatch engine plans them again now, with today's capacity.</span>
            </div>
          ) : null}
        </Form>
      )}
      <Pagination page={page} pageCount={pageCount} label={`${tabLabel} pages`} />
    </div>
  );
}

/** The board's address for another tab, keeping the filters, from page 1. */
function tabSearch(search: string, state: string) {
  const params = new URLSearchParams(search);
  params.delete("page");
  params.set("state", state);
  return params.toString();
}
