import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { payoutsCsvResponse, payoutsQuery } from "~/features/ops/payouts/payouts.server";

/** /ops/payouts.csv: the payouts the payouts page's filters pick (run, status, artisan), as a download. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.payouts[.]csv", "loader");
  return payoutsCsvResponse(payoutsQuery(request));
}
