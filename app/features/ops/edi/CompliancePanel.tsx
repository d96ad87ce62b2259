/** A partner's EDI compliance over the last 90 days (numbers from domain/edi's compliance), with links to what needs looking at. */
import { Link } from "@remix-run/react";

export type ComplianceView = {
  id: number;
  pos: number;
  acks_on_time: number;
  asns: number;
  asns_on_time: number;
  rejected_in: number;
  rejected_out: number;
  overdue: number;
  expects_855: boolean;
};

export const pct = (n: number, of: number) => (of ? `${Math.round((n / of) * 100)}%` : "—");

export function CompliancePanel({ c }: { c: ComplianceView }) {
  return (
    <section className="edi-compliance" aria-labelledby="compliance-title">
      <h2 id="compliance-title">Compliance, last 90 days</h2>
      <dl className="edi-facts">
        <dt>855 within a day of the PO</dt>
        <dd>
          {c.expects_855 ? (
            <>
              {pct(c.acks_on_time, c.pos)}{" "}
              <span className="muted">
                ({c.acks_on_time} of {c.pos} POs)
              </span>
            </>
          ) : (
            <span className="muted">Not measured: its profile does not expect 855s</span>
          )}
        </dd>
        <dt>856 before the goods arrive</dt>
        <dd>
          {pct(c.asns_on_time, c.asns)}{" "}
          <span className="muted">
            ({c.asns_on_time} of {c.asns} ship notices)
          </span>
        </dd>
        <dt>Their sets our 997 rejected</dt>
        <dd>{c.rejected_in ? <Link to={`/ops/edi/errors?partner=${c.id}`}>{c.rejected_in}</Link> : "0"}</dd>
        <dt>Our documents their 997 rejected</dt>
        <dd>{c.rejected_out}</dd>
        <dt>997s overdue</dt>
        <dd>
          {c.overdue ? (
            <Link to={`/ops/edi/log?dir=out&overdue=1&partner=${c.id}`} className="edi-overdue">
              {c.overdue} overdue
            </Link>
          ) : (
            "None"
          )}
        </dd>
      </dl>
    </section>
  );
}
