import { Form, Link } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { SubmitButton } from "~/components/ui/SubmitButton";
import type { PayoutNeedingALook } from "~/domain/payouts/index.server";
import type { ActionFailure } from "./payouts";
import type { PageData } from "./payouts.server";
import { Timestamp } from "./Timestamp";
import { DISPOSITION_BADGE, DISPOSITION_WORDS, OUTCOME_WORDS, REPORT_WORDS, STATUS_BADGE, STATUS_WORDS } from "./words";

/** Payouts whose M-Pesa reports contradict each other or never came: each with its reports and what to do. */
export function NeedsALook({
  needsALook,
  query,
  failure,
}: {
  needsALook: PageData["needsALook"];
  query: PageData["query"];
  failure: ActionFailure | undefined;
}) {
  if (needsALook.payouts.length === 0) return null;
  return (
    <section aria-labelledby="needs-a-look" className="payouts-section payouts-attention">
      <h2 id="needs-a-look">Needs a look</h2>
      <p className="muted">
        M-Pesa's reports on these payouts contradict each other, or M-Pesa has not given a clear answer. Nothing was applied on a
        contradicting report: each payout's money stays where it is, and its artisan is left out of payout runs, until you have looked.
        Compare with the M-Pesa statement.
      </p>
      {needsALook.payouts.map((p) => (
        <NeedsALookCard
          key={p.payoutId}
          payout={p}
          reviewing={query.review === p.payoutId}
          rechecking={query.recheck === p.payoutId}
          failure={failure}
        />
      ))}
      {needsALook.total > needsALook.payouts.length ? (
        <p className="muted">…and {needsALook.total - needsALook.payouts.length} more, older.</p>
      ) : null}
    </section>
  );
}

function NeedsALookCard({
  payout: p,
  reviewing,
  rechecking,
  failure,
}: {
  payout: PayoutNeedingALook;
  reviewing: boolean;
  rechecking: boolean;
  failure: ActionFailure | undefined;
}) {
  const titleId = `attention-${p.payoutId}`;
  const failed = failure && failure.values.payoutId === String(p.payoutId) ? failure : undefined;
  return (
    <article className="payouts-attention__item" aria-labelledby={titleId}>
      <h3 id={titleId}>
        Payout {p.payoutId} · {p.artisanName} <span className="muted">#{p.artisanId}</span> ·{" "}
        <Money value={{ amount: p.amount, currency: p.currency }} />{" "}
        <span className={`badge ${STATUS_BADGE[p.status]}`}>{STATUS_WORDS[p.status]}</span>
      </h3>
      <p>
        {p.openConflicts > 0 ? (
          <>
            {p.openConflicts} conflicting {p.openConflicts === 1 ? "report" : "reports"} not reviewed.{" "}
          </>
        ) : null}
        {p.unanswered ? (
          <>
            M-Pesa gave no clear answer to {p.reconcileAttempts} status {p.reconcileAttempts === 1 ? "query" : "queries"}: the money is
            still in clearing.{" "}
          </>
        ) : null}
        {p.receipt ? (
          <>
            Recorded receipt <code>{p.receipt}</code>.{" "}
          </>
        ) : null}
        <span className="muted">
          To {p.phone}
          {p.runId ? `, run ${p.runId}` : ""}.
        </span>
      </p>
      <ReportTable payout={p} />
      {p.ignored > 0 ? (
        <p className="muted">
          {p.ignored} other {p.ignored === 1 ? "post" : "posts"} named this payout without the references Daraja gave us, and changed
          nothing.
        </p>
      ) : null}

      {p.openConflicts > 0 && p.lastConflictId ? (
        reviewing || (failed && failed.values.intent === "review") ? (
          <div
            className="payouts-confirm"
            role="alertdialog"
            aria-labelledby={`${titleId}-review`}
            aria-describedby={`${titleId}-review-text`}
          >
            <h4 id={`${titleId}-review`}>Mark these reports on payout {p.payoutId} reviewed?</h4>
            <p id={`${titleId}-review-text`}>
              Nothing about the payout or its money changes. Its artisan can be paid by the next run again once nothing else is open on it.
            </p>
            <Form method="post" className="payouts-confirm__actions">
              <input type="hidden" name="payoutId" value={p.payoutId} />
              <input type="hidden" name="upTo" value={p.lastConflictId} />
              <div className="field">
                <label htmlFor={`${titleId}-note`}>What you found (optional)</label>
                <textarea id={`${titleId}-note`} name="note" rows={2} maxLength={500} defaultValue={failed?.values.note ?? ""} />
              </div>
              {failed ? (
                <p className="field-error" role="alert">
                  {Object.values(failed.errors).join(" ")}
                </p>
              ) : null}
              <SubmitButton intent="review" match={{ payoutId: String(p.payoutId) }} busyLabel="Yes, mark reviewed">
                Yes, mark reviewed
              </SubmitButton>
              <Link to="/ops/payouts#needs-a-look" className="button button--ghost">
                Cancel
              </Link>
            </Form>
          </div>
        ) : (
          <p>
            <Link className="button button--small" to={`/ops/payouts?review=${p.payoutId}#${titleId}`}>
              Mark reviewed…
            </Link>
          </p>
        )
      ) : null}
      {p.unanswered ? (
        rechecking ? (
          <div className="payouts-confirm" role="alertdialog" aria-labelledby={`${titleId}-recheck`}>
            <h4 id={`${titleId}-recheck`}>Ask M-Pesa again about payout {p.payoutId}?</h4>
            <Form method="post" className="payouts-confirm__actions">
              <input type="hidden" name="payoutId" value={p.payoutId} />
              <SubmitButton intent="recheck" match={{ payoutId: String(p.payoutId) }} busyLabel="Yes, ask again">
                Yes, ask again
              </SubmitButton>
              <Link to="/ops/payouts#needs-a-look" className="button button--ghost">
                Cancel
              </Link>
            </Form>
          </div>
        ) : (
          <p>
            <Link className="button button--small button--ghost" to={`/ops/payouts?recheck=${p.payoutId}#${titleId}`}>
              Ask M-Pesa again…
            </Link>
          </p>
        )
      ) : null}
    </article>
  );
}

/** What M-Pesa reported on one payout, and what was done with each report. */
function ReportTable({ payout: p }: { payout: PayoutNeedingALook }) {
  return (
    <ScrollRegion className="ops-table-wrap" label={`What M-Pesa reported on payout ${p.payoutId}`}>
      <table className="table payouts-table">
        <thead>
          <tr>
            <th scope="col">Received</th>
            <th scope="col">Report</th>
            <th scope="col">It said</th>
            <th scope="col">What we did</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {p.reports.map((r) => (
            <tr key={r.id}>
              <td>
                <Timestamp iso={r.receivedAt} />
              </td>
              <td>{REPORT_WORDS[r.kind]}</td>
              <td>
                {OUTCOME_WORDS[r.outcome]}
                {r.receipt ? (
                  <>
                    {" "}
                    <code>{r.receipt}</code>
                  </>
                ) : null}
                {r.reason && r.outcome !== "succeeded" ? (
                  <>
                    <br />
                    <span className="muted">{r.reason}</span>
                  </>
                ) : null}
              </td>
              <td>
                <span className={`badge ${DISPOSITION_BADGE[r.disposition]}`}>{DISPOSITION_WORDS[r.disposition]}</span>
                {r.reviewedBy ? (
                  <>
                    <br />
                    <span className="muted">
                      by {r.reviewedBy}
                      {r.reviewNote ? `: ${r.reviewNote}` : ""}
                    </span>
                  </>
                ) : null}
              </td>
              <td className="payouts-reason">{r.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
