import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { noticeSearch } from "~/domain/cart";
import { cartIdFrom, moveCartToMarket } from "~/domain/cart/index.server";
import { isMarketCode, switchTarget } from "~/domain/markets";
import { marketCookie } from "~/features/storefront/market.server";

/**
 * The header's market switcher posts here (docs/decisions/0021): the choice is kept a year, and a
 * bag moves with it (re-priced from the new market's list; the bag page says so when the switch was made there).
 */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const market = form.get("market");
  const from = form.get("redirectTo");
  if (!isMarketCode(market)) return new Response("Please choose one of the markets we ship to.", { status: 400 });
  const cartId = await cartIdFrom(request);
  const moved = cartId ? await moveCartToMarket(cartId, market) : false;
  let target = switchTarget(market, typeof from === "string" ? from : null);
  if (moved && /^\/(cart|checkout)(?:[?#]|$)/.test(target)) target = `/cart${noticeSearch({ notice: "market", repriced: market })}`;
  return redirect(target, { headers: { "Set-Cookie": marketCookie(market, request) } });
}

/** Nothing to show: a GET comes back to the shop. */
export function loader() {
  return redirect("/");
}
