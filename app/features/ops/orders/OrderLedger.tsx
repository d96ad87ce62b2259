import { Money } from "~/components/commerce/Money";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import type { PageData } from "./order.server";

/** The order's entries in the ledger (its sale, returns' refunds, gift card movements): debits and credits, the shopper's money beside. */
export function OrderLedger({ ledger, paid }: { ledger: PageData["ledger"]; paid: boolean }) {
  return (
    <section aria-labelledby="ledger-heading" className="ops-order__ledger">
      <h2 id="ledger-heading">Ledger</h2>
      {ledger.length === 0 ? (
        <p className="muted">
          {paid ? "Nothing booked yet: the sale is booked a moment after the order is placed." : "Nothing booked for this order."}
        </p>
      ) : (
        <ScrollRegion className="ops-table-wrap" label="Ledger entries for this order">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Entry</th>
                <th scope="col">Account</th>
                <th scope="col">Debit</th>
                <th scope="col">Credit</th>
                <th scope="col">Shopper's money</th>
              </tr>
            </thead>
            {ledger.map((entry) => (
              <tbody key={entry.id}>
                {entry.lines.map((line, i) => (
                  <tr key={`${entry.id}-${line.code}`}>
                    {i === 0 ? (
                      // A cell, not a header: the memo is a sentence, and a header cell's capitals and nowrap would push the amounts off a tablet.
                      <td rowSpan={entry.lines.length} className="ops-order__ledger-entry">
                        <code>{entry.reference}</code>
                        <br />
                        <span className="muted">
                          {entry.memo} · <OpsTime iso={entry.at} />
                        </span>
                      </td>
                    ) : null}
                    <td>
                      {line.name}
                      <br />
                      <code className="muted">{line.code}</code>
                    </td>
                    <td>{line.amount > 0 ? <Money value={{ amount: line.amount, currency: line.currency }} /> : ""}</td>
                    <td>{line.amount < 0 ? <Money value={{ amount: -line.amount, currency: line.currency }} /> : ""}</td>
                    <td>
                      {line.presentment ? (
                        <Money value={{ amount: Math.abs(line.presentment.amount), currency: line.presentment.currency }} />
                      ) : (
                        ""
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
