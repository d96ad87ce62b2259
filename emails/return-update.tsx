import { Text } from "@react-email/components";
import { formatLongDay } from "~/lib/intl";
import { formatMoney } from "~/lib/money";
import { ActionButton, Layout, heading, paragraph, small, subheading } from "./components/Layout";

/** One email per step of a return; `amount` is integer minor units in `currency`. */
export type ReturnUpdateProps = {
  step:
    | "started"
    | "received"
    | "inspected"
    | "refunded"
    | "exchanged"
    | "cancelled"
    /** A dearer exchange: the difference to pay (`amount`), by `payBy`; then its receipt, and its refund if the return fails. */
    | "payment_due"
    | "difference_paid"
    | "difference_refunded"
    /** Lapsed unpaid; never reached the hub in time; rejected at QC (not our pieces); changed to a refund before paying. */
    | "expired"
    | "not_received"
    | "rejected"
    | "switched"
    /** Exchanged at the shop's counter: the new pieces handed over (`exchangeNumber`), `difference` paid or given back there. */
    | "exchanged_in_store";
  returnNumber: string;
  orderNumber: string;
  customerName?: string;
  resolution: "refund" | "exchange";
  /** Where money goes back (a refund, or an exchange's difference). */
  refundMethod?: "original" | "store_credit";
  pieces: Array<{ title: string; quantity: number }>;
  amount: number;
  currency: string;
  /** The exchange's own order, once placed. */
  exchangeNumber?: string;
  /** Where to send the parcel and how (the first email only). */
  address?: readonly string[];
  instructions?: readonly string[];
  /** When an unpaid difference lapses (ISO). */
  payBy?: string;
  /** How its dates are written: the order's market's locale ("en-GB": "7 December 2026"); US English when absent. */
  locale?: string;
  /** The signed /orders/:number link. */
  statusUrl: string;
  /** An exchange at the counter: what the customer paid on top, or was given back, and how. */
  difference?: { direction: "paid" | "back"; amount: number; by: string };
};

const HEADINGS: Record<ReturnUpdateProps["step"], string> = {
  started: "Your return has started",
  received: "Your return has reached us",
  inspected: "We've checked your return",
  refunded: "Your refund is on its way",
  exchanged: "Your exchange is on its way",
  cancelled: "Your return was cancelled",
  payment_due: "Pay the difference to confirm your exchange",
  difference_paid: "Thank you: the difference is paid",
  difference_refunded: "The difference you paid is on its way back",
  expired: "Your exchange lapsed unpaid",
  not_received: "Your return never reached us",
  rejected: "We couldn't accept your return",
  switched: "Your return is now a refund",
  exchanged_in_store: "Your exchange at the shop",
};

export function subject(props: ReturnUpdateProps) {
  const tail = `return ${props.returnNumber} (order ${props.orderNumber})`;
  switch (props.step) {
    case "started":
      return `How to send back ${tail}`;
    case "refunded":
      return `Refund of ${formatMoney({ amount: props.amount, currency: props.currency })} for ${tail}`;
    case "payment_due":
      return `Pay ${formatMoney({ amount: props.amount, currency: props.currency })} to confirm ${tail}`;
    case "difference_paid":
      return `Receipt: ${formatMoney({ amount: props.amount, currency: props.currency })} paid for ${tail}`;
    case "exchanged_in_store":
      return `Receipt: exchange ${props.exchangeNumber ?? ""} for ${tail}`.replace("  ", " ");
    case "exchanged":
      return `Exchange ${props.exchangeNumber ?? ""} placed for ${tail}`.replace("  ", " ");
    default:
      return `${HEADINGS[props.step]}: ${tail}`;
  }
}

export default function ReturnUpdate(props: ReturnUpdateProps) {
  const amount = formatMoney({ amount: props.amount, currency: props.currency });
  return (
    <Layout preview={`${HEADINGS[props.step]} — ${props.returnNumber}`}>
      <Text style={heading}>
        {HEADINGS[props.step]}
        {props.customerName ? `, ${props.customerName}` : ""}.
      </Text>
      <Text style={paragraph}>
        Return <strong>{props.returnNumber}</strong> from order <strong>{props.orderNumber}</strong>:{" "}
        {props.pieces.map((p) => `${p.quantity} × ${p.title}`).join(", ")}.
      </Text>
      {props.step === "payment_due" ? (
        <Text style={paragraph}>
          The piece you chose costs more than the one you're sending back: the difference is <strong>{amount}</strong>. Pay it from your
          order's page{props.payBy ? ` by ${formatLongDay(props.payBy, props.locale ?? "en-US")}` : ""} and we'll hold your exchange; until
          then nothing is reserved, and you can switch to a refund or cancel instead. Please don't send the parcel before paying.
        </Text>
      ) : null}
      {props.step === "difference_paid" || props.step === "switched" ? (
        <>
          <Text style={paragraph}>
            {props.step === "difference_paid"
              ? `We received ${amount}, the difference for your exchange. Once the parcel is with us, we place your exchange and it is made or sent straight away.`
              : `Once the parcel is with us and checked, we refund ${amount} to the card you paid with.`}
          </Text>
          <Text style={subheading}>Send it to</Text>
          <Text style={paragraph}>
            {(props.address ?? []).map((line) => (
              <span key={line}>
                {line}
                <br />
              </span>
            ))}
          </Text>
          {(props.instructions ?? []).map((line) => (
            <Text key={line} style={small}>
              • {line.replace("your return number", `your return number (${props.returnNumber})`)}
            </Text>
          ))}
        </>
      ) : null}
      {props.step === "difference_refunded" ? (
        <Text style={paragraph}>
          We refunded <strong>{amount}</strong>, the difference you paid for the exchange, to the card that paid it. Refunds usually appear
          within 5–10 business days.
        </Text>
      ) : null}
      {props.step === "expired" ? (
        <Text style={paragraph}>
          The difference wasn't paid in time, so the exchange was released. Nothing was charged; the pieces stay yours.
        </Text>
      ) : null}
      {props.step === "not_received" ? (
        <Text style={paragraph}>
          The parcel didn't reach our hub in time, so the return was closed. Anything you paid towards an exchange goes back to your card.
          If you did send it, reply to this email with the tracking number.
        </Text>
      ) : null}
      {props.step === "rejected" ? (
        <Text style={paragraph}>
          The parcel we received doesn't hold the pieces from this order, so we can't refund or exchange them. Anything you paid towards an
          exchange goes back to your card. Reply to this email and we'll arrange sending the parcel back to you.
        </Text>
      ) : null}
      {props.step === "started" ? (
        <>
          <Text style={paragraph}>
            {props.resolution === "refund"
              ? `Once the parcel is with us and checked, we refund ${amount} ${props.refundMethod === "store_credit" ? "as store credit on a gift card" : "to the card you paid with"}.`
              : `Once the parcel is with us, we place your exchange and it is made or sent straight away.${
                  props.amount > 0
                    ? ` The piece you chose costs less, so we refund the difference of ${amount} ${props.refundMethod === "store_credit" ? "as store credit" : "to the card you paid with"}.`
                    : ""
                }`}
          </Text>
          <Text style={subheading}>Send it to</Text>
          <Text style={paragraph}>
            {(props.address ?? []).map((line) => (
              <span key={line}>
                {line}
                <br />
              </span>
            ))}
          </Text>
          <Text style={subheading}>How to send it</Text>
          {(props.instructions ?? []).map((line) => (
            <Text key={line} style={small}>
              • {line.replace("your return number", `your return number (${props.returnNumber})`)}
            </Text>
          ))}
        </>
      ) : null}
      {props.step === "received" ? (
        <Text style={paragraph}>Our quality team checks each piece next; we'll email you when it's done.</Text>
      ) : null}
      {props.step === "inspected" ? (
        <Text style={paragraph}>Every piece has been checked. Thank you for sending them back with care.</Text>
      ) : null}
      {props.step === "refunded" ? (
        <>
          <Text style={paragraph}>
            We refunded <strong>{amount}</strong>{" "}
            {props.refundMethod === "store_credit" ? "as store credit on a gift card" : "to your original payment"}
            {props.resolution === "exchange" ? ": the difference between the piece you sent back and the one you chose" : ""}.
          </Text>
          <Text style={small}>Refunds usually appear within 5–10 business days. Shipping charges are not refunded.</Text>
        </>
      ) : null}
      {props.step === "exchanged" ? (
        <Text style={paragraph}>
          Your exchange is order <strong>{props.exchangeNumber}</strong>: it ships from stock or goes to an artisan to make now, at no cost
          to you.
        </Text>
      ) : null}
      {props.step === "exchanged_in_store" ? (
        <Text style={paragraph}>
          You took the new {props.pieces.length === 1 && props.pieces[0].quantity === 1 ? "piece" : "pieces"} home as order{" "}
          <strong>{props.exchangeNumber}</strong>.{" "}
          {props.difference
            ? props.difference.direction === "paid"
              ? `You paid the difference of ${formatMoney({ amount: props.difference.amount, currency: props.currency })} ${props.difference.by}.`
              : `The difference of ${formatMoney({ amount: props.difference.amount, currency: props.currency })} went back ${props.difference.by}.`
            : "The new pieces cost the same: nothing was paid or refunded."}
        </Text>
      ) : null}
      {props.step === "cancelled" ? <Text style={paragraph}>Nothing needs sending back; the pieces stay yours.</Text> : null}
      <ActionButton href={props.statusUrl}>Follow your return</ActionButton>
    </Layout>
  );
}

ReturnUpdate.PreviewProps = {
  step: "started",
  returnNumber: "RT-20001",
  orderNumber: "SK-100001",
  customerName: "Amina",
  resolution: "refund",
  pieces: [{ title: "Brass hoops", quantity: 1 }],
  amount: 4860,
  currency: "USD",
  address: ["Soko Nairobi Hub", "Baba Dogo Road, Ruaraka", "Nairobi 00618", "Kenya", "+254 20 000 0000"],
  instructions: ["Write your return number clearly on the outside of the parcel (and on a note inside)."],
  statusUrl: "http://localhost:3000/orders/SK-100001?t=preview",
} satisfies ReturnUpdateProps;
