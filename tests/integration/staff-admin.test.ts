/**
 * Staff management through the real routes: an admin invites a colleague (email with a link, the
 * link sets the password once and signs them in), changes roles, deactivates (every session ends at
 * once), sends a reset link; nobody can leave Soko without an active admin, not even two admins
 * demoting each other at the same moment; one's own password changes only with the current one,
 * under the sign-in throttle, and ends the other sessions.
 */
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createStaff } from "#db/seed/factories";
import { authenticateStaff, getStaff } from "~/domain/accounts/index.server";
import { db, schema } from "~/lib/db.server";
import { action as accountAction, loader as accountLoader } from "~/routes/ops.account";
import { action as passwordAction, loader as passwordLoader } from "~/routes/ops.password";
import { action as memberAction } from "~/routes/ops.staff.$id";
import { action as staffAction, loader as staffLoader } from "~/routes/ops.staff._index";
import { call, flashAfter, get, post } from "./artisan-support";
import { staffSessionCookie } from "./session-support";

let admin: schema.StaffUser;
let adminCookie: string;

beforeAll(async () => {
  admin = await createStaff(db, { email: "boss@soko.test", name: "Boss Admin", roles: ["admin"] });
  adminCookie = await staffSessionCookie(admin.id);
});

/** The token in the newest staff-password email to `to`. */
async function linkTokenFor(to: string) {
  const rows = await db
    .select({ text: schema.outbox.text, subject: schema.outbox.subject })
    .from(schema.outbox)
    .where(and(eq(schema.outbox.to, to), eq(schema.outbox.template, "staff-password")))
    .orderBy(schema.outbox.id);
  const last = rows.at(-1);
  const token = last?.text.match(/\/ops\/password\?token=([A-Za-z0-9_-]{43})/)?.[1];
  if (!token) throw new Error(`no staff password link for ${to}`);
  return { token, subject: last!.subject };
}

async function invite(fields: Record<string, string>, roles: string[]) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  for (const role of roles) form.append("roles", role);
  return call(staffAction, post("/ops/staff", form, adminCookie));
}

describe("inviting a colleague", () => {
  it("creates the account, emails a link that sets the password once, and signs them in", async () => {
    const answer = await invite({ name: "Wanjiru Hub", email: "Wanjiru@Soko.test" }, ["hub"]);
    expect(answer.status).toBe(303);
    const id = Number(answer.location!.split("/").at(-1));
    const flash = await flashAfter(answer, staffLoader);
    expect(flash?.message).toContain("wanjiru@soko.test");

    // Listed as invited, and nobody can sign in to it yet.
    const list = await call(staffLoader, get("/ops/staff?status=invited", adminCookie));
    expect((list.body!.rows as { email: string }[]).map((r) => r.email)).toContain("wanjiru@soko.test");
    expect((await authenticateStaff({ email: "wanjiru@soko.test", password: "" })).ok).toBe(false);

    const { token, subject } = await linkTokenFor("wanjiru@soko.test");
    expect(subject).toBe("You're invited to Soko operations");
    const page = await call(passwordLoader, get(`/ops/password?token=${token}`));
    expect(page.body).toMatchObject({ refused: null, link: { name: "Wanjiru Hub", purpose: "invite" } });

    const short = await call(passwordAction, post("/ops/password", { token, password: "short", confirm: "short" }));
    expect(short.status).toBe(422);

    const set = await call(
      passwordAction,
      post("/ops/password", { token, password: "a long hub password", confirm: "a long hub password" }),
    );
    expect(set.status).toBe(302);
    expect(set.location).toBe("/ops");
    const signedIn = await getStaff(get("/ops", set.cookie!));
    expect(signedIn?.id).toBe(id);
    expect((await authenticateStaff({ email: "wanjiru@soko.test", password: "a long hub password" })).ok).toBe(true);

    // Once only.
    const again = await call(passwordAction, post("/ops/password", { token, password: "another long one!", confirm: "another long one!" }));
    expect(again.status).toBe(410);
    expect(again.body).toMatchObject({ refused: "used" });
    const listed = await call(staffLoader, get(`/ops/staff?q=wanjiru`, adminCookie));
    expect((listed.body!.rows as { status: string }[])[0].status).toBe("active");
  });

  it("refuses a taken email, missing roles and bad input with field messages, writing nothing", async () => {
    const before = await db.$count(schema.staffUsers);
    const taken = await invite({ name: "Someone", email: "boss@soko.test" }, ["ops"]);
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ errors: { email: "Someone on the staff already has this email." } });
    const noRoles = await invite({ name: "Someone", email: "new1@soko.test" }, []);
    expect(noRoles.status).toBe(400);
    expect(noRoles.body).toMatchObject({ errors: { roles: "Choose at least one role." } });
    const badRole = await invite({ name: "Someone", email: "new2@soko.test" }, ["superuser"]);
    expect(badRole.status).toBe(400);
    const nul = await invite({ name: "Some\u0000one", email: "new3@soko.test" }, ["ops"]);
    expect(nul.status).toBe(400);
    expect(await db.$count(schema.staffUsers)).toBe(before);
  });

  it("is for admins only", async () => {
    const ops = await createStaff(db, { roles: ["ops", "finance", "hub", "manager"] });
    const cookie = await staffSessionCookie(ops.id);
    expect((await call(staffLoader, get("/ops/staff", cookie))).status).toBe(403);
    const form = new FormData();
    form.set("name", "Sneaky");
    form.set("email", "sneaky@soko.test");
    form.append("roles", "admin");
    expect((await call(staffAction, post("/ops/staff", form, cookie))).status).toBe(403);
    expect(await db.$count(schema.staffUsers, eq(schema.staffUsers.email, "sneaky@soko.test"))).toBe(0);
  });

  it("refuses forged, unknown and superseded links", async () => {
    expect((await call(passwordLoader, get("/ops/password?token=abc"))).status).toBe(400);
    expect((await call(passwordLoader, get(`/ops/password?token=${"A".repeat(43)}`))).status).toBe(404);
    const answer = await invite({ name: "Twice Sent", email: "twice@soko.test" }, ["ops"]);
    const id = Number(answer.location!.split("/").at(-1));
    const first = (await linkTokenFor("twice@soko.test")).token;
    const resend = await call(memberAction, post(`/ops/staff/${id}`, { intent: "send-link" }, adminCookie), { id: String(id) });
    expect(resend.status).toBe(303);
    const second = await linkTokenFor("twice@soko.test");
    expect(second.token).not.toBe(first);
    expect(second.subject).toBe("You're invited to Soko operations");
    expect((await call(passwordLoader, get(`/ops/password?token=${first}`))).body).toMatchObject({ refused: "revoked" });
    expect((await call(passwordLoader, get(`/ops/password?token=${second.token}`))).body).toMatchObject({ refused: null });
  });
});

describe("changing someone's access", () => {
  it("applies new roles on their next request and deactivation ends every session at once", async () => {
    const member = await createStaff(db, { roles: ["ops"] });
    const phone = await staffSessionCookie(member.id);
    const laptop = await staffSessionCookie(member.id);
    const form = new FormData();
    form.set("intent", "save");
    form.set("name", "Renamed Person");
    form.append("roles", "finance");
    const saved = await call(memberAction, post(`/ops/staff/${member.id}`, form, adminCookie), { id: String(member.id) });
    expect(saved.status).toBe(303);
    expect((await getStaff(get("/ops", phone)))?.roles).toEqual(["finance"]);

    const unconfirmed = await call(memberAction, post(`/ops/staff/${member.id}`, { intent: "deactivate" }, adminCookie), {
      id: String(member.id),
    });
    expect(unconfirmed.status).toBe(400);
    expect(await getStaff(get("/ops", phone))).not.toBeNull();

    const off = await call(memberAction, post(`/ops/staff/${member.id}`, { intent: "deactivate", confirm: "yes" }, adminCookie), {
      id: String(member.id),
    });
    expect(off.status).toBe(303);
    expect((await flashAfter(off, staffLoader))?.message).toContain("signed out everywhere (2 sessions ended)");
    expect(await db.$count(schema.sessions, eq(schema.sessions.staffUserId, member.id))).toBe(0);
    expect(await getStaff(get("/ops", phone))).toBeNull();
    expect(await getStaff(get("/ops", laptop))).toBeNull();
    expect((await authenticateStaff({ email: member.email, password: "soko-demo" })).ok).toBe(false);
    const link = await call(memberAction, post(`/ops/staff/${member.id}`, { intent: "send-link" }, adminCookie), { id: String(member.id) });
    expect(link.status).toBe(409);

    const on = await call(memberAction, post(`/ops/staff/${member.id}`, { intent: "reactivate" }, adminCookie), { id: String(member.id) });
    expect(on.status).toBe(303);
    expect((await authenticateStaff({ email: member.email, password: "soko-demo" })).ok).toBe(true);
    const audit = await db
      .select({ action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(eq(schema.auditLog.subject, `staff:${member.id}`));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["staff.updated", "staff.deactivated", "staff.reactivated"]));
  });

  it("a reset link replaces the old password and signs out the old sessions", async () => {
    const member = await createStaff(db, { roles: ["hub"] });
    const old = await staffSessionCookie(member.id);
    await call(memberAction, post(`/ops/staff/${member.id}`, { intent: "send-link" }, adminCookie), { id: String(member.id) });
    const { token, subject } = await linkTokenFor(member.email);
    expect(subject).toBe("Choose a new password for Soko operations");
    const set = await call(passwordAction, post("/ops/password", { token, password: "brand new password", confirm: "brand new password" }));
    expect(set.status).toBe(302);
    expect(set.location).toBe("/ops");
    expect(await getStaff(get("/ops", old))).toBeNull();
    expect((await authenticateStaff({ email: member.email, password: "soko-demo" })).ok).toBe(false);
  });

  it("never leaves Soko without an active admin, even when two admins deactivate each other at once", async () => {
    const a = await createStaff(db, { roles: ["admin"] });
    const b = await createStaff(db, { roles: ["admin"] });
    // Exactly two active admins: a and b (the others are set aside and put back afterwards).
    const setAside = await db
      .update(schema.staffUsers)
      .set({ active: false })
      .where(
        and(
          eq(schema.staffUsers.active, true),
          sql`'admin' = any(${schema.staffUsers.roles})`,
          notInArray(schema.staffUsers.id, [a.id, b.id]),
        ),
      )
      .returning({ id: schema.staffUsers.id });
    try {
      const [aCookie, bCookie] = await Promise.all([staffSessionCookie(a.id), staffSessionCookie(b.id)]);
      const deactivate = (cookie: string, id: number) =>
        call(memberAction, post(`/ops/staff/${id}`, { intent: "deactivate", confirm: "yes" }, cookie), { id: String(id) });

      const self = await deactivate(aCookie, a.id);
      expect(self.status).toBe(409);
      const demoteSelf = new FormData();
      demoteSelf.set("intent", "save");
      demoteSelf.set("name", a.name);
      demoteSelf.append("roles", "ops");
      expect((await call(memberAction, post(`/ops/staff/${a.id}`, demoteSelf, aCookie), { id: String(a.id) })).status).toBe(409);

      const results = await Promise.all([deactivate(aCookie, b.id), deactivate(bCookie, a.id)]);
      expect(results.map((r) => r.status).sort()).toEqual([303, 409]);
      const [{ n }] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from staff_users where active and 'admin' = any(roles)`,
      );
      expect(n).toBe(1);
    } finally {
      if (setAside.length)
        await db
          .update(schema.staffUsers)
          .set({ active: true })
          .where(
            inArray(
              schema.staffUsers.id,
              setAside.map((r) => r.id),
            ),
          );
    }
  });
});

describe("one's own password", () => {
  it("changes only with the current password, ends the other sessions and keeps this one", async () => {
    const me = await createStaff(db, { roles: ["ops"] });
    const here = await staffSessionCookie(me.id);
    const elsewhere = await staffSessionCookie(me.id);
    const wrong = await call(
      accountAction,
      post(
        "/ops/account",
        { intent: "change-password", current: "not it", password: "a fresh long password", confirm: "a fresh long password" },
        here,
      ),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ errors: { current: "That isn't your current password." } });
    const mismatch = await call(
      accountAction,
      post(
        "/ops/account",
        { intent: "change-password", current: "soko-demo", password: "a fresh long password", confirm: "different" },
        here,
      ),
    );
    expect(mismatch.status).toBe(400);

    const ok = await call(
      accountAction,
      post(
        "/ops/account",
        { intent: "change-password", current: "soko-demo", password: "a fresh long password", confirm: "a fresh long password" },
        here,
      ),
    );
    expect(ok.status).toBe(303);
    expect(await getStaff(get("/ops", elsewhere))).toBeNull();
    expect(await getStaff(get("/ops", here))).toBeNull(); // the old cookie is gone too…
    expect((await getStaff(get("/ops", ok.cookie!)))?.id).toBe(me.id); // …this browser got a new one
    const page = await call(accountLoader, get("/ops/account", ok.cookie!));
    expect((page.body!.flash as { message: string }).message).toContain("Your password is changed");
    expect((await authenticateStaff({ email: me.email, password: "a fresh long password" })).ok).toBe(true);
  });

  it("stops guessing the current password from a stolen session", async () => {
    const me = await createStaff(db, { roles: ["ops"] });
    const cookie = await staffSessionCookie(me.id);
    const tries = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        call(
          accountAction,
          post(
            "/ops/account",
            { intent: "change-password", current: `guess ${i}`, password: "a fresh long password", confirm: "a fresh long password" },
            cookie,
          ),
        ),
      ),
    );
    const statuses = tries.map((t) => t.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses).toContain(429);
    const right = await call(
      accountAction,
      post(
        "/ops/account",
        { intent: "change-password", current: "soko-demo", password: "a fresh long password", confirm: "a fresh long password" },
        cookie,
      ),
    );
    expect(right.status).toBe(429);
  });
});
