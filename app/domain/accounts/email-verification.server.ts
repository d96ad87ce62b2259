/**
 * Proving a shopper's email before their guest orders join the account.
 *
 * Anyone can sign up with any address, so an account that has not proven its email sees only the
 * orders placed while signed in to it. Guest orders placed with the email (each still reachable by
 * its own signed status link) are attached when the account holder follows the link we email to that
 * address at sign-up (`/account/verify`), or sets a password from a reset link (which also reached
 * that inbox). From then on, each sign-in also attaches guest orders placed with the email since.
 *
 * The link is stateless: an HMAC (the session secret) of the customer, the email and the expiry, so
 * it needs no table; following it twice is harmless, and it dies if the account's email changes.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { queueEmail } from "~/domain/notifications/index.server";
import { db, schema, type Executor } from "~/lib/db.server";
import { env } from "~/lib/env.server";

export const VERIFY_PATH = "/account/verify";
export const VERIFY_LINK_DAYS = 7;
export const EMAIL_VERIFIED_ACTION = "customer.email_verified";

const { customers, orders, auditLog } = schema;

const mac = (secret: string, customerId: number, email: string, expires: number) =>
  createHmac("sha256", secret).update(`email-verify:${customerId}:${email.toLowerCase()}:${expires}`).digest("base64url");

/** `<customer id>.<expiry, epoch seconds>.<hmac>` */
export function verificationToken(customerId: number, email: string, now = new Date()): string {
  const expires = Math.floor(now.getTime() / 1000) + VERIFY_LINK_DAYS * 86_400;
  return `${customerId}.${expires}.${mac(env().SESSION_SECRETS[0], customerId, email, expires)}`;
}

export function verificationUrl(token: string): string {
  const url = new URL(VERIFY_PATH, env().PUBLIC_URL);
  url.searchParams.set("token", token);
  return url.toString();
}

/** Queues the "confirm your email" message (in the caller's transaction). */
export async function queueVerificationEmail(tx: Executor, customer: { id: number; email: string; name: string }, now = new Date()) {
  await queueEmail(tx, {
    template: "verify-email",
    to: customer.email,
    dedupeKey: `verify-email:${customer.id}:${now.getTime()}`,
    props: {
      customerName: customer.name || undefined,
      verifyUrl: verificationUrl(verificationToken(customer.id, customer.email, now)),
      expiresInDays: VERIFY_LINK_DAYS,
    },
  });
}

/** Sends the link again to a signed-in account that has not confirmed its email. */
export async function resendVerificationEmail(customerId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [customer] = await tx
      .select({ id: customers.id, email: customers.email, name: customers.name })
      .from(customers)
      .where(and(eq(customers.id, customerId), isNull(customers.emailVerifiedAt), isNotNull(customers.passwordHash)))
      .limit(1);
    if (!customer) return false;
    await queueVerificationEmail(tx, customer);
    return true;
  });
}

/**
 * Guest orders (no account) placed with the customer's email join the account: web orders, and
 * sales at the register whose contact email it is (the receipt's, or the register customer's
 * record's; docs/decisions/0022). Only for an account whose email is proven — never by a phone
 * number, which proves nothing about who signs up; returns the order numbers attached.
 */
export async function attachGuestOrders(tx: Executor, customerId: number): Promise<string[]> {
  const [customer] = await tx
    .select({ email: customers.email })
    .from(customers)
    .where(and(eq(customers.id, customerId), isNotNull(customers.emailVerifiedAt)))
    .limit(1);
  if (!customer) return [];
  const attached = await tx
    .update(orders)
    .set({ customerId })
    .where(
      and(
        isNull(orders.customerId),
        sql`lower(${orders.email}) = ${customer.email.toLowerCase()}`,
        inArray(orders.channel, ["web", "pos"]),
      ),
    )
    .returning({ number: orders.number });
  return attached.map((o) => o.number);
}

/** Marks the email proven (once) and attaches its guest orders; in the caller's transaction. */
export async function markEmailVerified(tx: Executor, customerId: number, now = new Date(), via = "link") {
  const [marked] = await tx
    .update(customers)
    .set({ emailVerifiedAt: now })
    .where(and(eq(customers.id, customerId), isNull(customers.emailVerifiedAt)))
    .returning({ email: customers.email });
  const attached = await attachGuestOrders(tx, customerId);
  if (marked || attached.length) {
    await tx.insert(auditLog).values({
      actor: `customer:${customerId}`,
      action: EMAIL_VERIFIED_ACTION,
      subject: `customer:${customerId}`,
      data: { via, attachedOrders: attached },
    });
  }
  return attached;
}

export type VerifyResult = { ok: true; customerId: number; attached: string[] } | { ok: false; reason: "invalid" | "expired" };

/** Follows a confirmation link: a good, unexpired token for the account's current email proves it. */
export async function confirmEmail(token: unknown, now = new Date()): Promise<VerifyResult> {
  const match = typeof token === "string" ? /^(\d{1,9})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token) : null;
  if (!match) return { ok: false, reason: "invalid" };
  const [customerId, expires] = [Number(match[1]), Number(match[2])];
  const [customer] = await db
    .select({ id: customers.id, email: customers.email })
    .from(customers)
    .where(and(eq(customers.id, customerId), isNotNull(customers.passwordHash)))
    .limit(1);
  if (!customer) return { ok: false, reason: "invalid" };
  const given = Buffer.from(match[3]);
  const good = env().SESSION_SECRETS.some((secret) => {
    const expected = Buffer.from(mac(secret, customer.id, customer.email, expires));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!good) return { ok: false, reason: "invalid" };
  if (expires * 1000 <= now.getTime()) return { ok: false, reason: "expired" };
  const attached = await db.transaction((tx) => markEmailVerified(tx, customer.id, now));
  return { ok: true, customerId: customer.id, attached };
}

/** Whether the account has proven its email (for the account page's notice). */
export async function isEmailVerified(customerId: number): Promise<boolean> {
  const [row] = await db.select({ at: customers.emailVerifiedAt }).from(customers).where(eq(customers.id, customerId)).limit(1);
  return Boolean(row?.at);
}
