/**
 * Bulk edit on /ops/products, on the server: the list's selection and change are read from the
 * query (the review page, a GET that writes nothing) or the form (apply, undo). Forms post and
 * redirect with a flash message, so all of it works with JavaScript off.
 */
import { data } from "@remix-run/node";
import type { Staff } from "~/domain/accounts/index.server";
import { type BulkEdit, type BulkSelection, bulkEditSchema, bulkSelectionSchema, parseFormWith } from "~/domain/catalog";
import { applyBulkEdit, lastUndoableBulkEdit, previewBulkEdit, undoBulkEdit } from "~/domain/catalog/index.server";
import { resolveActors } from "~/domain/audit/index.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { isRefusal } from "~/lib/refusal";
import { type FieldErrors, parseWith, readForm } from "~/lib/validation";

type Parsed = { ok: true; selection: BulkSelection; edit: BulkEdit } | { ok: false; errors: FieldErrors };

/** The selection and the change, from the review page's query or the apply form. */
export function parseBulk(input: URLSearchParams | FormData): Parsed {
  const selection = parseFormWith(bulkSelectionSchema, input, ["ids"]);
  const edit = parseWith(bulkEditSchema, input as URLSearchParams);
  const errors: FieldErrors = { ...(selection.ok ? {} : selection.errors), ...(edit.ok ? {} : edit.errors) };
  if (!selection.ok || !edit.ok) return { ok: false, errors };
  if (selection.data.scope === "ticked" && selection.data.ids.length === 0)
    return { ok: false, errors: { ids: "Tick the products to change, or choose all on this page or all matching." } };
  return { ok: true, selection: selection.data, edit: edit.data };
}

/** The list page to go back to: its filter and page, without the bulk fields. */
export function listUrl(input: URLSearchParams | FormData): string {
  const back = new URLSearchParams();
  for (const key of ["q", "status", "category", "page"]) {
    const value = input.get(key);
    if (typeof value === "string" && value !== "" && !(key === "page" && value === "1")) back.set(key, value);
  }
  const query = back.toString();
  return query ? `/ops/products?${query}` : "/ops/products";
}

/** The fields the review page posts back unchanged (everything but what it adds itself). */
function carried(params: URLSearchParams): [string, string][] {
  return [...params.entries()].filter(([key]) => key !== "count" && key !== "intent");
}

/** The review page: what would change, or why the form can't be reviewed. */
export async function bulkReview(request: Request) {
  const params = new URL(request.url).searchParams;
  const back = listUrl(params);
  const parsed = parseBulk(params);
  if (!parsed.ok) return { ok: false as const, errors: parsed.errors, back };
  try {
    const preview = await previewBulkEdit(parsed.selection, parsed.edit);
    return { ok: true as const, preview, fields: carried(params), back };
  } catch (error) {
    if (isRefusal(error)) return { ok: false as const, errors: { [error.field ?? "form"]: error.message }, back };
    throw error;
  }
}

/** Applies the reviewed change, or undoes the last one. Refusals come back as the page's error. */
export async function bulkAction(request: Request, staff: Staff) {
  const actor = `staff:${staff.id}`;
  const form = await readForm(request);
  const intent = form.get("intent");
  const back = listUrl(form);
  try {
    if (intent === "undo") {
      const id = Number(form.get("edit"));
      if (!Number.isInteger(id) || id <= 0) throw new Response("That form is missing which edit to undo.", { status: 400 });
      const undone = await undoBulkEdit(id, actor);
      return redirectWithFlash(request, back, {
        kind: "success",
        message: `Undone: ${undone.summary} on ${plural(undone.productCount, "product")}. Their earlier values are back.`,
      });
    }
    if (intent !== "apply") throw new Response("Unknown action", { status: 400 });
    const parsed = parseBulk(form);
    if (!parsed.ok) return data({ error: Object.values(parsed.errors).join(" ") }, { status: 400 });
    const applied = await applyBulkEdit(parsed.selection, parsed.edit, actor);
    if (applied.changedProducts === 0)
      return redirectWithFlash(request, back, {
        kind: "success",
        message: `Nothing to change: ${applied.summary} is already so for every product.`,
      });
    const left = applied.unchanged ? ` (${plural(applied.unchanged, "product")} already so, left as they were)` : "";
    return redirectWithFlash(request, back, {
      kind: "success",
      message: `${applied.summary}: ${plural(applied.changedProducts, "product")} changed${left}. Storefront pages showing them are refreshed.`,
      about: "bulk",
    });
  } catch (error) {
    if (!isRefusal(error)) throw error;
    if (intent === "undo") return redirectWithFlash(request, back, { kind: "error", message: error.message });
    return data({ error: error.message }, { status: error.status });
  }
}

/** The list page's undo banner: the last bulk edit while it can be undone, with who made it. */
export async function undoable() {
  const last = await lastUndoableBulkEdit();
  if (!last) return null;
  const actors = await resolveActors([last.actor]);
  return { ...last, actorName: actors[last.actor]?.name ?? last.actor };
}

function plural(n: number, word: string) {
  return `${n.toLocaleString("en-US")} ${n === 1 ? word : `${word}s`}`;
}
