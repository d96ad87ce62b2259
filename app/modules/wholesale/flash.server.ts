/** One-time messages after a redirect (post/redirect/get), in the shared session cookie. */
import { redirect } from "@remix-run/node";
import { getSession, sessionStorage, type FlashData } from "~/utils/session.server";

export type Flash = FlashData["flash"];

/** The flash message, if any, and the Set-Cookie header that consumes it. */
export async function readFlash(request: Request): Promise<{ flash: Flash | null; headers: HeadersInit }> {
  const session = await getSession(request);
  const flash = session.get("flash") ?? null;
  if (!flash) return { flash: null, headers: {} };
  return { flash, headers: { "Set-Cookie": await sessionStorage().commitSession(session) } };
}

/** A 303 to `to` carrying a message for the next page (plus any other cookies). */
export async function redirectWithFlash(request: Request, to: string, flash: Flash, extraCookies: string[] = []) {
  const session = await getSession(request);
  session.flash("flash", flash);
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionStorage().commitSession(session));
  for (const c of extraCookies) headers.append("Set-Cookie", c);
  return redirect(to, { status: 303, headers });
}
