/**
 * Africa's Talking callbacks (USSD, inbound SMS) carry no signature, so the callback URLs configured
 * in the AT dashboard end in `?token=<AT_CALLBACK_TOKEN>` and any request without it is refused:
 * nobody else can post "this phone accepted PR-50012". Demo mode uses a per-install token (see
 * env.server); with no token at all every callback is refused. The USSD menu also asks for the PIN.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { callbackToken } from "~/lib/env.server";
import { readForm } from "~/lib/validation";

export function callbackAllowed(request: Request): boolean {
  const expected = callbackToken("AT_CALLBACK_TOKEN");
  if (!expected) return false;
  const given = new URL(request.url).searchParams.get("token") ?? "";
  // Compare digests so the comparison takes the same time whatever the lengths.
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The callback's form fields as strings, or null when the body is not a form at all. */
export async function readCallbackForm(request: Request): Promise<Record<string, string> | null> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("application/x-www-form-urlencoded") && !type.includes("multipart/form-data")) return null;
  let form: FormData;
  try {
    form = await readForm(request);
  } catch {
    return null;
  }
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !(key in values)) values[key] = value;
  return values;
}

export function plainText(body: string, status = 200): Response {
  return new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
