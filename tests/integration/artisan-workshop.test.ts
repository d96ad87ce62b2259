/** Stock and profile pages on the real database: workshop stock, materials, profile validation — and tenancy. */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createLocation, createProduct, setStock } from "#db/seed/factories";
import { action as profileAction, loader as profileLoader } from "~/routes/artisan.profile";
import { loader as layoutLoader } from "~/routes/artisan";
import { action as stockAction, loader as stockLoader } from "~/routes/artisan.stock";
import { db, schema } from "~/lib/db.server";
import { artisanCookie, call, flashAfter, get, post } from "./artisan-support";

let wanjiku: Awaited<ReturnType<typeof createArtisan>>;
let baraka: Awaited<ReturnType<typeof createArtisan>>;
let wCookie: string;
let bCookie: string;

beforeAll(async () => {
  wanjiku = await createArtisan(db, {
    firstName: "Wanjiku",
    language: "en",
    pin: "4321",
    skills: [
      { skill: "beading", weeklyCapacity: 30 },
      { skill: "brass-casting", weeklyCapacity: 10 },
    ],
  });
  baraka = await createArtisan(db, {
    firstName: "Baraka",
    language: "en",
    pin: "1234",
    skills: [{ skill: "horn-carving", weeklyCapacity: 12 }],
  });
  wCookie = await artisanCookie(wanjiku.artisan.id);
  bCookie = await artisanCookie(baraka.artisan.id);
  const bracelet = (await createProduct(db, { title: "Beaded bracelet", status: "active" })).variants[0].id;
  const workshop = await createLocation(db, { code: "WS-WANJIKU", kind: "workshop", artisanId: wanjiku.artisan.id });
  const otherWorkshop = await createLocation(db, { code: "WS-BARAKA", kind: "workshop", artisanId: baraka.artisan.id });
  const hub = await createLocation(db, { code: "NBO-HUB", kind: "hub" });
  await setStock(db, bracelet, workshop.id, 6);
  await setStock(db, bracelet, otherWorkshop.id, 9);
  await setStock(db, bracelet, hub.id, 40);
  await db.insert(schema.artisanMaterials).values([
    { artisanId: wanjiku.artisan.id, name: "Glass beads", unit: "grams", onHand: 80, lowStockAt: 100 },
    { artisanId: wanjiku.artisan.id, name: "Brass wire", unit: "metres", onHand: 30, lowStockAt: 5 },
    { artisanId: baraka.artisan.id, name: "Horn blanks", onHand: 4, lowStockAt: 2 },
  ]);
});

const materialsOf = (artisanId: number) =>
  db.select().from(schema.artisanMaterials).where(eq(schema.artisanMaterials.artisanId, artisanId)).orderBy(schema.artisanMaterials.name);

describe("stock", () => {
  it("shows only finished pieces at my own workshop, and my materials", async () => {
    const page = await call(stockLoader, get("/artisan/stock", wCookie));
    expect(page.body!.finished).toEqual([expect.objectContaining({ product: "Beaded bracelet", onHand: 6, reserved: 0 })]);
    expect((page.body!.materials as Array<{ name: string }>).map((m) => m.name)).toEqual(["Brass wire", "Glass beads"]);
  });

  it("saves new counts for my materials", async () => {
    const [brass, beads] = await materialsOf(wanjiku.artisan.id);
    const form = new URLSearchParams([
      ["intent", "counts"],
      ["id", String(brass.id)],
      [`onHand.${brass.id}`, "3"],
      [`lowStockAt.${brass.id}`, "5"],
      ["id", String(beads.id)],
      [`onHand.${beads.id}`, "250"],
      [`lowStockAt.${beads.id}`, "100"],
    ]);
    const outcome = await call(
      stockAction,
      new Request("http://soko.test/artisan/stock", { method: "POST", body: form, headers: { Cookie: wCookie } }),
    );
    expect(await flashAfter(outcome, stockLoader)).toEqual({ kind: "success", message: "Counts saved." });
    expect((await materialsOf(wanjiku.artisan.id)).map((m) => [m.name, m.onHand, m.lowStockAt])).toEqual([
      ["Brass wire", 3, 5],
      ["Glass beads", 250, 100],
    ]);
  });

  it("refuses negative or non-numeric counts with a message; nothing saved", async () => {
    const [brass] = await materialsOf(wanjiku.artisan.id);
    const outcome = await call(
      stockAction,
      post(
        "/artisan/stock",
        { intent: "counts", id: String(brass.id), [`onHand.${brass.id}`]: "-2", [`lowStockAt.${brass.id}`]: "x" },
        wCookie,
      ),
    );
    expect(outcome.status).toBe(400);
    expect(outcome.body!.errors).toEqual({ [`material.${brass.id}`]: "Counts are whole numbers from 0 to 100000." });
    expect((await materialsOf(wanjiku.artisan.id))[0].onHand).toBe(3);
  });

  it("another artisan's material in the form: 404 and none of the rows change", async () => {
    const [brass] = await materialsOf(wanjiku.artisan.id);
    const [horn] = await materialsOf(baraka.artisan.id);
    const form = new URLSearchParams([
      ["intent", "counts"],
      ["id", String(brass.id)],
      [`onHand.${brass.id}`, "99"],
      [`lowStockAt.${brass.id}`, "1"],
      ["id", String(horn.id)],
      [`onHand.${horn.id}`, "0"],
      [`lowStockAt.${horn.id}`, "0"],
    ]);
    const outcome = await call(
      stockAction,
      new Request("http://soko.test/artisan/stock", { method: "POST", body: form, headers: { Cookie: wCookie } }),
    );
    expect(outcome.status).toBe(404);
    expect((await materialsOf(wanjiku.artisan.id))[0].onHand).toBe(3);
    expect((await materialsOf(baraka.artisan.id))[0].onHand).toBe(4);
  });

  it("adds a material; a duplicate name (any case) or a blank one is refused", async () => {
    const added = await call(
      stockAction,
      post("/artisan/stock", { intent: "add", name: "Cow bone", unit: "pieces", onHand: "12", lowStockAt: "4" }, wCookie),
    );
    expect(added.status).toBe(302);
    const duplicate = await call(
      stockAction,
      post("/artisan/stock", { intent: "add", name: "cow BONE", unit: "", onHand: "1", lowStockAt: "0" }, wCookie),
    );
    expect(duplicate.status).toBe(409);
    const blank = await call(
      stockAction,
      post("/artisan/stock", { intent: "add", name: " ", unit: "", onHand: "1", lowStockAt: "0" }, wCookie),
    );
    expect(blank.status).toBe(400);
    expect((await materialsOf(wanjiku.artisan.id)).map((m) => m.name)).toEqual(["Brass wire", "Cow bone", "Glass beads"]);
    // Baraka may have his own "Cow bone".
    expect(
      (
        await call(
          stockAction,
          post("/artisan/stock", { intent: "add", name: "Cow bone", unit: "", onHand: "1", lowStockAt: "0" }, bCookie),
        )
      ).status,
    ).toBe(302);
  });
});

describe("profile", () => {
  const valid = (over: Record<string, string> = {}) => {
    const [beading, brass] = wanjiku.skills;
    return {
      [`capacity.${beading.skillId}`]: "40",
      [`capacity.${brass.skillId}`]: "8",
      available: "on",
      awayFrom: "2030-04-01",
      awayUntil: "2030-04-10",
      payoutPhone: "0722 333 444",
      publicProfile: "on",
      language: "en",
      ...over,
    };
  };
  const row = async () => (await db.select().from(schema.artisans).where(eq(schema.artisans.id, wanjiku.artisan.id)))[0];
  const capacities = async (artisanId: number) =>
    (await db.select().from(schema.artisanSkills).where(eq(schema.artisanSkills.artisanId, artisanId)))
      .map((s) => s.weeklyCapacity)
      .sort((a, b) => a - b);

  it("shows my skills with capacity, and saves everything in one go", async () => {
    const page = await call(profileLoader, get("/artisan/profile", wCookie));
    expect((page.body!.profile as { skills: unknown[] }).skills).toHaveLength(2);
    const outcome = await call(profileAction, post("/artisan/profile", valid({ available: "", publicProfile: "", pin: "4321" }), wCookie));
    expect(await flashAfter(outcome, profileLoader)).toEqual({ kind: "success", message: "Profile saved." });
    expect(await row()).toMatchObject({
      available: false,
      publicProfile: false,
      awayFrom: "2030-04-01",
      awayUntil: "2030-04-10",
      payoutPhone: "+254722333444",
      language: "en",
    });
    expect(await capacities(wanjiku.artisan.id)).toEqual([8, 40]);
  });

  it("switching to Swahili: the message and the next pages are in Swahili", async () => {
    const outcome = await call(profileAction, post("/artisan/profile", valid({ language: "sw" }), wCookie));
    expect(await flashAfter(outcome, profileLoader)).toEqual({ kind: "success", message: "Wasifu umehifadhiwa." });
    expect((await call(layoutLoader, get("/artisan/profile", wCookie, { "Accept-Language": "en" }))).body!.lang).toBe("sw");
    await call(profileAction, post("/artisan/profile", valid({ language: "en" }), wCookie));
  });

  it.each([
    [{ payoutPhone: "12345" }, "payoutPhone", /Kenyan mobile/],
    [{ payoutPhone: "+1 415 555 0100" }, "payoutPhone", /Kenyan mobile/],
    [{ awayFrom: "2030-04-10", awayUntil: "2030-04-01" }, "awayUntil", /on or after/],
    [{ awayFrom: "2030-02-30" }, "awayFrom", /date like/],
    [{ language: "fr" }, "language", /went wrong/],
  ])("refuses %o with a message on %s; nothing saved", async (over, field, message) => {
    const before = await row();
    const outcome = await call(profileAction, post("/artisan/profile", valid(over), wCookie));
    expect(outcome.status).toBe(400);
    expect((outcome.body!.errors as Record<string, string>)[field]).toMatch(message);
    expect(await row()).toEqual(before);
  });

  it("refuses a capacity out of range, and nothing is saved", async () => {
    const [beading] = wanjiku.skills;
    const outcome = await call(
      profileAction,
      post("/artisan/profile", valid({ [`capacity.${beading.skillId}`]: "9000", payoutPhone: "0799888777" }), wCookie),
    );
    expect(outcome.status).toBe(400);
    expect((await row()).payoutPhone).toBe("+254722333444");
  });

  it("a capacity for another artisan's skill: 404 and neither artisan changes", async () => {
    const [horn] = baraka.skills;
    const outcome = await call(
      profileAction,
      post("/artisan/profile", { ...valid({ payoutPhone: "0799888777", pin: "4321" }), [`capacity.${horn.skillId}`]: "1" }, wCookie),
    );
    expect(outcome.status).toBe(404);
    expect((await row()).payoutPhone).toBe("+254722333444");
    expect(await capacities(baraka.artisan.id)).toEqual([12]);
  });

  describe("a new M-Pesa number needs her PIN again (a stolen or borrowed session must not redirect her pay)", () => {
    const smsTo = (to: string) =>
      db
        .select({ text: schema.outbox.text })
        .from(schema.outbox)
        .where(and(eq(schema.outbox.to, to), eq(schema.outbox.template, "payout_phone_changed")));
    const audited = () =>
      db
        .select({ data: schema.auditLog.data })
        .from(schema.auditLog)
        .where(and(eq(schema.auditLog.action, "artisan.payout_phone"), eq(schema.auditLog.subject, `artisan:${wanjiku.artisan.id}`)));
    const pinFailures = async () =>
      (
        await db
          .select({ failures: schema.authThrottles.failures })
          .from(schema.authThrottles)
          .where(eq(schema.authThrottles.key, wanjiku.artisan.phone))
      ).reduce((sum, r) => sum + r.failures, 0);

    it.each([
      ["without a PIN", {}, 400, /Enter your PIN/],
      ["with another artisan's PIN", { pin: "1234" }, 401, /isn't right/],
      ["with a wrong PIN", { pin: "9999" }, 401, /isn't right/],
    ])("%s: refused with a message, nothing saved (not even the other fields), no SMS", async (_, over, status, message) => {
      const before = await row();
      const outcome = await call(
        profileAction,
        post("/artisan/profile", valid({ payoutPhone: "0799 111 222", available: "", ...over }), wCookie),
      );
      expect(outcome.status).toBe(status);
      expect((outcome.body!.errors as Record<string, string>).pin).toMatch(message);
      expect((outcome.body!.values as Record<string, string>).pin).toBeUndefined();
      expect(await row()).toEqual(before);
      expect(await smsTo(before.payoutPhone)).toEqual([]);
    });

    it("wrong PINs here count against her sign-in's counter", async () => {
      const before = await pinFailures();
      await call(profileAction, post("/artisan/profile", valid({ payoutPhone: "0799 111 222", pin: "0000" }), wCookie));
      expect(await pinFailures()).toBe(before + 1);
    });

    it("the same number saves without a PIN", async () => {
      const outcome = await call(profileAction, post("/artisan/profile", valid({ available: "" }), wCookie));
      expect(outcome.status).toBe(302);
      expect((await row()).available).toBe(false);
    });

    it("with her PIN: saved, audited, and the number paid until now and her sign-in phone are told by SMS", async () => {
      const before = await row();
      const outcome = await call(profileAction, post("/artisan/profile", valid({ payoutPhone: "0799 111 222", pin: "4321" }), wCookie));
      expect(await flashAfter(outcome, profileLoader)).toEqual({ kind: "success", message: "Profile saved." });
      expect((await row()).payoutPhone).toBe("+254799111222");
      expect(await audited()).toContainEqual({ data: { from: before.payoutPhone, to: "+254799111222" } });
      const told = [...(await smsTo(before.payoutPhone)), ...(await smsTo(before.phone))].filter((sms) =>
        sms.text.includes("0799 111 222"),
      );
      expect(told).toHaveLength(before.phone === before.payoutPhone ? 1 : 2);
      for (const sms of told) expect(sms.text).toMatch(/payments to Wanjiku will now go to M-Pesa 0799 111 222/);
      expect(await smsTo("+254799111222")).toEqual([]);
      // Back to the number the other tests expect.
      await call(profileAction, post("/artisan/profile", valid({ pin: "4321" }), wCookie));
      expect((await row()).payoutPhone).toBe("+254722333444");
    });
  });

  it("signed out: redirected to the login page, nothing changes", async () => {
    expect(await call(profileAction, post("/artisan/profile", valid()))).toMatchObject({ status: 302, location: "/artisan" });
    expect(await call(stockLoader, get("/artisan/stock"))).toMatchObject({ status: 302, location: "/artisan" });
  });
});
