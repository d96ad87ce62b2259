/** The quick-order intents that add lines to the working draft: typed SKU rows ("rows") and a CSV upload ("csv"). */
import { checkOrderRows, csvFileProblem, parseOrderCsv } from "~/domain/wholesale";
import { addToDraft, orderableVariantsBySku, workingDraftCookie, type BuyerContext } from "~/domain/wholesale/index.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { answer, type IntentArgs } from "./intent.server";
import { formRows, rowsMessage } from "./rows";

export async function addRows({ request, ctx, form, draft }: IntentArgs) {
  const { rows, values } = formRows(form);
  if (!rows.length) return answer({ intent: "rows", rowErrors: [], values, message: "Enter at least one SKU and quantity." }, 422);
  const checked = checkOrderRows(rows, await orderableVariantsBySku(rows.map((r) => r.sku)));
  if (!checked.ok) return answer({ intent: "rows", rowErrors: checked.errors, values, message: rowsMessage(checked.errors.length) }, 422);
  return addAndReview(request, ctx, draft?.id ?? null, checked.lines);
}

export async function uploadCsv({ request, ctx, form, draft }: IntentArgs) {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0)
    return answer({ intent: "csv", rowErrors: [], message: "Choose a CSV file to upload." }, 422);
  const problem = csvFileProblem(file);
  if (problem) return answer({ intent: "csv", rowErrors: [], message: problem.message }, problem.status);
  const parsed = parseOrderCsv(new TextDecoder("utf-8").decode(await file.arrayBuffer()));
  if (!parsed.ok) return answer({ intent: "csv", rowErrors: [], message: parsed.message }, 422);
  const checked = checkOrderRows(parsed.rows, await orderableVariantsBySku(parsed.rows.map((r) => r.sku)));
  if (!checked.ok)
    return answer(
      {
        intent: "csv",
        rowErrors: checked.errors,
        checked: checked.checked,
        message: `${rowsMessage(checked.errors.length)} Nothing from ${file.name} was added.`,
      },
      422,
    );
  return addAndReview(request, ctx, draft?.id ?? null, checked.lines);
}

async function addAndReview(
  request: Request,
  ctx: BuyerContext,
  draftId: number | null,
  lines: Array<{ variantId: number; quantity: number }>,
) {
  const added = await addToDraft(ctx, draftId, lines);
  if ("error" in added) return answer({ intent: "csv", rowErrors: [], message: added.error }, 422);
  return redirectWithFlash(
    request,
    "/wholesale/quick-order#review",
    { kind: "success", message: `Added ${lines.length} ${lines.length === 1 ? "item" : "items"} to your order. Review it below.` },
    { status: 303, cookies: [await workingDraftCookie(ctx.buyer.id, added.draftId)] },
  );
}
