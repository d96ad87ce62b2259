import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { isCallbackKind, receiveMpesaWebhook } from "~/domain/payouts/index.server";

const notAllowed = () => new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });

/**
 * Daraja posts B2C results to /webhooks/mpesa/result and queue timeouts to /webhooks/mpesa/timeout;
 * the answers to our transaction status queries to /webhooks/mpesa/status and /webhooks/mpesa/status-timeout.
 */
export function loader({ params }: LoaderFunctionArgs) {
  if (!isCallbackKind(params.kind)) throw new Response("Not Found", { status: 404 });
  return notAllowed();
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (!isCallbackKind(params.kind)) throw new Response("Not Found", { status: 404 });
  if (request.method !== "POST") return notAllowed();
  const answer = await receiveMpesaWebhook({
    kind: params.kind,
    rawBody: await request.text(),
    token: new URL(request.url).searchParams.get("token"),
  });
  return Response.json(answer.body, { status: answer.status, headers: { "Cache-Control": "no-store" } });
}
