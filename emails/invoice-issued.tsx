import { Text } from "@react-email/components";
import { formatLongDay } from "~/lib/intl";
import { formatMoney } from "~/lib/money";
import { ActionButton, Layout, heading, paragraph, small } from "./components/Layout";

/** Amounts are integer minor units in `currency`. */
export type InvoiceIssuedProps = {
  invoiceNumber: string;
  orderNumber: string;
  poNumber: string;
  retailerName: string;
  buyerName?: string;
  currency: string;
  amount: number;
  /** YYYY-MM-DD */
  dueDate: string;
  termsLabel: string;
  /** /wholesale/invoices/INV-….pdf, absolute. */
  pdfUrl: string;
  /** /wholesale/invoices, absolute. */
  invoicesUrl: string;
  /** Stripe's hosted page, when the invoice is collected through Stripe (card or ACH). */
  payUrl?: string;
  /** How the retailer reads dates (en-GB: "16 March 2026"); US English when absent (emails queued before it). */
  locale?: string;
};

export function subject(props: InvoiceIssuedProps) {
  return `Invoice ${props.invoiceNumber} for PO ${props.poNumber} (${formatMoney({ amount: props.amount, currency: props.currency })}, due ${longDate(props.dueDate, props.locale)})`;
}

export default function InvoiceIssued(props: InvoiceIssuedProps) {
  const money = formatMoney({ amount: props.amount, currency: props.currency });
  return (
    <Layout preview={`Invoice ${props.invoiceNumber}: ${money} due ${longDate(props.dueDate, props.locale)}`}>
      <Text style={heading}>Invoice {props.invoiceNumber}</Text>
      <Text style={paragraph}>
        {props.buyerName ? `Hello ${props.buyerName}, t` : "T"}hank you for order <strong>{props.orderNumber}</strong> (PO {props.poNumber})
        for {props.retailerName}. Here is its invoice for <strong>{money}</strong> on {props.termsLabel} terms, due on{" "}
        <strong>{longDate(props.dueDate, props.locale)}</strong>.
      </Text>
      <ActionButton href={props.pdfUrl}>Download the invoice (PDF)</ActionButton>
      {props.payUrl ? (
        <Text style={paragraph}>
          You can also <a href={props.payUrl}>pay it online</a> by card or bank debit.
        </Text>
      ) : null}
      <Text style={paragraph}>Bank transfer details are on the invoice; please quote {props.invoiceNumber} as the reference.</Text>
      <Text style={small}>
        All your invoices and their balances are at <a href={props.invoicesUrl}>{props.invoicesUrl}</a> (sign in as a buyer).
      </Text>
    </Layout>
  );
}

/** A calendar day (YYYY-MM-DD) written out the retailer's way. */
export function longDate(isoDay: string, locale = "en-US") {
  return formatLongDay(`${isoDay}T00:00:00Z`, locale);
}

InvoiceIssued.PreviewProps = {
  invoiceNumber: "INV-10001",
  orderNumber: "SK-100042",
  poNumber: "JG-2026-014",
  retailerName: "Juniper & Gold",
  buyerName: "Maya",
  currency: "USD",
  amount: 184_000,
  dueDate: "2026-03-16",
  termsLabel: "Net 30",
  pdfUrl: "http://localhost:3000/wholesale/invoices/INV-10001.pdf",
  invoicesUrl: "http://localhost:3000/wholesale/invoices",
} satisfies InvoiceIssuedProps;
