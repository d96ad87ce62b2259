import { Money } from "~/components/commerce/Money";
import { Actor } from "~/features/ops/shared/Actor";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import type { PageData } from "./order.server";

/** Everything that happened to the order and its production requests, oldest first, with who did it. */
export function OrderHistory({ history, actors }: { history: PageData["detail"]["history"]; actors: PageData["actors"] }) {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {history.length ? (
        <ol className="ops-history">
          {history.map((e) => (
            <li key={e.key} className={`ops-history__item ops-history__item--${e.source}`}>
              <OpsTime iso={e.at} seconds />
              <span className="ops-history__what">
                {e.requestNumber ? <span className="badge">{e.requestNumber}</span> : <span className="badge badge--order">order</span>}{" "}
                <span className="ops-history__summary">{e.summary}</span>
                {e.money ? (
                  <>
                    {" "}
                    · <Money value={{ amount: e.money.amount, currency: e.money.currency }} />
                  </>
                ) : null}
              </span>
              <span className="ops-history__actor muted">
                by <Actor actor={e.actor} actors={actors} />
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">Nothing has happened to this order yet.</p>
      )}
    </section>
  );
}
