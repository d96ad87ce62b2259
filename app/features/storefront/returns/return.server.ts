/** The shopper's return form on the server: what may be returned, and starting or cancelling a return. */
import { data, redirect } from "@remix-run/node";
import { requireOrderAccess } from "~/domain/orders/index.server";
import { normalizeReturnNumber, readReturnLines, startReturnSchema } from "~/domain/returns";
import { cancelReturn, returnAddress, returnableOrder, startReturn } from "~/domain/returns/index.server";
import { parseWith, readForm } from "~/lib/validation";

export type ReturnFormFailure = { error: string; values: Record<string, string> };

/** The order page's address for this shopper: the signed link keeps its token, an account needs none. */
function orderPath(number: string, token: string | null, extra = "") {
  const query = new URLSearchParams();
  if (token) query.set("t", token);
  if (extra) query.set("return", extra);
  const qs = query.toString();
  return `/orders/${encodeURIComponent(number)}${qs ? `?${qs}` : ""}`;
}

export async function returnFormPage(request: Request, number: string | undefined) {
  const { order, token } = await requireOrderAccess(request, number);
  const [view, address] = await Promise.all([returnableOrder(order.number), returnAddress()]);
  if (!view) throw new Response("We couldn't find that order.", { status: 404 });
  return {
    address,
    order: { number: order.number, currency: order.currency, status: order.status, locale: order.locale },
    token,
    channel: view.order.channel,
    deliveredAt: view.deliveredAt?.toISOString() ?? null,
    policy: view.policy,
    lines: view.lines.map((l) => ({
      ...l,
      window: l.window.open
        ? { open: true as const, closesAt: l.window.closesAt.toISOString(), resolutions: l.window.resolutions }
        : { open: false as const, message: l.window.message },
    })),
    backTo: orderPath(order.number, token),
    key: crypto.randomUUID(),
  };
}

export async function returnFormAction(request: Request, number: string | undefined) {
  const { order, token } = await requireOrderAccess(request, number);
  const form = await readForm(request);
  const values = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
  const actor = token ? "shopper:link" : "shopper:account";
  if (form.get("intent") === "cancel") {
    const returnNumber = normalizeReturnNumber(String(form.get("return") ?? ""));
    if (!returnNumber) throw new Response("There is no such return on this order.", { status: 404 });
    if (form.get("confirm") !== "yes")
      return data<ReturnFormFailure>(
        { error: `Confirm that return ${returnNumber} should be cancelled: nothing was changed.`, values },
        { status: 422 },
      );
    const result = await cancelReturn({ number: returnNumber, actor, orderNumber: order.number });
    if (!result.ok) {
      if (result.status === 404) throw new Response(result.message, { status: 404 });
      return data<ReturnFormFailure>({ error: result.message, values }, { status: result.status });
    }
    return redirect(orderPath(order.number, token, returnNumber));
  }
  const parsed = parseWith(startReturnSchema, form);
  if (!parsed.ok) return data<ReturnFormFailure>({ error: Object.values(parsed.errors)[0] ?? "Check the form.", values }, { status: 400 });
  const lines = readReturnLines(form.entries());
  if (!lines.ok) return data<ReturnFormFailure>({ error: lines.message, values }, { status: 400 });
  const result = await startReturn({ number: order.number, ...parsed.data, lines: lines.lines, actor });
  if (!result.ok) {
    if (result.status === 404) throw new Response(result.message, { status: 404 });
    return data<ReturnFormFailure>({ error: result.message, values }, { status: result.status });
  }
  if (result.due > 0) {
    // A dearer exchange: straight to paying the difference (nothing happens before it is paid).
    const qs = token ? `?t=${encodeURIComponent(token)}` : "";
    return redirect(`/orders/${encodeURIComponent(order.number)}/returns/${encodeURIComponent(result.returnNumber)}/pay${qs}`);
  }
  return redirect(`${orderPath(order.number, token, result.returnNumber)}#returns`);
}
