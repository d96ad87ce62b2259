/** /ops/audit: admin only; filters by actor, action, subject and date; pages; CSV. */
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createStaff } from "#db/seed/factories";
import { loader as auditLoader } from "~/routes/ops.audit";
import { loader as auditCsvLoader } from "~/routes/ops.audit[.]csv";
import { db, schema } from "~/lib/db.server";
import { staffSessionCookie } from "./session-support";
import { call, get } from "./artisan-support";

async function cookie(roles: schema.StaffRole[], name?: string) {
  const staff = await createStaff(db, { roles, ...(name ? { name } : {}) });
  return { id: staff.id, cookie: await staffSessionCookie(staff.id) };
}

let admin: { id: number; cookie: string };
type Page = {
  log: {
    rows: Array<{ actor: string; staffName: string | null; action: string; subject: string; at: string }>;
    total: number;
    page: number;
    pageCount: number;
  };
  actions: string[];
  actors: Record<string, { name: string; kind: string; href: string | null }>;
};
const page = async (search: string, who = admin.cookie) => {
  const result = await call(auditLoader, get(`/ops/audit${search}`, who));
  return { status: result.status, body: result.body as unknown as Page, message: result.message };
};

beforeAll(async () => {
  admin = await cookie(["admin"], "Njeri Odhiambo");
  const rows: Array<typeof schema.auditLog.$inferInsert> = [
    {
      actor: `staff:${admin.id}`,
      action: "inventory.transfer",
      subject: "variant:EAR-0001",
      data: { quantity: 5 },
      at: new Date("2026-11-20T10:00:00Z"),
    },
    {
      actor: `staff:${admin.id}`,
      action: "inventory.count",
      subject: "variant:EAR-0002",
      data: { delta: -1 },
      at: new Date("2026-11-21T10:00:00Z"),
    },
    { actor: "job:payout_run", action: "payout.run", subject: "payout_run:7", data: {}, at: new Date("2026-11-23T03:00:00Z") },
    {
      actor: "staff:999",
      action: "order.refund",
      subject: "order:SK-100123",
      data: { amount: 4500 },
      at: new Date("2026-11-24T12:00:00Z"),
    },
    { actor: "staff:999", action: "inventoryx.other", subject: "variant:EAR-0003", data: {}, at: new Date("2026-11-24T13:00:00Z") },
  ];
  for (let i = 0; i < 60; i++)
    rows.push({
      actor: "anonymous",
      action: "staff.login_failed",
      subject: "staff-login:x@soko.test",
      data: { reason: "wrong_password" },
      at: new Date(Date.UTC(2026, 9, 1, 0, i)),
    });
  await db.insert(schema.auditLog).values(rows);
});

describe("/ops/audit", () => {
  it("is for admins only", async () => {
    for (const roles of [["ops"], ["finance"], ["cashier"], ["hub"], ["manager"]] as schema.StaffRole[][]) {
      expect((await page("", (await cookie(roles)).cookie)).status).toBe(403);
    }
  });

  it("lists newest first with staff names, 50 a page", async () => {
    const { status, body } = await page("");
    expect(status).toBe(200);
    expect(body.log.total).toBe(65);
    expect(body.log.pageCount).toBe(2);
    expect(body.log.rows).toHaveLength(50);
    expect(body.log.rows[0]).toMatchObject({ action: "inventoryx.other", staffName: null });
    expect(body.log.rows[3]).toMatchObject({
      action: "inventory.count",
      actor: `staff:${admin.id}`,
      staffName: "Njeri Odhiambo",
      at: "2026-11-21T10:00:00Z",
    });
    expect((await page("?page=2")).body.log.rows).toHaveLength(15);
    expect(body.actions).toContain("inventory.transfer");
  });

  it("past the last page still counts the log (an old link): 'No entries on this page' with links back, not 'Nothing recorded yet'", async () => {
    const past = await page("?page=7");
    expect(past.status).toBe(200);
    expect(past.body.log.rows).toEqual([]);
    expect(past.body.log.total).toBe(65);
    expect(past.body.log.pageCount).toBe(2);
    const filtered = await page(`?page=4&actor=staff:${admin.id}`);
    expect(filtered.body.log).toMatchObject({ rows: [], total: 2, pageCount: 1, page: 4 });
    expect((await page("?page=9&action=no.such")).body.log.total).toBe(0);
  });

  it("filters by actor (exact or a kind), action (exact or family), subject and dates", async () => {
    const actions = async (search: string) => (await page(search)).body.log.rows.map((r) => r.action);
    expect(await actions(`?actor=staff:${admin.id}`)).toEqual(["inventory.count", "inventory.transfer"]);
    expect(await actions("?actor=job:")).toEqual(["payout.run"]);
    expect(await actions("?action=inventory")).toEqual(["inventory.count", "inventory.transfer"]);
    expect(await actions("?action=inventory.transfer")).toEqual(["inventory.transfer"]);
    expect(await actions("?subject=SK-100123")).toEqual(["order.refund"]);
    expect(await actions("?subject=%25")).toEqual([]);
    expect(await actions("?from=2026-11-21&to=2026-11-23")).toEqual(["payout.run", "inventory.count"]);
    expect(await actions("?from=2026-11-24")).toEqual(["inventoryx.other", "order.refund"]);
  });

  it("refuses bad filters with a 400", async () => {
    expect((await page("?from=yesterday")).status).toBe(400);
    const reversed = await page("?from=2026-11-24&to=2026-11-01");
    expect(reversed.status).toBe(400);
    expect(reversed.message).toBe("The start date is after the end date.");
  });

  it("exports the filtered log as CSV", async () => {
    const response = (await auditCsvLoader({
      request: get("/ops/audit.csv?action=inventory", admin.cookie),
      params: {},
      context: {},
    })) as Response;
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    expect(response.headers.get("Content-Disposition")).toContain("soko-audit-log.csv");
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe("id,at_utc,actor,staff_name,action,subject,data");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`,2026-11-21T10:00:00Z,staff:${admin.id},Njeri Odhiambo,inventory.count,variant:EAR-0002,"{""delta"":-1}"`);
  });

  it("names each actor (artisans linked to their page) and reads its dates as Nairobi days", async () => {
    const { artisan } = await createArtisan(db, { firstName: "Nkirote", lastName: "Wambui" });
    // 22:30 UTC on the 26th is already 01:30 on the 27th in Nairobi.
    await db.insert(schema.auditLog).values([
      { actor: `artisan:${artisan.id}`, action: "zz.artisan_step", subject: "x", data: {}, at: new Date("2026-11-26T22:30:00Z") },
      { actor: "staff:999", action: "zz.gone_staff", subject: "x", data: {}, at: new Date("2026-11-26T20:30:00Z") },
    ]);
    const nairobi27 = await page("?action=zz&from=2026-11-27&to=2026-11-27");
    expect(nairobi27.body.log.rows.map((r) => r.action)).toEqual(["zz.artisan_step"]);
    expect((await page("?action=zz&to=2026-11-26")).body.log.rows.map((r) => r.action)).toEqual(["zz.gone_staff"]);
    expect(nairobi27.body.actors[`artisan:${artisan.id}`]).toMatchObject({
      name: "Nkirote Wambui",
      kind: "artisan",
      href: `/ops/artisans/${artisan.id}`,
    });
    const first = await page("");
    expect(first.body.actors[`staff:${admin.id}`]).toMatchObject({ name: "Njeri Odhiambo", kind: "staff" });
    expect(first.body.actors["staff:999"]).toMatchObject({ name: "Staff member #999" });
    expect(first.body.actors["job:payout_run"]).toMatchObject({ name: "Job: payout run", kind: "system" });
  });
});
