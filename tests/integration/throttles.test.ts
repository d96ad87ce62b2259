/**
 * The sign-in throttle under attack, through the real login actions: bursts of parallel guesses,
 * one password sprayed over many emails from one address, locks that expire, and right answers that
 * reset. Failures are counted from the audit log (one row per password actually checked).
 */
import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createRetailer, createStaff } from "#db/seed/factories";
import { authenticateCustomer } from "~/domain/accounts/customer.server";
import { authenticateStaff } from "~/domain/accounts/staff.server";
import { THROTTLES, counterState, pruneThrottles } from "~/domain/accounts/throttle.server";
import { authenticateBuyer } from "~/domain/wholesale/auth.server";
import { action as accountLoginAction } from "~/routes/account.login";
import { action as opsLoginAction } from "~/routes/ops.login";
import { action as posAction } from "~/routes/pos._index";
import { action as buyerLoginAction } from "~/routes/wholesale.login";
import { CLIENT_ADDRESS_HEADER } from "~/lib/client-address";
import { db, schema } from "~/lib/db.server";
import { call, post, type Outcome } from "./artisan-support";

const { auditLog, authThrottles } = schema;
type Action = Parameters<typeof call>[0];

const from = (address: string) => ({ [CLIENT_ADDRESS_HEADER]: address });
const login = (action: Action, path: string, email: string, password: string, headers: Record<string, string> = {}) =>
  call(action, post(path, { email, password }, undefined, headers));

/** How many answers had each status. */
function statuses(outcomes: Outcome[]) {
  const counts: Record<number, number> = {};
  for (const o of outcomes) counts[o.status] = (counts[o.status] ?? 0) + 1;
  return counts;
}

async function checkedFailures(action: string, subjectPrefix: string) {
  return (
    await db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.action, action), like(auditLog.subject, `${subjectPrefix}%`)))
  ).length;
}

beforeAll(async () => {
  await createStaff(db, { email: "burst@soko.test", roles: ["ops"], password: "staff-right-1" });
  await createCustomer(db, { email: "burst@shopper.test", password: "shopper-right-1" });
  await createRetailer(db, { buyer: { email: "burst@buyer.test", password: "buyer-right-1" } });
});

describe("40 wrong passwords at once", () => {
  const cases = [
    {
      name: "staff at /ops/login",
      action: opsLoginAction,
      path: "/ops/login",
      email: "burst@soko.test",
      right: "staff-right-1",
      failed: "staff.login_failed",
      subject: "staff-login:burst@soko.test",
    },
    {
      name: "a shopper at /account/login",
      action: accountLoginAction,
      path: "/account/login",
      email: "burst@shopper.test",
      right: "shopper-right-1",
      failed: "customer.login_failed",
      subject: "customer-login:burst@shopper.test",
    },
    {
      name: "a buyer at /wholesale/login",
      action: buyerLoginAction,
      path: "/wholesale/login",
      email: "burst@buyer.test",
      right: "buyer-right-1",
      failed: "buyer.login_failed",
      subject: "buyer-login:burst@buyer.test",
    },
  ] as const;

  it.each(cases)(
    "$name: at most the limit are checked, the rest get 429, and then the right one too",
    async ({ action, path, email, right, failed, subject }) => {
      const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => login(action as Action, path, email, `wrong-${i}`)));
      expect(statuses(outcomes)).toEqual({ 401: 10, 429: 30 });
      expect(await checkedFailures(failed, subject)).toBe(10);
      const locked = await login(action as Action, path, email, right);
      expect(locked.status).toBe(429);
      expect(locked.body?.formError).toMatch(/^Too many failed sign-in attempts for this email\. Try again in 15 minutes\.$/);
      // The form keeps what was typed.
      expect(locked.body?.email).toBe(email);
    },
  );

  it("the register's sign-in at /pos shares the staff counter (one password, one count)", async () => {
    await createStaff(db, { email: "till-burst@soko.test", roles: ["cashier"], password: "till-right-1" });
    const outcomes = await Promise.all(
      Array.from({ length: 15 }, (_, i) => login(posAction as Action, "/pos", "till-burst@soko.test", `wrong-${i}`)),
    );
    expect(statuses(outcomes)).toEqual({ 401: 10, 429: 5 });
    const elsewhere = await login(opsLoginAction as Action, "/ops/login", "till-burst@soko.test", "till-right-1");
    expect(elsewhere.status).toBe(429);
    expect(outcomes.find((o) => o.status === 429)?.body?.message).toMatch(
      /Too many failed sign-in attempts for this email\. Try again in 15 minutes\./,
    );
  });
});

describe("one password sprayed over many emails", () => {
  it("is stopped by the client address's limit, across every password form; another address is not", async () => {
    const spray = "203.0.113.9";
    const emails = Array.from({ length: 30 }, (_, i) => `spray-${i}@victims.test`);
    await Promise.all(emails.slice(0, 10).map((email) => createCustomer(db, { email, password: "long-unique-password" })));
    const answers: Outcome[] = [];
    for (const [i, email] of emails.entries()) {
      // Two forms, one address: the counter is the address's, whichever form is used.
      const [action, path] = i % 2 ? [opsLoginAction, "/ops/login"] : [accountLoginAction, "/account/login"];
      answers.push(await login(action as Action, path, email, "Summer2030!", from(spray)));
    }
    expect(answers.map((a) => a.status)).toEqual([...Array(20).fill(401), ...Array(10).fill(429)]);
    expect(answers[20].body?.formError).toBe("Too many failed sign-in attempts from your network. Try again in 15 minutes.");
    // Even the right password of an untouched account waits, from that address…
    expect(
      (await login(accountLoginAction as Action, "/account/login", "spray-0@victims.test", "long-unique-password", from(spray))).status,
    ).toBe(429);
    // …but not from another one; and a header the client writes is not its address.
    const elsewhere = await login(accountLoginAction as Action, "/account/login", "spray-0@victims.test", "long-unique-password", {
      ...from("198.51.100.20"),
      "X-Forwarded-For": spray,
    });
    expect(elsewhere.status).toBe(303);
  });

  it("30 emails at once from one address: no more than the address's limit are checked", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        login(opsLoginAction as Action, "/ops/login", `parallel-${i}@nobody.test`, "Winter2030!", from("203.0.113.77")),
      ),
    );
    expect(statuses(outcomes)).toEqual({ 401: 20, 429: 10 });
    expect(await checkedFailures("staff.login_failed", "staff-login:parallel-")).toBe(20);
  });

  it("good sign-ins from a busy address do not use its allowance up; each only takes back its own attempt", async () => {
    const office = "198.51.100.44";
    await createStaff(db, { email: "office@soko.test", roles: ["ops"], password: "office-right-1" });
    for (let i = 0; i < 19; i++)
      expect((await authenticateStaff({ email: `typo-${i}@soko.test`, password: "x", address: office })).ok).toBe(false);
    for (let i = 0; i < 30; i++)
      expect((await authenticateStaff({ email: "office@soko.test", password: "office-right-1", address: office })).ok).toBe(true);
    expect((await counterState(THROTTLES.passwordAddress, office)).failures).toBe(19);
    expect(await authenticateStaff({ email: "typo-x@soko.test", password: "x", address: office })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await authenticateStaff({ email: "office@soko.test", password: "office-right-1", address: office })).toMatchObject({
      ok: false,
      reason: "throttled",
      per: "address",
    });
  });
});

describe("locks end, and a right answer resets", () => {
  const t0 = new Date("2030-06-01T08:00:00Z");
  const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

  it("a lock lasts 15 minutes from the attempt that set it, then the right password works", async () => {
    await createStaff(db, { email: "expiry@soko.test", roles: ["ops"], password: "expiry-right-1" });
    for (let i = 0; i < 10; i++)
      expect(await authenticateStaff({ email: "expiry@soko.test", password: `no-${i}`, now: later(i) })).toEqual({
        ok: false,
        reason: "invalid",
      });
    expect(await authenticateStaff({ email: "expiry@soko.test", password: "expiry-right-1", now: later(9 + 14) })).toMatchObject({
      ok: false,
      reason: "throttled",
      lockedUntil: later(24),
    });
    expect(await authenticateStaff({ email: "expiry@soko.test", password: "expiry-right-1", now: later(24) })).toMatchObject({ ok: true });
  });

  it("a right password after some failures starts the count again (customers and buyers alike)", async () => {
    await createCustomer(db, { email: "forgetful@shopper.test", password: "shopper-right-2" });
    for (let i = 0; i < 9; i++) await authenticateCustomer({ email: "forgetful@shopper.test", password: "nope", now: t0 });
    expect((await counterState(THROTTLES.customerPassword, "forgetful@shopper.test", t0)).failures).toBe(9);
    expect(await authenticateCustomer({ email: "Forgetful@shopper.test", password: "shopper-right-2", now: t0 })).toMatchObject({
      ok: true,
    });
    expect(
      await db
        .select()
        .from(authThrottles)
        .where(and(eq(authThrottles.scope, "customer-password"), eq(authThrottles.key, "forgetful@shopper.test"))),
    ).toEqual([]);
    for (let i = 0; i < 9; i++) await authenticateCustomer({ email: "forgetful@shopper.test", password: "nope", now: t0 });
    expect(await authenticateCustomer({ email: "forgetful@shopper.test", password: "shopper-right-2", now: t0 })).toMatchObject({
      ok: true,
    });

    await createRetailer(db, { buyer: { email: "forgetful@buyer.test", password: "buyer-right-2" } });
    for (let i = 0; i < 9; i++) await authenticateBuyer({ email: "forgetful@buyer.test", password: "nope", now: t0 });
    expect(await authenticateBuyer({ email: "forgetful@buyer.test", password: "buyer-right-2", now: t0 })).toMatchObject({ ok: true });
    expect((await counterState(THROTTLES.buyerPassword, "forgetful@buyer.test", t0)).failures).toBe(0);
  });

  it("answers a lock with a Retry-After header", async () => {
    await createStaff(db, { email: "retry@soko.test", roles: ["ops"] });
    for (let i = 0; i < 10; i++) await authenticateStaff({ email: "retry@soko.test", password: "no" });
    const result = (await opsLoginAction({
      request: post("/ops/login", { email: "retry@soko.test", password: "no" }),
      params: {},
      context: {},
    })) as unknown as {
      init: { status: number; headers: Record<string, string> };
    };
    expect(result.init.status).toBe(429);
    expect(Number(result.init.headers["Retry-After"])).toBeGreaterThan(14 * 60);
    expect(Number(result.init.headers["Retry-After"])).toBeLessThanOrEqual(15 * 60);
  });

  it("prunes counters untouched for two days, and only those", async () => {
    await authenticateStaff({ email: "old@soko.test", password: "no", now: later(-3 * 24 * 60) });
    await authenticateStaff({ email: "recent@soko.test", password: "no", now: later(-24 * 60) });
    await pruneThrottles(t0);
    const keys = (await db.select({ key: authThrottles.key }).from(authThrottles).where(eq(authThrottles.scope, "staff-password"))).map(
      (r) => r.key,
    );
    expect(keys).toContain("recent@soko.test");
    expect(keys).not.toContain("old@soko.test");
  });
});
