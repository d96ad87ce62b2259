import { createCookie, createCookieSessionStorage } from "@remix-run/node";
import { env, secureCookies } from "./env.server";

const secure = secureCookies;

/** Who is signed in. Stateless: everything lives in the signed cookie, so any app process can answer. */
export type SessionData = {
  staffId?: number;
  customerId?: number;
  /** A fingerprint of the customer's password hash when they signed in: a new password ends every other session. */
  customerKey?: string;
  artisanId?: number;
  buyerId?: number;
};
export type FlashData = { flash: { kind: "success" | "error"; message: string } };

let storage: ReturnType<typeof createCookieSessionStorage<SessionData, FlashData>> | undefined;

export function sessionStorage() {
  storage ??= createCookieSessionStorage<SessionData, FlashData>({
    cookie: {
      name: "__soko_session",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: secure(),
      secrets: env().SESSION_SECRETS,
      maxAge: 60 * 60 * 24 * 30,
    },
  });
  return storage;
}

export type Session = Awaited<ReturnType<typeof getSession>>;

export function getSession(request: Request) {
  return sessionStorage().getSession(request.headers.get("Cookie"));
}

let cart: ReturnType<typeof createCookie> | undefined;

/** The cart id, signed; the cart itself is server-side. */
export function cartCookie() {
  cart ??= createCookie("__soko_cart", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secure(),
    secrets: env().SESSION_SECRETS,
    maxAge: 60 * 60 * 24 * 60,
  });
  return cart;
}
