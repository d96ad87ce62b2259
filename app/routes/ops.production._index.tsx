import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { Pagination } from "~/components/ui/Pagination";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { mayAct } from "~/domain/accounts";
import { BOARD_CHANNELS, BOARD_TABS, CHANNEL_LABEL, boardQuerySchema, statusWords } from "~/domain/production";
import { loadBoard } from "~/domain/production/index.server";
import { redispatchRequests } from "~/domain/production/index.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { parseWith, readForm } from "~/lib/validation";
import styles from "~/styles/ops-admin.css";
import { answerRefusals } from "~/lib/refusal.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Production · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.production._index", "loader");
  const parsed = parseWith(boardQuerySchema, new URL(request.url).searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  const board = await loadBoard(parsed.data, PER_PAGE);
  return withFlash(request, { query: parsed.data, canAct: mayAct("ops.production._index", staff.roles), ...board });
}

export async function action(args: ActionFunctionArgs) {
  return answerRefusals(() => act(args));
}

async function act({ request }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.production._index", "action");
  const form = await readForm(request);
  if (form.get("intent") !== "redispatch") throw new Response("Unknown action", { status: 400 });
  const ids = z.array(z.coerce.number().int().positive().max(2_147_483_647)).max(200).safeParse(form.getAll("requestId"));
  if (!ids.success) return data({ error: "Choose at most 200 requests at a time." }, { status: 400 });
  if (!ids.data.length) return data({ error: "Tick the requests to send back to dispatch first." }, { status: 400 });
  const result = await redispatchRequests({ ids: ids.data, actor: `staff:${staff.id}` });
  const back = safeBack(form.get("back"));
  if (!result.queued)
    return redirectWithFlash(request, back, {
      kind: "error",
      message: `Nothing was sent: ${result.skipped.join(", ")} ${result.skipped.length === 1 ? "is" : "are"} no longer waiting for an artisan.`,
    });
  return redirectWithFlash(request, back, {
    kind: "success",
    message: `${result.queued} ${result.queued === 1 ? "request" : "requests"} sent to dispatch: offers go out within seconds (refresh to see them).${result.skipped.length ? ` Skipped, no longer waiting: ${result.skipped.join(", ")}.` : ""}`,
  });
}

export default function ProductionBoard() {
  const { query, canAct, tabs, rows, total, page, pageCount, counties, flash } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { search } = useLocation();
  const filtered = Boolean(query.late || query.county || query.product || query.channel);
  const tabHref = (key: string) => {
    const params = new URLSearchParams(search);
    params.delete("page");
    params.set("state", key);
    return `/ops/production?${params}`;
  };
  const bulk = canAct && query.state === "unassigned" && rows.length > 0;
  const tabLabel = BOARD_TABS.find((t) => t.key === query.state)!.label;

  return (
    <div className="ops-page ops-admin">
      <h1>Production</h1>
      <p className="muted">Every production request by state. Late work first, then by due date.</p>
      {flash ? (
        <p className={`notice notice--${flash.kind}`} role="status">
          {flash.message}
        </p>
      ) : null}
      {failure && "error" in failure ? (
        <p className="notice notice--error" role="alert">
          {failure.error}
        </p>
      ) : null}

      <form method="get" className="ops-filters" aria-label="Filter production requests">
        <input type="hidden" name="state" value={query.state} />
        <div className="field">
          <label htmlFor="board-product">Product, SKU or request</label>
          <input id="board-product" name="product" type="search" defaultValue={query.product ?? ""} maxLength={120} />
        </div>
        <div className="field">
          <label htmlFor="board-county">Artisan's county</label>
          <select id="board-county" name="county" defaultValue={query.county ?? ""}>
            <option value="">All counties</option>
            {counties.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="board-channel">Order channel</label>
          <select id="board-channel" name="channel" defaultValue={query.channel ?? ""}>
            <option value="">All channels</option>
            {BOARD_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABEL[c]}
              </option>
            ))}
          </select>
        </div>
        <div className="field ops-admin__checks">
          <label>
            <input type="checkbox" name="late" value="1" defaultChecked={query.late} /> Late only
          </label>
        </div>
        <button type="submit" className="button button--small">
          Filter
        </button>
        {filtered ? (
          <Link to={`/ops/production?state=${query.state}`} className="ops-filters__clear">
            Clear filters
          </Link>
        ) : null}
      </form>

      <nav className="board-tabs" aria-label="Request states">
        {tabs.map((t) => (
          <Link key={t.key} to={tabHref(t.key)} aria-current={t.key === query.state ? "page" : undefined}>
            {t.label} <span className="board-count">{t.count}</span>
          </Link>
        ))}
      </nav>

      {rows.length === 0 ? (
        <div className="empty-state">
          <h2>Nothing {filtered ? "matches these filters" : "here"}</h2>
          <p className="muted">{filtered ? "Try other filters, or clear them." : `No requests are ${tabLabel.toLowerCase()} right now.`}</p>
        </div>
      ) : (
        <Form method="post" aria-label={`${tabLabel} requests`}>
          <input type="hidden" name="intent" value="redispatch" />
          <input type="hidden" name="back" value={`/ops/production${search}`} />
          <p className="muted" aria-live="polite">
            {total} {total === 1 ? "request" : "requests"} {tabLabel.toLowerCase()}
          </p>
          <ScrollRegion className="ops-table-wrap" label={`${tabLabel} requests`}>
            <table className="table">
              <thead>
                <tr>
                  {bulk ? (
                    <th scope="col" className="board-check">
                      <span className="visually-hidden">Select</span>
                    </th>
                  ) : null}
                  <th scope="col">Request</th>
                  <th scope="col">Product</th>
                  <th scope="col" className="ops-num">
                    Units
                  </th>
                  <th scope="col">Due</th>
                  <th scope="col">Status</th>
                  <th scope="col">Artisan</th>
                  <th scope="col">Order</th>
                  {canAct ? (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    {bulk ? (
                      <td className="board-check">
                        <input type="checkbox" name="requestId" value={r.id} id={`pick-${r.id}`} aria-label={`Select ${r.number}`} />
                      </td>
                    ) : null}
                    <th scope="row">
                      <Link to={`/ops/production/${r.number}`}>{r.number}</Link>
                    </th>
                    <td>
                      {r.product}
                      <div className="muted ops-admin__sub">
                        {r.variant} · {r.sku}
                      </div>
                    </td>
                    <td className="ops-num">
                      {r.unitsMade ? `${r.unitsMade}/` : ""}
                      {r.quantity}
                    </td>
                    <td>
                      {r.dueDate}
                      {r.late ? (
                        <>
                          {" "}
                          <span className="badge badge--bad">Late</span>
                        </>
                      ) : r.overdue && ["unassigned", "declined", "expired", "offered", "accepted", "in_progress"].includes(r.status) ? (
                        <>
                          {" "}
                          <span className="badge badge--warn">Overdue</span>
                        </>
                      ) : null}
                    </td>
                    <td>
                      <span className="badge">{statusWords(r.status)}</span>
                      {r.status === "offered" && r.offerExpiresAt ? (
                        <div className="muted ops-admin__sub">until {r.offerExpiresAt.slice(0, 16).replace("T", " ")} UTC</div>
                      ) : null}
                    </td>
                    <td>
                      {r.artisanName ? (
                        <>
                          <Link to={`/ops/artisans/${r.artisanId}`}>{r.artisanName}</Link>
                          <div className="muted ops-admin__sub">{r.county}</div>
                        </>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td>
                      {r.orderNumber ? (
                        <>
                          <Link to={`/ops/orders/${r.orderNumber}`}>{r.orderNumber}</Link>
                          <div className="muted ops-admin__sub">{r.channel ? CHANNEL_LABEL[r.channel] : ""}</div>
                        </>
                      ) : (
                        <span className="muted">Stock</span>
                      )}
                    </td>
                    {canAct ? (
                      <td>
                        <Link to={`/ops/production/${r.number}`} aria-label={`Reassign ${r.number}`}>
                          Reassign
                        </Link>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
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

const PER_PAGE = 30;

function safeBack(value: FormDataEntryValue | null) {
  return typeof value === "string" && value.startsWith("/ops/production") && !/[\\\u0000-\u001f]/.test(value) ? value : "/ops/production";
}
