import { data, type ActionFunctionArgs, type HeadersFunction, type LinksFunction, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { Field } from "~/components/ui/Field";
import { clientAddress } from "~/domain/accounts/index.server";
import { balanceSchema, maskedCode, wrongCurrencyMessage } from "~/domain/giftcards";
import { lookUpCode } from "~/domain/giftcards/index.server";
import { MARKETS, MARKET_LIST } from "~/domain/markets";
import { visitorMarket } from "~/features/storefront/market.server";
import { parseWith, readForm } from "~/lib/validation";
import styles from "~/styles/giftcards.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Gift card balance · Soko" }, { name: "robots", content: "noindex" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

type Reply =
  | { ok: true; last4: string; balance: number; currency: string; usable: boolean; elsewhere: string | null }
  | { ok: false; error: string; code: string };

// A POST, not a query string: the code stays out of URLs, logs and history.
export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseWith(balanceSchema, await readForm(request));
  if (!parsed.ok) return data<Reply>({ ok: false, error: parsed.errors.code, code: parsed.values.code ?? "" }, { status: 422 });
  const found = await lookUpCode({ code: parsed.data.code, address: clientAddress(request.headers) });
  if (!found.ok)
    return data<Reply>({ ok: false, error: found.message, code: parsed.data.code }, { status: found.status, headers: found.headers });
  const { card } = found;
  const shopping = MARKETS[await visitorMarket(request)].currency;
  return data<Reply>({
    ok: true,
    last4: card.last4,
    balance: card.balance,
    currency: card.currency,
    usable: card.status === "active",
    elsewhere: card.currency === shopping ? null : whereToSpend(card, shopping),
  });
}

/** A card in another currency than the visitor's shop: the words checkout and the register use, and where it is spent. */
function whereToSpend(card: { last4: string; currency: string }, shopping: string): string {
  const home = MARKET_LIST.find((m) => m.currency === card.currency);
  const there = home
    ? ` To spend it online, choose ${home.name} (${home.currency}) under "Shipping to" at the top of the page${
        home.currency === "USD" ? ", or bring it to our San Francisco store" : ""
      }.`
    : "";
  return `${wrongCurrencyMessage(card, shopping, "shop")}${there}`;
}

export default function GiftCardBalance() {
  const reply = useActionData<Reply>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="page giftcards giftcards--narrow">
      <h1>Gift card balance</h1>
      <p className="muted">Enter the 16-character code from your gift card or its email.</p>
      {reply?.ok ? (
        <div className="notice notice--success giftcard-balance" role="status">
          <p>
            Gift card {maskedCode(reply.last4)} holds <Money value={{ amount: reply.balance, currency: reply.currency }} />.
          </p>
          {reply.usable ? null : <p>It can't be spent right now: please contact us.</p>}
          {reply.usable && reply.elsewhere ? <p data-testid="giftcard-elsewhere">{reply.elsewhere}</p> : null}
        </div>
      ) : null}
      <Form method="post" noValidate>
        <Field
          name="code"
          label="Gift card code"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={40}
          placeholder="XXXX-XXXX-XXXX-XXXX"
          defaultValue={reply && !reply.ok ? reply.code : ""}
          error={reply && !reply.ok ? reply.error : undefined}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Checking…" : "Check balance"}
        </button>
      </Form>
      <p>
        <Link to="/gift-cards">Buy a gift card</Link>
      </p>
    </div>
  );
}
