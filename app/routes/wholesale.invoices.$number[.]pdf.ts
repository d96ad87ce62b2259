import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireBuyer } from "~/modules/wholesale/auth.server";
import { INVOICE_NUMBER } from "~/modules/wholesale/invoices";
import { invoiceDocument } from "~/modules/wholesale/invoices.server";
import { pdfResponse } from "~/modules/wholesale/pdf/document.server";
import { drawInvoice, invoicePdf } from "~/modules/wholesale/pdf/invoice.server";

/** /wholesale/invoices/INV-10001.pdf: the invoice as a PDF, for its own retailer's buyers only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { retailer } = await requireBuyer(request);
  const number = (params.number ?? "").toUpperCase();
  const invoice = INVOICE_NUMBER.test(number) ? await invoiceDocument(retailer.id, number) : null;
  if (!invoice) throw new Response(`There is no invoice ${params.number ?? ""} on your account.`, { status: 404 });
  return pdfResponse(invoicePdf(invoice), (doc) => drawInvoice(doc, invoice), `${invoice.number}.pdf`);
}
