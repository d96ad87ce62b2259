import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { auditQuerySchema } from "~/features/ops/audit-filter";
import { auditCsv } from "~/features/ops/audit-log.server";
import { parseWith } from "~/lib/validation";

/**
 * /ops/audit.csv: the audit log the page's filters pick, as a download. A resource route of its own:
 * a page's loader answering a file is drawn as the page (with no data) when the browser opens it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.audit[.]csv", "loader");
  const parsed = parseWith(auditQuerySchema, new URL(request.url).searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  const { page: _page, format: _format, ...filter } = parsed.data;
  return new Response(await auditCsv(filter), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="soko-audit-log.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
