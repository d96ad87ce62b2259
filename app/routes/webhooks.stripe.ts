import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { receiveStripeWebhook } from "~/features/webhooks/stripe.server";
import { answerRefusals } from "~/lib/refusal.server";

/** Stripe posts events here; nothing else is served. */
export function loader(_args: LoaderFunctionArgs) {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}

/** The signature covers the exact bytes, so the body is read raw, never as a form or parsed JSON. */
export async function action(args: ActionFunctionArgs) {
  return answerRefusals(() => act(args));
}

async function act({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
  const answer = await receiveStripeWebhook(await request.text(), request.headers.get("stripe-signature"));
  return Response.json(answer.body, { status: answer.status, headers: { "Cache-Control": "no-store" } });
}
