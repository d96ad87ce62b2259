import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { ordersCsvResponse } from "~/features/ops/orders/export.server";
import { filterSchema } from "~/features/ops/orders/filter";
import { parseWith } from "~/lib/validation";

/** /ops/orders.csv: every order the orders page's filters match, streamed as CSV. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.orders[.]csv", "loader");
  const parsed = parseWith(filterSchema, new URL(request.url).searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  const { page: _page, ...filter } = parsed.data;
  return ordersCsvResponse(filter);
}
