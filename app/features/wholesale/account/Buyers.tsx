import { Form } from "@remix-run/react";
import { Field } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";

export type BuyerRow = { id: number; name: string; email: string; active: boolean; inviteLive: boolean };

/** The retailer's buyers (an invitation not yet taken can be sent again), and the form to invite another. */
export function Buyers({
  buyers,
  me,
  errors: inviteErrors,
  values: inviteValues,
}: {
  buyers: BuyerRow[];
  me: number;
  errors: Record<string, string>;
  values: Record<string, string>;
}) {
  return (
    <section className="wholesale-panel" aria-labelledby="buyers-heading">
      <h2 id="buyers-heading">Buyers</h2>
      <ul>
        {buyers.map((b) => (
          <li key={b.id}>
            {b.name} · {b.email}
            {b.id === me ? " (you)" : ""}{" "}
            {b.active ? null : (
              <>
                <span className="badge badge--warn">{b.inviteLive ? "Invited" : "Invitation expired"}</span>{" "}
                <Form method="post" style={{ display: "inline" }}>
                  <input type="hidden" name="intent" value="resend-invite" />
                  <input type="hidden" name="buyerId" value={b.id} />
                  <button type="submit" className="link-button" aria-label={`Send ${b.email} a new invitation`}>
                    Send again
                  </button>
                </Form>
              </>
            )}
          </li>
        ))}
      </ul>
      <h3>Invite a colleague</h3>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="invite" />
        <Field
          idPrefix="invite"
          name="name"
          label="Their name"
          autoComplete="off"
          defaultValue={inviteValues.name}
          error={inviteErrors.name}
        />
        <Field
          idPrefix="invite"
          name="email"
          label="Their email"
          type="email"
          autoComplete="off"
          defaultValue={inviteValues.email}
          error={inviteErrors.email}
        />
        <SubmitButton busyLabel="Send invitation">Send invitation</SubmitButton>
      </Form>
    </section>
  );
}
