import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isMarketCode, switchTarget } from "~/domain/markets";
import { marketCookie } from "~/features/storefront/market.server";

/** The header's market switcher posts here (docs/decisions/0021): the choice is kept a year. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const market = form.get("market");
  const from = form.get("redirectTo");
  if (!isMarketCode(market)) return new Response("Please choose one of the markets we ship to.", { status: 400 });
  return redirect(switchTarget(market, typeof from === "string" ? from : null), {
    headers: { "Set-Cookie": marketCookie(market, request) },
  });
}

/** Nothing to show: a GET comes back to the shop. */
export function loader() {
  return redirect("/");
}
