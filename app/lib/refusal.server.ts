/**
 * Routes turn a domain Refusal (~/lib/refusal) into an HTTP answer here, in one way: a thrown
 * Response with the refusal's status and message, which Remix hands to the route's ErrorBoundary
 * (the same answer as the `throw new Response(message, { status })` modules used to write).
 */
import { Refusal } from "./refusal";

/** The HTTP answer for a refusal. */
export function refusalResponse(refusal: Refusal): Response {
  return new Response(refusal.message, { status: refusal.status });
}

/**
 * Runs a loader's or action's work, answering a Refusal thrown anywhere beneath it with its HTTP
 * answer; anything else (a Response, a redirect, a real error) passes through untouched:
 *
 *   export async function action(args: ActionFunctionArgs) {
 *     return answerRefusals(() => act(args));
 *   }
 *
 * (A plain function declaration, not `export const action = wrap(...)`: the browser build drops the
 * server exports only when nothing runs at the module's top level.)
 */
export async function answerRefusals<R>(work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refusal) throw refusalResponse(error);
    throw error;
  }
}
