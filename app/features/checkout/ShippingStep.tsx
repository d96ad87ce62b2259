import { Form, Link } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import type { CheckoutReply, CheckoutView } from "./checkout-reply";

type Props = { state: CheckoutView; editing: boolean; actionData: CheckoutReply | undefined };

/** Step 2: the shipping method, once there is an address. */
export function ShippingStep({ state, editing, actionData }: Props) {
  const error = actionData?.errors.shippingMethod;
  return (
    <section className="checkout-step" aria-labelledby="step-shipping">
      <h2 id="step-shipping">2. Shipping</h2>
      {!state.address ? (
        <p className="muted">Enter your address to see shipping options.</p>
      ) : editing ? (
        <Form method="post">
          <input type="hidden" name="intent" value="shipping" />
          <fieldset className="field">
            <legend>Shipping method</legend>
            {state.shippingOptions.map((option, i) => (
              <label key={option.code} className="choice">
                <input
                  type="radio"
                  name="shippingMethod"
                  value={option.code}
                  defaultChecked={state.shippingMethod ? state.shippingMethod === option.code : i === 0}
                />
                <span className="choice__label">
                  {option.label} <span className="muted">— {option.detail}</span>
                </span>
                <span className="choice__price">
                  {option.amount === 0 ? "Free" : <Money value={{ amount: option.amount, currency: state.cart.currency }} />}
                </span>
              </label>
            ))}
            {error ? <p className="field-error">{error}</p> : null}
          </fieldset>
          <p className="field-hint">Pieces made to order ship once the artisan has finished them; your order page shows each step.</p>
          <button className="button" type="submit">
            Continue to payment
          </button>
        </Form>
      ) : (
        <div className="step-summary">
          <p>{state.shippingOptions.find((o) => o.code === state.shippingMethod)?.label}</p>
          <Link to="?edit=shipping">Change</Link>
        </div>
      )}
    </section>
  );
}
