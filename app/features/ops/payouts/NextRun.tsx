import { Form, Link } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { PREVIEW_SEARCH_MAX } from "~/domain/payouts";
import { type ActionFailure, previewHref } from "./payouts";
import type { PageData } from "./payouts.server";
import { PreviewTable } from "./PreviewTable";

/** Who the next run pays at the chosen threshold: its totals, the confirmation to run it now, and a search through it. */
export function NextRun({
  query,
  preview,
  threshold,
  runFailure,
}: {
  query: PageData["query"];
  preview: PageData["preview"];
  threshold: number;
  /** A refused run form, which reopens the confirmation. */
  runFailure: ActionFailure | undefined;
}) {
  const thresholdKes = threshold / 100;
  const confirming = query.confirm === "1" || Boolean(runFailure);
  return (
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
                <input type="hidden" name="threshold" value={runFailure?.values.threshold ?? thresholdKes} />
                {/* What this confirmation shows: the run pays only while it is still exactly this. */}
                <input type="hidden" name="count" value={preview.count} />
                <input type="hidden" name="total" value={preview.total} />
                <input type="hidden" name="digest" value={preview.digest} />
                {runFailure ? (
                  <p className="field-error" role="alert">
                    {Object.values(runFailure.errors).join(" ")}
                  </p>
                ) : null}
                <SubmitButton intent="run" busyLabel="Sending…">
                  Yes, pay now
                </SubmitButton>
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

          <PreviewTable preview={preview} threshold={query.threshold} />
        </>
      )}
    </section>
  );
}
