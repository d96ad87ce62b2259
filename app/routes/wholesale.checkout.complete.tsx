/**
 * /wholesale/checkout/complete: where Stripe sends a buyer back after confirming a card payment for a
 * wholesale order. The page asks Stripe about the intent server-side (the query string is the
 * browser's word and proves nothing), checks it is this buyer's retailer's, then places the order
 * exactly as the webhook would; whichever runs first wins.
 */
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireBuyer } from "~/domain/wholesale/index.server";
import { completeWholesaleCardPayment } from "~/domain/wholesale/index.server";
import { workingDraft, workingDraftCookie } from "~/domain/wholesale/index.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { answerRefusals } from "~/lib/refusal.server";

// A refused action renders here, inside the portal with the buyer's nav (see WholesalePageError).
export { WholesalePageError as ErrorBoundary } from "~/features/wholesale/PageError";

/** Seconds between checks while the payment is processing (the page reloads itself, no JavaScript). */
const REFRESH_SECONDS = 3;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: "Confirming your payment · Soko wholesale" },
  { name: "robots", content: "noindex" },
  ...(data?.state === "processing" ? [{ httpEquiv: "refresh", content: String(REFRESH_SECONDS) } as const] : []),
];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" });

export async function loader(args: LoaderFunctionArgs) {
  return answerRefusals(() => load(args));
}

async function load({ request }: LoaderFunctionArgs) {
  const ctx = await requireBuyer(request);
  const paymentIntentId = new URL(request.url).searchParams.get("payment_intent") ?? "";
  if (!/^pi_[A-Za-z0-9_]{1,200}$/.test(paymentIntentId)) throw new Response("This payment link is not valid.", { status: 400 });
  const result = await completeWholesaleCardPayment(ctx, paymentIntentId);
  if (result.status === "unknown") throw new Response("We couldn't find that payment on your account.", { status: 404 });
  if (result.status === "processing")
    return data({ state: "processing" as const, paymentIntentId }, { headers: { "Cache-Control": "private, no-store" } });
  if (result.status === "failed") {
    return redirectWithFlash(
      request,
      "/wholesale/quick-order#review",
      { kind: "error", message: "Your card payment didn't go through. Please try again, use another card, or choose your terms." },
      { status: 303 },
    );
  }
  if (result.status === "refunded")
    return redirectWithFlash(request, "/wholesale/quick-order#review", { kind: "error", message: result.message }, { status: 303 });
  // The paid draft is gone; forget it as the working draft unless the buyer has moved on to another.
  const current = await workingDraft(request, ctx);
  const cookies = !current || current.id === result.draftId ? [await workingDraftCookie(ctx.buyer.id, null)] : [];
  return redirectWithFlash(
    request,
    `/wholesale/orders?placed=${encodeURIComponent(result.orderNumber)}`,
    { kind: "success", message: `Order ${result.orderNumber} placed, paid by card.` },
    { status: 303, cookies },
  );
}

export default function WholesaleCardComplete() {
  const { paymentIntentId } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>We're confirming your payment</h1>
      <p role="status">Your bank is still confirming the card payment. This page checks again every few seconds; please keep it open.</p>
      <p className="muted">
        Nothing is charged twice if you reload.{" "}
        <a href={`/wholesale/checkout/complete?payment_intent=${encodeURIComponent(paymentIntentId)}`}>Check now</a>
      </p>
    </div>
  );
}
