import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireBuyer } from "~/domain/wholesale/index.server";
import { pdfResponse } from "~/domain/wholesale/index.server";
import { drawPackingList, packingListPdf } from "~/domain/wholesale/index.server";
import { ORDER_NUMBER } from "~/domain/wholesale";
import { packingListDocument } from "~/domain/wholesale/index.server";

/** /wholesale/orders/:number/packing-list.pdf: once the order has shipped, for its retailer's buyers. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { retailer } = await requireBuyer(request);
  const number = (params.number ?? "").toUpperCase();
  const list = ORDER_NUMBER.test(number) ? await packingListDocument(retailer.id, number) : "not_found";
  if (list === "not_found") throw new Response(`There is no order ${params.number ?? ""} on your account.`, { status: 404 });
  if (list === "not_shipped")
    throw new Response(`Order ${number} hasn't shipped yet: its packing list is made when it ships.`, { status: 404 });
  return pdfResponse(packingListPdf(list), (doc) => drawPackingList(doc, list), `packing-list-${list.orderNumber}.pdf`);
}
