/** The bag's changes (add, undo, update, remove): each answers with a redirect to /cart and a notice, or a refusal. */
import { data, redirect } from "@remix-run/node";
import { LINE_NOT_FOUND, cartActionSchema, noticeSearch, type CartNotice } from "~/domain/cart";
import { addLine, cartIdFrom, commitCartId, removeLine, updateLine, type Refusal } from "~/domain/cart/index.server";
import { choicesFromForm } from "~/domain/catalog";
import { variantIdForChoices } from "~/domain/catalog/index.server";
import { isMarketCode } from "~/domain/markets";
import { parseWith, type FieldErrors } from "~/lib/validation";
import { choiceIs, marketCookie, visitorMarket } from "./market.server";
import type { CartRefusal } from "./cart/cart-reply";

export async function cartAction(request: Request, form: FormData) {
  const choice = await resolveChoices(form);
  if (choice === "unmade") {
    return data<CartRefusal>({ errors: { form: NOT_MADE } as FieldErrors, values: echo(form), lineId: null }, { status: 400 });
  }
  const parsed = parseWith(cartActionSchema, form);
  if (!parsed.ok) {
    const lineId = Number(parsed.values.lineId) || null;
    return data<CartRefusal>({ errors: parsed.errors, values: parsed.values, lineId }, { status: 400 });
  }
  const input = parsed.data;
  const cartId = await cartIdFrom(request);

  if (input.intent === "add" || input.intent === "undo") {
    // Added from a market's page: the bag is in that market (re-priced from its list if it was in
    // another), and the market is the shopper's from now on (the bag and checkout follow it). The
    // choice is written even when a hint already gave that market: a hint can change (another
    // language, another country), the bag's market does not. Without a market (undo on the bag
    // page) the bag stays in its own.
    const posted = form.get("market");
    const market = isMarketCode(posted) ? posted : await visitorMarket(request);
    const result = await addLine(cartId, input.variantId, input.quantity, { mode: input.intent === "undo" ? "restore" : "add", market });
    if (!result.ok) return refused(result, echo(form), null);
    // Every change sets the cookie again with a new revision (commitCartId): the header names the bag's state.
    const headers: [string, string][] = [["Set-Cookie", await commitCartId(result.cartId)]];
    if (!choiceIs(market, request)) headers.push(["Set-Cookie", marketCookie(market, request)]);
    const repriced = result.repriced ? { repriced: market } : {};
    return toCart({ notice: input.intent === "add" ? "added" : "restored", variant: input.variantId, ...repriced }, headers);
  }

  if (!cartId) return refused({ ok: false, status: 404, message: LINE_NOT_FOUND }, echo(form), input.lineId);
  const result =
    input.intent === "update" && input.quantity > 0
      ? await updateLine(cartId, input.lineId, input.quantity)
      : await removeLine(cartId, input.lineId);
  if (!result.ok) return refused(result, echo(form), input.lineId);
  return toCart(
    input.intent === "update" && input.quantity > 0
      ? { notice: "updated", variant: result.variantId }
      : { notice: "removed", variant: result.variantId, quantity: result.quantity },
    { "Set-Cookie": await commitCartId(cartId) },
  );
}

const NOT_MADE = "That piece isn't made in that combination. Please choose another finish or size.";

/**
 * A product page offers finish and size as separate choices (`productId` and `option.*` fields, no
 * `variantId`): the variant they name becomes the form's `variantId`, so the rest of the action is
 * the same with JavaScript on or off. "unmade" when the product has no variant with those choices.
 */
async function resolveChoices(form: FormData): Promise<"unmade" | null> {
  if (form.get("intent") !== "add" || form.has("variantId")) return null;
  const choices = choicesFromForm(form);
  const productId = form.get("productId");
  if (!choices || typeof productId !== "string" || !/^\d{1,10}$/.test(productId)) return null;
  const variantId = await variantIdForChoices(Number(productId), choices);
  if (variantId === null) return "unmade";
  form.set("variantId", String(variantId));
  return null;
}

function toCart(notice: CartNotice, headers?: HeadersInit) {
  return redirect(`/cart${noticeSearch(notice)}`, { status: 303, headers });
}

function refused(refusal: Refusal, values: Record<string, string>, lineId: number | null) {
  const field = refusal.status === 400 && lineId ? "quantity" : "form";
  return data<CartRefusal>({ errors: { [field]: refusal.message } as FieldErrors, values, lineId }, { status: refusal.status });
}

/** The user's own input, sent back so the form re-renders as they left it. */
function echo(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of ["intent", "lineId", "variantId", "quantity"]) {
    const value = form.get(key);
    if (typeof value === "string") values[key] = value;
  }
  return values;
}
