import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { receiveInboundSms } from "~/features/artisan-phone/inbound.server";
import { answerRefusals } from "~/lib/refusal.server";

/** Africa's Talking posts SMS sent to Soko's short code here; nothing else is served. */
export function loader(_args: LoaderFunctionArgs) {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}

export async function action(args: ActionFunctionArgs) {
  return answerRefusals(() => act(args));
}

async function act({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
  return receiveInboundSms(request);
}
