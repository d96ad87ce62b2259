/** The catalog's one intent: add a quantity of one variant to the working draft, checked against its minimum and case pack. */
import { data } from "@remix-run/node";
import { addToDraftSchema, parseQuantity, quantityProblem } from "~/domain/wholesale";
import { addToDraft, orderableVariant, workingDraft, workingDraftCookie, type BuyerContext } from "~/domain/wholesale/index.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseWith } from "~/lib/validation";
import { addedAbout, type CatalogAddError } from "./query";

export async function addFromCatalog(request: Request, ctx: BuyerContext, form: FormData) {
  const parsed = parseWith(addToDraftSchema, form);
  if (!parsed.ok)
    return data<CatalogAddError>(
      {
        variantId: Number(parsed.values.variantId) || null,
        error: Object.values(parsed.errors)[0],
        quantity: parsed.values.quantity ?? "",
      },
      { status: 422 },
    );
  const { variantId, quantity: raw } = parsed.data;
  const orderable = await orderableVariant(variantId);
  if (!orderable) throw new Response("That item isn't in the wholesale catalog.", { status: 404 });
  const quantity = parseQuantity(raw);
  const problem =
    quantity === null
      ? raw.trim() === ""
        ? "Enter a quantity."
        : /^\s*-/.test(raw)
          ? "Enter a quantity of at least 1."
          : "Enter a whole number of units."
      : quantityProblem(quantity, orderable);
  if (problem || quantity === null)
    return data<CatalogAddError>({ variantId, error: problem ?? "Enter a quantity.", quantity: raw }, { status: 422 });
  const draft = await workingDraft(request, ctx);
  const added = await addToDraft(ctx, draft?.id ?? null, [{ variantId, quantity }]);
  if ("error" in added) return data<CatalogAddError>({ variantId, error: added.error, quantity: raw }, { status: 422 });
  const url = new URL(request.url);
  // Back to the same page at the product's card (its anchor scrolls there with JavaScript off too),
  // where the card says what was added: the buyer is looking there, not at the top of the page.
  return redirectWithFlash(
    request,
    `${url.pathname}${url.search}#product-${orderable.productId}`,
    { kind: "success", message: `Added ${quantity} × ${orderable.sku} to your order.`, about: addedAbout(variantId) },
    { status: 303, cookies: [await workingDraftCookie(ctx.buyer.id, added.draftId)] },
  );
}
