import { Form, Link } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { CandidateList } from "./CandidateList";
import type { ProductionRequestView } from "./request.server";

/**
 * Offer the request to another artisan, from the dispatch engine's ranking; or why that cannot be
 * done now (blocked, no skills set, nobody with capacity).
 */
export function ReassignSection({
  request,
  skills,
  blocked,
  candidates,
  error,
}: Pick<ProductionRequestView, "request" | "skills" | "blocked" | "candidates"> & { error: string | undefined }) {
  const inTime = candidates.filter((c) => c.inTime);
  const later = candidates.filter((c) => !c.inTime);
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
      ) : candidates.length === 0 ? (
        <p className="notice">
          No active artisan with these skills has capacity left this week. Try again after offers come back, or onboard more artisans.
        </p>
      ) : (
        <Form method="post">
          <p className="muted">
            Ranked by the dispatch engine (quality, then who has earned least lately, then distance to the hub). The artisan gets an offer
            by SMS and 24 hours to accept.
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
            <CandidateList title="Can have it ready by the due date" list={inTime} quantity={request.quantity - request.unitsMade} first />
            <CandidateList
              title="Would finish after the due date"
              list={later}
              quantity={request.quantity - request.unitsMade}
              first={inTime.length === 0}
            />
          </fieldset>
          <SubmitButton busyLabel="Offering…">Offer to this artisan</SubmitButton>
        </Form>
      )}
    </section>
  );
}
