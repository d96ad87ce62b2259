/** A production request's page at the hub: what it loads, and its two forms (receive, quality check). */
import { inspectSchema, normalizeRequestNumber, receiveSchema } from "~/domain/hub";
import { hubRequest, inspectRequest, receiveRequest, type Result } from "~/domain/hub/index.server";
import { type FieldErrors, parseWith } from "~/lib/validation";
import type { StaffRole } from "#db/schema";
import { actorsFor } from "~/features/ops/shared/actors.server";
import { formStrings, type HubAnswer, type QcFailure } from "./forms";

const NONSENSE = "That form didn't make sense. Reload the page and try again.";

/** The request number from the address, normalised; a 404 when it cannot be one. */
export function hubRequestNumber(param: string | undefined) {
  const number = param ? normalizeRequestNumber(param) : null;
  if (!number) throw new Response("There is no production request with that number.", { status: 404 });
  return number;
}

export async function loadHubRequest(number: string, roles: readonly StaffRole[]) {
  const detail = await hubRequest(number);
  if (!detail) throw new Response(`There is no production request ${number}. Check the number on the label.`, { status: 404 });
  const actors = await actorsFor(
    detail.events.map((e) => e.actor),
    roles,
  );
  return { request: detail, actors };
}

/** Receives the request at the hub, or records its quality check, as `actor`. A request that is gone is a 404. */
export async function hubRequestAction(number: string, form: FormData, actor: string): Promise<HubAnswer<QcFailure>> {
  form.set("number", number);
  const intent = String(form.get("intent") ?? "");
  const values = formStrings(form);
  const fail = (status: number, error: string | null, errors: FieldErrors = {}) =>
    ({ ok: false, status, failure: { intent, error, errors, values } }) as const;

  let result: Result;
  if (intent === "receive") {
    const parsed = parseWith(receiveSchema, form);
    if (!parsed.ok) return fail(400, NONSENSE);
    result = await receiveRequest({ number, actor });
  } else if (intent === "inspect") {
    const parsed = parseWith(inspectSchema, form);
    if (!parsed.ok) return fail(400, "Check the quality check below.", parsed.errors);
    result = await inspectRequest({ ...parsed.data, actor });
  } else {
    return fail(400, NONSENSE);
  }
  if (!result.ok) {
    if (result.status === 404) throw new Response(result.message, { status: 404 });
    return fail(result.status, result.message);
  }
  return { ok: true, message: result.message };
}
