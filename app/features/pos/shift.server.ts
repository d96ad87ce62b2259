/** The shift page's action: a manager's decision on a held offline sale, or closing the shift with the counted cash. */
import { data } from "@remix-run/node";
import type { Staff } from "~/domain/accounts/index.server";
import { closeShiftSchema } from "~/domain/pos";
import { actorOf, closeShift, decideHeldSale } from "~/domain/pos/index.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatMoney } from "~/lib/money";
import { Refusal } from "~/lib/refusal";
import { parseWith } from "~/lib/validation";

export async function shiftAction(request: Request, form: FormData, staff: Staff) {
  const intent = form.get("intent");
  if (intent === "book-held" || intent === "reject-held") return decideHeld(request, form, staff, intent);
  const parsed = parseWith(closeShiftSchema, form);
  if (!parsed.ok)
    return data({ errors: parsed.errors, message: null as string | null, counted: parsed.values.countedCash ?? "" }, { status: 400 });
  try {
    const report = await closeShift({
      shiftId: parsed.data.shiftId,
      countedCash: parsed.data.countedCash!,
      note: parsed.data.note || null,
      staffId: staff.id,
      actor: actorOf(staff),
    });
    const variance = report.variance ?? 0;
    const said =
      variance === 0
        ? "The drawer balances."
        : `Variance ${variance > 0 ? "+" : "−"}${formatMoney({ amount: Math.abs(variance), currency: report.currency })} (${variance > 0 ? "over" : "short"}).`;
    return redirectWithFlash(request, `/pos/shift?shift=${parsed.data.shiftId}`, {
      kind: variance === 0 ? "success" : "error",
      message: `Shift ${parsed.data.shiftId} closed. ${said}`,
    });
  } catch (error) {
    if (error instanceof Refusal)
      return data(
        { errors: {} as Record<string, string>, message: error.message, counted: String(form.get("countedCash") ?? "") },
        { status: error.status },
      );
    throw error;
  }
}

async function decideHeld(request: Request, form: FormData, staff: Staff, intent: "book-held" | "reject-held") {
  const heldId = Number(form.get("heldId"));
  if (!Number.isSafeInteger(heldId) || heldId < 1 || heldId > 2_147_483_647)
    return data({ errors: {} as Record<string, string>, message: "Choose a held sale." as string | null, counted: "" }, { status: 400 });
  const decided = await decideHeldSale({ id: heldId, decision: intent === "book-held" ? "book" : "reject", staff });
  if (!decided.ok)
    return data(
      { errors: {} as Record<string, string>, message: decided.message as string | null, counted: "" },
      { status: decided.status },
    );
  return redirectWithFlash(request, "/pos/shift", { kind: "success", message: decided.message });
}
