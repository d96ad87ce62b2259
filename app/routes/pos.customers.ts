import type { LoaderFunctionArgs } from "@remix-run/node";
import { getStaff, hasRole } from "~/domain/accounts/index.server";
import { POS_ROLES, currentShift, findCustomersForRegister } from "~/domain/pos/index.server";

/**
 * GET /pos/customers?q=…: the register's customer search as the cashier types (JSON for the Customer
 * panel). Only for POS staff: a shopper signed in on the storefront, or nobody, gets a 404 (the list
 * of customers is not there for them); staff without a register role a 403. Counted per cashier: 429
 * past THROTTLES.posCustomerSearch. Never cached.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const headers = { "Cache-Control": "private, no-store" };
  const staff = await getStaff(request);
  if (!staff) return Response.json({ error: "Not found." }, { status: 404, headers });
  if (!hasRole(staff, POS_ROLES))
    return Response.json({ error: "The customer search is for the register's staff." }, { status: 403, headers });
  const shift = await currentShift();
  const found = await findCustomersForRegister(staff, new URL(request.url).searchParams.get("q") ?? "", shift?.currency);
  return Response.json(
    found.ok ? { text: found.text, results: found.results } : { text: found.text, results: [], message: found.message },
    { status: found.ok ? 200 : found.status, headers },
  );
}
