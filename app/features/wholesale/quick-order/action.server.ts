/**
 * The quick-order action: one function per intent. Adding lines and the saved drafts work with or
 * without a working draft; the rest act on it, and saving or placing it first checks its details.
 */
import { CSV_TOO_BIG, MAX_CSV_BYTES, draftDetailsSchema } from "~/domain/wholesale";
import { workingDraft, type BuyerContext } from "~/domain/wholesale/index.server";
import { parseWith } from "~/lib/validation";
import { addRows, uploadCsv } from "./add-lines.server";
import { deleteSavedDraft, discard, openDraft, reorder, saveDraft, setLine } from "./drafts.server";
import { answer } from "./intent.server";
import { placeOrder } from "./place.server";

/** A body far bigger than any order file is refused before it is read. */
export function uploadTooBig(request: Request) {
  const length = Number(request.headers.get("Content-Length") ?? 0);
  return length > MAX_CSV_BYTES * 4 ? answer({ intent: "csv", rowErrors: [], message: CSV_TOO_BIG }, 413) : null;
}

export async function quickOrderIntent(request: Request, ctx: BuyerContext, form: FormData) {
  const intent = String(form.get("intent") ?? "");
  const draft = await workingDraft(request, ctx);
  const args = { request, ctx, form, draft };
  switch (intent) {
    case "rows":
      return addRows(args);
    case "csv":
      return uploadCsv(args);
    case "reorder":
      return reorder(args);
    case "open-draft":
      return openDraft(args);
    case "delete-draft":
      return deleteSavedDraft(args);
  }

  // The rest act on the working draft.
  if (!draft) return answer({ intent: "place", errors: {}, values: {}, message: "Your order is empty: add items first." }, 409);
  if (intent === "set-line") return setLine({ ...args, draft });
  if (intent === "discard") return discard({ ...args, draft });

  const values = Object.fromEntries([...form].filter(([k]) => !/^card/.test(k)).map(([k, v]) => [k, String(v)]));
  const details = parseWith(draftDetailsSchema, form);
  if (!details.ok)
    return answer(
      { intent: intent === "save" ? "save" : "place", errors: details.errors, values, message: "Please check the highlighted fields." },
      422,
    );
  if (intent === "save") return saveDraft({ ...args, draft, details: details.data, values });
  if (intent === "place") return placeOrder({ ...args, draft, details: details.data, values });
  return answer({ intent: "place", errors: {}, values: {}, message: "Something was missing from that form. Please try again." }, 400);
}
