import type { ActionFunctionArgs } from "@remix-run/node";
import { helpfulVoteAction } from "~/features/storefront/reviews/vote.server";

/** "Was this helpful?" on a product page's review (no page of its own). */
export async function action({ request, params }: ActionFunctionArgs) {
  return helpfulVoteAction(request, params.id);
}
