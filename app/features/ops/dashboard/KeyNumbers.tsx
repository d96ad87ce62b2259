import { Link } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { formatPercent } from "../dashboard";
import { CHANNEL_LABEL } from "./format";
import type { OpsHome } from "./home.server";

/** The dashboard's five headline numbers: orders today, QC pass rate, late requests, payouts due, earnings this month. */
export function KeyNumbers({ dashboard: d, can }: Pick<OpsHome, "dashboard" | "can">) {
  const change = d.earnings.change;
  return (
    <ul className="dash-stats" aria-label="Key numbers">
      <li className="dash-stat">
        <span className="dash-stat__label">Orders today</span>
        <span className="dash-stat__value" data-testid="orders-today">
          {d.orders.total.toLocaleString("en-US")}
        </span>
        <span className="dash-stat__hint">{d.orders.channels.map((c) => `${CHANNEL_LABEL[c.channel]} ${c.orders}`).join(" · ")}</span>
      </li>
      <li className="dash-stat">
        <span className="dash-stat__label">QC pass rate, last {d.qc.days} days</span>
        <span className="dash-stat__value" data-testid="qc-rate">
          {formatPercent(d.qc.rate)}
        </span>
        <span className="dash-stat__hint">
          {d.qc.passed.toLocaleString("en-US")} of {(d.qc.passed + d.qc.failed).toLocaleString("en-US")} units in{" "}
          {d.qc.inspections.toLocaleString("en-US")} inspections
        </span>
      </li>
      <li className={`dash-stat${d.late.total > 0 ? " dash-stat--warn" : ""}`}>
        <span className="dash-stat__label">Late requests</span>
        <span className="dash-stat__value" data-testid="late-count">
          {d.late.total.toLocaleString("en-US")}
        </span>
        <span className="dash-stat__hint">{d.late.total > 0 ? <a href="#late">See the late requests</a> : "Everything is on time"}</span>
      </li>
      <li className="dash-stat">
        <span className="dash-stat__label">Payouts due</span>
        <span className="dash-stat__value" data-testid="payouts-due">
          <Money value={{ amount: d.payoutsDue.total, currency: d.payoutsDue.currency }} />
        </span>
        <span className="dash-stat__hint">
          {d.payoutsDue.artisans.toLocaleString("en-US")} {d.payoutsDue.artisans === 1 ? "artisan" : "artisans"} owed{" "}
          <Money value={{ amount: d.payoutsDue.threshold, currency: "KES" }} /> or more
          {can.payouts ? (
            <>
              {" "}
              · <Link to="/ops/payouts">Payouts</Link>
            </>
          ) : null}
        </span>
      </li>
      <li className="dash-stat">
        <span className="dash-stat__label">Artisan earnings this month</span>
        <span className="dash-stat__value" data-testid="earnings-month">
          <Money value={{ amount: d.earnings.thisMonth.amount, currency: d.earnings.currency }} />
        </span>
        <span className="dash-stat__hint">
          {change === null
            ? "Nothing to compare with last month"
            : `${change >= 0 ? "+" : "−"}${formatPercent(Math.abs(change), 0)} on the same days last month`}
          {" · "}last month <Money value={{ amount: d.earnings.lastMonth.amount, currency: d.earnings.currency }} />
        </span>
      </li>
    </ul>
  );
}
