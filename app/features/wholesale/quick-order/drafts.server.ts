/** The quick-order intents on drafts: reorder, open or delete a saved draft, change a line, discard, save. */
import { parseQuantity, type draftDetailsSchema } from "~/domain/wholesale";
import {
  deleteDraft,
  findDraft,
  reorderIntoDraft,
  reviewDraft,
  saveDraftDetails,
  setDraftLine,
  workingDraftCookie,
  type Draft,
} from "~/domain/wholesale/index.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { idOrNull } from "~/lib/validation";
import type { z } from "zod";
import { answer, type IntentArgs } from "./intent.server";

/** A past order's lines copied into a new working draft ("reorder"). */
export async function reorder({ request, ctx, form }: IntentArgs) {
  const number = String(form.get("orderNumber") ?? "");
  const created = /^SK-\d{1,12}$/.test(number) ? await reorderIntoDraft(ctx, number) : null;
  if (!created) throw new Response("There is no such order on your account.", { status: 404 });
  const note = created.skipped
    ? ` ${created.skipped} item${created.skipped === 1 ? " is" : "s are"} no longer sold and were left out.`
    : "";
  return redirectWithFlash(
    request,
    "/wholesale/quick-order#review",
    { kind: "success", message: `Copied ${number} into a new draft: check it, add a new PO number and place it.${note}` },
    { status: 303, cookies: [await workingDraftCookie(ctx.buyer.id, created.draftId)] },
  );
}

/** A saved draft becomes the working one ("open-draft"). */
export async function openDraft({ request, ctx, form }: IntentArgs) {
  const target = await savedDraft(ctx.retailer.id, form);
  return redirectWithFlash(
    request,
    "/wholesale/quick-order#review",
    { kind: "success", message: `Opened “${target.name}”.` },
    { status: 303, cookies: [await workingDraftCookie(ctx.buyer.id, target.id)] },
  );
}

/** A saved draft goes ("delete-draft", with its confirmation); the working draft too, when it was that one. */
export async function deleteSavedDraft({ request, ctx, form, draft }: IntentArgs) {
  const target = await savedDraft(ctx.retailer.id, form);
  if (form.get("confirm") !== "yes")
    return answer(
      {
        intent: "confirm",
        about: `draft-${target.id}`,
        message: `Confirm that “${target.name}” should be deleted: it can't be brought back.`,
      },
      422,
    );
  await deleteDraft(ctx.retailer.id, target.id);
  const cookies = draft?.id === target.id ? [await workingDraftCookie(ctx.buyer.id, null)] : [];
  return redirectWithFlash(
    request,
    "/wholesale/quick-order",
    { kind: "success", message: `Deleted “${target.name}”.` },
    { status: 303, cookies },
  );
}

async function savedDraft(retailerId: number, form: FormData) {
  const id = idOrNull(String(form.get("draftId") ?? ""));
  const target = id ? await findDraft(retailerId, id) : null;
  if (!target) throw new Response("There is no such draft on your account.", { status: 404 });
  return target;
}

/** One line's new quantity on the working draft; 0 removes it ("set-line"). */
export async function setLine({ request, ctx, form, draft }: IntentArgs & { draft: Draft }) {
  const variantId = idOrNull(String(form.get("variantId") ?? ""));
  const raw = String(form.get("quantity") ?? "");
  const quantity = parseQuantity(raw);
  const line = variantId ? draft.lines.find((l) => l.variantId === variantId) : undefined;
  if (!line || !variantId) throw new Response("That item isn't in your order.", { status: 404 });
  if (quantity === null)
    return answer(
      {
        intent: "line",
        errors: { [`line-${variantId}`]: "Enter a whole number of units (0 removes the line)." },
        values: { [`line-${variantId}`]: raw },
        message: "Please check the quantity.",
      },
      422,
    );
  if (quantity > 0) {
    const review = await reviewDraft(ctx.retailer, [{ variantId, quantity }]);
    const problem = review.lines[0] ? review.lines[0].problem : "That item is no longer sold.";
    if (problem)
      return answer(
        { intent: "line", errors: { [`line-${variantId}`]: problem }, values: { [`line-${variantId}`]: raw }, message: problem },
        422,
      );
  }
  await setDraftLine(ctx.retailer.id, draft.id, { variantId, quantity });
  return redirectWithFlash(
    request,
    "/wholesale/quick-order#review",
    { kind: "success", message: quantity ? "Quantity updated." : "Line removed." },
    { status: 303 },
  );
}

/** The working draft goes ("discard", with its confirmation). */
export async function discard({ request, ctx, form, draft }: IntentArgs & { draft: Draft }) {
  if (form.get("confirm") !== "yes")
    return answer(
      { intent: "confirm", about: "discard", message: "Confirm that this order should be discarded: it can't be brought back." },
      422,
    );
  await deleteDraft(ctx.retailer.id, draft.id);
  return redirectWithFlash(
    request,
    "/wholesale/quick-order",
    { kind: "success", message: "Order discarded." },
    { status: 303, cookies: [await workingDraftCookie(ctx.buyer.id, null)] },
  );
}

export type DetailsArgs = IntentArgs & {
  draft: Draft;
  details: z.infer<typeof draftDetailsSchema>;
  /** The form as sent, card fields left out, to fill it in again. */
  values: Record<string, string>;
};

/** The working draft's name, PO and shipping saved; it joins the saved drafts and the next order starts empty ("save"). */
export async function saveDraft({ request, ctx, draft, details, values }: DetailsArgs) {
  if (!(await saveDraftDetails(ctx.retailer.id, draft.id, details)))
    return answer(
      {
        intent: "save",
        errors: { retailerLocationId: "Choose one of your ship-to locations." },
        values,
        message: "Choose one of your ship-to locations.",
      },
      404,
    );
  return redirectWithFlash(
    request,
    "/wholesale/quick-order",
    { kind: "success", message: `Saved “${details.name}” in your drafts. Your next order starts empty.` },
    { status: 303, cookies: [await workingDraftCookie(ctx.buyer.id, null)] },
  );
}
