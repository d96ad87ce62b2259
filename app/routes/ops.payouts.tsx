import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { Pagination } from "~/components/ui/Pagination";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { trialBalanceSummary } from "~/domain/ledger/index.server";
import { PAYOUT_FORM_INTENTS, PAYOUT_STATUSES, payoutsQuerySchema } from "~/domain/payouts";
import { PREVIEW_SEARCH_MAX } from "~/domain/payouts";
import {
  listPayouts,
  listRuns,
  markConflictsReviewed,
  payoutThreshold,
  payoutsCsv,
  payoutsNeedingALook,
  previewPayoutsPage,
  reconcileAgain,
  runPayouts,
  type PayoutNeedingALook,
  type PayoutReport,
} from "~/domain/payouts/index.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { parseWith, readForm, type FieldErrors } from "~/lib/validation";
import type { z } from "zod";
import styles from "~/styles/payouts.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Payouts · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.payouts", "loader");
  const parsed = parseWith(payoutsQuerySchema, new URL(request.url).searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  const query = parsed.data;
  if (query.format === "csv") {
    const csv = await payoutsCsv({ runId: query.run, status: query.status, find: query.find });
    const name = `soko-payouts${query.run ? `-run-${query.run}` : ""}${query.status ? `-${query.status}` : ""}.csv`;
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}"`,
        "Cache-Control": "private, no-store",
      },
    });
  }
  return pageData(request, query);
}

/** The page's data (the loader's non-CSV answer), typed on its own so the component sees it. */
async function pageData(request: Request, query: z.infer<typeof payoutsQuerySchema>) {
  const threshold = query.threshold !== undefined ? query.threshold * 100 : payoutThreshold();
  const [preview, runs, payouts, books, needsALook] = await Promise.all([
    // The whole run's totals, and one page (50) of it: searched, most owed first.
    previewPayoutsPage({ threshold, q: query.q, page: query.page }),
    listRuns(query.runsPage),
    listPayouts({ runId: query.run, status: query.status, find: query.find, page: query.payoutsPage }),
    trialBalanceSummary(),
    payoutsNeedingALook(),
  ]);
  const body = {
    query,
    threshold,
    preview: previewData(preview),
    runs,
    payouts: {
      ...payouts,
      payouts: payouts.payouts.map((p) => ({ ...p, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString() })),
    },
    books,
    needsALook,
  };
  return withFlash(request, body);
}

type ActionFailure = { errors: FieldErrors; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.payouts", "action");
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  if (intent === "review" || intent === "recheck") return reviewAction(request, form, intent, `staff:${staff.id}`);
  const parsed = parseWith(PAYOUT_FORM_INTENTS.run, form);
  if (!parsed.ok) return data<ActionFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  // Audited inside runPayouts ("payout.run" by this staff member), in the run's own transaction.
  const result = await runPayouts({ threshold: parsed.data.threshold * 100, actor: `staff:${staff.id}` });
  return redirectWithFlash(request, `/ops/payouts?run=${result.runId}`, {
    kind: "success",
    message:
      result.paid === 0
        ? `Run ${result.runId}: nobody was owed KES ${parsed.data.threshold.toLocaleString("en-US")} or more, so nothing was sent.`
        : `Run ${result.runId}: ${result.paid} ${result.paid === 1 ? "payout" : "payouts"} of KES ${(result.total / 100).toLocaleString("en-US")} in all sent to M-Pesa. Results arrive in the table below as M-Pesa confirms them.`,
  });
}

/** "Needs a look": mark a payout's conflicting reports reviewed, or ask M-Pesa again. Both audited; neither moves money. */
async function reviewAction(request: Request, form: FormData, intent: "review" | "recheck", actor: string) {
  let message: string;
  if (intent === "review") {
    const parsed = parseWith(PAYOUT_FORM_INTENTS.review, form);
    if (!parsed.ok) return data<ActionFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    const marked = await markConflictsReviewed({ payoutId: parsed.data.payoutId, upTo: parsed.data.upTo, note: parsed.data.note, actor });
    message =
      marked === 0
        ? `Payout ${parsed.data.payoutId} had nothing left to review.`
        : `Payout ${parsed.data.payoutId}: ${marked} conflicting ${marked === 1 ? "report" : "reports"} marked reviewed. The payout and its money are as they were.`;
  } else {
    const parsed = parseWith(PAYOUT_FORM_INTENTS.recheck, form);
    if (!parsed.ok) return data<ActionFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    message = (await reconcileAgain({ payoutId: parsed.data.payoutId, actor }))
      ? `Payout ${parsed.data.payoutId}: asking M-Pesa again. Its answer appears here within minutes.`
      : `Payout ${parsed.data.payoutId} is no longer waiting on M-Pesa.`;
  }
  return redirectWithFlash(request, "/ops/payouts#needs-a-look", { kind: "success", message });
}

export default function OpsPayouts() {
  const { query, threshold, preview, runs, payouts, books, flash, needsALook } = useLoaderData<typeof pageData>();
  const failure = useActionData<typeof action>() as ActionFailure | undefined;
  // A refused run form reopens the run's confirmation; a refused "Needs a look" form its own.
  const runFailure = failure && failure.values.intent !== "review" && failure.values.intent !== "recheck" ? failure : undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const thresholdKes = threshold / 100;
  const confirming = query.confirm === "1" || Boolean(runFailure);
  const filterParams = new URLSearchParams();
  if (query.run) filterParams.set("run", String(query.run));
  if (query.status) filterParams.set("status", query.status);
  if (query.find) filterParams.set("find", query.find);
  const filtered = Boolean(query.run || query.status || query.find);
  const csvParams = new URLSearchParams(filterParams);
  csvParams.set("format", "csv");
  const balanced = Object.values(books.totals).every((total) => total === 0);

  return (
    <div className="ops-page payouts">
      <h1>Payouts</h1>
      <p className="muted">
        Artisans earn when the hub passes their work. A run pays every balance at or above the threshold by M-Pesa; it also runs by itself
        every Monday at 06:00 Nairobi time.
      </p>
      {flash ? (
        <p className={`notice notice--${flash.kind}`} role="status">
          {flash.message}
        </p>
      ) : null}

      {needsALook.payouts.length > 0 ? (
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
              busy={busy}
            />
          ))}
          {needsALook.total > needsALook.payouts.length ? (
            <p className="muted">…and {needsALook.total - needsALook.payouts.length} more, older.</p>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="next-run" className="payouts-section">
        <h2 id="next-run">Next run</h2>
        <form method="get" className="ops-filters" aria-label="Preview threshold">
          <div className="field">
            <label htmlFor="preview-threshold">Pay balances of at least (KES)</label>
            <input
              id="preview-threshold"
              name="threshold"
              type="number"
              inputMode="numeric"
              min={10}
              max={150000}
              step={1}
              defaultValue={thresholdKes}
            />
          </div>
          {preview.q ? <input type="hidden" name="q" value={preview.q} /> : null}
          <button type="submit" className="button button--small button--ghost">
            Preview
          </button>
        </form>

        {preview.count === 0 ? (
          <div className="empty-state">
            <h3>Nobody to pay</h3>
            <p className="muted">No artisan is owed KES {thresholdKes.toLocaleString("en-US")} or more with a payout phone.</p>
          </div>
        ) : (
          <>
            <p className="payouts-total" data-testid="run-totals">
              The whole run: <strong>{preview.count}</strong> {preview.count === 1 ? "artisan" : "artisans"},{" "}
              <strong>
                <Money value={{ amount: preview.total, currency: "KES" }} />
              </strong>{" "}
              in all
            </p>
            {confirming ? (
              <div className="payouts-confirm" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-text">
                <h3 id="confirm-title">Send these payouts now?</h3>
                <p id="confirm-text">
                  M-Pesa will pay {preview.count} {preview.count === 1 ? "artisan" : "artisans"}{" "}
                  <Money value={{ amount: preview.total, currency: "KES" }} /> from the B2C account. Balances drop at once; a failed payment
                  returns to the artisan's balance.
                </p>
                <Form method="post" className="payouts-confirm__actions">
                  <input type="hidden" name="intent" value="run" />
                  <input type="hidden" name="threshold" value={runFailure?.values.threshold ?? thresholdKes} />
                  {runFailure ? (
                    <p className="field-error" role="alert">
                      {Object.values(runFailure.errors).join(" ")}
                    </p>
                  ) : null}
                  <button type="submit" className="button" disabled={busy}>
                    {busy ? "Sending…" : "Yes, pay now"}
                  </button>
                  <Link to={previewHref({ threshold: query.threshold, q: preview.q, page: query.page })} className="button button--ghost">
                    Cancel
                  </Link>
                </Form>
              </div>
            ) : (
              <p>
                <Link className="button" to={previewHref({ threshold: query.threshold, q: preview.q, page: query.page, confirm: true })}>
                  Run payouts now…
                </Link>
              </p>
            )}

            <form method="get" role="search" className="ops-filters" aria-label="Find an artisan in the next run">
              {query.threshold ? <input type="hidden" name="threshold" value={query.threshold} /> : null}
              <div className="field">
                <label htmlFor="preview-search">Name, phone or settlement</label>
                <input
                  id="preview-search"
                  name="q"
                  type="search"
                  maxLength={PREVIEW_SEARCH_MAX}
                  defaultValue={preview.q}
                  autoComplete="off"
                />
              </div>
              <button type="submit" className="button button--small">
                Search
              </button>
              {preview.q ? (
                <Link to={previewHref({ threshold: query.threshold })} className="ops-filters__clear">
                  Clear search
                </Link>
              ) : null}
            </form>

            {preview.matches === 0 ? (
              <div className="empty-state" role="status">
                <h3>Nobody in this run matches “{preview.q}”</h3>
                <p className="muted">
                  Search by first or last name, a phone number (07…, +254…, or its last digits), a settlement or a county, or #id.
                </p>
                <p>
                  <Link to={previewHref({ threshold: query.threshold })}>Show everyone in the run</Link>
                </p>
              </div>
            ) : (
              <>
                <p className="muted" id="preview-range">
                  {preview.q ? (
                    <>
                      {preview.matches} of {preview.listed} {preview.listed === 1 ? "artisan" : "artisans"} match “{preview.q}”
                    </>
                  ) : (
                    <>
                      {preview.listed} {preview.listed === 1 ? "artisan" : "artisans"} listed
                    </>
                  )}
                  {preview.pageCount > 1 ? (
                    <>
                      ; showing {preview.from}–{preview.to}
                    </>
                  ) : null}
                  , most owed first.
                </p>
                <ScrollRegion className="ops-table-wrap" label="Who the next run pays" describedBy="preview-range">
                  <table className="table payouts-table">
                    <thead>
                      <tr>
                        <th scope="col">Artisan</th>
                        <th scope="col">Payout phone</th>
                        <th scope="col">Owed</th>
                        <th scope="col">Pays</th>
                        <th scope="col">Note</th>
                      </tr>
                    </thead>
                    <tbody>
                      {preview.shown.map((c) => (
                        <tr key={c.artisanId}>
                          <th scope="row">
                            {c.name} <span className="muted">#{c.artisanId}</span>
                            {c.settlement ? (
                              <>
                                <br />
                                <span className="muted">
                                  {c.settlement}
                                  {c.county ? `, ${c.county}` : ""}
                                </span>
                              </>
                            ) : null}
                          </th>
                          <td>{c.phone ?? "—"}</td>
                          <td>
                            <Money value={{ amount: c.owed, currency: "KES" }} />
                          </td>
                          <td>{c.skip ? "—" : <Money value={{ amount: c.amount, currency: "KES" }} />}</td>
                          <td>
                            {c.skip ? (
                              <span className="badge badge--warn">{SKIP_WORDS[c.skip]}</span>
                            ) : c.amount < c.owed ? (
                              <span className="muted">the cents stay for next time</span>
                            ) : null}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollRegion>
                <Pagination page={preview.page} pageCount={preview.pageCount} label="Pages of who the next run pays" />
              </>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="runs" className="payouts-section">
        <h2 id="runs">Runs</h2>
        {runs.runs.length === 0 ? (
          <p className="muted">No payout runs yet.</p>
        ) : (
          <ScrollRegion className="ops-table-wrap" label="Payout runs">
            <table className="table payouts-table">
              <thead>
                <tr>
                  <th scope="col">Run</th>
                  <th scope="col">Started</th>
                  <th scope="col">By</th>
                  <th scope="col">Threshold</th>
                  <th scope="col">Payouts</th>
                  <th scope="col">Paid</th>
                  <th scope="col">Failed</th>
                  <th scope="col">Waiting</th>
                  <th scope="col">Total</th>
                </tr>
              </thead>
              <tbody>
                {runs.runs.map((r) => (
                  <tr key={r.id} aria-current={query.run === r.id ? "true" : undefined}>
                    <th scope="row">
                      <Link to={`/ops/payouts?run=${r.id}`}>Run {r.id}</Link>
                    </th>
                    <td>
                      <Timestamp iso={r.createdAt} />
                    </td>
                    <td>{r.createdBy}</td>
                    <td>
                      <Money value={{ amount: r.threshold, currency: "KES" }} />
                    </td>
                    <td>{r.payouts}</td>
                    <td>{r.succeeded}</td>
                    <td>{r.failed ? <span className="badge badge--bad">{r.failed}</span> : 0}</td>
                    <td>{r.open ? <span className="badge badge--warn">{r.open}</span> : 0}</td>
                    <td>
                      <Money value={{ amount: r.total, currency: "KES" }} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        <PagesFor
          param="runsPage"
          page={query.runsPage}
          pageCount={runs.pageCount}
          label="Run pages"
          newer="Newer runs"
          older="Older runs"
        />
      </section>

      <section aria-labelledby="payouts" className="payouts-section">
        <h2 id="payouts">{query.run ? `Payouts of run ${query.run}` : "Payouts"}</h2>
        <form method="get" className="ops-filters" aria-label="Filter payouts">
          <div className="field">
            <label htmlFor="payout-status">Status</label>
            <select id="payout-status" name="status" defaultValue={query.status ?? ""}>
              <option value="">All statuses</option>
              {PAYOUT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_WORDS[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="payout-run">Run</label>
            <input id="payout-run" name="run" type="number" inputMode="numeric" min={1} defaultValue={query.run ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="payout-find">Artisan, phone or receipt</label>
            <input
              id="payout-find"
              name="find"
              type="search"
              maxLength={PREVIEW_SEARCH_MAX}
              defaultValue={query.find ?? ""}
              autoComplete="off"
            />
          </div>
          <button type="submit" className="button button--small">
            Filter
          </button>
          {filtered ? (
            <Link to="/ops/payouts" className="ops-filters__clear">
              Clear filters
            </Link>
          ) : null}
          <a href={`/ops/payouts?${csvParams}`} className="button button--small button--ghost" download>
            Export CSV
          </a>
        </form>
        {payouts.payouts.length === 0 ? (
          <p className="muted">No payouts{filtered ? " match these filters" : " yet"}.</p>
        ) : (
          <ScrollRegion className="ops-table-wrap" label="Payouts">
            <table className="table payouts-table">
              <thead>
                <tr>
                  <th scope="col">Payout</th>
                  <th scope="col">Run</th>
                  <th scope="col">Artisan</th>
                  <th scope="col">Phone</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Status</th>
                  <th scope="col">M-Pesa receipt</th>
                  <th scope="col">Failure reason</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {payouts.payouts.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{p.id}</th>
                    <td>{p.runId ?? "—"}</td>
                    <td>
                      {p.firstName} {p.lastName} <span className="muted">#{p.artisanId}</span>
                    </td>
                    <td>{p.phone}</td>
                    <td>
                      <Money value={{ amount: p.amount, currency: p.currency }} />
                    </td>
                    <td>
                      <span className={`badge ${STATUS_BADGE[p.status]}`}>{STATUS_WORDS[p.status]}</span>
                    </td>
                    <td>{p.receipt ? <code>{p.receipt}</code> : <span className="muted">—</span>}</td>
                    <td className="payouts-reason">{p.failureReason ?? ""}</td>
                    <td>
                      <Timestamp iso={p.updatedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        <PagesFor
          param="payoutsPage"
          page={query.payoutsPage}
          pageCount={payouts.pageCount}
          label="Payout pages"
          newer="Newer payouts"
          older="Older payouts"
        />
      </section>

      <section aria-labelledby="books" className="payouts-section">
        <h2 id="books">Trial balance</h2>
        <p>
          {balanced ? (
            <span className="badge badge--ok">Balanced: every account together sums to zero</span>
          ) : (
            <span className="badge badge--bad">Out of balance — tell engineering</span>
          )}
        </p>
        <ScrollRegion className="ops-table-wrap payouts-books" label="Trial balance">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Debit</th>
                <th scope="col">Credit</th>
              </tr>
            </thead>
            <tbody>
              {books.accounts.map((a) => (
                <tr key={`${a.label}-${a.currency}`}>
                  <th scope="row">
                    {ACCOUNT_WORDS[a.kind] ?? a.label}
                    {a.kind === "artisan_payable" ? <span className="muted"> ({a.accounts} artisans)</span> : null}
                    <br />
                    <code className="muted">{a.label}</code>
                  </th>
                  <td>{a.balance > 0 ? <Money value={{ amount: a.balance, currency: a.currency }} /> : ""}</td>
                  <td>{a.balance < 0 ? <Money value={{ amount: -a.balance, currency: a.currency }} /> : ""}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              {Object.entries(books.totals).map(([currency, total]) => (
                <tr key={currency}>
                  <th scope="row">Sum ({currency})</th>
                  <td colSpan={2}>
                    <Money value={{ amount: total, currency }} />
                  </td>
                </tr>
              ))}
            </tfoot>
          </table>
        </ScrollRegion>
      </section>
    </div>
  );
}

function NeedsALookCard({
  payout: p,
  reviewing,
  rechecking,
  failure,
  busy,
}: {
  payout: PayoutNeedingALook;
  reviewing: boolean;
  rechecking: boolean;
  failure: ActionFailure | undefined;
  busy: boolean;
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
              <input type="hidden" name="intent" value="review" />
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
              <button type="submit" className="button" disabled={busy}>
                Yes, mark reviewed
              </button>
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
              <input type="hidden" name="intent" value="recheck" />
              <input type="hidden" name="payoutId" value={p.payoutId} />
              <button type="submit" className="button" disabled={busy}>
                Yes, ask again
              </button>
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

/**
 * Newer/older links for a table with its own page parameter (runs, payouts), keeping every other
 * parameter (threshold, search, the preview's page, filters). Plain links: works without JS.
 */
function PagesFor({
  param,
  page,
  pageCount,
  label,
  newer,
  older,
}: {
  param: string;
  page: number;
  pageCount: number;
  label: string;
  newer: string;
  older: string;
}) {
  const { search } = useLocation();
  if (pageCount <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(search);
    if (p === 1) params.delete(param);
    else params.set(param, String(p));
    return `?${params}`;
  };
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          {newer}
        </Link>
      ) : null}
      <span aria-current="page">
        {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link to={href(page + 1)} rel="next">
          {older}
        </Link>
      ) : null}
    </nav>
  );
}

/** /ops/payouts with the preview's threshold, search and page (a new search or threshold starts at page 1). */
function previewHref(input: { threshold?: number; q?: string; page?: number; confirm?: boolean }) {
  const params = new URLSearchParams();
  if (input.confirm) params.set("confirm", "1");
  if (input.threshold !== undefined) params.set("threshold", String(input.threshold));
  if (input.q) params.set("q", input.q);
  if (input.page && input.page > 1) params.set("page", String(input.page));
  const qs = params.toString();
  return qs ? `/ops/payouts?${qs}` : "/ops/payouts";
}

/** The preview for the page: its rows as `shown`, the rest as they are. */
function previewData({ rows, ...rest }: Awaited<ReturnType<typeof previewPayoutsPage>>) {
  return { ...rest, shown: rows };
}

function Timestamp({ iso }: { iso: string }) {
  return <time dateTime={iso}>{iso.slice(0, 16).replace("T", " ")} UTC</time>;
}

const SKIP_WORDS = {
  no_phone: "no valid payout phone",
  inactive: "inactive",
  below_minimum: "under the M-Pesa minimum",
  reconciling: "a payout is being checked with M-Pesa",
  conflict: "a payout needs a look (above)",
} as const;
const STATUS_WORDS = {
  pending: "Pending",
  submitted: "Sent to M-Pesa",
  reconciling: "Checking with M-Pesa",
  succeeded: "Paid",
  failed: "Failed",
} as const;
const STATUS_BADGE = {
  pending: "badge--warn",
  submitted: "badge--warn",
  reconciling: "badge--warn",
  succeeded: "badge--ok",
  failed: "badge--bad",
} as const;
const REPORT_WORDS: Record<PayoutReport["kind"], string> = {
  result: "M-Pesa result",
  timeout: "Queue timeout",
  status: "Status answer",
  "status-timeout": "Status query timed out",
};
const OUTCOME_WORDS: Record<PayoutReport["outcome"], string> = {
  succeeded: "Paid",
  failed: "Failed",
  timeout: "Timed out",
  inconclusive: "No clear answer",
  malformed: "Not a Daraja body",
};
const DISPOSITION_WORDS: Record<PayoutReport["disposition"], string> = {
  applied: "Acted on",
  duplicate: "Repeat: nothing new",
  unmatched: "Ignored: did not match",
  parked: "Waiting for Daraja's reference",
  conflict: "Conflict: not applied",
  reviewed: "Conflict, reviewed",
};
const DISPOSITION_BADGE: Record<PayoutReport["disposition"], string> = {
  applied: "badge--ok",
  duplicate: "",
  unmatched: "",
  parked: "badge--warn",
  conflict: "badge--bad",
  reviewed: "badge--warn",
};
const ACCOUNT_WORDS: Record<string, string> = {
  artisan_payable: "Owed to artisans",
  production_cost: "Production cost (QC-passed work)",
  payout_clearing: "M-Pesa payouts in flight",
  cash: "M-Pesa B2C float",
};
