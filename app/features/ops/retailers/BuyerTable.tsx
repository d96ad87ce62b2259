import type { RetailerView } from "./retailer.server";
import { formatOpsTime } from "~/lib/time";

/** The retailer's buyers and whether each has set a password or still holds an invitation. */
export function BuyerTable({ buyers }: Pick<RetailerView, "buyers">) {
  if (buyers.length === 0) return <p className="muted">None yet: approving creates the first buyer from the contact.</p>;
  return (
    <div className="ops-table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {buyers.map((b) => (
            <tr key={b.id}>
              <td>{b.name}</td>
              <td>{b.email}</td>
              <td>
                {b.hasPassword ? "Active" : b.inviteExpiresAt ? `Invited (link expires ${formatOpsTime(b.inviteExpiresAt)})` : "Invited"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
