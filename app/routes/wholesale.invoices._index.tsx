import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { Pagination } from "~/components/ui/Pagination";
import { requireBuyer } from "~/domain/wholesale/index.server";
import { listRetailerInvoices } from "~/domain/wholesale/index.server";
import { useDateLocale } from "~/components/ui/LocalTime";
import { shortDay } from "~/features/wholesale/dates";
import styles from "~/styles/wholesale-tracking.css";
import { listPageOf } from "~/lib/fields";
import { EmptyList } from "~/features/ops/shared/PastLastPage";

// A refused action renders here, inside the portal with the buyer's nav (see WholesalePageError).
export { WholesalePageError as ErrorBoundary } from "~/features/wholesale/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Invoices · Soko wholesale" }, { name: "robots", content: "noindex" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const { retailer } = await requireBuyer(request);
  const list = await listRetailerInvoices(retailer.id, { page: listPageOf(new URL(request.url).searchParams) });
  return { retailerName: retailer.name, list };
}

export default function WholesaleInvoices() {
  const locale = useDateLocale();
  const { retailerName, list } = useLoaderData<typeof loader>();
  const { totals } = list;
  return (
    <div className="page ws-doc">
      <p className="eyebrow">{retailerName}</p>
      <h1>Invoices</h1>
      <p className="muted">
        Orders on net terms are invoiced when placed. Pay by bank transfer quoting the invoice number; the details are on each PDF.
      </p>

      <dl className="ws-summary" aria-label="Balances">
        <div>
          <dt>Open balance</dt>
          <dd data-testid="open-balance">
            <Money value={{ amount: totals.open, currency: totals.currency }} />
          </dd>
        </div>
        <div>
          <dt>Overdue</dt>
          <dd>
            <Money value={{ amount: totals.overdue, currency: totals.currency }} />
          </dd>
        </div>
        <div>
          <dt>Open invoices</dt>
          <dd>
            {totals.count.open}
            {totals.count.overdue ? ` (${totals.count.overdue} overdue)` : ""}
          </dd>
        </div>
      </dl>

      {list.rows.length === 0 ? (
        <EmptyList total={list.total} pageCount={list.pageCount} rows="invoices">
          <h2>No invoices yet</h2>
          <p className="muted">Invoices appear here when you place an order on net 30 or net 60 terms.</p>
        </EmptyList>
      ) : (
        <div className="ws-table-wrap">
          <table className="table">
            <caption className="visually-hidden">Your invoices, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Invoice</th>
                <th scope="col">Order</th>
                <th scope="col">PO</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col" className="num">
                  Balance
                </th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((invoice) => (
                <tr key={invoice.number}>
                  <th scope="row">
                    <a href={`/wholesale/invoices/${invoice.number}.pdf`} aria-label={`${invoice.number} (PDF)`}>
                      {invoice.number}
                    </a>
                    <span className="muted"> PDF</span>
                  </th>
                  <td>
                    <Link to={`/wholesale/orders/${invoice.orderNumber}`}>{invoice.orderNumber}</Link>
                  </td>
                  <td>{invoice.poNumber}</td>
                  <td>
                    <time dateTime={invoice.dueDate}>{shortDay(invoice.dueDate, locale)}</time>
                  </td>
                  <td>
                    <span className={`badge badge--${invoice.status}`}>{STATUS_WORDS[invoice.status]}</span>
                    {invoice.status === "overdue" ? (
                      <span className="muted">
                        {" "}
                        {invoice.daysOverdue} {invoice.daysOverdue === 1 ? "day" : "days"}
                      </span>
                    ) : null}
                  </td>
                  <td className="num">
                    <Money value={{ amount: invoice.amount, currency: invoice.currency }} />
                  </td>
                  <td className="num">
                    <Money value={{ amount: invoice.balance, currency: invoice.currency }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} label="Invoice pages" />
    </div>
  );
}

const STATUS_WORDS = { open: "Open", overdue: "Overdue", paid: "Paid", void: "Void" } as const;
