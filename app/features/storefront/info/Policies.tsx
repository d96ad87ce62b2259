import { EXCHANGE_PAYMENT_DAYS, RETURN_ARRIVAL_DAYS } from "~/domain/returns";
import { Link } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { shippingOptions } from "~/domain/pricing";
import { MARKET_LIST } from "~/domain/markets";
import { InfoPage } from "./InfoPage";

/**
 * Each market's own rates in its own currency, as its checkout charges them (the shop a shopper
 * buys from sets the currency: a UK shopper pays pounds), then the US shop's rates abroad.
 */
const RATES = [
  ...MARKET_LIST.map((market) => ({
    key: market.code,
    destination: market.name,
    note: market.code === "us" ? null : `in ${market.currency}`,
    currency: market.currency,
    options: shippingOptions({ country: market.code === "us" ? "US" : market.countries[0] }, 0, market.code),
    freeFrom: market.shipping.freeFrom,
  })),
  {
    key: "elsewhere",
    destination: "Elsewhere",
    note: "from the US shop, in USD",
    currency: "USD",
    options: shippingOptions({ country: "GB" }, 0, "us"),
    freeFrom: null,
  },
];

export function ShippingPage() {
  return (
    <InfoPage
      title="Shipping"
      lead="Most pieces are made for you when you order: an artisan in Kenya makes yours, our Nairobi hub checks and packs it, and it ships to you."
    >
      <section className="info-section" aria-labelledby="when">
        <h2 id="when">When it ships</h2>
        <p>
          Each product page says when a piece ships. Pieces in stock at our US fulfilment centre ship in 1–2 business days. Made-to-order
          pieces take 1–4 weeks to make, depending on the material (beadwork is quickest, cast brass slowest), then a few days at our hub
          for a quality check. Your order page shows each step, and we email you when it ships with a tracking number.
        </p>
      </section>
      <section className="info-section" aria-labelledby="rates">
        <h2 id="rates">Rates and delivery times</h2>
        <p>Times are counted once your piece is ready and has shipped.</p>
        <div className="table-scroll">
          <table className="info-table">
            <caption className="visually-hidden">Shipping rates</caption>
            <thead>
              <tr>
                <th scope="col">Destination</th>
                <th scope="col">Service</th>
                <th scope="col">Delivery</th>
                <th scope="col">Cost</th>
              </tr>
            </thead>
            <tbody>
              {RATES.map((group) =>
                group.options.map((option, i) => (
                  <tr key={`${group.key}-${option.code}`}>
                    {i === 0 ? (
                      <th scope="rowgroup" rowSpan={group.options.length}>
                        {group.destination}
                        {group.note ? <span className="info-table__note">{group.note}</span> : null}
                      </th>
                    ) : null}
                    <td>{option.label}</td>
                    <td>{option.detail.replace(" once ready", "")}</td>
                    <td>
                      <Money value={{ amount: option.amount, currency: group.currency }} />
                      {option.code === "standard" && group.freeFrom !== null ? (
                        <span className="info-table__note">
                          free from <Money value={{ amount: group.freeFrom, currency: group.currency }} />
                        </span>
                      ) : null}
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      </section>
      <section className="info-section" aria-labelledby="duties">
        <h2 id="duties">Duties and taxes</h2>
        {/* Each market's own rules (the product page and checkout say the same words). */}
        <dl className="info-duties" data-testid="duties-by-market">
          {MARKET_LIST.map((market) => (
            <div key={market.code}>
              <dt>{market.name}</dt>
              <dd>
                {market.tax.note}. {market.duties}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="info-section" aria-labelledby="lost">
        <h2 id="lost">A parcel that is late or lost</h2>
        <p>
          If tracking has not moved for 7 days, or your parcel is 10 business days past its estimate, <Link to="/contact">tell us</Link>. We
          trace it with the carrier and, if it is lost, we make or send you another piece or refund you in full.
        </p>
      </section>
    </InfoPage>
  );
}

type ReturnTerms = {
  windowDays: number;
  madeToOrder: "returnable" | "exchange_only" | "final_sale";
  madeToOrderWindowDays: number;
  refundOn: "receipt" | "qc";
  /** The hub's location record; null while it has none. */
  address: readonly string[] | null;
};

/** The returns policy in words, from the policy operations set (returns domain), so the page never disagrees with a return. */
export function ReturnsPage({ policy }: { policy: ReturnTerms }) {
  const made =
    policy.madeToOrder === "returnable"
      ? `Pieces made to order for you can be returned too, within ${policy.madeToOrderWindowDays} days of delivery.`
      : policy.madeToOrder === "exchange_only"
        ? `Pieces made to order for you can be exchanged for another size or finish within ${policy.madeToOrderWindowDays} days of delivery, rather than refunded.`
        : "Pieces made to order for you are final sale.";
  return (
    <InfoPage
      title="Returns and exchanges"
      lead={`You have ${policy.windowDays} days from delivery to return a piece from stock for a refund or an exchange. ${made}`}
      updated
    >
      <section className="info-section" aria-labelledby="how">
        <h2 id="how">How to return</h2>
        <ol>
          <li>
            Within {policy.windowDays} days of delivery, open your order (the link in your confirmation email, or{" "}
            <Link to="/account">your account</Link>) and choose "Return or exchange pieces": pick the pieces and tell us why. You get a
            return number straight away. No link to hand? <Link to="/contact">Contact us</Link> with your order number (it starts with SK-).
          </li>
          <li>Wrap each piece in its pouch or soft paper, write the return number on the parcel, and send it by a tracked service to:</li>
        </ol>
        {policy.address ? (
          <address className="info-address">
            {policy.address.map((line) => (
              <span key={line}>{line}</span>
            ))}
          </address>
        ) : (
          <p className="notice">Our hub's address is being updated: check back shortly, or contact us with your order number.</p>
        )}
        <p>
          {policy.refundOn === "receipt"
            ? "We refund to your original payment as soon as the parcel reaches our hub"
            : "We refund to your original payment once our quality team has checked the piece, usually within 2 business days of it reaching our hub"}
          ; your bank may take a few days more. An exchange is made or sent as soon as we have the piece back. We email you at each step.
        </p>
        <p>
          An exchange can be for the same piece again or for another size or finish of it. When the one you choose costs less, we refund the
          difference (on the same discount and tax as your order) the way you choose: to your payment or as store credit. When it costs
          more, you pay the difference (on the same terms) on your return's page within {EXCHANGE_PAYMENT_DAYS} days, before sending the
          piece; unpaid, the exchange lapses.
        </p>
        <p>
          Please send the parcel within {RETURN_ARRIVAL_DAYS} days of starting the return: one that hasn't reached our hub by then lapses,
          and any difference you paid for an exchange goes back to your card.
        </p>
      </section>
      <section className="info-section" aria-labelledby="cost">
        <h2 id="cost">Postage</h2>
        <p>
          You pay the postage back, except for a piece that arrived damaged or is faulty: then we refund your postage too. An exchange is
          shipped to you free, wherever you are.
        </p>
      </section>
      <section className="info-section" aria-labelledby="faults">
        <h2 id="faults">Damaged or faulty pieces</h2>
        <p>
          Horn, bone and hand-cast brass vary from piece to piece; that is the handwork, not a fault. A piece that arrives damaged, or
          breaks through normal wear in its first year, is repaired, remade or refunded, whatever the return window and whether it was made
          to order. Send us a photo with your order number.
        </p>
      </section>
      <section className="info-section" aria-labelledby="artisans">
        <h2 id="artisans">What a return means for the artisan</h2>
        <p>Nothing taken back: the artisan who made your piece was credited for it when it passed our quality check, and keeps that pay.</p>
      </section>
      <section className="info-section" aria-labelledby="rights">
        <h2 id="rights">Your legal rights</h2>
        <p>
          This policy adds to your rights under the law where you live and never takes them away. In the UK and the EU, for example, you may
          cancel an order for a piece from stock within 14 days of delivery without giving a reason.
        </p>
      </section>
    </InfoPage>
  );
}

export function PrivacyPage({ contactEmail }: { contactEmail: string }) {
  return (
    <InfoPage title="Privacy" lead="What we keep about you, why, who else sees it, and how to have it changed or deleted." updated>
      <section className="info-section" aria-labelledby="collect">
        <h2 id="collect">What we keep</h2>
        <ul>
          <li>Your order: the pieces, your name, email, shipping address and, if you give it, a phone number for the carrier.</li>
          <li>Your account, if you make one: email, name and a password we store only as a one-way hash.</li>
          <li>
            Payment: the card's brand and last four digits. Card numbers go straight to our payment processor; we never see or store them.
          </li>
          <li>Two cookies: one keeps your bag, one keeps you signed in. We use no advertising or tracking cookies.</li>
        </ul>
      </section>
      <section className="info-section" aria-labelledby="why">
        <h2 id="why">Why</h2>
        <p>
          To make, ship and support your order (our contract with you), to keep tax and accounting records (a legal duty), and to keep the
          shop secure (our legitimate interest). We email you about your order; we send marketing only if you ask for it, and every such
          email has a one-click unsubscribe.
        </p>
      </section>
      <section className="info-section" aria-labelledby="who">
        <h2 id="who">Who else sees it</h2>
        <ul>
          <li>Stripe, which takes card payments.</li>
          <li>Our email provider, which delivers order emails.</li>
          <li>The carrier that delivers your parcel: your name, address and phone.</li>
          <li>The artisan who makes your piece sees the piece and its due date, never your name or address.</li>
        </ul>
        <p>
          We never sell your data. Some providers process it outside your country (for example in the US); where the law asks for it, they
          do so under standard contractual clauses.
        </p>
      </section>
      <section className="info-section" aria-labelledby="keep">
        <h2 id="keep">How long</h2>
        <p>Order records: 7 years, as tax law requires. An account: until you close it. Sign-in sessions end after 30 days without use.</p>
      </section>
      <section className="info-section" aria-labelledby="rights">
        <h2 id="rights">Your rights</h2>
        <p>
          Wherever you live you may ask for a copy of your data, have it corrected, or have it deleted (apart from records the law makes us
          keep). In the UK and EU you may also object to or restrict its use and complain to your data protection authority; California
          residents have the same rights under the CCPA, and we do not sell or share personal information. Write to{" "}
          <a href={`mailto:${contactEmail}`}>{contactEmail}</a>; we answer within 30 days.
        </p>
      </section>
    </InfoPage>
  );
}

export function TermsPage() {
  return (
    <InfoPage title="Terms of sale" lead="The agreement between you and Soko when you buy from this shop." updated>
      <section className="info-section" aria-labelledby="orders">
        <h2 id="orders">Orders and prices</h2>
        <p>
          Prices are in US dollars. Your order is accepted when we email its confirmation; your card is charged when you place it. If we
          cannot make or send a piece, we tell you and refund it in full.
        </p>
      </section>
      <section className="info-section" aria-labelledby="handmade">
        <h2 id="handmade">Handmade pieces</h2>
        <p>
          Each piece is made by hand by an independent artisan in Kenya from natural materials, so colour, grain and size vary a little from
          the photographs and from piece to piece. Made-to-order times are estimates; your order page shows progress.
        </p>
      </section>
      <section className="info-section" aria-labelledby="returns-terms">
        <h2 id="returns-terms">Returns, faults and delivery</h2>
        <p>
          See <Link to="/policies/returns">returns</Link> and <Link to="/policies/shipping">shipping</Link>. Risk passes to you on delivery;
          until then a lost or damaged parcel is ours to replace or refund.
        </p>
      </section>
      <section className="info-section" aria-labelledby="discounts">
        <h2 id="discounts">Discount codes</h2>
        <p>One code per order, not exchangeable for cash, under the conditions shown when you apply it.</p>
      </section>
      <section className="info-section" aria-labelledby="law">
        <h2 id="law">Law</h2>
        <p>
          These terms are governed by the laws of California. If you buy as a consumer in the UK, the EU, Canada or Australia, you also keep
          the protections of the law where you live, and may bring a claim in your own courts.
        </p>
      </section>
    </InfoPage>
  );
}

export function ContactPage({ contactEmail }: { contactEmail: string }) {
  return (
    <InfoPage title="Contact us" lead="A person on our team answers every message within one business day (Monday to Friday).">
      <section className="info-section" aria-labelledby="email">
        <h2 id="email">Email</h2>
        <p>
          <a href={`mailto:${contactEmail}`} className="info-email">
            {contactEmail}
          </a>
        </p>
        <p>For an order, include its number (it starts with SK-, on your confirmation email and order page).</p>
      </section>
      <section className="info-section" aria-labelledby="common">
        <h2 id="common">Answers to common questions</h2>
        <ul>
          <li>
            Where is my order? Open the link in your confirmation email, or <Link to="/account">your account</Link>: the order page shows
            each step and, once shipped, the tracking link.
          </li>
          <li>
            Returning or exchanging: <Link to="/policies/returns">returns</Link>.
          </li>
          <li>
            Which size? The <Link to="/size-guide">size guide</Link>.
          </li>
          <li>
            Buying for a shop? <Link to="/wholesale">Wholesale</Link>.
          </li>
        </ul>
      </section>
      <section className="info-section" aria-labelledby="visit">
        <h2 id="visit">Visit</h2>
        <p>See and try pieces at our shop in San Francisco; our Nairobi hub is a workshop, not open to visitors.</p>
      </section>
    </InfoPage>
  );
}
