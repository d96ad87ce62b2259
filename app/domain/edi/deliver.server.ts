/**
 * Delivery of our documents (the `edi_deliver` job): into the partner's outbox folder
 * (EDI_DIR/outbox/<folder>/, written whole then renamed, so a partner's pick-up never sees half a
 * file) and POSTed to its endpoint. A failure throws, and graphile-worker tries again with its
 * exponential backoff (10 attempts over about 3 hours); the last failure marks the document failed.
 * The inbox folder is watched by `edi_scan_inbox`.
 */
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { db, schema } from "~/lib/db.server";
import { envNow } from "~/lib/env.server";
import { receiveInterchange } from "./receive.server";

const { ediDocuments, ediPartners } = schema;

export const DELIVERY_ATTEMPTS = 10;
/** A partner's folder name: letters, digits, dot, dash and underscore (never a path). */
export const FOLDER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** EDI_DIR, or a folder beside the database's (`.data/postgres-edi`), so two installs never share an inbox. */
export function ediRoot() {
  const { EDI_DIR, SOKO_DATA_DIR } = envNow("EDI_DIR", "SOKO_DATA_DIR");
  return path.resolve(EDI_DIR ?? `${SOKO_DATA_DIR}-edi`);
}

export type Delivery = { documentId: number; fetch?: typeof fetch; attempt?: number; maxAttempts?: number };

export async function deliverDocument({
  documentId,
  fetch: fetchImpl = fetch,
  attempt = 1,
  maxAttempts = DELIVERY_ATTEMPTS,
}: Delivery): Promise<"sent" | "no_route" | "gone"> {
  const [row] = await db
    .select({ doc: ediDocuments, partner: ediPartners })
    .from(ediDocuments)
    .innerJoin(ediPartners, eq(ediPartners.id, ediDocuments.partnerId))
    .where(eq(ediDocuments.id, documentId));
  if (!row) return "gone";
  const { doc, partner } = row;
  if (!partner.folder && !partner.endpointUrl) {
    await db
      .update(ediDocuments)
      .set({ lastError: "The partner has no outbox folder or endpoint: nothing was sent." })
      .where(eq(ediDocuments.id, doc.id));
    return "no_route";
  }
  try {
    if (partner.folder && FOLDER_NAME.test(partner.folder)) {
      const dir = path.join(ediRoot(), "outbox", partner.folder);
      await mkdir(dir, { recursive: true });
      const name = `${doc.type}-${String(doc.controlNumber).padStart(9, "0")}.x12`;
      await writeFile(path.join(dir, `.${name}.tmp`), doc.raw);
      await rename(path.join(dir, `.${name}.tmp`), path.join(dir, name));
    }
    if (partner.endpointUrl) {
      const response = await fetchImpl(partner.endpointUrl, {
        method: "POST",
        headers: { "Content-Type": "application/edi-x12", "X-Soko-Document": `${doc.type}-${doc.controlNumber}` },
        body: doc.raw,
        signal: AbortSignal.timeout(30_000),
      });
      if (!response.ok) throw new Error(`${partner.endpointUrl} answered ${response.status}`);
    }
  } catch (error) {
    const message = (error as Error).message.slice(0, 500);
    await db
      .update(ediDocuments)
      .set({
        attempts: sql`${ediDocuments.attempts} + 1`,
        lastError: message,
        ...(attempt >= maxAttempts ? { status: "failed" as const } : {}),
      })
      .where(eq(ediDocuments.id, doc.id));
    throw error;
  }
  await db
    .update(ediDocuments)
    .set({
      attempts: sql`${ediDocuments.attempts} + 1`,
      lastError: null,
      sentAt: sql`coalesce(${ediDocuments.sentAt}, now())`,
      // A 997 may have come back before our own bookkeeping did.
      status: sql`case when ${ediDocuments.status} in ('acknowledged', 'rejected') then ${ediDocuments.status} else 'sent' end`,
    })
    .where(eq(ediDocuments.id, doc.id));
  return "sent";
}

export const ediDeliverTask: Task = async (payload, helpers) => {
  const { documentId } = payload as { documentId: number };
  await deliverDocument({ documentId, attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts });
};

/**
 * The watched inbox (`edi_scan_inbox`, every minute): each file in EDI_DIR/inbox/<partner folder>/
 * is received as that partner's (its ISA must name the partner), then moved to `processed/` — or to
 * `failed/` with a `.reason.txt` beside it when it could not be read as an interchange at all.
 */
export async function scanInbox(now?: Date): Promise<Array<{ file: string; result: string }>> {
  const partners = await db
    .select({ id: ediPartners.id, folder: ediPartners.folder })
    .from(ediPartners)
    .where(eq(ediPartners.active, true));
  const done: Array<{ file: string; result: string }> = [];
  for (const partner of partners) {
    if (!partner.folder || !FOLDER_NAME.test(partner.folder)) continue;
    const dir = path.join(ediRoot(), "inbox", partner.folder);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.sort()) {
      if (name.startsWith(".")) continue;
      const file = path.join(dir, name);
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) continue;
      // The worker's scan and ops' "read now" may meet: a file the other already moved is skipped.
      const raw = await readFile(file, "utf8").catch(() => null);
      if (raw === null) continue;
      const result = await receiveInterchange({ raw, source: "inbox", actor: `inbox:${partner.folder}`, partnerId: partner.id, now });
      const to = path.join(dir, result.ok ? "processed" : "failed");
      await mkdir(to, { recursive: true });
      // Moved already by the other reader (which received the same interchange: a duplicate here).
      const moved = await rename(file, path.join(to, name)).then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          if (error.code === "ENOENT") return false;
          throw error;
        },
      );
      if (!moved) continue;
      if (!result.ok) await writeFile(path.join(to, `${name}.reason.txt`), `${result.message}\n`);
      else await unlink(path.join(to, `${name}.reason.txt`)).catch(() => {});
      done.push({ file: name, result: result.ok ? (result.duplicate ? "duplicate" : result.status) : `refused: ${result.message}` });
    }
  }
  return done;
}

export const ediScanInboxTask: Task = async () => {
  await scanInbox();
};
