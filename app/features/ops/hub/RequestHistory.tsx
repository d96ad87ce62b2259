import type { HubRequestDetail } from "~/domain/hub/index.server";
import { Actor } from "~/features/ops/shared/Actor";
import type { Actors } from "~/features/ops/shared/actors.server";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import { OUTCOME_WORDS } from "./labels";

/** The request's quality checks (when it has any) and its history of status changes. */
export function RequestHistory({ request: r, actors }: { request: HubRequestDetail; actors: Actors }) {
  return (
    <>
      {r.inspections.length ? (
        <section aria-labelledby="inspections-heading">
          <h2 id="inspections-heading">Quality checks</h2>
          <ul className="ops-plain-list">
            {r.inspections.map((i) => (
              <li key={i.id}>
                <OpsTime iso={i.at} weekday year={false} /> · {i.unitsPassed} passed, {i.unitsFailed} failed
                {i.defectReason ? <> · {i.defectReason}</> : null} · {OUTCOME_WORDS[i.outcome] ?? i.outcome}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="events-heading">
        <h2 id="events-heading">History</h2>
        <ol className="ops-plain-list hub-events">
          {r.events.map((e) => (
            <li key={e.id}>
              <OpsTime iso={e.at} weekday year={false} /> · {e.fromStatus ? `${e.fromStatus.replace(/_/g, " ")} → ` : ""}
              {e.toStatus.replace(/_/g, " ")}
              {e.note ? <>: {e.note}</> : null}{" "}
              <span className="muted">
                by <Actor actor={e.actor} actors={actors} />
              </span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
