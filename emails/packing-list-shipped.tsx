import { Text } from "@react-email/components";
import { ActionButton, Layout, heading, paragraph, small } from "./components/Layout";

export type PackingListShippedProps = {
  orderNumber: string;
  poNumber: string;
  retailerName: string;
  buyerName?: string;
  carrier: string;
  trackingNumber: string;
  units: number;
  shipTo: string;
  /** /wholesale/orders/:number/packing-list.pdf, absolute. */
  packingListUrl: string;
  /** /wholesale/orders/:number, absolute. */
  orderUrl: string;
};

export function subject(props: PackingListShippedProps) {
  return `PO ${props.poNumber} shipped: packing list for order ${props.orderNumber}`;
}

export default function PackingListShipped(props: PackingListShippedProps) {
  return (
    <Layout preview={`${props.units} units shipped with ${props.carrier} (${props.trackingNumber})`}>
      <Text style={heading}>Your order has shipped{props.buyerName ? `, ${props.buyerName}` : ""}</Text>
      <Text style={paragraph}>
        Order <strong>{props.orderNumber}</strong> (PO {props.poNumber}) for {props.retailerName} left our Nairobi hub with {props.carrier}:{" "}
        {props.units} {props.units === 1 ? "unit" : "units"} to {props.shipTo}.
      </Text>
      <Text style={paragraph}>
        Tracking number: <strong>{props.trackingNumber}</strong>
      </Text>
      <ActionButton href={props.packingListUrl}>Download the packing list (PDF)</ActionButton>
      <Text style={small}>
        Check the cartons against the packing list when they arrive. Each line and its makers: <a href={props.orderUrl}>{props.orderUrl}</a>
        .
      </Text>
    </Layout>
  );
}

PackingListShipped.PreviewProps = {
  orderNumber: "SK-100042",
  poNumber: "JG-2026-014",
  retailerName: "Juniper & Gold",
  buyerName: "Maya",
  carrier: "DHL Express",
  trackingNumber: "JD014600006281234567",
  units: 96,
  shipTo: "Juniper & Gold, Oakland, US",
  packingListUrl: "http://localhost:3000/wholesale/orders/SK-100042/packing-list.pdf",
  orderUrl: "http://localhost:3000/wholesale/orders/SK-100042",
} satisfies PackingListShippedProps;
