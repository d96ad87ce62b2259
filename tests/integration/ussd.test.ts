/**
 * USSD conversations through POST /api/ussd exactly as Africa's Talking sends them: form-encoded
 * sessionId, serviceCode, phoneNumber and the whole conversation in text ("1234*1*2"), answered
 * with a text/plain "CON …" or "END …".
 */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createArtisan, createProduct } from "#db/seed/factories";
import { action, loader } from "~/routes/api.ussd";
import { dispatchUnassigned } from "~/domain/production/dispatch.server";
import { advanceRequest } from "~/domain/production/requests.server";
import { ACCOUNT_CODES, postEntry } from "~/domain/ledger/ledger.server";
import { acceptOffer, declineOffer, markReady } from "~/features/artisan-phone/work.server";
import { USSD_MAX_CHARS } from "~/features/artisan-phone/screens";
import { authenticateArtisan } from "~/features/artisan-app/auth.server";
import { THROTTLES, counterState } from "~/domain/accounts/throttle.server";
import { db, schema } from "~/lib/db.server";

const { productionRequests: requests, productionEvents: events, artisans } = schema;

let variantId: number;
let akinyi: schema.Artisan; // sw, PIN 1234
let otieno: schema.Artisan; // en, PIN 4321
let sessions = 0;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The token Africa's Talking's callback URL carries (set for every test file in tests/setup). */
const TOKEN = process.env.AT_CALLBACK_TOKEN!;
const USSD_URL = `http://localhost/api/ussd?token=${encodeURIComponent(TOKEN)}`;

async function post(fields: Record<string, string>, url = USSD_URL, contentType = "application/x-www-form-urlencoded") {
  const request = new Request(url, {
    method: "POST",
    headers: { "Content-Type": contentType },
    body: new URLSearchParams(fields).toString(),
  });
  const response = await action({ request, params: {}, context: {} });
  return { status: response.status, type: response.headers.get("content-type"), body: await response.text() };
}

/** One request of a session: the reply body ("CON …" / "END …"). */
async function dial(phone: string, sessionId: string, text: string) {
  const response = await post({ sessionId, serviceCode: "*384*76#", phoneNumber: phone, text });
  expect(response.status).toBe(200);
  expect(response.type).toBe("text/plain; charset=utf-8");
  expect(response.body).toMatch(/^(CON|END) /);
  expect(response.body.length - 4).toBeLessThanOrEqual(182);
  return response.body;
}

const newSession = () => `ATUid_test_${++sessions}`;

/** An offer to this artisan, made the way dispatch makes it. */
async function offer(artisanId: number, options: { quantity?: number; pieceRate?: number; dueDate?: string; expiresAt?: Date } = {}) {
  return db.transaction(async (tx) => {
    const [{ next }] = await tx.execute<{ next: string }>(sql`select nextval('production_request_numbers')::text as next`);
    const [row] = await tx
      .insert(requests)
      .values({
        number: `PR-${next}`,
        variantId,
        quantity: options.quantity ?? 6,
        pieceRate: options.pieceRate ?? 35_000,
        dueDate: options.dueDate ?? inDays(30),
        status: "unassigned",
      })
      .returning();
    await advanceRequest(tx, row.id, "offered", "dispatch", {
      artisanId,
      offerExpiresAt: options.expiresAt ?? new Date(Date.now() + 86_400_000),
    });
    return row;
  });
}

async function accepted(artisanId: number, options: Parameters<typeof offer>[1] = {}) {
  const row = await offer(artisanId, options);
  await db.transaction((tx) => advanceRequest(tx, row.id, "accepted", `artisan:${artisanId}`));
  return row;
}

const requestRow = async (id: number) => (await db.select().from(requests).where(eq(requests.id, id)))[0];
const artisanRow = async (id: number) => (await db.select().from(artisans).where(eq(artisans.id, id)))[0];
/** The artisan's PIN counter, the one the app uses too. */
const pinCounter = async (id: number) => counterState(THROTTLES.artisanPin, (await artisanRow(id)).phone);

/** Clears every open request so each test sees only its own. */
async function clearWork() {
  await db
    .update(requests)
    .set({ status: "cancelled" })
    .where(sql`${requests.status} in ('offered', 'accepted', 'in_progress', 'unassigned')`);
}

beforeAll(async () => {
  variantId = (
    await createProduct(db, { title: "Horn Studs", status: "active", skills: ["horn-carving"], variants: [{ leadTimeDays: 7 }] })
  ).variants[0].id;
  akinyi = (
    await createArtisan(db, {
      firstName: "Akinyi",
      phone: "+254711000001",
      language: "sw",
      pin: "1234",
      qualityScore: 9900,
      skills: [{ skill: "horn-carving", weeklyCapacity: 50 }],
    })
  ).artisan;
  otieno = (
    await createArtisan(db, {
      firstName: "Otieno",
      phone: "+254711000002",
      language: "en",
      pin: "4321",
      qualityScore: 9000,
      skills: [{ skill: "horn-carving", weeklyCapacity: 50 }],
    })
  ).artisan;
});

beforeEach(async () => {
  await clearWork();
  await db.delete(schema.authThrottles);
});

describe("the menu in Swahili", () => {
  it("asks for the PIN, then shows the menu, offers, an offer and its actions, and the balance", async () => {
    const first = await offer(akinyi.id);
    const second = await offer(akinyi.id, { quantity: 2, pieceRate: 120_000, dueDate: "2030-01-09" });
    const s = newSession();

    expect(await dial("+254711000001", s, "")).toBe("CON Karibu Soko, Akinyi.\nWeka PIN yako:");
    expect(await dial("+254711000001", s, "1234")).toBe(
      "CON Soko - Akinyi\n1. Kazi mpya\n2. Kazi yangu\n3. Salio\n4. Lugha/Language\n0. Toka",
    );
    const due = new Date(`${first.dueDate}T00:00:00Z`);
    const month = ["Jan", "Feb", "Mac", "Apr", "Mei", "Jun", "Jul", "Ago", "Sep", "Okt", "Nov", "Des"][due.getUTCMonth()];
    expect(await dial("+254711000001", s, "1234*1")).toBe(
      `CON Kazi mpya:\n1. ${first.number} 6x Horn Studs KES 350/kipande, tarehe ${due.getUTCDate()} ${month}\n2. ${second.number} 2x Horn Studs KES 1,200/kipande, tarehe 9 Jan\n0. Rudi`,
    );
    expect(await dial("+254711000001", s, "1234*1*2")).toBe(
      `CON ${second.number}: 2x Horn Studs\nKES 1,200 kila kipande, jumla KES 2,400\nTarehe: 9 Jan\n1. Kubali\n2. Kataa\n0. Rudi`,
    );
    expect(await dial("+254711000001", s, "1234*1*2*2")).toBe(
      "CON Sababu ya kukataa:\n1. Sina muda\n2. Sina vifaa\n3. Malipo madogo\n4. Tarehe iko karibu mno\n5. Sababu nyingine\n0. Rudi",
    );
    // Back: reasons → offer → offers → main.
    expect(await dial("+254711000001", s, "1234*1*2*2*0")).toMatch(/^CON PR-\d+: 2x Horn Studs/);
    expect(await dial("+254711000001", s, "1234*1*2*2*0*0")).toMatch(/^CON Kazi mpya:/);
    expect(await dial("+254711000001", s, "1234*1*2*2*0*0*0")).toMatch(/^CON Soko - Akinyi/);
    expect(await dial("+254711000001", s, "1234*1*2*2*0*0*0*0")).toBe("END Asante. Kwaheri!");
    // Browsing changed nothing.
    expect((await requestRow(second.id)).status).toBe("offered");
  });

  it("says so when there are no offers and no work", async () => {
    const s = newSession();
    expect(await dial("+254711000001", s, "1234*1")).toBe("CON Huna kazi mpya kwa sasa.\n0. Rudi");
    expect(await dial("+254711000001", s, "1234*1*0*2")).toBe("CON Huna kazi inayoendelea.\n0. Rudi");
  });

  it("tells the balance and the last M-Pesa payment", async () => {
    await postEntry(db, {
      kind: "qc_credit",
      reference: "test:ussd-balance",
      lines: [
        { accountCode: ACCOUNT_CODES.productionCost, amount: 125_000, currency: "KES" },
        { accountCode: ACCOUNT_CODES.artisanPayable(akinyi.id), amount: -125_000, currency: "KES" },
      ],
    });
    expect(await dial("+254711000001", newSession(), "1234*3")).toBe("END Salio lako ni KES 1,250. Bado hujapokea malipo.");
    await db.insert(schema.payouts).values({
      artisanId: akinyi.id,
      amount: 300_000,
      phone: akinyi.phone,
      status: "succeeded",
      idempotencyKey: "test:ussd-payout",
      receipt: "QK12AB34CD",
      updatedAt: new Date("2026-12-05T09:00:00Z"),
    });
    expect(await dial("+254711000001", newSession(), "1234*3")).toBe(
      "END Salio lako ni KES 1,250. Malipo ya mwisho: KES 3,000 tarehe 5 Des (QK12AB34CD).",
    );
    // Otieno's balance is his own.
    expect(await dial("+254711000002", newSession(), "4321*3")).toBe("END Your balance is KES 0. No payments yet.");
  });

  it("adds what accepted work will pay, in her language and within one screen", async () => {
    await accepted(akinyi.id, { quantity: 6, pieceRate: 35_000 });
    await accepted(akinyi.id, { quantity: 2, pieceRate: 50_000 });
    await offer(akinyi.id); // an offer not yet accepted is not pending pay
    const sw = await dial("+254711000001", newSession(), "1234*3");
    expect(sw).toContain("Inasubiri: KES 3,100 kwa kazi 2 ulizokubali.");
    expect(sw.length - "END ".length).toBeLessThanOrEqual(USSD_MAX_CHARS);
    await accepted(otieno.id, { quantity: 1, pieceRate: 35_000 });
    expect(await dial("+254711000002", newSession(), "4321*3")).toBe(
      "END Your balance is KES 0. Pending: KES 350 for 1 accepted request. No payments yet.",
    );
  });
});

describe("the menu in English", () => {
  it("greets, lists and details offers in the artisan's language", async () => {
    const mine = await offer(otieno.id, { dueDate: "2030-12-12" });
    const s = newSession();
    expect(await dial("0711000002", s, "")).toBe("CON Welcome to Soko, Otieno.\nEnter your PIN:");
    expect(await dial("0711000002", s, "4321")).toBe("CON Soko - Otieno\n1. Offers\n2. My work\n3. Balance\n4. Language/Lugha\n0. Exit");
    expect(await dial("0711000002", s, "4321*1")).toBe(`CON Offers:\n1. ${mine.number} 6x Horn Studs KES 350/pc, due 12 Dec\n0. Back`);
    expect(await dial("0711000002", s, "4321*1*1")).toBe(
      `CON ${mine.number}: 6x Horn Studs\nKES 350 a piece, KES 2,100 in all\nDue: 12 Dec\n1. Accept\n2. Decline\n0. Back`,
    );
  });

  it("switches language from the menu and keeps it", async () => {
    const s = newSession();
    expect(await dial("+254711000002", s, "4321*4")).toBe("CON Chagua lugha / Choose language:\n1. Kiswahili\n2. English\n0. Back");
    expect(await dial("+254711000002", s, "4321*4*1")).toBe(
      "CON Lugha: Kiswahili.\nSoko - Otieno\n1. Kazi mpya\n2. Kazi yangu\n3. Salio\n4. Lugha/Language\n0. Toka",
    );
    expect((await artisanRow(otieno.id)).language).toBe("sw");
    expect(await dial("+254711000002", newSession(), "")).toBe("CON Karibu Soko, Otieno.\nWeka PIN yako:");
    expect(await dial("+254711000002", newSession(), "4321*4*2")).toMatch(/^CON Language: English\.\nSoko - Otieno\n1\. Offers/);
    expect((await artisanRow(otieno.id)).language).toBe("en");
  });
});

describe("accepting an offer", () => {
  it("accepts it for this artisan, once, and a replayed request gets the same answer", async () => {
    const mine = await offer(akinyi.id);
    const s = newSession();
    const answer = await dial("+254711000001", s, "1234*1*1*1");
    expect(answer).toMatch(new RegExp(`^END Umekubali ${mine.number}: 6x Horn Studs, tarehe \\d+ \\w+\\. Asante!$`));
    expect(await requestRow(mine.id)).toMatchObject({ status: "accepted", artisanId: akinyi.id });

    // Africa's Talking resends the same request (a timeout): same answer, nothing moves again.
    expect(await dial("+254711000001", s, "1234*1*1*1")).toBe(answer);
    // And the list in that session still points at the same request.
    expect(await dial("+254711000001", s, "1234*1")).toContain(`1. ${mine.number}`);
    const acceptedEvents = await db
      .select()
      .from(events)
      .where(and(eq(events.requestId, mine.id), eq(events.toStatus, "accepted")));
    expect(acceptedEvents).toHaveLength(1);
    expect(acceptedEvents[0]).toMatchObject({ actor: `artisan:${akinyi.id}:ussd:${s}`, artisanId: akinyi.id, fromStatus: "offered" });

    // Accepting an accepted offer again (another channel, another session) says so.
    expect(await acceptOffer(akinyi.id, mine.id, `artisan:${akinyi.id}:ussd:other`)).toBe("already_accepted");
    // A new session lists it under my work, no longer under offers.
    const next = newSession();
    expect(await dial("+254711000001", next, "1234*1")).toBe("CON Huna kazi mpya kwa sasa.\n0. Rudi");
    expect(await dial("+254711000001", next, "1234*1*0*2")).toContain(`1. ${mine.number} 6x Horn Studs 0/6`);
  });

  it("refuses an offer whose time ran out", async () => {
    const late = await offer(akinyi.id, { expiresAt: new Date(Date.now() + 1_000) });
    await db
      .update(requests)
      .set({ offerExpiresAt: new Date(Date.now() - 60_000) })
      .where(eq(requests.id, late.id));
    expect(await dial("+254711000001", newSession(), "1234*1*1*1")).toBe(`END Muda wa ofa ${late.number} umekwisha.`);
    expect((await requestRow(late.id)).status).toBe("offered");
  });
});

describe("declining an offer", () => {
  it("records the reason, frees the request and re-dispatches it to someone else", async () => {
    const mine = await offer(akinyi.id);
    const s = newSession();
    expect(await dial("+254711000001", s, "1234*1*1*2*2")).toBe(
      `END Umekataa ${mine.number}. Tutampa fundi mwingine. Asante kwa kutujulisha.`,
    );
    expect(await requestRow(mine.id)).toMatchObject({ status: "unassigned", artisanId: null, offerExpiresAt: null });
    const [declined] = await db
      .select()
      .from(events)
      .where(and(eq(events.requestId, mine.id), eq(events.toStatus, "declined")));
    expect(declined).toMatchObject({
      artisanId: akinyi.id,
      note: "Declined: no materials (USSD)",
      actor: `artisan:${akinyi.id}:ussd:${s}`,
    });
    const jobs = await db.execute<{ queue: string | null; key: string | null }>(sql`
      select q.queue_name as queue, j.key from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id
      left join graphile_worker._private_job_queues q on q.id = j.job_queue_id
      where t.identifier = 'dispatch_requests'`);
    expect([...jobs]).toContainEqual({ queue: "dispatch", key: "dispatch:all" });

    // A replay answers the same and declines nothing more.
    expect(await dial("+254711000001", s, "1234*1*1*2*2")).toBe(
      `END Umekataa ${mine.number}. Tutampa fundi mwingine. Asante kwa kutujulisha.`,
    );
    expect(
      await db
        .select()
        .from(events)
        .where(and(eq(events.requestId, mine.id), eq(events.toStatus, "declined"))),
    ).toHaveLength(1);

    // Akinyi is the better-rated maker, yet the next plan offers it to Otieno.
    await dispatchUnassigned();
    expect(await requestRow(mine.id)).toMatchObject({ status: "offered", artisanId: otieno.id });
    // Otieno's new offer never shows in Akinyi's replayed session as something she can act on.
    expect(await dial("+254711000001", s, "1234*1*1*1")).toBe(`END ${mine.number} haipatikani tena.`);
    expect((await requestRow(mine.id)).status).toBe("offered");
  });
});

describe("marking work ready", () => {
  it("lists accepted work, marks it ready with every unit made, once", async () => {
    const work = await accepted(akinyi.id, { quantity: 4, dueDate: "2030-03-05" });
    const s = newSession();
    expect(await dial("+254711000001", s, "1234*2")).toBe(`CON Kazi yangu:\n1. ${work.number} 4x Horn Studs 0/4, tarehe 5 Mac\n0. Rudi`);
    expect(await dial("+254711000001", s, "1234*2*1")).toBe(
      `CON ${work.number}: 4x Horn Studs\nUmetengeneza 0 kati ya 4. Tarehe: 5 Mac\n1. Vyote 4 vimekamilika, tayari kuchukuliwa\n0. Rudi`,
    );
    const answer = await dial("+254711000001", s, "1234*2*1*1");
    expect(answer).toBe(`END ${work.number} iko tayari kuchukuliwa. Tutakujulisha wakati wa kuchukua.`);
    expect(await requestRow(work.id)).toMatchObject({ status: "ready", unitsMade: 4 });
    expect(await dial("+254711000001", s, "1234*2*1*1")).toBe(answer);
    expect(
      await db
        .select()
        .from(events)
        .where(and(eq(events.requestId, work.id), eq(events.toStatus, "ready"))),
    ).toHaveLength(1);
    // Another session: already ready, so no longer listed as work.
    expect(await dial("+254711000001", newSession(), "1234*2")).toBe("CON Huna kazi inayoendelea.\n0. Rudi");
    expect(await markReady(akinyi.id, work.id, "artisan:x:ussd:y")).toBe("already_ready");
  });
  it("lists work the hub sent back for rework and marks it ready again", async () => {
    const work = await accepted(akinyi.id, { quantity: 2 });
    await db.transaction(async (tx) => {
      await advanceRequest(tx, work.id, "ready", `artisan:${akinyi.id}`, { unitsMade: 2 });
      await advanceRequest(tx, work.id, "received", "hub");
      await advanceRequest(tx, work.id, "qc_failed", "hub", { note: "Loose clasp" });
    });
    const s = newSession();
    expect(await dial("+254711000001", s, "1234*2")).toContain(`1. ${work.number} 2x Horn Studs`);
    expect(await dial("+254711000001", s, "1234*2*1*1")).toBe(
      `END ${work.number} iko tayari kuchukuliwa. Tutakujulisha wakati wa kuchukua.`,
    );
    expect(await requestRow(work.id)).toMatchObject({ status: "ready", unitsMade: 2 });
  });
});

describe("tenancy", () => {
  it("never lists or acts on another artisan's requests", async () => {
    const hisOffer = await offer(otieno.id);
    const hisWork = await accepted(otieno.id);
    const mine = await offer(akinyi.id);
    const s = newSession();
    const offers = await dial("+254711000001", s, "1234*1");
    expect(offers).toContain(mine.number);
    expect(offers).not.toContain(hisOffer.number);
    expect(offers).not.toContain(hisWork.number);
    expect(await dial("+254711000001", s, "1234*1*2")).toMatch(/^CON Chaguo si sahihi\.\nKazi mpya:/);
    expect(await dial("+254711000001", s, "1234*2")).not.toContain(hisWork.number);
    expect(await dial("+254711000001", s, "1234*2*1")).toMatch(/^CON Chaguo si sahihi\.\n/);

    // The actions themselves refuse someone else's ids, whatever they are given.
    const actor = `artisan:${akinyi.id}:ussd:${s}`;
    expect(await acceptOffer(akinyi.id, hisOffer.id, actor)).toBe("unavailable");
    expect(await declineOffer(akinyi.id, hisOffer.id, actor, "No time")).toBe("unavailable");
    expect(await markReady(akinyi.id, hisWork.id, actor)).toBe("unavailable");
    expect(await acceptOffer(akinyi.id, 999_999, actor)).toBe("unavailable");
    expect(await requestRow(hisOffer.id)).toMatchObject({ status: "offered", artisanId: otieno.id });
    expect(await requestRow(hisWork.id)).toMatchObject({ status: "accepted", artisanId: otieno.id });
    // And Akinyi's PIN is not Otieno's.
    expect(await dial("+254711000002", newSession(), "1234")).toBe("END Wrong PIN. 4 tries left.");
  });
});

describe("the PIN", () => {
  it("ends the session on a wrong PIN, counts it once per session, and locks after five like the app", async () => {
    const s = newSession();
    expect(await dial("+254711000001", s, "9999")).toBe("END PIN si sahihi. Umebaki na majaribio 4.");
    // The same request again (AT resends): the same answer, still one failure.
    expect(await dial("+254711000001", s, "9999")).toBe("END PIN si sahihi. Umebaki na majaribio 4.");
    expect((await pinCounter(akinyi.id)).failures).toBe(1);

    for (const left of [3, 2, 1])
      expect(await dial("+254711000001", newSession(), "0000")).toBe(
        `END PIN si sahihi. Umebaki na ${left === 1 ? "jaribio" : "majaribio"} ${left}.`,
      );
    const locked = await dial("+254711000001", newSession(), "0000");
    expect(locked).toMatch(
      /^END Umekosea PIN mara nyingi\. Jaribu tena baada ya saa \d\d:\d\d, au badilisha PIN kwenye programu ya Soko\.$/,
    );
    expect((await pinCounter(akinyi.id)).lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);

    // Locked: not even asked for a PIN, and the right PIN is refused.
    expect(await dial("+254711000001", newSession(), "")).toBe(locked);
    expect(await dial("+254711000001", newSession(), "1234*1")).toBe(locked);
  });

  it("asks again for a PIN that is not 4 to 6 digits, without counting it", async () => {
    const s = newSession();
    expect(await dial("+254711000001", s, "12")).toBe("CON PIN ni tarakimu 4 hadi 6.\nKaribu Soko, Akinyi.\nWeka PIN yako:");
    expect(await dial("+254711000001", s, "12*abcd")).toBe("CON PIN ni tarakimu 4 hadi 6.\nKaribu Soko, Akinyi.\nWeka PIN yako:");
    expect(await dial("+254711000001", s, "12*abcd*1234")).toMatch(/^CON Soko - Akinyi\n/);
    expect((await pinCounter(akinyi.id)).failures).toBe(0);
  });

  it("a right PIN clears earlier failures", async () => {
    await dial("+254711000001", newSession(), "5555");
    expect((await pinCounter(akinyi.id)).failures).toBe(1);
    await dial("+254711000001", newSession(), "1234");
    expect((await pinCounter(akinyi.id)).failures).toBe(0);
  });

  it("counts every new PIN within one session: 34 guesses lock her, the right PIN is refused, and the app is locked too", async () => {
    const s = newSession();
    const answers = [];
    for (let i = 0; i < 34; i++) answers.push(await dial("+254711000001", s, String(5000 + i)));
    expect(answers[0]).toBe("END PIN si sahihi. Umebaki na majaribio 4.");
    // A new PIN after a wrong one in the same session is refused unchecked, and counted.
    expect(answers.slice(1, 4)).toEqual([
      "END PIN si sahihi. Umebaki na majaribio 3.",
      "END PIN si sahihi. Umebaki na majaribio 2.",
      "END PIN si sahihi. Umebaki na jaribio 1.",
    ]);
    expect(answers[4]).toMatch(/^END Umekosea PIN mara nyingi\./);
    expect(new Set(answers.slice(4)).size).toBe(1);
    expect(await pinCounter(akinyi.id)).toMatchObject({ failures: 5, lockouts: 1 });

    expect(await dial("+254711000001", s, "1234")).toBe(answers[4]);
    expect(await dial("+254711000001", newSession(), "1234")).toBe(answers[4]);
    expect(await authenticateArtisan({ phone: "+254711000001", pin: "1234" })).toMatchObject({ ok: false, reason: "locked" });
  });

  it("refuses the right PIN in a session that already had a wrong one", async () => {
    const s = newSession();
    expect(await dial("+254711000001", s, "9999")).toBe("END PIN si sahihi. Umebaki na majaribio 4.");
    expect(await dial("+254711000001", s, "1234")).toBe("END PIN si sahihi. Umebaki na majaribio 3.");
    expect(await dial("+254711000001", newSession(), "1234")).toMatch(/^CON Soko - Akinyi\n/);
  });

  it("is locked by wrong PINs in the app, and its wrong PINs lock the app", async () => {
    for (let i = 0; i < 5; i++) await authenticateArtisan({ phone: "+254711000002", pin: "0000" });
    expect(await dial("+254711000002", newSession(), "")).toMatch(/^END Too many wrong PINs\. Try again after \d\d:\d\d/);
    expect(await dial("+254711000002", newSession(), "4321")).toMatch(/^END Too many wrong PINs\./);

    await db.delete(schema.authThrottles);
    for (let i = 0; i < 5; i++) await dial("+254711000002", newSession(), "0000");
    expect(await authenticateArtisan({ phone: "+254711000002", pin: "4321" })).toMatchObject({ ok: false, reason: "locked" });
  });

  it("tells an artisan without a PIN to set one in the app", async () => {
    await createArtisan(db, { firstName: "Wambui", phone: "+254711000003", language: "en" });
    expect(await dial("+254711000003", newSession(), "")).toBe("END You have not set a PIN yet. Set one in the Soko app, then dial again.");
  });
});

describe("who is calling", () => {
  it("answers an unknown or inactive number politely, in both languages, and ends", async () => {
    const polite = "END Samahani, nambari hii haijasajiliwa na Soko. / Sorry, this number is not registered with Soko.";
    expect(await dial("+254799999999", newSession(), "")).toBe(polite);
    expect(await dial("not-a-phone", newSession(), "1234*1")).toBe(polite);
    await createArtisan(db, { firstName: "Gone", phone: "+254711000004", active: false, pin: "1234" });
    expect(await dial("+254711000004", newSession(), "1234*3")).toBe(polite);
  });

  it("reads the number in the forms Africa's Talking and people use", async () => {
    for (const phone of ["+254711000001", "254711000001", "0711000001", "0711 000 001"]) {
      expect(await dial(phone, newSession(), "")).toBe("CON Karibu Soko, Akinyi.\nWeka PIN yako:");
    }
  });
});

describe("bad input", () => {
  it("shows the same screen with a note for an unknown option or non-digits", async () => {
    const s = newSession();
    expect(await dial("+254711000001", s, "1234*7")).toBe(
      "CON Chaguo si sahihi.\nSoko - Akinyi\n1. Kazi mpya\n2. Kazi yangu\n3. Salio\n4. Lugha/Language\n0. Toka",
    );
    expect(await dial("+254711000001", s, "1234*7*abc")).toMatch(/^CON Chaguo si sahihi\.\nSoko - Akinyi/);
    expect(await dial("+254711000001", s, "1234*7*abc*")).toMatch(/^CON Chaguo si sahihi\.\nSoko - Akinyi/);
    // After a wrong option the next answer still means what the screen shows.
    expect(await dial("+254711000001", s, "1234*7*abc**3")).toMatch(/^END Salio lako ni KES/);
    expect(await dial("+254711000001", s, "1234*1*99")).toMatch(/^CON Chaguo si sahihi\.\n/);
    expect(await dial("+254711000001", s, "1234*4*3")).toMatch(/^CON Chaguo si sahihi\.\nChagua lugha/);
  });

  it("ends an overlong conversation with a message", async () => {
    expect(await dial("+254711000001", newSession(), `1234*${"1*".repeat(80)}1`)).toBe("END Ujumbe ni mrefu mno. Tafadhali piga tena.");
  });

  it("answers a malformed callback with a 400 in plain text, and other methods with 405", async () => {
    const missing = await post({ sessionId: "x", serviceCode: "*384*76#", text: "" });
    expect(missing).toMatchObject({ status: 400, type: "text/plain; charset=utf-8" });
    expect(missing.body).toContain("phoneNumber: phoneNumber is required");
    expect((await post({ phoneNumber: "+254711000001", text: "" })).body).toMatch(
      /sessionId: sessionId is required\nserviceCode: serviceCode is required/,
    );
    const json = await post({ sessionId: "x", serviceCode: "*1#", phoneNumber: "+254711000001", text: "" }, USSD_URL, "application/json");
    expect(json.status).toBe(400);
    const get = await loader({ request: new Request("http://localhost/api/ussd"), params: {}, context: {} });
    expect(get.status).toBe(405);
  });

  it("accepts only callbacks carrying the token", async () => {
    const fields = { sessionId: newSession(), serviceCode: "*384*76#", phoneNumber: "+254711000001", text: "" };
    expect((await post(fields, "http://localhost/api/ussd")).status).toBe(403);
    expect((await post(fields, "http://localhost/api/ussd?token=wrong")).status).toBe(403);
    expect((await post(fields, `http://localhost/api/ussd?token=${TOKEN}x`)).status).toBe(403);
    expect(await post(fields)).toMatchObject({ status: 200, body: "CON Karibu Soko, Akinyi.\nWeka PIN yako:" });
  });
});
