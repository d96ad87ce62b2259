/**
 * Documents we send: written with the partner's ids and delimiters, numbered from the partner's own
 * counter, kept in edi_documents and handed to the `edi_deliver` job in the same transaction.
 */
import { eq, sql } from "drizzle-orm";
import type { EdiPartner } from "#db/schema";
import { enqueueJob } from "~/lib/jobs/enqueue.server";
import { schema, type Executor } from "~/lib/db.server";
import { FUNCTIONAL_ID, type Segment } from "./model";
import { writeInterchange } from "./x12.server";

const { ediPartners, ediDocuments } = schema;

export type OutboundType = "997" | "855" | "856" | "810" | "846";

/** CCYYMMDD and HHMM in UTC (X12 carries no zone; our partners read UTC). */
export function x12Clock(now: Date) {
  const iso = now.toISOString();
  return { date: iso.slice(0, 10).replaceAll("-", ""), time: iso.slice(11, 16).replace(":", "") };
}

/** Whether the partner expects this kind of document from us. */
export const expects = (partner: EdiPartner, type: OutboundType) => partner.documentsOut.includes(type);

/**
 * Writes one outbound interchange of `type` (its sets' segments between ST and SE) and queues its
 * delivery; returns the document's id. The control number comes from the partner's counter under
 * the row lock the UPDATE takes, so two writers never share one.
 */
export async function writeDocument(
  tx: Executor,
  partner: EdiPartner,
  type: OutboundType,
  sets: Segment[][],
  about: { orderId?: number | null; transactionId?: number | null; reference?: string | null; now: Date },
): Promise<number> {
  const [{ control }] = await tx
    .update(ediPartners)
    .set({ nextControl: sql`${ediPartners.nextControl} + 1` })
    .where(eq(ediPartners.id, partner.id))
    .returning({ control: sql<number>`${ediPartners.nextControl} - 1` });
  const { date, time } = x12Clock(about.now);
  const raw = writeInterchange({
    sender: { qualifier: partner.ourQualifier, id: partner.ourId, gsId: partner.ourGsId },
    receiver: { qualifier: partner.theirQualifier, id: partner.theirId, gsId: partner.theirGsId },
    usage: partner.usage,
    delimiters: { element: partner.elementDelimiter, segment: partner.segmentTerminator, subElement: partner.subElementDelimiter },
    date,
    time,
    controlNumber: control,
    functionalId: FUNCTIONAL_ID[type],
    sets: sets.map((segments) => ({ type, segments })),
  });
  const [doc] = await tx
    .insert(ediDocuments)
    .values({
      partnerId: partner.id,
      type,
      controlNumber: control,
      raw,
      orderId: about.orderId ?? null,
      transactionId: about.transactionId ?? null,
      reference: about.reference ?? null,
      // Nobody acknowledges an acknowledgement.
      ackDueAt: type === "997" ? null : new Date(about.now.getTime() + partner.ackDueHours * 3_600_000),
    })
    .returning({ id: ediDocuments.id });
  await enqueueJob(tx, "edi_deliver", { documentId: doc.id }, { maxAttempts: 10, jobKey: `edi_deliver:${doc.id}` });
  return doc.id;
}
