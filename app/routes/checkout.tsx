import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { StripePaymentElement } from "~/components/commerce/StripePaymentElement";
import { signedInCustomerId, startCustomerSession } from "~/domain/accounts/index.server";
import { cartIdFrom } from "~/domain/cart/index.server";
import {
  applyDiscountCode,
  checkoutState,
  payAndPlaceOrder,
  removeDiscountCode,
  saveAddress,
  saveShippingMethod,
} from "~/domain/checkout/index.server";
import { COUNTRIES, US_STATES } from "~/domain/checkout";
import { addressSchema, discountSchema, paySchema, shippingSchema } from "~/domain/checkout";
import { statusPath } from "~/domain/orders/index.server";
import { paymentProvider } from "~/domain/payments/index.server";
import { preparePaymentIntent } from "~/domain/checkout/index.server";
import { cartCookie } from "~/lib/session.server";
import styles from "~/styles/checkout.css";
import { parseWith, readForm, type FieldErrors } from "~/lib/validation";
import { Field } from "~/components/ui/Field";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Checkout · Soko" }, { name: "robots", content: "noindex" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const cartId = await cartIdFrom(request);
  const state = cartId ? await checkoutState(cartId) : null;
  if (!state?.cart.lines.some((l) => l.purchasable)) throw redirect("/cart");
  const edit = new URL(request.url).searchParams.get("edit");
  const provider = paymentProvider().name;
  // Stripe: the bag's PaymentIntent for the Payment Element (one per bag and total).
  const stripePayment = provider !== "local" && state.ready ? await preparePaymentIntent(cartId!, state) : null;
  if (stripePayment?.status === "paid") throw redirect(`/checkout/complete?payment_intent=${stripePayment.paymentIntentId}`);
  return {
    state,
    editAddress: edit === "address" || !state.address,
    editShipping: edit === "shipping" || (Boolean(state.address) && !state.shippingMethod),
    // A fresh key per rendered form: submitting this form twice makes one order.
    idempotencyKey: crypto.randomUUID(),
    provider,
    stripePayment,
    signedIn: (await signedInCustomerId(request)) !== null,
  };
}

type ActionData = {
  step: "address" | "shipping" | "discount" | "pay";
  errors: FieldErrors;
  values?: Record<string, string>;
  message?: string;
};

export async function action({ request }: ActionFunctionArgs) {
  const cartId = await cartIdFrom(request);
  if (!cartId) throw redirect("/cart");
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");

  if (intent === "address") {
    const parsed = parseWith(addressSchema, form);
    if (!parsed.ok) return data<ActionData>({ step: "address", errors: parsed.errors, values: parsed.values }, { status: 422 });
    const { intent: _intent, ...address } = parsed.data;
    await saveAddress(cartId, address);
    return redirect("/checkout");
  }
  if (intent === "shipping") {
    const parsed = parseWith(shippingSchema, form);
    if (!parsed.ok) return data<ActionData>({ step: "shipping", errors: parsed.errors }, { status: 422 });
    await saveShippingMethod(cartId, parsed.data.shippingMethod);
    return redirect("/checkout");
  }
  if (intent === "discount") {
    const parsed = parseWith(discountSchema, form);
    if (!parsed.ok) return data<ActionData>({ step: "discount", errors: parsed.errors, values: parsed.values }, { status: 422 });
    const result = await applyDiscountCode(cartId, parsed.data.code);
    if (!result.ok)
      return data<ActionData>({ step: "discount", errors: { code: result.reason }, values: { code: parsed.data.code } }, { status: 422 });
    return redirect("/checkout");
  }
  if (intent === "remove-discount") {
    await removeDiscountCode(cartId);
    return redirect("/checkout");
  }
  if (intent === "pay") {
    // With Stripe the card is confirmed by the Payment Element, never posted here.
    if (paymentProvider().name !== "local") {
      return data<ActionData>({ step: "pay", errors: {}, message: "Please pay with the card form on this page." }, { status: 400 });
    }
    const parsed = parseWith(paySchema, form);
    if (!parsed.ok)
      return data<ActionData>({ step: "pay", errors: parsed.errors, message: Object.values(parsed.errors)[0] }, { status: 400 });
    const signedIn = await signedInCustomerId(request);
    const input = parsed.data;
    const result = await payAndPlaceOrder(cartId, {
      idempotencyKey: input.idempotencyKey,
      expectedTotal: input.expectedTotal,
      card: { number: input.cardNumber, expiry: input.cardExpiry, cvc: input.cardCvc },
      customerId: signedIn,
      createAccountPassword: input.createAccount ? input.password : undefined,
    });
    if (!result.ok) {
      const errors: FieldErrors = result.field && result.field !== "card" ? { [result.field]: result.message } : {};
      return data<ActionData>({ step: "pay", errors, message: result.message }, { status: result.status });
    }
    const headers = new Headers();
    headers.append("Set-Cookie", await cartCookie().serialize("", { maxAge: 0 }));
    if (result.customerId && result.customerId !== signedIn) {
      // The account made at checkout: signed in from now on.
      headers.append("Set-Cookie", await startCustomerSession(request, result.customerId));
    }
    return redirect(`${statusPath(result.orderNumber)}&placed=1`, { status: 303, headers });
  }
  return data<ActionData>({ step: "pay", errors: {}, message: "Something was missing from that form. Please try again." }, { status: 400 });
}

export default function Checkout() {
  const { state, editAddress, editShipping, idempotencyKey, provider, stripePayment, signedIn } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const navigation = useNavigation();
  const paying = navigation.state !== "idle" && navigation.formData?.get("intent") === "pay";
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  const address = state.address;
  const currency = state.cart.currency;
  const money = (amount: number) => <Money value={{ amount, currency }} />;

  return (
    <div className="page checkout">
      <h1>Checkout</h1>
      <div className="checkout__grid">
        <div className="checkout__steps">
          <section className="checkout-step" aria-labelledby="step-address">
            <h2 id="step-address">1. Contact and shipping address</h2>
            {editAddress ? (
              <Form method="post" noValidate className="address-form">
                <input type="hidden" name="intent" value="address" />
                {actionData?.step === "address" && Object.keys(errors).length ? (
                  <p className="notice notice--error" role="alert">
                    Please check the highlighted fields.
                  </p>
                ) : null}
                <Field
                  name="email"
                  label="Email"
                  type="email"
                  autoComplete="email"
                  defaultValue={values.email ?? state.email ?? ""}
                  error={errors.email}
                  hint="We'll send your receipt and a link to follow your order here."
                />
                <Field
                  name="name"
                  label="Full name"
                  autoComplete="name"
                  defaultValue={values.name ?? address?.name ?? ""}
                  error={errors.name}
                />
                <div className="field">
                  <label htmlFor="country">Country</label>
                  <select
                    id="country"
                    name="country"
                    autoComplete="country"
                    defaultValue={values.country ?? address?.country ?? "US"}
                    aria-invalid={errors.country ? true : undefined}
                  >
                    {Object.entries(COUNTRIES).map(([code, name]) => (
                      <option key={code} value={code}>
                        {name}
                      </option>
                    ))}
                  </select>
                  {errors.country ? <p className="field-error">{errors.country}</p> : null}
                </div>
                <Field
                  name="line1"
                  label="Street address"
                  autoComplete="address-line1"
                  defaultValue={values.line1 ?? address?.line1 ?? ""}
                  error={errors.line1}
                />
                <Field
                  name="line2"
                  label="Apartment, suite (optional)"
                  autoComplete="address-line2"
                  defaultValue={values.line2 ?? address?.line2 ?? ""}
                  error={errors.line2}
                />
                <div className="field-row">
                  <Field
                    name="city"
                    label="City"
                    autoComplete="address-level2"
                    defaultValue={values.city ?? address?.city ?? ""}
                    error={errors.city}
                  />
                  <div className="field">
                    <label htmlFor="region">State / region</label>
                    <input
                      id="region"
                      name="region"
                      list="us-states"
                      autoComplete="address-level1"
                      defaultValue={values.region ?? address?.region ?? ""}
                      aria-invalid={errors.region ? true : undefined}
                      aria-describedby={errors.region ? "region-error" : undefined}
                    />
                    <datalist id="us-states">
                      {Object.entries(US_STATES).map(([code, name]) => (
                        <option key={code} value={code}>
                          {name}
                        </option>
                      ))}
                    </datalist>
                    {errors.region ? (
                      <p className="field-error" id="region-error">
                        {errors.region}
                      </p>
                    ) : (
                      <p className="field-hint">US: two-letter state, e.g. CA</p>
                    )}
                  </div>
                  <Field
                    name="postalCode"
                    label="ZIP / postal code"
                    autoComplete="postal-code"
                    defaultValue={values.postalCode ?? address?.postalCode ?? ""}
                    error={errors.postalCode}
                  />
                </div>
                <Field
                  name="phone"
                  label="Phone (optional, for the courier)"
                  type="tel"
                  autoComplete="tel"
                  defaultValue={values.phone ?? address?.phone ?? ""}
                  error={errors.phone}
                />
                <button className="button" type="submit">
                  Continue to shipping
                </button>
              </Form>
            ) : (
              <div className="step-summary">
                <p>
                  {state.email}
                  <br />
                  {address?.name}, {address?.line1}
                  {address?.line2 ? `, ${address.line2}` : ""}, {address?.city}
                  {address?.region ? `, ${address.region}` : ""} {address?.postalCode}, {address ? COUNTRIES[address.country] : ""}
                </p>
                <Link to="?edit=address">Change</Link>
              </div>
            )}
          </section>

          <section className="checkout-step" aria-labelledby="step-shipping">
            <h2 id="step-shipping">2. Shipping</h2>
            {!address ? (
              <p className="muted">Enter your address to see shipping options.</p>
            ) : editShipping ? (
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
                      <span className="choice__price">{option.amount === 0 ? "Free" : money(option.amount)}</span>
                    </label>
                  ))}
                  {errors.shippingMethod ? <p className="field-error">{errors.shippingMethod}</p> : null}
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

          <section className="checkout-step" aria-labelledby="step-payment">
            <h2 id="step-payment">3. Payment</h2>
            {!state.ready || editAddress || editShipping ? (
              <p className="muted">Complete the steps above to pay.</p>
            ) : provider !== "local" ? (
              stripePayment?.status === "ready" ? (
                <StripePaymentElement
                  publishableKey={stripePayment.publishableKey}
                  clientSecret={stripePayment.clientSecret}
                  returnUrl={stripePayment.returnUrl}
                  total={{ amount: state.totals.total, currency }}
                />
              ) : (
                <p className="notice notice--error" role="alert">
                  {stripePayment?.status === "unavailable" ? stripePayment.message : "Card payments are unavailable right now."}
                </p>
              )
            ) : (
              <Form method="post" className="pay-form" noValidate>
                <input type="hidden" name="intent" value="pay" />
                <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
                <input type="hidden" name="expectedTotal" value={state.totals.total} />
                {actionData?.step === "pay" && actionData.message ? (
                  <p className="notice notice--error" role="alert">
                    {actionData.message}
                  </p>
                ) : null}
                <p className="field-hint">
                  Test mode: use 4242 4242 4242 4242 with any future expiry and any CVC. 4000 0000 0000 0002 is declined.
                </p>
                <Field
                  name="cardNumber"
                  label="Card number"
                  inputMode="numeric"
                  autoComplete="cc-number"
                  error={errors.number}
                  placeholder="1234 1234 1234 1234"
                />
                <div className="field-row">
                  <Field name="cardExpiry" label="Expiry" autoComplete="cc-exp" error={errors.expiry} placeholder="MM/YY" />
                  <Field name="cardCvc" label="CVC" inputMode="numeric" autoComplete="cc-csc" error={errors.cvc} placeholder="123" />
                </div>
                {signedIn ? null : (
                  <fieldset className="field account-offer">
                    <legend>Save your details (optional)</legend>
                    <label className="choice">
                      <input type="checkbox" name="createAccount" /> Create an account to see all your orders
                    </label>
                    <Field
                      name="password"
                      label="Password (8 characters or more)"
                      type="password"
                      autoComplete="new-password"
                      error={errors.password}
                    />
                  </fieldset>
                )}
                <button className="button pay-button" type="submit" disabled={paying}>
                  {paying ? "Paying…" : <>Pay {money(state.totals.total)}</>}
                </button>
              </Form>
            )}
          </section>
        </div>

        <aside className="checkout__summary" aria-labelledby="summary-title">
          <h2 id="summary-title">Order summary</h2>
          <ul className="summary-lines">
            {state.cart.lines
              .filter((l) => l.purchasable)
              .map((line) => (
                <li key={line.id}>
                  <span>
                    {line.product.title}
                    {line.variantTitle && line.variantTitle !== "Default" ? ` — ${line.variantTitle}` : ""} × {line.quantity}
                  </span>
                  <Money value={line.lineTotal} />
                </li>
              ))}
          </ul>
          <Link to="/cart" className="muted">
            Edit bag
          </Link>
          <Form method="post" className="discount-form">
            <input type="hidden" name="intent" value="discount" />
            <div className="field">
              <label htmlFor="code">Discount code</label>
              <div className="inline-field">
                <input
                  id="code"
                  name="code"
                  defaultValue={values.code ?? ""}
                  aria-invalid={errors.code ? true : undefined}
                  aria-describedby={errors.code ? "code-error" : undefined}
                />
                <button className="button button--ghost button--small" type="submit">
                  Apply
                </button>
              </div>
              {errors.code ? (
                <p className="field-error" id="code-error" role="alert">
                  {errors.code}
                </p>
              ) : null}
              {state.discount && !state.discount.ok ? <p className="field-error">{state.discount.reason}</p> : null}
            </div>
          </Form>
          <dl className="totals">
            <div>
              <dt>Subtotal</dt>
              <dd>{money(state.totals.subtotal)}</dd>
            </div>
            {state.discount?.ok ? (
              <div>
                <dt>
                  Discount ({state.discount.code}){" "}
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="remove-discount" />
                    <button className="link-button" type="submit">
                      Remove
                    </button>
                  </Form>
                </dt>
                <dd>−{money(state.totals.discountTotal)}</dd>
              </div>
            ) : null}
            <div>
              <dt>Shipping</dt>
              <dd>{state.shippingMethod ? (state.totals.shippingTotal === 0 ? "Free" : money(state.totals.shippingTotal)) : "—"}</dd>
            </div>
            <div>
              <dt>Tax{state.totals.taxRate ? ` (${(state.totals.taxRate / 100).toFixed(2)}%)` : ""}</dt>
              <dd>{state.address ? money(state.totals.taxTotal) : "—"}</dd>
            </div>
            <div className="totals__total">
              <dt>Total</dt>
              <dd>{money(state.totals.total)}</dd>
            </div>
          </dl>
        </aside>
      </div>
    </div>
  );
}
