/**
 * One-time messages after an action (post → redirect → get), the one way to flash: the action
 * redirects with the message, the next page's loader reads it once (reading consumes it), a reload
 * never repeats the POST, and it works with JavaScript off. The message lives in the server-side
 * session (~/lib/session.server): a visitor nobody signed in as gets a short-lived session that
 * holds only the message. Signing in or out carries a message through startSession/endSession.
 */
import { data, redirect } from "@remix-run/node";
import { getSession, sessionStorage, type Flash } from "./session.server";

export type { Flash } from "./session.server";

export type FlashRedirectOptions = {
  /**
   * 302 (the default: the consoles, the register and the artisan app) or 303 (the storefront and
   * the wholesale portal answer their forms with See Other). Browsers follow both with a GET.
   */
  status?: 302 | 303;
  /** Other cookies to set on the same answer (the wholesale portal's working draft). */
  cookies?: string[];
};

/** A redirect to `to` carrying `flash` for the next page. */
export async function redirectWithFlash(request: Request, to: string, flash: Flash, options: FlashRedirectOptions = {}) {
  const session = await getSession(request);
  session.flash("flash", flash);
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionStorage().commitSession(session));
  for (const cookie of options.cookies ?? []) headers.append("Set-Cookie", cookie);
  return redirect(to, { status: options.status ?? 302, headers });
}

/** The flash message, if any, and the headers that consume it (empty when there is none). */
export async function readFlash(request: Request): Promise<{ flash: Flash | null; headers: HeadersInit }> {
  const session = await getSession(request);
  const flash = session.get("flash") ?? null;
  if (!flash) return { flash: null, headers: {} };
  return { flash, headers: { "Set-Cookie": await sessionStorage().commitSession(session) } };
}

/** A loader's body plus `flash` (the message or null), with the headers that consume it. */
export async function withFlash<T extends Record<string, unknown>>(request: Request, body: T) {
  const { flash, headers } = await readFlash(request);
  return data({ ...body, flash }, { headers });
}
