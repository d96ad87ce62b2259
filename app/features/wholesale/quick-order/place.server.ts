/** The quick-order "place" intent: the working draft becomes an order, on terms or by card. */
import { redirect } from "@remix-run/node";
import { PAYMENT_LABEL, placeSchema } from "~/domain/wholesale";
import {
  WHOLESALE_CARD_RETURN_PATH,
  placeWholesaleOrder,
  prepareWholesaleCardPayment,
  workingDraftCookie,
} from "~/domain/wholesale/index.server";
import { paymentProvider } from "~/domain/payments/index.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseWith } from "~/lib/validation";
import type { DetailsArgs } from "./drafts.server";
import { answer } from "./intent.server";

export async function placeOrder({ request, ctx, form, draft, details, values }: DetailsArgs) {
  const parsed = parseWith(placeSchema, form);
  if (!parsed.ok) return answer({ intent: "place", errors: parsed.errors, values, message: Object.values(parsed.errors)[0] }, 422);
  const { payment, idempotencyKey, expectedTotal, cardNumber, cardExpiry, cardCvc } = parsed.data;
  if (payment === "card" && paymentProvider().name === "stripe") {
    // Stripe: check the order and make its PaymentIntent; the Payment Element takes the card next,
    // and the order is placed only when Stripe says paid (return page or webhook).
    const prepared = await prepareWholesaleCardPayment(ctx, draft.id, { details, expectedTotal });
    if (!prepared.ok)
      return answer(
        { intent: "place", errors: prepared.field ? { [prepared.field]: prepared.message } : {}, values, message: prepared.message },
        prepared.status,
      );
    if (prepared.status === "paid")
      return redirect(`${WHOLESALE_CARD_RETURN_PATH}?payment_intent=${encodeURIComponent(prepared.paymentIntentId)}`, { status: 303 });
    const { ok: _ok, status: _status, ...step } = prepared;
    const { poNumber, retailerLocationId, shipWindowStart, shipWindowEnd } = details;
    return answer({
      intent: "pay",
      payment: step,
      details: {
        poNumber: poNumber ?? "",
        retailerLocationId: retailerLocationId ?? null,
        shipWindowStart: shipWindowStart ?? null,
        shipWindowEnd: shipWindowEnd ?? null,
      },
    });
  }
  const result = await placeWholesaleOrder(ctx, draft.id, {
    details,
    payment,
    card: payment === "card" ? { number: cardNumber ?? "", expiry: cardExpiry ?? "", cvc: cardCvc ?? "" } : undefined,
    idempotencyKey,
    expectedTotal,
  });
  if (!result.ok)
    return answer(
      { intent: "place", errors: result.field ? { [result.field]: result.message } : {}, values, message: result.message },
      result.status,
    );
  const how = payment === "card" ? "paid by card" : `on ${PAYMENT_LABEL[payment]} terms: your invoice is under Invoices`;
  return redirectWithFlash(
    request,
    `/wholesale/orders?placed=${encodeURIComponent(result.orderNumber)}`,
    { kind: "success", message: `Order ${result.orderNumber} placed, ${how}.` },
    { status: 303, cookies: [await workingDraftCookie(ctx.buyer.id, null)] },
  );
}
