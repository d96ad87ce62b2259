/**
 * /gift-cards/complete: where Stripe sends a gift card buyer back after paying. The page asks Stripe
 * about the intent server-side, then issues the card exactly as the webhook would; whichever runs
 * first wins, and a reload shows the same order.
 */
import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { completeGiftCardPurchase } from "~/domain/checkout/index.server";
import { giftCardSendWhen } from "~/domain/giftcards";
import { dateLocaleOf, marketOfCurrency } from "~/domain/markets";
import { answerRefusals } from "~/lib/refusal.server";
import styles from "~/styles/giftcards.css";

const REFRESH_SECONDS = 3;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
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
  const result = await completeGiftCardPurchase(paymentIntentId);
  if (result.status === "unknown") throw new Response("We couldn't find that payment.", { status: 404 });
  if (result.status === "failed") throw redirect("/gift-cards?payment=failed", { status: 303 });
  if (result.status === "processing") return { state: "processing" as const, paymentIntentId };
  const { details } = result;
  return {
    state: "placed" as const,
    orderNumber: result.orderNumber,
    amount: { amount: details.amount, currency: details.currency },
    recipientEmail: details.recipientEmail,
    sendWhen: giftCardSendWhen(details.sendOn, dateLocaleOf(marketOfCurrency(details.currency))),
  };
}

export default function GiftCardComplete() {
  const data = useLoaderData<typeof loader>();
  if (data.state === "processing") {
    return (
      <div className="page giftcards--narrow">
        <h1>We're confirming your payment</h1>
        <p role="status">Your bank is still confirming the payment. This page checks again every few seconds; please keep it open.</p>
        <p className="muted">
          Nothing is charged twice if you reload.{" "}
          <a href={`/gift-cards/complete?payment_intent=${encodeURIComponent(data.paymentIntentId)}`}>Check now</a>
        </p>
      </div>
    );
  }
  return (
    <div className="page giftcards--narrow">
      <h1>Thank you!</h1>
      <p role="status">
        Your <Money value={data.amount} /> gift card for {data.recipientEmail} is emailed {data.sendWhen}. Your receipt is order{" "}
        {data.orderNumber}.
      </p>
      <p>
        <Link to="/gift-cards">Buy another</Link> · <Link to="/">Continue shopping</Link>
      </p>
    </div>
  );
}
