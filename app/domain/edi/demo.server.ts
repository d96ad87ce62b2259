/**
 * The demo's sample interchanges (a fresh `npm start`): Hollis & Vane's 850s dropped into its inbox
 * folder, which the worker reads within a minute — one well-formed PO (an order: stock reserved, the
 * necklaces the hub lacks to production, 997 and 855 out), the same file sent twice (nothing changes), and one with an
 * item number nobody mapped (held under /ops/edi/errors until the cross-reference is fixed) — and
 * Brightline TV Shopping's drop-ship 850 (a viewer's order, from the hub's shelf, in Brightline's name).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { db, schema } from "~/lib/db.server";
import { ediRoot, FOLDER_NAME } from "./deliver.server";
import { sample850, sampleDropShip850 } from "./samples";

const ymd = (d: Date) => d.toISOString().slice(0, 10).replaceAll("-", "");

export async function dropDemoInterchanges(now = new Date()): Promise<string[]> {
  const [partner] = await db.select().from(schema.ediPartners).where(eq(schema.ediPartners.theirId, "HOLLISVANE"));
  if (!partner?.folder || !FOLDER_NAME.test(partner.folder)) return [];
  const refs = await db
    .select({ value: schema.ediItemRefs.value })
    .from(schema.ediItemRefs)
    .where(and(eq(schema.ediItemRefs.partnerId, partner.id), eq(schema.ediItemRefs.qualifier, "IN")))
    .orderBy(asc(schema.ediItemRefs.id))
    .limit(3);
  if (refs.length < 3) return [];
  const from = { qualifier: partner.theirQualifier, id: partner.theirId, gsId: partner.theirGsId };
  const to = { qualifier: partner.ourQualifier, id: partner.ourId, gsId: partner.ourGsId };
  const base = {
    from,
    to,
    poDate: ymd(now),
    shipNotBefore: ymd(new Date(now.getTime() + 7 * 86_400_000)),
    cancelAfter: ymd(new Date(now.getTime() + 60 * 86_400_000)),
    shipTo: { code: "0588", name: "Reno DC" },
  };
  const first = sample850({
    ...base,
    control: 9001,
    poNumber: "HV-40017",
    lines: [
      { qty: 24, ids: [["IN", refs[0].value]] },
      { qty: 12, ids: [["IN", refs[1].value]] },
      // More necklaces than the hub holds (14 at seed): the rest go to the artisans, so the demo PO
      // runs the whole loop — production, hub receive and QC, then pack, ship, 856 and 810.
      { qty: 24, ids: [["IN", refs[2].value]] },
    ],
  });
  const files: Array<[string, string]> = [
    ["850-9001.x12", first],
    ["850-9001-resent.x12", first],
    [
      "850-9002.x12",
      sample850({
        ...base,
        control: 9002,
        poNumber: "HV-40018",
        lines: [
          { qty: 24, ids: [["IN", refs[0].value]] },
          { qty: 12, ids: [["IN", "HV79999"]] },
        ],
      }),
    ],
  ];
  const dir = path.join(ediRoot(), "inbox", partner.folder);
  await mkdir(dir, { recursive: true });
  for (const [name, body] of files) await writeFile(path.join(dir, name), body);
  return [...files.map(([name]) => name), ...(await dropDemoDropShip(now))];
}

/** Brightline TV Shopping's drop-ship 850: one viewer's order of two pieces from stock, to ship from the hub in Brightline's name. */
async function dropDemoDropShip(now: Date): Promise<string[]> {
  const [partner] = await db.select().from(schema.ediPartners).where(eq(schema.ediPartners.theirId, "BRIGHTLINETV"));
  if (!partner?.folder || !FOLDER_NAME.test(partner.folder)) return [];
  const [ref] = await db
    .select({ value: schema.ediItemRefs.value })
    .from(schema.ediItemRefs)
    .where(and(eq(schema.ediItemRefs.partnerId, partner.id), eq(schema.ediItemRefs.qualifier, "IN")))
    .orderBy(asc(schema.ediItemRefs.id))
    .limit(1);
  if (!ref) return [];
  const name = "850-btv-7001.x12";
  const body = sampleDropShip850({
    from: { qualifier: partner.theirQualifier, id: partner.theirId, gsId: partner.theirGsId },
    to: { qualifier: partner.ourQualifier, id: partner.ourId, gsId: partner.ourGsId },
    control: 7001,
    poNumber: "BTV-2207001",
    poDate: ymd(now),
    lines: [{ qty: 2, ids: [["IN", ref.value]] }],
  });
  const dir = path.join(ediRoot(), "inbox", partner.folder);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, name), body);
  return [name];
}
