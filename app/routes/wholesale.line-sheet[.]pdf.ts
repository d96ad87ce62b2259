import type { LoaderFunctionArgs } from "@remix-run/node";
import { pdfResponse } from "~/domain/wholesale/index.server";
import { drawLineSheet, lineSheetData, lineSheetPdf } from "~/domain/wholesale/index.server";
import { requireBuyer } from "~/domain/wholesale/index.server";

/** /wholesale/line-sheet.pdf: the live catalog at this buyer's prices, made on demand and streamed. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { retailer } = await requireBuyer(request);
  const sheet = await lineSheetData(retailer);
  return pdfResponse(
    lineSheetPdf(sheet),
    (doc) => drawLineSheet(doc, sheet),
    `soko-line-sheet-${sheet.date.toISOString().slice(0, 10)}.pdf`,
  );
}
