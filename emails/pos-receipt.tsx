import { Hr, Section, Text } from "@react-email/components";
import type { Address } from "#db/schema";
import { formatMoney } from "~/lib/money";
import { ActionButton, Layout, colors, heading, paragraph, small, subheading } from "./components/Layout";
import { LineRow, TotalRow } from "./components/Receipt";

/** A receipt for a sale at the San Francisco flagship. Amounts are integer minor units in `currency`. */
export type PosReceiptProps = {
  orderNumber: string;
  /** ISO time of the sale. */
  soldAt: string;
  store: string;
  cashier: string;
  currency: string;
  lines: Array<{
    title: string;
    sku: string;
    quantity: number;
    unitPrice: number;
    discount: number;
    lineTotal: number;
    specialOrder?: number;
  }>;
  subtotal: number;
  discount: number;
  tax: number;
  /** Basis points, e.g. 725 for 7.25%. */
  taxRate: number;
  total: number;
  tenders: Array<{
    kind: "cash" | "card" | "gift_card";
    amount: number;
    cashGiven?: number | null;
    changeDue?: number | null;
    /** The card as the reader read it ("Visa ····4242"), when it did. */
    card?: string | null;
  }>;
  /** A special order ships: where to, and the signed /orders/:number link to follow it. */
  shippingAddress?: Address | null;
  statusUrl?: string | null;
};

export function subject(props: PosReceiptProps) {
  return `Your receipt from Soko San Francisco, ${props.orderNumber}`;
}

export default function PosReceipt(props: PosReceiptProps) {
  const money = (amount: number) => formatMoney({ amount, currency: props.currency });
  const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "America/Los_Angeles" }).format(
    new Date(props.soldAt),
  );
  const special = props.lines.some((l) => (l.specialOrder ?? 0) > 0);
  return (
    <Layout preview={`Receipt ${props.orderNumber}: ${money(props.total)} at ${props.store}`}>
      <Text style={heading}>Thank you for visiting us.</Text>
      <Text style={paragraph}>
        Receipt <strong>{props.orderNumber}</strong> · {props.store} · {when} · served by {props.cashier}
      </Text>

      <Section>
        {props.lines.map((line) => (
          <LineRow key={line.sku} title={line.title} amount={money(line.lineTotal)}>
            <Text style={small}>
              {`Qty ${line.quantity} × ${money(line.unitPrice)}`}
              {line.discount ? ` · discount −${money(line.discount)}` : ""}
            </Text>
            {line.specialOrder ? <Text style={small}>{`Special order: ${line.specialOrder} made for you and shipped`}</Text> : null}
          </LineRow>
        ))}
      </Section>
      <Section style={{ marginTop: "12px" }}>
        <TotalRow label="Subtotal" value={money(props.subtotal)} />
        {props.discount ? <TotalRow label="Discounts" value={`−${money(props.discount)}`} /> : null}
        <TotalRow label={`Sales tax (${(props.taxRate / 100).toFixed(2)}%)`} value={money(props.tax)} />
        <Hr style={{ borderColor: colors.line, margin: "8px 0" }} />
        <TotalRow label="Total" value={money(props.total)} strong />
        {/* One tender of each kind at most (cash, card, gift card, or several for a split). */}
        {props.tenders.map((t) => (
          <TotalRow
            key={t.kind}
            label={t.kind === "cash" ? "Paid in cash" : t.card ? `Paid by ${t.card}` : "Paid by card"}
            value={money(t.amount)}
          />
        ))}
        {props.tenders
          .filter((t) => t.kind === "cash" && t.cashGiven)
          .map((t) => (
            <TotalRow key={`given-${t.kind}`} label={`Cash given ${money(t.cashGiven ?? 0)}, change`} value={money(t.changeDue ?? 0)} />
          ))}
      </Section>

      {special && props.shippingAddress ? (
        <>
          <Text style={subheading}>Your special order ships to</Text>
          <Text style={paragraph}>
            {[
              props.shippingAddress.name,
              props.shippingAddress.line1,
              props.shippingAddress.line2,
              [props.shippingAddress.city, props.shippingAddress.region, props.shippingAddress.postalCode].filter(Boolean).join(", "),
              props.shippingAddress.country,
            ]
              .filter(Boolean)
              .map((line) => (
                <span key={line}>
                  {line}
                  <br />
                </span>
              ))}
          </Text>
          {props.statusUrl ? <ActionButton href={props.statusUrl}>Follow your special order</ActionButton> : null}
        </>
      ) : null}
      <Text style={small}>Returns and exchanges within 30 days at the store, with this receipt, to the way you paid.</Text>
    </Layout>
  );
}

PosReceipt.PreviewProps = {
  orderNumber: "SK-100321",
  soldAt: "2026-11-01T19:30:00Z",
  store: "Soko San Francisco",
  cashier: "Maya",
  currency: "USD",
  lines: [
    { title: "Petite Horn Paddle Stud", sku: "EAR-0001", quantity: 1, unitPrice: 4800, discount: 0, lineTotal: 4800 },
    { title: "Mixed Shapes Stacking Cuff", sku: "BRA-0003", quantity: 2, unitPrice: 6800, discount: 1360, lineTotal: 12240 },
  ],
  subtotal: 18400,
  discount: 1360,
  tax: 1234,
  taxRate: 725,
  total: 18274,
  tenders: [{ kind: "cash", amount: 18274, cashGiven: 20000, changeDue: 1726 }],
} satisfies PosReceiptProps;
