import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { mayAct } from "~/domain/accounts";
import { EXCHANGE_PAYMENT_DAYS, RETURN_ARRIVAL_DAYS } from "~/domain/returns";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { policyAction, policyPage } from "~/features/ops/returns/returns.server";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const meta: MetaFunction = () => [{ title: "Returns policy · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.returns.policy", "loader");
  return policyPage(request, mayAct("ops.returns.policy", staff.roles));
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.returns.policy", "action");
  return policyAction(request, staff);
}

export default function ReturnsPolicy() {
  const { policy, canEdit, flash } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errors = (failed?.errors ?? {}) as Record<string, string | undefined>;
  return (
    <div className="ops-page">
      <p>
        <Link to="/ops/returns">← Returns</Link>
      </p>
      <h1>Returns policy</h1>
      <p className="muted">What shoppers may send back, and when their money goes back. Changes apply to returns started from now on.</p>
      <FlashNotice flash={flash} />
      <Form method="post" className="stack" aria-label="Returns policy">
        <div className="field">
          <label htmlFor="windowDays">Days after delivery a piece from stock can be returned</label>
          <input
            id="windowDays"
            name="windowDays"
            type="number"
            min={0}
            max={365}
            required
            defaultValue={policy.windowDays}
            aria-invalid={errors.windowDays ? true : undefined}
          />
          {errors.windowDays ? <p className="field-error">{errors.windowDays}</p> : null}
        </div>
        <div className="field">
          <label htmlFor="madeToOrder">Made-to-order and personalised pieces</label>
          <select id="madeToOrder" name="madeToOrder" defaultValue={policy.madeToOrder}>
            <option value="exchange_only">Exchange only</option>
            <option value="returnable">Returnable like any piece</option>
            <option value="final_sale">Final sale (not returnable)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="madeToOrderWindowDays">Days after delivery for made-to-order pieces</label>
          <input
            id="madeToOrderWindowDays"
            name="madeToOrderWindowDays"
            type="number"
            min={0}
            max={365}
            required
            defaultValue={policy.madeToOrderWindowDays}
            aria-invalid={errors.madeToOrderWindowDays ? true : undefined}
          />
          {errors.madeToOrderWindowDays ? <p className="field-error">{errors.madeToOrderWindowDays}</p> : null}
        </div>
        <fieldset className="field">
          <legend>Refunds are issued</legend>
          <label>
            <input type="radio" name="refundOn" value="qc" defaultChecked={policy.refundOn === "qc"} /> after the hub's quality check
          </label>
          <label>
            <input type="radio" name="refundOn" value="receipt" defaultChecked={policy.refundOn === "receipt"} /> as soon as the hub
            receives the parcel
          </label>
        </fieldset>
        {canEdit ? (
          <SubmitButton busyLabel="Saving…">Save the policy</SubmitButton>
        ) : (
          <p className="muted">Your role can read the policy; operations change it.</p>
        )}
      </Form>
      <section aria-labelledby="fixed-rules" className="stack">
        <h2 id="fixed-rules">Set by the system</h2>
        <p className="muted">The same for every return; not changed here (docs/decisions/0020).</p>
        <ul>
          <li>
            A web return whose parcel hasn't reached the hub {RETURN_ARRIVAL_DAYS} days after it was started (or after its exchange's
            difference was paid) lapses: it is cancelled, the shopper is emailed, and a difference they paid goes back to their card.
          </li>
          <li>
            An exchange for a dearer piece waits {EXCHANGE_PAYMENT_DAYS} days for the difference to be paid; unpaid, it lapses and nothing
            was reserved or made.
          </li>
          <li>Counter returns at the flagship are settled on the spot and never lapse.</li>
        </ul>
      </section>
    </div>
  );
}
