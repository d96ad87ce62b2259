import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { paymentProvider } from "~/domain/payments/index.server";
import { PurchaseForm } from "~/features/storefront/giftcards/PurchaseForm";
import { giftCardMarket, purchaseAction, type PurchaseReply } from "~/features/storefront/giftcards/purchase.server";
import { MARKETS } from "~/domain/markets";
import { withFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/validation";
import styles from "~/styles/giftcards.css";
import { FlashNotice } from "~/components/ui/Notice";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [
  { title: "Gift cards · Soko" },
  {
    name: "description",
    content: "Give handmade jewelry: a Soko gift card, emailed on the day you choose, spent online or in our San Francisco store.",
  },
];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const { market, amounts } = await giftCardMarket(request);
  return withFlash(request, {
    market,
    amounts,
    // A fresh key per rendered form: submitting it twice buys one card.
    idempotencyKey: crypto.randomUUID(),
    today: new Date().toISOString().slice(0, 10),
    provider: paymentProvider().name,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return purchaseAction(request, await readForm(request));
}

export default function GiftCards() {
  const { flash, idempotencyKey, today, provider, market, amounts } = useLoaderData<typeof loader>();
  const { name, currency } = MARKETS[market];
  const reply = useActionData<PurchaseReply>();
  return (
    <div className="page giftcards">
      <h1>Gift cards</h1>
      <FlashNotice flash={flash} />
      <div className="giftcards__grid">
        <section aria-labelledby="giftcard-about" className="giftcards__about">
          <div className="giftcard-art" aria-hidden="true">
            <span className="wordmark">SOKO</span>
            <span className="giftcard-art__code">XXXX-XXXX-XXXX-····</span>
          </div>
          <h2 id="giftcard-about">Give handmade</h2>
          {currency === "USD" ? (
            <p>
              A Soko gift card is emailed with your message on the day you choose. It is spent on our website or in our San Francisco store,
              over as many orders as they like, and it never expires.
            </p>
          ) : (
            <p data-testid="giftcard-market">
              A Soko gift card is emailed with your message on the day you choose. This one is in {currency}, for our shop for{" "}
              {market === "gb" ? "the " : ""}
              {name}: it is spent when paying in {currency}, over as many orders as they like, and it never expires.
            </p>
          )}
          <p>
            Have one already? <Link to="/gift-cards/balance">Check its balance</Link>.
          </p>
        </section>
        <section aria-label="Buy a gift card">
          <PurchaseForm idempotencyKey={idempotencyKey} today={today} reply={reply} provider={provider} amounts={amounts} />
        </section>
      </div>
    </div>
  );
}
