import { Money } from "~/components/commerce/Money";
import type { PageData } from "./artisan.server";

/** On-time and QC rates, earnings against before joining, open work, workshop and PIN. */
export function Performance({ detail }: { detail: NonNullable<PageData["detail"]> }) {
  const p = detail.performance;
  const a = detail.artisan;
  return (
    <section className="ops-admin__section" aria-labelledby="performance-title">
      <h2 id="performance-title">Performance</h2>
      <ul className="ops-admin__stats">
        <li className="ops-admin__stat">
          <strong>{p.onTimeRate === null ? "—" : `${p.onTimeRate}%`}</strong>
          <span>on time ({p.completed} passed QC)</span>
        </li>
        <li className="ops-admin__stat">
          <strong>{p.qcPassRate === null ? "—" : `${p.qcPassRate}%`}</strong>
          <span>
            QC pass rate ({p.unitsChecked} {p.unitsChecked === 1 ? "piece" : "pieces"} checked)
          </span>
        </li>
        <li className="ops-admin__stat">
          <strong>
            <Money value={{ amount: p.earnedThisMonth, currency: "KES" }} />
          </strong>
          <span>earned this month</span>
        </li>
        <li className="ops-admin__stat">
          <strong>
            <Money value={{ amount: p.earnedLastThreeMonths, currency: "KES" }} />
          </strong>
          <span>earned in the 3 months before</span>
        </li>
        <li className="ops-admin__stat">
          <strong>
            <Money value={{ amount: a.baselineMonthlyEarnings, currency: "KES" }} />
          </strong>
          <span>a month before joining</span>
        </li>
      </ul>
      <p className="muted">
        Open work:{" "}
        {["offered", "accepted", "in_progress", "ready"].map((s) => `${detail.openWork[s] ?? 0} ${s.replace("_", " ")}`).join(", ")}.
        Workshop: {detail.workshop ? `${detail.workshop.name} (${detail.workshop.code})` : "none"}. PIN {a.pinSet ? "set" : "not set yet"}.
      </p>
    </section>
  );
}
