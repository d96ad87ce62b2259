import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLiveRevalidation } from "~/components/live/useLiveRevalidation";
import { Money } from "~/components/commerce/Money";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { LocalTime, useDateLocale } from "~/components/ui/LocalTime";
import { MOMENT, longDay, shortDay } from "~/features/wholesale/dates";
import { ORDER_STATUS_WORDS } from "~/domain/orders";
import { requireBuyer } from "~/domain/wholesale/index.server";
import { ORDER_NUMBER, poLabel, type LineShipDate } from "~/domain/wholesale";
import { wholesaleOrderTracking } from "~/domain/wholesale/index.server";
import styles from "~/styles/wholesale-tracking.css";

// A refused action renders here, inside the portal with the buyer's nav (see WholesalePageError).
export { WholesalePageError as ErrorBoundary } from "~/features/wholesale/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Order ${data.order.number} (${poLabel(data.order.poNumber)}) · Soko wholesale` : "Order · Soko wholesale" },
  { name: "robots", content: "noindex" },
];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { retailer } = await requireBuyer(request);
  const number = (params.number ?? "").toUpperCase();
  const order = ORDER_NUMBER.test(number) ? await wholesaleOrderTracking(retailer.id, number) : null;
  if (!order) throw new Response(`There is no order ${params.number ?? ""} on your account.`, { status: 404 });
  return { order, retailerName: retailer.name };
}

const STAGES = [
  { key: "made", label: "Made" },
  { key: "qcPassed", label: "QC passed" },
  { key: "packed", label: "Packed" },
  { key: "shipped", label: "Shipped" },
] as const;

export default function WholesaleOrderPage() {
  const { order, retailerName } = useLoaderData<typeof loader>();
  const live = useLiveOrder(order.number);
  const locale = useDateLocale();
  const money = (amount: number) => <Money value={{ amount, currency: order.currency }} />;
  return (
    <div className="page ws-doc">
      <p className="eyebrow">
        {retailerName} · <Link to="/wholesale/orders">Orders</Link>
      </p>
      <h1>Order {order.number}</h1>
      <p className="muted">
        {poLabel(order.poNumber)} · {ORDER_STATUS_WORDS[order.status] ?? order.status} · placed{" "}
        <LocalTime iso={order.placedAt} options={MOMENT} />.{" "}
        <span className="live-badge" data-live={live ? "on" : "off"}>
          {live ? "Live" : "Refresh for updates"}
        </span>
      </p>

      <dl className="ws-summary" aria-label="Order summary">
        <div>
          <dt>Units made</dt>
          <dd>
            {order.progress.made} of {order.progress.ordered}
          </dd>
        </div>
        <div>
          <dt>QC passed</dt>
          <dd>
            {order.progress.qcPassed} of {order.progress.ordered}
          </dd>
        </div>
        <div>
          <dt>{order.shipment ? "Shipped" : "Ships by"}</dt>
          <dd>
            {order.shipment ? (
              <LocalTime iso={order.shipment.shippedAt} />
            ) : order.shipDate ? (
              shortDay(order.shipDate, locale)
            ) : order.lines.every((l) => l.shipDate.kind === "in_stock") ? (
              "Ready to pack"
            ) : (
              "Being scheduled"
            )}
          </dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd>{money(order.total)}</dd>
        </div>
        <div>
          <dt>Terms</dt>
          <dd>{order.termsLabel}</dd>
        </div>
      </dl>

      <ScrollRegion className="ws-table-wrap" label="Progress by line">
        <table className="table" aria-describedby="progress-note">
          <caption>Progress by line</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col" className="num">
                Ordered
              </th>
              <th scope="col">Ships</th>
              {STAGES.map((s) => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
              <th scope="col">Made by</th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((line) => (
              <tr key={line.id} data-sku={line.sku}>
                <th scope="row">
                  <span className="ws-line-item">
                    {line.imageUrl ? <img className="ws-thumb" src={line.imageUrl} alt="" width={48} height={48} loading="lazy" /> : null}
                    <span>
                      {line.title}
                      <br />
                      <span className="muted">
                        {line.sku} · {money(line.unitPrice)} each
                      </span>
                    </span>
                  </span>
                </th>
                <td className="num">{line.quantity}</td>
                <td data-ships>
                  <ShipDate value={line.shipDate} />
                </td>
                {STAGES.map((s) => (
                  <td key={s.key} data-stage={s.key}>
                    <span className="ws-stage">
                      <span>
                        <span data-units>{line.progress[s.key]}</span>
                        <span className="visually-hidden">
                          {" "}
                          of {line.quantity} {s.label.toLowerCase()}
                        </span>
                      </span>
                      <meter min={0} max={line.quantity} value={line.progress[s.key]} aria-hidden="true" />
                    </span>
                  </td>
                ))}
                <td className="ws-makers">
                  {line.makers.length === 0 ? (
                    <span className="muted">{line.progress.fromStock === line.quantity ? "From our stock" : "Finding makers"}</span>
                  ) : (
                    line.makers.map((maker, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: makers carry no id here (only consenting ones a handle) and two may share a first name
                      <span key={`${maker.firstName}-${i}`}>
                        {i > 0 ? ", " : ""}
                        {maker.handle ? <Link to={`/makers/${maker.handle}`}>{maker.firstName}</Link> : maker.firstName}
                      </span>
                    ))
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p id="progress-note" className="muted">
        Made counts pieces finished by our artisans and pieces from stock; QC passed counts those checked at our Nairobi hub.
      </p>

      <section aria-labelledby="shipping">
        <h2 id="shipping">Shipping</h2>
        {order.shipTo.length ? <p>Ship to: {order.shipTo.join(", ")}</p> : null}
        {order.shipWindow.start || order.shipWindow.end ? (
          <p>
            Requested ship window: {order.shipWindow.start ? longDay(order.shipWindow.start, locale) : "any time"} –{" "}
            {order.shipWindow.end ? longDay(order.shipWindow.end, locale) : "open"}
          </p>
        ) : null}
        {order.shipment ? (
          <>
            <p>
              Shipped <LocalTime iso={order.shipment.shippedAt} options={MOMENT} /> with {order.shipment.carrier}, tracking{" "}
              <strong>{order.shipment.trackingNumber}</strong>
              {order.shipment.deliveredAt ? (
                <>
                  ; delivered <LocalTime iso={order.shipment.deliveredAt} options={MOMENT} />
                </>
              ) : null}
              .
            </p>
            <p className="ws-actions">
              <a className="button button--ghost" href={`/wholesale/orders/${order.number}/packing-list.pdf`}>
                Packing list (PDF)
              </a>
            </p>
          </>
        ) : (
          <p className="muted">Not shipped yet. The packing list is available here once it ships.</p>
        )}
      </section>

      {order.invoices.length ? (
        <section aria-labelledby="invoice">
          <h2 id="invoice">Invoice</h2>
          <ul>
            {order.invoices.map((invoice) => (
              <li key={invoice.number}>
                <a href={`/wholesale/invoices/${invoice.number}.pdf`}>{invoice.number} (PDF)</a>: {money(invoice.amount)}, due{" "}
                {longDay(invoice.dueDate, locale)}, <span className={`badge badge--${invoice.status}`}>{invoice.status}</span>
              </li>
            ))}
          </ul>
          <p>
            <Link to="/wholesale/invoices">All invoices</Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}

/** A line's ship date in words: planned from its production's due dates, or why there is none. */
function ShipDate({ value }: { value: LineShipDate }) {
  const locale = useDateLocale();
  switch (value.kind) {
    case "shipped":
      return <>Shipped {shortDay(value.date, locale)}</>;
    case "in_stock":
      return <>Ready (from stock)</>;
    case "planned":
      return value.late ? (
        <>
          Was due {shortDay(value.date, locale)} <span className="badge badge--overdue">Running late</span>
        </>
      ) : (
        <>By {shortDay(value.date, locale)}</>
      );
    default:
      return <span className="muted">Being scheduled</span>;
  }
}

/** Reloads the page's data whenever the server says the order moved. Without JS the page shows the state at load. */
function useLiveOrder(number: string) {
  return useLiveRevalidation(`/wholesale/orders/${encodeURIComponent(number)}/events`);
}
