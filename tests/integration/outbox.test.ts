/** /ops/outbox: who may see it, the list with its filters and pages, and one message rendered. */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createStaff } from "#db/seed/factories";
import { queueEmail } from "~/domain/notifications/outbox.server";
import { action as detailAction, loader as detailLoader } from "~/routes/ops.outbox.$id";
import { loader as listLoader } from "~/routes/ops.outbox._index";
import { BASE, staffCookie } from "./staff-support";
import { db, schema } from "~/lib/db.server";

const cookies: Record<string, string> = {};

const signIn = staffCookie;

const get = (path: string, who: string) => new Request(`${BASE}${path}`, { headers: { Cookie: cookies[who] } });
const list = (search: string, who = "ops") => listLoader({ request: get(`/ops/outbox${search}`, who), params: {}, context: {} });
const detail = (id: string, who = "ops") => detailLoader({ request: get(`/ops/outbox/${id}`, who), params: { id }, context: {} });

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

let emailId: number;
let smsId: number;

beforeAll(async () => {
  await createStaff(db, { email: "ops@soko.test", roles: ["ops"] });
  await createStaff(db, { email: "admin@soko.test", roles: ["admin"] });
  await createStaff(db, { email: "cashier@soko.test", roles: ["cashier"] });
  for (const who of ["ops", "admin", "cashier"]) cookies[who] = await signIn(`${who}@soko.test`);

  // 30 shipped emails (two pages), one marked sent, and one SMS.
  for (let i = 1; i <= 30; i += 1) {
    const id = await db.transaction((tx) =>
      queueEmail(tx, {
        template: "order-shipped",
        to: `shopper${i}@example.test`,
        dedupeKey: `order-shipped:SK-${5000 + i}`,
        props: {
          orderNumber: `SK-${5000 + i}`,
          carrier: "DHL",
          trackingNumber: `T${i}`,
          statusUrl: `http://localhost:3000/orders/SK-${5000 + i}?t=s`,
        },
      }),
    );
    emailId = id!;
  }
  const [sms] = await db
    .insert(schema.outbox)
    .values({
      channel: "sms",
      to: "+254700000001",
      template: "production-offer",
      text: "Soko: new offer, 4 Mara hoops, KES 1,200. Reply 1 to accept.",
      dedupeKey: "sms:offer:1",
      status: "sent",
      attempts: 1,
      sentAt: new Date(),
    })
    .returning();
  smsId = sms.id;
});

describe("GET /ops/outbox", () => {
  it("is only for ops and admin", async () => {
    expect((await thrown(list("", "cashier"))).status).toBe(403);
    const anonymous = await thrown(listLoader({ request: new Request(`${BASE}/ops/outbox`), params: {}, context: {} }));
    expect(anonymous.headers.get("Location")).toBe("/ops/login?redirectTo=%2Fops%2Foutbox");
    expect((await list("", "admin")).total).toBe(31);
  });

  it("lists newest first, 25 a page", async () => {
    const first = await list("");
    expect(first).toMatchObject({ total: 31, page: 1, pageCount: 2 });
    expect(first.messages).toHaveLength(25);
    expect(first.messages[0]).toMatchObject({ id: smsId, channel: "sms", status: "sent" });
    expect(first.messages[1]).toMatchObject({
      id: emailId,
      channel: "email",
      to: "shopper30@example.test",
      subject: "Your Soko order SK-5030 is on its way",
      template: "order-shipped",
      status: "queued",
      attempts: 0,
      sentAt: null,
    });
    expect(first.messages[0]).not.toHaveProperty("html");
    const second = await list("?page=2");
    expect(second.messages).toHaveLength(6);
    expect(second.messages.at(-1)!.to).toBe("shopper1@example.test");
  });

  it("filters by channel and status", async () => {
    const sms = await list("?channel=sms&status=");
    expect(sms.total).toBe(1);
    expect(sms.messages[0].id).toBe(smsId);
    const queuedEmail = await list("?channel=email&status=queued");
    expect(queuedEmail.total).toBe(30);
    expect((await list("?status=failed")).total).toBe(0);
  });

  it("answers a bad filter with 400 and a message", async () => {
    const res = await thrown(list("?status=lost"));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Unknown status filter.");
    expect((await thrown(list("?page=-1"))).status).toBe(400);
  });
});

describe("GET /ops/outbox/:id", () => {
  it("shows the email with its HTML (links leave the frame) and its text part", async () => {
    const { message } = await detail(String(emailId));
    expect(message).toMatchObject({ id: emailId, channel: "email", to: "shopper30@example.test", status: "queued" });
    expect(message.previewHtml).toMatch(/<head[^>]*><base target="_top">/);
    expect(message.previewHtml).toContain('href="http://localhost:3000/orders/SK-5030?t=s"');
    expect(message.text).toContain("Track your order");
  });

  it("shows an SMS as its text", async () => {
    const { message } = await detail(String(smsId));
    expect(message).toMatchObject({
      channel: "sms",
      previewHtml: null,
      text: "Soko: new offer, 4 Mara hoops, KES 1,200. Reply 1 to accept.",
    });
  });

  it("is 404 for a message that does not exist or a malformed id, and 403 for a cashier", async () => {
    expect((await thrown(detail("999999"))).status).toBe(404);
    expect((await thrown(detail("abc"))).status).toBe(404);
    expect((await thrown(detail(String(emailId), "cashier"))).status).toBe(403);
  });
});

describe("POST /ops/outbox/:id (send again)", () => {
  const post = (id: number, who: string, intent = "retry") =>
    detailAction({
      request: new Request(`${BASE}/ops/outbox/${id}`, {
        method: "POST",
        headers: { Cookie: cookies[who] },
        body: new URLSearchParams({ intent }),
      }),
      params: { id: String(id) },
      context: {},
    });
  const jobsFor = async (id: number) =>
    [...(await db.execute(sql`select 1 from graphile_worker._private_jobs where key = ${`send_email:${id}`}`))].length;

  it("puts a failed email back in the queue with a fresh job, and records who did it", async () => {
    await db.execute(sql`delete from graphile_worker._private_jobs where key = ${`send_email:${emailId}`}`);
    await db.update(schema.outbox).set({ status: "failed", attempts: 10, lastError: "provider down" }).where(eq(schema.outbox.id, emailId));

    expect((await thrown(post(emailId, "cashier"))).status).toBe(403);
    expect(await jobsFor(emailId)).toBe(0);

    const res = (await post(emailId, "ops")) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/ops/outbox/${emailId}`);
    const [row] = await db.select().from(schema.outbox).where(eq(schema.outbox.id, emailId));
    expect(row).toMatchObject({ status: "queued", attempts: 10 });
    expect(await jobsFor(emailId)).toBe(1);
    const audit = await db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.subject, `outbox:${emailId}`));
    expect(audit).toMatchObject([{ action: "outbox.retry", actor: expect.stringMatching(/^staff:\d+$/) }]);
  });

  it("refuses to send again an email that is not failed, or an SMS", async () => {
    const again = (await post(emailId, "ops")) as unknown as { init: { status: number }; data: { error: string } };
    expect(again.init.status).toBe(409);
    expect(again.data.error).toBe("Only a failed email can be sent again.");
    expect(await jobsFor(emailId)).toBe(1);
    const sms = (await post(smsId, "ops")) as unknown as { init: { status: number } };
    expect(sms.init.status).toBe(409);
    const bad = (await post(emailId, "ops", "delete")) as unknown as { init: { status: number } };
    expect(bad.init.status).toBe(400);
  });
});
