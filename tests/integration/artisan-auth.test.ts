/** Artisan sign-in on the real database: phone formats, PIN lockout, SMS one-time codes, language, sign-out. */
import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan } from "#db/seed/factories";
import { authenticateArtisan, requireArtisan, sendPinCode, setPinWithCode } from "~/features/artisan-app/auth.server";
import { hashSecret } from "~/domain/accounts/password.server";
import { THROTTLES, counterState } from "~/domain/accounts/throttle.server";
import { CLIENT_ADDRESS_HEADER } from "~/lib/client-address";
import { action as loginAction, loader as loginLoader } from "~/routes/artisan._index";
import { loader as layoutLoader } from "~/routes/artisan";
import { action as logoutAction } from "~/routes/artisan.logout";
import { action as pinAction } from "~/routes/artisan.pin";
import { loader as offersLoader } from "~/routes/artisan.offers";
import { db, schema } from "~/lib/db.server";
import { artisanCookie, call, get, jobsNamed, post } from "./artisan-support";

let grace: Awaited<ReturnType<typeof createArtisan>>["artisan"];
let noPin: Awaited<ReturnType<typeof createArtisan>>["artisan"];

beforeAll(async () => {
  grace = (await createArtisan(db, { firstName: "Grace", phone: "+254700000101", pin: "1234", language: "en" })).artisan;
  noPin = (await createArtisan(db, { firstName: "Halima", phone: "+254700000102", language: "sw" })).artisan;
});

const login = (phone: string, pin: string, query = "", headers: Record<string, string> = {}) =>
  call(loginAction, post(`/artisan${query}`, { phone, pin }, undefined, headers));

/** The phone's PIN counter (shared by the app and USSD). */
const pinCounter = (phone: string, now?: Date) => counterState(THROTTLES.artisanPin, phone, now);

describe("signing in with phone and PIN", () => {
  it.each(["0700000101", "+254700000101", "254700000101", "0700 000 101", "700000101"])("accepts the number typed as %s", async (phone) => {
    const outcome = await login(phone, "1234");
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/artisan/offers");
    expect(outcome.cookie).toMatch(/^__soko_session=/);
    // The cookie signs her in: the offers page answers instead of redirecting to the login.
    const offers = await call(offersLoader, get("/artisan/offers", outcome.cookie!));
    expect(offers.status).toBe(200);
  });

  it("refuses a wrong PIN, an unknown phone and a malformed one with a clear message and nothing signed in", async () => {
    const wrong = await login("0700000101", "9999", "?lang=en");
    expect(wrong.status).toBe(401);
    expect(wrong.body?.formError).toMatch(/don't match/);
    expect(wrong.cookie).toBeNull();
    const unknown = await login("0711111111", "1234", "?lang=en");
    expect(unknown.status).toBe(401);
    expect(unknown.body?.formError).toBe(wrong.body?.formError);
    const bad = await login("12345", "12");
    expect(bad.status).toBe(400);
    expect(bad.body?.errors).toMatchObject({ phone: expect.stringMatching(/Kenya/), pin: expect.any(String) });
    // A good login clears the count the wrong one left.
    expect((await pinCounter(grace.phone)).failures).toBe(1);
    expect((await login("0700000101", "1234")).status).toBe(302);
    expect((await pinCounter(grace.phone)).failures).toBe(0);
  });

  it("tells an artisan without a PIN to get a code", async () => {
    const outcome = await login("0700000102", "1234", "?lang=en");
    expect(outcome.status).toBe(401);
    expect(outcome.body?.formError).toMatch(/haven't set a PIN/);
  });

  it("locks the account for 15 minutes after five wrong PINs, even for the right PIN; then lets her in", async () => {
    const { artisan } = await createArtisan(db, { phone: "+254700000103", pin: "4321" });
    const now = new Date("2030-03-01T09:00:00Z");
    for (let i = 1; i <= 4; i++)
      expect(await authenticateArtisan({ phone: artisan.phone, pin: "0000", now })).toEqual({ ok: false, reason: "invalid" });
    const fifth = await authenticateArtisan({ phone: artisan.phone, pin: "0000", now });
    expect(fifth).toMatchObject({ ok: false, reason: "locked" });
    expect(await pinCounter(artisan.phone, now)).toMatchObject({ failures: 5, lockedUntil: new Date(now.getTime() + 15 * 60_000) });

    const stillLocked = new Date(now.getTime() + 14 * 60_000);
    expect(await authenticateArtisan({ phone: artisan.phone, pin: "4321", now: stillLocked })).toMatchObject({
      ok: false,
      reason: "locked",
    });
    const after = new Date(now.getTime() + 15 * 60_000 + 1000);
    expect(await authenticateArtisan({ phone: artisan.phone, pin: "4321", now: after })).toEqual({ ok: true, artisanId: artisan.id });
    expect(await pinCounter(artisan.phone, after)).toMatchObject({ failures: 0, lockedUntil: null, lockouts: 0 });
  });

  it("shows the lock in the page's language (Swahili from a sw-KE phone) with a 429", async () => {
    await createArtisan(db, { phone: "+254700000104", pin: "5555" });
    let last = await login("0700000104", "0000", "", { "Accept-Language": "sw-KE,sw;q=0.9,en;q=0.8" });
    for (let i = 0; i < 4; i++) last = await login("0700000104", "0000", "", { "Accept-Language": "sw-KE,sw;q=0.9,en;q=0.8" });
    expect(last.status).toBe(429);
    expect(last.body?.formError).toMatch(/imefungwa kwa dakika 15/);
    const right = await login("0700000104", "5555", "", { "Accept-Language": "sw-KE" });
    expect(right.status).toBe(429);
  });

  it("counts every one of several PIN guesses made at once", async () => {
    const { artisan } = await createArtisan(db, { phone: "+254700000105", pin: "2468" });
    await Promise.all(Array.from({ length: 3 }, () => authenticateArtisan({ phone: artisan.phone, pin: "1111" })));
    expect((await pinCounter(artisan.phone)).failures).toBe(3);
  });

  it("checks no more than five of 30 PINs sent at once, and then refuses the right one", async () => {
    const { artisan } = await createArtisan(db, { phone: "+254700000111", pin: "8080" });
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => login("0700000111", String(1000 + i))));
    expect(answers.filter((a) => a.status === 401)).toHaveLength(4);
    // The fifth wrong PIN is checked and answers with the lock; the other 25 are refused unchecked.
    expect(answers.filter((a) => a.status === 429)).toHaveLength(26);
    expect((await login("0700000111", "8080")).status).toBe(429);
    expect(await authenticateArtisan({ phone: artisan.phone, pin: "8080" })).toMatchObject({ ok: false, reason: "locked" });
  });

  it("locks a phone that keeps being guessed for longer each time: 15 minutes, then 30, then 60", async () => {
    const { artisan } = await createArtisan(db, { phone: "+254700000112", pin: "9191" });
    let now = new Date("2030-03-02T09:00:00Z");
    for (const minutes of [15, 30, 60]) {
      let last: Awaited<ReturnType<typeof authenticateArtisan>> | undefined;
      for (let i = 0; i < 5; i++) last = await authenticateArtisan({ phone: artisan.phone, pin: "0000", now });
      expect(last).toEqual({ ok: false, reason: "locked", per: "account", lockedUntil: new Date(now.getTime() + minutes * 60_000) });
      now = new Date(now.getTime() + minutes * 60_000);
    }
    // Her own right PIN, once the lock is over, forgets all of it.
    expect(await authenticateArtisan({ phone: artisan.phone, pin: "9191", now })).toEqual({ ok: true, artisanId: artisan.id });
    expect(await pinCounter(artisan.phone, now)).toMatchObject({ failures: 0, lockouts: 0 });
  });

  it("stops one PIN tried on many phones from one address, and says it is the network", async () => {
    const spray = { [CLIENT_ADDRESS_HEADER]: "203.0.113.60", "Accept-Language": "en" };
    const answers = [];
    for (let i = 0; i < 25; i++) answers.push(await login(`07990001${String(i).padStart(2, "0")}`, "1234", "", spray));
    expect(answers.map((a) => a.status)).toEqual([...Array(20).fill(401), ...Array(5).fill(429)]);
    expect(answers[20].body?.formError).toMatch(/^Too many wrong PINs from this network\. Try again after \d\d:\d\d\.$/);
    // Grace, from that address, waits too; from elsewhere she signs in.
    expect((await login("0700000101", "1234", "", spray)).status).toBe(429);
    expect((await login("0700000101", "1234", "", { [CLIENT_ADDRESS_HEADER]: "198.51.100.61" })).status).toBe(302);
  });
});

describe("setting a PIN with a code sent by SMS", () => {
  async function lastSms(to: string) {
    const [row] = await db.select().from(schema.outbox).where(eq(schema.outbox.to, to)).orderBy(desc(schema.outbox.id)).limit(1);
    return row;
  }
  const codeIn = (text: string) => /(\d{6})/.exec(text)![1];

  it("sends a 6-digit code in her language, keeps only its hash, and sets the PIN with it", async () => {
    const now = new Date();
    expect(await sendPinCode({ phone: noPin.phone, now })).toEqual({ ok: true });
    const sms = await lastSms(noPin.phone);
    expect(sms).toMatchObject({ channel: "sms", status: "queued", template: "artisan_pin_code" });
    expect(await jobsNamed("send_sms")).toContainEqual(expect.objectContaining({ payload: { outboxId: sms.id } }));
    expect(sms.text).toMatch(/nambari yako ni \d{6}/);
    const code = codeIn(sms.text);
    const [otp] = await db.select().from(schema.artisanOtps).where(eq(schema.artisanOtps.artisanId, noPin.id));
    expect(otp.codeHash).not.toContain(code);
    expect(otp.expiresAt.getTime() - now.getTime()).toBe(10 * 60_000);

    expect(await setPinWithCode({ phone: noPin.phone, code, pin: "8642" })).toMatchObject({ ok: true });
    expect(await authenticateArtisan({ phone: noPin.phone, pin: "8642" })).toEqual({ ok: true, artisanId: noPin.id });
    // A code works once.
    expect(await setPinWithCode({ phone: noPin.phone, code, pin: "1357" })).toEqual({ ok: false, reason: "bad_code" });
  });

  it("sends at most one SMS a minute", async () => {
    const { artisan } = await createArtisan(db, { phone: "+254700000106" });
    const now = new Date("2030-05-01T10:00:00Z");
    expect(await sendPinCode({ phone: artisan.phone, now })).toEqual({ ok: true });
    expect(await sendPinCode({ phone: artisan.phone, now: new Date(now.getTime() + 30_000) })).toEqual({ ok: false, reason: "wait" });
    expect(await sendPinCode({ phone: artisan.phone, now: new Date(now.getTime() + 61_000) })).toEqual({ ok: true });
    const rows = await db.select().from(schema.outbox).where(eq(schema.outbox.to, artisan.phone));
    expect(rows).toHaveLength(2);
  });

  it("sends at most five codes an hour to a phone and ten from one address; a 'wait a minute' does not count", async () => {
    const { artisan } = await createArtisan(db, { phone: "+254700000113" });
    const t0 = new Date("2030-05-02T10:00:00Z");
    const minute = (n: number) => new Date(t0.getTime() + n * 61_000);
    for (let i = 0; i < 4; i++) {
      expect(await sendPinCode({ phone: artisan.phone, now: minute(i) })).toEqual({ ok: true });
      expect(await sendPinCode({ phone: artisan.phone, now: minute(i) })).toEqual({ ok: false, reason: "wait" });
    }
    // The fifth code goes out and closes the hour.
    expect(await sendPinCode({ phone: artisan.phone, now: minute(4) })).toEqual({ ok: true });
    expect(await sendPinCode({ phone: artisan.phone, now: minute(6) })).toEqual({
      ok: false,
      reason: "throttled",
      per: "account",
      lockedUntil: new Date(minute(4).getTime() + 60 * 60_000),
    });
    expect(await db.select().from(schema.outbox).where(eq(schema.outbox.to, artisan.phone))).toHaveLength(5);
    expect(await sendPinCode({ phone: artisan.phone, now: new Date(minute(4).getTime() + 60 * 60_000) })).toEqual({ ok: true });

    // From one address, over many numbers (registered or not: the same answer, the same count).
    const address = "203.0.113.70";
    for (let i = 0; i < 10; i++)
      expect(await sendPinCode({ phone: `+2547990002${String(i).padStart(2, "0")}`, address, now: t0 })).toEqual({ ok: true });
    expect(await sendPinCode({ phone: "+254799000299", address, now: t0 })).toMatchObject({
      ok: false,
      reason: "throttled",
      per: "address",
    });

    // Through the form, now.
    const from = { [CLIENT_ADDRESS_HEADER]: "203.0.113.71" };
    for (let i = 0; i < 10; i++)
      expect(
        (
          await call(
            pinAction,
            post("/artisan/pin?lang=en", { intent: "send", phone: `07990003${String(i).padStart(2, "0")}` }, undefined, from),
          )
        ).status,
      ).toBe(200);
    const page = await call(pinAction, post("/artisan/pin?lang=en", { intent: "send", phone: "0799000298" }, undefined, from));
    expect(page.status).toBe(429);
    expect(page.body).toMatchObject({
      step: "set",
      phone: "0799000298",
      formError: expect.stringMatching(/^Too many codes asked for this number or from this network\. Try again after \d\d:\d\d\.$/),
    });
  });

  it("refuses an expired code, and kills a code after five wrong tries", async () => {
    const { artisan } = await createArtisan(db, { phone: "+254700000107" });
    const sentAt = new Date("2030-05-01T10:00:00Z");
    await sendPinCode({ phone: artisan.phone, now: sentAt });
    const code = codeIn((await lastSms(artisan.phone)).text);
    expect(await setPinWithCode({ phone: artisan.phone, code, pin: "1234", now: new Date(sentAt.getTime() + 11 * 60_000) })).toEqual({
      ok: false,
      reason: "bad_code",
    });

    const later = new Date(sentAt.getTime() + 2 * 60_000);
    await sendPinCode({ phone: artisan.phone, now: later });
    const fresh = codeIn((await lastSms(artisan.phone)).text);
    const wrong = fresh === "000000" ? "000001" : "000000";
    for (let i = 1; i <= 4; i++)
      expect(await setPinWithCode({ phone: artisan.phone, code: wrong, pin: "1234", now: later })).toEqual({
        ok: false,
        reason: "bad_code",
      });
    expect(await setPinWithCode({ phone: artisan.phone, code: wrong, pin: "1234", now: later })).toEqual({ ok: false, reason: "too_many" });
    expect(await setPinWithCode({ phone: artisan.phone, code: fresh, pin: "1234", now: later })).toEqual({ ok: false, reason: "bad_code" });
    const [row] = await db.select().from(schema.artisans).where(eq(schema.artisans.id, artisan.id));
    expect(row.pinHash).toBeNull();
  });

  it("lifts a PIN lock once a new PIN is set", async () => {
    const { artisan } = await createArtisan(db, { phone: "+254700000108", pinHash: await hashSecret("1111") });
    for (let i = 0; i < 5; i++) await authenticateArtisan({ phone: artisan.phone, pin: "0000" });
    expect(await authenticateArtisan({ phone: artisan.phone, pin: "1111" })).toMatchObject({ ok: false, reason: "locked" });
    await sendPinCode({ phone: artisan.phone });
    const code = codeIn((await lastSms(artisan.phone)).text);
    expect(await setPinWithCode({ phone: artisan.phone, code, pin: "2222" })).toMatchObject({ ok: true });
    expect(await authenticateArtisan({ phone: artisan.phone, pin: "2222" })).toEqual({ ok: true, artisanId: artisan.id });
  });

  it("the /artisan/pin form: same answer for an unknown phone (no SMS), validation, PIN mismatch, then success to the login page", async () => {
    const unknown = await call(pinAction, post("/artisan/pin?lang=en", { intent: "send", phone: "0799000000" }));
    expect(unknown.status).toBe(200);
    expect(unknown.body).toMatchObject({ step: "set", notice: expect.stringMatching(/If that number is registered/) });
    expect(await db.select().from(schema.outbox).where(eq(schema.outbox.to, "+254799000000"))).toHaveLength(0);

    const { artisan } = await createArtisan(db, { phone: "+254700000109", language: "en" });
    const sent = await call(
      pinAction,
      post("/artisan/pin", { intent: "send", phone: "0700 000 109" }, undefined, { "Accept-Language": "en" }),
    );
    expect(sent.body).toMatchObject({ step: "set" });
    const again = await call(
      pinAction,
      post("/artisan/pin", { intent: "send", phone: "0700000109" }, undefined, { "Accept-Language": "en" }),
    );
    expect(again.status).toBe(429);
    const code = codeIn((await lastSms(artisan.phone)).text);

    const mismatch = await call(
      pinAction,
      post("/artisan/pin?lang=en", { intent: "set", phone: "0700000109", code, pin: "1234", confirm: "4321" }),
    );
    expect(mismatch.status).toBe(400);
    expect(mismatch.body?.errors).toMatchObject({ confirm: "The two PINs are different." });
    const shortPin = await call(
      pinAction,
      post("/artisan/pin?lang=en", { intent: "set", phone: "0700000109", code, pin: "12", confirm: "12" }),
    );
    expect(shortPin.body?.errors).toMatchObject({ pin: expect.stringMatching(/4 to 6 digits/) });

    const done = await call(
      pinAction,
      post("/artisan/pin?lang=en", { intent: "set", phone: "0700000109", code, pin: "123456", confirm: "123456" }),
    );
    // Set: she is signed in at once (no second sign-in), told so on her offers.
    expect(done.status).toBe(302);
    expect(done.location).toBe("/artisan/offers");
    const page = await call(offersLoader, get("/artisan/offers", done.cookie!));
    expect(page.body?.flash).toMatchObject({ kind: "success", message: expect.stringMatching(/PIN is set and you are signed in/) });
    expect((await login("0700000109", "123456")).status).toBe(302);
  });
});

describe("language and session", () => {
  it("the language of the sign-in page becomes hers: an English profile signed in on the Swahili page reads Swahili", async () => {
    const { artisan } = await createArtisan(db, { firstName: "Nafula", phone: "+254700000121", pin: "2580", language: "en" });
    // The page was shown in Swahili (its hidden field): the app after sign-in is in Swahili too, and so is her profile.
    const signedIn = await call(loginAction, post("/artisan", { phone: "0700000121", pin: "2580", lang: "sw" }));
    expect(signedIn).toMatchObject({ status: 302, location: "/artisan/offers" });
    expect((await db.select().from(schema.artisans).where(eq(schema.artisans.id, artisan.id)))[0].language).toBe("sw");
    const layout = await call(layoutLoader, get("/artisan/offers", signedIn.cookie!, { "Accept-Language": "en-GB" }));
    expect(layout.body).toMatchObject({ lang: "sw", artisan: { firstName: "Nafula" } });
    // Back on the English page, English again.
    await call(loginAction, post("/artisan?lang=en", { phone: "0700000121", pin: "2580", lang: "en" }));
    expect((await db.select().from(schema.artisans).where(eq(schema.artisans.id, artisan.id)))[0].language).toBe("en");
    // A wrong PIN changes nothing.
    await call(loginAction, post("/artisan", { phone: "0700000121", pin: "0000", lang: "sw" }));
    expect((await db.select().from(schema.artisans).where(eq(schema.artisans.id, artisan.id)))[0].language).toBe("en");
  });

  it("setting a PIN with the SMS code signs her in, in the page's language, with no second sign-in", async () => {
    const { artisan } = await createArtisan(db, { firstName: "Zawadi", phone: "+254700000122", language: "en" });
    expect(await sendPinCode({ phone: artisan.phone })).toEqual({ ok: true });
    const [sms] = await db.select().from(schema.outbox).where(eq(schema.outbox.to, artisan.phone)).orderBy(desc(schema.outbox.id)).limit(1);
    const code = /(\d{6})/.exec(sms.text)![1];
    const set = await call(
      pinAction,
      post("/artisan/pin?lang=sw", { intent: "set", lang: "sw", phone: "0700000122", code, pin: "4826", confirm: "4826" }),
    );
    expect(set).toMatchObject({ status: 302, location: "/artisan/offers" });
    const offers = await call(offersLoader, get("/artisan/offers", set.cookie!));
    expect(offers.status).toBe(200);
    expect(offers.body?.flash).toMatchObject({ kind: "success", message: "PIN yako imewekwa na umeingia. Itumie utakapoingia tena." });
    expect(await call(layoutLoader, get("/artisan/offers", set.cookie!))).toMatchObject({ body: { lang: "sw" } });
    expect(await authenticateArtisan({ phone: artisan.phone, pin: "4826" })).toEqual({ ok: true, artisanId: artisan.id });
  });

  it("login page: Swahili for a sw-KE phone, English for en, ?lang= switches, the saved language once signed in", async () => {
    const sw = await call(layoutLoader, get("/artisan", undefined, { "Accept-Language": "sw-KE,sw;q=0.9" }));
    expect(sw.body?.lang).toBe("sw");
    const en = await call(layoutLoader, get("/artisan", undefined, { "Accept-Language": "en-GB,en;q=0.9" }));
    expect(en.body?.lang).toBe("en");
    const switched = await call(layoutLoader, get("/artisan?lang=sw", undefined, { "Accept-Language": "en-GB" }));
    expect(switched.body?.lang).toBe("sw");
    const signedIn = await call(layoutLoader, get("/artisan/offers", await artisanCookie(grace.id), { "Accept-Language": "sw-KE" }));
    expect(signedIn.body).toMatchObject({ lang: "en", artisan: { firstName: "Grace" } });
  });

  it("requireArtisan sends strangers and deactivated artisans to the login page", async () => {
    const anonymous = await call(offersLoader, get("/artisan/offers"));
    expect(anonymous).toMatchObject({ status: 302, location: "/artisan" });
    const { artisan } = await createArtisan(db, { phone: "+254700000110", active: false });
    const gone = await call(offersLoader, get("/artisan/offers", await artisanCookie(artisan.id)));
    expect(gone).toMatchObject({ status: 302, location: "/artisan" });
    await expect(requireArtisan(get("/artisan/offers", await artisanCookie(grace.id)))).resolves.toMatchObject({ id: grace.id });
  });

  it("a signed-in artisan visiting the login page goes to her offers; signing out ends only her session", async () => {
    const cookie = await artisanCookie(grace.id);
    expect(await call(loginLoader, get("/artisan", cookie))).toMatchObject({ status: 302, location: "/artisan/offers" });
    const out = await call(logoutAction, post("/artisan/logout", {}, cookie));
    expect(out).toMatchObject({ status: 302, location: "/artisan" });
    expect(await call(offersLoader, get("/artisan/offers", out.cookie!))).toMatchObject({ status: 302, location: "/artisan" });
  });
});
