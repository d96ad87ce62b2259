/** The account page's intents: invite a buyer or send the invitation again, add a location, make one the default or remove it. */
import { data } from "@remix-run/node";
import { buyerIdSchema, inviteBuyerSchema, locationIdSchema, locationSchema } from "~/domain/wholesale";
import {
  addLocation,
  inviteBuyer,
  removeLocation,
  resendInvitation,
  setDefaultLocation,
  type AccountResult,
  type BuyerContext,
} from "~/domain/wholesale/index.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseWith } from "~/lib/validation";

export type AccountActionData = { intent: string; errors: Record<string, string>; values: Record<string, string>; message?: string };

export async function accountIntent(request: Request, ctx: BuyerContext, form: FormData) {
  const intent = String(form.get("intent") ?? "");
  const values = Object.fromEntries([...form].map(([k, v]) => [k, String(v)]));
  let result: AccountResult;
  if (intent === "invite") {
    const parsed = parseWith(inviteBuyerSchema, form);
    if (!parsed.ok) return data<AccountActionData>({ intent, errors: parsed.errors, values }, { status: 422 });
    result = await inviteBuyer(ctx, parsed.data);
  } else if (intent === "add-location") {
    const parsed = parseWith(locationSchema, form);
    if (!parsed.ok) return data<AccountActionData>({ intent, errors: parsed.errors, values }, { status: 422 });
    result = await addLocation(ctx, parsed.data);
  } else if (intent === "default-location" || intent === "remove-location") {
    const parsed = parseWith(locationIdSchema, form);
    if (!parsed.ok)
      return data<AccountActionData>({ intent, errors: parsed.errors, values, message: "Choose a location." }, { status: 422 });
    if (intent === "remove-location" && form.get("confirm") !== "yes")
      return data<AccountActionData>(
        { intent, errors: {}, values, message: "Confirm that this location should be removed from your account." },
        { status: 422 },
      );
    result =
      intent === "default-location"
        ? await setDefaultLocation(ctx, parsed.data.locationId)
        : await removeLocation(ctx, parsed.data.locationId);
  } else if (intent === "resend-invite") {
    const parsed = parseWith(buyerIdSchema, form);
    if (!parsed.ok) return data<AccountActionData>({ intent, errors: parsed.errors, values, message: "Choose a buyer." }, { status: 422 });
    result = await resendInvitation(ctx, parsed.data.buyerId);
  } else {
    return data<AccountActionData>(
      { intent, errors: {}, values, message: "Something was missing from that form. Please try again." },
      { status: 400 },
    );
  }
  if (!result.ok) {
    if (result.status === 404) throw new Response(result.message, { status: 404 });
    return data<AccountActionData>(
      { intent, errors: result.field ? { [result.field]: result.message } : {}, values, message: result.message },
      { status: result.status },
    );
  }
  return redirectWithFlash(request, "/wholesale/account", { kind: "success", message: result.message }, { status: 303 });
}
