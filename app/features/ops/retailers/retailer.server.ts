/** A retailer's page in operations: what it loads, and the decision on its application (approve / change terms, reject). */
import { approveSchema, rejectSchema } from "~/domain/wholesale";
import { approveRetailer, rejectRetailer, retailerDetail } from "~/domain/wholesale/index.server";
import { idOrNull, parseWith } from "~/lib/validation";

/** The retailer's id from the address; a 404 when it cannot be one. */
export function retailerId(raw: string | undefined) {
  const id = idOrNull(raw);
  if (!id) throw new Response("There is no retailer with that number.", { status: 404 });
  return id;
}

/** The retailer, its buyers, ship-to locations, order count and the price tiers, dates as ISO strings; a 404 when unknown. */
export async function loadRetailer(id: number) {
  const detail = await retailerDetail(id);
  if (!detail) throw new Response("There is no retailer with that number.", { status: 404 });
  const { retailer } = detail;
  return {
    ...detail,
    retailer: { ...retailer, createdAt: retailer.createdAt.toISOString(), decidedAt: retailer.decidedAt?.toISOString() ?? null },
    buyers: detail.buyers.map((b) => ({
      ...b,
      acceptedAt: b.acceptedAt?.toISOString() ?? null,
      inviteExpiresAt: b.inviteExpiresAt?.toISOString() ?? null,
    })),
  };
}

export type RetailerView = Awaited<ReturnType<typeof loadRetailer>>;

/** Which form failed, each field's error (`form` for the whole form) and what was typed. */
export type RetailerFailure = { intent: "approve" | "reject"; errors: Record<string, string>; values?: Record<string, string> };

type Answer = { ok: true; message: string } | { ok: false; status: number; failure: RetailerFailure };

/** Approves the application (or changes an approved account's terms), or rejects it, as `actor`. An unknown retailer is a 404. */
export async function decideRetailer(id: number, form: FormData, actor: string): Promise<Answer> {
  const intent = form.get("intent");
  if (intent === "approve") {
    const parsed = parseWith(approveSchema, form);
    if (!parsed.ok) return { ok: false, status: 422, failure: { intent, errors: parsed.errors, values: parsed.values } };
    const result = await approveRetailer(id, parsed.data, actor);
    if (!result.ok) {
      if (result.status === 404) throw new Response(result.message, { status: 404 });
      const values = Object.fromEntries([...form].map(([k, v]) => [k, String(v)]));
      return { ok: false, status: result.status, failure: { intent, errors: { [result.field ?? "form"]: result.message }, values } };
    }
    return { ok: true, message: "Saved. The buyer gets an email with a link to set their password (on a first approval)." };
  }
  if (intent === "reject") {
    const parsed = parseWith(rejectSchema, form);
    if (!parsed.ok) return { ok: false, status: 422, failure: { intent, errors: parsed.errors, values: parsed.values } };
    const result = await rejectRetailer(id, parsed.data.reason, actor);
    if (!result.ok) {
      if (result.status === 404) throw new Response(result.message, { status: 404 });
      return { ok: false, status: result.status, failure: { intent, errors: { form: result.message } } };
    }
    return { ok: true, message: "Application rejected; the applicant has been emailed the reason." };
  }
  return {
    ok: false,
    status: 400,
    failure: { intent: "approve", errors: { form: "Something was missing from that form. Please try again." } },
  };
}
