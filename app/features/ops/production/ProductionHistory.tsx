import { statusWords } from "~/domain/production";
import type { ProductionRequestView } from "./request.server";

/** The request's status changes, newest first, with who made them. */
export function ProductionHistory({ history }: Pick<ProductionRequestView, "history">) {
  return (
    <section className="ops-admin__section" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <ol className="ops-admin__history">
        {history.map((e) => (
          <li key={e.id}>
            <time dateTime={e.at}>{e.at.slice(0, 16).replace("T", " ")} UTC</time> · {e.from ? `${statusWords(e.from)} → ` : ""}
            <strong>{statusWords(e.to)}</strong> · <span className="muted">{e.actor}</span>
            {e.note ? <div className="muted">{e.note}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
