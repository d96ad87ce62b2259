import type { LoaderFunctionArgs } from "@remix-run/node";
import { orderEventStream } from "~/domain/orders/index.server";
import { requireBuyer } from "~/domain/wholesale/index.server";
import { ORDER_NUMBER } from "~/domain/wholesale";
import { wholesaleOrderId } from "~/domain/wholesale/index.server";

/** Server-Sent Events for one wholesale order (`change` whenever it moves), for its retailer's buyers only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { retailer } = await requireBuyer(request);
  const number = (params.number ?? "").toUpperCase();
  const orderId = ORDER_NUMBER.test(number) ? await wholesaleOrderId(retailer.id, number) : null;
  if (!orderId) throw new Response(`There is no order ${params.number ?? ""} on your account.`, { status: 404 });
  return orderEventStream(orderId, request.signal);
}
