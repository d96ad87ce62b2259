/**
 * The doors and the way out: the partner's HTTP endpoint (bearer token per partner, compared in
 * constant time; another partner's token cannot send as this one), the watched inbox folder (read,
 * then moved to processed/ or failed/ with its reason), and delivery of what we send to the outbox
 * folder and by POST (a failure is recorded and thrown so graphile-worker retries; the last attempt
 * marks it failed), with the partner's 997 marking our document acknowledged or rejected.
 */
import { mkdir, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDocument, issueInboundToken, receiveInterchange, scanInbox } from "~/domain/edi/index.server";
import { envelope, sample850 } from "~/domain/edi/samples";
import { action } from "~/routes/api.edi.inbound";
import { db, schema } from "~/lib/db.server";
import { SOKO, STORE, UPC_STOCKED, daysFrom, documentsOf, parseStrict, setUpPartner, ymd } from "./edi-support";

const now = new Date();
const today = ymd(now);
let setup: Awaited<ReturnType<typeof setUpPartner>>;
let other: Awaited<ReturnType<typeof setUpPartner>>;
let root: string;
let server: Server;
let posted: Array<{ body: string; type: string | undefined }> = [];
let answer = 200;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "soko-edi-"));
  process.env.EDI_DIR = root;
  setup = await setUpPartner();
  other = await setUpPartner({ handle: "other", party: { qualifier: "ZZ", id: "OTHERSTORE", gsId: "OTHERSTORE" } });
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      posted.push({ body, type: req.headers["content-type"] });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const po = (control: number, poNumber: string, from = STORE) =>
  sample850({
    from,
    to: SOKO,
    control,
    poNumber,
    poDate: today,
    shipNotBefore: ymd(daysFrom(now, 1)),
    shipTo: { code: "0588" },
    lines: [{ qty: 24, ids: [["UP", UPC_STOCKED]] }],
  });
const post = (body: string, authorization?: string) =>
  action({
    request: new Request("http://x/api/edi/inbound", {
      method: "POST",
      body,
      headers: authorization ? { Authorization: authorization } : {},
    }),
    params: {},
    context: {},
  });

describe("POST /api/edi/inbound", () => {
  it("takes the partner's interchange with its token and answers what became of each set", async () => {
    const token = (await issueInboundToken(setup.partner.id, "staff:1"))!;
    const response = await post(po(401, "HT-1"), `Bearer ${token}`);
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({
      duplicate: false,
      status: "accepted",
      sets: [{ type: "850", status: "ordered", poNumber: "HT-1" }],
    });
    const again = await post(po(401, "HT-1"), `Bearer ${token}`);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
  });

  it("refuses a missing, malformed, wrong or replaced token (401), and another partner's token for this partner's ISA (403)", async () => {
    const old = (await issueInboundToken(other.partner.id, "staff:1"))!;
    const token = (await issueInboundToken(other.partner.id, "staff:1"))!;
    expect((await post(po(402, "HT-2"))).status).toBe(401);
    expect((await post(po(402, "HT-2"), "Bearer nonsense")).status).toBe(401);
    expect((await post(po(402, "HT-2"), `Bearer ${token.slice(0, -2)}xx`)).status).toBe(401);
    expect((await post(po(402, "HT-2"), `Bearer ${old}`)).status).toBe(401);
    const forged = await post(po(402, "HT-2"), `Bearer ${token}`);
    expect(forged.status).toBe(403);
    const stored = await db.select().from(schema.ediInterchanges).where(eq(schema.ediInterchanges.controlNumber, "402"));
    expect(stored).toHaveLength(0);
    expect(
      (await action({ request: new Request("http://x/api/edi/inbound", { method: "PUT", body: "x" }), params: {}, context: {} })).status,
    ).toBe(405);
  });
});

describe("the watched inbox", () => {
  it("reads each file as its folder's partner, then moves it to processed/ or failed/ with the reason", async () => {
    const dir = path.join(root, "inbox", "grand");
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "po-501.x12"), po(501, "IN-1"));
    await writeFile(path.join(dir, "junk.txt"), "not x12");
    await writeFile(path.join(dir, "other.x12"), po(502, "IN-2", { qualifier: "ZZ", id: "OTHERSTORE", gsId: "OTHERSTORE" }));
    const done = await scanInbox(now);
    expect(done).toEqual([
      { file: "junk.txt", result: expect.stringMatching(/^refused: The file does not start with an ISA/) },
      { file: "other.x12", result: expect.stringMatching(/^refused: The ISA sender is not the partner/) },
      { file: "po-501.x12", result: "accepted" },
    ]);
    expect((await readdir(path.join(dir, "processed"))).sort()).toEqual(["po-501.x12"]);
    expect((await readdir(path.join(dir, "failed"))).sort()).toEqual([
      "junk.txt",
      "junk.txt.reason.txt",
      "other.x12",
      "other.x12.reason.txt",
    ]);
    expect(await scanInbox(now)).toEqual([]);
  });
});

describe("delivery", () => {
  it("writes each document into the partner's outbox folder and POSTs it to its endpoint; a 997 from the partner acknowledges it", async () => {
    await db
      .update(schema.ediPartners)
      .set({ endpointUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/edi` })
      .where(eq(schema.ediPartners.id, setup.partner.id));
    posted = [];
    const [poAck] = await documentsOf(setup.partner.id, "855");
    expect(await deliverDocument({ documentId: poAck.id })).toBe("sent");
    const file = `855-${String(poAck.controlNumber).padStart(9, "0")}.x12`;
    expect(await readFile(path.join(root, "outbox", "grand", file), "utf8")).toBe(poAck.raw);
    expect(posted).toEqual([{ body: poAck.raw, type: "application/edi-x12" }]);
    const [sent] = await db.select().from(schema.ediDocuments).where(eq(schema.ediDocuments.id, poAck.id));
    expect(sent).toMatchObject({ status: "sent", attempts: 1, lastError: null });

    // The partner's 997 for our 855's group: AK1*PR*<our GS06>, AK9 A.
    const fa = envelope({
      from: STORE,
      to: SOKO,
      control: 601,
      date: today,
      functionalId: "FA",
      sets: [{ type: "997", body: [`AK1*PR*${poAck.controlNumber}`, "AK2*855*0001", "AK5*A", "AK9*A*1*1*1"] }],
    });
    const before = (await documentsOf(setup.partner.id, "997")).length;
    expect(await receiveInterchange({ raw: fa, source: "http", actor: "x", now })).toMatchObject({ ok: true, status: "accepted" });
    const [acked] = await db.select().from(schema.ediDocuments).where(eq(schema.ediDocuments.id, poAck.id));
    expect(acked.status).toBe("acknowledged");
    // Nobody acknowledges an acknowledgement.
    expect((await documentsOf(setup.partner.id, "997")).length).toBe(before);
    expect(parseStrict(poAck.raw).gs[5]).toBe(String(poAck.controlNumber));
  });

  it("a failed POST is recorded and thrown for graphile-worker to retry; the last attempt marks the document failed", async () => {
    answer = 503;
    const [first] = await documentsOf(setup.partner.id, "997");
    await expect(deliverDocument({ documentId: first.id, attempt: 1, maxAttempts: 3 })).rejects.toThrow(/answered 503/);
    let [row] = await db.select().from(schema.ediDocuments).where(eq(schema.ediDocuments.id, first.id));
    expect(row).toMatchObject({ status: "pending", lastError: expect.stringMatching(/answered 503/) });
    await expect(deliverDocument({ documentId: first.id, attempt: 3, maxAttempts: 3 })).rejects.toThrow();
    [row] = await db.select().from(schema.ediDocuments).where(eq(schema.ediDocuments.id, first.id));
    expect(row).toMatchObject({ status: "failed", attempts: 2 });
    answer = 200;
    expect(await deliverDocument({ documentId: first.id })).toBe("sent");
  });

  it("every document we wrote has its delivery job queued with retries", async () => {
    const jobs = await db.execute<{ max_attempts: number; key: string }>(sql`
      select j.max_attempts, j.key from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'edi_deliver'`);
    const docs = await documentsOf(setup.partner.id);
    expect([...jobs].filter((j) => docs.some((d) => j.key === `edi_deliver:${d.id}`)).length).toBe(docs.length);
    expect([...jobs].every((j) => j.max_attempts === 10)).toBe(true);
  });
});
