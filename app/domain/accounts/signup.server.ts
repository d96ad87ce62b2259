/**
 * Sign-up that tells nobody whether an email already has an account (docs/decisions/0029).
 *
 * 1. requestSignUp (the /account/signup form, and checkout's "Create an account" tick through
 *    recordSignUp): the same work and the same answer for every email — counted against the email and
 *    the client address, the password hashed, one row in customer_signups and a job, nothing else.
 *    No account is made and nobody is signed in.
 * 2. issueSignUp (that job, `customer_signup`): if the email has an account (one with a password), the
 *    row is revoked and, for the sign-up page, the owner is told someone tried ("sign in or reset your
 *    password"); the account itself is untouched. Otherwise a link is issued (only its SHA-256 is
 *    stored; older pending links for the email are revoked) and emailed.
 * 3. confirmSignUp (the link, at /account/verify): a live token, once, makes the account — or claims
 *    a password-less customer record the register made for the email — with the email proven, so the
 *    guest orders placed with it join; the route then signs the new account in.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNotNull, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { z } from "zod";
import { queueEmail } from "~/domain/notifications/index.server";
import { db, schema, type Executor } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { enqueueJob } from "~/lib/jobs/enqueue.server";
import { LOGIN_PATH, SIGNUP_ACTION, type Customer } from "./customer.server";
import { VERIFY_PATH, markEmailVerified } from "./email-verification.server";
import { hashSecret } from "./password.server";
import { FORGOT_PATH } from "./password-reset";
import { normalizeEmail } from "./staff.server";
import { THROTTLES, beginAttempt, counters } from "./throttle.server";
import { tryAgainIn } from "./throttle-rules";

/** A sign-up link works for two days. */
export const SIGNUP_LINK_DAYS = 2;
export const SIGNUP_TASK = "customer_signup" as const;
export const SIGNUP_REQUESTED_ACTION = "customer.signup_requested";
export const SIGNUP_ATTEMPT_ON_ACCOUNT_ACTION = "customer.signup_on_existing_account";

const { customers, customerSignups, auditLog } = schema;

/** 32 random bytes, base64url: 43 characters (the legacy confirmation links are `id.expiry.mac`). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function isSignUpToken(token: unknown): token is string {
  return typeof token === "string" && TOKEN_PATTERN.test(token);
}

export function hashSignUpToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** The answer to a throttled sign-up, with when to come back (the same for any email). */
export function signUpThrottledMessage(lockedUntil: Date, now = new Date()) {
  return `Too many sign-ups for this email or from your network. ${tryAgainIn(lockedUntil, now)}`;
}

export type SignUpRequest = { ok: true } | { ok: false; reason: "throttled"; lockedUntil: Date };

/**
 * The sign-up form: counted per email and per client address before anything else (refused ones are
 * not counted), then recordSignUp. What happens next is the job's business, so the answer — and the
 * work done before it — is the same whether or not the email has an account.
 */
export async function requestSignUp(input: {
  email: string;
  name: string;
  password: string;
  address: string | null;
  now?: Date;
}): Promise<SignUpRequest> {
  const email = normalizeEmail(input.email);
  const gate = await beginAttempt(
    counters({ rule: THROTTLES.signupEmail, key: email }, { rule: THROTTLES.signupAddress, address: input.address }),
    input.now,
  );
  if (!gate.ok) return { ok: false, reason: "throttled", lockedUntil: gate.lockedUntil };
  const passwordHash = await hashSecret(input.password); // before the transaction: ~40 ms of CPU, on every path
  await db.transaction((tx) => recordSignUp(tx, { email, name: input.name, passwordHash, source: "signup", address: input.address }));
  return { ok: true };
}

/** A pending sign-up and the job that handles it, in the caller's transaction (also checkout's). */
export async function recordSignUp(
  tx: Executor,
  input: { email: string; name: string; passwordHash: string; source: "signup" | "checkout"; address?: string | null },
) {
  const email = normalizeEmail(input.email);
  const [row] = await tx
    .insert(customerSignups)
    .values({ email, name: input.name.trim(), passwordHash: input.passwordHash, source: input.source })
    .returning({ id: customerSignups.id });
  await tx.insert(auditLog).values({
    actor: "anonymous",
    action: SIGNUP_REQUESTED_ACTION,
    subject: `customer-login:${email}`,
    data: { signupId: row.id, source: input.source, address: input.address ?? null },
  });
  await enqueueJob(tx, SIGNUP_TASK, { signupId: row.id }, { jobKey: `customer-signup:${row.id}`, maxAttempts: 5 });
  return row.id;
}

export type IssuedSignUp = { kind: "link"; token: string } | { kind: "account-exists" } | null;

/**
 * The job: a link for an email without an account, or a word to the owner of the account that has
 * it. The token is returned for tests only: what is stored is its hash, and it travels in the email.
 */
export async function issueSignUp(signupId: number, options: { now?: Date } = {}): Promise<IssuedSignUp> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx): Promise<IssuedSignUp> => {
    const [signup] = await tx
      .select()
      .from(customerSignups)
      .where(and(eq(customerSignups.id, signupId), isNull(customerSignups.tokenHash), isNull(customerSignups.revokedAt)))
      .for("update")
      .limit(1);
    if (!signup) return null; // handled already (a retried job), or revoked by a newer one
    const [account] = await tx
      .select({ id: customers.id, email: customers.email, name: customers.name })
      .from(customers)
      .where(and(sql`lower(${customers.email}) = ${signup.email}`, isNotNull(customers.passwordHash)))
      .limit(1);
    if (account) {
      await tx.update(customerSignups).set({ revokedAt: now, passwordHash: null }).where(eq(customerSignups.id, signup.id));
      await tx.insert(auditLog).values({
        actor: "anonymous",
        action: SIGNUP_ATTEMPT_ON_ACCOUNT_ACTION,
        subject: `customer:${account.id}`,
        data: { signupId: signup.id, source: signup.source },
      });
      // At checkout the order's confirmation tells the owner where to find it; from the sign-up page, this.
      if (signup.source === "signup") {
        const base = env().PUBLIC_URL;
        await queueEmail(tx, {
          template: "signup-attempt",
          to: account.email,
          dedupeKey: `signup-attempt:${signup.id}`,
          props: {
            customerName: account.name || undefined,
            signInUrl: new URL(LOGIN_PATH, base).toString(),
            resetUrl: new URL(FORGOT_PATH, base).toString(),
          },
        });
      }
      return { kind: "account-exists" };
    }
    // Only the newest link for an email works: older pending ones are revoked (and forget their password).
    await tx
      .update(customerSignups)
      .set({ revokedAt: now, passwordHash: null })
      .where(
        and(
          sql`lower(${customerSignups.email}) = ${signup.email}`,
          ne(customerSignups.id, signup.id),
          isNull(customerSignups.usedAt),
          isNull(customerSignups.revokedAt),
        ),
      );
    const token = randomBytes(32).toString("base64url");
    await tx
      .update(customerSignups)
      .set({ tokenHash: hashSignUpToken(token), expiresAt: new Date(now.getTime() + SIGNUP_LINK_DAYS * 86_400_000) })
      .where(eq(customerSignups.id, signup.id));
    const url = new URL(VERIFY_PATH, env().PUBLIC_URL);
    url.searchParams.set("token", token);
    await queueEmail(tx, {
      template: "verify-email",
      to: signup.email,
      dedupeKey: `signup-link:${signup.id}`,
      props: { customerName: signup.name || undefined, verifyUrl: url.toString(), expiresInDays: SIGNUP_LINK_DAYS, finishesSignUp: true },
    });
    return { kind: "link", token };
  });
}

// ---------------------------------------------------------------------------------------------
// Housekeeping: a pending sign-up keeps its name, email and password hash only as long as its link
// can be followed. A day after it was used, revoked or expired (the day lets a late click still be
// told "used" or "expired" rather than "invalid"), or after the link's two days and that day when no
// link was ever issued (its job gave up), the row goes.

export const PRUNE_SIGNUPS_TASK = "prune_customer_signups" as const;
export const SIGNUP_PRUNE_CRONTAB = `40 3 * * * ${PRUNE_SIGNUPS_TASK} ?jobKey=${PRUNE_SIGNUPS_TASK}`;
const PRUNE_GRACE_MS = 86_400_000;

export async function pruneSignUps(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - PRUNE_GRACE_MS);
  const gone = await db
    .delete(customerSignups)
    .where(
      or(
        lt(customerSignups.usedAt, cutoff),
        lt(customerSignups.revokedAt, cutoff),
        lt(customerSignups.expiresAt, cutoff),
        and(isNull(customerSignups.expiresAt), lt(customerSignups.createdAt, new Date(cutoff.getTime() - SIGNUP_LINK_DAYS * 86_400_000))),
      ),
    )
    .returning({ id: customerSignups.id });
  return gone.length;
}

export const pruneSignUpsTask: Task = async () => {
  await pruneSignUps();
};

const taskPayload = z.object({ signupId: z.number().int().positive() });

/** The graphile-worker task `customer_signup`, payload `{ signupId }`. */
export const signUpTask: Task = async (payload) => {
  await issueSignUp(taskPayload.parse(payload).signupId);
};

export type SignUpConfirmation =
  | { ok: true; customer: Customer; attached: string[] }
  | { ok: false; reason: "invalid" | "used" | "expired" | "exists" };

/**
 * Follows a sign-up link: a live token, once, makes the account with its email proven (or gives a
 * password-less customer record of the email its password), in one transaction with the token used.
 * An account made for the email in the meantime (another link, a checkout) is left alone: "exists".
 */
export async function confirmSignUp(token: unknown, now = new Date()): Promise<SignUpConfirmation> {
  if (!isSignUpToken(token)) return { ok: false, reason: "invalid" };
  return db.transaction(async (tx): Promise<SignUpConfirmation> => {
    // Locked: the same link followed twice at once makes one account; the second finds it used.
    const [signup] = await tx
      .select()
      .from(customerSignups)
      .where(eq(customerSignups.tokenHash, hashSignUpToken(token)))
      .for("update")
      .limit(1);
    if (!signup || signup.revokedAt || !signup.passwordHash || !signup.expiresAt) {
      return { ok: false, reason: signup?.usedAt ? "used" : "invalid" };
    }
    if (signup.usedAt) return { ok: false, reason: "used" };
    if (signup.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
    await tx.update(customerSignups).set({ usedAt: now, passwordHash: null }).where(eq(customerSignups.id, signup.id));

    const columns = { id: customers.id, email: customers.email, name: customers.name, createdAt: customers.createdAt };
    let [customer] = await tx
      .insert(customers)
      .values({ email: signup.email, name: signup.name, passwordHash: signup.passwordHash })
      .onConflictDoNothing()
      .returning(columns);
    let claimed = false;
    if (!customer) {
      const [existing] = await tx
        .select({ id: customers.id, passwordHash: customers.passwordHash })
        .from(customers)
        .where(sql`lower(${customers.email}) = ${signup.email}`)
        .for("update")
        .limit(1);
      if (!existing || existing.passwordHash) return { ok: false, reason: "exists" };
      // A record the register made for this email, without a password: the inbox's owner takes it.
      [customer] = await tx
        .update(customers)
        .set({ name: signup.name, passwordHash: signup.passwordHash })
        .where(eq(customers.id, existing.id))
        .returning(columns);
      claimed = true;
    }
    await tx.insert(auditLog).values({
      actor: `customer:${customer.id}`,
      action: SIGNUP_ACTION,
      subject: `customer-login:${signup.email}`,
      data: { signupId: signup.id, source: signup.source, claimedGuestRecord: claimed },
    });
    const attached = await markEmailVerified(tx, customer.id, now, "signup_link");
    return { ok: true, customer, attached };
  });
}
