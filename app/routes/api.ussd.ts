import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { answerUssdCallback } from "~/features/artisan-phone/ussd.server";
import { answerRefusals } from "~/lib/refusal.server";

/** Africa's Talking posts each USSD step here; nothing else is served. */
export function loader(_args: LoaderFunctionArgs) {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}

export async function action(args: ActionFunctionArgs) {
  return answerRefusals(() => act(args));
}

async function act({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
  return answerUssdCallback(request);
}
