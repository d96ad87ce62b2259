import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Money } from "~/components/commerce/Money";
import { LocalTime } from "~/components/ui/LocalTime";
import { Pagination } from "~/components/ui/Pagination";
import { requireBuyer } from "~/domain/wholesale/index.server";
import { readFlash } from "~/lib/flash.server";
import { listRetailerOrders } from "~/domain/wholesale/index.server";
import { PAYMENT_LABEL, poLabel } from "~/domain/wholesale";
import { parseWith } from "~/lib/validation";
import { listPage } from "~/lib/fields";
import { EmptyList } from "~/features/ops/shared/PastLastPage";
import { Notice } from "~/components/ui/Notice";

// A refused action renders here, inside the portal with the buyer's nav (see WholesalePageError).
export { WholesalePageError as ErrorBoundary } from "~/features/wholesale/PageError";

export const meta: MetaFunction = () => [{ title: "Orders · Soko wholesale" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { retailer } = await requireBuyer(request);
  const parsed = parseWith(querySchema, new URL(request.url).searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  const [list, { flash, headers }] = await Promise.all([listRetailerOrders(retailer.id, parsed.data.page), readFlash(request)]);
  return data({ ...list, placed: parsed.data.placed ?? null, flash }, { headers });
}

export default function WholesaleOrders() {
  const { orders, total, page, pageCount, placed, flash } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>Orders</h1>
      {flash ? (
        <Notice kind={flash.kind}>
          {flash.message} {placed ? <Link to={`/wholesale/orders/${encodeURIComponent(placed)}`}>Follow it line by line</Link> : null}
        </Notice>
      ) : null}
      {orders.length === 0 ? (
        <EmptyList total={total} pageCount={pageCount} rows="orders">
          <h2>No orders yet</h2>
          <p className="muted">
            Your first order starts in the <Link to="/wholesale/catalog">catalog</Link> or with a{" "}
            <Link to="/wholesale/quick-order">quick order</Link>.
          </p>
        </EmptyList>
      ) : (
        <>
          <p className="muted">
            {total} {total === 1 ? "order" : "orders"}
          </p>
          <ScrollRegion className="wholesale-table-wrap" label="Orders">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">PO number</th>
                  <th scope="col">Order</th>
                  <th scope="col">Placed</th>
                  <th scope="col">Status</th>
                  <th scope="col">Payment</th>
                  <th scope="col" className="num">
                    Total
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Reorder</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {orders.map((o) => (
                  <tr key={o.number}>
                    <td>
                      <Link to={`/wholesale/orders/${encodeURIComponent(o.number)}`}>{poLabel(o.poNumber)}</Link>
                    </td>
                    <td>{o.number}</td>
                    <td>
                      <LocalTime iso={o.placedAt.toISOString()} />
                      {o.buyer ? <span className="muted"> · {o.buyer}</span> : null}
                    </td>
                    <td>
                      <span className={`badge status-badge ${STATUS_BADGE[o.status] ?? ""}`}>{STATUS_LABEL[o.status] ?? o.status}</span>
                    </td>
                    <td>{PAYMENT_LABEL[o.paymentTerms]}</td>
                    <td className="num">
                      <Money value={{ amount: o.total, currency: o.currency }} />
                    </td>
                    <td>
                      <Form method="post" action="/wholesale/quick-order">
                        <input type="hidden" name="intent" value="reorder" />
                        <input type="hidden" name="orderNumber" value={o.number} />
                        <button type="submit" className="button button--ghost button--small" aria-label={`Reorder PO ${o.poNumber}`}>
                          Reorder
                        </button>
                      </Form>
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

const STATUS_LABEL: Record<string, string> = {
  open: "Placed",
  in_production: "In production",
  ready: "Ready",
  packed: "Packed",
  shipped: "Shipped",
  delivered: "Delivered",
  cancelled: "Cancelled",
};
const STATUS_BADGE: Record<string, string> = {
  shipped: "badge--ok",
  delivered: "badge--ok",
  in_production: "badge--warn",
  cancelled: "badge--bad",
};
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const querySchema = z.object({
  page: listPage(),
  placed: z.preprocess(
    blank,
    z
      .string()
      .regex(/^SK-\d{1,12}$/, "Unknown order number.")
      .optional(),
  ),
});
