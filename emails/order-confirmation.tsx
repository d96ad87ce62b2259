import { Hr, Link, Section, Text } from "@react-email/components";
import type { Address } from "#db/schema";
import { formatLongDay } from "~/lib/intl";
import { formatMoney } from "~/lib/money";
import { ActionButton, Layout, colors, heading, paragraph, plainTextLayout, plainTextRule, small, subheading } from "./components/Layout";
import { LineRow, TotalRow } from "./components/Receipt";

/** Amounts are integer minor units in `currency`. */
export type OrderConfirmationProps = {
  orderNumber: string;
  customerName?: string;
  currency: string;
  lines: Array<{ title: string; variantTitle?: string; quantity: number; unitPrice: number; lineTotal: number }>;
  subtotal: number;
  shipping: number;
  tax: number;
  /** The VAT/GST inside the total where the shopper's market's prices include it. */
  includedTax?: { name: string; amount: number };
  discount?: number;
  total: number;
  /** What gift cards paid of the total, each by its last four; the rest was the card's. */
  giftCards?: Array<{ last4: string; amount: number }>;
  shippingAddress?: Address | null;
  /** The signed /orders/:number link. */
  statusUrl: string;
  /** A guest order whose email has an account: where to sign in to see it there (docs/decisions/0029). */
  signInUrl?: string;
  /** Gift cards bought in this order: to whom, and the day (YYYY-MM-DD) each is emailed when later than the order's; null: at once. */
  giftCardSends?: GiftCardSend[];
  /** Nothing but gift cards: no piece is made or shipped, so no word of workshops or tracking. */
  giftCardsOnly?: boolean;
  /** How its dates are written: the order's market's locale ("en-GB": "24 December 2026"); US English when absent. */
  locale?: string;
};

export type GiftCardSend = { recipientEmail: string; recipientName: string | null; sendOn: string | null };

/** When a gift card bought in the order reaches its recipient, in the buyer's words. */
function giftCardSendNote(send: GiftCardSend, locale = "en-US") {
  const to = send.recipientName ? `${send.recipientName} (${send.recipientEmail})` : send.recipientEmail;
  return send.sendOn
    ? `Your gift card for ${to} will be emailed on ${formatLongDay(send.sendOn, locale)}, the day you chose.`
    : `Your gift card for ${to} is emailed now.`;
}

/** What the order is, after "We have your order X.": pieces made and followed to the door, or cards emailed on their day. */
function whatHappens(props: OrderConfirmationProps) {
  return props.giftCardsOnly
    ? "There is nothing to make or ship: each gift card is emailed to its recipient on the day you chose, with its code to spend online or in our San Francisco store."
    : "Each piece is being handmade for you by an artisan in Kenya, and you can follow it from their workshop to your door.";
}

const SHIPPING_NOTE = "Handmade takes a little time: we will email you again with tracking as soon as your order ships.";

export function subject(props: OrderConfirmationProps) {
  return `Your Soko order ${props.orderNumber} is confirmed`;
}

/**
 * The plain-text part, written from the same props as the HTML (what the HTML says, in the same
 * order): rendering it through html-to-text cost more than the rest of the order's job.
 */
export function text(props: OrderConfirmationProps): string {
  const money = (amount: number) => formatMoney({ amount, currency: props.currency });
  const paidByCard = props.total - (props.giftCards ?? []).reduce((sum, card) => sum + card.amount, 0);
  const row = (label: string, value: string) => `${label}\n${value}`;
  return plainTextLayout([
    `Thank you${props.customerName ? `, ${props.customerName}` : ""}.`,
    `We have your order ${props.orderNumber}. ${whatHappens(props)}`,
    ...(props.giftCardSends ?? []).map((send) => giftCardSendNote(send, props.locale)),
    `${props.giftCardsOnly ? "See your order" : "Track your order"} ${props.statusUrl}`,
    props.signInUrl ? `${ACCOUNT_NOTE} ${props.signInUrl}` : null,
    "Your order",
    ...props.lines.map((line) =>
      [line.title, line.variantTitle, `Qty ${line.quantity} × ${money(line.unitPrice)}`, money(line.lineTotal)].filter(Boolean).join("\n"),
    ),
    row("Subtotal", money(props.subtotal)),
    props.discount ? row("Discount", `−${money(props.discount)}`) : null,
    row("Shipping", props.shipping ? money(props.shipping) : "Free"),
    props.tax ? row("Tax", money(props.tax)) : null,
    plainTextRule,
    row("Total", money(props.total)),
    props.includedTax ? row(`Including ${props.includedTax.name}`, money(props.includedTax.amount)) : null,
    ...(props.giftCards ?? []).map((card) => row(`Gift card ····${card.last4}`, `−${money(card.amount)}`)),
    props.giftCards?.length && paidByCard > 0 ? row("Paid by card", money(paidByCard)) : null,
    props.shippingAddress ? `Shipping to\n\n${addressLines(props.shippingAddress).join("\n")}` : null,
    props.giftCardsOnly ? null : SHIPPING_NOTE,
  ]);
}

export default function OrderConfirmation(props: OrderConfirmationProps) {
  const money = (amount: number) => formatMoney({ amount, currency: props.currency });
  const pieces = props.lines.reduce((n, line) => n + line.quantity, 0);
  const paidByCard = props.total - (props.giftCards ?? []).reduce((sum, card) => sum + card.amount, 0);
  return (
    <Layout preview={`Order ${props.orderNumber}: ${pieces} ${pieces === 1 ? "piece" : "pieces"}, ${money(props.total)}`}>
      <Text style={heading}>Thank you{props.customerName ? `, ${props.customerName}` : ""}.</Text>
      <Text style={paragraph}>
        We have your order <strong>{props.orderNumber}</strong>. {whatHappens(props)}
      </Text>
      {props.giftCardSends?.map((send) => (
        <Text key={send.recipientEmail} style={paragraph}>
          {giftCardSendNote(send, props.locale)}
        </Text>
      ))}
      <ActionButton href={props.statusUrl}>{props.giftCardsOnly ? "See your order" : "Track your order"}</ActionButton>
      {props.signInUrl ? (
        <Text style={paragraph}>
          {ACCOUNT_NOTE}{" "}
          <Link href={props.signInUrl} style={{ color: colors.clay }}>
            {props.signInUrl}
          </Link>
        </Text>
      ) : null}

      <Text style={subheading}>Your order</Text>
      <Section>
        {props.lines.map((line) => (
          <LineRow key={`${line.title}|${line.variantTitle ?? ""}`} title={line.title} amount={money(line.lineTotal)}>
            {line.variantTitle ? <Text style={small}>{line.variantTitle}</Text> : null}
            <Text style={small}>{`Qty ${line.quantity} × ${money(line.unitPrice)}`}</Text>
          </LineRow>
        ))}
      </Section>
      <Section style={{ marginTop: "12px" }}>
        <TotalRow label="Subtotal" value={money(props.subtotal)} />
        {props.discount ? <TotalRow label="Discount" value={`−${money(props.discount)}`} /> : null}
        <TotalRow label="Shipping" value={props.shipping ? money(props.shipping) : "Free"} />
        {props.tax ? <TotalRow label="Tax" value={money(props.tax)} /> : null}
        <Hr style={{ borderColor: colors.line, margin: "8px 0" }} />
        <TotalRow label="Total" value={money(props.total)} strong />
        {props.includedTax ? <TotalRow label={`Including ${props.includedTax.name}`} value={money(props.includedTax.amount)} /> : null}
        {props.giftCards?.map((card) => (
          <TotalRow key={card.last4} label={`Gift card ····${card.last4}`} value={`−${money(card.amount)}`} />
        ))}
        {props.giftCards?.length && paidByCard > 0 ? <TotalRow label="Paid by card" value={money(paidByCard)} /> : null}
      </Section>

      {props.shippingAddress ? (
        <>
          <Text style={subheading}>Shipping to</Text>
          <Text style={paragraph}>
            {addressLines(props.shippingAddress).map((line) => (
              <span key={line}>
                {line}
                <br />
              </span>
            ))}
          </Text>
        </>
      ) : null}

      {props.giftCardsOnly ? null : <Text style={small}>{SHIPPING_NOTE}</Text>}
    </Layout>
  );
}

const ACCOUNT_NOTE = "You have a Soko account with this email: sign in to see this order in your order history.";

function addressLines(a: Address): string[] {
  return [a.name, a.line1, a.line2, [a.city, a.region, a.postalCode].filter(Boolean).join(", "), a.country].filter((line): line is string =>
    Boolean(line),
  );
}

OrderConfirmation.PreviewProps = {
  orderNumber: "SK-1001",
  customerName: "Amina",
  currency: "USD",
  lines: [
    { title: "Mara Horn Hoops", variantTitle: "Natural", quantity: 1, unitPrice: 6800, lineTotal: 6800 },
    { title: "Kibera Glass Bead Bracelet", quantity: 2, unitPrice: 3400, lineTotal: 6800 },
  ],
  subtotal: 13600,
  shipping: 0,
  tax: 1190,
  total: 14790,
  shippingAddress: {
    name: "Amina Otieno",
    line1: "500 Valencia St",
    city: "San Francisco",
    region: "CA",
    postalCode: "94110",
    country: "US",
  },
  statusUrl: "http://localhost:3000/orders/SK-1001?t=preview",
} satisfies OrderConfirmationProps;
