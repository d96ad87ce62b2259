import { Section, Text } from "@react-email/components";
import { formatLongDay } from "~/lib/intl";
import { formatMoney } from "~/lib/money";
import { ActionButton, Layout, heading, paragraph, small } from "./components/Layout";

/** A gift card (or store credit) delivered by email. `amount` is integer minor units in `currency`. */
export type GiftCardProps = {
  kind: "gift_card" | "store_credit";
  /** The whole code, grouped ("K7Q2-9XMD-R4TB-HW3N"): this email is where the holder keeps it. */
  code: string;
  amount: number;
  currency: string;
  recipientName?: string;
  senderName?: string;
  message?: string;
  /** Store credit: why it was given ("Return of order SK-100123"). */
  reason?: string;
  /** The day (YYYY-MM-DD) the buyer chose for it to arrive, when later than the day it was bought. */
  sendOn?: string;
  /** How that day is written: the order's market's locale ("en-GB": "24 December 2026"); US English when absent. */
  locale?: string;
  /** The storefront's balance page. */
  balanceUrl: string;
  shopUrl: string;
};

export function subject(props: GiftCardProps) {
  const amount = formatMoney({ amount: props.amount, currency: props.currency });
  if (props.kind === "store_credit") return `Your Soko store credit of ${amount}`;
  return props.senderName ? `${props.senderName} sent you a Soko gift card of ${amount}` : `Your Soko gift card of ${amount}`;
}

const codeBox = {
  fontFamily: "ui-monospace, Menlo, Consolas, monospace",
  fontSize: "22px",
  letterSpacing: "2px",
  padding: "16px",
  border: "1px dashed #8a6d3b",
  borderRadius: "6px",
  textAlign: "center" as const,
  margin: "16px 0",
};

export default function GiftCard(props: GiftCardProps) {
  const amount = formatMoney({ amount: props.amount, currency: props.currency });
  const credit = props.kind === "store_credit";
  return (
    <Layout preview={credit ? `Store credit of ${amount}` : `A Soko gift card of ${amount}`}>
      <Text style={heading}>
        {credit ? "Your store credit" : "A gift card for you"}
        {props.recipientName ? `, ${props.recipientName}` : ""}.
      </Text>
      <Text style={paragraph}>
        {credit ? (
          <>
            We have added <strong>{amount}</strong> of store credit for you{props.reason ? ` (${props.reason})` : ""}.
          </>
        ) : (
          <>
            {props.senderName ? `${props.senderName} sent you` : "Here is"} a Soko gift card worth <strong>{amount}</strong>: handmade
            jewelry by artisans in Kenya.
          </>
        )}
      </Text>
      {props.sendOn ? (
        <Text style={paragraph}>
          Chosen to reach you on <strong>{formatLongDay(props.sendOn, props.locale ?? "en-US")}</strong>.
        </Text>
      ) : null}
      {props.message ? <Text style={{ ...paragraph, fontStyle: "italic" }}>“{props.message}”</Text> : null}
      <Section>
        <Text style={codeBox}>{props.code}</Text>
      </Section>
      {props.currency === "USD" ? (
        <Text style={paragraph}>
          Enter this code at checkout on our website, or show it at our San Francisco store. It can be spent over several orders, and it
          does not expire.
        </Text>
      ) : (
        <Text style={paragraph}>
          Enter this code at checkout on our website when paying in {props.currency} (a card keeps its own currency). It can be spent over
          several orders, and it does not expire.
        </Text>
      )}
      <ActionButton href={props.shopUrl}>Shop now</ActionButton>
      <Text style={small}>Check what is left on it at {props.balanceUrl}. Keep this code safe: anyone who has it can spend the card.</Text>
    </Layout>
  );
}

GiftCard.PreviewProps = {
  kind: "gift_card",
  code: "K7Q2-9XMD-R4TB-HW3N",
  amount: 5000,
  currency: "USD",
  recipientName: "Wanjiru",
  senderName: "Amina",
  message: "Happy birthday!",
  sendOn: "2026-12-24",
  balanceUrl: "http://localhost:3000/gift-cards/balance",
  shopUrl: "http://localhost:3000/",
} satisfies GiftCardProps;
