/**
 * Post → redirect → get for the hub's forms: a successful action redirects with a one-time message
 * in the session cookie, and the next page load shows it once. Works with JavaScript off, and a
 * reload never submits the form again.
 */
import { data, redirect } from "@remix-run/node";
import { getSession, sessionStorage, type FlashData } from "~/utils/session.server";

export type Flash = FlashData["flash"];

export async function redirectWithFlash(request: Request, to: string, flash: Flash) {
  const session = await getSession(request);
  session.flash("flash", flash);
  return redirect(to, { headers: { "Set-Cookie": await sessionStorage().commitSession(session) } });
}

/** The loader's body plus the flash message (consumed: the cookie goes back without it). */
export async function withFlash<T extends Record<string, unknown>>(request: Request, body: T) {
  const session = await getSession(request);
  const flash = session.get("flash") ?? null;
  if (!flash) return { ...body, flash: null as Flash | null };
  return data({ ...body, flash: flash as Flash | null }, { headers: { "Set-Cookie": await sessionStorage().commitSession(session) } });
}
