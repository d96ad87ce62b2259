import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { dropShipBrand } from "~/domain/edi/index.server";
import { hubReturnAddress, packingOrder } from "~/domain/hub/index.server";
import { shippingLabelResponse } from "~/features/ops/hub/print.server";

/** /ops/hub/label/:number.pdf: the shipping label of an order the hub packs (or packed), for the hub. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.hub.label.$number[.]pdf", "loader");
  const number = (params.number ?? "").toUpperCase();
  const order = /^[A-Z]{2,4}-\d{1,12}$/.test(number) ? await packingOrder(number) : null;
  if (!order) throw new Response(`There is no order ${number} to pack. Check the number on the packing list.`, { status: 404 });
  // The return address is the hub's location record; a label without one must not be printed.
  const returnAddress = await hubReturnAddress();
  if (!returnAddress)
    throw new Response(
      "The Nairobi hub's location record (NBO-HUB) has no address, so a label would have no return address. Add it first.",
      {
        status: 409,
      },
    );
  // A drop-ship order goes out in its retailer's name.
  return shippingLabelResponse(order, returnAddress, await dropShipBrand(order.number));
}
