import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import type { PageData } from "./stock.server";

/** On hand, reserved and free at each location. */
export function LevelsTable({ levels }: { levels: PageData["levels"] }) {
  return (
    <ScrollRegion className="ops-table-wrap" label="Levels by location">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Location</th>
            <th scope="col" className="ops-num">
              On hand
            </th>
            <th scope="col" className="ops-num">
              Reserved
            </th>
            <th scope="col" className="ops-num">
              Free
            </th>
          </tr>
        </thead>
        <tbody>
          {levels.map((l) => (
            <tr key={l.id}>
              <th scope="row">
                {l.name} <span className="muted">{l.code}</span>
              </th>
              <td className="ops-num">{l.onHand}</td>
              <td className="ops-num">{l.reserved}</td>
              <td className="ops-num">{l.available}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** One page of the variant's stock movements, newest first. */
export function MovementsTable({ rows }: { rows: PageData["movements"]["rows"] }) {
  if (rows.length === 0) return <p className="muted">No stock of this variant has moved yet.</p>;
  return (
    <ScrollRegion className="ops-table-wrap" label="Movements">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Location</th>
            <th scope="col" className="ops-num">
              On hand
            </th>
            <th scope="col" className="ops-num">
              Reserved
            </th>
            <th scope="col">Reason</th>
            <th scope="col">Reference</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.id}>
              <td>
                <OpsTime iso={new Date(m.at).toISOString()} />
              </td>
              <td>{m.locationCode}</td>
              <td className="ops-num">
                <Delta value={m.onHandDelta} />
              </td>
              <td className="ops-num">
                <Delta value={m.reservedDelta} />
              </td>
              <td>{m.reason}</td>
              <td>{m.reference ?? ""}</td>
              <td>{m.actor ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function Delta({ value }: { value: number }) {
  if (value === 0) return <span className="muted">0</span>;
  return <span className={value > 0 ? "inv-delta--up" : "inv-delta--down"}>{value > 0 ? `+${value}` : `−${Math.abs(value)}`}</span>;
}
