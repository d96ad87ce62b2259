import { Form, Link } from "@remix-run/react";
import { Pagination } from "~/components/ui/Pagination";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { CandidateList } from "./CandidateList";
import type { ProductionRequestView } from "./request.server";

/**
 * Offer the request to another artisan, from the dispatch engine's ranking or from a search over
 * every active artisan with the product's skills; or why that cannot be done now (blocked, no
 * skills set). The search is a plain GET form, the offer a POST: both work without JavaScript.
 */
export function ReassignSection({
  request,
  skills,
  blocked,
  candidates,
  search,
  error,
}: Pick<ProductionRequestView, "request" | "skills" | "blocked" | "candidates" | "search"> & { error: string | undefined }) {
  const inTime = candidates.filter((c) => c.inTime);
  const later = candidates.filter((c) => !c.inTime);
  const left = request.quantity - request.unitsMade;
  const found = search?.artisans ?? [];
  return (
    <section className="ops-admin__section" aria-labelledby="reassign-title">
      <h2 id="reassign-title">Reassign</h2>
      {blocked ? (
        <p className="notice">{blocked}</p>
      ) : !skills.length ? (
        <p className="notice">
          This product has no skills set, so nobody can be matched to it.{" "}
          <Link to={`/ops/products/${request.productId}`}>Set its skills</Link> first.
        </p>
      ) : (
        <>
          <Form method="get" className="reassign-search" role="search" aria-label="Find an artisan with these skills">
            <label htmlFor="reassign-who">Find any artisan with these skills</label>
            <div className="reassign-search__row">
              <input
                id="reassign-who"
                type="search"
                name="who"
                maxLength={80}
                defaultValue={search?.who ?? ""}
                placeholder="Name, village, county or phone"
                aria-describedby="reassign-who-hint"
              />
              <button type="submit" className="button button--secondary">
                Search artisans
              </button>
            </div>
            <p id="reassign-who-hint" className="field-hint">
              Searches every active artisan with {skills.map((s) => s.name).join(" and ")}, not only the ten ranked below. Leave it blank to
              list them all.
            </p>
          </Form>
          <Form method="post">
            <p className="muted">
              The artisan gets an offer by SMS and 24 hours to accept.
              {request.status === "offered" ? " The current offer is withdrawn." : null}
              {request.status === "accepted" || request.status === "in_progress"
                ? " The accepted request is cancelled and replaced by a new one for the same order; its artisan is told by SMS to stop."
                : null}
            </p>
            {error !== undefined ? (
              <p className="notice notice--error" role="alert">
                {error}
              </p>
            ) : null}
            <fieldset className="field">
              <legend>Offer it to</legend>
              {search ? (
                <div role="region" aria-label="Artisans found" className="reassign-found">
                  <h3 className="ops-admin__sub">
                    {search.who ? `Artisans with these skills matching “${search.who}”` : "Every artisan with these skills"}: {search.total}
                  </h3>
                  {found.length ? (
                    <ul className="board-candidates">
                      {found.map((a, i) => (
                        <li key={a.artisanId} className="board-candidate">
                          <label>
                            <input type="radio" name="artisanId" value={a.artisanId} defaultChecked={i === 0} required />
                            {a.name}
                          </label>
                          <span className="muted">
                            {a.settlement}, {a.county}
                          </span>
                          <span className="muted">QC {(a.qualityScore / 100).toFixed(0)}%</span>
                          <span className="muted">{a.remainingCapacity} left this week</span>
                          {!a.available ? <span className="badge badge--warn">not taking work</span> : null}
                          {a.remainingCapacity < left ? (
                            <span className="badge badge--warn">
                              capacity for {a.remainingCapacity} of {left}
                            </span>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="empty-state">Nobody with these skills matches. Try part of a name, or clear the search.</p>
                  )}
                  <Pagination page={search.page} pageCount={search.pageCount} label="Pages of artisans found" />
                  <p>
                    <Link to=".">Back to the ranked list</Link>
                  </p>
                </div>
              ) : candidates.length === 0 ? (
                <p className="notice">
                  No active artisan with these skills has capacity left this week. Search above to offer it to someone anyway, or try again
                  after offers come back.
                </p>
              ) : (
                <>
                  <p className="muted">
                    Ranked by the dispatch engine: quality, then who has earned least lately, then distance to the hub.
                  </p>
                  <CandidateList title="Can have it ready by the due date" list={inTime} quantity={left} first />
                  <CandidateList title="Would finish after the due date" list={later} quantity={left} first={inTime.length === 0} />
                </>
              )}
            </fieldset>
            {(search ? found.length : candidates.length) ? <SubmitButton busyLabel="Offering…">Offer to this artisan</SubmitButton> : null}
          </Form>
        </>
      )}
    </section>
  );
}
