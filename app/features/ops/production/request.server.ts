/** A production request's page in operations: what it loads, and reassigning it to another artisan. */
import { z } from "zod";
import type { StaffRole } from "#db/schema";
import { mayAct } from "~/domain/accounts";
import { reassignRequest, reassignView, searchSkilledArtisans } from "~/domain/production/index.server";
import { listPage } from "~/lib/fields";
import { parseWith } from "~/lib/validation";
import { actorsFor } from "~/features/ops/shared/actors.server";

/** The request number from the address (PR-<digits>); a 404 when it cannot be one. */
export function productionRequestNumber(raw: string | undefined) {
  if (!raw || !/^PR-\d{1,12}$/.test(raw)) throw new Response("There is no production request with this number.", { status: 404 });
  return raw;
}

const searchSchema = z.object({
  who: z.string().trim().max(80, "Search for at most 80 characters.").optional(),
  page: listPage({ max: 10_000 }),
});

/**
 * The request, who holds it, the ranked candidates and its history; `canAct`: may these roles
 * reassign. With `?who=` (blank for everyone), every active artisan with the product's skills whose
 * name, place or phone matches, a page at a time. A 404 when unknown.
 */
export async function loadProductionRequest(number: string, roles: readonly StaffRole[], searchParams = new URLSearchParams()) {
  const view = await reassignView(number);
  if (!view) throw new Response(`There is no production request ${number}.`, { status: 404 });
  const canAct = mayAct("ops.production.$number", roles);
  const parsed = parseWith(searchSchema, searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  const { who, page } = parsed.data;
  const [actors, found] = await Promise.all([
    actorsFor(
      view.history.map((e) => e.actor),
      roles,
    ),
    canAct && who !== undefined && !view.blocked
      ? searchSkilledArtisans({ productId: view.request.productId, query: who, page, excludeArtisanId: view.request.artisanId })
      : Promise.resolve(null),
  ]);
  return { ...view, actors, canAct, search: found ? { who: who ?? "", ...found } : null };
}

export type ProductionRequestView = Awaited<ReturnType<typeof loadProductionRequest>>;

const reassignSchema = z.object({
  artisanId: z.coerce
    .number({ invalid_type_error: "Choose an artisan." })
    .int("Choose an artisan.")
    .positive("Choose an artisan.")
    .max(2_147_483_647, "Choose an artisan."),
});

/**
 * Offers the request to the chosen artisan (`artisanId`), as `actor`. An accepted request is
 * replaced by a new one, so the answer names the request page to go to.
 */
export async function reassignFromForm(
  number: string,
  form: FormData,
  actor: string,
): Promise<{ ok: false; status: number; error: string } | { ok: true; requestNumber: string; message: string }> {
  const parsed = parseWith(reassignSchema, form);
  if (!parsed.ok) return { ok: false, status: 400, error: parsed.errors.artisanId ?? "Choose an artisan." };
  const result = await reassignRequest({ number, artisanId: parsed.data.artisanId, actor });
  if (!result.ok) return { ok: false, status: 422, error: result.message };
  const message = result.replacedNumber
    ? `${result.replacedNumber} was cancelled and replaced by ${result.requestNumber}, offered to ${result.artisanName} by SMS. ${result.replacedNumber}'s artisan was told to stop.`
    : `${result.requestNumber} offered to ${result.artisanName}; they have 24 hours to accept and were sent an SMS.`;
  return { ok: true, requestNumber: result.requestNumber, message };
}
