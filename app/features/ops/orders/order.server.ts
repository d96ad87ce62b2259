/** One order for operations on the server: its detail with what this staff member may do, and the actions on it. */
import { data } from "@remix-run/node";
import type { useLoaderData } from "@remix-run/react";
import { ORDER_ACTIONS, opsAllows } from "~/domain/accounts";
import type { Staff } from "~/domain/accounts/index.server";
import { orderActionSchema } from "~/domain/orders";
import {
  cancelOrder,
  markDelivered,
  markPacked,
  orderCurrency,
  orderDetail,
  refundOrder,
  shipOrder,
  type Result,
} from "~/domain/orders/index.server";
import { orderEdi } from "~/domain/edi/index.server";
import { GIFT_CARD_SKU } from "~/domain/giftcards/index.server";
import { wholesaleSideOfOrder } from "~/domain/wholesale/index.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { parseMoneyInput } from "~/lib/money";
import { parseWith, readForm } from "~/lib/validation";
import { actorsFor } from "~/features/ops/shared/actors.server";
import { orderLedger } from "~/domain/ledger/index.server";
import type { ActionFailure } from "./format";

/** The page's data as the component sees it. */
export type PageData = ReturnType<typeof useLoaderData<typeof orderPage>>;

/** The order number from the URL; a 404 for anything that cannot be one. */
export function orderNumber(param: string | undefined) {
  if (!param || !/^[A-Za-z0-9-]{1,40}$/.test(param)) throw new Response("There is no order with that number.", { status: 404 });
  return param;
}

export async function orderPage(request: Request, number: string, staff: Staff) {
  const detail = await orderDetail(number);
  if (!detail) throw new Response(`There is no order ${number}.`, { status: 404 });
  const [actors, ledger, wholesale] = await Promise.all([
    actorsFor(
      detail.history.map((e) => e.actor),
      staff.roles,
    ),
    orderLedger(number),
    detail.order.channel === "wholesale" ? wholesaleSideOfOrder(number) : null,
  ]);
  const body = {
    detail,
    // An order from a partner's 850: its PO, where it came from and what we sent about it.
    edi: await orderEdi(number),
    // A wholesale order (portal or EDI): the retailer, PO, terms, ship-to and its invoices.
    wholesale,
    ledger: ledger.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
    actors,
    can: {
      refund: opsAllows(ORDER_ACTIONS.refund, staff.roles),
      cancel: opsAllows(ORDER_ACTIONS.cancel, staff.roles),
      ship: opsAllows(ORDER_ACTIONS.ship, staff.roles),
    },
    // Nothing to pack or ship: each card is emailed.
    giftCardsOnly: detail.lines.length > 0 && detail.lines.every((line) => line.sku === GIFT_CARD_SKU),
    // One key per drawn form: the same form submitted twice is the same refund.
    keys: { refund: crypto.randomUUID(), cancel: crypto.randomUUID() },
  };
  return withFlash(request, body);
}

/** Refund, cancel, pack, ship or deliver, if this staff member's roles allow it. */
export async function orderAction(request: Request, number: string, staff: Staff) {
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const parsed = parseWith(orderActionSchema, form);
  if (!parsed.ok) return data<ActionFailure>({ intent, error: null, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const input = parsed.data;
  const roles = ORDER_ACTIONS[input.intent];
  if (!opsAllows(roles, staff.roles)) {
    throw new Response(`Your account can't ${INTENT_WORDS[input.intent]}. It needs one of these roles: admin, ${roles.join(", ")}.`, {
      status: 403,
    });
  }
  const actor = `staff:${staff.id}`;
  const values = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));

  let result: Result;
  switch (input.intent) {
    case "refund": {
      const currency = await orderCurrency(number);
      if (!currency) throw new Response(`There is no order ${number}.`, { status: 404 });
      const amount = parseMoneyInput(input.amount, currency);
      if (amount === null || amount === 0) {
        return data<ActionFailure>(
          { intent, error: null, errors: { amount: "Enter an amount greater than zero, with at most two decimal places." }, values },
          { status: 422 },
        );
      }
      result = await refundOrder({ number, amount, reason: input.reason, formKey: input.key, actor });
      break;
    }
    case "cancel":
      result = await cancelOrder({
        number,
        actor,
        reason: input.reason,
        refundRemaining: input.refundRemaining ? { formKey: input.key } : null,
      });
      break;
    case "pack":
      result = await markPacked({ number, actor });
      break;
    case "ship":
      result = await shipOrder({ number, carrier: input.carrier, trackingNumber: input.trackingNumber, actor });
      break;
    case "deliver":
      result = await markDelivered({ number, actor });
      break;
  }
  if (!result.ok) {
    if (result.status === 404) throw new Response(result.message, { status: 404 });
    // After a provider failure the form gets a fresh key, so trying again is a new request to the provider.
    return data<ActionFailure>(
      { intent, error: result.message, errors: {}, values, ...(result.status === 502 ? { nextKey: crypto.randomUUID() } : {}) },
      { status: result.status },
    );
  }
  // A cancel whose optional refund didn't go through is done, but says so in red.
  const refund = (result as { refund?: { ok: boolean } | null }).refund;
  const refundFailed = Boolean(refund && !refund.ok);
  return redirectWithFlash(request, `/ops/orders/${encodeURIComponent(number)}`, {
    kind: refundFailed ? "error" : "success",
    message: result.message,
  });
}

const INTENT_WORDS = {
  refund: "refund orders",
  cancel: "cancel orders",
  pack: "pack orders",
  ship: "ship orders",
  deliver: "mark orders delivered",
} as const;
