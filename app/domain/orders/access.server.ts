import { isEmailVerified, signedInCustomerId } from "~/domain/accounts/index.server";
import { orderStatus } from "./status.server";
import { verifyStatusToken } from "./status-link.server";

/**
 * The order, for whoever holds its signed link or owns it through their account; anyone else gets
 * the same 404 as for a number that doesn't exist.
 */
export async function requireOrderAccess(request: Request, number: string | undefined) {
  const notFound = () =>
    new Response("We couldn't find that order. Use the link in your confirmation email, or sign in to your account.", { status: 404 });
  if (!number || number.length > 40) throw notFound();
  const token = new URL(request.url).searchParams.get("t");
  const order = await orderStatus(number);
  if (!order) throw notFound();
  if (verifyStatusToken(order.number, token)) return { order, token };
  const customerId = order.customerId ? await signedInCustomerId(request) : null;
  // A register sale is its account's once the account's email is proven (docs/decisions/0022).
  if (customerId && order.customerId === customerId && (!order.inStore || (await isEmailVerified(customerId))))
    return { order, token: null };
  throw notFound();
}
