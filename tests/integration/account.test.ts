/** Shopper accounts: sign-up, sign-in and its throttle, sign-out, the order history, and who may open an order. */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer } from "#db/seed/factories";
import { MAX_FAILED_LOGINS, ORDERS_PAGE_SIZE, getCustomer } from "~/domain/accounts/customer.server";
import { hashSecret, verifySecret } from "~/domain/accounts/password.server";
import { statusToken } from "~/domain/orders/status-link.server";
import { loader as accountLoader } from "~/routes/account._index";
import { action as loginAction, loader as loginLoader } from "~/routes/account.login";
import { action as logoutAction } from "~/routes/account.logout";
import { action as signupAction, loader as signupLoader } from "~/routes/account.signup";
import { action as verifyAction } from "~/routes/account.verify";
import { resendVerificationEmail } from "~/domain/accounts/email-verification.server";
import { taskList } from "~/worker.server";
import type { JobHelpers } from "graphile-worker";
import { loader as orderLoader } from "~/routes/orders.$number";
import { db, schema } from "~/lib/db.server";
import { getSession } from "~/lib/session.server";
import { customerSessionCookie } from "./session-support";

const BASE = "http://soko.test";
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

function post(path: string, fields: Record<string, string>, cookie?: string) {
  return new Request(`${BASE}${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: cookie ? { Cookie: cookie } : {},
  });
}

function get(path: string, cookie?: string) {
  return new Request(`${BASE}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

/** The `name=value` of a Set-Cookie header, ready for a Cookie header. */
function cookieFrom(response: Response) {
  const header = response.headers.get("Set-Cookie");
  if (!header) throw new Error("no Set-Cookie header");
  return header.split(";")[0];
}

/** A real server-side session cookie for this customer, as signing in makes it. */
const sessionCookie = ({ customerId }: { customerId: number }) => customerSessionCookie(customerId);

async function sessionOf(cookie: string) {
  return getSession(new Request(BASE, { headers: { Cookie: cookie } }));
}

/** A thrown Response (redirect or 404), or a failure if the call did not throw one. */
async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

type ActionPayload = {
  errors: Record<string, string>;
  formError: string | null;
  email?: string;
  values?: { email: string; name: string };
  sent?: { email: string } | null;
  refused?: string;
};
/** The payload and status of a `data()` result from an action. */
function dataResult(result: unknown) {
  const r = result as { type: string; data: ActionPayload; init: { status: number } };
  expect(r.type).toBe("DataWithResponseInit");
  return { status: r.init?.status ?? 200, ...r.data };
}

let orderSeq = 0;
async function createOrder(input: {
  customerId: number | null;
  email: string;
  placedAt: Date;
  total?: number;
  status?: schema.Order["status"];
  channel?: "web" | "pos";
}) {
  orderSeq += 1;
  const total = input.total ?? 1000 * orderSeq;
  const [order] = await db
    .insert(schema.orders)
    .values({
      number: `SK-T${String(orderSeq).padStart(4, "0")}`,
      channel: input.channel ?? "web",
      status: input.status ?? "open",
      customerId: input.customerId,
      email: input.email,
      currency: "USD",
      subtotal: total,
      total,
      placedAt: input.placedAt,
    })
    .returning();
  return order;
}

async function auditCount(action: string, subject: string) {
  const rows = await db
    .select({ id: schema.auditLog.id })
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.action, action), eq(schema.auditLog.subject, subject)));
  return rows.length;
}

async function customerCount() {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(schema.customers);
  return n;
}

/** What the worker would do: run every queued customer_signup job through the registered task. */
async function runSignupJobs() {
  const jobs = [
    ...(await db.execute<{ id: string; payload: unknown }>(sql`
    select j.id, j.payload from graphile_worker._private_jobs j
    join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = 'customer_signup' order by j.id`)),
  ];
  for (const job of jobs) {
    await taskList.customer_signup(job.payload, {} as JobHelpers);
    await db.execute(sql`delete from graphile_worker._private_jobs where id = ${job.id}`);
  }
  return jobs.length;
}

/** The newest sign-up link emailed to `to` (its token), from the email's text part. */
async function signupToken(to: string) {
  const mails = await db
    .select()
    .from(schema.outbox)
    .where(and(eq(schema.outbox.template, "verify-email"), eq(schema.outbox.to, to)))
    .orderBy(schema.outbox.id);
  const token = /\/account\/verify\?token=([A-Za-z0-9_-]{43})(?![A-Za-z0-9_.-])/.exec(mails.at(-1)?.text ?? "")?.[1];
  if (!token) throw new Error(`no sign-up link for ${to}`);
  return token;
}

const signUp = (fields: Record<string, string>) =>
  signupAction(args(post("/account/signup", { password: "password-1", confirm: "password-1", name: "Someone", ...fields })));

describe("POST /account/signup", () => {
  it("makes no account and signs nobody in: it emails a link that makes the account, with its email proven, and signs in", async () => {
    const before = await customerCount();
    const result = dataResult(
      await signUp({ email: "  Amina@Example.test ", name: " Amina Otieno ", password: "beads-and-brass", confirm: "beads-and-brass" }),
    );
    expect(result).toEqual({ status: 200, sent: { email: "Amina@Example.test" } });
    expect(await customerCount()).toBe(before);
    expect(await runSignupJobs()).toBe(1);
    const token = await signupToken("amina@example.test");

    const done = (await verifyAction(args(post("/account/verify", { token })))) as Response;
    expect(done.status).toBe(303);
    expect(done.headers.get("Location")).toBe("/account");
    const [row] = await db.select().from(schema.customers).where(sql`lower(${schema.customers.email}) = 'amina@example.test'`);
    expect(row.email).toBe("amina@example.test");
    expect(row.name).toBe("Amina Otieno");
    expect(row.emailVerifiedAt).not.toBeNull();
    expect(await verifySecret("beads-and-brass", row.passwordHash)).toBe(true);
    expect((await sessionOf(cookieFrom(done))).get("customerId")).toBe(row.id);
    expect(await auditCount("customer.signup", "customer-login:amina@example.test")).toBe(1);
    // What is stored of the link is its hash, and the password hash goes once it is used.
    const [signup] = await db.select().from(schema.customerSignups).where(eq(schema.customerSignups.email, "amina@example.test"));
    expect(signup.tokenHash).not.toContain(token);
    expect(signup.passwordHash).toBeNull();
  });

  it("the link works once, not after it expires, and a forged one or another email's does nothing", async () => {
    dataResult(await signUp({ email: "once@example.test" }));
    dataResult(await signUp({ email: "late@example.test" }));
    await runSignupJobs();
    const token = await signupToken("once@example.test");
    const forged = await verifyAction(
      args(post("/account/verify", { token: `${token.slice(0, -2)}${token.endsWith("xx") ? "yy" : "xx"}` })),
    );
    expect(dataResult(forged)).toMatchObject({ status: 400, refused: "invalid" });
    expect(((await verifyAction(args(post("/account/verify", { token })))) as Response).status).toBe(303);
    expect(dataResult(await verifyAction(args(post("/account/verify", { token }))))).toMatchObject({ status: 400, refused: "used" });
    expect((await db.select().from(schema.customers).where(eq(schema.customers.email, "once@example.test"))).length).toBe(1);

    const late = await signupToken("late@example.test");
    await db
      .update(schema.customerSignups)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(schema.customerSignups.email, "late@example.test"));
    expect(dataResult(await verifyAction(args(post("/account/verify", { token: late }))))).toMatchObject({
      status: 410,
      refused: "expired",
    });
    expect(await db.select().from(schema.customers).where(eq(schema.customers.email, "late@example.test"))).toEqual([]);
  });

  it("a second sign-up's link replaces the first", async () => {
    dataResult(await signUp({ email: "twice@example.test", name: "First" }));
    await runSignupJobs();
    const first = await signupToken("twice@example.test");
    dataResult(await signUp({ email: "twice@example.test", name: "Second" }));
    await runSignupJobs();
    const second = await signupToken("twice@example.test");
    expect(second).not.toBe(first);
    expect(dataResult(await verifyAction(args(post("/account/verify", { token: first }))))).toMatchObject({ refused: "invalid" });
    expect(((await verifyAction(args(post("/account/verify", { token: second })))) as Response).status).toBe(303);
    const [row] = await db.select().from(schema.customers).where(eq(schema.customers.email, "twice@example.test"));
    expect(row.name).toBe("Second");
  });

  it("the nightly prune deletes pending sign-ups (and their password hash) a day after they were used, revoked or expired", async () => {
    const emails = ["live", "just-expired", "expired", "used", "revoked", "never-issued", "new-unissued"].map(
      (n) => `prune-${n}@example.test`,
    );
    for (const email of emails) dataResult(await signUp({ email }));
    await runSignupJobs();
    const hour = 3600_000;
    const ago = (ms: number) => new Date(Date.now() - ms);
    const set = (email: string, values: Partial<typeof schema.customerSignups.$inferInsert>) =>
      db.update(schema.customerSignups).set(values).where(eq(schema.customerSignups.email, email));
    const [live, justExpired, expired, used, revoked, neverIssued, newUnissued] = emails;
    await set(justExpired, { expiresAt: ago(hour) });
    await set(expired, { expiresAt: ago(25 * hour) });
    await set(used, { usedAt: ago(25 * hour), passwordHash: null });
    await set(revoked, { revokedAt: ago(25 * hour), passwordHash: null });
    // Links never issued (the job gave up): gone after the link's two days and the grace day.
    await set(neverIssued, { tokenHash: null, expiresAt: null, createdAt: ago(73 * hour) });
    await set(newUnissued, { tokenHash: null, expiresAt: null, createdAt: ago(71 * hour) });

    await taskList.prune_customer_signups({}, {} as JobHelpers);
    const left = await db
      .select({ email: schema.customerSignups.email, hash: schema.customerSignups.passwordHash })
      .from(schema.customerSignups)
      .where(sql`${schema.customerSignups.email} like 'prune-%'`);
    expect(left.map((r) => r.email).sort()).toEqual([justExpired, live, newUnissued].sort());
    // The live link still makes the account.
    expect(((await verifyAction(args(post("/account/verify", { token: await signupToken(live) })))) as Response).status).toBe(303);
  });

  it("answers an email that has an account (any case) the same way, changes nothing, and tells the owner", async () => {
    const existing = await createCustomer(db, { email: "taken@example.test", name: "First", password: "first-password" });
    const [before] = await db.select().from(schema.customers).where(eq(schema.customers.id, existing.id));
    const count = await customerCount();
    const result = dataResult(
      await signUp({ email: "TAKEN@example.test", name: "Second", password: "second-pass", confirm: "second-pass" }),
    );
    expect(result).toEqual({ status: 200, sent: { email: "TAKEN@example.test" } });
    await runSignupJobs();
    expect(await customerCount()).toBe(count);
    const [after] = await db.select().from(schema.customers).where(eq(schema.customers.id, existing.id));
    expect(after).toEqual(before);
    // No link: the owner hears someone tried, with where to sign in and reset.
    const mails = await db.select().from(schema.outbox).where(eq(schema.outbox.to, "taken@example.test"));
    expect(mails.map((m) => m.template)).toEqual(["signup-attempt"]);
    expect(mails[0].text).toContain("Someone tried to make an account with your address");
    expect(mails[0].text).toMatch(/\/account\/login/);
    expect(mails[0].text).toMatch(/\/account\/forgot/);
    const [signup] = await db.select().from(schema.customerSignups).where(eq(schema.customerSignups.email, "taken@example.test"));
    expect(signup).toMatchObject({ tokenHash: null, passwordHash: null });
    expect(signup.revokedAt).not.toBeNull();
  });

  it("answers bad input with 422 and field messages, and writes nothing", async () => {
    const before = await customerCount();
    const cases: Array<[Record<string, string>, string, string]> = [
      [
        { email: "short@example.test", name: "S", password: "1234567", confirm: "1234567" },
        "password",
        "Choose a password of at least 8 characters.",
      ],
      [
        { email: "mismatch@example.test", name: "M", password: "password-1", confirm: "password-2" },
        "confirm",
        "The two passwords don't match.",
      ],
      [{ email: "not-an-email", name: "N", password: "password-1", confirm: "password-1" }, "email", "Enter a valid email address."],
      [{ email: "noname@example.test", name: "   ", password: "password-1", confirm: "password-1" }, "name", "Enter your name."],
      [
        { email: "long@example.test", name: "L", password: "x".repeat(201), confirm: "x".repeat(201) },
        "password",
        "That password is too long (200 characters at most).",
      ],
    ];
    for (const [fields, field, message] of cases) {
      const result = dataResult(await signupAction(args(post("/account/signup", fields))));
      expect(result.status).toBe(422);
      expect(result.errors[field]).toBe(message);
    }
    expect(await customerCount()).toBe(before);
    expect(await runSignupJobs()).toBe(0);
  });

  it("is throttled per email (5 in 15 minutes), whether or not it has an account, with 429 and Retry-After", async () => {
    await createCustomer(db, { email: "busy-owner@example.test", password: "password-1" });
    for (const email of ["busy-owner@example.test", "busy-nobody@example.test"]) {
      for (let i = 0; i < 5; i += 1) expect(dataResult(await signUp({ email })).status).toBe(200);
      const refused = (await signUp({ email })) as unknown as {
        init: { status: number; headers: Record<string, string> };
        data: ActionPayload;
      };
      expect(refused.init.status).toBe(429);
      expect(Number(refused.init.headers["Retry-After"])).toBeGreaterThan(0);
      expect(refused.data.formError).toMatch(/^Too many sign-ups for this email or from your network\./);
    }
  });

  it("a guest record the register made is claimed by the link (its orders stay), untouched before", async () => {
    const guest = await createCustomer(db, { email: "Guest.Record@example.test", name: "" });
    const guestOrder = await createOrder({ customerId: guest.id, email: guest.email, placedAt: new Date("2024-01-05T10:00:00Z") });
    const before = await customerCount();
    dataResult(await signUp({ email: "guest.record@example.test", name: "Now Registered", password: "claimed-pw", confirm: "claimed-pw" }));
    await runSignupJobs();
    expect((await db.select().from(schema.customers).where(eq(schema.customers.id, guest.id)))[0].passwordHash).toBeNull();
    const done = (await verifyAction(args(post("/account/verify", { token: await signupToken("guest.record@example.test") })))) as Response;
    expect(await customerCount()).toBe(before);
    const [row] = await db.select().from(schema.customers).where(eq(schema.customers.id, guest.id));
    expect(row.name).toBe("Now Registered");
    expect(await verifySecret("claimed-pw", row.passwordHash)).toBe(true);
    expect((await sessionOf(cookieFrom(done))).get("customerId")).toBe(guest.id);
    // The link reached the inbox: the orders of the record are hers.
    const { data: page } = await accountLoader(args(get("/account", cookieFrom(done))));
    expect(page.orders.map((o) => o.number)).toEqual([guestOrder.number]);
  });

  it("attaches past guest orders placed with the email when the link is followed", async () => {
    const earlier = await createOrder({ customerId: null, email: "Proven-Guest@example.test", placedAt: new Date("2024-03-01T10:00:00Z") });
    const other = await createOrder({ customerId: null, email: "someone-else@example.test", placedAt: new Date("2024-03-02T10:00:00Z") });
    dataResult(await signUp({ email: "proven-guest@example.test" }));
    await runSignupJobs();
    expect((await db.select().from(schema.orders).where(eq(schema.orders.id, earlier.id)))[0].customerId).toBeNull();
    const done = (await verifyAction(args(post("/account/verify", { token: await signupToken("proven-guest@example.test") })))) as Response;
    const { data: page } = await accountLoader(args(get("/account", cookieFrom(done))));
    expect(page.emailVerified).toBe(true);
    expect(page.orders.map((o) => o.number)).toEqual([earlier.number]);
    expect((await db.select().from(schema.orders).where(eq(schema.orders.id, other.id)))[0].customerId).toBeNull();
  });

  it("an account made before sign-up links still proves its email by the account page's link", async () => {
    const customer = await createCustomer(db, { email: "legacy@example.test", name: "Legacy", password: "password-1" });
    const earlier = await createOrder({ customerId: null, email: "legacy@example.test", placedAt: new Date("2024-03-01T10:00:00Z") });
    const cookie = await sessionCookie({ customerId: customer.id });
    expect(await resendVerificationEmail(customer.id)).toBe(true);
    const [mail] = await db
      .select()
      .from(schema.outbox)
      .where(and(eq(schema.outbox.template, "verify-email"), eq(schema.outbox.to, "legacy@example.test")));
    const token = /\/account\/verify\?token=([A-Za-z0-9._-]+)/.exec(mail.text)![1];
    const forged = await verifyAction(args(post("/account/verify", { token: `${token.slice(0, -2)}xx` }, cookie)));
    expect(dataResult(forged).status).toBe(400);
    const done = (await verifyAction(args(post("/account/verify", { token }, cookie)))) as Response;
    expect(done.status).toBe(303);
    expect(done.headers.get("Location")).toBe("/account");
    const { data: page } = await accountLoader(args(get("/account", cookie)));
    expect(page.emailVerified).toBe(true);
    expect(page.orders.map((o) => o.number)).toEqual([earlier.number]);
  });

  it("sends a signed-in shopper from the sign-up and sign-in pages to the account", async () => {
    const customer = await createCustomer(db, { email: "already-in@example.test", password: "password-1" });
    const cookie = await sessionCookie({ customerId: customer.id });
    const fromSignup = await thrown(signupLoader(args(get("/account/signup", cookie))));
    expect(fromSignup.headers.get("Location")).toBe("/account");
    const fromLogin = await thrown(loginLoader(args(get("/account/login?redirectTo=%2Fcheckout", cookie))));
    expect(fromLogin.headers.get("Location")).toBe("/checkout");
  });
});

describe("POST /account/login", () => {
  let shopper: Awaited<ReturnType<typeof createCustomer>>;
  beforeAll(async () => {
    shopper = await createCustomer(db, { email: "shopper@example.test", name: "Shopper", password: "correct-horse" });
    await createCustomer(db, { email: "no-password@example.test" });
  });

  it("signs in with the right password, any email case, and goes to the safe redirectTo", async () => {
    const res = (await loginAction(
      args(post("/account/login", { email: " SHOPPER@example.test", password: "correct-horse", redirectTo: "/orders/SK-1?x=1" })),
    )) as Response;
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/orders/SK-1?x=1");
    expect((await sessionOf(cookieFrom(res))).get("customerId")).toBe(shopper.id);
    const hostile = (await loginAction(
      args(post("/account/login", { email: "shopper@example.test", password: "correct-horse", redirectTo: "https://evil.test" })),
    )) as Response;
    expect(hostile.headers.get("Location")).toBe("/account");
  });

  it("answers a wrong password, an unknown email and a guest record alike: one message, 401", async () => {
    const attempts = [
      { email: "shopper@example.test", password: "wrong-horse" },
      { email: "nobody@example.test", password: "correct-horse" },
      { email: "no-password@example.test", password: "anything-at-all" },
    ];
    for (const fields of attempts) {
      const result = dataResult(await loginAction(args(post("/account/login", fields))));
      expect(result.status).toBe(401);
      expect(result.formError).toBe("That email and password don't match an account.");
      expect(result.email).toBe(fields.email);
    }
    for (const fields of attempts) expect(await auditCount("customer.login_failed", `customer-login:${fields.email}`)).toBe(1);
  });

  it("answers missing fields with 400 and field messages", async () => {
    const result = dataResult(await loginAction(args(post("/account/login", { email: "", password: "" }))));
    expect(result.status).toBe(400);
    expect(result.errors).toEqual({ email: "Enter your email address.", password: "Enter your password." });
  });

  it(`refuses an email after ${MAX_FAILED_LOGINS} failures with 429, even with the right password; other emails are unaffected`, async () => {
    const target = await createCustomer(db, { email: "targeted@example.test", password: "right-password" });
    const other = await createCustomer(db, { email: "bystander@example.test", password: "right-password" });
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      const result = dataResult(
        await loginAction(args(post("/account/login", { email: "targeted@example.test", password: `guess-${i}` }))),
      );
      expect(result.status).toBe(401);
    }
    const locked = dataResult(
      await loginAction(args(post("/account/login", { email: "Targeted@example.test", password: "right-password" }))),
    );
    expect(locked.status).toBe(429);
    expect(locked.formError).toMatch(/^Too many failed sign-in attempts for this email\. Try again in \d+ minutes\.$/);
    expect(await auditCount("customer.login", `customer-login:${target.email}`)).toBe(0);

    const fine = (await loginAction(args(post("/account/login", { email: other.email, password: "right-password" })))) as Response;
    expect(fine.status).toBe(303);
    expect((await sessionOf(cookieFrom(fine))).get("customerId")).toBe(other.id);
  });
});

describe("POST /account/logout", () => {
  it("signs the shopper out, ends the session for every copy of the cookie, and says so on the login page", async () => {
    const customer = await createCustomer(db, { email: "leaving@example.test", password: "password-1" });
    const cookie = await sessionCookie({ customerId: customer.id });
    const res = await logoutAction(args(post("/account/logout", {}, cookie)));
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/account/login");
    const after = cookieFrom(res);
    expect(after).not.toBe(cookie);
    expect((await sessionOf(after)).get("customerId")).toBeUndefined();
    expect(await getCustomer(get("/account", after))).toBeNull();
    // The cookie as it was before signing out (kept by the browser, copied elsewhere) is dead too.
    expect(await getCustomer(get("/account", cookie))).toBeNull();
    expect((await thrown(accountLoader(args(get("/account", cookie))))).headers.get("Location")).toBe(
      "/account/login?redirectTo=%2Faccount",
    );

    const login = (await loginLoader(args(get("/account/login", after)))) as unknown as {
      type: string;
      data: { flash: unknown };
      init: { headers: Record<string, string> };
    };
    expect(login.data.flash).toEqual({ kind: "success", message: "You've signed out." });
    // The flash is read once.
    const consumed = login.init.headers["Set-Cookie"].split(";")[0];
    expect(((await loginLoader(args(get("/account/login", consumed)))) as unknown as { data: unknown }).data).toEqual({ flash: null });

    const redirected = await thrown(accountLoader(args(get("/account", after))));
    expect(redirected.headers.get("Location")).toBe("/account/login?redirectTo=%2Faccount");
  });
});

describe("GET /account", () => {
  let alice: Awaited<ReturnType<typeof createCustomer>>;
  let bob: Awaited<ReturnType<typeof createCustomer>>;
  let aliceOrders: schema.Order[];
  let bobOrders: schema.Order[];
  let aliceGuestOrder: schema.Order;

  beforeAll(async () => {
    alice = await createCustomer(db, { email: "alice@example.test", name: "Alice", password: "alice-password" });
    bob = await createCustomer(db, { email: "bob@example.test", name: "Bob", password: "bob-password" });
    aliceOrders = [];
    bobOrders = [];
    // Interleaved dates, so "newest first" is tested across both customers' rows.
    for (let i = 0; i < 12; i++) {
      aliceOrders.push(
        await createOrder({
          customerId: alice.id,
          email: alice.email,
          placedAt: new Date(Date.UTC(2024, 2, 1 + 2 * i, 9)),
          status: i === 11 ? "shipped" : "open",
        }),
      );
      if (i < 3)
        bobOrders.push(await createOrder({ customerId: bob.id, email: bob.email, placedAt: new Date(Date.UTC(2024, 2, 2 + 2 * i, 9)) }));
    }
    // A guest order with Alice's email but not on her account: it must not show.
    aliceGuestOrder = await createOrder({ customerId: null, email: alice.email, placedAt: new Date(Date.UTC(2024, 5, 1, 9)) });
  });

  it("sends a visitor who isn't signed in to the login page and back", async () => {
    const res = await thrown(accountLoader(args(get("/account"))));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/account/login?redirectTo=%2Faccount");
    const paged = await thrown(accountLoader(args(get("/account?page=2"))));
    expect(paged.headers.get("Location")).toBe("/account/login?redirectTo=%2Faccount%3Fpage%3D2");
  });

  it("refuses a session that points at a guest record without a password", async () => {
    const guest = await createCustomer(db, { email: "ghost@example.test" });
    const res = await thrown(accountLoader(args(get("/account", await sessionCookie({ customerId: guest.id })))));
    expect(res.headers.get("Location")).toBe("/account/login?redirectTo=%2Faccount");
  });

  it("ends every session opened before the password changed, on any device", async () => {
    const carol = await createCustomer(db, { email: "carol@example.test", name: "Carol", password: "carol-pass-1" });
    const phone = await sessionCookie({ customerId: carol.id });
    const laptop = await sessionCookie({ customerId: carol.id });
    expect(await getCustomer(get("/account", phone))).toMatchObject({ id: carol.id });

    await db
      .update(schema.customers)
      .set({ passwordHash: await hashSecret("carol-pass-2") })
      .where(eq(schema.customers.id, carol.id));
    for (const cookie of [phone, laptop]) {
      expect(await getCustomer(get("/account", cookie))).toBeNull();
      const res = await thrown(accountLoader(args(get("/account", cookie))));
      expect(res.headers.get("Location")).toBe("/account/login?redirectTo=%2Faccount");
    }
    expect(await getCustomer(get("/account", await sessionCookie({ customerId: carol.id })))).toMatchObject({ id: carol.id });
  });

  it("lists only the customer's own orders, newest first, ten a page", async () => {
    const cookie = await sessionCookie({ customerId: alice.id });
    const { data: first } = await accountLoader(args(get("/account", cookie)));
    expect(first.customer).toEqual({ name: "Alice", email: "alice@example.test" });
    expect(first.total).toBe(12);
    expect(first.page).toBe(1);
    expect(first.pageCount).toBe(2);
    expect(first.orders).toHaveLength(ORDERS_PAGE_SIZE);
    const newestFirst = [...aliceOrders].reverse();
    expect(first.orders.map((o) => o.number)).toEqual(newestFirst.slice(0, 10).map((o) => o.number));
    expect(first.orders[0]).toEqual({
      number: newestFirst[0].number,
      placedAt: newestFirst[0].placedAt,
      status: "shipped",
      total: newestFirst[0].total,
      currency: "USD",
      inStore: false,
      giftCardsOnly: false,
      cardsToSend: 0,
    });

    const { data: second } = await accountLoader(args(get("/account?page=2", cookie)));
    expect(second.page).toBe(2);
    expect(second.orders.map((o) => o.number)).toEqual(newestFirst.slice(10).map((o) => o.number));

    const shown = [...first.orders, ...second.orders].map((o) => o.number);
    for (const order of [...bobOrders, aliceGuestOrder]) expect(shown).not.toContain(order.number);

    const { data: bobPage } = await accountLoader(args(get("/account", await sessionCookie({ customerId: bob.id }))));
    expect(bobPage.total).toBe(3);
    expect(bobPage.orders.map((o) => o.number)).toEqual([...bobOrders].reverse().map((o) => o.number));
  });

  it("says a page past the end has no orders (never the last page again), and answers 400 to a page that isn't a number", async () => {
    const cookie = await sessionCookie({ customerId: alice.id });
    expect((await accountLoader(args(get("/account?page=99", cookie)))).data).toMatchObject({ orders: [], page: 99, pageCount: 2 });
    for (const [value, message] of [
      ["abc", "The page must be a number."],
      ["0", "Pages start at 1."],
    ]) {
      const refused = await thrown(accountLoader(args(get(`/account?page=${value}`, cookie))));
      expect([refused.status, await refused.text()]).toEqual([400, message]);
    }
  });

  it("shows an empty history for a new account", async () => {
    const fresh = await createCustomer(db, { email: "fresh@example.test", password: "password-1" });
    const { data: page } = await accountLoader(args(get("/account", await sessionCookie({ customerId: fresh.id }))));
    expect(page).toMatchObject({ total: 0, page: 1, pageCount: 1, orders: [] });
  });
});

describe("GET /orders/:number for account holders", () => {
  let owner: Awaited<ReturnType<typeof createCustomer>>;
  let other: Awaited<ReturnType<typeof createCustomer>>;
  let order: schema.Order;

  beforeAll(async () => {
    owner = await createCustomer(db, { email: "owner@example.test", password: "password-1" });
    other = await createCustomer(db, { email: "other@example.test", password: "password-1" });
    order = await createOrder({ customerId: owner.id, email: owner.email, placedAt: new Date("2024-04-01T12:00:00Z") });
  });

  it("opens for the customer who owns it, without a token", async () => {
    const { data: result } = await orderLoader(
      args(get(`/orders/${order.number}`, await sessionCookie({ customerId: owner.id })), { number: order.number }),
    );
    expect(result.order.number).toBe(order.number);
    expect(result.token).toBeNull();
  });

  it("is a 404 for another signed-in customer, and for nobody", async () => {
    const asOther = await thrown(
      orderLoader(args(get(`/orders/${order.number}`, await sessionCookie({ customerId: other.id })), { number: order.number })),
    );
    expect(asOther.status).toBe(404);
    const anonymous = await thrown(orderLoader(args(get(`/orders/${order.number}`), { number: order.number })));
    expect(anonymous.status).toBe(404);
  });

  it("still opens with the signed link for anyone", async () => {
    const path = `/orders/${order.number}?t=${statusToken(order.number)}`;
    const { data: result } = await orderLoader(args(get(path, await sessionCookie({ customerId: other.id })), { number: order.number }));
    expect(result.order.number).toBe(order.number);
  });
});

describe("register sales in the account (docs/decisions/0023)", () => {
  it("join the account by the proven email, never by phone; a sign-up that is not followed changes nothing", async () => {
    const email = "wairimu@example.test";
    // The register knows her by email and phone (#15): one sale on her record, one with only her receipt email.
    const [known] = await db.insert(schema.customers).values({ email, name: "Wairimu Kamau", phone: "+14155550177" }).returning();
    const onRecord = await createOrder({ customerId: known.id, email, placedAt: new Date("2025-05-01T18:00:00Z"), channel: "pos" });
    const byReceipt = await createOrder({ customerId: null, email, placedAt: new Date("2025-05-02T18:00:00Z"), channel: "pos" });
    // A record the register has by phone alone (the same number typed by someone else, say): never hers by sign-up.
    const [byPhone] = await db.insert(schema.customers).values({ email: "", name: "W.", phone: "+14155550178" }).returning();
    const phoneSale = await createOrder({ customerId: byPhone.id, email: "", placedAt: new Date("2025-05-03T18:00:00Z"), channel: "pos" });

    // Whoever signs up with her email (her, or someone who only knows it) changes nothing of hers…
    dataResult(await signUp({ email, name: "Wairimu" }));
    await runSignupJobs();
    const [untouched] = await db.select().from(schema.customers).where(eq(schema.customers.id, known.id));
    expect(untouched.passwordHash).toBeNull();
    expect((await db.select().from(schema.orders).where(eq(schema.orders.id, onRecord.id)))[0].customerId).toBe(known.id);
    const later = await createOrder({ customerId: known.id, email, placedAt: new Date("2025-06-01T18:00:00Z"), channel: "pos" });

    // …until the link that reached her inbox is followed: it proves the email, and her register sales join, "In store".
    const done = (await verifyAction(args(post("/account/verify", { token: await signupToken(email) })))) as Response;
    expect(done.status).toBe(303);
    const cookie = cookieFrom(done);
    const { data: page } = await accountLoader(args(get("/account", cookie)));
    expect(page.orders.map((o) => [o.number, o.inStore])).toEqual([
      [later.number, true],
      [byReceipt.number, true],
      [onRecord.number, true],
    ]);
    const { data: receipt } = await orderLoader(args(get(`/orders/${onRecord.number}`, cookie), { number: onRecord.number }));
    expect(receipt.order.number).toBe(onRecord.number);
    // The phone-only record's sale stays where it was.
    expect((await db.select().from(schema.orders).where(eq(schema.orders.id, phoneSale.id)))[0].customerId).toBe(byPhone.id);
  });
});
