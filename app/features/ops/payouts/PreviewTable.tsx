import { Link } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { Pagination } from "~/components/ui/Pagination";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { previewHref } from "./payouts";
import type { PageData } from "./payouts.server";
import { SKIP_WORDS } from "./words";

/** One page of who the next run pays (searched, most owed first), or why nobody matches the search. */
export function PreviewTable({ preview, threshold }: { preview: PageData["preview"]; threshold: number | undefined }) {
  if (preview.matches === 0)
    return (
      <div className="empty-state" role="status">
        <h3>Nobody in this run matches “{preview.q}”</h3>
        <p className="muted">
          Search by first or last name, a phone number (07…, +254…, or its last digits), a settlement or a county, or #id.
        </p>
        <p>
          <Link to={previewHref({ threshold })}>Show everyone in the run</Link>
        </p>
      </div>
    );
  return (
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
  );
}
