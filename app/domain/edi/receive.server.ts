/**
 * Every inbound interchange comes through here, whichever door it used (ops upload, the partner's
 * HTTP endpoint, the watched inbox): read, matched to its partner by ISA sender (and, over HTTP, by
 * the token that sent it), stored raw and parsed once per (partner, ISA13) — the same control
 * number again changes nothing — and, in the same transaction, each group judged for its 997 and
 * each accepted set acted on (850 placed, 860 applied, the partner's 997 matched to what we sent).
 * A rejected set writes nothing but its own row, which says why.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { EdiPartner } from "#db/schema";
import { db, schema, type Executor } from "~/lib/db.server";
import { expects, writeDocument } from "./documents.server";
import { MAX_INTERCHANGE_BYTES } from "./forms";
import { FUNCTIONAL_ID, isaControl, isaReceiver, isaSender, isaUsage, type Interchange } from "./model";
import { applyChangeOrder } from "./changes.server";
import { processPurchaseOrder, type Problem } from "./purchase-orders.server";
import { ack997Segments, validateGroup, type SetVerdict } from "./validate";
import { readInterchange } from "./x12.server";

const { ediPartners, ediInterchanges, ediTransactions, ediDocuments } = schema;

export type Source = "upload" | "http" | "inbox";
export type SetOutcome = {
  type: string;
  control: string;
  status: string;
  poNumber?: string | null;
  orderNumber?: string;
  problems: Problem[];
};
export type ReceiveResult =
  | { ok: true; duplicate: boolean; interchangeId: number; status: "accepted" | "partial" | "rejected"; sets: SetOutcome[] }
  | { ok: false; status: 403 | 409 | 413 | 422; message: string };

const expectedFunctionalId = (type: string) => FUNCTIONAL_ID[type];

/** Problems for ops from a 997 verdict: which segment, element and code. */
function syntaxProblems(v: SetVerdict): Problem[] {
  if (!v.segments.length)
    return v.codes.map((code) => ({ code: `AK5-${code}`, message: SET_MESSAGES[code] ?? `Rejected (AK502 ${code}).` }));
  return v.segments.flatMap((s) =>
    s.elements.length
      ? s.elements.map((e) => ({
          code: `AK4-${e.code}`,
          message: `Segment ${s.tag} (position ${s.position}), element ${String(e.position).padStart(2, "0")}: ${ELEMENT_MESSAGES[e.code] ?? e.code}${e.value ? ` ("${e.value}")` : ""}.`,
        }))
      : [{ code: `AK3-${s.code}`, message: `Segment ${s.tag} (position ${s.position}): ${SEGMENT_MESSAGES[s.code] ?? s.code}.` }],
  );
}
const SET_MESSAGES: Record<string, string> = {
  "1": "This transaction set is not one the partner's profile receives.",
  "2": "The transaction set has no SE trailer.",
  "3": "SE02 does not match ST02.",
  "4": "SE01 does not match the number of segments.",
};
const SEGMENT_MESSAGES: Record<string, string> = {
  "1": "not a segment id",
  "2": "an envelope segment inside the set",
  "3": "required but missing",
};
const ELEMENT_MESSAGES: Record<string, string> = {
  "1": "required but empty",
  "4": "too short",
  "5": "too long",
  "6": "not a number or has a bad character",
  "7": "not a valid code",
  "8": "not a date (CCYYMMDD)",
};

export async function findPartnerBySender(executor: Executor, qualifier: string, id: string) {
  const [p] = await executor
    .select()
    .from(ediPartners)
    .where(and(eq(ediPartners.theirQualifier, qualifier), eq(ediPartners.theirId, id)));
  return p ?? null;
}

/**
 * Receives one interchange. `partnerId`: the partner the HTTP token belongs to (the ISA must name
 * it); `now`: the clock (tests). Refused whole (4xx, nothing stored) when it is not one readable
 * interchange from an active partner addressed to us, in the partner's usage (test/production).
 */
export async function receiveInterchange(input: {
  raw: string;
  source: Source;
  actor: string;
  partnerId?: number;
  now?: Date;
}): Promise<ReceiveResult> {
  const now = input.now ?? new Date();
  if (Buffer.byteLength(input.raw) > MAX_INTERCHANGE_BYTES)
    return { ok: false, status: 413, message: "The interchange is larger than 5 MB." };
  const read = readInterchange(input.raw);
  if (!read.ok) return { ok: false, status: 422, message: read.message };
  const ix = read.interchange;
  const sender = isaSender(ix);
  const partner = await findPartnerBySender(db, sender.qualifier, sender.id);
  if (!partner || (input.partnerId !== undefined && partner.id !== input.partnerId))
    return input.partnerId !== undefined
      ? { ok: false, status: 403, message: "The ISA sender is not the partner this token belongs to." }
      : { ok: false, status: 422, message: `No trading partner has the interchange id ${sender.qualifier}/${sender.id}.` };
  if (!partner.active) return { ok: false, status: 403, message: `${partner.name} is not active for EDI.` };
  const receiver = isaReceiver(ix);
  if (receiver.qualifier !== partner.ourQualifier || receiver.id !== partner.ourId)
    return {
      ok: false,
      status: 422,
      message: `The interchange is addressed to ${receiver.qualifier}/${receiver.id}, not to us (${partner.ourQualifier}/${partner.ourId}).`,
    };
  const usage = isaUsage(ix);
  if (usage !== partner.usage)
    return {
      ok: false,
      status: 422,
      message: `ISA15 is ${usage || "empty"} but ${partner.name} is set up for ${partner.usage === "T" ? "test (T)" : "production (P)"}.`,
    };
  const control = isaControl(ix);
  if (control === "NaN") return { ok: false, status: 422, message: "ISA13 is not a control number." };

  return db.transaction(async (tx) => {
    const [stored] = await tx
      .insert(ediInterchanges)
      .values({
        partnerId: partner.id,
        controlNumber: control,
        source: input.source,
        raw: input.raw,
        parsed: ix,
        status: "rejected",
        usage: partner.usage,
        receivedAt: now,
        receivedBy: input.actor,
      })
      .onConflictDoNothing({ target: [ediInterchanges.partnerId, ediInterchanges.controlNumber] })
      .returning({ id: ediInterchanges.id });
    if (!stored) {
      const [first] = await tx
        .select({ id: ediInterchanges.id, status: ediInterchanges.status })
        .from(ediInterchanges)
        .where(and(eq(ediInterchanges.partnerId, partner.id), eq(ediInterchanges.controlNumber, control)));
      return { ok: true, duplicate: true, interchangeId: first.id, status: first.status, sets: [] };
    }
    const sets = await actOnGroups(tx, partner, ix, stored.id, now);
    const taken = sets.filter((s) => s.status !== "rejected").length;
    const status = taken === 0 ? "rejected" : taken === sets.length ? "accepted" : "partial";
    await tx.update(ediInterchanges).set({ status }).where(eq(ediInterchanges.id, stored.id));
    return { ok: true, duplicate: false, interchangeId: stored.id, status, sets };
  });
}

async function actOnGroups(tx: Executor, partner: EdiPartner, ix: Interchange, interchangeId: number, now: Date): Promise<SetOutcome[]> {
  const outcomes: SetOutcome[] = [];
  const supported = [...partner.documentsIn, "997"];
  for (const group of ix.groups) {
    const verdict = validateGroup(group, supported, expectedFunctionalId);
    for (const [i, set] of group.sets.entries()) {
      const v = verdict.sets[i];
      const [row] = await tx
        .insert(ediTransactions)
        .values({
          interchangeId,
          partnerId: partner.id,
          groupControl: verdict.control,
          controlNumber: v.control,
          type: v.type,
          status: v.accepted ? "held" : "rejected",
          problems: v.accepted ? [] : syntaxProblems(v),
          segments: set.segments,
          processedAt: now,
        })
        .returning();
      if (!v.accepted) {
        outcomes.push({ type: v.type, control: v.control, status: "rejected", problems: row.problems });
        continue;
      }
      if (v.type === "850") {
        const r = await processPurchaseOrder(tx, partner, row, now);
        outcomes.push({
          type: v.type,
          control: v.control,
          status: r.status,
          poNumber: r.poNumber,
          orderNumber: r.order?.orderNumber,
          problems: r.problems,
        });
      } else if (v.type === "860") {
        const r = await applyChangeOrder(tx, partner, row, now);
        outcomes.push({ type: v.type, control: v.control, status: r.status, problems: r.problems });
      } else if (v.type === "997") {
        await applyAcknowledgement(tx, partner, set.segments);
        await tx.update(ediTransactions).set({ status: "changed" }).where(eq(ediTransactions.id, row.id));
        outcomes.push({ type: v.type, control: v.control, status: "changed", problems: [] });
      }
    }
    // Nobody acknowledges an acknowledgement.
    if (verdict.functionalId !== "FA" && expects(partner, "997"))
      await writeDocument(tx, partner, "997", [ack997Segments(verdict)], { reference: `Group ${verdict.control}`, now });
  }
  return outcomes;
}

/**
 * The partner's 997 for documents of ours: AK1 names our group (GS06 = our control number); AK9 A or
 * P marks it acknowledged, R rejected.
 */
async function applyAcknowledgement(tx: Executor, partner: EdiPartner, segments: Array<{ tag: string; elements: string[] }>) {
  const ak1 = segments.find((s) => s.tag === "AK1");
  const ak9 = segments.find((s) => s.tag === "AK9");
  const control = Number(ak1?.elements[1]);
  if (!ak1 || !ak9 || !Number.isInteger(control)) return;
  const status = ak9.elements[0] === "R" ? "rejected" : "acknowledged";
  await tx
    .update(ediDocuments)
    .set({ status, acknowledgedAt: new Date() })
    .where(
      and(
        eq(ediDocuments.partnerId, partner.id),
        eq(ediDocuments.controlNumber, control),
        inArray(ediDocuments.status, ["pending", "sent", "failed"]),
      ),
    );
}
