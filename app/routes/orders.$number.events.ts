import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOrderAccess } from "~/domain/orders/index.server";
import { orderEventStream } from "~/domain/orders/index.server";

/** Server-Sent Events for one order: `change` whenever it moves. Same access rule as the page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { order } = await requireOrderAccess(request, params.number);
  return orderEventStream(order.id, request.signal);
}
