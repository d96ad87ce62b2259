/**
 * Buyer sign-in for the wholesale portal. A buyer belongs to one retailer (the organisation); only
 * buyers of an approved retailer, with a password set, get in. Sessions are server-side
 * (~/lib/session.server; a new password or a retailer no longer approved ends them); sign-ins are
 * throttled per email and per client address like staff and shopper sign-ins
 * (~/domain/accounts/throttle.server), and failures are audited.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { redirect } from "@remix-run/node";
import type { Retailer } from "#db/schema";
import { hashSecret, needsRehash, verifyAgainstNothing, verifySecret } from "~/domain/accounts/index.server";
import { normalizeEmail, safeRedirect } from "~/domain/accounts/index.server";
import { THROTTLES, attemptSucceeded, beginAttempt, counters, throttled, type SignInRefusal } from "~/domain/accounts/index.server";
import { db, schema, type Executor } from "~/lib/db.server";
import { endSession, getSession, startSession } from "~/lib/session.server";

export const BUYER_LOGIN_PATH = "/wholesale/login";
export const BUYER_HOME = "/wholesale/catalog";
export const LOGIN_FAILED_ACTION = "buyer.login_failed";
export const LOGIN_OK_ACTION = "buyer.login";
export const INVITE_DAYS = 7;
export { MIN_PASSWORD_LENGTH } from "./forms";

const { buyerUsers, retailers, auditLog } = schema;

export type Buyer = { id: number; email: string; name: string; retailerId: number };
export type BuyerContext = { buyer: Buyer; retailer: Retailer };

/** The signed-in buyer and their (approved) retailer, or null. */
export async function getBuyer(request: Request): Promise<BuyerContext | null> {
  const session = await getSession(request);
  const buyerId = session.get("buyerId");
  if (typeof buyerId !== "number") return null;
  const [row] = await db
    .select({
      buyer: {
        id: buyerUsers.id,
        email: buyerUsers.email,
        name: buyerUsers.name,
        retailerId: buyerUsers.retailerId,
        passwordHash: buyerUsers.passwordHash,
      },
      retailer: retailers,
    })
    .from(buyerUsers)
    .innerJoin(retailers, eq(retailers.id, buyerUsers.retailerId))
    .where(eq(buyerUsers.id, buyerId))
    .limit(1);
  if (!row?.buyer.passwordHash || row.retailer.status !== "approved") return null;
  const { passwordHash: _hash, ...buyer } = row.buyer;
  return { buyer, retailer: row.retailer };
}

/**
 * The signed-in buyer of an approved retailer, or a thrown redirect to the login page that comes
 * back here afterwards. Every /wholesale loader and action behind the login calls this first, and
 * scopes its queries by `retailer.id`.
 */
export async function requireBuyer(request: Request): Promise<BuyerContext> {
  const context = await getBuyer(request);
  if (context) return context;
  const url = new URL(request.url);
  const back = request.method === "GET" ? `${url.pathname}${url.search}` : url.pathname;
  throw redirect(`${BUYER_LOGIN_PATH}?${new URLSearchParams({ redirectTo: back })}`);
}

export type BuyerLoginResult = { ok: true; buyer: Buyer } | SignInRefusal;

/**
 * Checks an email and password. Unknown email, no password yet, wrong password and a retailer that
 * is not approved all give the same answer in about the same time. Every attempt is counted against
 * the email and the client address before anything is checked; a locked one is refused unchecked
 * (THROTTLES.buyerPassword, THROTTLES.passwordAddress). A good sign-in clears the email's count.
 */
export async function authenticateBuyer(input: {
  email: string;
  password: string;
  address?: string | null;
  now?: Date;
}): Promise<BuyerLoginResult> {
  const email = normalizeEmail(input.email);
  const subject = loginSubject(email);
  const gate = await beginAttempt(
    counters({ rule: THROTTLES.buyerPassword, key: email }, { rule: THROTTLES.passwordAddress, address: input.address }),
    input.now,
  );
  if (!gate.ok) return throttled(gate);
  const [row] = await db
    .select({
      id: buyerUsers.id,
      email: buyerUsers.email,
      name: buyerUsers.name,
      retailerId: buyerUsers.retailerId,
      passwordHash: buyerUsers.passwordHash,
      status: retailers.status,
    })
    .from(buyerUsers)
    .innerJoin(retailers, eq(retailers.id, buyerUsers.retailerId))
    .where(eq(buyerUsers.email, email))
    .limit(1);
  const passwordOk = row?.passwordHash ? await verifySecret(input.password, row.passwordHash) : await verifyAgainstNothing(input.password);
  if (!row?.passwordHash || !passwordOk || row.status !== "approved") {
    const reason = !row ? "unknown_email" : !row.passwordHash ? "no_password" : !passwordOk ? "wrong_password" : `retailer_${row.status}`;
    await db
      .insert(auditLog)
      .values({ actor: "anonymous", action: LOGIN_FAILED_ACTION, subject, data: { reason, address: input.address ?? null } });
    return { ok: false, reason: "invalid" };
  }
  await attemptSucceeded(gate);
  if (needsRehash(row.passwordHash))
    await db
      .update(buyerUsers)
      .set({ passwordHash: await hashSecret(input.password) })
      .where(eq(buyerUsers.id, row.id));
  await db.insert(auditLog).values({ actor: `buyer:${row.id}`, action: LOGIN_OK_ACTION, subject, data: {} });
  return { ok: true, buyer: { id: row.id, email: row.email, name: row.name, retailerId: row.retailerId } };
}

/** Where to go after signing in: a path inside the portal, else the catalog. */
export function buyerRedirect(to: FormDataEntryValue | string | null | undefined) {
  const target = safeRedirect(to, BUYER_HOME);
  return target === "/wholesale" || target.startsWith("/wholesale/") ? target : BUYER_HOME;
}

/** Signs the buyer in (a new session) and sends them on. */
export async function signInBuyer(request: Request, buyerId: number, redirectTo: string | null | undefined) {
  const cookie = await startSession(request, { kind: "buyer", id: buyerId });
  return redirect(buyerRedirect(redirectTo), { status: 303, headers: { "Set-Cookie": cookie } });
}

/** Signs the buyer out: the session is deleted, so every copy of the cookie stops working. */
export async function signOutBuyer(request: Request) {
  const cookie = await endSession(request, { flash: { kind: "success", message: "You've signed out." } });
  return redirect(BUYER_LOGIN_PATH, { status: 303, headers: { "Set-Cookie": cookie } });
}

// ---------------------------------------------------------------------------------------------
// Invitations: a random token in the link, only its hash in the database, valid for seven days.

export function hashInviteToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

export function newInviteToken(now = new Date()) {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashInviteToken(token), expiresAt: new Date(now.getTime() + INVITE_DAYS * 86_400_000) };
}

export function inviteUrl(baseUrl: string, token: string) {
  return new URL(`/wholesale/invite/${token}`, baseUrl).toString();
}

/** The buyer a live invitation token belongs to (not used, not expired, retailer approved), or null. */
export async function findInvitation(token: string, now = new Date(), executor: Executor = db) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await executor
    .select({
      id: buyerUsers.id,
      email: buyerUsers.email,
      name: buyerUsers.name,
      retailerId: buyerUsers.retailerId,
      retailerName: retailers.name,
      status: retailers.status,
    })
    .from(buyerUsers)
    .innerJoin(retailers, eq(retailers.id, buyerUsers.retailerId))
    .where(and(eq(buyerUsers.inviteTokenHash, hashInviteToken(token)), gt(buyerUsers.inviteExpiresAt, now), isNull(buyerUsers.acceptedAt)))
    .limit(1);
  return row && row.status === "approved" ? row : null;
}

/** Sets the invited buyer's password and uses up the token (once: a second use finds nothing). */
export async function acceptInvitation(token: string, input: { name: string; password: string }, now = new Date()): Promise<Buyer | null> {
  const passwordHash = await hashSecret(input.password);
  return db.transaction(async (tx) => {
    const invitation = await findInvitation(token, now, tx);
    if (!invitation) return null;
    const [buyer] = await tx
      .update(buyerUsers)
      .set({ passwordHash, name: input.name, acceptedAt: now, inviteTokenHash: null, inviteExpiresAt: null })
      .where(and(eq(buyerUsers.id, invitation.id), isNull(buyerUsers.acceptedAt)))
      .returning({ id: buyerUsers.id, email: buyerUsers.email, name: buyerUsers.name, retailerId: buyerUsers.retailerId });
    if (!buyer) return null;
    await tx.insert(auditLog).values({
      actor: `buyer:${buyer.id}`,
      action: "buyer.invitation_accepted",
      subject: `retailer:${buyer.retailerId}`,
      data: { email: buyer.email },
    });
    return buyer;
  });
}

function loginSubject(email: string) {
  return `buyer-login:${email}`;
}
