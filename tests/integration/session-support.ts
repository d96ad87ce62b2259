/**
 * Signed-in cookies for tests: a real server-side session, made the way every sign-in makes one
 * (startSession), without going through a login form. Returns the `name=value` for a Cookie header.
 */
import { startSession, type SessionUser } from "~/lib/session.server";

export async function sessionCookie(user: SessionUser) {
  return (await startSession(null, user)).split(";")[0];
}

export const staffSessionCookie = (staffId: number) => sessionCookie({ kind: "staff", id: staffId });
export const customerSessionCookie = (customerId: number) => sessionCookie({ kind: "customer", id: customerId });
export const artisanSessionCookie = (artisanId: number) => sessionCookie({ kind: "artisan", id: artisanId });
export const buyerSessionCookie = (buyerId: number) => sessionCookie({ kind: "buyer", id: buyerId });
