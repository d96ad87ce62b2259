import { Form } from "@remix-run/react";
import { Field } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";
import type { Failure } from "./artisan";

/**
 * Her sign-in and M-Pesa payout numbers. They decide where her pay goes (the sign-in number gets the
 * PIN codes that can reset her PIN), so finance and admin change them, on this form; everyone else
 * sees them read-only, with who can (decision 0026).
 */
export function NumbersSection({
  phone,
  payoutPhone,
  canChange,
  failure,
}: {
  phone: string;
  payoutPhone: string;
  canChange: boolean;
  failure: Failure | undefined;
}) {
  const v = (name: string, fallback: string) => failure?.values[name] ?? fallback;
  return (
    <section className="ops-admin__section" aria-labelledby="numbers-title">
      <h2 id="numbers-title">Sign-in and payout numbers</h2>
      {canChange ? (
        <Form method="post" className="ops-admin__form" noValidate>
          <Field
            id="phone"
            name="phone"
            label="Mobile number"
            hint="She signs in with it; offers and PIN codes are sent here."
            defaultValue={v("phone", phone)}
            error={failure?.errors.phone}
            inputMode="tel"
          />
          <Field
            id="payoutPhone"
            name="payoutPhone"
            label="M-Pesa payout number"
            hint="Leave empty to pay the mobile number above. Her old numbers are told by SMS."
            defaultValue={v("payoutPhone", payoutPhone !== phone ? payoutPhone : "")}
            error={failure?.errors.payoutPhone}
            inputMode="tel"
          />
          <SubmitButton intent="numbers" busyLabel="Changing…">
            Change numbers
          </SubmitButton>
        </Form>
      ) : (
        <div className="ops-admin__form">
          <Field id="phone" name="phone" label="Mobile number" value={phone} readOnly hint="Only finance or an admin can change it." />
          <Field
            id="payoutPhone"
            name="payoutPhone"
            label="M-Pesa payout number"
            value={payoutPhone}
            readOnly
            hint="Only finance or an admin can change it: it decides where her pay goes."
          />
        </div>
      )}
    </section>
  );
}
