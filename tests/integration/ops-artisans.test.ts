/** /ops/artisans against the real database: onboarding, search, edits, performance and deactivation. */
import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createProduct, createSkill, createStaff } from "#db/seed/factories";
import { advanceRequest } from "~/domain/production/requests.server";
import { creditArtisanForQc } from "~/domain/ledger/ledger.server";
import { action as artisanAction, loader as artisanLoader } from "~/routes/ops.artisans.$id";
import { loader as listLoader } from "~/routes/ops.artisans._index";
import { db, schema } from "~/lib/db.server";
import { staffSessionCookie } from "./session-support";

const BASE = "http://soko.test";
const cookies: Record<string, string> = {};
const skill: Record<string, number> = {};
let variantId: number;

async function cookieFor(staffId: number) {
  return staffSessionCookie(staffId);
}

type Outcome = {
  status: number;
  location: string | null;
  body: { errors?: Record<string, string>; values?: Record<string, string> } | null;
};

async function post(id: string, fields: Record<string, string | string[]>, who = "ops"): Promise<Outcome> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  try {
    const result = await artisanAction({
      request: new Request(`${BASE}/ops/artisans/${id}`, { method: "POST", headers: { Cookie: cookies[who] }, body }),
      params: { id },
      context: {},
    });
    if (result instanceof Response) return { status: result.status, location: result.headers.get("Location"), body: null };
    const r = result as unknown as { data: Outcome["body"]; init: { status: number } };
    return { status: r.init.status, location: null, body: r.data };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: null, body: null };
    throw error;
  }
}

async function page(id: number | string) {
  const result = await artisanLoader({
    request: new Request(`${BASE}/ops/artisans/${id}`, { headers: { Cookie: cookies.ops } }),
    params: { id: String(id) },
    context: {},
  });
  return ("data" in result ? result.data : result) as {
    detail: NonNullable<Awaited<ReturnType<typeof import("~/domain/artisans/artisans.server").artisanDetail>>>;
  };
}

const list = (qs: string) =>
  listLoader({ request: new Request(`${BASE}/ops/artisans${qs}`, { headers: { Cookie: cookies.ops } }), params: {}, context: {} });

const onboarding = (over: Record<string, string | string[]> = {}) => ({
  intent: "profile",
  firstName: "Nyokabi",
  lastName: "Wambui",
  phone: "0722 123 456",
  payoutPhone: "",
  county: "Nairobi",
  settlement: "Mathare",
  language: "sw",
  publicProfile: "on",
  bio: "Brass casting since 2015.",
  baseline: "4,500",
  skills: [String(skill.brass), String(skill.polish)],
  [`capacity-${skill.brass}`]: "12",
  [`capacity-${skill.polish}`]: "20",
  ...over,
});

function idOf(location: string | null) {
  const match = /^\/ops\/artisans\/(\d+)$/.exec(location ?? "");
  expect(match, `redirected to the artisan (${location})`).toBeTruthy();
  return Number(match![1]);
}

beforeAll(async () => {
  const [ops, cashier, finance, admin, hub] = await Promise.all([
    createStaff(db, { email: "ops-artisans@soko.test", roles: ["ops"] }),
    createStaff(db, { email: "cashier-artisans@soko.test", roles: ["cashier"] }),
    createStaff(db, { email: "finance-artisans@soko.test", roles: ["finance"] }),
    createStaff(db, { email: "admin-artisans@soko.test", roles: ["admin"] }),
    createStaff(db, { email: "hub-artisans@soko.test", roles: ["hub"] }),
  ]);
  cookies.ops = await cookieFor(ops.id);
  cookies.cashier = await cookieFor(cashier.id);
  cookies.finance = await cookieFor(finance.id);
  cookies.admin = await cookieFor(admin.id);
  cookies.hub = await cookieFor(hub.id);
  skill.brass = (await createSkill(db, { slug: "brass-casting" })).id;
  skill.polish = (await createSkill(db, { slug: "polishing" })).id;
  skill.beads = (await createSkill(db, { slug: "beadwork" })).id;
  variantId = (await createProduct(db, { title: "Artisan Test Bangle", skills: ["brass-casting"], variants: [{ sku: "ATB-1" }] }))
    .variants[0].id;
});

describe("/ops/artisans", () => {
  it("is refused to a cashier", async () => {
    const refused = await list("").then(
      () => null,
      (e: Response) => e,
    );
    expect(refused).toBeNull();
    const asCashier = await listLoader({
      request: new Request(`${BASE}/ops/artisans`, { headers: { Cookie: cookies.cashier } }),
      params: {},
      context: {},
    }).catch((e: Response) => e);
    expect((asCashier as Response).status).toBe(403);
    expect((await post("new", onboarding(), "cashier")).status).toBe(403);
  });

  it("onboarding explains each bad field and writes nothing", async () => {
    const before = await db.$count(schema.artisans);
    const result = await post(
      "new",
      onboarding({
        firstName: "",
        phone: "12345",
        county: "Atlantis",
        baseline: "lots",
        skills: [String(skill.brass)],
        [`capacity-${skill.brass}`]: "0",
      }),
    );
    expect(result.status).toBe(400);
    expect(result.body?.errors).toMatchObject({
      firstName: "Enter the first name.",
      phone: expect.stringContaining("Kenyan mobile number"),
      county: "Choose a county.",
      baseline: expect.stringContaining("KES"),
      [`capacity-${skill.brass}`]: expect.stringContaining("Pieces a week"),
    });
    expect((await post("new", onboarding({ skills: [] }))).body?.errors?.skills).toMatch(/at least one skill/);
    expect(await db.$count(schema.artisans)).toBe(before);
    expect(await db.$count(schema.outbox)).toBe(0);
  });

  it("onboarding creates the artisan, skills with capacity, a workshop location and a welcome SMS with the PIN link, audited", async () => {
    const result = await post("new", onboarding());
    expect(result.status).toBe(302);
    const id = idOf(result.location);
    const [artisan] = await db.select().from(schema.artisans).where(eq(schema.artisans.id, id));
    expect(artisan).toMatchObject({
      handle: "nyokabi-wambui",
      phone: "+254722123456",
      payoutPhone: "+254722123456",
      county: "Nairobi",
      settlement: "Mathare",
      language: "sw",
      publicProfile: true,
      baselineMonthlyEarnings: 450000,
      active: true,
      pinHash: null,
      latitude: -1.2609,
      hubDistanceKm: 10,
    });
    const skills = await db
      .select()
      .from(schema.artisanSkills)
      .where(eq(schema.artisanSkills.artisanId, id))
      .orderBy(asc(schema.artisanSkills.skillId));
    expect(skills.map((s) => [s.skillId, s.weeklyCapacity])).toEqual([
      [skill.brass, 12],
      [skill.polish, 20],
    ]);
    const [workshop] = await db.select().from(schema.locations).where(eq(schema.locations.artisanId, id));
    expect(workshop).toMatchObject({ code: `WS-${id}`, kind: "workshop" });
    const [sms] = await db.select().from(schema.outbox).where(eq(schema.outbox.to, "+254722123456"));
    expect(sms).toMatchObject({ channel: "sms", template: "artisan_welcome", dedupeKey: `artisan-welcome:${id}` });
    expect(sms.text).toContain("/artisan/pin");
    expect(sms.text).toContain("Nyokabi");
    const [entry] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "artisan.onboard"), eq(schema.auditLog.subject, `artisan:${id}`)));
    expect(entry.data).toMatchObject({ baselineMonthlyEarnings: 450000 });

    // The same name again gets its own handle; the same phone is a field message.
    const twin = await post("new", onboarding({ phone: "0722 999 888", settlement: "Somewhere New" }));
    const twinId = idOf(twin.location);
    const [second] = await db.select().from(schema.artisans).where(eq(schema.artisans.id, twinId));
    expect(second.handle).toBe("nyokabi-wambui-2");
    // An unknown settlement takes its county's main town for the map point.
    expect(second.hubDistanceKm).toBe(9);
    const taken = await post("new", onboarding({ phone: "+254 722 123 456" }));
    expect(taken.status).toBe(422);
    expect(taken.body?.errors?.phone).toMatch(/already has this phone/);
  });

  it("searches by name, phone and settlement; filters by county, skill and status", async () => {
    await createArtisan(db, {
      firstName: "Otieno",
      lastName: "Searchable",
      county: "Kisumu",
      settlement: "Nyalenda",
      phone: "+254733555111",
      skills: ["beadwork"],
    });
    const names = async (qs: string) => (await list(qs)).rows.map((r) => `${r.firstName} ${r.lastName}`);
    expect(await names("?q=otieno+search")).toEqual(["Otieno Searchable"]);
    expect(await names("?q=0733+555")).toEqual(["Otieno Searchable"]);
    expect(await names("?q=nyalenda")).toEqual(["Otieno Searchable"]);
    expect(await names("?county=Kisumu")).toContain("Otieno Searchable");
    expect(await names("?county=Nairobi")).not.toContain("Otieno Searchable");
    expect(await names(`?skill=${skill.beads}`)).toEqual(["Otieno Searchable"]);
    expect(await names("?status=inactive")).not.toContain("Otieno Searchable");
    expect(await list("?county=Atlantis").catch((e: Response) => e.status)).toBe(400);
  });

  it("edits keep the artisan and record what changed; the profile form keeps her numbers", async () => {
    const { artisan } = await createArtisan(db, {
      firstName: "Edit",
      lastName: "Me",
      county: "Nairobi",
      settlement: "Kibera",
      skills: [{ skill: "brass-casting", weeklyCapacity: 10 }],
    });
    const {
      phone: _phone,
      payoutPhone: _payout,
      ...withoutNumbers
    } = onboarding({
      firstName: "Edith",
      lastName: "Me",
      county: "Mombasa",
      settlement: "Likoni",
      publicProfile: [],
      skills: [String(skill.beads)],
      [`capacity-${skill.beads}`]: "40",
    });
    const result = await post(String(artisan.id), withoutNumbers);
    expect(result.status).toBe(302);
    const [after] = await db.select().from(schema.artisans).where(eq(schema.artisans.id, artisan.id));
    expect(after).toMatchObject({
      firstName: "Edith",
      phone: artisan.phone,
      payoutPhone: artisan.payoutPhone,
      county: "Mombasa",
      settlement: "Likoni",
      hubDistanceKm: 490,
      publicProfile: false,
    });
    const skills = await db.select().from(schema.artisanSkills).where(eq(schema.artisanSkills.artisanId, artisan.id));
    expect(skills.map((s) => [s.skillId, s.weeklyCapacity])).toEqual([[skill.beads, 40]]);
    const [entry] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "artisan.update"), eq(schema.auditLog.subject, `artisan:${artisan.id}`)));
    expect((entry.data as { changed: string[] }).changed).toEqual(
      expect.arrayContaining(["firstName", "county", "settlement", "publicProfile"]),
    );
    // The page shows ops her numbers read-only; finance may change them.
    const seen = await page(artisan.id);
    expect((seen as unknown as { can: Record<string, boolean> }).can).toEqual({ profile: true, numbers: false, status: true });
  });

  it("her sign-in and payout numbers: ops is refused (403, nothing changed); finance changes them, audited, told by SMS", async () => {
    const { artisan } = await createArtisan(db, { firstName: "Wairimu", phone: "+254733100001", language: "sw" });
    const unchanged = async () => {
      const [row] = await db.select().from(schema.artisans).where(eq(schema.artisans.id, artisan.id));
      expect({ phone: row.phone, payoutPhone: row.payoutPhone }).toEqual({ phone: "+254733100001", payoutPhone: artisan.payoutPhone });
      const audits = await db
        .select()
        .from(schema.auditLog)
        .where(
          and(
            eq(schema.auditLog.subject, `artisan:${artisan.id}`),
            sql`${schema.auditLog.action} in ('artisan.numbers', 'artisan.update')`,
          ),
        );
      expect(audits).toEqual([]);
    };
    const numbers = { intent: "numbers", phone: "0733 100 001", payoutPhone: "0733 100 099" };
    // Ops (and the hub, and a cashier) can't change them on their form…
    for (const who of ["ops", "hub", "cashier"]) expect((await post(String(artisan.id), numbers, who)).status, who).toBe(403);
    // …nor slip them into the profile form (a forged post), for the payout or the sign-in number.
    const profile = onboarding({ firstName: "Wairimu", skills: [String(skill.brass)] });
    expect((await post(String(artisan.id), { ...profile, phone: "0733 100 001", payoutPhone: "0733 100 099" })).status).toBe(403);
    expect((await post(String(artisan.id), { ...profile, phone: "0733 100 055", payoutPhone: "" })).status).toBe(403);
    await unchanged();
    expect(await db.select().from(schema.outbox).where(eq(schema.outbox.to, "+254733100001"))).toEqual([]);

    // Finance can open the page and change them.
    const financePage = await artisanLoader({
      request: new Request(`${BASE}/ops/artisans/${artisan.id}`, { headers: { Cookie: cookies.finance } }),
      params: { id: String(artisan.id) },
      context: {},
    });
    expect(("data" in financePage ? financePage.data : financePage) as unknown).toMatchObject({
      can: { profile: false, numbers: true, status: false },
    });
    // Finance finds her in the list (without the onboarding button) but may not onboard, edit the profile or deactivate her.
    const financeList = await listLoader({
      request: new Request(`${BASE}/ops/artisans`, { headers: { Cookie: cookies.finance } }),
      params: {},
      context: {},
    });
    expect(financeList).toMatchObject({ canOnboard: false });
    expect((await list("")) as unknown).toMatchObject({ canOnboard: true });
    expect((await post("new", onboarding({ phone: "0733 100 077" }), "finance")).status).toBe(403);
    expect((await post(String(artisan.id), profile, "finance")).status).toBe(403);
    expect((await post(String(artisan.id), { intent: "deactivate" }, "finance")).status).toBe(403);
    const bad = await post(String(artisan.id), { ...numbers, payoutPhone: "12" }, "finance");
    expect(bad.status).toBe(400);
    expect(bad.body?.errors?.payoutPhone).toMatch(/Kenyan mobile number/);
    await unchanged();

    const changed = await post(String(artisan.id), numbers, "finance");
    expect(changed.status).toBe(302);
    const [after] = await db.select().from(schema.artisans).where(eq(schema.artisans.id, artisan.id));
    expect(after.payoutPhone).toBe("+254733100099");
    const [entry] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "artisan.numbers"), eq(schema.auditLog.subject, `artisan:${artisan.id}`)));
    expect(entry.data).toEqual({ payoutPhone: { from: artisan.payoutPhone, to: "+254733100099" } });
    const told = await db
      .select({ to: schema.outbox.to, text: schema.outbox.text })
      .from(schema.outbox)
      .where(eq(schema.outbox.template, "payout_phone_changed"));
    const toHer = told.filter((sms) => sms.to === "+254733100001");
    expect(toHer).toHaveLength(1);
    expect(toHer[0].text).toMatch(/malipo ya Wairimu sasa yataenda M-Pesa 0733 100 099/);

    // An admin changes her sign-in number: the old one is told; PIN codes go to the new one.
    expect(
      (await post(String(artisan.id), { intent: "numbers", phone: "0733 100 002", payoutPhone: "0733 100 099" }, "admin")).status,
    ).toBe(302);
    const [moved] = await db.select().from(schema.artisans).where(eq(schema.artisans.id, artisan.id));
    expect(moved).toMatchObject({ phone: "+254733100002", payoutPhone: "+254733100099" });
    const signIn = await db.select().from(schema.outbox).where(eq(schema.outbox.template, "sign_in_phone_changed"));
    expect(signIn.map((sms) => [sms.to, /sasa ataingia Soko kwa 0733 100 002/.test(sms.text)])).toEqual([["+254733100001", true]]);
    // Another artisan's number is a field message, nothing changed.
    const taken = await post(String(artisan.id), { intent: "numbers", phone: "0722 123 456", payoutPhone: "" }, "finance"); // Nyokabi's, onboarded above
    expect(taken.status).toBe(422);
    expect(taken.body?.errors?.phone).toBe("Another artisan already has this phone number.");
    const [still] = await db.select().from(schema.artisans).where(eq(schema.artisans.id, artisan.id));
    expect(still.phone).toBe("+254733100002");
  });

  it("performance: on-time rate from QC dates against due dates, QC pass rate from inspections, earnings from the ledger", async () => {
    const { artisan } = await createArtisan(db, { firstName: "Perf", lastName: "Ormer", skills: ["brass-casting"] });
    const passed = async (dueDate: string, units: number, failed: number) => {
      const [{ next }] = await db.execute<{ next: string }>(sql`select nextval('production_request_numbers')::text as next`);
      const [req] = await db
        .insert(schema.productionRequests)
        .values({ number: `PR-${next}`, variantId, quantity: units, pieceRate: 20000, dueDate, artisanId: artisan.id, status: "received" })
        .returning();
      await advanceRequest(db, req.id, "qc_passed", "hub");
      const [inspection] = await db
        .insert(schema.qcInspections)
        .values({ requestId: req.id, unitsPassed: units, unitsFailed: failed, outcome: "passed", inspector: "hub" })
        .returning();
      await db.transaction((tx) =>
        creditArtisanForQc(tx, {
          requestId: req.id,
          inspectionId: inspection.id,
          artisanId: artisan.id,
          units,
          pieceRate: 20000,
          currency: "KES",
        }),
      );
    };
    await passed("2099-01-01", 4, 1);
    await passed("2099-01-01", 3, 0);
    await passed("2020-01-01", 3, 0);
    const { detail } = await page(artisan.id);
    expect(detail.performance).toMatchObject({
      completed: 3,
      onTimeRate: 67,
      qcPassRate: 91,
      unitsChecked: 11,
      earnedThisMonth: 10 * 20000,
      earnedLastThreeMonths: 0,
    });
    expect(detail.artisan).not.toHaveProperty("pinHash");
  });

  it("deactivating returns open offers to dispatch, keeps accepted work, and is audited", async () => {
    const { artisan } = await createArtisan(db, { firstName: "Leaving", lastName: "Soon", skills: ["brass-casting"] });
    const make = async (status: "offered" | "accepted") => {
      const [{ next }] = await db.execute<{ next: string }>(sql`select nextval('production_request_numbers')::text as next`);
      const [req] = await db
        .insert(schema.productionRequests)
        .values({ number: `PR-${next}`, variantId, quantity: 2, pieceRate: 20000, dueDate: "2099-01-01" })
        .returning();
      await advanceRequest(db, req.id, "offered", "dispatch", { artisanId: artisan.id, offerExpiresAt: new Date(Date.now() + 3600_000) });
      if (status === "accepted") await advanceRequest(db, req.id, "accepted", `artisan:${artisan.id}`);
      return req.id;
    };
    const offerIds = [await make("offered"), await make("offered")];
    const acceptedId = await make("accepted");
    await db.execute(sql`delete from graphile_worker._private_jobs`);

    // Without the tick (a stray click, an old or forged form) nothing changes: a 400 saying why.
    const unticked = await post(String(artisan.id), { intent: "deactivate" });
    expect(unticked.status).toBe(400);
    expect(unticked.body).toMatchObject({ errors: { confirm: "Tick the box to confirm: her open offers go back to dispatch at once." } });
    expect((await db.select().from(schema.artisans).where(eq(schema.artisans.id, artisan.id)))[0].active).toBe(true);
    for (const id of offerIds) {
      const [req] = await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.id, id));
      expect(req).toMatchObject({ status: "offered", artisanId: artisan.id });
    }
    expect(await db.$count(schema.auditLog, eq(schema.auditLog.action, "artisan.deactivate"))).toBe(0);

    const result = await post(String(artisan.id), { intent: "deactivate", confirm: "yes" });
    expect(result.status).toBe(302);
    const [after] = await db.select().from(schema.artisans).where(eq(schema.artisans.id, artisan.id));
    expect(after.active).toBe(false);
    for (const id of offerIds) {
      const [req] = await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.id, id));
      expect(req).toMatchObject({ status: "unassigned", artisanId: null, offerExpiresAt: null });
    }
    const [accepted] = await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.id, acceptedId));
    expect(accepted).toMatchObject({ status: "accepted", artisanId: artisan.id });
    const jobs = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'dispatch_requests'`,
    );
    expect(jobs[0].n).toBe(1);
    const [entry] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "artisan.deactivate"), eq(schema.auditLog.subject, `artisan:${artisan.id}`)));
    expect(entry.data).toMatchObject({ workInHand: 1 });
    expect((entry.data as { offersReturned: string[] }).offersReturned).toHaveLength(2);

    // A second click changes nothing; reactivating is audited too.
    expect((await post(String(artisan.id), { intent: "deactivate", confirm: "yes" })).status).toBe(302);
    expect(await db.$count(schema.auditLog, eq(schema.auditLog.action, "artisan.deactivate"))).toBe(1);
    expect((await post(String(artisan.id), { intent: "reactivate" })).status).toBe(302);
    const [back] = await db.select().from(schema.artisans).where(eq(schema.artisans.id, artisan.id));
    expect(back.active).toBe(true);
  });
});
