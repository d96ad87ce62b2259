import { Text } from "@react-email/components";
import { ActionButton, Layout, heading, paragraph, small } from "./components/Layout";

export type OrderShippedProps = {
  orderNumber: string;
  customerName?: string;
  carrier: string;
  trackingNumber: string;
  /** The carrier's own tracking page, when we know it. */
  trackingUrl?: string;
  /** The signed /orders/:number link. */
  statusUrl: string;
};

export function subject(props: OrderShippedProps) {
  return `Your Soko order ${props.orderNumber} is on its way`;
}

export default function OrderShipped(props: OrderShippedProps) {
  return (
    <Layout preview={`Order ${props.orderNumber} shipped with ${props.carrier}`}>
      <Text style={heading}>Your order is on its way{props.customerName ? `, ${props.customerName}` : ""}.</Text>
      <Text style={paragraph}>
        Order <strong>{props.orderNumber}</strong> left our hub with {props.carrier}.
      </Text>
      <Text style={paragraph}>
        Tracking number: <strong>{props.trackingNumber}</strong>
        {props.trackingUrl ? (
          <>
            {" "}
            (<a href={props.trackingUrl}>track with {props.carrier}</a>)
          </>
        ) : null}
      </Text>
      <ActionButton href={props.statusUrl}>Track your order</ActionButton>
      <Text style={small}>The artisans who made your pieces see that they have shipped, too.</Text>
    </Layout>
  );
}

OrderShipped.PreviewProps = {
  orderNumber: "SK-1001",
  customerName: "Amina",
  carrier: "DHL Express",
  trackingNumber: "JD014600006281234567",
  statusUrl: "http://localhost:3000/orders/SK-1001?t=preview",
} satisfies OrderShippedProps;
