import { Money } from "~/components/commerce/Money";
import type { ReturnDetail } from "~/domain/returns/index.server";
import { formatOpsTime } from "~/lib/time";

/**
 * Every refund of a return, where it went (a web exchange's piece may go back over several payments,
 * and a split stopped part-way lists the part that failed beside the retry that sent it), as facts
 * for the return's `dl`. Nothing when no refund was sent.
 */
export function RefundParts({ refunds, currency }: { refunds: ReturnDetail["refunds"]; currency: string }) {
  if (refunds.length === 0) return null;
  return (
    <>
      <dt>Where the money went</dt>
      <dd>
        <ul className="ops-plain-list">
          {refunds.map((f) => (
            <li key={f.id}>
              <Money value={{ amount: f.amount, currency }} />{" "}
              {f.providerRef?.startsWith("gift_card:") ? "onto a gift card" : "to the card"} on order {f.orderNumber}
              {f.providerRef ? ` (${f.providerRef})` : ""} · {f.status}
            </li>
          ))}
        </ul>
      </dd>
    </>
  );
}

const DUE_WORDS = {
  paid: "paid by the shopper (booked as a sale)",
  refunded: "paid, then refunded",
  expired: "never paid: lapsed",
} as const;

/** A dearer exchange's difference and what became of it. Nothing when the exchange cost nothing on top. */
export function DifferenceFact({ detail: d }: { detail: Pick<ReturnDetail, "due" | "dueState" | "dueExpiresAt" | "currency"> }) {
  if (d.due <= 0) return null;
  return (
    <>
      <dt>Difference</dt>
      <dd>
        <Money value={{ amount: d.due, currency: d.currency }} />{" "}
        {d.dueState === "awaiting"
          ? `awaiting payment (lapses ${d.dueExpiresAt ? formatOpsTime(d.dueExpiresAt) : "—"})`
          : (DUE_WORDS[d.dueState as keyof typeof DUE_WORDS] ?? "not paid")}
      </dd>
    </>
  );
}
