import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { cartonLabels, cartonLabelsResponse } from "~/domain/edi/index.server";

/** /ops/hub/cartons/:number.pdf: the GS1-128 carton labels of an EDI order, one 4 × 6 in page per carton. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.hub.cartons.$number[.]pdf", "loader");
  const number = (params.number ?? "").toUpperCase();
  const labels = /^[A-Z]{2,4}-\d{1,12}$/.test(number) ? await cartonLabels(number) : null;
  if (!labels) throw new Response(`Order ${number} has no cartons to label. Save its cartons on the packing list first.`, { status: 404 });
  return cartonLabelsResponse(labels);
}
