import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { dropShipBrand } from "~/domain/edi/index.server";
import { packingOrder } from "~/domain/hub/index.server";
import { shippingLabelResponse } from "~/features/ops/hub/print.server";

/** /ops/hub/label/:number.pdf: the shipping label of an order the hub packs (or packed), for the hub. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.hub.label.$number[.]pdf", "loader");
  const number = (params.number ?? "").toUpperCase();
  const order = /^[A-Z]{2,4}-\d{1,12}$/.test(number) ? await packingOrder(number) : null;
  if (!order) throw new Response(`There is no order ${number} to pack. Check the number on the packing list.`, { status: 404 });
  // A drop-ship order goes out in its retailer's name.
  return shippingLabelResponse(order, await dropShipBrand(order.number));
}
