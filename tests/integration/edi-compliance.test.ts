/**
 * A partner's compliance from what is on record, on the real database: 855s delivered within a day
 * of their PO (a held PO with none counts late; a PO our 997 rejected is not a PO), 856s delivered
 * before the shipment arrived, rejections both ways, and documents still without their 997 after the
 * partner's window — flagged in the document log and on the document's page too.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { compliance, documentDetail, receiveInterchange, sentLog } from "~/domain/edi/index.server";
import { body850, envelope, sample850 } from "~/domain/edi/samples";
import { db, schema } from "~/lib/db.server";
import { SOKO, STORE, UPC_STOCKED, documentsOf, setUpPartner, ymd } from "./edi-support";

const now = new Date();
const hours = (h: number, from = now) => new Date(from.getTime() + h * 3_600_000);
const received = hours(-240); // ten days ago
let setup: Awaited<ReturnType<typeof setUpPartner>>;
let control = 700;

async function po(poNumber: string, at: Date, ids: Array<[string, string]> = [["UP", UPC_STOCKED]]) {
  const result = await receiveInterchange({
    raw: sample850({
      from: STORE,
      to: SOKO,
      control: ++control,
      poNumber,
      poDate: ymd(at),
      shipTo: { code: "0588" },
      lines: [{ qty: 24, ids }],
    }),
    source: "upload",
    actor: "staff:1",
    now: at,
  });
  expect(result.ok).toBe(true);
  const [row] = await db
    .select({ id: schema.orders.id })
    .from(schema.wholesaleOrders)
    .innerJoin(schema.orders, eq(schema.orders.id, schema.wholesaleOrders.orderId))
    .where(and(eq(schema.wholesaleOrders.retailerId, setup.retailer.id), eq(schema.wholesaleOrders.poNumber, poNumber)));
  const [ack] = (await documentsOf(setup.partner.id, "855")).filter((d) => d.reference === `PO ${poNumber}`);
  return { orderId: row?.id ?? null, ack };
}
const setDoc = (id: number, values: Partial<typeof schema.ediDocuments.$inferInsert>) =>
  db.update(schema.ediDocuments).set(values).where(eq(schema.ediDocuments.id, id));
async function asn(orderId: number, values: Partial<typeof schema.ediDocuments.$inferInsert>) {
  const [row] = await db
    .insert(schema.ediDocuments)
    .values({ partnerId: setup.partner.id, type: "856", controlNumber: ++control * 10, raw: "ISA~", orderId, ...values })
    .returning();
  return row;
}

let overdueIds: number[] = [];

beforeAll(async () => {
  setup = await setUpPartner({ handle: "compliance" });
  const a = await po("CO-A", received);
  const b = await po("CO-B", received);
  await po("CO-C", received, [["IN", "NOBODY-KNOWS"]]); // held: no 855 yet
  const old = await po("CO-OLD", hours(-24 * 100)); // outside the 90 days
  // A broken 850 (PO102 not a number): our 997 rejects the set.
  const broken = body850({ poNumber: "CO-BAD", poDate: ymd(received), lines: [{ qty: 1, ids: [["UP", UPC_STOCKED]] }] }).map((s) =>
    s.startsWith("PO1") ? s.replace("PO1*1*1*", "PO1*1*X*") : s,
  );
  const bad = await receiveInterchange({
    raw: envelope({
      from: STORE,
      to: SOKO,
      control: ++control,
      date: ymd(received),
      functionalId: "PO",
      sets: [{ type: "850", body: broken }],
    }),
    source: "upload",
    actor: "staff:1",
    now: received,
  });
  expect(bad).toMatchObject({ ok: true, status: "rejected" });

  await setDoc(a.ack.id, { status: "acknowledged", sentAt: hours(1, received), acknowledgedAt: hours(3, received) });
  await setDoc(b.ack.id, { status: "sent", sentAt: hours(30, received) }); // late, and no 997: overdue
  await setDoc(old.ack.id, { status: "acknowledged", sentAt: hours(1, hours(-24 * 100)) });
  // Ship notices: A's before its shipment arrived, B's after, and one not delivered yet.
  await db.insert(schema.shipments).values([
    { orderId: a.orderId!, carrier: "UPS", trackingNumber: "1Z1", shippedAt: hours(40, received), deliveredAt: hours(120, received) },
    { orderId: b.orderId!, carrier: "UPS", trackingNumber: "1Z2", shippedAt: hours(40, received), deliveredAt: hours(100, received) },
  ]);
  await asn(a.orderId!, {
    status: "acknowledged",
    sentAt: hours(41, received),
    createdAt: hours(41, received),
    ackDueAt: hours(65, received),
  });
  const late = await asn(b.orderId!, {
    status: "sent",
    sentAt: hours(110, received),
    createdAt: hours(41, received),
    ackDueAt: hours(65, received),
  });
  await asn(b.orderId!, { status: "pending", createdAt: hours(-1), ackDueAt: hours(23) });
  await asn(a.orderId!, { status: "rejected", sentAt: hours(42, received), createdAt: hours(42, received), ackDueAt: hours(66, received) });
  overdueIds = [b.ack.id, late.id].sort();
});

describe("partner compliance", () => {
  it("counts 855s on time per PO, 856s before arrival, rejections both ways and overdue 997s", async () => {
    const [c] = await compliance({ partnerId: setup.partner.id, now });
    expect(c).toEqual({
      id: setup.partner.id,
      name: setup.partner.name,
      pos: 3,
      acks_on_time: 1,
      asns: 4,
      asns_on_time: 1,
      rejected_in: 1,
      rejected_out: 1,
      overdue: 2,
      expects_855: true,
    });
    // A partner that never asked for 855s is not late with POs it has no 855 for.
    const [profile] = await db.select().from(schema.ediPartners).where(eq(schema.ediPartners.id, setup.partner.id));
    await db
      .update(schema.ediPartners)
      .set({ documentsOut: profile.documentsOut.filter((d) => d !== "855") })
      .where(eq(schema.ediPartners.id, setup.partner.id));
    expect(await compliance({ partnerId: setup.partner.id, now })).toMatchObject([{ pos: 0, acks_on_time: 0, expects_855: false }]);
    await db.update(schema.ediPartners).set({ documentsOut: profile.documentsOut }).where(eq(schema.ediPartners.id, setup.partner.id));
    // 85 days on, those POs are more than 90 days old: nothing left to measure.
    const [later] = await compliance({ partnerId: setup.partner.id, now: hours(24 * 85) });
    expect(later.pos).toBe(0);
  });

  it("flags the overdue documents in the log, filters to them, and says so on the document", async () => {
    const all = await sentLog({ partnerId: setup.partner.id, page: 1 });
    const flagged = all.rows.filter((r) => r.overdue).map((r) => r.id);
    expect(flagged.sort()).toEqual(overdueIds);
    const only = await sentLog({ partnerId: setup.partner.id, overdue: true, page: 1 });
    expect(only.rows.map((r) => r.id).sort()).toEqual(overdueIds);
    expect(only.total).toBe(2);
    expect((await documentDetail(overdueIds[0]))?.overdue).toBe(true);
    const acknowledged = all.rows.find((r) => r.status === "acknowledged")!;
    expect((await documentDetail(acknowledged.id))?.overdue).toBe(false);
  });
});
