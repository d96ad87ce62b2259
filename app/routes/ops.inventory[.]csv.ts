import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { levelsCsv, levelsQuerySchema } from "~/domain/inventory";
import { levelsForCsv } from "~/domain/inventory/index.server";
import { parseWith } from "~/lib/validation";

/** /ops/inventory.csv: the stock levels the inventory page's filters pick, as a download. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.inventory[.]csv", "loader");
  const parsed = parseWith(levelsQuerySchema, new URL(request.url).searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  const query = parsed.data;
  const csv = levelsCsv(await levelsForCsv({ q: query.q, locationId: query.location, low: query.low === "1" }));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="soko-inventory-levels.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
