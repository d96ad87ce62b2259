import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { moneyCsvResponse } from "~/features/ops/returns/returns.server";

/** /ops/returns/money.csv?from=…&to=…: the money returns moved in the period, one ledger entry a line. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.returns.money[.]csv", "loader");
  return moneyCsvResponse(request);
}
