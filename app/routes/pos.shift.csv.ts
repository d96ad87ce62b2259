import type { LoaderFunctionArgs } from "@remix-run/node";
import { shiftDetail } from "~/domain/pos/index.server";
import { requirePosStaff } from "~/domain/pos/index.server";
import { shiftCsv } from "~/domain/pos";
import { idOrNull } from "~/lib/validation";

/** GET /pos/shift/csv?shift=12: the shift report and every tender, as a spreadsheet. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePosStaff(request);
  const raw = new URL(request.url).searchParams.get("shift") ?? "";
  const id = idOrNull(raw);
  if (!id) return new Response("Say which shift: /pos/shift/csv?shift=<number>.", { status: 400 });
  const detail = await shiftDetail(id);
  if (!detail) return new Response(`There is no shift ${raw}.`, { status: 404 });
  const { shift, report, tenders } = detail;
  const csv = shiftCsv(
    {
      id: shift.id,
      register: shift.register,
      openedAt: shift.openedAt,
      closedAt: shift.closedAt,
      openedBy: shift.openedBy,
      closedBy: shift.closedBy,
    },
    report,
    tenders,
  );
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="soko-sf-shift-${shift.id}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
