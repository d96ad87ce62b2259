import { Text } from "@react-email/components";
import { formatMoney } from "~/lib/money";
import { ActionButton, Layout, heading, paragraph, small } from "./components/Layout";

/** `amount` is integer minor units in `currency`. */
export type RefundIssuedProps = {
  orderNumber: string;
  customerName?: string;
  amount: number;
  currency: string;
  reason: string;
  /** The signed /orders/:number link. */
  statusUrl: string;
};

export function subject(props: RefundIssuedProps) {
  return `Refund of ${formatMoney({ amount: props.amount, currency: props.currency })} for Soko order ${props.orderNumber}`;
}

export default function RefundIssued(props: RefundIssuedProps) {
  const amount = formatMoney({ amount: props.amount, currency: props.currency });
  return (
    <Layout preview={`We refunded ${amount} for order ${props.orderNumber}`}>
      <Text style={heading}>We've issued a refund{props.customerName ? `, ${props.customerName}` : ""}.</Text>
      <Text style={paragraph}>
        We refunded <strong>{amount}</strong> for order <strong>{props.orderNumber}</strong>.
      </Text>
      <Text style={paragraph}>Reason: {props.reason}</Text>
      <Text style={small}>Refunds go back to the original payment method and usually appear within 5–10 business days.</Text>
      <ActionButton href={props.statusUrl}>View your order</ActionButton>
    </Layout>
  );
}

RefundIssued.PreviewProps = {
  orderNumber: "SK-1001",
  customerName: "Amina",
  amount: 3400,
  currency: "USD",
  reason: "One bracelet arrived damaged.",
  statusUrl: "http://localhost:3000/orders/SK-1001?t=preview",
} satisfies RefundIssuedProps;
