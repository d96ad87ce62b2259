/**
 * The pay step of an exchange for a dearer piece (/orders/:number/returns/:return/pay): what the
 * difference is, and paying it — the local provider's card fields in a plain form (works without
 * JavaScript), or Stripe's Payment Element, where Stripe sends the shopper back to this page and
 * the page asks Stripe what happened. Also the ways out: a refund instead, or cancelling.
 */
import { data, redirect } from "@remix-run/node";
import { requireOrderAccess } from "~/domain/orders/index.server";
import { normalizeReturnNumber } from "~/domain/returns";
import {
  cancelReturn,
  completeDifferencePayment,
  payReturnDifference,
  prepareDifferenceIntent,
  returnsForOrder,
  switchToRefund,
} from "~/domain/returns/index.server";
import { paymentProvider } from "~/domain/payments/index.server";
import { env } from "~/lib/env.server";
import { readForm } from "~/lib/validation";

export type PayReply = {
  error?: string;
  field?: string;
  stripePayment?: { clientSecret: string; publishableKey: string; returnUrl: string; amount: number; currency: string };
};

function paths(orderNumber: string, returnNumber: string, token: string | null) {
  const qs = token ? `?t=${encodeURIComponent(token)}` : "";
  const order = `/orders/${encodeURIComponent(orderNumber)}`;
  return {
    pay: `${order}/returns/${encodeURIComponent(returnNumber)}/pay${qs}`,
    order: `${order}${qs}`,
    done: (extra = "") =>
      `${order}?${new URLSearchParams({ ...(token ? { t: token } : {}), return: returnNumber, ...(extra ? { paid: extra } : {}) })}#returns`,
  };
}

async function load(request: Request, number: string | undefined, returnParam: string | undefined) {
  const { order, token } = await requireOrderAccess(request, number);
  const returnNumber = normalizeReturnNumber(returnParam ?? "");
  const ret = returnNumber ? (await returnsForOrder(order.id)).find((r) => r.number === returnNumber) : undefined;
  if (!ret || ret.due <= 0) throw new Response("There is no such exchange on this order.", { status: 404 });
  return { order, token, ret, to: paths(order.number, ret.number, token) };
}

export async function payPage(request: Request, number: string | undefined, returnParam: string | undefined) {
  const { order, token, ret, to } = await load(request, number, returnParam);
  const intent = new URL(request.url).searchParams.get("payment_intent");
  if (intent !== null) {
    // Back from Stripe: its word, not the query string, says whether it was paid.
    if (!/^pi_[A-Za-z0-9_]{1,200}$/.test(intent)) throw new Response("This payment link is not valid.", { status: 400 });
    const done = await completeDifferencePayment(intent, order.number);
    if (done.status === "paid") throw redirect(to.done("1"), 303);
    if (done.status === "refunded") throw redirect(to.done("refunded"), 303);
    if (done.status === "unknown") throw new Response("We couldn't find that payment.", { status: 404 });
    return { ...view(order, ret, token, to), stripeOutcome: done.status };
  }
  return { ...view(order, ret, token, to), stripeOutcome: null };
}

function view(
  order: { number: string; currency: string; locale: string },
  ret: Awaited<ReturnType<typeof returnsForOrder>>[number],
  token: string | null,
  to: ReturnType<typeof paths>,
) {
  return {
    order: { number: order.number, currency: order.currency, locale: order.locale },
    ret: {
      number: ret.number,
      status: ret.status,
      due: ret.due,
      dueState: ret.dueState,
      dueExpiresAt: ret.dueExpiresAt,
      currency: ret.currency,
      pieces: ret.pieces,
    },
    provider: paymentProvider().name,
    token,
    payPath: to.pay,
    orderPath: to.order,
  };
}

export async function payAction(request: Request, number: string | undefined, returnParam: string | undefined) {
  const { order, token, ret, to } = await load(request, number, returnParam);
  const form = await readForm(request);
  const actor = token ? "shopper:link" : "shopper:account";
  const intent = String(form.get("intent") ?? "");
  if (intent === "cancel") {
    if (form.get("confirm") !== "yes")
      return data<PayReply>({ field: "confirm", error: "Confirm that the return should be cancelled." }, { status: 422 });
    const result = await cancelReturn({ number: ret.number, actor, orderNumber: order.number });
    if (!result.ok) return data<PayReply>({ error: result.message }, { status: result.status });
    return redirect(to.done(), 303);
  }
  if (intent === "refund") {
    const result = await switchToRefund({ returnNumber: ret.number, orderNumber: order.number, actor });
    if (!result.ok) return data<PayReply>({ error: result.message }, { status: result.status });
    return redirect(to.done(), 303);
  }
  if (intent !== "pay") return data<PayReply>({ error: "Choose what to do." }, { status: 400 });
  if (paymentProvider().name === "stripe") {
    const prepared = await prepareDifferenceIntent(ret.number, order.number);
    if (prepared.status === "paid")
      return redirect(`${to.pay}${to.pay.includes("?") ? "&" : "?"}payment_intent=${prepared.paymentIntentId}`, 303);
    if (prepared.status === "refused") return data<PayReply>({ error: prepared.message }, { status: prepared.code });
    if (prepared.status === "unavailable") return data<PayReply>({ error: prepared.message }, { status: 503 });
    return data<PayReply>({
      stripePayment: {
        clientSecret: prepared.clientSecret,
        publishableKey: prepared.publishableKey,
        returnUrl: new URL(to.pay, env().PUBLIC_URL).toString(),
        amount: prepared.amount,
        currency: prepared.currency,
      },
    });
  }
  const card = {
    number: String(form.get("cardNumber") ?? ""),
    expiry: String(form.get("cardExpiry") ?? ""),
    cvc: String(form.get("cardCvc") ?? ""),
  };
  const result = await payReturnDifference({ returnNumber: ret.number, orderNumber: order.number, card, actor });
  if (!result.ok) return data<PayReply>({ error: result.message, field: result.field }, { status: result.status });
  return redirect(to.done(result.status === "paid" ? "1" : "refunded"), 303);
}
