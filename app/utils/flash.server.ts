/**
 * One-time messages after an action (post → redirect → get), kept in the session cookie's flash:
 * the next page shows it once, a reload never repeats the POST, and it works with JavaScript off.
 */
import { data, redirect } from "@remix-run/node";
import { getSession, sessionStorage, type FlashData } from "./session.server";

export type Flash = FlashData["flash"];

export async function redirectWithFlash(request: Request, to: string, flash: Flash) {
  const session = await getSession(request);
  session.flash("flash", flash);
  return redirect(to, { headers: { "Set-Cookie": await sessionStorage().commitSession(session) } });
}

/** The loader's body plus the flash, if any; reading it consumes it, so the cookie goes back without it. */
export async function withFlash<T extends Record<string, unknown>>(request: Request, body: T) {
  const session = await getSession(request);
  const flash = (session.get("flash") as Flash | undefined) ?? null;
  if (!flash) return data({ ...body, flash: null as Flash | null });
  return data({ ...body, flash: flash as Flash | null }, { headers: { "Set-Cookie": await sessionStorage().commitSession(session) } });
}
