import { Text } from "@react-email/components";
import { formatMoney } from "~/lib/money";
import { longDate } from "./invoice-issued";
import { ActionButton, Layout, heading, paragraph, small } from "./components/Layout";

/** Amounts are integer minor units in `currency`. */
export type InvoiceOverdueProps = {
  invoiceNumber: string;
  poNumber: string;
  retailerName: string;
  buyerName?: string;
  currency: string;
  /** What is still owed. */
  balance: number;
  /** YYYY-MM-DD */
  dueDate: string;
  daysOverdue: number;
  pdfUrl: string;
  invoicesUrl: string;
  /** How the retailer reads dates (en-GB: "16 March 2026"); US English when absent (emails queued before it). */
  locale?: string;
};

export function subject(props: InvoiceOverdueProps) {
  return `Reminder: invoice ${props.invoiceNumber} is ${props.daysOverdue} ${props.daysOverdue === 1 ? "day" : "days"} overdue`;
}

export default function InvoiceOverdue(props: InvoiceOverdueProps) {
  const balance = formatMoney({ amount: props.balance, currency: props.currency });
  return (
    <Layout preview={`${balance} on ${props.invoiceNumber} was due ${longDate(props.dueDate, props.locale)}`}>
      <Text style={heading}>A friendly reminder{props.buyerName ? `, ${props.buyerName}` : ""}</Text>
      <Text style={paragraph}>
        Invoice <strong>{props.invoiceNumber}</strong> (PO {props.poNumber}) for {props.retailerName} was due on{" "}
        {longDate(props.dueDate, props.locale)}, and <strong>{balance}</strong> is still open.
      </Text>
      <Text style={paragraph}>
        Every order pays the artisans who made it, so we are grateful when invoices are settled on time. If you have already paid, thank
        you: please ignore this note, it crossed in the post.
      </Text>
      <ActionButton href={props.pdfUrl}>Download the invoice (PDF)</ActionButton>
      <Text style={small}>
        Your invoices and balances: <a href={props.invoicesUrl}>{props.invoicesUrl}</a>. Questions? Reply to this email.
      </Text>
    </Layout>
  );
}

InvoiceOverdue.PreviewProps = {
  invoiceNumber: "INV-10001",
  poNumber: "JG-2026-014",
  retailerName: "Juniper & Gold",
  buyerName: "Maya",
  currency: "USD",
  balance: 184_000,
  dueDate: "2026-03-16",
  daysOverdue: 8,
  pdfUrl: "http://localhost:3000/wholesale/invoices/INV-10001.pdf",
  invoicesUrl: "http://localhost:3000/wholesale/invoices",
} satisfies InvoiceOverdueProps;
