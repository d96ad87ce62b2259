/**
 * SMS artisans send to Soko's short code, through POST /api/sms/inbound as Africa's Talking posts
 * them (form-encoded from, to, text, date, id). Replies go through the SMS outbox.
 */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createProduct } from "#db/seed/factories";
import { action, loader } from "~/routes/api.sms.inbound";
import { advanceRequest } from "~/domain/production/requests.server";
import { ACCOUNT_CODES, postEntry } from "~/domain/ledger/ledger.server";
import { db, schema } from "~/lib/db.server";

const { productionRequests: requests, productionEvents: events, outbox } = schema;

let variantId: number;
let akinyi: schema.Artisan; // sw
let otieno: schema.Artisan; // en
let ids = 0;

/** The token Africa's Talking's callback URL carries (set for every test file in tests/setup). */
const TOKEN = process.env.AT_CALLBACK_TOKEN!;

async function post(fields: Record<string, string>, url = `http://localhost/api/sms/inbound?token=${encodeURIComponent(TOKEN)}`) {
  const request = new Request(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  const response = await action({ request, params: {}, context: {} });
  return { status: response.status, body: await response.text() };
}

const inbound = (from: string, text: string, id = `ATXid_in_${++ids}`) =>
  post({ from, to: "22384", text, date: "2026-12-01 10:15:00", id, linkId: "link-1" }).then((r) => ({ ...r, id }));

async function replyTo(id: string) {
  return db
    .select()
    .from(outbox)
    .where(eq(outbox.dedupeKey, `sms-in:${id}`));
}

async function offer(artisanId: number) {
  return db.transaction(async (tx) => {
    const [{ next }] = await tx.execute<{ next: string }>(sql`select nextval('production_request_numbers')::text as next`);
    const [row] = await tx
      .insert(requests)
      .values({ number: `PR-${next}`, variantId, quantity: 3, pieceRate: 50_000, dueDate: "2030-12-12", status: "unassigned" })
      .returning();
    await advanceRequest(tx, row.id, "offered", "dispatch", { artisanId, offerExpiresAt: new Date(Date.now() + 86_400_000) });
    return row;
  });
}

const status = async (id: number) =>
  (await db.select({ status: requests.status, artisanId: requests.artisanId }).from(requests).where(eq(requests.id, id)))[0];

beforeAll(async () => {
  variantId = (await createProduct(db, { title: "Bone Cuff", status: "active" })).variants[0].id;
  akinyi = (await createArtisan(db, { firstName: "Akinyi", phone: "+254722000001", language: "sw", pin: "1234" })).artisan;
  otieno = (await createArtisan(db, { firstName: "Otieno", phone: "+254722000002", language: "en", pin: "4321" })).artisan;
});

describe("SALIO / BALANCE", () => {
  it("replies with the balance in the keyword's language, through the SMS outbox and its job", async () => {
    await postEntry(db, {
      kind: "qc_credit",
      reference: "test:sms-balance",
      lines: [
        { accountCode: ACCOUNT_CODES.productionCost, amount: 125_000, currency: "KES" },
        { accountCode: ACCOUNT_CODES.artisanPayable(akinyi.id), amount: -125_000, currency: "KES" },
      ],
    });
    const sw = await inbound("+254722000001", "Salio");
    expect(sw).toMatchObject({ status: 200, body: "replied" });
    const [row] = await replyTo(sw.id);
    expect(row).toMatchObject({
      channel: "sms",
      to: "+254722000001",
      status: "queued",
      template: "sms-reply:balance",
      text: "Soko: Salio lako ni KES 1,250. Bado hujapokea malipo.",
    });
    const [job] = await db.execute<{ key: string }>(
      sql`select j.key from graphile_worker._private_jobs j where j.key = ${`send_sms:${row.id}`}`,
    );
    expect(job).toBeDefined();

    const en = await inbound("254722000001", "BALANCE");
    expect((await replyTo(en.id))[0].text).toBe("Soko: Your balance is KES 1,250. No payments yet.");
  });

  it("replies once to a message Africa's Talking delivers twice, even at the same moment", async () => {
    const first = await inbound("+254722000002", "balance", "ATXid_dupe");
    expect(first.body).toBe("replied");
    expect((await inbound("+254722000002", "balance", "ATXid_dupe")).body).toBe("duplicate");
    const together = await Promise.all([1, 2, 3].map(() => inbound("+254722000002", "balance", "ATXid_dupe_together")));
    expect(together.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await replyTo("ATXid_dupe")).toHaveLength(1);
    expect(await replyTo("ATXid_dupe_together")).toHaveLength(1);
  });
});

describe("KUBALI / ACCEPT", () => {
  it("accepts the artisan's own offer once, and a redelivery neither accepts nor replies again", async () => {
    const mine = await offer(akinyi.id);
    const message = await inbound("0722000001", `kubali ${mine.number.toLowerCase()}`);
    expect(message.body).toBe("replied");
    expect(await status(mine.id)).toEqual({ status: "accepted", artisanId: akinyi.id });
    expect((await replyTo(message.id))[0].text).toBe(`Soko: Umekubali ${mine.number}: 3x Bone Cuff, tarehe 12 Des. Asante!`);

    expect((await inbound("0722000001", `kubali ${mine.number}`, message.id)).body).toBe("duplicate");
    const acceptedEvents = await db
      .select()
      .from(events)
      .where(and(eq(events.requestId, mine.id), eq(events.toStatus, "accepted")));
    expect(acceptedEvents).toHaveLength(1);
    expect(acceptedEvents[0].actor).toBe(`artisan:${akinyi.id}:sms:${message.id}`);

    // A new message about the same offer: already accepted.
    const again = await inbound("0722000001", `KUBALI ${mine.number}`);
    expect((await replyTo(again.id))[0].text).toBe(`Soko: Tayari umekubali ${mine.number}.`);
  });

  it("never accepts another artisan's offer, and does not say whose it is", async () => {
    const his = await offer(otieno.id);
    const attempt = await inbound("+254722000001", `ACCEPT ${his.number}`);
    expect((await replyTo(attempt.id))[0].text).toBe(`Soko: We found no offer ${his.number} for you.`);
    expect(await status(his.id)).toEqual({ status: "offered", artisanId: otieno.id });
    const missing = await inbound("+254722000001", "KUBALI PR-999999");
    expect((await replyTo(missing.id))[0].text).toBe("Soko: Hatukupata kazi PR-999999 kwako.");
  });

  it("refuses a forged 'ACCEPT PR-…' posted without the callback token: the offer stays offered, nothing is sent", async () => {
    const hers = await offer(akinyi.id);
    const fields = { from: "+254722000001", to: "22384", text: `KUBALI ${hers.number}`, date: "2026-12-01 10:15:00", id: "ATXid_forged" };
    for (const url of ["http://localhost/api/sms/inbound", "http://localhost/api/sms/inbound?token="]) {
      expect(await post(fields, url)).toEqual({ status: 403, body: "Forbidden" });
    }
    expect(await status(hers.id)).toEqual({ status: "offered", artisanId: akinyi.id });
    expect(await replyTo("ATXid_forged")).toEqual([]);
  });
});

describe("anything else", () => {
  it("answers with the help text in the artisan's language", async () => {
    const sw = await inbound("+254722000001", "Habari, nataka kazi");
    expect((await replyTo(sw.id))[0].text).toBe(
      "Soko: Tuma SALIO kuona salio lako, au KUBALI PR-12345 kukubali kazi. Piga *384*76# kwa menyu.",
    );
    const en = await inbound("+254722000002", "");
    expect((await replyTo(en.id))[0].text).toBe(
      "Soko: Send BALANCE for your balance, or ACCEPT PR-12345 to accept an offer. Dial *384*76# for the menu.",
    );
  });

  it("does not reply to numbers that are not an active artisan", async () => {
    const stranger = await inbound("+254799000000", "SALIO");
    expect(stranger).toMatchObject({ status: 200, body: "ignored" });
    await createArtisan(db, { firstName: "Gone", phone: "+254722000009", active: false });
    expect((await inbound("+254722000009", "SALIO")).body).toBe("ignored");
    expect((await inbound("garbage", "SALIO")).body).toBe("ignored");
    expect(await replyTo(stranger.id)).toHaveLength(0);
  });

  it("answers a malformed callback with a 400 in plain text, other methods with 405, and checks the token when set", async () => {
    const missing = await post({ from: "+254722000001", text: "SALIO" });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain("to: to is required");
    expect(missing.body).toContain("id: id is required");
    expect((await loader({ request: new Request("http://localhost/api/sms/inbound"), params: {}, context: {} })).status).toBe(405);

    const fields = { from: "+254722000001", to: "22384", text: "SALIO", date: "2026-12-01", id: "ATXid_token" };
    expect((await post(fields, "http://localhost/api/sms/inbound")).status).toBe(403);
    expect((await post(fields, "http://localhost/api/sms/inbound?token=wrong")).status).toBe(403);
    expect(await post(fields)).toMatchObject({ status: 200, body: "replied" });
  });
});
