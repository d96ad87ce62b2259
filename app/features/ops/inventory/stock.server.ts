/** One variant's stock on the server: levels and movements, and the transfer and count forms. */
import { data } from "@remix-run/node";
import type { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { mayAct } from "~/domain/accounts";
import type { Staff } from "~/domain/accounts/index.server";
import { countFormSchema, transferFormSchema } from "~/domain/inventory";
import { countStock, newFormKey, type StockResult, transferStock, variantStock } from "~/domain/inventory/index.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { parseWith, readForm } from "~/lib/validation";
import type { ActionFailure } from "./stock";

/** The page's data as the component sees it. */
export type PageData = ReturnType<typeof useLoaderData<typeof stockPage>>;

const pageSchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });

/** Levels by location and a page of movements, whether this staff member may change them, and a fresh form key. */
export async function stockPage(request: Request, sku: string | undefined, staff: Staff) {
  const parsed = pageSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new Response("Pages start at 1.", { status: 400 });
  const stock = await variantStock(sku ?? "", parsed.data.page);
  if (!stock) throw new Response(`No variant has the SKU ${sku}.`, { status: 404 });
  // A fresh key per page view: submitting the same form twice changes stock once.
  const body = { ...stock, canEdit: mayAct("ops.inventory.$sku", staff.roles), formKey: newFormKey() };
  return withFlash(request, body);
}

/** Move free units between locations, or record a count with its reason. */
export async function stockAction(request: Request, sku: string | undefined, staff: Staff) {
  const stock = await variantStock(sku ?? "", 1);
  if (!stock) throw new Response(`No variant has the SKU ${sku}.`, { status: 404 });
  const form = await readForm(request);
  const intent = form.get("intent") === "count" ? "count" : form.get("intent") === "transfer" ? "transfer" : null;
  if (!intent)
    return data<ActionFailure>(
      { intent: "transfer", errors: { form: "Choose to move stock or record a count." }, values: {} },
      { status: 400 },
    );
  const actor = `staff:${staff.id}`;
  let result: StockResult;
  if (intent === "transfer") {
    const parsed = parseWith(transferFormSchema, form);
    if (!parsed.ok) return data<ActionFailure>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const { from, to, quantity, note, key } = parsed.data;
    result = await transferStock({ variantId: stock.variant.id, fromLocationId: from, toLocationId: to, quantity, note, key, actor });
  } else {
    const parsed = parseWith(countFormSchema, form);
    if (!parsed.ok) return data<ActionFailure>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const { location, counted, reason, note, key } = parsed.data;
    result = await countStock({ variantId: stock.variant.id, locationId: location, counted, reason, note, key, actor });
  }
  if (!result.ok) {
    const values: Record<string, string> = {};
    for (const [k, v] of form.entries()) if (typeof v === "string") values[k] = v;
    return data<ActionFailure>({ intent, errors: { [result.field]: result.message }, values }, { status: 422 });
  }
  return redirectWithFlash(request, `/ops/inventory/${encodeURIComponent(stock.variant.sku)}`, {
    kind: "success",
    message: result.message,
  });
}
