import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireBuyer } from "~/domain/wholesale/index.server";
import { INVOICE_NUMBER } from "~/domain/wholesale";
import { invoiceDocument } from "~/domain/wholesale/index.server";
import { pdfResponse } from "~/domain/wholesale/index.server";
import { drawInvoice, invoicePdf } from "~/domain/wholesale/index.server";

/** /wholesale/invoices/INV-10001.pdf: the invoice as a PDF, for its own retailer's buyers only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { retailer } = await requireBuyer(request);
  const number = (params.number ?? "").toUpperCase();
  const invoice = INVOICE_NUMBER.test(number) ? await invoiceDocument(retailer.id, number) : null;
  if (!invoice) throw new Response(`There is no invoice ${params.number ?? ""} on your account.`, { status: 404 });
  return pdfResponse(invoicePdf(invoice), (doc) => drawInvoice(doc, invoice), `${invoice.number}.pdf`);
}
