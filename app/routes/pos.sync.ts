import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getStaff, hasRole } from "~/domain/accounts/index.server";
import { offlineSaleSchema } from "~/domain/pos";
import { syncOfflineSale } from "~/domain/pos/index.server";
import { Refusal } from "~/lib/refusal";
import { POS_ROLES } from "~/domain/pos/index.server";

/**
 * POST /pos/sync: one cash sale the register took while offline (JSON, see offlineSaleSchema).
 * Idempotent by the sale's key: the same sale sent twice is recorded once, and the second answer
 * names the first sale. Answers are JSON for the queue script: 201 recorded, 200 already recorded,
 * 202 held for a manager (stamped outside the shift: see /pos/shift), 4xx with `error` for a sale
 * that can't be recorded as sent (kept in the queue for a person).
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: "POST a sale." }, { status: 405 });
  // A fetch must get JSON, never the sign-in page a redirect would give.
  const staff = await getStaff(request);
  if (!staff) return Response.json({ error: "Signed out: sign in at /pos, then the queue syncs." }, { status: 401 });
  if (!hasRole(staff, POS_ROLES)) return Response.json({ error: "This account can't use the register." }, { status: 403 });

  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: "The body must be JSON." }, { status: 400 });
  }
  const parsed = offlineSaleSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return Response.json({ error: `${issue.path.join(".") || "sale"}: ${issue.message}` }, { status: 422 });
  }
  try {
    const done = await syncOfflineSale(parsed.data, staff);
    // 202: the server has it (held for a manager, see /pos/shift), so the register stops resending it.
    if (done.kind === "held")
      return Response.json({ status: "held", heldId: done.id, message: `Held for a manager: ${done.reason}` }, { status: 202 });
    return Response.json(
      { status: done.kind, number: done.number, changeDue: done.changeDue },
      { status: done.kind === "recorded" ? 201 : 200 },
    );
  } catch (error) {
    if (error instanceof Refusal) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
}

export async function loader(_args: LoaderFunctionArgs) {
  return Response.json({ error: "POST offline sales here." }, { status: 405 });
}
