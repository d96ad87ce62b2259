/** The checkout's steps, one intent each: the address, the shipping method, a discount code, and paying (the local provider). */
import { data, redirect } from "@remix-run/node";
import { clientAddress, signedInCustomerId } from "~/domain/accounts/index.server";
import { addressSchema, discountSchema, paySchema, shippingSchema } from "~/domain/checkout";
import {
  applyDiscountCode,
  applyGiftCard,
  checkoutState,
  payAndPlaceOrder,
  removeDiscountCode,
  removeGiftCard,
  saveAddress,
  saveShippingMethod,
} from "~/domain/checkout/index.server";
import { applyGiftCardSchema, removeGiftCardSchema } from "~/domain/giftcards";
import { statusPath } from "~/domain/orders/index.server";
import { paymentProvider } from "~/domain/payments/index.server";
import { cartCookie, placedOrderCookie, thankForOrder } from "~/lib/session.server";
import { parseWith, type FieldErrors } from "~/lib/validation";
import type { CheckoutReply } from "./checkout-reply";

export async function checkoutAction(request: Request, form: FormData, cartId: string) {
  const intent = String(form.get("intent") ?? "");

  if (intent === "address" && form.get("refresh") === "country") {
    // Without JavaScript: the same form again, its labels and checks for the country chosen, what was typed kept.
    return data<CheckoutReply>({ step: "address", errors: {}, values: formValues(form) });
  }
  if (intent === "address") {
    const parsed = parseWith(addressSchema, form);
    if (!parsed.ok) return data<CheckoutReply>({ step: "address", errors: parsed.errors, values: parsed.values }, { status: 422 });
    const { intent: _intent, ...address } = parsed.data;
    const saved = await saveAddress(cartId, address);
    if (!saved.ok) {
      return data<CheckoutReply>({ step: "address", errors: { country: saved.message }, values: formValues(form) }, { status: 422 });
    }
    return redirect("/checkout");
  }
  if (intent === "shipping") {
    const parsed = parseWith(shippingSchema, form);
    if (!parsed.ok) return data<CheckoutReply>({ step: "shipping", errors: parsed.errors }, { status: 422 });
    await saveShippingMethod(cartId, parsed.data.shippingMethod);
    return redirect("/checkout");
  }
  if (intent === "discount") {
    const parsed = parseWith(discountSchema, form);
    if (!parsed.ok) return data<CheckoutReply>({ step: "discount", errors: parsed.errors, values: parsed.values }, { status: 422 });
    const result = await applyDiscountCode(cartId, parsed.data.code);
    if (!result.ok)
      return data<CheckoutReply>(
        { step: "discount", errors: { code: result.reason }, values: { code: parsed.data.code } },
        { status: 422 },
      );
    return redirect("/checkout");
  }
  if (intent === "remove-discount") {
    await removeDiscountCode(cartId);
    return redirect("/checkout");
  }
  if (intent === "gift-card") {
    const parsed = parseWith(applyGiftCardSchema, form);
    if (!parsed.ok) return data<CheckoutReply>({ step: "gift-card", errors: parsed.errors, values: parsed.values }, { status: 422 });
    const result = await applyGiftCard(cartId, parsed.data.giftCardCode, clientAddress(request.headers));
    if (!result.ok)
      return data<CheckoutReply>(
        { step: "gift-card", errors: { giftCardCode: result.message }, values: { giftCardCode: parsed.data.giftCardCode } },
        { status: result.status, headers: "headers" in result ? result.headers : undefined },
      );
    return redirect("/checkout");
  }
  if (intent === "remove-gift-card") {
    const parsed = parseWith(removeGiftCardSchema, form);
    if (parsed.ok) await removeGiftCard(cartId, parsed.data.giftCardId);
    return redirect("/checkout");
  }
  if (intent === "pay") return pay(request, form, cartId);
  return data<CheckoutReply>(
    { step: "pay", errors: {}, message: "Something was missing from that form. Please try again." },
    { status: 400 },
  );
}

/** What the shopper typed, to show the form again as they left it. */
function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form)
    if (typeof value === "string" && key !== "intent" && key !== "refresh") values[key] = value.slice(0, 500);
  return values;
}

async function pay(request: Request, form: FormData, cartId: string) {
  // With Stripe the card is confirmed by the Payment Element, never posted here (unless gift cards pay it all).
  if (paymentProvider().name !== "local" && (await checkoutState(cartId))?.amountDue !== 0) {
    return data<CheckoutReply>({ step: "pay", errors: {}, message: "Please pay with the card form on this page." }, { status: 400 });
  }
  const parsed = parseWith(paySchema, form);
  if (!parsed.ok)
    return data<CheckoutReply>({ step: "pay", errors: parsed.errors, message: Object.values(parsed.errors)[0] }, { status: 400 });
  const signedIn = await signedInCustomerId(request);
  const input = parsed.data;
  const result = await payAndPlaceOrder(cartId, {
    idempotencyKey: input.idempotencyKey,
    expectedTotal: input.expectedTotal,
    card: { number: input.cardNumber, expiry: input.cardExpiry, cvc: input.cardCvc },
    customerId: signedIn,
    createAccountPassword: input.createAccount ? input.password : undefined,
  });
  if (!result.ok) {
    const errors: FieldErrors = result.field && result.field !== "card" ? { [result.field]: result.message } : {};
    return data<CheckoutReply>({ step: "pay", errors, message: result.message }, { status: result.status });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await cartCookie().serialize("", { maxAge: 0 }));
  headers.append("Set-Cookie", await placedOrderCookie().serialize(result.orderNumber));
  // "Create an account": nobody is signed in; the same words on the next page for an email with an
  // account and one without, and an email says what to do next (docs/decisions/0029).
  headers.append("Set-Cookie", await thankForOrder(result.orderNumber, Boolean(input.createAccount) && !signedIn));
  return redirect(statusPath(result.orderNumber), { status: 303, headers });
}
