/**
 * /checkout/complete: where Stripe sends the shopper back after confirming the payment. The page
 * asks Stripe about the intent server-side (the query string is the browser's word and proves
 * nothing), then places the order exactly as the webhook would; whichever runs first wins.
 * Named checkout_ so it is not nested under /checkout, whose loader leaves once the bag is gone.
 */
import { redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { cartIdFrom } from "~/domain/cart/index.server";
import { statusPath } from "~/domain/orders/index.server";
import { completeCheckout } from "~/domain/checkout/index.server";
import { signedInCustomerId } from "~/domain/accounts/index.server";
import { cartCookie, placedOrderCookie, thankForOrder } from "~/lib/session.server";
import { answerRefusals } from "~/lib/refusal.server";

/** Seconds between checks while the payment is processing (the page reloads itself, no JavaScript). */
const REFRESH_SECONDS = 3;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.state === "processing" ? "Confirming your payment · Soko" : "Thank you · Soko" },
  { name: "robots", content: "noindex" },
  ...(data?.state === "processing" ? [{ httpEquiv: "refresh", content: String(REFRESH_SECONDS) } as const] : []),
];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" });

export async function loader(args: LoaderFunctionArgs) {
  return answerRefusals(() => load(args));
}

async function load({ request }: LoaderFunctionArgs) {
  const paymentIntentId = new URL(request.url).searchParams.get("payment_intent") ?? "";
  if (!/^pi_[A-Za-z0-9_]{1,200}$/.test(paymentIntentId)) throw new Response("This payment link is not valid.", { status: 400 });
  const result = await completeCheckout(paymentIntentId, await signedInCustomerId(request));
  if (result.status === "unknown") throw new Response("We couldn't find that payment.", { status: 404 });
  if (result.status === "failed") throw redirect(`/checkout?payment=${result.notice}`, { status: 303 });
  if (result.status === "processing") return { state: "processing" as const, paymentIntentId };
  // The order's private link goes only to the browser that holds the bag that was paid for.
  if ((await cartIdFrom(request)) !== result.cartId) return { state: "placed" as const, orderNumber: result.orderNumber };
  const headers = new Headers();
  headers.append("Set-Cookie", await cartCookie().serialize("", { maxAge: 0 }));
  headers.append("Set-Cookie", await placedOrderCookie().serialize(result.orderNumber));
  headers.append("Set-Cookie", await thankForOrder(result.orderNumber, false));
  throw redirect(statusPath(result.orderNumber), { status: 303, headers });
}

export default function CheckoutComplete() {
  const data = useLoaderData<typeof loader>();
  if (data.state === "processing") {
    return (
      <div className="page">
        <h1>We're confirming your payment</h1>
        <p role="status">Your bank is still confirming the payment. This page checks again every few seconds; please keep it open.</p>
        <p className="muted">
          Nothing is charged twice if you reload.{" "}
          <a href={`/checkout/complete?payment_intent=${encodeURIComponent(data.paymentIntentId)}`}>Check now</a>
        </p>
      </div>
    );
  }
  return (
    <div className="page">
      <h1>Thank you!</h1>
      <p role="status">
        Your payment was received and order {data.orderNumber} is confirmed. We've emailed you a receipt with a link to follow it.
      </p>
      <p>
        <Link to="/">Continue shopping</Link>
      </p>
    </div>
  );
}
