import { statusWords } from "~/domain/production";
import { Actor } from "~/features/ops/shared/Actor";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import type { ProductionRequestView } from "./request.server";

/** The request's status changes, newest first, with who made them. */
export function ProductionHistory({ history, actors }: Pick<ProductionRequestView, "history" | "actors">) {
  return (
    <section className="ops-admin__section" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <ol className="ops-admin__history">
        {history.map((e) => (
          <li key={e.id}>
            <OpsTime iso={e.at} /> · {e.from ? `${statusWords(e.from)} → ` : ""}
            <strong>{statusWords(e.to)}</strong> · <Actor actor={e.actor} actors={actors} />
            {e.note ? <div className="muted">{e.note}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
