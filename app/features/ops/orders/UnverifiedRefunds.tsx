import { Money } from "~/components/commerce/Money";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import type { PageData } from "./order.server";

/**
 * Refunds through Stripe recorded as failed before refunds kept their keys: a timeout may have been
 * a refund Stripe made, and nothing here can ask (docs/decisions/0020). Staff look in Stripe first.
 */
export function UnverifiedRefunds({ refunds }: { refunds: PageData["detail"]["unverifiable"] }) {
  if (refunds.length === 0) return null;
  return (
    <div className="notice notice--error" role="note" aria-labelledby="unverified-heading">
      <h3 id="unverified-heading">Check Stripe before refunding again</h3>
      <ul className="ops-plain-list">
        {refunds.map((r) => (
          <li key={r.id}>
            A refund of <Money value={{ amount: r.amount, currency: r.currency }} /> on <OpsTime iso={r.createdAt} /> failed before this
            console kept refund keys, so it can't check whether Stripe made it after all (a timeout can hide a refund that went through).
            {r.payment ? (
              <>
                {" "}
                Open payment <code>{r.payment}</code> in Stripe's dashboard: a refund of that amount there means the shopper already has it.
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <p>It counts here as not refunded unless the history shows it refunded through Stripe.</p>
    </div>
  );
}
