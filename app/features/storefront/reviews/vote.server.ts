/**
 * POST /reviews/:id/helpful. The voter is the signed-in shopper's account, or else this browser's
 * voter cookie (a random id, made on the first vote). The cookie's name does not start with our
 * session prefix, so it never stops the shared page cache serving this browser, and the product page
 * never reads it: nothing personal reaches the shared page.
 */
import { randomUUID } from "node:crypto";
import { data, redirect } from "@remix-run/node";
import { signedInCustomerId } from "~/domain/accounts/index.server";
import { productReviewsPath } from "~/domain/reviews";
import { voteHelpful } from "~/domain/reviews/index.server";
import { clientAddress } from "~/lib/client-address";
import { env } from "~/lib/env.server";
import { isRefusal } from "~/lib/refusal";
import { idOrNull, readForm } from "~/lib/validation";

export const VOTER_COOKIE = "soko_voter";
const VOTER_ID = /^[0-9a-f-]{36}$/;

function voterCookie(request: Request): string | null {
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === VOTER_COOKIE && value && VOTER_ID.test(value)) return value;
  }
  return null;
}

export async function helpfulVoteAction(request: Request, idParam: string | undefined) {
  const reviewId = idOrNull(idParam);
  if (!reviewId) throw new Response("There is no review with that number.", { status: 404 });
  const form = await readForm(request);
  const wantsJson = form.get("reply") === "json";
  // From the reviews page, its page number: back there; from the product page (no page), back to it.
  const page = idOrNull(typeof form.get("page") === "string" ? (form.get("page") as string) : null);

  const customerId = await signedInCustomerId(request);
  const existing = voterCookie(request);
  const browser = existing ?? randomUUID();
  const voter = customerId ? `customer:${customerId}` : `browser:${browser}`;
  const headers = new Headers();
  if (!customerId && !existing) {
    const secure = new URL(env().PUBLIC_URL).protocol === "https:" ? "; Secure" : "";
    headers.append("Set-Cookie", `${VOTER_COOKIE}=${browser}; Path=/reviews; Max-Age=31536000; HttpOnly; SameSite=Lax${secure}`);
  }

  try {
    const result = await voteHelpful({ reviewId, voter, address: clientAddress(request.headers) });
    if (wantsJson) return data({ counted: result.counted, helpfulCount: result.helpfulCount }, { headers });
    const back = `${page === null ? `/products/${result.productHandle}` : productReviewsPath(result.productHandle, page)}#review-${reviewId}`;
    return redirect(back, { status: 303, headers });
  } catch (error) {
    if (!isRefusal(error)) throw error;
    if (wantsJson) return data({ error: error.message }, { status: error.status, headers });
    throw new Response(error.message, { status: error.status, headers });
  }
}
