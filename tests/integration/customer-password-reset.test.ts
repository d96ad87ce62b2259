/**
 * "Forgot your password?" for shopper accounts, through the real routes and the real job:
 * one answer for every address, a link only for accounts with a password, single-use one-hour
 * tokens that a newer request revokes, throttles per email and per address, and the password changed.
 */
import { and, eq, sql } from "drizzle-orm";
import type { JobHelpers } from "graphile-worker";
import { describe, expect, it } from "vitest";
import { createCustomer } from "#db/seed/factories";
import { authenticateCustomer } from "~/domain/accounts/customer.server";
import { hashResetToken, newResetToken } from "~/domain/accounts/password-reset";
import {
  MAX_RESET_REQUESTS_PER_ADDRESS,
  MAX_RESET_REQUESTS_PER_EMAIL,
  PASSWORD_RESET_TASK,
  RESET_REQUESTED_MESSAGE,
  checkResetToken,
  issuePasswordReset,
  passwordResetTask,
  requestPasswordReset,
  resetPassword,
} from "~/domain/accounts/password-reset.server";
import { verifySecret } from "~/domain/accounts/password.server";
import { CLIENT_ADDRESS_HEADER } from "~/lib/client-address";
import { taskList } from "~/worker.server";
import { action as forgotAction, loader as forgotLoader } from "~/routes/account.forgot";
import { action as loginAction } from "~/routes/account.login";
import { action as resetAction, loader as resetLoader } from "~/routes/account.reset";
import { db, schema } from "~/lib/db.server";
import { getSession } from "~/lib/session.server";

const BASE = "http://soko.test";
const OLD_PASSWORD = "old-brass-password";
const NEW_PASSWORD = "new-horn-password";
const args = (request: Request) => ({ request, params: {}, context: {} });
const { customerPasswordResets, customers, outbox, auditLog } = schema;
const THROTTLED = "Too many password reset requests for this email or from your network. Try again in 15 minutes.";

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`${BASE}${path}`, { method: "POST", body: new URLSearchParams(fields), headers });
}

const get = (path: string, cookie?: string) => new Request(`${BASE}${path}`, { headers: cookie ? { Cookie: cookie } : {} });

const forgot = (email: string, headers: Record<string, string> = {}) => forgotAction(args(post("/account/forgot", { email }, headers)));

/** Status and body of whatever a loader or action returned: a Response, `data(...)`, or a plain object. */
async function answer(result: unknown): Promise<{ status: number; body: Record<string, unknown>; response?: Response }> {
  if (result instanceof Response) return { status: result.status, body: {}, response: result };
  const r = result as { type?: string; data?: Record<string, unknown>; init?: { status?: number } | null };
  if (r.type === "DataWithResponseInit") return { status: r.init?.status ?? 200, body: r.data ?? {} };
  return { status: 200, body: result as Record<string, unknown> };
}

function cookieFrom(response: Response) {
  const header = response.headers.get("Set-Cookie");
  if (!header) throw new Error("no Set-Cookie header");
  return header.split(";")[0];
}

async function sessionOf(cookie: string) {
  return getSession(new Request(BASE, { headers: { Cookie: cookie } }));
}

/** What the worker would do: run every queued customer_password_reset job through the registered task. */
async function runResetJobs() {
  const jobs = [
    ...(await db.execute<{ id: string; payload: unknown }>(sql`
    select j.id, j.payload from graphile_worker._private_jobs j
    join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = ${PASSWORD_RESET_TASK} order by j.id`)),
  ];
  for (const job of jobs) {
    await taskList[PASSWORD_RESET_TASK]!(job.payload, {} as JobHelpers);
    await db.execute(sql`delete from graphile_worker._private_jobs where id = ${job.id}`);
  }
  return jobs.length;
}

async function resetEmails(to?: string) {
  const rows = await db.select().from(outbox).where(eq(outbox.template, "password-reset"));
  return to ? rows.filter((r) => r.to === to) : rows;
}

/** The /account/reset?token=… path in an email (its text part, as any mail client shows it). */
function linkIn(email: { text: string; html: string | null }) {
  const match = /https?:\/\/[^\s"<>]+(\/account\/reset\?token=[A-Za-z0-9_-]+)/.exec(email.text);
  if (!match) throw new Error(`no reset link in: ${email.text}`);
  expect(email.html).toContain(`href="${match[0]}"`);
  return match[1];
}

async function passwordHashOf(id: number) {
  const [row] = await db.select({ passwordHash: customers.passwordHash }).from(customers).where(eq(customers.id, id));
  return row.passwordHash;
}

let seq = 0;
async function accountWithPassword(name = "Amina") {
  seq += 1;
  return createCustomer(db, { email: `reset-${seq}@example.test`, name, password: OLD_PASSWORD });
}

/** Asks for a link through the form and the job; returns the link's path from the email. */
async function requestLink(email: string) {
  const res = await answer(await forgot(email));
  expect(res.status).toBe(303);
  await runResetJobs();
  const emails = await resetEmails(email.trim().toLowerCase());
  return linkIn(emails.at(-1)!);
}

const tokenOf = (path: string) => new URL(path, BASE).searchParams.get("token")!;

describe("the worker", () => {
  it("runs customer_password_reset with the reset task", () => {
    expect(taskList[PASSWORD_RESET_TASK]).toBe(passwordResetTask);
  });
});

describe("POST /account/forgot", () => {
  it("gives one answer for an account, an unknown address and a guest without a password; only the account gets a link", async () => {
    const account = await accountWithPassword("Wanjiru");
    const guest = await createCustomer(db, { email: "guest-only@example.test", name: "Guest" });
    const answers = [];
    for (const email of ["  RESET-1@Example.test ", "nobody-here@example.test", "guest-only@example.test"]) {
      const res = await answer(await forgot(email));
      expect(res.status).toBe(303);
      expect(res.response!.headers.get("Location")).toBe("/account/forgot");
      const page = await answer(await forgotLoader(args(get("/account/forgot", cookieFrom(res.response!)))));
      answers.push(page.body.flash);
    }
    expect(answers).toEqual(Array(3).fill({ kind: "success", message: RESET_REQUESTED_MESSAGE }));
    expect(RESET_REQUESTED_MESSAGE).toBe(
      "If an account exists for that address, we've sent a link to reset the password. It works for 1 hour.",
    );

    // The request itself did the same for all three: one job each, nothing sent yet.
    expect(await resetEmails()).toHaveLength(0);
    expect(await runResetJobs()).toBe(3);

    const emails = await resetEmails();
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to: account.email, subject: "Reset your Soko password", status: "queued" });
    expect(emails[0].text).toContain("Hello Wanjiru");
    expect(emails[0].text).toContain("works once and for 1 hour");
    const [sendJob] = [
      ...(await db.execute<{ n: number }>(
        sql`select count(*)::int as n from graphile_worker.jobs where key = ${`send_email:${emails[0].id}`}`,
      )),
    ];
    expect(sendJob.n).toBe(1);
    const guestTokens = await db.select().from(customerPasswordResets).where(eq(customerPasswordResets.customerId, guest.id));
    expect(guestTokens).toEqual([]);
    expect(await passwordHashOf(guest.id)).toBeNull();
  });

  it("refuses a malformed or missing email with 400 and a message, and queues nothing", async () => {
    for (const [email, message] of [
      ["not-an-email", "Enter a valid email address."],
      ["   ", "Enter your email address."],
      [`${"a".repeat(250)}@x.test`, "That email address is too long."],
    ]) {
      const res = await answer(await forgot(email));
      expect(res.status).toBe(400);
      expect((res.body.errors as Record<string, string>).email).toBe(message);
    }
    const res = await answer(await forgotAction(args(post("/account/forgot", {}))));
    expect(res.status).toBe(400);
    expect(await runResetJobs()).toBe(0);
    const rows = await db.select().from(auditLog).where(eq(auditLog.subject, "password-reset:not-an-email"));
    expect(rows).toEqual([]);
  });

  it(`throttles one email after ${MAX_RESET_REQUESTS_PER_EMAIL} requests in the window with 429, whether or not it has an account`, async () => {
    const account = await accountWithPassword();
    for (const email of [account.email, "throttled-nobody@example.test"]) {
      for (let i = 0; i < MAX_RESET_REQUESTS_PER_EMAIL; i += 1) expect((await answer(await forgot(email))).status).toBe(303);
      const refused = await answer(await forgot(email.toUpperCase()));
      expect(refused.status).toBe(429);
      expect(refused.body.formError).toBe(THROTTLED);
    }
    // Another address is not affected.
    expect((await answer(await forgot("someone-else@example.test"))).status).toBe(303);
    // Five requests for one email left one pending job (a repeat replaces it), hence one email.
    expect(await runResetJobs()).toBe(3);
    expect(await resetEmails(account.email)).toHaveLength(1);

    // Once the lock has passed the email may ask again.
    const later = new Date(Date.now() + 15 * 60_000 + 1000);
    expect(await requestPasswordReset({ email: account.email, address: null, now: later })).toEqual({ ok: true });
  });

  it("counts parallel requests one by one: 20 at once for one email queue at most the limit", async () => {
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => forgot("burst-reset@example.test").then(answer)));
    expect(outcomes.filter((o) => o.status === 303)).toHaveLength(MAX_RESET_REQUESTS_PER_EMAIL);
    expect(outcomes.filter((o) => o.status === 429)).toHaveLength(20 - MAX_RESET_REQUESTS_PER_EMAIL);
    const audited = await db.select().from(auditLog).where(eq(auditLog.subject, "password-reset:burst-reset@example.test"));
    expect(audited).toHaveLength(MAX_RESET_REQUESTS_PER_EMAIL);
    await runResetJobs();
  });

  it(`throttles one client address after ${MAX_RESET_REQUESTS_PER_ADDRESS} requests, across emails`, async () => {
    const from = { [CLIENT_ADDRESS_HEADER]: "203.0.113.50" };
    for (let i = 0; i < MAX_RESET_REQUESTS_PER_ADDRESS; i += 1) {
      expect((await answer(await forgot(`spray-${i}@example.test`, from))).status).toBe(303);
    }
    const refused = await answer(await forgot("fresh-address@example.test", from));
    expect(refused.status).toBe(429);
    expect(refused.body.formError).toBe(THROTTLED);
    // The same email from another address goes through: the refused request was not counted against it.
    expect((await answer(await forgot("fresh-address@example.test", { "X-Forwarded-For": "198.51.100.8" }))).status).toBe(303);
    await runResetJobs();
  });
});

describe("GET and POST /account/reset", () => {
  it("follows the emailed link, sets the new password, signs in with a success message; the old password stops working", async () => {
    const account = await accountWithPassword("Achieng");
    const link = await requestLink(account.email);
    expect(link).toMatch(/^\/account\/reset\?token=[A-Za-z0-9_-]{43}$/);

    const page = await answer(await resetLoader(args(get(link))));
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ refused: null, email: account.email, minPasswordLength: 8 });

    const res = await answer(await resetAction(args(post(link, { token: tokenOf(link), password: NEW_PASSWORD, confirm: NEW_PASSWORD }))));
    expect(res.status).toBe(303);
    expect(res.response!.headers.get("Location")).toBe("/account");
    const session = await sessionOf(cookieFrom(res.response!));
    expect(session.get("customerId")).toBe(account.id);
    expect(session.get("flash")).toEqual({ kind: "success", message: "Your password has been changed and you're signed in." });

    expect(await verifySecret(NEW_PASSWORD, await passwordHashOf(account.id))).toBe(true);
    const oldLogin = await answer(await loginAction(args(post("/account/login", { email: account.email, password: OLD_PASSWORD }))));
    expect(oldLogin.status).toBe(401);
    const newLogin = await answer(await loginAction(args(post("/account/login", { email: account.email, password: NEW_PASSWORD }))));
    expect(newLogin.status).toBe(303);

    const [token] = await db
      .select()
      .from(customerPasswordResets)
      .where(eq(customerPasswordResets.tokenHash, hashResetToken(tokenOf(link))));
    expect(token.usedAt).toBeInstanceOf(Date);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "customer.password_reset"), eq(auditLog.actor, `customer:${account.id}`)));
    expect(audits).toHaveLength(1);
  });

  it("uses a link once: the second time is a 410 page and changes nothing", async () => {
    const account = await accountWithPassword();
    const link = await requestLink(account.email);
    const first = await answer(
      await resetAction(args(post(link, { token: tokenOf(link), password: NEW_PASSWORD, confirm: NEW_PASSWORD }))),
    );
    expect(first.status).toBe(303);
    const hash = await passwordHashOf(account.id);

    const again = await answer(await resetLoader(args(get(link))));
    expect(again.status).toBe(410);
    expect(again.body).toMatchObject({ refused: "used", email: null });
    const second = await answer(
      await resetAction(args(post(link, { token: tokenOf(link), password: "a-third-password", confirm: "a-third-password" }))),
    );
    expect(second.status).toBe(410);
    expect(second.body).toMatchObject({ refused: "used" });
    expect(await passwordHashOf(account.id)).toBe(hash);
  });

  it("sets the password once when the same link is submitted twice at the same moment", async () => {
    const account = await accountWithPassword();
    const issued = (await issuePasswordReset(account.email))!;
    const results = await Promise.all([resetPassword(issued.token, "racer-one-pass"), resetPassword(issued.token, "racer-two-pass")]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "used" }]);
  });

  it("refuses an expired link (older than an hour) with 410 and changes nothing; a 59-minute-old one still works", async () => {
    const account = await accountWithPassword();
    const old = (await issuePasswordReset(account.email, { now: new Date(Date.now() - 61 * 60_000) }))!;
    const link = `/account/reset?token=${old.token}`;
    const page = await answer(await resetLoader(args(get(link))));
    expect(page.status).toBe(410);
    expect(page.body.refused).toBe("expired");
    const res = await answer(await resetAction(args(post(link, { token: old.token, password: NEW_PASSWORD, confirm: NEW_PASSWORD }))));
    expect(res.status).toBe(410);
    expect(res.body.refused).toBe("expired");
    expect(await verifySecret(OLD_PASSWORD, await passwordHashOf(account.id))).toBe(true);
    const [row] = await db.select().from(customerPasswordResets).where(eq(customerPasswordResets.id, old.resetId));
    expect(row.usedAt).toBeNull();

    const recent = (await issuePasswordReset(account.email, { now: new Date(Date.now() - 59 * 60_000) }))!;
    expect(await checkResetToken(recent.token)).toEqual({ ok: true, email: account.email });
  });

  it("a new request revokes the older link; using a link revokes any other live one", async () => {
    const account = await accountWithPassword();
    const firstLink = await requestLink(account.email);
    const secondLink = await requestLink(account.email);
    expect(secondLink).not.toBe(firstLink);
    expect(await resetEmails(account.email)).toHaveLength(2);

    const stale = await answer(await resetLoader(args(get(firstLink))));
    expect(stale.status).toBe(410);
    expect(stale.body.refused).toBe("revoked");
    const staleSubmit = await answer(
      await resetAction(args(post(firstLink, { token: tokenOf(firstLink), password: NEW_PASSWORD, confirm: NEW_PASSWORD }))),
    );
    expect(staleSubmit.status).toBe(410);
    expect(await verifySecret(OLD_PASSWORD, await passwordHashOf(account.id))).toBe(true);

    // A live link issued beside it (as a concurrent request could) stops working once one is used.
    const extra = newResetToken(new Date());
    await db.insert(customerPasswordResets).values({ customerId: account.id, tokenHash: extra.hash, expiresAt: extra.expiresAt });
    const used = await answer(
      await resetAction(args(post(secondLink, { token: tokenOf(secondLink), password: NEW_PASSWORD, confirm: NEW_PASSWORD }))),
    );
    expect(used.status).toBe(303);
    expect(await checkResetToken(extra.token)).toEqual({ ok: false, reason: "revoked" });
  });

  it("answers a missing, malformed or unknown token with a 4xx page that offers a new link, and writes nothing", async () => {
    const account = await accountWithPassword();
    const before = await passwordHashOf(account.id);
    const unknown = newResetToken(new Date()).token;
    for (const [path, status, reason] of [
      ["/account/reset", 400, "malformed"],
      ["/account/reset?token=abc", 400, "malformed"],
      ["/account/reset?token=%3Cscript%3E", 400, "malformed"],
      [`/account/reset?token=${unknown}`, 404, "unknown"],
    ] as const) {
      const page = await answer(await resetLoader(args(get(path))));
      expect(page.status).toBe(status);
      expect(page.body).toMatchObject({ refused: reason, email: null, token: "" });
    }
    const wrong = await answer(
      await resetAction(args(post("/account/reset", { token: unknown, password: NEW_PASSWORD, confirm: NEW_PASSWORD }))),
    );
    expect(wrong.status).toBe(404);
    // A dead link wins over a bad password: there is nothing to retry.
    const malformed = await answer(await resetAction(args(post("/account/reset", { token: "abc", password: "short", confirm: "other" }))));
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ refused: "malformed" });
    expect(await passwordHashOf(account.id)).toBe(before);
  });

  it("asks again for a short or mismatched password with 422, keeping the link alive", async () => {
    const account = await accountWithPassword();
    const link = await requestLink(account.email);
    const token = tokenOf(link);
    for (const [fields, field, message] of [
      [{ password: "1234567", confirm: "1234567" }, "password", "Choose a password of at least 8 characters."],
      [{ password: "password-1", confirm: "password-2" }, "confirm", "The two passwords don't match."],
      [{ password: "x".repeat(201), confirm: "x".repeat(201) }, "password", "That password is too long (200 characters at most)."],
    ] as const) {
      const res = await answer(await resetAction(args(post(link, { token, ...fields }))));
      expect(res.status).toBe(422);
      expect((res.body.errors as Record<string, string>)[field]).toBe(message);
    }
    expect(await checkResetToken(token)).toEqual({ ok: true, email: account.email });
    expect(await verifySecret(OLD_PASSWORD, await passwordHashOf(account.id))).toBe(true);
  });

  it("never sets a password on a guest row without one, even with a token row for it", async () => {
    const guest = await createCustomer(db, { email: "guest-with-token@example.test", name: "" });
    expect(await issuePasswordReset(guest.email)).toBeNull();
    const planted = newResetToken(new Date());
    await db.insert(customerPasswordResets).values({ customerId: guest.id, tokenHash: planted.hash, expiresAt: planted.expiresAt });
    expect(await checkResetToken(planted.token)).toEqual({ ok: false, reason: "unknown" });
    const res = await answer(
      await resetAction(args(post("/account/reset", { token: planted.token, password: NEW_PASSWORD, confirm: NEW_PASSWORD }))),
    );
    expect(res.status).toBe(404);
    expect(await passwordHashOf(guest.id)).toBeNull();
    expect((await authenticateCustomer({ email: guest.email, password: NEW_PASSWORD })).ok).toBe(false);
  });
});
