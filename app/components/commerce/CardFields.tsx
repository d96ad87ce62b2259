/**
 * The card's number, expiry and CVC for the local test provider (no Stripe keys): the checkout, a
 * gift card and a return's difference ask for them the same way. Plain fields that post without
 * JavaScript; with it, the expiry's slash goes in as one types ("1229" reads "12/29"; the server
 * accepts either).
 */
import { formatExpiryAsTyped } from "~/domain/checkout";
import { Field } from "~/components/ui/Field";

export type CardFieldErrors = { number?: string; expiry?: string; cvc?: string };

export function CardFields({ errors = {}, expiry }: { errors?: CardFieldErrors; expiry?: string }) {
  return (
    <>
      <Field
        name="cardNumber"
        label="Card number"
        inputMode="numeric"
        autoComplete="cc-number"
        error={errors.number}
        placeholder="1234 1234 1234 1234"
      />
      <div className="field-row">
        <Field
          name="cardExpiry"
          label="Expiry (MM/YY)"
          inputMode="numeric"
          autoComplete="cc-exp"
          maxLength={7}
          placeholder="MM/YY"
          defaultValue={expiry}
          error={errors.expiry}
          onChange={(event) => {
            const input = event.currentTarget;
            const next = formatExpiryAsTyped(input.value, input.dataset.previous ?? "");
            input.value = next;
            input.dataset.previous = next;
          }}
        />
        <Field name="cardCvc" label="CVC" inputMode="numeric" autoComplete="cc-csc" error={errors.cvc} placeholder="123" />
      </div>
    </>
  );
}
