import { Link } from "@remix-run/react";
import { BarChart } from "~/components/charts/BarChart";
import { Money } from "~/components/commerce/Money";
import { CHANNEL_LABEL } from "./format";
import type { OpsHome } from "./home.server";

/** Today's orders and revenue by channel, as a table and a bar chart. */
export function OrdersTodayPanel({ dashboard: d, can }: Pick<OpsHome, "dashboard" | "can">) {
  return (
    <section className="dash-panel" aria-labelledby="orders-today-title">
      <h2 id="orders-today-title">Today's orders by channel</h2>
      <div className="ops-table-wrap dash-table">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col" className="ops-num">
                Orders
              </th>
              <th scope="col" className="ops-num">
                Revenue
              </th>
            </tr>
          </thead>
          <tbody>
            {d.orders.channels.map((c) => (
              <tr key={c.channel}>
                <th scope="row">
                  {can.orders ? <Link to={`/ops/orders?channel=${c.channel}`}>{CHANNEL_LABEL[c.channel]}</Link> : CHANNEL_LABEL[c.channel]}
                </th>
                <td className="ops-num">{c.orders.toLocaleString("en-US")}</td>
                <td className="ops-num">
                  {c.revenue.length === 0
                    ? "—"
                    : c.revenue.map((r, i) => (
                        <span key={r.currency}>
                          {i > 0 ? " + " : null}
                          <Money value={{ amount: r.amount, currency: r.currency }} />
                        </span>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <BarChart
        title="Orders today by channel"
        description={`${d.orders.total} orders today: ${d.orders.channels.map((c) => `${CHANNEL_LABEL[c.channel]} ${c.orders}`).join(", ")}.`}
        rows={d.orders.channels.map((c) => ({ label: CHANNEL_LABEL[c.channel], value: c.orders }))}
        valueHeader="Orders"
      />
    </section>
  );
}
