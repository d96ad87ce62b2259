/** Staff sign-in for /ops: the login action, the throttle, requireStaff by role, sign-out. */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createStaff } from "#db/seed/factories";
import { MAX_FAILED_LOGINS, authenticateStaff, hasRole, requireStaff, safeRedirect } from "~/domain/accounts/staff.server";
import { action as loginAction, loader as loginLoader } from "~/routes/ops.login";
import { action as logoutAction } from "~/routes/ops.logout";
import { db, schema } from "~/lib/db.server";
import { getSession } from "~/lib/session.server";

const BASE = "http://soko.test";

function loginRequest(fields: Record<string, string>, search = "") {
  return new Request(`${BASE}/ops/login${search}`, { method: "POST", body: new URLSearchParams(fields) });
}

/** The `name=value` of a Set-Cookie header, ready for a Cookie header. */
function cookieFrom(response: Response) {
  const header = response.headers.get("Set-Cookie");
  if (!header) throw new Error("no Set-Cookie header");
  return header.split(";")[0];
}

async function signIn(email: string, password = "soko-demo") {
  const response = await loginAction({ request: loginRequest({ email, password }), params: {}, context: {} });
  if (!(response instanceof Response)) throw new Error(`sign-in failed: ${JSON.stringify(response)}`);
  return cookieFrom(response);
}

/** A thrown Response (redirect or 403), or a failure if the call did not throw one. */
async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

/** The payload and status of a `data()` result from an action. */
function dataResult(result: unknown) {
  const r = result as {
    type: string;
    data: { errors: Record<string, string>; formError: string | null; email: string };
    init: { status: number };
  };
  expect(r.type).toBe("DataWithResponseInit");
  return { status: r.init.status, ...r.data };
}

let opsUser: Awaited<ReturnType<typeof createStaff>>;
let cashier: Awaited<ReturnType<typeof createStaff>>;
let admin: Awaited<ReturnType<typeof createStaff>>;

beforeAll(async () => {
  opsUser = await createStaff(db, { email: "ops@soko.test", name: "Wanjiru Ops", roles: ["ops"] });
  cashier = await createStaff(db, { email: "cashier@soko.test", roles: ["cashier"] });
  admin = await createStaff(db, { email: "admin@soko.test", roles: ["admin"] });
  await createStaff(db, { email: "gone@soko.test", roles: ["admin"], active: false });
});

describe("safeRedirect", () => {
  it("keeps paths on this site and refuses anything that could leave it", () => {
    expect(safeRedirect("/ops/outbox?status=queued")).toBe("/ops/outbox?status=queued");
    for (const hostile of [
      "//evil.test",
      "/\\evil.test",
      "https://evil.test/ops",
      "javascript:alert(1)",
      "ops",
      "",
      "/ops\\@evil.test",
      "/\tevil",
      null,
      undefined,
    ]) {
      expect(safeRedirect(hostile)).toBe("/ops");
    }
  });
});

describe("hasRole", () => {
  it("passes admin through every check and anyone through no check", () => {
    expect(hasRole({ roles: ["admin"] }, ["finance"])).toBe(true);
    expect(hasRole({ roles: ["cashier"] }, ["admin", "ops"])).toBe(false);
    expect(hasRole({ roles: ["hub", "ops"] }, ["ops"])).toBe(true);
    expect(hasRole({ roles: ["cashier"] })).toBe(true);
    expect(hasRole({ roles: ["cashier"] }, [])).toBe(true);
  });
});

describe("POST /ops/login", () => {
  it("signs in with the right password and goes to the safe redirectTo", async () => {
    const response = await loginAction({
      request: loginRequest({ email: "  OPS@soko.test ", password: "soko-demo", redirectTo: "/ops/outbox?status=sent" }),
      params: {},
      context: {},
    });
    expect(response).toBeInstanceOf(Response);
    const res = response as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/ops/outbox?status=sent");
    const session = await getSession(new Request(BASE, { headers: { Cookie: cookieFrom(res) } }));
    expect(session.get("staffId")).toBe(opsUser.id);
  });

  it("ignores a redirectTo that leaves the site", async () => {
    const res = (await loginAction({
      request: loginRequest({ email: "ops@soko.test", password: "soko-demo", redirectTo: "//evil.test/phish" }),
      params: {},
      context: {},
    })) as Response;
    expect(res.headers.get("Location")).toBe("/ops");
  });

  it("answers a wrong password, an unknown email and an inactive account alike: one message, 401", async () => {
    const attempts = [
      { email: "ops@soko.test", password: "wrong-password" },
      { email: "nobody@soko.test", password: "soko-demo" },
      { email: "gone@soko.test", password: "soko-demo" },
    ];
    const results = [];
    for (const fields of attempts) results.push(dataResult(await loginAction({ request: loginRequest(fields), params: {}, context: {} })));
    for (const result of results) {
      expect(result.status).toBe(401);
      expect(result.formError).toBe("That email and password don't match an active staff account.");
    }
    expect(results[0].email).toBe("ops@soko.test");
    const failures = await db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "staff.login_failed"));
    expect(failures.map((f) => f.subject).sort()).toEqual([
      "staff-login:gone@soko.test",
      "staff-login:nobody@soko.test",
      "staff-login:ops@soko.test",
    ]);
  });

  it("rejects a malformed form with field messages and a 400, without checking anything", async () => {
    const result = dataResult(
      await loginAction({ request: loginRequest({ email: "not-an-email", password: "" }), params: {}, context: {} }),
    );
    expect(result.status).toBe(400);
    expect(result.errors).toEqual({ email: "Enter a valid email address.", password: "Enter your password." });
    expect(result.formError).toBeNull();
  });

  it("refuses an email with 429 after too many failures in the window, even with the right password", async () => {
    await createStaff(db, { email: "target@soko.test", roles: ["ops"] });
    for (let i = 0; i < MAX_FAILED_LOGINS; i += 1) {
      const result = dataResult(
        await loginAction({ request: loginRequest({ email: "target@soko.test", password: `guess-${i}` }), params: {}, context: {} }),
      );
      expect(result.status).toBe(401);
    }
    const blocked = dataResult(
      await loginAction({ request: loginRequest({ email: "target@soko.test", password: "soko-demo" }), params: {}, context: {} }),
    );
    expect(blocked.status).toBe(429);
    expect(blocked.formError).toMatch(/Too many failed sign-in attempts/);

    // Other accounts are unaffected, and the lock ends after its 15 minutes.
    expect((await authenticateStaff({ email: "admin@soko.test", password: "soko-demo" })).ok).toBe(true);
    expect(
      (await authenticateStaff({ email: "target@soko.test", password: "soko-demo", now: new Date(Date.now() + 15 * 60_000 + 1000) })).ok,
    ).toBe(true);
  });

  it("counts failures only since the last good sign-in", async () => {
    await createStaff(db, { email: "forgetful@soko.test", roles: ["ops"] });
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i += 1) await authenticateStaff({ email: "forgetful@soko.test", password: "nope" });
    expect((await authenticateStaff({ email: "forgetful@soko.test", password: "soko-demo" })).ok).toBe(true);
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i += 1) await authenticateStaff({ email: "forgetful@soko.test", password: "nope" });
    expect(await authenticateStaff({ email: "forgetful@soko.test", password: "soko-demo" })).toMatchObject({ ok: true });
  });

  it("sends a signed-in visitor of the login page on to the console", async () => {
    const cookie = await signIn("ops@soko.test");
    const res = await thrown(
      loginLoader({
        request: new Request(`${BASE}/ops/login?redirectTo=%2Fops%2Foutbox`, { headers: { Cookie: cookie } }),
        params: {},
        context: {},
      }),
    );
    expect(res.headers.get("Location")).toBe("/ops/outbox");
    expect(await loginLoader({ request: new Request(`${BASE}/ops/login`), params: {}, context: {} })).toBeNull();
  });
});

describe("requireStaff", () => {
  it("redirects a visitor who is not signed in to the login page, remembering where they were going", async () => {
    const res = await thrown(requireStaff(new Request(`${BASE}/ops/outbox?status=queued&page=2`), ["ops"]));
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("Location")!, BASE);
    expect(location.pathname).toBe("/ops/login");
    expect(location.searchParams.get("redirectTo")).toBe("/ops/outbox?status=queued&page=2");
  });

  it("returns the staff member when they hold a role asked for", async () => {
    const cookie = await signIn("ops@soko.test");
    const staff = await requireStaff(new Request(`${BASE}/ops/outbox`, { headers: { Cookie: cookie } }), ["ops"]);
    expect(staff).toMatchObject({ id: opsUser.id, email: "ops@soko.test", roles: ["ops"] });
    expect(staff).not.toHaveProperty("passwordHash");
  });

  it("answers 403 to a signed-in staff member without the role", async () => {
    const cookie = await signIn("cashier@soko.test");
    const request = new Request(`${BASE}/ops/outbox`, { headers: { Cookie: cookie } });
    const res = await thrown(requireStaff(request, ["admin", "ops"]));
    expect(res.status).toBe(403);
    expect((await requireStaff(request)).id).toBe(cashier.id);
  });

  it("lets admin through every role check", async () => {
    const cookie = await signIn("admin@soko.test");
    const staff = await requireStaff(new Request(`${BASE}/ops/payouts`, { headers: { Cookie: cookie } }), ["finance"]);
    expect(staff.id).toBe(admin.id);
  });

  it("signs out a staff member whose account was deactivated", async () => {
    const temp = await createStaff(db, { email: "leaver@soko.test", roles: ["ops"] });
    const cookie = await signIn("leaver@soko.test");
    await db.update(schema.staffUsers).set({ active: false }).where(eq(schema.staffUsers.id, temp.id));
    const res = await thrown(requireStaff(new Request(`${BASE}/ops`, { headers: { Cookie: cookie } })));
    expect(res.headers.get("Location")).toBe("/ops/login?redirectTo=%2Fops");
  });
});

describe("POST /ops/logout", () => {
  it("clears the session and goes to the login page", async () => {
    const cookie = await signIn("ops@soko.test");
    const res = await logoutAction({
      request: new Request(`${BASE}/ops/logout`, { method: "POST", headers: { Cookie: cookie } }),
      params: {},
      context: {},
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/ops/login");
    const session = await getSession(new Request(BASE, { headers: { Cookie: cookieFrom(res) } }));
    expect(session.get("staffId")).toBeUndefined();
    const after = await thrown(requireStaff(new Request(`${BASE}/ops`, { headers: { Cookie: cookieFrom(res) } })));
    expect(after.status).toBe(302);
  });
});

describe("where staff land after signing in", () => {
  it("sends store staff to the register and everyone else to the console, unless they were going somewhere", async () => {
    await createStaff(db, { email: "till@soko.test", roles: ["cashier"] });
    await createStaff(db, { email: "floor@soko.test", roles: ["cashier", "manager"] });
    await createStaff(db, { email: "desk@soko.test", roles: ["ops"] });
    const land = async (email: string, search = "") => {
      const response = await loginAction({
        request: loginRequest({ email, password: "soko-demo", ...(search ? { redirectTo: search } : {}) }),
        params: {},
        context: {},
      });
      return (response as Response).headers.get("Location");
    };
    expect(await land("till@soko.test")).toBe("/pos");
    expect(await land("floor@soko.test")).toBe("/pos");
    expect(await land("desk@soko.test")).toBe("/ops");
    expect(await land("till@soko.test", "/pos/shift")).toBe("/pos/shift");
  });
});
