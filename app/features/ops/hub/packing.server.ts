/** The hub's packing lists: what they load, and pack / ship (the order domain's own actions: events, shipment, stock, email, audit). */
import { z } from "zod";
import { packSchema, shipSchema } from "~/domain/hub";
import { packingList } from "~/domain/hub/index.server";
import { assignCartons, packingEdi } from "~/domain/edi/index.server";
import { markPacked, shipOrder, type Result } from "~/domain/orders/index.server";
import { type FieldErrors, parseWith } from "~/lib/validation";
import { formStrings, type HubAnswer, type ShipFailure } from "./forms";

const querySchema = z.object({
  show: z.enum(["pack", "ship"], { errorMap: () => ({ message: "Show is pack or ship." }) }).default("pack"),
  page: z.coerce
    .number({ invalid_type_error: "Page is a number." })
    .int("Page is a whole number.")
    .min(1, "Pages start at 1.")
    .max(10_000, "There aren't that many pages.")
    .default(1),
});

/** The list the address asks for (`?show=pack|ship&page=`); a 400 for a query that makes no sense. */
export async function loadPacking(searchParams: URLSearchParams) {
  const parsed = parseWith(querySchema, searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  const { show, page } = parsed.data;
  const list = await packingList(show === "pack" ? "to_pack" : "to_ship", page);
  // Orders that came by EDI are packed into labelled cartons (their SSCCs go on the 856).
  const edi = await packingEdi(list.orders.map((o) => o.number));
  return { show, list, edi };
}

const NONSENSE = "That form didn't make sense. Reload the page and try again.";

/** Marks an order packed, or ships it with the carrier and tracking number, as `actor`; `back` is the list to return to. */
export async function packingAction(form: FormData, actor: string): Promise<HubAnswer<ShipFailure>> {
  const intent = String(form.get("intent") ?? "");
  const order = String(form.get("order") ?? "");
  const values = formStrings(form);
  const fail = (status: number, error: string | null, errors: FieldErrors = {}) =>
    ({ ok: false, status, failure: { intent, order, error, errors, values } }) as const;

  let result: Result;
  let back = "/ops/hub/packing";
  if (intent === "pack") {
    const parsed = parseWith(packSchema, form);
    if (!parsed.ok) return fail(400, parsed.errors.order ?? NONSENSE);
    result = await markPacked({ number: parsed.data.order, actor });
    // Next: the carrier and the tracking number, on the "to ship" list.
    back = "/ops/hub/packing?show=ship";
  } else if (intent === "ship") {
    const parsed = parseWith(shipSchema, form);
    if (!parsed.ok) return fail(400, "Check the shipping details below.", parsed.errors);
    result = await shipOrder({
      number: parsed.data.order,
      carrier: parsed.data.carrier,
      trackingNumber: parsed.data.trackingNumber,
      actor,
    });
    back = "/ops/hub/packing?show=ship";
  } else if (intent === "cartons") {
    const parsed = parseWith(packSchema.extend({ intent: z.literal("cartons") }), form);
    if (!parsed.ok) return fail(400, parsed.errors.order ?? NONSENSE);
    const split = Object.fromEntries(
      Object.entries(values)
        .filter(([key]) => /^split:\d{1,12}$/.test(key))
        .map(([key, value]) => [key.slice("split:".length), value]),
    );
    result = await assignCartons({ number: parsed.data.order, split, actor });
    back = form.get("show") === "ship" ? "/ops/hub/packing?show=ship" : "/ops/hub/packing";
  } else {
    return fail(400, NONSENSE);
  }
  if (!result.ok) return fail(result.status === 502 ? 409 : result.status, result.message);
  return { ok: true, message: result.message, back };
}
