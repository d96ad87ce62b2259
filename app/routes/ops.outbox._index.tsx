import { OpsTime } from "~/features/ops/shared/OpsTime";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/ui/Pagination";
import { EmptyList } from "~/features/ops/shared/PastLastPage";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { listOutbox } from "~/domain/notifications/index.server";
import { OUTBOX_CHANNELS, OUTBOX_STATUSES, outboxFilterSchema, type OutboxChannel, type OutboxStatus } from "~/domain/notifications";
import { parseWith } from "~/lib/validation";
import { FilterSelect } from "~/components/ui/FilterSelect";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const meta: MetaFunction = () => [{ title: "Outbox · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.outbox._index", "loader");
  const parsed = parseWith(outboxFilterSchema, new URL(request.url).searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  const filter = parsed.data;
  const result = await listOutbox({ ...filter, perPage: PER_PAGE });
  return {
    filter,
    total: result.total,
    page: result.page,
    pageCount: result.pageCount,
    messages: result.rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), sentAt: row.sentAt?.toISOString() ?? null })),
  };
}

export default function OpsOutbox() {
  const { filter, messages, total, page, pageCount } = useLoaderData<typeof loader>();
  const filtered = Boolean(filter.channel || filter.status);
  return (
    <div className="ops-page">
      <h1>Outbox</h1>
      <p className="muted">
        Every email and SMS, rendered. Without provider keys (local mode) messages stop here, marked <em>stored</em>.
      </p>
      <form method="get" className="ops-filters" aria-label="Filter messages">
        <FilterSelect
          id="outbox-channel"
          label="Channel"
          name="channel"
          value={filter.channel}
          all="All channels"
          options={OUTBOX_CHANNELS.map((c) => [c, CHANNEL_LABEL[c]])}
        />
        <FilterSelect
          id="outbox-status"
          label="Status"
          name="status"
          value={filter.status}
          all="All statuses"
          options={OUTBOX_STATUSES.map((s) => [s, s])}
        />
        <button type="submit" className="button button--small">
          Filter
        </button>
        {filtered ? (
          <Link to="/ops/outbox" className="ops-filters__clear">
            Clear filters
          </Link>
        ) : null}
      </form>

      {messages.length === 0 ? (
        <EmptyList total={total} pageCount={pageCount} rows="messages">
          <h2>{filtered ? "No messages match these filters" : "No messages yet"}</h2>
          <p className="muted">Order confirmations, shipping and refund emails and artisan SMS appear here as they are queued.</p>
        </EmptyList>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {total} {total === 1 ? "message" : "messages"}
          </p>
          <ScrollRegion className="ops-table-wrap" label="Messages">
            <table className="table ops-outbox-table">
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">Channel</th>
                  <th scope="col">To</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Template</th>
                  <th scope="col">Status</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Sent</th>
                </tr>
              </thead>
              <tbody>
                {messages.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Timestamp iso={m.createdAt} />
                    </td>
                    <td>{CHANNEL_LABEL[m.channel]}</td>
                    <td className="ops-outbox-table__to">{m.to}</td>
                    <td>
                      <Link to={`/ops/outbox/${m.id}`}>{m.subject || (m.channel === "sms" ? "SMS message" : "(no subject)")}</Link>
                    </td>
                    <td>
                      <code>{m.template}</code>
                    </td>
                    <td>
                      <span className={`badge ${STATUS_BADGE[m.status]}`}>{m.status}</span>
                    </td>
                    <td>{m.attempts}</td>
                    <td>{m.sentAt ? <Timestamp iso={m.sentAt} /> : <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
      <Pagination page={page} pageCount={pageCount} label="Outbox pages" />
    </div>
  );
}

function Timestamp({ iso }: { iso: string }) {
  return <OpsTime iso={iso} />;
}

const PER_PAGE = 25;

const CHANNEL_LABEL: Record<OutboxChannel, string> = { email: "Email", sms: "SMS" };
const STATUS_BADGE: Record<OutboxStatus, string> = {
  queued: "badge--warn",
  sent: "badge--ok",
  stored: "badge--ok",
  failed: "badge--bad",
};
