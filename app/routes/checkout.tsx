import {
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { signedInCustomerId } from "~/domain/accounts/index.server";
import { cartIdFrom } from "~/domain/cart/index.server";
import { countryFromLanguages } from "~/domain/checkout";
import { checkoutState, preparePaymentIntent } from "~/domain/checkout/index.server";
import { paymentProvider } from "~/domain/payments/index.server";
import { AddressStep } from "~/features/checkout/AddressStep";
import { checkoutAction } from "~/features/checkout/checkout.server";
import type { CheckoutReply } from "~/features/checkout/checkout-reply";
import { checkoutView } from "~/features/checkout/checkout-view";
import { OrderSummary } from "~/features/checkout/OrderSummary";
import { PaymentStep } from "~/features/checkout/PaymentStep";
import { ShippingStep } from "~/features/checkout/ShippingStep";
import { readForm } from "~/lib/validation";
import styles from "~/styles/checkout.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Checkout · Soko" }, { name: "robots", content: "noindex" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });
/** The checkout's own header and footer (docs/decisions/0030-checkout-chrome.md). */
export const handle = { chrome: "checkout" };

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
    state: checkoutView(state),
    editAddress: edit === "address" || !state.address,
    editShipping: edit === "shipping" || (Boolean(state.address) && !state.shippingMethod),
    // A fresh key per rendered form: submitting this form twice makes one order.
    idempotencyKey: crypto.randomUUID(),
    provider,
    stripePayment,
    signedIn: (await signedInCustomerId(request)) !== null,
    defaultCountry: countryFromLanguages(request.headers.get("Accept-Language")),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const cartId = await cartIdFrom(request);
  if (!cartId) throw redirect("/cart");
  const form = await readForm(request);
  return checkoutAction(request, form, cartId);
}

export default function Checkout() {
  const { state, editAddress, editShipping, idempotencyKey, provider, stripePayment, signedIn, defaultCountry } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<CheckoutReply>();

  return (
    <div className="page checkout">
      <h1>Checkout</h1>
      <div className="checkout__grid">
        <div className="checkout__steps">
          <AddressStep state={state} editing={editAddress} actionData={actionData} defaultCountry={defaultCountry} />
          <ShippingStep state={state} editing={editShipping} actionData={actionData} />
          <PaymentStep
            state={state}
            blocked={editAddress || editShipping}
            provider={provider}
            stripePayment={stripePayment}
            idempotencyKey={idempotencyKey}
            signedIn={signedIn}
            actionData={actionData}
          />
        </div>
        <OrderSummary state={state} actionData={actionData} />
      </div>
    </div>
  );
}
