import type { ProductionRequestView } from "./request.server";

/** Artisans the request can be offered to, one radio button each; `first` picks the list's first artisan. */
export function CandidateList({
  title,
  list,
  quantity,
  first,
}: {
  title: string;
  list: ProductionRequestView["candidates"];
  quantity: number;
  first: boolean;
}) {
  if (!list.length) return null;
  return (
    <>
      <h3 className="ops-admin__sub">{title}</h3>
      <ul className="board-candidates">
        {list.map((c, i) => (
          <li key={c.artisanId} className="board-candidate">
            <label>
              <input type="radio" name="artisanId" value={c.artisanId} defaultChecked={first && i === 0} required />
              {c.name}
            </label>
            <span className="muted">
              {c.settlement}, {c.county}
            </span>
            <span className="muted">QC {(c.qualityScore / 100).toFixed(0)}%</span>
            <span className="muted">{c.remainingCapacity} left this week</span>
            <span className="muted">ready by {c.readyBy}</span>
            {c.quantity < quantity ? (
              <span className="badge badge--warn">
                capacity for {c.quantity} of {quantity}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
