/**
 * The 846 inventory advice on the real database: per item in the partner's cross-reference, the
 * pieces on hand and not reserved (an 850 reserved some first) and a week of the artisans' work with
 * the day it could ship; parsed strictly with node-x12 (SE/GE/IEA counted as it reads). Sent now
 * from ops only to partners expecting it, and on schedule once a day at the partner's own time,
 * once even when two workers run together.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { receiveInterchange, sendInventoryAdvice, sendScheduledAdvice } from "~/domain/edi/index.server";
import { sample850 } from "~/domain/edi/samples";
import { db, schema } from "~/lib/db.server";
import { ITEM_MADE, SOKO, STORE, UPC_STOCKED, daysFrom, documentsOf, parseStrict, setUpPartner, ymd } from "./edi-support";

const now = new Date();
let setup: Awaited<ReturnType<typeof setUpPartner>>;

beforeAll(async () => {
  setup = await setUpPartner({ handle: "advice", stock: 40 });
  await receiveInterchange({
    raw: sample850({
      from: STORE,
      to: SOKO,
      control: 900,
      poNumber: "ADV-1",
      poDate: ymd(now),
      shipTo: { code: "0588" },
      lines: [{ qty: 24, ids: [["UP", UPC_STOCKED]] }],
    }),
    source: "upload",
    actor: "staff:1",
    now,
  });
});

/** What the database says is free for wholesale: on hand minus reserved at the web stock locations. */
async function freeInDb(variantId: number) {
  const [row] = await db
    .select({ free: sql<number>`sum(${schema.inventoryLevels.onHand} - ${schema.inventoryLevels.reserved})::int` })
    .from(schema.inventoryLevels)
    .innerJoin(schema.locations, eq(schema.locations.id, schema.inventoryLevels.locationId))
    .where(and(eq(schema.inventoryLevels.variantId, variantId), inArray(schema.locations.code, ["US-FC", "NBO-HUB"])));
  return Number(row.free);
}

describe("846 inventory advice", () => {
  it("is refused for a partner that does not expect it", async () => {
    const result = await sendInventoryAdvice(setup.partner.id, "staff:1", now);
    expect(result).toMatchObject({ ok: false, status: 409 });
    expect(await documentsOf(setup.partner.id, "846")).toEqual([]);
  });

  it("lists each cross-referenced item with its free stock and what the artisans can make by when", async () => {
    await db
      .update(schema.ediPartners)
      .set({ documentsOut: ["997", "855", "846"] })
      .where(eq(schema.ediPartners.id, setup.partner.id));
    const result = await sendInventoryAdvice(setup.partner.id, "staff:1", now);
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/2 items/) });
    const [doc] = await documentsOf(setup.partner.id, "846");
    expect(doc.ackDueAt).not.toBeNull();
    const ix = parseStrict(doc.raw);
    expect(ix.gs[0]).toBe("IB");
    const set = ix.sets[0];
    expect(set.st[0]).toBe("846");
    expect(set.se[0]).toBe(String(set.segments.length + 2));
    expect(ix.ge[0]).toBe("1");
    expect(Number(ix.iea[1])).toBe(doc.controlNumber);
    const [bia] = set.segments;
    expect(bia.slice(0, 3)).toEqual(["BIA", "00", "SI"]);
    expect(bia[4]).toBe(ymd(now));
    // Each item: LIN, PID, QTY+DTM now, and (made to order) QTY+DTM when the artisans could ship it.
    const items: Array<{ lin: string[]; qty: string[][] }> = [];
    for (const s of set.segments.slice(1, -1)) {
      if (s[0] === "LIN") items.push({ lin: s, qty: [] });
      else if (s[0] === "QTY" || s[0] === "DTM") items.at(-1)!.qty.push(s);
    }
    expect(set.segments.at(-1)).toEqual(["CTT", "2"]);
    const stocked = items.find((i) => i.lin.includes(UPC_STOCKED))!;
    const made = items.find((i) => i.lin.includes(ITEM_MADE))!;
    expect(stocked.lin.slice(1, 4)).toEqual(["", "UP", UPC_STOCKED]);
    const free = await freeInDb(setup.stocked.id);
    expect(free).toBe(16);
    expect(stocked.qty.slice(0, 2)).toEqual([
      ["QTY", "33", String(free), "EA"],
      ["DTM", "018", ymd(now)],
    ]);
    expect(made.qty[0]).toEqual(["QTY", "33", "0", "EA"]);
    // Wanjiru, the one artisan with the skill, makes 40 a week: a week's work, dated by the plan.
    expect(made.qty[2]).toEqual(["QTY", "33", "40", "EA"]);
    expect(made.qty[3][0]).toBe("DTM");
    expect(made.qty[3][2] > ymd(now)).toBe(true);
    expect(made.qty[3][2] <= ymd(daysFrom(now, 30))).toBe(true);
  });

  it("goes on schedule once a day at the partner's time, once even when two runs race", async () => {
    await db
      .update(schema.ediPartners)
      .set({ adviceAt: "06:00", adviceTimeZone: "America/New_York", lastAdviceOn: null })
      .where(eq(schema.ediPartners.id, setup.partner.id));
    const before = (await documentsOf(setup.partner.id, "846")).length;
    // 05:30 in New York: not yet.
    expect(await sendScheduledAdvice(new Date("2026-12-07T10:30:00Z"))).toEqual([]);
    // 06:15 in New York: due; two workers at once send one.
    const at = new Date("2026-12-07T11:15:00Z");
    const runs = await Promise.all([sendScheduledAdvice(at), sendScheduledAdvice(at)]);
    expect(runs.flat()).toEqual([{ partnerId: setup.partner.id, items: 2 }]);
    expect(await sendScheduledAdvice(new Date("2026-12-07T20:00:00Z"))).toEqual([]);
    const [partner] = await db.select().from(schema.ediPartners).where(eq(schema.ediPartners.id, setup.partner.id));
    expect(partner.lastAdviceOn).toBe("2026-12-07");
    // The next morning, again.
    expect(await sendScheduledAdvice(new Date("2026-12-08T11:01:00Z"))).toHaveLength(1);
    expect((await documentsOf(setup.partner.id, "846")).length).toBe(before + 2);
  });
});
