import { Form } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { OFFLINE_CLOCK_SKEW_MS } from "~/domain/pos";
import { fmt, pieces } from "./format";

type HeldRow = {
  id: number;
  soldAt: string | null;
  reason: string;
  syncedAt: string;
  syncedBy: string;
  sale: { lines: Array<{ quantity: number }>; cashGiven: number };
};

/** Offline sales stamped outside their shift: a manager books each into this shift, or rejects it. */
export function HeldSales({ held, busy }: { held: HeldRow[]; busy: boolean }) {
  return (
    <section aria-labelledby="held-heading" className="pos-held">
      <h2 id="held-heading">Offline sales held for a manager ({held.length})</h2>
      <p className="field-hint">
        The tablet stamped these sales outside the shift they synced into (more than {OFFLINE_CLOCK_SKEW_MS / 60_000} minutes before it
        opened, or later than the time it synced) — a wrong clock, or a sale that was not taken here. Nothing is booked until a manager
        decides.
      </p>
      <ul className="pos-held__list">
        {held.map((h) => (
          <li key={h.id} className="pos-held__item">
            <p>
              <strong>
                {pieces(h.sale.lines.reduce((n, l) => n + l.quantity, 0))}, cash given{" "}
                <Money value={{ amount: h.sale.cashGiven, currency: "USD" }} />
              </strong>
            </p>
            <p className="muted">
              Stamped {h.soldAt ? fmt(h.soldAt) : "without a time"} · synced {fmt(h.syncedAt)} by {h.syncedBy}
            </p>
            <p>{h.reason}</p>
            <Form method="post" className="pos-held__actions">
              <input type="hidden" name="heldId" value={h.id} />
              <button type="submit" name="intent" value="book-held" className="button" disabled={busy}>
                Book it into this shift
              </button>
              <details>
                <summary>Reject…</summary>
                <p>The sale will not be booked; the cash, if any, must be accounted for by hand.</p>
                <button type="submit" name="intent" value="reject-held" className="button button--ghost" disabled={busy}>
                  Yes, reject this sale
                </button>
              </details>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}
