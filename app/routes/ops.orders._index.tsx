import { OpsTime } from "~/features/ops/shared/OpsTime";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { Order } from "#db/schema";
import { Money } from "~/components/commerce/Money";
import { Pagination } from "~/components/ui/Pagination";
import { EmptyList } from "~/features/ops/shared/PastLastPage";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { listOrders } from "~/domain/orders/index.server";
import styles from "~/styles/ops-orders.css";
import { parseWith } from "~/lib/validation";
import { CHANNELS, filterSchema, PAYMENT_STATUSES, STATUSES } from "~/features/ops/orders/filter";
import { FilterSelect } from "~/components/ui/FilterSelect";
import { csvLinkWords } from "~/features/ops/orders/format";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Orders · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.orders._index", "loader");
  const parsed = parseWith(filterSchema, new URL(request.url).searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  const filter = parsed.data;
  const result = await listOrders({ ...filter, perPage: PER_PAGE });
  return { filter, ...result };
}

export default function OpsOrders() {
  const { filter, rows, total, page, pageCount } = useLoaderData<typeof loader>();
  const filtered = Boolean(filter.channel || filter.status || filter.paymentStatus || filter.q);
  const csv = new URLSearchParams();
  for (const key of ["channel", "status", "paymentStatus", "q"] as const) if (filter[key]) csv.set(key, filter[key]!);

  return (
    <div className="ops-page">
      <h1>Orders</h1>
      <p className="muted">Every order from the web shop, wholesale and the flagship, newest first.</p>
      <form method="get" className="ops-filters" aria-label="Filter orders">
        <div className="field ops-orders-search">
          <label htmlFor="orders-q">Order number or email</label>
          <input
            id="orders-q"
            name="q"
            type="search"
            defaultValue={filter.q ?? ""}
            maxLength={120}
            placeholder="SK-100123 or name@example.com"
          />
        </div>
        <FilterSelect
          id="orders-channel"
          label="Channel"
          name="channel"
          value={filter.channel}
          all="All channels"
          options={CHANNELS.map((c) => [c, CHANNEL_LABEL[c]])}
        />
        <FilterSelect
          id="orders-status"
          label="Status"
          name="status"
          value={filter.status}
          all="All statuses"
          options={STATUSES.map((s) => [s, words(s)])}
        />
        <FilterSelect
          id="orders-payment"
          label="Payment"
          name="paymentStatus"
          value={filter.paymentStatus}
          all="All payment statuses"
          options={PAYMENT_STATUSES.map((s) => [s, words(s)])}
        />
        <button type="submit" className="button button--small">
          Search
        </button>
        {filtered ? (
          <Link to="/ops/orders" className="ops-filters__clear">
            Clear filters
          </Link>
        ) : null}
      </form>

      {rows.length === 0 ? (
        <EmptyList total={total} pageCount={pageCount} rows="orders">
          <h2>{filtered ? "No orders match these filters" : "No orders yet"}</h2>
          <p className="muted">
            {filtered
              ? "Try another number or email, or clear the filters."
              : "Orders appear here as soon as they are placed in any channel."}
          </p>
        </EmptyList>
      ) : (
        <>
          <p className="muted ops-orders-count" aria-live="polite">
            {total} {total === 1 ? "order" : "orders"}
            {" · "}
            <a href={`/ops/orders.csv${csv.size ? `?${csv}` : ""}`} download>
              {csvLinkWords(total, filtered)}
            </a>
          </p>
          <ScrollRegion className="ops-table-wrap" label="Orders">
            <table className="table ops-orders-table">
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Placed</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Email</th>
                  <th scope="col">Status</th>
                  <th scope="col">Payment</th>
                  <th scope="col" className="ops-num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((o) => (
                  <tr key={o.number}>
                    <td>
                      <Link to={`/ops/orders/${encodeURIComponent(o.number)}`}>{o.number}</Link>
                    </td>
                    <td>
                      <OpsTime iso={o.placedAt} />
                    </td>
                    <td>{CHANNEL_LABEL[o.channel]}</td>
                    <td className="ops-orders-table__email">{o.email}</td>
                    <td>
                      <span className={`badge ${statusBadge(o.status)}`}>{words(o.status)}</span>
                    </td>
                    <td>
                      <span className={`badge ${paymentBadge(o.paymentStatus)}`}>{words(o.paymentStatus)}</span>
                    </td>
                    <td className="ops-num">
                      <Money value={{ amount: o.total, currency: o.currency }} />
                      {o.settlementTotal !== null && o.settlementCurrency !== o.currency ? (
                        // The shopper's currency first; what it settles as in USD beside it.
                        <span className="muted ops-orders-table__settled">
                          {" "}
                          (<Money value={{ amount: o.settlementTotal, currency: o.settlementCurrency }} />)
                        </span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
      <Pagination page={page} pageCount={pageCount} label="Order pages" />
    </div>
  );
}

const PER_PAGE = 25;

const CHANNEL_LABEL: Record<Order["channel"], string> = { web: "Web", wholesale: "Wholesale", pos: "Flagship POS" };

function words(value: string) {
  return value.replace(/_/g, " ");
}

function statusBadge(status: Order["status"]) {
  return status === "cancelled" ? "badge--bad" : status === "delivered" || status === "shipped" ? "badge--ok" : "";
}

function paymentBadge(status: Order["paymentStatus"]) {
  return status === "paid"
    ? "badge--ok"
    : status === "failed"
      ? "badge--bad"
      : status === "pending" || status === "on_terms"
        ? ""
        : "badge--warn";
}
