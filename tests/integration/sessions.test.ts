/**
 * Server-side sessions through the real routes: forged cookies, logout that ends every copy of a
 * cookie, a fresh session id at every sign-in, idle and absolute expiry, and the events that end all of
 * a person's sessions (new password or PIN, deactivation, "sign out everywhere").
 */
import { createCookie } from "@remix-run/node";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "#db/client";
import { createArtisan, createCustomer, createRetailer, createStaff, type BuyerUser } from "#db/seed/factories";
import { sendPinCode, setPinWithCode } from "~/features/artisan-app/auth.server";
import { issuePasswordReset } from "~/domain/accounts/password-reset.server";
import { hashInviteToken } from "~/domain/wholesale/auth.server";
import { loader as accountLoader } from "~/routes/account._index";
import { action as customerLoginAction, loader as customerLoginLoader } from "~/routes/account.login";
import { action as customerLogoutAction } from "~/routes/account.logout";
import { action as resetAction } from "~/routes/account.reset";
import { action as signupAction } from "~/routes/account.signup";
import { action as verifyAction } from "~/routes/account.verify";
import { issueSignUp } from "~/domain/accounts/signup.server";
import { action as artisanLoginAction } from "~/routes/artisan._index";
import { action as artisanLogoutAction } from "~/routes/artisan.logout";
import { loader as offersLoader } from "~/routes/artisan.offers";
import { action as opsAccountAction, loader as opsAccountLoader } from "~/routes/ops.account";
import { action as opsArtisanAction } from "~/routes/ops.artisans.$id";
import { loader as auditLoader } from "~/routes/ops.audit";
import { action as opsLoginAction } from "~/routes/ops.login";
import { action as opsLogoutAction } from "~/routes/ops.logout";
import { loader as opsOrdersLoader } from "~/routes/ops.orders._index";
import { loader as payoutsLoader } from "~/routes/ops.payouts";
import { action as posAction } from "~/routes/pos._index";
import { action as inviteAction } from "~/routes/wholesale.invite.$token";
import { action as buyerLoginAction } from "~/routes/wholesale.login";
import { action as buyerLogoutAction } from "~/routes/wholesale.logout";
import { loader as wholesaleOrdersLoader } from "~/routes/wholesale.orders._index";
import { redirectWithFlash } from "~/lib/flash.server";
import { db, schema } from "~/lib/db.server";
import { getSession, hashSessionId, purgeExpiredSessions, sessionStorage, type SessionUser } from "~/lib/session.server";
import { call, get, post, type Outcome } from "./artisan-support";
import { sessionCookie } from "./session-support";

const { sessions } = schema;

/** The app's own cookie, to read the id a Set-Cookie carries or sign one the way the app does. */
const appCookie = createCookie("__soko_session", { secrets: [process.env.SESSION_SECRET!] });
const idOf = async (cookie: string) => (await appCookie.parse(cookie)) as string;
const rowOf = async (cookie: string) =>
  (
    await db
      .select()
      .from(sessions)
      .where(eq(sessions.idHash, hashSessionId(await idOf(cookie))))
  )[0];

/** What the cookie opens: "open" (a page), or where it was sent. */
async function opens(handler: Parameters<typeof call>[0], path: string, cookie: string) {
  const outcome = await call(handler, get(path, cookie));
  return outcome.status === 200 ? "open" : `${outcome.status} ${outcome.location}`;
}

let admin: schema.StaffUser;
let finance: schema.StaffUser;
let cashier: schema.StaffUser;
let customer: schema.Customer;
let buyer: BuyerUser;
let retailer: schema.Retailer;
let artisan: schema.Artisan;

beforeAll(async () => {
  admin = await createStaff(db, { email: "admin@soko.test", roles: ["admin"] });
  finance = await createStaff(db, { email: "finance@soko.test", roles: ["finance"] });
  cashier = await createStaff(db, { email: "cashier@soko.test", roles: ["cashier"] });
  customer = await createCustomer(db, { email: "wanjiru@example.test", password: "wanjiru-pass-1" });
  const shop = await createRetailer(db, { buyer: { email: "buyer@juniper.example", password: "buyer-pass-1" } });
  retailer = shop.retailer;
  buyer = shop.buyer!;
  artisan = (await createArtisan(db, { phone: "+254722000111", pin: "2468", language: "en" })).artisan;
});

describe("forged cookies", () => {
  it("refuses a cookie forged with the old default secret, and one forged with the real secret: nobody is signed in", async () => {
    for (const secret of ["soko-local-session-secret-change-me", process.env.SESSION_SECRET!]) {
      const forged = (await createCookie("__soko_session", { secrets: [secret] }).serialize({ staffId: admin.id })).split(";")[0];
      expect(await opens(auditLoader, "/ops/audit", forged)).toBe("302 /ops/login?redirectTo=%2Fops%2Faudit");
      expect(await opens(payoutsLoader, "/ops/payouts", forged)).toBe("302 /ops/login?redirectTo=%2Fops%2Fpayouts");
      expect((await getSession(get("/", forged))).get("staffId")).toBeUndefined();
    }
    // A well-formed id that was never issued opens nothing either.
    const madeUp = (await appCookie.serialize("A".repeat(43))).split(";")[0];
    expect(await opens(auditLoader, "/ops/audit", madeUp)).toBe("302 /ops/login?redirectTo=%2Fops%2Faudit");
  });

  it("keeps only a hash of the id: the table's contents open no session", async () => {
    const cookie = await sessionCookie({ kind: "staff", id: admin.id });
    const id = await idOf(cookie);
    const rows = await db.select().from(sessions).where(eq(sessions.staffUserId, admin.id));
    expect(rows.map((r) => r.idHash)).toContain(hashSessionId(id));
    expect(JSON.stringify(rows)).not.toContain(id);
    expect(await opens(auditLoader, "/ops/audit", cookie)).toBe("open");
  });
});

describe("signing out ends the session for every copy of the cookie", () => {
  const cases: Array<{
    name: string;
    user: () => SessionUser;
    logout: Parameters<typeof call>[0];
    logoutPath: string;
    page: Parameters<typeof call>[0];
    path: string;
  }> = [
    {
      name: "staff at /ops/orders",
      user: () => ({ kind: "staff", id: admin.id }),
      logout: opsLogoutAction,
      logoutPath: "/ops/logout",
      page: opsOrdersLoader,
      path: "/ops/orders",
    },
    {
      name: "a buyer at /wholesale/orders",
      user: () => ({ kind: "buyer", id: buyer.id }),
      logout: buyerLogoutAction,
      logoutPath: "/wholesale/logout",
      page: wholesaleOrdersLoader,
      path: "/wholesale/orders",
    },
    {
      name: "a shopper at /account",
      user: () => ({ kind: "customer", id: customer.id }),
      logout: customerLogoutAction,
      logoutPath: "/account/logout",
      page: accountLoader,
      path: "/account",
    },
    {
      name: "an artisan at /artisan/offers",
      user: () => ({ kind: "artisan", id: artisan.id }),
      logout: artisanLogoutAction,
      logoutPath: "/artisan/logout",
      page: offersLoader,
      path: "/artisan/offers",
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const cookie = await sessionCookie(c.user());
      const copy = cookie; // what an attacker lifted from the browser before the sign-out
      expect(await opens(c.page, c.path, cookie)).toBe("open");
      const out = await call(c.logout, post(c.logoutPath, {}, cookie));
      expect(out.status).toBeGreaterThanOrEqual(300);
      expect(out.status).toBeLessThan(400);
      expect(await opens(c.page, c.path, copy)).toMatch(/^302 /);
      if (out.cookie) expect(await opens(c.page, c.path, out.cookie)).toMatch(/^302 /);
      expect(await rowOf(copy)).toBeUndefined();
    });
  }
});

describe("a fresh session at every sign-in", () => {
  /** A session the attacker made and planted in the victim's browser (any visitor can get one with a value in it). */
  async function planted() {
    const response = await redirectWithFlash(get("/"), "/", { kind: "error", message: "planted before sign-in" });
    return response.headers.get("Set-Cookie")!.split(";")[0];
  }

  const token = "invite-token-for-the-fixation-test-0123456789";
  const signIns: Array<{
    name: string;
    key: "staffId" | "customerId" | "buyerId" | "artisanId";
    id: () => number | Promise<number>;
    signIn: (cookie: string) => Promise<Outcome>;
    flash?: string;
  }> = [
    {
      name: "staff at /ops/login",
      key: "staffId",
      id: () => admin.id,
      signIn: (c) => call(opsLoginAction, post("/ops/login", { email: "admin@soko.test", password: "soko-demo" }, c)),
    },
    {
      name: "the register at /pos",
      key: "staffId",
      id: () => cashier.id,
      signIn: (c) => call(posAction, post("/pos", { email: "cashier@soko.test", password: "soko-demo" }, c)),
    },
    {
      name: "a shopper at /account/login",
      key: "customerId",
      id: () => customer.id,
      signIn: (c) => call(customerLoginAction, post("/account/login", { email: "wanjiru@example.test", password: "wanjiru-pass-1" }, c)),
    },
    {
      name: "a new shopper following the sign-up link at /account/verify",
      key: "customerId",
      flash: "Your account is ready and you're signed in.",
      id: async () => (await db.select().from(schema.customers).where(eq(schema.customers.email, "new@example.test")))[0].id,
      signIn: async (c) => {
        await call(
          signupAction,
          post("/account/signup", { email: "new@example.test", name: "New", password: "new-pass-123", confirm: "new-pass-123" }, c),
        );
        const [signup] = await db.select().from(schema.customerSignups).where(eq(schema.customerSignups.email, "new@example.test"));
        const issued = await issueSignUp(signup.id);
        return call(verifyAction, post("/account/verify", { token: issued?.kind === "link" ? issued.token : "" }, c));
      },
    },
    {
      name: "a buyer at /wholesale/login",
      key: "buyerId",
      id: () => buyer.id,
      signIn: (c) => call(buyerLoginAction, post("/wholesale/login", { email: "buyer@juniper.example", password: "buyer-pass-1" }, c)),
    },
    {
      name: "a buyer accepting an invitation",
      key: "buyerId",
      id: async () => (await db.select().from(schema.buyerUsers).where(eq(schema.buyerUsers.email, "invited@juniper.example")))[0].id,
      signIn: async (c) => {
        await db.insert(schema.buyerUsers).values({
          retailerId: retailer.id,
          email: "invited@juniper.example",
          name: "Invited",
          inviteTokenHash: hashInviteToken(token),
          inviteExpiresAt: new Date(Date.now() + 86_400_000),
        });
        return call(
          inviteAction,
          post(`/wholesale/invite/${token}`, { name: "Invited", password: "invited-pass-1", confirm: "invited-pass-1" }, c),
          { token },
        );
      },
    },
    {
      name: "an artisan at /artisan",
      key: "artisanId",
      id: () => artisan.id,
      signIn: (c) => call(artisanLoginAction, post("/artisan", { phone: "+254722000111", pin: "2468" }, c)),
    },
  ];

  for (const s of signIns) {
    it(`${s.name}: a new id, nothing planted before carried over, the planted session gone`, async () => {
      const before = await planted();
      expect((await getSession(get("/", before))).has("flash")).toBe(true);
      const result = await s.signIn(before);
      expect(result.status, JSON.stringify(result.body)).toBeGreaterThanOrEqual(300);
      expect(result.cookie).toBeTruthy();
      const after = result.cookie!;
      expect(await idOf(after)).not.toBe(await idOf(before));
      const session = await getSession(get("/", after));
      expect(session.get(s.key)).toBe(await s.id());
      // Only a message of the sign-in's own (the sign-up link says the account is ready), never the planted one.
      if (s.flash) expect(session.get("flash")).toMatchObject({ message: s.flash });
      else expect(session.has("flash")).toBe(false);
      expect(await rowOf(before)).toBeUndefined();
    });
  }

  it("a sign-in over someone else's session (planted or left behind) ends it and keeps none of it", async () => {
    const theirs = await sessionCookie({ kind: "staff", id: finance.id });
    const mine = (
      await call(customerLoginAction, post("/account/login", { email: "wanjiru@example.test", password: "wanjiru-pass-1" }, theirs))
    ).cookie!;
    const session = await getSession(get("/", mine));
    expect(session.get("customerId")).toBe(customer.id);
    expect(session.get("staffId")).toBeUndefined();
    expect(await opens(payoutsLoader, "/ops/payouts", mine)).toBe("302 /ops/login?redirectTo=%2Fops%2Fpayouts");
    expect(await opens(payoutsLoader, "/ops/payouts", theirs)).toBe("302 /ops/login?redirectTo=%2Fops%2Fpayouts");
  });

  it("nobody can be put into an existing session: who is signed in changes only by signing in", async () => {
    const cookie = await planted();
    const session = await getSession(get("/", cookie));
    session.set("staffId", admin.id);
    await expect(sessionStorage().commitSession(session)).rejects.toThrow(/startSession/);
    expect(await opens(auditLoader, "/ops/audit", cookie)).toMatch(/^302 /);
  });
});

describe("expiry", () => {
  it("refuses a session past its idle deadline, and one past its absolute lifetime however recently used", async () => {
    const idle = await sessionCookie({ kind: "staff", id: admin.id });
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.idHash, hashSessionId(await idOf(idle))));
    expect(await opens(opsOrdersLoader, "/ops/orders", idle)).toBe("302 /ops/login?redirectTo=%2Fops%2Forders");

    const old = await sessionCookie({ kind: "staff", id: admin.id });
    const past = new Date(Date.now() - 60_000);
    await db
      .update(sessions)
      .set({ absoluteExpiresAt: past, expiresAt: past })
      .where(eq(sessions.idHash, hashSessionId(await idOf(old))));
    expect(await opens(opsOrdersLoader, "/ops/orders", old)).toBe("302 /ops/login?redirectTo=%2Fops%2Forders");
  });

  it("moves the idle deadline forward on use, never past the absolute one", async () => {
    const cookie = await sessionCookie({ kind: "staff", id: admin.id });
    const idHash = hashSessionId(await idOf(cookie));
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() + 3600_000) })
      .where(eq(sessions.idHash, idHash));
    expect(await opens(opsOrdersLoader, "/ops/orders", cookie)).toBe("open");
    let row = (await db.select().from(sessions).where(eq(sessions.idHash, idHash)))[0];
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 11.9 * 3600_000); // staff: 12 hours idle

    const cap = new Date(Date.now() + 2 * 3600_000);
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() + 3600_000), absoluteExpiresAt: cap })
      .where(eq(sessions.idHash, idHash));
    expect(await opens(opsOrdersLoader, "/ops/orders", cookie)).toBe("open");
    row = (await db.select().from(sessions).where(eq(sessions.idHash, idHash)))[0];
    expect(row.expiresAt.getTime()).toBe(cap.getTime());
  });

  it("purges expired rows and keeps live ones", async () => {
    const live = await sessionCookie({ kind: "customer", id: customer.id });
    const dead = await sessionCookie({ kind: "customer", id: customer.id });
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.idHash, hashSessionId(await idOf(dead))));
    expect(await purgeExpiredSessions()).toBeGreaterThanOrEqual(1);
    expect(await rowOf(dead)).toBeUndefined();
    expect(await rowOf(live)).toBeDefined();
  });
});

describe("ending every session of a person", () => {
  const liveFor = async (column: "staffUserId" | "customerId" | "artisanId" | "buyerUserId", id: number) =>
    db.$count(sessions, eq(sessions[column], id));

  it("staff: 'sign out everywhere' at /ops/account ends every session of that staff member, and only theirs", async () => {
    const laptop = await sessionCookie({ kind: "staff", id: finance.id });
    const phone = await sessionCookie({ kind: "staff", id: finance.id });
    const someoneElse = await sessionCookie({ kind: "staff", id: admin.id });
    const page = await call(opsAccountLoader, get("/ops/account", laptop));
    expect(page.body).toMatchObject({ sessions: 2 });

    const out = await call(opsAccountAction, post("/ops/account", { intent: "sign-out-everywhere" }, laptop));
    expect(out).toMatchObject({ status: 302, location: "/ops/login" });
    for (const cookie of [laptop, phone])
      expect(await opens(payoutsLoader, "/ops/payouts", cookie)).toBe("302 /ops/login?redirectTo=%2Fops%2Fpayouts");
    expect(await liveFor("staffUserId", finance.id)).toBe(0);
    expect(await opens(auditLoader, "/ops/audit", someoneElse)).toBe("open");
    const [entry] = await db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "staff.signed_out_everywhere"));
    expect(entry).toMatchObject({ actor: `staff:${finance.id}`, data: { sessions: 2 } });
  });

  it("staff: a new password or deactivation ends every session of that staff member", async () => {
    const member = await createStaff(db, { email: "leaver@soko.test", roles: ["ops"] });
    const first = await sessionCookie({ kind: "staff", id: member.id });
    await db.update(schema.staffUsers).set({ passwordHash: "scrypt$changed" }).where(eq(schema.staffUsers.id, member.id));
    expect(await opens(opsOrdersLoader, "/ops/orders", first)).toMatch(/^302 \/ops\/login/);
    expect(await rowOf(first)).toBeUndefined();

    const second = await sessionCookie({ kind: "staff", id: member.id });
    await db.update(schema.staffUsers).set({ name: "Renamed" }).where(eq(schema.staffUsers.id, member.id));
    expect(await rowOf(second)).toBeDefined(); // other edits leave sessions alone
    await db.update(schema.staffUsers).set({ active: false }).where(eq(schema.staffUsers.id, member.id));
    expect(await rowOf(second)).toBeUndefined();
  });

  it("shoppers: 'sign out everywhere' from /account, and a password reset, end every session", async () => {
    const shopper = await createCustomer(db, { email: "everywhere@example.test", password: "everywhere-1" });
    const other = await sessionCookie({ kind: "customer", id: customer.id });
    const [a, b] = [await sessionCookie({ kind: "customer", id: shopper.id }), await sessionCookie({ kind: "customer", id: shopper.id })];
    const out = await call(customerLogoutAction, post("/account/logout", { scope: "everywhere" }, a));
    expect(out).toMatchObject({ status: 303, location: "/account/login" });
    for (const cookie of [a, b]) expect(await opens(accountLoader, "/account", cookie)).toBe("302 /account/login?redirectTo=%2Faccount");
    const login = await call(customerLoginLoader, get("/account/login", out.cookie!));
    expect(login.body?.flash).toEqual({ kind: "success", message: "You've been signed out on every device." });
    expect(await opens(accountLoader, "/account", other)).toBe("open");

    // A reset on one device: every other device is signed out, the one that reset is signed in afresh.
    const [phone, laptop] = [
      await sessionCookie({ kind: "customer", id: shopper.id }),
      await sessionCookie({ kind: "customer", id: shopper.id }),
    ];
    const { token } = (await issuePasswordReset("everywhere@example.test"))!;
    const reset = await call(
      resetAction,
      post(`/account/reset?token=${token}`, { token, password: "everywhere-2", confirm: "everywhere-2" }, phone),
    );
    expect(reset).toMatchObject({ status: 303, location: "/account" });
    for (const cookie of [phone, laptop]) expect(await opens(accountLoader, "/account", cookie)).toMatch(/^302 /);
    expect(await opens(accountLoader, "/account", reset.cookie!)).toBe("open");
    expect(await liveFor("customerId", shopper.id)).toBe(1);
  });

  it("artisans: a new PIN, or deactivation by operations, ends every session", async () => {
    const maker = (await createArtisan(db, { phone: "+254722000222", pin: "1357" })).artisan;
    const phone = await sessionCookie({ kind: "artisan", id: maker.id });
    expect(await sendPinCode({ phone: maker.phone })).toEqual({ ok: true });
    const [sms] = await db
      .select()
      .from(schema.outbox)
      .where(and(eq(schema.outbox.to, maker.phone), eq(schema.outbox.template, "artisan_pin_code")));
    const code = /(\d{6})/.exec(sms.text)![1];
    expect(await setPinWithCode({ phone: maker.phone, code, pin: "8642" })).toMatchObject({ ok: true });
    expect(await opens(offersLoader, "/artisan/offers", phone)).toBe("302 /artisan");

    const again = await sessionCookie({ kind: "artisan", id: maker.id });
    expect(await opens(offersLoader, "/artisan/offers", again)).toBe("open");
    const ops = await sessionCookie({ kind: "staff", id: admin.id });
    expect(
      (
        await call(opsArtisanAction, post(`/ops/artisans/${maker.id}`, { intent: "deactivate", confirm: "yes" }, ops), {
          id: String(maker.id),
        })
      ).status,
    ).toBe(302);
    expect(await rowOf(again)).toBeUndefined();
  });

  it("buyers: a new password, or a retailer no longer approved, ends every session", async () => {
    const { retailer: shop, buyer: someone } = await createRetailer(db, { buyer: { email: "suspended@shop.example" } });
    const first = await sessionCookie({ kind: "buyer", id: someone!.id });
    await db.update(schema.buyerUsers).set({ passwordHash: "scrypt$changed" }).where(eq(schema.buyerUsers.id, someone!.id));
    expect(await rowOf(first)).toBeUndefined();

    const second = await sessionCookie({ kind: "buyer", id: someone!.id });
    const otherShop = await sessionCookie({ kind: "buyer", id: buyer.id });
    await db.update(schema.retailers).set({ status: "suspended" }).where(eq(schema.retailers.id, shop.id));
    expect(await rowOf(second)).toBeUndefined();
    expect(await opens(wholesaleOrdersLoader, "/wholesale/orders", otherShop)).toBe("open");
  });
});

describe("several app processes", () => {
  it("share sessions: one made through another connection (another process) opens the console here", async () => {
    const other = createDb(process.env.DATABASE_URL!, { max: 1 });
    try {
      const id = "B".repeat(20) + "c".repeat(23);
      const now = Date.now();
      await other.db.insert(schema.sessions).values({
        idHash: hashSessionId(id),
        staffUserId: admin.id,
        idleSeconds: 3600,
        expiresAt: new Date(now + 3600_000),
        absoluteExpiresAt: new Date(now + 7200_000),
      });
      const cookie = (await appCookie.serialize(id)).split(";")[0];
      expect(await opens(auditLoader, "/ops/audit", cookie)).toBe("open");
      // And the other way: signed out here, gone there.
      await call(opsLogoutAction, post("/ops/logout", {}, cookie));
      expect(await other.db.$count(schema.sessions, eq(schema.sessions.idHash, hashSessionId(id)))).toBe(0);
    } finally {
      await other.sql.end();
    }
  });
});

describe("the table", () => {
  it("holds at most one person per session", async () => {
    const now = Date.now();
    await expect(
      db.insert(sessions).values({
        idHash: "x".repeat(64),
        staffUserId: admin.id,
        customerId: customer.id,
        idleSeconds: 60,
        expiresAt: new Date(now + 1000),
        absoluteExpiresAt: new Date(now + 2000),
      }),
    ).rejects.toThrow();
    expect(await db.execute(sql`select 1 from sessions where id_hash = ${"x".repeat(64)}`)).toHaveLength(0);
  });
});
