import { OpsTime } from "~/features/ops/shared/OpsTime";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import type { Order } from "#db/schema";
import { Money } from "~/components/commerce/Money";
import { Pagination } from "~/components/ui/Pagination";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { listOrders } from "~/domain/orders/index.server";
import styles from "~/styles/ops-orders.css";
import { parseWith } from "~/lib/validation";

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
        <div className="field">
          <label htmlFor="orders-channel">Channel</label>
          <select id="orders-channel" name="channel" defaultValue={filter.channel ?? ""}>
            <option value="">All channels</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABEL[c]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="orders-status">Status</label>
          <select id="orders-status" name="status" defaultValue={filter.status ?? ""}>
            <option value="">All statuses</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {words(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="orders-payment">Payment</label>
          <select id="orders-payment" name="paymentStatus" defaultValue={filter.paymentStatus ?? ""}>
            <option value="">All payment statuses</option>
            {PAYMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {words(s)}
              </option>
            ))}
          </select>
        </div>
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
        <div className="empty-state">
          <h2>{filtered ? "No orders match these filters" : page > 1 ? "No orders on this page" : "No orders yet"}</h2>
          <p className="muted">
            {filtered
              ? "Try another number or email, or clear the filters."
              : "Orders appear here as soon as they are placed in any channel."}
          </p>
        </div>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {total} {total === 1 ? "order" : "orders"}
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

// Kept here, checked against the schema's types, so the browser bundle never needs db/schema.
const CHANNELS = ["web", "wholesale", "pos"] as const;
const STATUSES = ["open", "in_production", "ready", "packed", "shipped", "delivered", "cancelled"] as const;
const PAYMENT_STATUSES = ["pending", "paid", "partially_refunded", "refunded", "failed", "on_terms"] as const;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const listsMatch: [
  Same<(typeof CHANNELS)[number], Order["channel"]>,
  Same<(typeof STATUSES)[number], Order["status"]>,
  Same<(typeof PAYMENT_STATUSES)[number], Order["paymentStatus"]>,
] = [true, true, true];
void listsMatch;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const filterSchema = z.object({
  channel: z.preprocess(blankToUndefined, z.enum(CHANNELS, { message: "Unknown channel filter." }).optional()),
  status: z.preprocess(blankToUndefined, z.enum(STATUSES, { message: "Unknown status filter." }).optional()),
  paymentStatus: z.preprocess(blankToUndefined, z.enum(PAYMENT_STATUSES, { message: "Unknown payment status filter." }).optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().max(120, "Search for at most 120 characters.").optional()),
  page: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ message: "The page must be a number." })
      .int("The page must be a whole number.")
      .min(1, "Pages start at 1.")
      .max(100_000, "That page is out of range.")
      .default(1),
  ),
});

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
