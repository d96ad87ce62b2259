/** The production board: the requests the address asks for, and sending ticked requests back to dispatch. */
import { z } from "zod";
import type { StaffRole } from "#db/schema";
import { mayAct } from "~/domain/accounts";
import { boardQuerySchema } from "~/domain/production";
import { loadBoard, redispatchRequests } from "~/domain/production/index.server";
import type { Flash } from "~/lib/flash.server";
import { parseWith } from "~/lib/validation";

const PER_PAGE = 30;

/** One page of the board for the query string; a 400 for a query that makes no sense. `canAct`: may these roles re-dispatch. */
export async function loadProductionBoard(searchParams: URLSearchParams, roles: readonly StaffRole[]) {
  // A filter the board doesn't have (?status=, the orders list's word for it) would show every request as if filtered.
  const unknown = [...searchParams.keys()].find((key) => !(key in boardQuerySchema.shape));
  if (unknown !== undefined)
    throw new Response(`The board has no "${unknown}" filter: it filters by state (its tabs), late, county, product and channel.`, {
      status: 400,
    });
  const parsed = parseWith(boardQuerySchema, searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  const board = await loadBoard(parsed.data, PER_PAGE);
  return { query: parsed.data, canAct: mayAct("ops.production._index", roles), ...board };
}

export type ProductionBoardView = Awaited<ReturnType<typeof loadProductionBoard>>;

/**
 * Sends the ticked unassigned requests (`requestId`, at most 200) back to the dispatch engine, as
 * `actor`; the answer is where to go back to (the board as it was, `back`) and what to say there.
 */
export async function redispatchFromBoard(
  form: FormData,
  actor: string,
): Promise<{ ok: false; status: number; error: string } | { ok: true; back: string; flash: Flash }> {
  if (form.get("intent") !== "redispatch") throw new Response("Unknown action", { status: 400 });
  const ids = z.array(z.coerce.number().int().positive().max(2_147_483_647)).max(200).safeParse(form.getAll("requestId"));
  if (!ids.success) return { ok: false, status: 400, error: "Choose at most 200 requests at a time." };
  if (!ids.data.length) return { ok: false, status: 400, error: "Tick the requests to send back to dispatch first." };
  const result = await redispatchRequests({ ids: ids.data, actor });
  const back = safeBack(form.get("back"));
  if (!result.queued)
    return {
      ok: true,
      back,
      flash: {
        kind: "error",
        message: `Nothing was sent: ${result.skipped.join(", ")} ${result.skipped.length === 1 ? "is" : "are"} no longer waiting for an artisan.`,
      },
    };
  return {
    ok: true,
    back,
    flash: {
      kind: "success",
      message: `${result.queued} ${result.queued === 1 ? "request" : "requests"} sent to dispatch: offers go out within seconds (refresh to see them).${result.skipped.length ? ` Skipped, no longer waiting: ${result.skipped.join(", ")}.` : ""}`,
    },
  };
}

/** The board's own address to go back to, or the plain board: never another site or a header-splitting value. */
function safeBack(value: FormDataEntryValue | null) {
  return typeof value === "string" && value.startsWith("/ops/production") && !/[\\\u0000-\u001f]/.test(value) ? value : "/ops/production";
}
