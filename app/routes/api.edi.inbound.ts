import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { partnerForToken, receiveInterchange } from "~/domain/edi/index.server";

const METHOD_NOT_ALLOWED = () => new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });

/** Trading partners POST X12 here; nothing else is served. */
export function loader(_args: LoaderFunctionArgs) {
  return METHOD_NOT_ALLOWED();
}

/**
 * One interchange per POST, the raw X12 as the body (the HTTP server caps it at 5 MB), with the
 * partner's bearer token (`Authorization: Bearer <id>.<secret>`, issued on its page in ops). The
 * answer says what became of each transaction set; the 997 and 855 follow by the partner's own route.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return METHOD_NOT_ALLOWED();
  const partner = await partnerForToken(request.headers.get("Authorization"));
  const headers = { "Cache-Control": "no-store" };
  if (!partner)
    return Response.json(
      { error: "A valid partner token is required." },
      { status: 401, headers: { ...headers, "WWW-Authenticate": 'Bearer realm="edi"' } },
    );
  const result = await receiveInterchange({
    raw: await request.text(),
    source: "http",
    actor: `edi_partner:${partner.id}`,
    partnerId: partner.id,
  });
  if (!result.ok) return Response.json({ error: result.message }, { status: result.status, headers });
  return Response.json(
    {
      interchange: result.interchangeId,
      duplicate: result.duplicate,
      status: result.status,
      sets: result.sets.map(({ type, control, status, poNumber, problems }) => ({
        type,
        control,
        status,
        poNumber,
        problems: problems.map((p) => p.message),
      })),
    },
    { status: result.duplicate ? 200 : 202, headers },
  );
}
