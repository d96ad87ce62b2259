import { Form } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { SubmitButton } from "~/components/ui/SubmitButton";
import type { ReturnDetail } from "~/domain/returns/index.server";
import { formatOpsTime } from "~/lib/time";
import type { OwedRefund } from "./refund-retry";

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

const OWED_WORDS = {
  refund: { owed: "The refund is owed", failed: "The refund didn't go through", send: "Issue the refund" },
  difference: {
    owed: "The difference is owed back",
    failed: "The refund of the difference didn't go through",
    send: "Refund the difference",
  },
  paid_difference: {
    owed: "The difference the shopper paid is owed back",
    failed: "The difference the shopper paid didn't go back: its refund didn't go through",
    send: "Refund the difference",
  },
} as const;

/** The money a return owes back, and the button that sends it (again) through the one refund retry. */
export function RefundOwed({ owed, currency }: { owed: OwedRefund; currency: string }) {
  const words = OWED_WORDS[owed.what];
  return (
    <Form method="post">
      <p>
        {owed.failed ? words.failed : words.owed} (<Money value={{ amount: owed.amount, currency }} />
        ).
      </p>
      <SubmitButton intent="refund" busyLabel="Refunding…">
        {owed.failed ? "Try the refund again" : words.send}
      </SubmitButton>
    </Form>
  );
}
