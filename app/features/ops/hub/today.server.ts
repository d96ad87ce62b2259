/** "Today at the hub": what the page loads, and its two forms (book a rider, rider collected). */
import { collectSchema, dateToNairobiLocal, schedulePickupSchema } from "~/domain/hub";
import { confirmCollection, hubDashboard, schedulePickup, type Result } from "~/domain/hub/index.server";
import { type FieldErrors, parseWith } from "~/lib/validation";
import { formStrings, type HubAnswer, type PickupFailure } from "./forms";

const NONSENSE = "That form didn't make sense. Reload the page and try again.";

export async function loadHubToday() {
  const dashboard = await hubDashboard();
  // The pickup form suggests the next whole hour, Nairobi time.
  const nextHour = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  return { dashboard, suggestedPickup: dateToNairobiLocal(nextHour) };
}

/** Books (or moves) a rider's pickup, or records that the rider collected, as `actor`. */
export async function hubTodayAction(form: FormData, actor: string): Promise<HubAnswer<PickupFailure>> {
  const intent = String(form.get("intent") ?? "");
  const number = String(form.get("number") ?? "");
  const fail = (status: number, error: string | null, errors: FieldErrors = {}, values: Record<string, string> = {}) =>
    ({ ok: false, status, failure: { intent, number, error, errors, values } }) as const;

  let result: Result;
  if (intent === "schedule_pickup") {
    const parsed = parseWith(schedulePickupSchema, form);
    if (!parsed.ok) return fail(400, "Check the pickup details below.", parsed.errors, parsed.values);
    result = await schedulePickup({ ...parsed.data, actor });
  } else if (intent === "collect") {
    const parsed = parseWith(collectSchema, form);
    if (!parsed.ok) return fail(400, parsed.errors.number ?? NONSENSE);
    result = await confirmCollection({ number: parsed.data.number, actor });
  } else {
    return fail(400, NONSENSE);
  }
  if (!result.ok) return fail(result.status, result.message, {}, formStrings(form));
  return { ok: true, message: result.message };
}
