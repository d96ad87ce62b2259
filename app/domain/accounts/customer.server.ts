/**
 * Optional shopper accounts: sign up, sign in, sign out, and the account's own order history.
 *
 * Sessions are the server-side ones of ~/lib/session.server: signing in makes a new one, signing
 * out deletes it, "sign out everywhere" deletes all of the customer's, and a new password (a reset)
 * ends them all in the database itself. Sign-ins are throttled per email and per client address like
 * staff's (./throttle.server); failures are audited (`customer.login_failed`).
 *
 * Orders are visible here only when `orders.customer_id` is this account. Signing up makes no
 * account: it emails a link, and following it makes the account with its email proven, attaching
 * the guest orders placed with it (./signup.server, docs/decisions/0029); an email that has an
 * account gets the same answer and its owner an email. Accounts made before that prove their email
 * by the link on the account page or a reset link (./email-verification.server). Guests keep their
 * signed status links.
 */
import { and, count, desc, eq, gt, isNotNull, ne, sql } from "drizzle-orm";
import { redirect } from "@remix-run/node";
import { hashSecret, needsRehash, verifyAgainstNothing, verifySecret } from "./password.server";
import { attachGuestOrders } from "./email-verification.server";
import { normalizeEmail, safeRedirect } from "./staff.server";
import { GIFT_CARD_SKU } from "~/domain/giftcards";
import { db, schema } from "~/lib/db.server";
import { endAllSessions, endSession, getSession, sessionIdHashFrom, startSession, type Flash } from "~/lib/session.server";
import { THROTTLES, attemptSucceeded, beginAttempt, counters, throttled, type SignInRefusal } from "./throttle.server";

/** Failures per email before it is locked (THROTTLES.customerPassword). */
export const MAX_FAILED_LOGINS = THROTTLES.customerPassword.maxFailures;

export const ACCOUNT_PATH = "/account";
export const LOGIN_PATH = "/account/login";
export const LOGIN_FAILED_ACTION = "customer.login_failed";
export const LOGIN_OK_ACTION = "customer.login";
export const SIGNUP_ACTION = "customer.signup";
export const MIN_PASSWORD_LENGTH = 8;
export const ORDERS_PAGE_SIZE = 10;

const { customers, orders, orderLines, giftCards, auditLog, sessions } = schema;

/** A signed-in shopper, without the password hash. */
export type Customer = { id: number; email: string; name: string; createdAt: Date };

const customerColumns = { id: customers.id, email: customers.email, name: customers.name, createdAt: customers.createdAt };

/** Where to go after signing in or up: a path on this site, else the account page. */
export function accountRedirect(to: FormDataEntryValue | string | null | undefined) {
  return safeRedirect(to, ACCOUNT_PATH);
}

/** The shopper signed in on this request (an account with a password), or null. */
export async function getCustomer(request: Request): Promise<Customer | null> {
  const session = await getSession(request);
  const customerId = session.get("customerId");
  if (typeof customerId !== "number") return null;
  const [customer] = await db
    .select(customerColumns)
    .from(customers)
    .where(and(eq(customers.id, customerId), isNotNull(customers.passwordHash)))
    .limit(1);
  return customer ?? null;
}

/**
 * The name of the shopper a Cookie header is signed in as (an account with a password; "" when she
 * gave none), or null for anyone else: one read joining the live session to its customer, for the
 * storefront header on every page. Unlike getCustomer it does not move the session's idle deadline.
 */
export async function signedInCustomerName(cookieHeader: string | null | undefined): Promise<string | null> {
  const idHash = await sessionIdHashFrom(cookieHeader);
  if (!idHash) return null;
  const [row] = await db
    .select({ name: customers.name })
    .from(sessions)
    .innerJoin(customers, eq(customers.id, sessions.customerId))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, new Date()), isNotNull(customers.passwordHash)))
    .limit(1);
  return row ? row.name : null;
}

/** The signed-in shopper's id, or null (a guest, or a session a password change ended). */
export async function signedInCustomerId(request: Request): Promise<number | null> {
  return (await getCustomer(request))?.id ?? null;
}

/** A new session for the customer (see startSession: nothing from before carries over); the Set-Cookie header. */
export async function startCustomerSession(request: Request, customerId: number, options: { flash?: Flash } = {}) {
  return startSession(request, { kind: "customer", id: customerId }, options);
}

/** The signed-in shopper, or a thrown redirect to the login page that comes back here afterwards. */
export async function requireCustomer(request: Request): Promise<Customer> {
  const customer = await getCustomer(request);
  if (customer) return customer;
  const url = new URL(request.url);
  const back = request.method === "GET" ? `${url.pathname}${url.search}` : url.pathname;
  throw redirect(`${LOGIN_PATH}?${new URLSearchParams({ redirectTo: back })}`);
}

export type LoginResult = { ok: true; customer: Customer } | SignInRefusal;

/**
 * Checks an email and password. Unknown email, a guest record without a password and a wrong
 * password give the same answer in about the same time. Every attempt is counted against the email
 * and the client address before anything is checked; a locked one is refused unchecked
 * (THROTTLES.customerPassword, THROTTLES.passwordAddress). A good sign-in clears the email's count.
 */
export async function authenticateCustomer(input: {
  email: string;
  password: string;
  address?: string | null;
  now?: Date;
}): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const subject = subjectFor(email);
  const gate = await beginAttempt(
    counters({ rule: THROTTLES.customerPassword, key: email }, { rule: THROTTLES.passwordAddress, address: input.address }),
    input.now,
  );
  if (!gate.ok) return throttled(gate);

  const [user] = await db
    .select({ ...customerColumns, passwordHash: customers.passwordHash })
    .from(customers)
    .where(sql`lower(${customers.email}) = ${email}`)
    .limit(1);
  const passwordOk = user?.passwordHash
    ? await verifySecret(input.password, user.passwordHash)
    : await verifyAgainstNothing(input.password);
  if (!user?.passwordHash || !passwordOk) {
    const reason = !user ? "unknown_email" : !user.passwordHash ? "no_password" : "wrong_password";
    await db
      .insert(auditLog)
      .values({ actor: "anonymous", action: LOGIN_FAILED_ACTION, subject, data: { reason, address: input.address ?? null } });
    return { ok: false, reason: "invalid" };
  }
  await attemptSucceeded(gate);
  if (needsRehash(user.passwordHash)) {
    await db
      .update(customers)
      .set({ passwordHash: await hashSecret(input.password) })
      .where(eq(customers.id, user.id));
  }
  await db.insert(auditLog).values({ actor: `customer:${user.id}`, action: LOGIN_OK_ACTION, subject, data: {} });
  // A proven email: guest orders placed with it since the last visit join the account (none otherwise).
  await attachGuestOrders(db, user.id);
  const { passwordHash: _hash, ...customer } = user;
  return { ok: true, customer };
}

/** Signs the shopper in and sends them on: a 303 that carries the new session's cookie. */
export async function signInCustomer(request: Request, customer: Pick<Customer, "id">, redirectTo: string | null | undefined) {
  const cookie = await startCustomerSession(request, customer.id);
  return redirect(accountRedirect(redirectTo), { status: 303, headers: { "Set-Cookie": cookie } });
}

/** Signs the shopper out (the session is deleted: every copy of the cookie) and returns to the login page. */
export async function signOutCustomer(request: Request) {
  const cookie = await endSession(request, { flash: { kind: "success", message: "You've signed out." } });
  return redirect(LOGIN_PATH, { status: 303, headers: { "Set-Cookie": cookie } });
}

/** Ends every session of the signed-in shopper, on every device, this one included. */
export async function signOutCustomerEverywhere(request: Request) {
  const customer = await requireCustomer(request);
  const ended = await endAllSessions({ kind: "customer", id: customer.id });
  await db.insert(auditLog).values({
    actor: `customer:${customer.id}`,
    action: "customer.signed_out_everywhere",
    subject: `customer:${customer.id}`,
    data: { sessions: ended },
  });
  const cookie = await endSession(request, { flash: { kind: "success", message: "You've been signed out on every device." } });
  return redirect(LOGIN_PATH, { status: 303, headers: { "Set-Cookie": cookie } });
}

export type AccountOrder = {
  number: string;
  placedAt: Date;
  status: string;
  total: number;
  currency: string;
  inStore: boolean;
  /** Gift cards only (nothing to ship): the list says whether they are sent, not "Confirmed" for ever. */
  giftCardsOnly: boolean;
  /** Its gift cards not yet emailed (a later send day). */
  cardsToSend: number;
};

/**
 * One page of this customer's orders, newest first. Only orders attached to the account: the
 * query is scoped by customer id, never by email. A page past the end has no rows (the page says so).
 * Sales at the register are listed only once the account's email is proven (`emailVerified`): a
 * register customer's record claimed by a sign-up with its email is not yet proven to be theirs.
 */
export async function customerOrders(customerId: number, page: number, { emailVerified }: { emailVerified: boolean }) {
  const mine = emailVerified ? eq(orders.customerId, customerId) : and(eq(orders.customerId, customerId), ne(orders.channel, "pos"));
  const [{ total }] = await db.select({ total: count() }).from(orders).where(mine);
  const pageCount = Math.max(1, Math.ceil(total / ORDERS_PAGE_SIZE));
  const rows: AccountOrder[] =
    total === 0
      ? []
      : await db
          .select({
            number: orders.number,
            placedAt: orders.placedAt,
            status: orders.status,
            total: orders.total,
            currency: orders.currency,
            inStore: sql<boolean>`${orders.channel} = 'pos'`,
            giftCardsOnly: sql<boolean>`exists (select 1 from ${orderLines} l where l.order_id = ${orders.id})
              and not exists (select 1 from ${orderLines} l where l.order_id = ${orders.id} and l.sku <> ${GIFT_CARD_SKU})`,
            cardsToSend: sql<number>`(select count(*)::int from ${giftCards} g where g.order_id = ${orders.id} and g.sealed_code is not null)`,
          })
          .from(orders)
          .where(mine)
          .orderBy(desc(orders.placedAt), desc(orders.id))
          .limit(ORDERS_PAGE_SIZE)
          .offset((page - 1) * ORDERS_PAGE_SIZE);
  return { orders: rows, total, page, pageCount };
}

function subjectFor(email: string) {
  return `customer-login:${email}`;
}
